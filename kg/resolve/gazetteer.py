"""The gazetteer: what the resolver knows before reading anything. Names, aliases, Wikidata IDs, offices with years.

Two layers. General knowledge comes from maintained libraries through :mod:`kg.geo`: every country with its names
(``Türkiye`` and ``Turkey`` meet under ``country/turkey``) and demonyms (``Turkish``), and cities and regions on
demand (``Salt Lake City`` is ``place/salt-lake-city``). data/gazetteer.tsv adds what no library has: international
organisations, news agencies and checked Wikidata IDs (see data/README-gazetteer.md). Files named in the
``KG_GAZETTEER`` environment variable (``os.pathsep``-separated) add more rows in the same format, e.g. people
with their offices, so that ``Tayyip Erdogan`` and ``Recep Tayyip Erdoğan`` meet from the first article on. The
resolver works without any file: unknown people get ids from their names.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import geo
from kg.errors import InputError
from kg.namespaces import slug
from kg.resources import resource
from kg.resolve.names import canonical_role, fold

#: Environment variable naming extra gazetteer files (``os.pathsep``-separated) that ``load_gazetteer()`` adds.
GAZETTEER_ENV = "KG_GAZETTEER"

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


def country_key(name: str) -> str:
    """The entity id of a country by its canonical name: ``Turkey`` -> ``country/turkey``."""
    return "country/" + slug(name)


@dataclass
class Gazetteer:
    """Known entities by key and by folded alias. Built with :func:`parse_gazetteer`, which starts from every
    country of :mod:`kg.geo`; cities and regions join ``entries`` when first looked up."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    _by_alias: dict[str, list[str]] = field(default_factory=dict)
    _by_demonym: dict[str, str] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry) -> None:
        """Add an entry; a row with a key already known completes it (a Wikidata ID, more aliases)."""
        known = self.entries.get(entry.key)
        if known is not None:
            entry = GazetteerEntry(known.key, known.type, entry.name or known.name, entry.qid or known.qid,
                                   tuple(dict.fromkeys((*known.aliases, *entry.aliases))),
                                   entry.affiliation or known.affiliation, (*known.offices, *entry.offices),
                                   tuple(dict.fromkeys((*known.demonyms, *entry.demonyms))))
        self.entries[entry.key] = entry
        for alias in entry.names():
            keys = self._by_alias.setdefault(fold(alias), [])
            if entry.key not in keys:
                keys.append(entry.key)
        for demonym in entry.demonyms:
            self._by_demonym[fold(demonym)] = entry.key

    def lookup(self, name: str, types: tuple[str, ...] | None = None) -> list[GazetteerEntry]:
        """Entries one of whose names folds to ``name``'s fold (``Türkiye`` finds Turkey), optionally by type; a
        city or region :mod:`kg.geo` knows when no entry has the name (``Salt Lake City``)."""
        folded = fold(name)
        if folded.startswith("the "):
            folded = folded[4:]
        keys = self._by_alias.get(folded, []) or self._by_alias.get("the " + folded, [])
        found = [self.entries[key] for key in keys]
        if not found and (types is None or "country" in types) and (country := geo.country_of(name)) and \
                country_key(country) in self.entries:
            found = [self.entries[country_key(country)]]  # "US", "the UK": abbreviations, matched as written
        if not found and folded and (types is None or "place" in types):
            place = self._place(name)
            found = [place] if place is not None else []
        return [entry for entry in found if types is None or entry.type in types]

    def _place(self, name: str) -> GazetteerEntry | None:
        place = geo.place(name)
        if place is None or place.kind == "country":
            return None
        key = "place/" + slug(place.name)
        if key not in self.entries:
            affiliation = country_key(place.country) if place.country else None
            self.add(GazetteerEntry(key, "place", place.name, aliases=(name.strip(),) if fold(name) != fold(
                place.name) else (), affiliation=affiliation))
        return self.entries[key]

    def country_of(self, word: str) -> str | None:
        """``Turkish`` / ``Türkiye's`` / ``US`` / ``Azerbaijanis`` -> ``country/turkey`` etc.; None for the rest."""
        folded = fold(word)
        if folded in self._by_demonym:
            return self._by_demonym[folded]
        name = geo.demonym_country(word) or geo.country_of(word)
        if name is not None:
            return country_key(name)
        for entry in self.lookup(word, ("country",)):
            return entry.key
        return None

    def holders(self, role: str, affiliation: str, year: int | None) -> list[GazetteerEntry]:
        """People whose recorded office matches ``role`` for ``affiliation`` in ``year`` (all years if None)."""
        return [entry for entry in self.entries.values()
                if entry.type == "person" and entry.affiliation == affiliation
                and any(office.role == role and office.held_in(year) for office in entry.offices)]


def _geo_countries() -> list[GazetteerEntry]:
    """Every country :mod:`kg.geo` knows, as an entry: all its names and demonyms."""
    demonyms: dict[str, list[str]] = {}
    for written, name in geo.demonyms().items():
        if not geo.abbreviation(written):  # "US" is matched as written by geo, never folded to the pronoun "us"
            demonyms.setdefault(name, []).append(written)
    return [GazetteerEntry(country_key(country.name), "country", country.name, aliases=country.names[1:],
                           demonyms=tuple(demonyms.get(country.name, ())))
            for country in geo.countries()]


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


def parse_gazetteer(text: str, origin: str = "gazetteer", into: Gazetteer | None = None) -> Gazetteer:
    """Read the TSV format documented in data/README-gazetteer.md; ``#`` lines are comments. Rows go into ``into``,
    else into a new gazetteer that already knows every country of :mod:`kg.geo`."""
    gazetteer = into if into is not None else _with_countries()
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


def _with_countries() -> Gazetteer:
    gazetteer = Gazetteer()
    for entry in _geo_entries():
        gazetteer.add(entry)
    return gazetteer


@lru_cache(maxsize=1)
def _geo_entries() -> tuple[GazetteerEntry, ...]:
    return tuple(_geo_countries())


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The bundled gazetteer plus the files named in ``KG_GAZETTEER`` (cached), or the file at ``path`` alone
    (with the countries of :mod:`kg.geo`, like every gazetteer)."""
    if path is None:
        return _bundled(os.environ.get(GAZETTEER_ENV, ""))
    return parse_gazetteer(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=4)
def _bundled(extra: str) -> Gazetteer:
    path = resource("data", "gazetteer.tsv")
    gazetteer = parse_gazetteer(path.read_text(encoding="utf-8"), str(path))
    for name in filter(None, extra.split(os.pathsep)):
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(name, f"cannot read the gazetteer file named in {GAZETTEER_ENV}: {error.strerror}; "
                             f"fix or unset {GAZETTEER_ENV}") from error
        parse_gazetteer(text, name, into=gazetteer)
    return gazetteer
