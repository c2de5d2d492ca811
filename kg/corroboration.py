"""Corroboration: claims that say the same thing, from different sources (DESIGN.md section 2, ``cg:corroborates``).

Two claims corroborate each other when they come from different articles and

- for words: they take the same stance on one proposition: they share most of their key terms (the terms of
  :mod:`kg.propositions`: content words, not the words that only say something was claimed), at least
  :data:`MIN_SHARED_TERMS` of them, give the same numbers if any ("5%" is not "7.4%"), and say the same words or
  mean the same (sentence-embedding similarity of at least :data:`MIN_SIMILARITY`, a paraphrase, not a topic);
- for figures: they have the same identity (event, measure, unit, counted class; totals only, as
  :mod:`kg.figures` reconciles them), the time written beside each agrees (as for numeric contradictions), and they
  agree: their intervals overlap and their values differ by no more than the
  material difference of numeric contradictions.

A claim's independent sources are the articles that carry it or a claim corroborating it, where copies of one wire
story count once: articles credited to the same wire service (``cg:wireService``, "(AFP)") are one source.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from kg.contradictions import (MATERIAL_DIFFERENCE, NUMERIC_REPORT_CONFIDENCE, counted_class, detection_rows,
                               identity_confidence, interval_of, relative_difference)
from kg.propositions import key_terms
from kg.queries import load_named
from kg.store import BaseStore

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"\w+")
#: Shared key terms two contents need before their meaning is compared.
MIN_SHARED_TERMS = 3
#: Share of the shorter content's key terms the other must hold.
MIN_COVERAGE = 0.67
#: Sentence-embedding similarity that makes two contents one proposition (paraphrases score 0.5-0.8, restatements
#: of one sentence above 0.8; set high: a false corroboration misleads as much as a false contradiction).
MIN_SIMILARITY = 0.8


def corroborations(store: BaseStore, embed: Callable[[list[str]], Any] | None = None) -> dict[str, set[str]]:
    """Each claim that is corroborated -> the claims corroborating it (symmetric)."""
    return _find(store.select(load_named("corroboration/claims")), detection_rows(store, "numeric"), embed)


def _find(worded: list[dict[str, Any]], figures: list[dict[str, Any]],
          embed: Callable[[list[str]], Any] | None) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for first, second in [*_worded(worded, embed), *_figures(figures)]:
        found[first].add(second)
        found[second].add(first)
    return dict(found)


def annotate(store: BaseStore, claims: list[dict[str, Any]],
             embed: Callable[[list[str]], Any] | None = None) -> None:
    """Give each claim (a dict of :func:`kg.claims.list_claims`) ``corroborated_by``, the claims from other
    articles that say the same (``[{"id", "source"}]``), and ``sources``, the independent sources that carry it."""
    worded = store.select(load_named("corroboration/claims"))
    figures = detection_rows(store, "numeric")
    found = _find(worded, figures, embed)
    article_of = {row["claim"]: row["article"] for row in [*worded, *figures]}
    wire_of = {row["article"]: row["wire"] for row in store.select(load_named("corroboration/wires"))}
    for claim in claims:
        others = sorted(found.get(claim["id"], ()))
        claim["corroborated_by"] = [{"id": other, "source": article_of.get(other)} for other in others]
        articles = {claim["source"]["id"], *(article_of[other] for other in others if other in article_of)}
        claim["sources"] = independent_sources(articles, wire_of)


def _worded(rows: list[dict[str, Any]], embed: Callable[[list[str]], Any] | None) -> list[tuple[str, str]]:
    mine_of = {row["claim"]: set(key_terms(row["content"])) for row in rows}
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        for term in mine_of[row["claim"]]:
            index[term].append(row)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for row in rows:
        mine = mine_of[row["claim"]]
        if len(mine) < MIN_SHARED_TERMS:
            continue
        # Blocked by the claim's rarest term in this store: fast, but a pair that does not share it is missed (an
        # exact prefix filter probed too many long lists: a dev-store run did not end in 10 minutes). So which
        # restatements are found can depend on the store; whether a found pair qualifies depends on its two claims.
        rarest = min(mine, key=lambda term: (len(index[term]), term))
        for other in index[rarest]:
            if other["claim"] <= row["claim"] or other["article"] == row["article"] or other["stance"] != row["stance"]:
                continue
            theirs = mine_of[other["claim"]]
            shared = len(mine & theirs)
            if shared >= MIN_SHARED_TERMS and shared >= MIN_COVERAGE * min(len(mine), len(theirs)):
                pairs.append((row, other))
    pairs = [(first, second) for first, second in pairs
             if _NUMBER.findall(first["content"]) == _NUMBER.findall(second["content"])]
    same = [(first, second) for first, second in pairs if _folded(first["content"]) == _folded(second["content"])]
    other = [(first, second) for first, second in pairs if _folded(first["content"]) != _folded(second["content"])]
    if other:
        if embed is None:
            from kg.embed import embedder

            embed = embedder().embed
        texts = sorted({row["content"] for pair in other for row in pair})
        vectors = dict(zip(texts, embed(texts)))
        same += [(first, second) for first, second in other
                 if float(vectors[first["content"]] @ vectors[second["content"]]) >= MIN_SIMILARITY]
    return [(first["claim"], second["claim"]) for first, second in same]


def _folded(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _figures(rows: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    blocks: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        blocks[(row["event"], row["measure"], row.get("unit") or "", counted_class(row))].append(row)
    pairs = []
    for block in blocks.values():
        block = sorted({row["claim"]: row for row in block}.values(), key=lambda row: row["claim"])
        for index, first in enumerate(block):
            for second in block[index + 1:]:
                if first["article"] == second["article"] or \
                        identity_confidence(first, second)[0] < NUMERIC_REPORT_CONFIDENCE:
                    continue  # equal figures of what may be two incidents say nothing of each other
                a, b = interval_of(first), interval_of(second)
                if a.disjoint(b) or a.centre is None or b.centre is None:
                    continue
                if relative_difference(a.centre, b.centre) <= MATERIAL_DIFFERENCE:
                    pairs.append((first["claim"], second["claim"]))
    return pairs


def independent_sources(articles: Iterable[str], wire_of: dict[str, str | None]) -> int:
    """How many independent sources ``articles`` are: the articles of one wire service count once."""
    return len({("wire", wire) if (wire := wire_of.get(article)) else ("article", article) for article in articles})
