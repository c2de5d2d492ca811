"""The gazetteer of well-known entities (data/gazetteer.tsv): names, aliases, Wikidata IDs, offices with years.

It seeds the resolver so that ``Türkiye`` and ``Turkey``, or ``Tayyip Erdogan`` and ``Recep Tayyip Erdoğan``, meet
under one id from the first article on, and it maps demonyms (``Turkish``) to countries. The resolver works without
it: unknown people get ids from their names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.resources import resource
from kg.resolve.names import canonical_role, fold

COLUMNS = ("key", "type", "name", "qid", "aliases", "affiliation", "roles", "demonyms")
ENTITY_TYPES = ("person", "organization", "country", "place", "group")


@dataclass(frozen=True)
class Office:
    """A role someone held: ``foreign minister`` of Azerbaijan from 2020 (``end`` None: still held when written)."""

    role: str
    start: int | None
    end: int | None

    def held_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class GazetteerEntry:
    key: str  # "person/recep-tayyip-erdogan": also the resolver's entity id
    type: str  # one of ENTITY_TYPES
    name: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # key of another entry ("country/turkey")
    offices: tuple[Office, ...] = ()
    demonyms: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    _by_alias: dict[str, list[str]] = field(default_factory=dict)
    _by_demonym: dict[str, str] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry) -> None:
        self.entries[entry.key] = entry
        for alias in entry.names():
            keys = self._by_alias.setdefault(fold(alias), [])
            if entry.key not in keys:
                keys.append(entry.key)
        for demonym in entry.demonyms:
            self._by_demonym[fold(demonym)] = entry.key

    def lookup(self, name: str, types: tuple[str, ...] | None = None) -> list[GazetteerEntry]:
        """Entries one of whose names folds to ``name``'s fold (``Türkiye`` finds Turkey), optionally by type."""
        folded = fold(name)
        if folded.startswith("the "):
            folded = folded[4:]
        keys = self._by_alias.get(folded, []) or self._by_alias.get("the " + folded, [])
        found = [self.entries[key] for key in keys]
        return [entry for entry in found if types is None or entry.type in types]

    def country_of(self, word: str) -> str | None:
        """``Turkish`` / ``Türkiye's`` / ``US`` -> ``country/turkey`` etc.; None for anything else."""
        folded = fold(word)
        if folded in self._by_demonym:
            return self._by_demonym[folded]
        for entry in self.lookup(word, ("country",)):
            return entry.key
        return None

    def holders(self, role: str, affiliation: str, year: int | None) -> list[GazetteerEntry]:
        """People whose recorded office matches ``role`` for ``affiliation`` in ``year`` (all years if None)."""
        return [entry for entry in self.entries.values()
                if entry.type == "person" and entry.affiliation == affiliation
                and any(office.role == role and office.held_in(year) for office in entry.offices)]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _office(text: str, origin: str) -> Office:
    role_text, _, years = text.partition("@")
    role = canonical_role(role_text) or role_text.strip().lower()
    start_text, _, end_text = years.partition("-")
    try:
        return Office(role, int(start_text) if start_text.strip() else None,
                      int(end_text) if end_text.strip() else None)
    except ValueError as error:
        raise InputError(origin, f"bad office {text!r}: expected 'role@YYYY-YYYY'") from error


def parse_gazetteer(text: str, origin: str = "gazetteer") -> Gazetteer:
    """Read the TSV format documented in data/README-gazetteer.md; ``#`` lines are comments."""
    gazetteer = Gazetteer()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != len(COLUMNS):
            raise InputError(f"{origin}:{number}", f"expected {len(COLUMNS)} tab-separated columns, got {len(cells)}")
        row = dict(zip(COLUMNS, cells))
        if row["type"] not in ENTITY_TYPES:
            raise InputError(f"{origin}:{number}", f"unknown type {row['type']!r}; use one of {ENTITY_TYPES}")
        gazetteer.add(GazetteerEntry(
            key=row["key"], type=row["type"], name=row["name"], qid=row["qid"] or None,
            aliases=_split(row["aliases"]), affiliation=row["affiliation"] or None,
            offices=tuple(_office(part, f"{origin}:{number}") for part in _split(row["roles"])),
            demonyms=_split(row["demonyms"]),
        ))
    return gazetteer


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The bundled gazetteer (cached), or the one at ``path``."""
    if path is None:
        return _bundled()
    return parse_gazetteer(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _bundled() -> Gazetteer:
    path = resource("data", "gazetteer.tsv")
    return parse_gazetteer(path.read_text(encoding="utf-8"), str(path))
