"""Corroboration: claims that say the same thing, from different sources (DESIGN.md section 2, ``cg:corroborates``).

Two claims corroborate each other when they come from different articles and

- for words: they take the same stance on one proposition: they share most of their key terms (the terms of
  :mod:`kg.propositions`: content words, not the words that only say something was claimed), at least
  :data:`MIN_SHARED_TERMS` of them, give the same numbers if any ("5%" is not "7.4%"), name a place in common if both
  name any ("French forces" are not "Russian forces"), and say the same words or
  mean the same (sentence-embedding similarity of at least :data:`MIN_SIMILARITY`, a paraphrase, not a topic);
- for figures: they have the same identity (event, measure, unit, counted class; totals only, as
  :mod:`kg.figures` reconciles them), the time written beside each agrees (as for numeric contradictions), and they
  agree: their intervals overlap and their values differ by no more than the
  material difference of numeric contradictions.

A claim's independent sources are the articles that carry it or a claim corroborating it, where copies of one wire
story count once: articles credited to the same wire service (``cg:wireService``, "(AFP)") are one source.

Claims said in words are matched by their contents, not one by one: claims with one :func:`content_key` (the same
stance and the same words) corroborate each other across articles without a stored pair, and two keys that say the
same are kept once (``cg:Restatement``) whatever the number of copies of each. A wire story republished by fifty
outlets is fifty claims of one key, not 1,225 pairs.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

import pyoxigraph as ox

from kg.contradictions import (NUMERIC_REPORT_CONFIDENCE, GraphQuads, counted_class, detection_rows, figures_differ,
                               identity_confidence, interval_of, places_in)
from kg.namespaces import CG, RDF, mint
from kg.propositions import key_terms, rarity
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


#: A corroboration: the two claims that say the same thing, with the article each is in.
Pair = tuple[str, str, str, str]


def corroborations(store: BaseStore, embed: Callable[[list[str]], Any] | None = None) -> dict[str, set[str]]:
    """Each claim that is corroborated -> the claims corroborating it (symmetric), worked out from the whole store."""
    return _found(find_pairs(store.select(load_named("corroboration/claims")), detection_rows(store, "numeric"),
                             embed))[0]


def find_pairs(worded: list[dict[str, Any]], figures: list[dict[str, Any]],
               embed: Callable[[list[str]], Any] | None = None) -> list[Pair]:
    """The corroborations among claim rows (queries/corroboration/claims.rq) and figure rows
    (queries/contradictions/numeric.rq), claim by claim."""
    return [*expand(members(worded), content_pairs(worded, embed)), *figure_pairs(figures)]


def content_key(row: dict[str, Any]) -> str:
    """What claims that say the same words with the same stance share: a hash of the stance and the folded content
    (case, punctuation and spacing aside)."""
    return hashlib.sha256(f"{row['stance']}\x1f{_folded(row['content'])}".encode()).hexdigest()[:20]


def members(worded: Iterable[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """The claims (with their articles) of each content key, for the claims said in words that can corroborate one
    (at least :data:`MIN_SHARED_TERMS` key terms)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in worded:
        key = row.get("key") or (content_key(row) if len(set(key_terms(row["content"]))) >= MIN_SHARED_TERMS
                                 else None)
        if key:
            found[key][row["claim"]] = row["article"]
    return {key: sorted(claims.items()) for key, claims in found.items()}


def expand(by_key: dict[str, list[tuple[str, str]]], restatements: Iterable[tuple[str, str]]) -> list[Pair]:
    """The pairs of claims from different articles that one content key holds, or two keys that restate each
    other."""
    pairs: list[Pair] = []
    for claims in by_key.values():
        pairs += [(first, first_article, second, second_article)
                  for index, (first, first_article) in enumerate(claims)
                  for second, second_article in claims[index + 1:] if first_article != second_article]
    for first_key, second_key in restatements:
        pairs += [(first, first_article, second, second_article)
                  for first, first_article in by_key.get(first_key, ())
                  for second, second_article in by_key.get(second_key, ()) if first_article != second_article]
    return pairs


def _found(pairs: Iterable[Pair]) -> tuple[dict[str, set[str]], dict[str, str]]:
    found: dict[str, set[str]] = defaultdict(set)
    article_of: dict[str, str] = {}
    for first, first_article, second, second_article in pairs:
        found[first].add(second)
        found[second].add(first)
        article_of[first], article_of[second] = first_article, second_article
    return dict(found), article_of


def annotate(store: BaseStore, claims: list[dict[str, Any]],
             embed: Callable[[list[str]], Any] | None = None) -> None:
    """Give each claim (a dict of :func:`kg.claims.list_claims`) ``corroborated_by``, the claims from other
    articles that say the same (``[{"id", "source"}]``), and ``sources``, the independent sources that carry it.
    The corroborations are those the contradictions graph keeps when it is up to date, else worked out now."""
    pairs = stored_pairs(store)
    if pairs is None:
        pairs = find_pairs(store.select(load_named("corroboration/claims")), detection_rows(store, "numeric"), embed)
    found, article_of = _found(pairs)
    wire_of = {row["article"]: row["wire"] for row in store.select(load_named("corroboration/wires"))}
    for claim in claims:
        others = sorted(found.get(claim["id"], ()))
        claim["corroborated_by"] = [{"id": other, "source": article_of.get(other)} for other in others]
        articles = {claim["source"]["id"], *(article_of[other] for other in others if other in article_of)}
        claim["sources"] = independent_sources(articles, wire_of)


def stored_pairs(store: BaseStore) -> list[Pair] | None:
    """The corroborations the contradictions graph keeps (the figures' pairs, the claims of each content key and
    the restatements between keys), or None when it is not up to date."""
    from kg.contradiction_graph import up_to_date

    if not up_to_date(store):
        return None
    figures = [tuple(json.loads(row["pair"])) for row in store.select(load_named("corroboration/stored"))]
    by_key = members(store.select(load_named("corroboration/contents")))
    restated = [(row["first"], row["second"]) for row in store.select(load_named("corroboration/restatements"))]
    return [*expand(by_key, restated), *figures]


def pair_quads(pairs: Iterable[Pair]) -> list[ox.Quad]:
    """Each corroboration of two figures as a ``cg:Corroboration`` node of the contradictions graph:
    ``cg:corroborationOf`` its two claims and ``cg:corroborationPair`` the claims with their articles as JSON."""
    quads = GraphQuads()
    for pair in pairs:
        first, second = sorted(((pair[0], pair[1]), (pair[2], pair[3])))
        node = mint("corroboration", hashlib.sha256(f"{first[0]}|{second[0]}".encode()).hexdigest()[:20])
        quads.add(node, RDF + "type", ox.NamedNode(CG + "Corroboration"))
        quads.add(node, CG + "corroborationOf", ox.NamedNode(first[0]))
        quads.add(node, CG + "corroborationOf", ox.NamedNode(second[0]))
        quads.text(node, CG + "corroborationPair", json.dumps([*first, *second]))
    return quads


def restatement_quads(restatements: Iterable[tuple[str, str]]) -> list[ox.Quad]:
    """Each pair of content keys that say the same as a ``cg:Restatement`` node: ``cg:restates`` both keys."""
    quads = GraphQuads()
    for pair in restatements:
        first, second = sorted(pair)
        node = mint("restatement", hashlib.sha256(f"{first}|{second}".encode()).hexdigest()[:20])
        quads.add(node, RDF + "type", ox.NamedNode(CG + "Restatement"))
        quads.text(node, CG + "restates", first)
        quads.text(node, CG + "restates", second)
    return quads


def key_quads(rows: Iterable[dict[str, Any]]) -> list[ox.Quad]:
    """The keys of worded claims: ``cg:contentKey`` (:func:`content_key`), and the blocking keys
    ``cg:corroborationTerm`` (every key term: what a claim is found by) and ``cg:corroborationProbe``
    (:func:`probe_terms`: what it looks for)."""
    quads, seen = GraphQuads(), set()
    for row in rows:
        terms = set(key_terms(row["content"]))
        if len(terms) < MIN_SHARED_TERMS or row["claim"] in seen:
            continue
        seen.add(row["claim"])
        quads.text(row["claim"], CG + "contentKey", content_key(row))
        for predicate, values in (("corroborationTerm", terms), ("corroborationProbe", probe_terms(terms))):
            for term in sorted(values):
                quads.text(row["claim"], CG + predicate, term)
    return quads


def probe_terms(terms: Collection[str]) -> list[str]:
    """The rarest terms of a claim's key terms (:func:`kg.propositions.rarity`, the same order in every store) of
    which any claim that shares enough of them to corroborate it, and has as many terms or more, holds one: the
    claim needs ``t = max(MIN_SHARED_TERMS, MIN_COVERAGE * n)`` of its ``n`` terms shared, so its ``n - t + 1``
    rarest include one of them (prefix filtering). None for a claim of fewer than MIN_SHARED_TERMS terms."""
    needed = max(MIN_SHARED_TERMS, math.ceil(MIN_COVERAGE * len(terms)))
    return sorted(set(terms), key=rarity)[:max(0, len(terms) - needed + 1)]


def content_pairs(rows: list[dict[str, Any]], embed: Callable[[list[str]], Any] | None = None,
                  touching: Collection[str] | None = None) -> list[tuple[str, str]]:
    """The pairs of content keys among claim rows that say the same thing in other words (sorted); with
    ``touching``, only the pairs with the key of one of those claims."""
    found = {tuple(sorted((content_key(first), content_key(second))))
             for first, second in _worded(rows, embed, touching)}
    return sorted(found)


def _worded(rows: list[dict[str, Any]], embed: Callable[[list[str]], Any] | None,
            touching: Collection[str] | None = None) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of rows of two different contents that say the same: one row stands for each content key (the claim
    with the lowest id), so copies of one statement are compared once, and whether two contents restate each other
    depends only on those two contents."""
    keys = {row["claim"]: content_key(row) for row in rows}
    by_key: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda row: row["claim"]):
        by_key.setdefault(keys[row["claim"]], row)
    touched = None if touching is None else {keys[claim] for claim in touching if claim in keys}
    mine_of = {key: set(key_terms(row["content"])) for key, row in by_key.items()}
    index: dict[str, list[str]] = defaultdict(list)
    for key in by_key:
        for term in mine_of[key]:
            index[term].append(key)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for key, row in by_key.items():
        mine = mine_of[key]
        # Every pair is found from its content with fewer terms (ties: the lower key), which probes its probe_terms:
        # whether a pair is found and whether it qualifies depend only on its two contents, not on the store.
        size = (len(mine), key)
        for other in {other for term in probe_terms(mine) for other in index[term]}:
            theirs = mine_of[other]
            if (len(theirs), other) <= size or by_key[other]["stance"] != row["stance"]:
                continue
            if touched is not None and key not in touched and other not in touched:
                continue
            shared = len(mine & theirs)
            if shared >= MIN_SHARED_TERMS and shared >= MIN_COVERAGE * min(len(mine), len(theirs)):
                pairs.append((row, by_key[other]))
    # the same numbers, and no places apart: "French forces blocked the corridor" is not "Russian forces ..."
    pairs = [(first, second) for first, second in pairs
             if _NUMBER.findall(first["content"]) == _NUMBER.findall(second["content"])
             and not _places_apart(first["content"], second["content"])]
    if not pairs:
        return []
    if embed is None:
        from kg.embed import embedder

        embed = embedder().embed
    texts = sorted({row["content"] for pair in pairs for row in pair})
    vectors = dict(zip(texts, embed(texts)))
    return sorted(((first, second) for first, second in pairs
                   if float(vectors[first["content"]] @ vectors[second["content"]]) >= MIN_SIMILARITY),
                  key=lambda pair: (pair[0]["claim"], pair[1]["claim"]))


def _places_apart(first: str, second: str) -> bool:
    """Both contents name places (countries and their demonyms, cities: the gazetteer's) and none in common, as for
    the identity of two figures (kg.contradictions.identity_confidence): "French forces blocked the corridor" is not
    "Russian forces blocked the corridor"."""
    mine, theirs = places_in(first), places_in(second)
    return bool(mine) and bool(theirs) and not mine & theirs


def _folded(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def figure_pairs(rows: Iterable[dict[str, Any]]) -> list[Pair]:
    """The corroborations among figure rows (queries/contradictions/numeric.rq): agreeing figures of one identity
    from different articles."""
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
                if a.centre is not None and b.centre is not None and not figures_differ(a, b):
                    pairs.append((first["claim"], first["article"], second["claim"], second["article"]))
    return pairs


def independent_sources(articles: Iterable[str], wire_of: dict[str, str | None]) -> int:
    """How many independent sources ``articles`` are: the articles of one wire service count once."""
    return len({("wire", wire) if (wire := wire_of.get(article)) else ("article", article) for article in articles})
