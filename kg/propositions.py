"""Polarity: match each denial with the assertions it denies.

Method. A denial's *key terms* are the content words of what it denies, without stop words and without the words
that only say something was claimed ("allegations", "reports", "claims"): "strongly denied the allegations of
ethnic cleansing" -> {ethnic, cleansing}. Words that occur in more than :data:`MAX_SHARE` of all claims are
dropped too (in a corpus about one conflict, "Azerbaijan" says nothing about which proposition is meant). An
assertion (or accusation, condemnation) from a *different* resolved claimant matches when it contains at least
:data:`MIN_COVERAGE` of the key terms (all of them when there are two or fewer). Candidates come from an inverted
index over content terms, so a denial is only compared with claims sharing its rarest key term: the proposition
key blocks the comparison. Terms are compared after lower-casing and a light plural stem.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kg.resources import resource
from kg.words import singular

MIN_COVERAGE = 0.67
MAX_SHARE = 0.2
MAX_KEY_TERMS = 8
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _load_words(name: str) -> frozenset[str]:
    path = resource("data", "contradiction", name)
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


STOP_WORDS = _load_words("stopwords.txt")
#: Nouns that name a claim rather than what is claimed.
CLAIM_NOUNS = _load_words("claim_nouns.txt")


def stem(word: str) -> str:
    word = word.lower().strip("'’-").replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return singular(word)


def terms(text: str) -> list[str]:
    """Content terms of ``text`` in order, stemmed, without stop words and claim nouns."""
    found = []
    for match in _WORD.finditer(text):
        word = stem(match.group())
        if len(word) > 2 and word not in STOP_WORDS and word not in CLAIM_NOUNS and word not in found:
            found.append(word)
    return found


def polarity_groups(rows: Iterable[dict[str, Any]]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(topic, explanation, claim IRIs: the denial first) for every denial that meets assertions it denies."""
    rows = [row for row in rows if not row.get("narrator")]
    content_terms = {row["claim"]: set(terms(row["content"])) for row in rows}
    frequency: dict[str, int] = defaultdict(int)
    for found in content_terms.values():
        for term in found:
            frequency[term] += 1
    common = {term for term, count in frequency.items() if len(rows) >= 20 and count > MAX_SHARE * len(rows)}
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if not row["stance"].endswith("#Deny"):
            for term in content_terms[row["claim"]]:
                index[term].append(row)
    groups = []
    for denial in (row for row in rows if row["stance"].endswith("#Deny")):
        key = [term for term in terms(denial["content"]) if term not in common][:MAX_KEY_TERMS]
        if not key:
            continue
        rarest = min(key, key=lambda term: len(index.get(term, ())))
        needed = len(key) if len(key) <= 2 else max(2, round(MIN_COVERAGE * len(key) + 0.49))
        matched = []
        for candidate in index.get(rarest, ()):
            if candidate["claimant"] == denial["claimant"]:
                continue
            shared = sum(term in content_terms[candidate["claim"]] for term in key)
            if shared >= needed:
                matched.append(candidate)
        if matched:
            topic = " ".join(key)
            claims = (denial["claim"], *sorted(row["claim"] for row in matched))
            explanation = (f"A denial of \u201c{denial['content']}\u201d meets {len(matched)} claim"
                           f"{'s' if len(matched) > 1 else ''} asserting it (shared key terms: {', '.join(key)}).")
            groups.append((topic, explanation, claims))
    return groups
