"""Nearest names for a name that matched nothing ("Bayramof" -> "Jeyhun Bayramov"), for `kg claims --by`."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from kg.queries import load_named
from kg.store import BaseStore

#: How alike (difflib ratio, 0..1) a name or one of its words must be to the given name to be suggested.
CUTOFF = 0.75


def claimant_names(store: BaseStore) -> list[str]:
    """Every name a claimant goes by (queries/claimant_names.rq)."""
    return [row["name"] for row in store.select(load_named("claimant_names")) if row.get("name")]


def nearest_names(given: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The names most like ``given``, best first: compared whole and word by word (a surname alone finds the full
    name), case-insensitively; at most ``limit``."""
    wanted = given.casefold().strip()
    scores: dict[str, float] = {}
    for name in names:
        parts = [name.casefold(), *re.findall(r"\w[\w'-]*", name.casefold())]
        score = max(difflib.SequenceMatcher(None, wanted, part).ratio() for part in parts)
        if score >= CUTOFF:
            scores[name] = max(score, scores.get(name, 0.0))
    # best first; of equally close names, the longer one (the full name) first, then alphabetically
    return sorted(scores, key=lambda name: (-round(scores[name], 3), -len(name), name))[:limit]


__all__ = ["CUTOFF", "claimant_names", "nearest_names"]
