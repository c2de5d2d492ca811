"""The trained span tagger of the attribution extractor and the linker that turns its spans into frames.

A spaCy ``tagger`` trained on PolNeAR train (bench/train_attribution_model.py, config in
data/models/attribution/tagger.cfg) gives every token a BIO tag for CUE, SRC (source) or CON (content). It has its
own small tok2vec that reads the host parse (TAG, DEP), so it runs on the doc kg.nlp.load() made, after the parser,
and only its scores are read: the doc's own tags are never overwritten.

The linker groups the spans into frames: each content links to the nearest cue in its sentence (else a few tokens into
the sentence before or after, same paragraph; the cue that governs the content in the parse is preferred);
contents sharing a cue are the parts of one content ("A," he said, "B."); the source is the tagged source span
holding the cue's syntactic subject, else the nearest tagged source in the cue's sentence outside the content, else
the subject's phrase, else none (PolNeAR's Attribution-no-source). Contents with no cue near them are dropped.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.frames import Frame, source_phrase, subject_of, trim
from kg.resources import resource

MODEL_PATH = ("data", "models", "attribution", "tagger")
#: How far (tokens) a content may sit from its cue when they are not in the same sentence.
MAX_CROSS_SENTENCE_GAP = 30
#: A content shorter than this (tokens, punctuation excluded) is noise ("it", a stray quote mark).
MIN_CONTENT_TOKENS = 2

TokenRange = tuple[int, int, float]  # first token, end token (exclusive), mean probability of the tags


@lru_cache(maxsize=1)
def load_tagger() -> Any | None:
    """The shipped tagger pipe, or None when it is not installed (the rules then work alone)."""
    path = resource(*MODEL_PATH)
    if not (path / "config.cfg").exists():
        return None
    import spacy

    return spacy.load(path).get_pipe("tagger")


def tagged_spans(doc: Doc, tagger: Any) -> dict[str, list[TokenRange]]:
    """CUE, SRC and CON token ranges from the tagger's most likely tag per token (an I- after another role opens a
    span, as a B- does); whitespace tokens and paragraph breaks close a span."""
    found: dict[str, list[TokenRange]] = {"CUE": [], "SRC": [], "CON": []}
    if len(doc) == 0:
        return found
    logits = tagger.model.predict([doc])[0]  # the model is built with normalize = false: softmax here
    logits = logits - logits.max(axis=1, keepdims=True)
    scores = numpy.exp(logits)
    scores /= scores.sum(axis=1, keepdims=True)
    labels = tagger.labels
    best = scores.argmax(axis=1)
    role: str | None = None
    start = 0
    total = 0.0

    def close(end: int) -> None:
        if role is not None and end > start:
            found[role].append((start, end, total / (end - start)))

    for i, token in enumerate(doc):
        label = labels[int(best[i])]
        tag_role = None if label == "O" or token.is_space else label[2:]
        if tag_role is None or label.startswith("B-") or tag_role != role:
            close(i)
            role, start, total = tag_role, i, 0.0
        total += float(scores[i, best[i]])
    close(len(doc))
    return found


class _Layout:
    """Sentence and paragraph of every token, computed once (``Token.sent`` walks the doc on each call)."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.sentence = [0] * len(doc)
        self.bounds: list[tuple[int, int]] = []
        for number, sentence in enumerate(doc.sents):
            self.bounds.append((sentence.start, sentence.end))
            for i in range(sentence.start, sentence.end):
                self.sentence[i] = number
        self.paragraph = [0] * len(doc)
        breaks = 0
        previous = 0
        for token in doc:
            breaks += self.text.count("\n", previous, token.idx)
            previous = token.idx
            self.paragraph[token.i] = breaks


def tagged_frames(doc: Doc, tagger: Any) -> list[Frame]:
    """Frames from the tagger's spans, linked as the module docstring says."""
    spans = tagged_spans(doc, tagger)
    if not spans["CON"] or not spans["CUE"]:
        return []
    layout = _Layout(doc)
    text = layout.text
    cues = spans["CUE"]
    by_cue: dict[int, list[TokenRange]] = {}
    for content in spans["CON"]:
        if sum(1 for t in doc[content[0]:content[1]] if not t.is_punct) < MIN_CONTENT_TOKENS:
            continue
        cue_index = _nearest_cue(doc, layout, content, cues)
        if cue_index is not None:
            by_cue.setdefault(cue_index, []).append(content)
    frames = []
    for cue_index, contents in by_cue.items():
        cue_start, cue_end, cue_probability = cues[cue_index]
        head = _head(doc[cue_start:cue_end])
        parts = [trim(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b, _ in sorted(contents)]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            continue
        source = _source(doc, layout, head, cue_start, cue_end, contents, spans["SRC"])
        direct = all(text[s] in "\"“'‘" for s, _ in parts)
        probability = sum(p for _, _, p in contents) / len(contents)
        frame = Frame(head, (doc[cue_start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1].text)), source,
                      parts, direct, "tagger")
        frame.features["probability"] = min(probability, cue_probability)
        frames.append(frame)
    return frames


def _head(span: DocSpan) -> Token:
    """The cue's head token: verbs first ("has said"), else the span's syntactic root."""
    verbs = [t for t in span if t.pos_ == "VERB"]
    return verbs[-1] if verbs else span.root


def _nearest_cue(doc: Doc, layout: _Layout, content: TokenRange, cues: list[TokenRange]) -> int | None:
    """The cue that governs the content in the parse ("said ... that X": said is an ancestor of X's root), else the
    nearest in the content's sentence(s), else the nearest within a few tokens in the sentence before or after;
    never in another paragraph. The parse link keeps "said in a statement late Saturday that ..." from linking to
    a stray "Saturday" tag that happens to be nearer."""
    start, end, _ = content
    first_sentence, last_sentence = layout.sentence[start], layout.sentence[end - 1]
    paragraph = layout.paragraph[start]
    ancestors = {t.i for t in doc[start:end].root.ancestors}
    best: tuple[tuple[int, int, int], int] | None = None
    for index, (cue_start, cue_end, _) in enumerate(cues):
        if cue_end <= start:
            gap = start - cue_end
        elif cue_start >= end:
            gap = cue_start - end
        else:
            continue
        if gap > 200 or layout.paragraph[cue_start] != paragraph:
            continue
        same = first_sentence <= layout.sentence[cue_start] <= last_sentence
        if not same and gap > MAX_CROSS_SENTENCE_GAP:
            continue
        governs = any(i in ancestors for i in range(cue_start, cue_end))
        rank = (0 if same else 1, 0 if governs else 1, gap)
        if best is None or rank < best[0]:
            best = (rank, index)
    return best[1] if best is not None else None


def _source(doc: Doc, layout: _Layout, head: Token, cue_start: int, cue_end: int, contents: list[TokenRange],
            sources: list[TokenRange]) -> DocSpan | None:
    sentence = layout.sentence[cue_start]
    inside = [(a, b) for a, b, _ in contents]
    subject = subject_of(head)
    if subject is not None:  # the tagged source the parse names as the cue's subject, when there is one
        for start, end, _ in sources:
            if start <= subject.i < end:
                return doc[start:end]
    best: tuple[int, DocSpan] | None = None
    for start, end, _ in sources:
        if layout.sentence[start] != sentence or any(a <= start < b for a, b in inside):
            continue
        gap = start - cue_end if start >= cue_end else cue_start - end
        if best is None or abs(gap) < best[0]:
            best = (abs(gap), doc[start:end])
    if best is not None:
        return best[1]
    if subject is not None and not any(a <= subject.i < b for a, b in inside):
        return source_phrase(doc, subject)
    return None
