"""The trained part of the attribution extractor: a logistic-regression filter over rule candidates.

The rules (frames.py) propose every cue the learned lexicon allows, generously; this model, trained on PolNeAR
train by bench/train_attribution.py, scores each candidate with the probability that it is a real attribution
(content matching a gold one). Plain numpy over sparse named features, weights in
data/models/attribution/filter.json (a few hundred KB), so it loads in milliseconds and needs no extra library.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from kg.extract.frames import Frame, QuoteIndex
from kg.extract.model_files import checked_model
from kg.resources import resource
from kg.words import subject_pronouns

MODEL_PATH = ("data", "models", "attribution", "filter.json")
#: Its name in the folder's metadata.json (kg/extract/model_files.py).
MODEL_NAME = "filter"
_QUOTE_MARKS = ("\u201c", "\u201d", '"', "''")


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def features(doc: Doc, frame: Frame, quotes: QuoteIndex) -> dict[str, float]:
    """Named features of one candidate; the same function serves training and extraction."""
    cue = frame.cue
    lemma = cue.lemma_.lower()
    found: dict[str, float] = {
        "bias": 1.0,
        "lexicon": frame.features.get("lexicon", 0.0),
        f"lemma={lemma}": 1.0,
        f"kind={frame.kind}": 1.0,
        f"lemma_kind={lemma}|{frame.kind}": 1.0,
        f"dep={cue.dep_}": 1.0,
        f"tag={cue.tag_}": 1.0,
        f"direct={frame.direct}": 1.0,
        f"in_quote={quotes.containing(cue.idx) is not None}": 1.0,
    }
    found[f"lexicon_bin={round(found['lexicon'] * 10)}"] = 1.0
    if frame.source is None:
        found["source=none"] = 1.0
    else:
        root = frame.source.root
        found[f"source_pos={root.pos_}"] = 1.0
        found[f"source_ent={root.ent_type_ or '-'}"] = 1.0
        found[f"source_pron={root.lower_ if root.lower_ in subject_pronouns() else '-'}"] = 1.0
        found[f"source_len={_bucket(len(frame.source), (1, 2, 4, 8))}"] = 1.0
        found[f"source_side={'before' if root.i < cue.i else 'after'}"] = 1.0
    length = sum(len(doc.text[s:e].split()) for s, e in frame.content)
    found[f"content_len={_bucket(length, (1, 3, 6, 12, 25, 50))}"] = 1.0
    found[f"content_parts={min(len(frame.content), 3)}"] = 1.0
    first = doc.text[frame.content[0][0]:frame.content[0][0] + 5].lower()
    found[f"content_that={first.startswith('that ')}"] = 1.0
    found[f"content_side={'after' if frame.content[0][0] > cue.idx else 'before'}"] = 1.0
    if any(child.dep_ == "neg" for child in cue.children):
        found["negated"] = 1.0
    found[f"head_dep={cue.head.dep_ if cue.head.i != cue.i else 'ROOT'}"] = 1.0
    found[f"lemma_direct={lemma}|{frame.direct}"] = 1.0
    found[f"lemma_dep={lemma}|{cue.dep_}"] = 1.0
    found[f"lemma_len={lemma}|{_bucket(length, (3, 12, 40))}"] = 1.0
    found[f"kind_len={frame.kind}|{_bucket(length, (1, 3, 6, 12, 25, 50))}"] = 1.0
    found[f"prev={doc[cue.i - 1].lower_ if cue.i > 0 else '<s>'}"] = 1.0
    found[f"next={doc[cue.i + 1].lower_ if cue.i + 1 < len(doc) else '</s>'}"] = 1.0
    found[f"head_lemma={cue.head.lemma_.lower() if cue.head.i != cue.i else 'ROOT'}"] = 1.0
    for child in cue.children:
        if child.dep_ in ("aux", "auxpass", "mark", "prt", "dobj", "dative", "ccomp", "xcomp", "prep", "advmod"):
            found[f"child={child.dep_}|{child.lower_ if child.dep_ in ('aux', 'mark', 'prt', 'prep') else ''}"] = 1.0
    if frame.source is not None:
        root = frame.source.root
        found[f"lemma_source={lemma}|{root.pos_}"] = 1.0
        found[f"in_quote_source={quotes.containing(cue.idx) is not None}|{root.lower_ in subject_pronouns()}"] = 1.0
    content_text = " ".join(doc.text[s:e] for s, e in frame.content)
    quoted = any(mark in content_text for mark in _QUOTE_MARKS)
    found[f"content_quoted={quoted}"] = 1.0
    found[f"sentence_pos={_bucket(cue.i - cue.sent.start, (0, 2, 5, 10, 20))}"] = 1.0
    return found


@dataclass(frozen=True)
class FilterModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, named: dict[str, float]) -> float:
        total = sum(self.weights.get(name, 0.0) * value for name, value in named.items())
        return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load_filter() -> FilterModel:
    """The shipped filter, its file checked against the folder's metadata.json first: a missing or altered file raises
    ModelError naming it (extraction never falls back to the lexicon alone without saying so)."""
    path = resource(*MODEL_PATH)
    checked_model(path.parent, MODEL_NAME)
    data = json.loads(path.read_text(encoding="utf-8"))
    return FilterModel(weights=data["weights"], threshold=float(data["threshold"]))
