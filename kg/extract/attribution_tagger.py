"""The trained span tagger of the attribution extractor and the linker that turns its spans into frames.

A spaCy ``tagger`` trained on PolNeAR train (bench/train_attribution_model.py, config in
data/models/attribution/tagger.cfg) gives every token a BIO tag for CUE, SRC (source) or CON (content). It has its
own small tok2vec that reads the host pipeline's annotations (TAG, DEP, entity types) and its token vectors
(``doc.tensor``), so it runs on the doc kg.nlp.load() made, after the whole pipeline, and only its scores are read:
the doc's own tags are never overwritten.

The linker groups the spans into frames: each content links to the nearest cue in its sentence (else a few tokens into
the sentence before or after, same paragraph; the cue that governs the content in the parse is preferred);
contents sharing a cue are the parts of one content ("A," he said, "B."); the source is the tagged source span
holding the cue's syntactic subject, else the nearest tagged source in the cue's sentence outside the content, else
the subject's phrase, else none (PolNeAR's Attribution-no-source); a "content" that is the cue's own subject is
the source instead, and a source cut inside a name is widened to the name. Contents with no cue near them are
dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan
from spacy.util import registry
from thinc.api import Maxout, Model, NumpyOps, chain, concatenate, with_array
from threadpoolctl import ThreadpoolController

from kg.extract.frames import Frame, source_phrase, subject_of, trim
from kg.extract.model_files import checked_model
from kg.extract.names import name_tokens
from kg.resources import resource

MODEL_FOLDER = ("data", "models", "attribution")
#: The ensemble's members, each a spaCy pipeline folder in MODEL_FOLDER (bench/train_attribution_model.py).
MODEL_NAMES = ("tagger",)
#: How far (tokens) a content may sit from its cue when they are not in the same sentence.
MAX_CROSS_SENTENCE_GAP = 30
#: A content shorter than this (tokens, punctuation excluded) is noise ("it", a stray quote mark).
MIN_CONTENT_TOKENS = 2

TokenRange = tuple[int, int, float]  # first token, end token (exclusive), mean probability of the tags


@registry.architectures("kg.HostTensorEmbed.v1")
def host_tensor_embed(width: int, attrs: list[str], rows: list[int], host_width: int = 96) -> Model:
    """Hash embeddings of the token's attributes (as spaCy's MultiHashEmbed) beside the host pipeline's own
    contextual token vectors (``doc.tensor``, set by its tok2vec, never updated here), mixed down to ``width``.
    The host vectors were trained on far more text than PolNeAR train, which the attribution tags alone are not."""
    from spacy.ml.models.tok2vec import MultiHashEmbed

    embed = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
    mix = Maxout(nO=width, nI=width + host_width, nP=3, dropout=0.0, normalize=True)
    return chain(concatenate(embed, _host_tensor(host_width)), with_array(mix))


def _host_tensor(width: int) -> Model:
    def forward(model: Model, docs: list[Doc], is_train: bool):  # type: ignore[no-untyped-def]
        arrays = []
        for doc in docs:
            tensor = doc.tensor
            if tensor is None or tensor.shape != (len(doc), width):
                tensor = numpy.zeros((len(doc), width), dtype="float32")  # a doc made without the host tok2vec
            arrays.append(model.ops.asarray2f(tensor))
        return arrays, lambda gradients: []

    return Model("host_tensor", forward, dims={"nO": width})


class Taggers:
    """The shipped taggers, read as one: their tag probabilities are averaged. One is shipped: on PolNeAR dev,
    averaging it with taggers trained otherwise gave no better scores at two to three times the cost
    (bench/train_attribution_model.py).

    Their matrix products go to numpy's BLAS (OpenBLAS), held to one thread, instead of thinc's default BLIS: for
    this model's layer shapes OpenBLAS is twice as fast on one core, and one thread keeps a worker on its own core.
    Their maxout layers take the largest piece without recording which one won (:class:`_InferenceOps`).
    """

    def __init__(self, pipes: list[Any]) -> None:
        self.pipes = pipes
        self.labels = list(pipes[0].labels)
        if any(list(pipe.labels) != self.labels for pipe in pipes):
            raise ValueError("the shipped attribution taggers disagree on their labels")
        self.blas = ThreadpoolController()

    def probabilities(self, doc: Doc) -> numpy.ndarray:
        """One row per token, one column per label."""
        with self.blas.limit(limits=1, user_api="blas"):
            return self._probabilities(doc)

    def _probabilities(self, doc: Doc) -> numpy.ndarray:
        total = None
        for pipe in self.pipes:
            logits = pipe.model.predict([doc])[0]  # built with normalize = false: softmax here
            logits = logits - logits.max(axis=1, keepdims=True)
            scores = numpy.exp(logits)
            scores /= scores.sum(axis=1, keepdims=True)
            total = scores if total is None else total + scores
        return total / len(self.pipes)


class _InferenceOps(NumpyOps):
    """thinc's numpy ops for a model that only predicts. thinc's maxout also finds which piece won, for training;
    the largest of three pieces taken as two element-wise maxima is the same value at about a sixth of the cost
    (maxout was a tenth of the tagger's time)."""

    def maxout(self, X: Any) -> tuple[Any, Any]:
        if X.shape[-1] == 3:
            return numpy.maximum(numpy.maximum(X[..., 0], X[..., 1]), X[..., 2]), None
        return X.max(axis=-1), None  # no backprop: which piece won is never read


@lru_cache(maxsize=1)
def load_tagger() -> Taggers:
    """The shipped taggers, their files checked against the folder's metadata.json first: a missing or altered file
    raises ModelError naming it (extraction never falls back to the rules alone without saying so)."""
    import spacy

    folder = resource(*MODEL_FOLDER)
    for name in MODEL_NAMES:
        checked_model(folder, name)
    pipes = [spacy.load(folder / name).get_pipe("tagger") for name in MODEL_NAMES]
    ops = _InferenceOps(use_blis=False)  # numpy's BLAS: see Taggers
    for pipe in pipes:
        for layer in pipe.model.walk():
            layer.ops = ops
    return Taggers(pipes)


def tagged_spans(doc: Doc, tagger: Taggers) -> dict[str, list[TokenRange]]:
    """CUE, SRC and CON token ranges from the taggers' most likely tag per token (an I- after another role opens a
    span, as a B- does); whitespace tokens and paragraph breaks close a span."""
    found: dict[str, list[TokenRange]] = {"CUE": [], "SRC": [], "CON": []}
    if len(doc) == 0:
        return found
    scores = tagger.probabilities(doc)
    labels = tagger.labels
    best = scores.argmax(axis=1)
    role: str | None = None
    start = 0
    total = 0.0

    def close(end: int) -> None:
        if role is not None and end > start:
            found[role].append((start, end, total / (end - start)))

    for i, (label_index, is_space) in enumerate(zip(best.tolist(), doc.to_array(IS_SPACE).tolist())):
        label = labels[label_index]
        tag_role = None if label == "O" or is_space else label[2:]
        if tag_role is None or label.startswith("B-") or tag_role != role:
            close(i)
            role, start, total = tag_role, i, 0.0
        total += float(scores[i, label_index])
    close(len(doc))
    return found


class _Layout:
    """Sentence and paragraph of every token, computed once (``Token.sent`` walks the doc on each call)."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.bounds = [(sentence.start, sentence.end) for sentence in doc.sents]
        self.sentence: list[int] = numpy.repeat(numpy.arange(len(self.bounds)),
                                                [end - start for start, end in self.bounds]).tolist()
        # a token's paragraph is the number of line breaks before it
        breaks = [match.start() for match in re.finditer("\n", self.text)]
        self.paragraph: list[int] = numpy.searchsorted(breaks, doc.to_array(IDX), side="left").tolist()


def tagged_frames(doc: Doc, tagger: Taggers) -> list[Frame]:
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
        subject = subject_of(head)
        contents, source = _subject_as_source(doc, subject, contents)
        parts = [trim(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b, _ in sorted(contents)]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            continue
        if source is None:
            source = _source(doc, layout, subject, cue_start, cue_end, contents, spans["SRC"])
        direct = all(text[s] in "\"“'‘" for s, _ in parts)
        probability = sum(p for _, _, p in contents) / len(contents)
        frame = Frame(head, (doc[cue_start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1].text)), source,
                      parts, direct, "tagger")
        frame.features["probability"] = min(probability, cue_probability)
        frames.append(frame)
    return frames


def _subject_as_source(doc: Doc, subject: Token | None,
                       contents: list[TokenRange]) -> tuple[list[TokenRange], DocSpan | None]:
    """A "content" that is the cue's own subject ("[Scott's family] has called on police to ...", "an explosion
    that [Mayor Bill de Blasio] described as ...") is its source: the tagger reads a name before a cue as content
    when the content follows too."""
    if subject is None:
        return contents, None
    subtree = {t.i for t in subject.subtree}
    for content in contents:
        start, end, _ = content
        if start <= subject.i < end and all(i in subtree for i in range(start, end)):
            return [c for c in contents if c is not content], doc[start:end]
    return contents, None


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


def _source(doc: Doc, layout: _Layout, subject: Token | None, cue_start: int, cue_end: int, contents: list[TokenRange],
            sources: list[TokenRange]) -> DocSpan | None:
    found = _tagged_or_parsed_source(doc, layout, subject, cue_start, cue_end, contents, sources)
    return _whole_name(doc, found) if found is not None else None


def _whole_name(doc: Doc, span: DocSpan) -> DocSpan:
    """A tagged source cut inside a name ("[Bill de] Blasio") widened to the whole name it is part of, and one
    that starts at or after a possessive ("Azerbaijan['s prosecutor-general's office]") widened to its owner."""
    owners = [child.left_edge.i for token in span for child in token.children
              if child.dep_ == "poss" and child.i < span.start]
    if owners:
        span = doc[min(owners):span.end]
    top = span.root
    while top.dep_ in ("compound", "flat") and top.head.i != top.i and top.head.pos_ == "PROPN":
        top = top.head
    run = name_tokens(top)
    if not run:
        return span
    return doc[min(span.start, run[0].i):max(span.end, run[-1].i + 1)]


def _tagged_or_parsed_source(doc: Doc, layout: _Layout, subject: Token | None, cue_start: int, cue_end: int,
                             contents: list[TokenRange], sources: list[TokenRange]) -> DocSpan | None:
    sentence = layout.sentence[cue_start]
    inside = [(a, b) for a, b, _ in contents]
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
