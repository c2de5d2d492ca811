"""Blame: A blames B for a hostile act, and B blames A for the same act.

Method. Every candidate claim (an accusation or condemnation, or an assertion whose content names an attacker) gets
an *accuser side* and an *accused side*, both countries of the gazetteer:

- the accuser side comes from the claimant: the country it is (``Azerbaijan``), the demonym or country in how it is
  named (``the Armenian Defense Ministry``, ``Azerbaijan's Defense Ministry``), or the affiliation resolution gave it
  (Ilham Aliyev -> Azerbaijan);
- the accused side comes from what the claim is about, or from the content: a country or demonym right before a
  hostile act (``the Azerbaijani army mounted an attack``, ``Armenian provocations``) or after an accusation cue
  (``blaming Armenia for the new clashes``).

The claim must name a hostile act (data/contradiction/hostile_acts.txt). Claims are blocked by the pair of sides:
A->B claims are only looked up among B->A claims (by article and by date, with a binary search), and a claim
joins the contradiction when a claim of the other direction is in the same article or at most
:data:`WINDOW_DAYS` apart. "X and Y accused each other" is mutual blame on its own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from kg.resolve import Gazetteer, load_gazetteer
from kg.resources import resource
from kg.words import singular

WINDOW_DAYS = 7
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*")
_PREPOSITIONS = frozenset({"on", "in", "at", "with", "about", "of", "over", "to", "from", "near", "after", "before",
                           "during", "by", "into", "against", "amid"})
_RECIPROCAL = re.compile(r"\b(each other|one another)\b", re.IGNORECASE)
#: Words between a side and its act that keep the side as the actor ("the Azerbaijani *army* mounted an attack").
_FORCES = frozenset({"army", "military", "forces", "troops", "side", "government", "authorities", "soldiers",
                     "units", "drones", "artillery"})


@lru_cache(maxsize=1)
def hostile_acts() -> frozenset[str]:
    path = resource("data", "contradiction", "hostile_acts.txt")
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _act(word: str) -> str | None:
    """The hostile act a lower-case word names, as hostile_acts.txt writes it ("clashes" -> "clash"), else None."""
    acts = hostile_acts()
    return next((candidate for candidate in (word, singular(word)) if candidate in acts), None)


def _act_words(text: str) -> list[str]:
    return [act for match in _WORD.finditer(text.lower()) if (act := _act(match.group().replace("’", "'")))]


def _countries(text: str, gazetteer: Gazetteer) -> list[str]:
    """Countries named in ``text`` by name or demonym, in order (``Azerbaijan's`` and ``Azerbaijani`` alike)."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        if not word[:1].isupper():
            continue
        key = gazetteer.country_of(word)
        if key and key not in found:
            found.append(key)
    return found


def accused_in(content: str, cue: str | None, gazetteer: Gazetteer) -> list[str]:
    """Countries the content blames: named just before an act, or just after an accusing cue."""
    words = [re.sub(r"['’]s$", "", m.group()) for m in _WORD.finditer(content)]
    accused: list[str] = []
    for index, word in enumerate(words):
        key = gazetteer.country_of(word) if word[:1].isupper() else None
        if key is None:
            continue
        following = [w.lower() for w in words[index + 1:index + 6]]

        def act_in(window: list[str]) -> bool:
            # the act must follow without a preposition between ("Azerbaijan on the attack anniversary" blames none)
            for word in window:
                if _act(word) is not None:
                    return True
                if word in _PREPOSITIONS:
                    return False
            return False

        # "the Azerbaijani army mounted an attack", "Armenian provocations", "(blaming) Armenia for the new clashes"
        near_act = act_in(following[:3]) or (bool(following) and following[0] in _FORCES and act_in(following[1:4])) \
            or (bool(following) and following[0] == "for" and act_in(following[1:5]))
        if near_act or (index == 0 and cue is not None):
            if key not in accused:
                accused.append(key)
    return accused


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


class _Index:
    """The claims blaming in one direction, by article and by date, to ask "is any of them close to this claim?"
    in O(log n): the same article, or published at most WINDOW_DAYS apart."""

    def __init__(self, claims: list[dict[str, Any]]) -> None:
        self.articles = {claim["article"] for claim in claims}
        self.days = sorted(day.toordinal() for claim in claims if (day := _date(claim.get("published"))))

    def has_close(self, claim: dict[str, Any]) -> bool:
        if claim["article"] in self.articles:
            return True
        day = _date(claim.get("published"))
        if day is None:
            return False
        position = bisect_left(self.days, day.toordinal() - WINDOW_DAYS)
        return position < len(self.days) and self.days[position] <= day.toordinal() + WINDOW_DAYS


def blame_directions(row: dict[str, Any], gazetteer: Gazetteer) -> tuple[list[tuple[str, str]], bool, list[str]]:
    """Who one claim row blames: its (accuser side, accused side) directions, whether it is mutual blame on its
    own ("X and Y accused each other": one direction, both ways), and the hostile acts it names. No acts: none.
    It reads only the row, so a claim's directions are its blocking keys (:func:`blame_pairs`)."""
    acts = _act_words(row["content"]) + _act_words(row.get("cue") or "")
    if not acts:
        return [], False, []
    naming = " ".join(filter(None, (row.get("written"), row.get("claimantName"), row.get("mentionAffiliation"))))
    sides = _countries(naming, gazetteer) + [
        key for name in (row.get("sides") or "").split("|") if name
        for key in [gazetteer.country_of(name)] if key]
    sides = list(dict.fromkeys(sides))
    if len(sides) >= 2 and _RECIPROCAL.search(row["content"]):
        return [(sides[0], sides[1])], True, acts
    stance = row["stance"].rsplit("#", 1)[-1].lower()
    accused = [key for name in (row.get("about") or "").split("|") if name
               for key in [gazetteer.country_of(name)] if key]
    accused += accused_in(row["content"], row.get("cue") if stance in ("accuse", "condemn") else None, gazetteer)
    return [(side, target) for side in sides[:1] for target in dict.fromkeys(accused) if target != side], False, acts


def pair_key(pair: Iterable[str]) -> str:
    """The blocking key of two sides, either way round: ``country/armenia|country/azerbaijan``."""
    return "|".join(sorted(pair))


def blame_pairs(row: dict[str, Any], gazetteer: Gazetteer | None = None) -> set[str]:
    """The keys (:func:`pair_key`) of the pairs of sides one claim row can take part in: a pair's result depends
    only on the claims with its key, so one new claim needs only those looked up again."""
    directions, _, _ = blame_directions(row, gazetteer or load_gazetteer())
    return {pair_key(direction) for direction in directions}


def blame_groups(rows: Iterable[dict[str, Any]], gazetteer: Gazetteer | None = None
                 ) -> list[tuple[str, str, tuple[str, ...], dict[str, Any]]]:
    """(topic, explanation, claim IRIs, reasons) for every pair of sides that blame each other for hostile acts;
    ``reasons["pair"]`` is the pair's key (:func:`pair_key`)."""
    gazetteer = gazetteer or load_gazetteer()
    directed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    mutual: list[tuple[tuple[str, str], dict[str, Any]]] = []
    for row in rows:
        directions, reciprocal, acts = blame_directions(row, gazetteer)
        for direction in directions:
            if reciprocal:
                mutual.append((direction, {**row, "acts": acts}))
            else:
                directed[direction].append({**row, "acts": acts})
    groups: dict[frozenset[str], set[str]] = defaultdict(set)
    acts_by_pair: dict[frozenset[str], list[str]] = defaultdict(list)
    index = {direction: _Index(claims) for direction, claims in directed.items()}
    for (side, target), claims in directed.items():
        reverse = index.get((target, side))
        if reverse is None:
            continue
        pair = frozenset((side, target))
        for claim in claims:
            if reverse.has_close(claim):
                groups[pair].add(claim["claim"])
                acts_by_pair[pair] += claim["acts"]
    for (side, target), row in mutual:
        pair = frozenset((side, target))
        groups[pair].add(row["claim"])
        acts_by_pair[pair] += row["acts"]
    result = []
    for pair, claims in groups.items():
        if len(claims) < 2 and not any(row["claim"] in claims for _, row in mutual):
            continue
        names = sorted(gazetteer.entries[key].name if key in gazetteer.entries else key for key in pair)
        act = max(set(acts_by_pair[pair]), key=lambda word: (acts_by_pair[pair].count(word), word))
        topic = f"{names[0]} and {names[1]} blame each other ({act})"
        explanation = (f"{names[0]} and {names[1]} each blame the other for the same hostile acts "
                       f"({', '.join(sorted(set(acts_by_pair[pair])))}) in {len(claims)} claims.")
        reasons = {"sides": names, "acts": sorted(set(acts_by_pair[pair])), "claims": len(claims),
                   "pair": pair_key(pair)}
        result.append((topic, explanation, tuple(sorted(claims)), reasons))
    return result
