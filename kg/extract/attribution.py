"""Attributed claims: who put forward what, with which stance, anchored to exact text.

    claims = extract_attributions(nlp(article.text), article)

One direction, each stage in its own module:

1. **candidates**: rules over the dependency parse propose frames (frames.py: cue, source, content; marks.py: dash
   and speaker-colon attributions), with quotations found in the raw text (quotes.py) and a logistic-regression
   filter trained on PolNeAR train (attribution_model.py) keeping the likely ones; a span tagger trained on PolNeAR
   train (attribution_tagger.py) proposes its own frames;
2. **link** (here): one frame per content, the tagger's first and the rules filling in (``_merge_tagged``), split
   quotes continued; this fixes each frame's cue, source phrase and content;
3. **naming** (speakers.py, with names.py and references.py): who the source phrase names, pronouns and
   descriptions resolved in the article;
4. **stance** (stance.py): the cue's stance, turned by negation, refusal, request and modals;
5. **claimhood** (claimhood.py): whether the attribution is a claim at all, and if not why.

Stages 1-2 are PolNeAR's attribution layer (bench/attribution.py scores it); stages 3-5 decide what is stored. Word
lists live in data/lexicon/; the cue lexicon and the filter are rebuilt by bench/train_attribution.py, the tagger by
bench/train_attribution_model.py. Narrator claims are not made here.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract.attribution_model import features, load_filter
from kg.extract.attribution_tagger import load_tagger, tagged_frames
from kg.extract.claimhood import CONFRONTATIONAL, SPEECH_ACT_PRECISION, not_a_claim, speech_act
from kg.extract.frames import Frame, QuoteIndex, find_frames, paragraph_of, trim
from kg.extract.lexicon import Lexicon, lexicon
from kg.extract.marks import colon_frames, dash_frames
from kg.extract.quotes import find_quotes
from kg.extract.names import written_name
from kg.extract.references import SpeakerIndex
from kg.extract.speakers import (conjuncts, delayed_identification, is_speaker_name, mention_for, passed_on, placed,
                                 quoted_as_saying, source_of_relative)
from kg.extract.stance import stance_of
from kg.types import Article, Claim, Mention, Span

#: Errors this module recovers from (a frame or the tagger lost, never the article); the ingest summary counts them.
logger = logging.getLogger(__name__)

EXTRACTOR = "attribution-rules"
EXTRACTOR_TRAINED = "attribution-rules+filter"
EXTRACTOR_TAGGER = "attribution-tagger"
#: Without the trained filter, a lemma must head a gold cue this often in train to count (tuned on dev, see bench).
CUE_THRESHOLD = 0.3
#: With the filter, the rules propose every lemma above this and the filter decides.
CANDIDATE_THRESHOLD = 0.05
#: Cues as reliable in train as SPEECH_ACT_PRECISION (say, tell, add, note ...), or with a confrontational curated
#: stance, pass the filter at this cut.
SPEECH_ACT_CUT = 0.35
#: Curated stances whose cues get that cut too (on PolNeAR dev, adding promise, predict, praise, question and concede
#: cues as well admitted more wrong attributions than right ones: full F1 0.6586 against 0.6592).
LOWERED_CUT_STANCES = CONFRONTATIONAL
#: Tagger frames below this probability (the lower of the content's and the cue's mean tag probability) are
#: dropped and the rules speak there instead; a sweep on PolNeAR dev (0.5-0.65 for the shipped tagger) put it here.
TAGGER_CUT = 0.6
#: Rule frames of these kinds stay beside a tagger frame they enclose, cue and all: "In a call, Putin urged that X,
#: according to Tass" is two attributions in PolNeAR, and the tagger keeps only the inner one. Other kinds, tried
#: on dev, cost more precision than they gave recall.
NESTED_KINDS = ("according",)
#: Cues whose direct object is the hearer ("told [the Times] that ..."), not what was said.
_HEARER_VERBS = frozenset({"tell", "inform", "assure", "remind", "notify", "advise", "brief", "warn", "persuade",
                           "convince"})
#: Words that join another speaker's clause to reported content ("X told the Times Y while Z said W").
_OTHER_SPEAKER_JOINS = frozenset({"while", "whereas", "and", "but"})
#: How many following quotations may join a split quote ("A," he said. "B." "C.").
MAX_CONTINUED_QUOTES = 3

__all__ = ["EXTRACTOR", "candidate_frames", "extract_attributions"]


def candidate_frames(doc: Doc, threshold: float) -> tuple[list[Frame], QuoteIndex]:
    """Every rule frame whose cue lemma reaches ``threshold`` (training reads these too)."""
    quotes = QuoteIndex(find_quotes(doc.text))
    frames = find_frames(doc, quotes, lexicon(), threshold) + dash_frames(doc, quotes) + colon_frames(doc, quotes)
    for frame in frames:
        # A part never runs past its paragraph: quotes are found per paragraph, so only a bad sentence split
        # (a headline run into the body, "according to" over a break) could make one, and PolNeAR never does.
        clipped = [(start, min(end, paragraph_of(doc.text, start)[1])) for start, end in frame.content]
        frame.content = [trim(doc.text, start, end) for start, end in clipped if end > start]
    frames = [frame for frame in frames if frame.content and frame.content[0][1] > frame.content[0][0]]
    return frames, quotes


def extract_attributions(doc: Doc, article: Article) -> list[Claim]:
    """Every attributed claim in the article, in text order. ``doc`` must be ``nlp(article.text)``."""
    return [claim for claim, reason in attributions(doc, article) if reason is None]


def attributions(doc: Doc, article: Article) -> list[tuple[Claim, str | None]]:
    """Every attribution in the article, in text order, each with the reason it is not a claim (None for claims).

    The attribution layer is PolNeAR's notion (bench/attribution.py scores all of it); the claims layer keeps only
    communication and cognition acts with a nameable speaker, a stance and content that says something."""
    if doc.text != article.text:
        raise ValueError(f"{article.origin}: the spaCy doc was not made from this article's text")
    words = lexicon()
    model = load_filter()
    frames, quotes = candidate_frames(doc, CANDIDATE_THRESHOLD if model else CUE_THRESHOLD)
    if model is not None:
        for frame in frames:
            frame.features["probability"] = model.probability(features(doc, frame, quotes))
        frames = [frame for frame in frames if frame.features["probability"] >= _cut(frame, model.threshold, words)]
    frames = _drop_duplicates(frames)
    tagger = load_tagger()
    if tagger is not None:
        try:
            tagged = [f for f in tagged_frames(doc, tagger) if f.features["probability"] >= TAGGER_CUT]
            frames = _merge_tagged(frames, tagged)
        except (IndexError, ValueError):
            # an odd doc the tagger cannot carry keeps the rule frames, never loses the article
            logger.warning("%s: the attribution tagger failed; the rule-based attributions are kept",
                           article.origin, exc_info=True)
    _continue_split_quotes(doc, frames, quotes, words)  # the rules' frames and the tagger's, once merged
    starts = [token.idx for token in doc]  # token start offsets, for the look-ups by character below
    for frame in frames:
        frame.content = _in_reach(doc, frame, quotes, starts)
    _stop_at_other_speakers(doc, frames, quotes, starts)
    frames = [frame for frame in frames if frame.content]
    speakers = SpeakerIndex(doc, words, quotes.quotes)
    found: list[tuple[Claim, str | None]] = []
    for frame in sorted(frames, key=lambda f: f.cue.idx):
        try:
            extractor = EXTRACTOR_TAGGER if frame.kind == "tagger" else EXTRACTOR_TRAINED if model else EXTRACTOR
            found.extend(_claims(doc, frame, speakers, words, extractor))
        except (IndexError, ValueError):
            # one frame the parse could not carry is lost, never the article
            logger.warning("%s: the attribution at character %d (cue %r) was dropped", article.origin,
                           frame.cue.idx, frame.cue.text, exc_info=True)
            continue
    return delayed_identification(doc, found)


def _in_reach(doc: Doc, frame: Frame, quotes: QuoteIndex, starts: list[int]) -> list[tuple[int, int]]:
    """The content parts a cue can report: in its own sentence, or inside a quotation, up to its end (a quote runs
    over sentences; reported speech does not, nor the narration after a quote). The tagger sometimes tags the end
    of the previous sentence as content ("... and fled the scene. Police said alcohol was a factor")."""
    sentence = frame.cue.sent
    kept = []
    for start, end in frame.content:
        if start < sentence.end_char and sentence.start_char < end:
            kept.append((start, end))
        elif (quote := quotes.containing(start + 1)) is not None:
            kept.append((start, min(end, quote.end)))  # kept for its quotation, it ends with it
        elif doc.text[start:start + 1] in "\"“‘'":
            kept.append((start, end))
    if kept:
        start, end = kept[0]
        if frame.cue_span[0] <= start < frame.cue_span[1]:
            # "called [for] calm": "for" is the cue's; the content starts at the next word
            start = end - len(doc.text[frame.cue_span[1]:end].lstrip())
        kept[0] = (_past_hearer(doc, frame, start, starts), end)
        kept = [(start, end) for start, end in kept if end > start]
    return kept


def _stop_at_other_speakers(doc: Doc, frames: list[Frame], quotes: QuoteIndex, starts: list[int]) -> None:
    """Reported content ends where another speaker's clause begins: "Kelly told the Times there was nothing to
    indicate X while John Cerar said Y" gives Kelly "there was nothing to indicate X", not Cerar's words too. An
    attribution nested in the content ("what it calls X", "that her department was suing") and a cue inside a
    quotation cut nothing."""
    joined = [other for other in frames if quotes.containing(other.cue.idx) is None]
    for other in joined:
        begins = min(other.source.start_char if other.source is not None else other.cue.idx, other.cue.idx)
        first = bisect_left(starts, begins)  # the first token of the other speaker's clause
        words = [t for t in doc[max(0, first - 3):first] if not t.is_punct]
        if not words or words[-1].lower_ not in _OTHER_SPEAKER_JOINS:
            continue
        for frame in frames:
            if frame is other or begins <= frame.cue.idx:
                continue
            frame.content = [(start, _clause_end(doc, start, begins, starts)) if start < begins and other.cue.idx < end
                             else (start, end) for start, end in frame.content]
            frame.content = [(start, end) for start, end in frame.content if end > start]


def _clause_end(doc: Doc, start: int, limit: int, starts: list[int]) -> int:
    """The end of content that stops before ``limit``, without the conjunction or comma that joined the next
    clause ("... the guidelines” while")."""
    tokens = [t for t in doc[bisect_left(starts, start):bisect_left(starts, limit)] if t.idx + len(t) <= limit]
    while tokens and (tokens[-1].pos_ in ("SCONJ", "CCONJ") or tokens[-1].dep_ in ("mark", "cc")
                      or tokens[-1].is_punct and tokens[-1].text not in "\"”’'"):
        tokens.pop()
    return tokens[-1].idx + len(tokens[-1]) if tokens else start


def _past_hearer(doc: Doc, frame: Frame, start: int, starts: list[int]) -> int:
    """Content never starts inside the cue's own object: the tagger cut "told the New York Times there was ..."
    after "New York" (content "Times there was ..."); the content starts after the hearer."""
    index = bisect_right(starts, start) - 1  # the last token starting at or before ``start``
    if index < 0 or start >= starts[index] + max(len(doc[index]), 1):
        return start  # ``start`` is in the spaces between tokens
    token = doc[index]
    for node in [token, *token.ancestors]:
        if node.i == frame.cue.i:
            return start
        hearer = node.dep_ in ("dative", "iobj") or (node.dep_ == "dobj" and frame.cue.lemma_ in _HEARER_VERBS)
        if node.head.i == frame.cue.i and hearer and node.left_edge.idx < start and token.i <= node.i:
            # the content starts inside the hearer's own words ("[New York] Times"), not in what follows it
            return min(doc[node.i + 1].idx, frame.content[-1][1]) if node.i + 1 < len(doc) else start
    return start


def _chars(frame: Frame) -> set[int]:
    return {i for start, end in frame.content for i in range(start, end)}


def _merge_tagged(rule_frames: list[Frame], model_frames: list[Frame]) -> list[Frame]:
    """The tagger's frames first (on PolNeAR dev they are more precise than the rules', and as good at recall);
    a rule frame whose content touches no tagger content is added (the shapes the tagger misses); a rule frame
    that covers the same content from the same cue head (content Dice >= 0.5) lends its content boundaries and cue
    extent, which follow the parse and the quotation marks more exactly than the tagger's token tags ("strongly
    denied" is tagged, "denied" is the cue); the tagger's source stays (more often right on dev). Picked on dev,
    against rules-first merges (bench/train_attribution_model.py docstring has the numbers)."""
    model_chars = [_chars(frame) for frame in model_frames]
    merged = list(model_frames)
    for frame in rule_frames:
        chars = _chars(frame)
        overlaps = [i for i, other in enumerate(model_chars) if chars & other]
        if not overlaps or (frame.kind in NESTED_KINDS and all(_encloses(frame, model_frames[i]) for i in overlaps)):
            merged.append(frame)
        elif len(overlaps) == 1:
            model, other = model_frames[overlaps[0]], model_chars[overlaps[0]]
            if 2 * len(chars & other) >= 0.5 * (len(chars) + len(other)) and frame.cue.i == model.cue.i:
                model.content, model.cue_span, model.direct = frame.content, frame.cue_span, frame.direct
                if _within_source(frame, model):
                    model.source = frame.source
    return merged


def _within_source(rule: Frame, model: Frame) -> bool:
    """The tagger's source runs past the cue's own subject into words the parse hangs elsewhere ("Updated 4:08
    p.m. ET [Lindsay Lohan's attorney] said", tagged from "m."): its root is not the cue's subject while the rule's
    source, inside it, is."""
    if rule.source is None or model.source is None:
        return False
    inside = model.source.start <= rule.source.start and rule.source.end <= model.source.end \
        and (rule.source.start, rule.source.end) != (model.source.start, model.source.end)
    return inside and rule.source.root.head.i == rule.cue.i and model.source.root.head.i != rule.cue.i


def _encloses(outer: Frame, inner: Frame) -> bool:
    """``In a call, Putin urged that X, according to Tass``: the rule frame reports the tagger frame whole, cue and
    all (the tagger keeps only one of two nested attributions)."""
    return outer.cue.i != inner.cue.i and any(start <= inner.cue_span[0] < end for start, end in outer.content)


def _cut(frame: Frame, threshold: float, words: Lexicon) -> float:
    """The filter's cut, lowered for unmistakable speech acts: a cue that is nearly always a cue in train ("told")
    or one whose curated stance is confrontational ("condemned", "denied"). The filter, trained on US campaign news,
    otherwise drops "X condemned Azerbaijan's offensive" and "..., three sources told Reuters" shapes. This admits
    attributions (PolNeAR's layer); whether one is a claim is decided after (``_claims``): "Azerbaijani troops
    attacked the village" passes here and is rejected there, its content being no proposition."""
    cue_words = frame.cue.doc.text[frame.cue_span[0]:frame.cue_span[1]].split()
    particle = cue_words[-1] if len(cue_words) > 1 else None  # "called for" demands, "called" alone does not
    if frame.source is not None and (frame.features.get("lexicon", 0.0) >= SPEECH_ACT_PRECISION
                                     or words.stance(frame.cue.lemma_, particle) in LOWERED_CUT_STANCES):
        return min(threshold, SPEECH_ACT_CUT)
    return threshold


def _drop_duplicates(frames: list[Frame]) -> list[Frame]:
    """One frame per content: "said ..., adding" may reach the same quote twice; keep the likeliest, nearest cue."""
    best: dict[tuple[tuple[int, int], ...], Frame] = {}
    for frame in frames:
        key = tuple(frame.content)
        kept = best.get(key)
        if kept is None or _rank(frame) > _rank(kept):
            best[key] = frame
    return list(best.values())


def _rank(frame: Frame) -> tuple[float, int]:
    """Prefer the filter's most likely frame, then the cue nearest its content."""
    start, end = frame.content[0][0], frame.content[-1][1]
    return frame.features.get("probability", 0.0), -min(abs(frame.cue.idx - start), abs(frame.cue.idx - end))


def _continue_split_quotes(doc: Doc, frames: list[Frame], quotes: QuoteIndex, words: Lexicon) -> None:
    """``"A," he said. "B."``: quotes that follow a direct frame's sentence with nothing but space between them,
    and have no cue of their own, are more of that frame (PolNeAR makes them one multi-part content). A frame whose
    cue is no speech act owns no quote: in ``"A," Thompson said. "B." Klitschko extended his reign.`` B is
    Thompson's."""
    text = doc.text
    speaking = [frame for frame in frames if speech_act(frame, words)]
    taken = {part for frame in speaking for part in frame.content}
    cue_offsets = sorted(frame.cue.idx for frame in speaking)
    for frame in sorted(frames, key=lambda f: f.content[-1][1]):
        if not frame.direct:
            continue
        end = max(frame.content[-1][1], frame.cue_span[1], frame.source.end_char if frame.source is not None else 0)
        sentence_end = frame.cue.sent.end_char
        for _ in range(MAX_CONTINUED_QUOTES):
            quote = quotes.after(end, len(text))
            if quote is None:
                break
            same_sentence = quote.start < sentence_end and not text[end:quote.start].strip(" ,;:—–-")
            if not same_sentence and text[max(end, sentence_end):quote.start].strip():
                break
            part = trim(text, quote.start, quote.end)
            if part in taken:
                break
            following_end = _sentence_end(doc, quote.end)
            if any(quote.start < offset < following_end and quotes.containing(offset) is None for offset in cue_offsets):
                break  # that quote has its own "he said": it belongs to the next frame
            frame.content.append(part)
            taken.add(part)
            end = quote.end
            sentence_end = max(following_end, quote.end)


def _sentence_end(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset - 1, offset, alignment_mode="expand")
    return span.sent.end_char if span is not None else offset


def _claims(doc: Doc, frame: Frame, speakers: SpeakerIndex, words: Lexicon,
            extractor: str) -> list[tuple[Claim, str | None]]:
    """The frame's claim, one per side of a coordinated source ("Britain and France said"), each with the reason
    it is not a claim: not a speech act, a negated or refused cue, content that names no proposition, no speaker,
    or a speaker that cannot be named (a pronoun with no antecedent, a fragment, sides that are not all names)."""
    stance = stance_of(doc, frame, words)
    reason = not_a_claim(doc, frame, words, stance)
    stance = stance or words.stance(frame.cue.lemma_)
    if frame.source is None:
        claim = _claim(doc, frame, Mention("unknown", "unknown", None), stance, extractor)
        return [(claim, reason or "no speaker")] if claim is not None else []
    source = quoted_as_saying(frame.cue) or passed_on(frame.cue, frame.source) or frame.source
    sides = conjuncts(source)
    if not sides:
        claim = _claim(doc, frame, mention_for(source, speakers), stance, extractor)
        return [(claim, reason or "speakers not all named")] if claim is not None else []
    found: list[tuple[Claim, str | None]] = []
    for side in sides:
        claimant = placed(mention_for(side, speakers, frame.content), speakers)
        speakers.remember(side.start_char, claimant, side.root.tag_ in ("NNS", "NNPS"))
        unnamed = not is_speaker_name(claimant) or (claimant.kind == "unknown"
                                                    and claimant.name.lower() in words.pronouns)
        why = "speaker not named" if unnamed else "a place does not speak" if claimant.kind == "place" \
            else "not a speaker" if _no_speaker(side, claimant, words) else None
        claim = _claim(doc, frame, claimant, stance, extractor)
        if claim is not None:
            found.append((claim, reason or why))
    return found


def _no_speaker(side: SpacySpan, claimant: Mention, words: Lexicon) -> bool:
    """A claimant that is only a description (kind "unknown") headed by a common noun that names no person, group,
    organisation or document ("his best response said", "racial issues revealed"): the verb's subject, not a
    speaker."""
    head = side.root
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        head = source_of_relative(head).root  # "a focal point for demonstrators, who called for": the point
    return claimant.kind == "unknown" and head.pos_ == "NOUN" and head.text.islower() \
        and not words.can_speak(head.text, head.lemma_)


def _claim(doc: Doc, frame: Frame, claimant: Mention, stance: str, extractor: str) -> Claim | None:
    text = doc.text
    named = set(re.findall(r"\w+", claimant.name.lower()))
    # "according to Troy police Lt. Gerry Scherlinck": the sentence split at "Lt." left the name as a content part
    content = tuple(Span(s, e) for s, e in frame.content if 0 <= s < e <= len(text)
                    and not set(re.findall(r"\w+", text[s:e].lower())) <= named)
    if not content:
        return None
    first = doc.char_span(content[0].start, content[0].end, alignment_mode="expand")
    sentence_start = min(frame.cue.sent.start_char, first.sent.start_char if first is not None else content[0].start)
    sentence_end = max(frame.cue.sent.end_char, content[-1].end)
    return Claim(
        claimant=claimant,
        stance=stance,
        content=content,
        sentence=Span(sentence_start, sentence_end),
        cue=Span(*frame.cue_span),
        direct_quote=frame.direct,
        confidence=_confidence(frame),
        about=_about(doc, frame, claimant),
        extractor=extractor,
    )


def _confidence(frame: Frame) -> float:
    """The filter's probability when it ran; else the cue's precision in train, raised for quotes and sources."""
    if "probability" in frame.features:
        return round(frame.features["probability"], 3)
    score = 0.4 + 0.4 * frame.features.get("lexicon", 0.0)
    if frame.direct:
        score += 0.1
    if frame.source is not None:
        score += 0.1
    return round(min(score, 1.0), 3)


def _about(doc: Doc, frame: Frame, claimant: Mention) -> tuple[Mention, ...]:
    """Named agents the content is about: the subject of its clause ("... that Fidan would call for ...") and
    the accused ("accused Azerbaijan of ..."), never the claimant itself."""
    found: list[Mention] = []
    for start, end in frame.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            if token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.pos_ == "PROPN" and (
                token.head.i in (frame.cue.i, span.root.i) or token.head.head.i == frame.cue.i
            ):
                name = written_name(token, lexicon())
                start = doc.text.rfind(name, 0, token.idx + len(token.text))
                if name != claimant.name and all(m.name != name for m in found) and start >= 0:
                    found.append(Mention(name, "unknown", Span(start, start + len(name))))
    return tuple(found)
