"""kg.geo: countries, demonyms, regions and cities from the libraries, and what is not a place (table-driven)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kg import geo


@pytest.mark.parametrize("text, country", [
    ("Turkey", "Turkey"), ("Türkiye", "Turkey"), ("Türkiye's", "Turkey"), ("Republic of Turkey", "Turkey"),
    ("the United States", "United States"), ("US", "United States"), ("U.S.", "United States"),
    ("America", "United States"), ("Britain", "United Kingdom"), ("UK", "United Kingdom"),
    ("Russian Federation", "Russia"), ("Holland", "Netherlands"), ("Burma", "Myanmar"),
    ("Côte d'Ivoire", "Ivory Coast"),
    ("Palestine", "Palestine"), ("Kosovo", "Kosovo"), ("South Korea", "South Korea"),
    ("us", None), ("Turkish", None), ("Korea", None), ("Salt Lake City", None), ("Jordan Henderson", None),
])
def test_country_of(text: str, country: str | None) -> None:
    assert geo.country_of(text) == country


@pytest.mark.parametrize("word, country", [
    ("Turkish", "Turkey"), ("Azerbaijani", "Azerbaijan"), ("Azeri", "Azerbaijan"), ("Armenians", "Armenia"),
    ("American", "United States"), ("US", "United States"), ("British", "United Kingdom"), ("Saudi", "Saudi Arabia"),
    ("Indian", "India"),  # not the British Indian Ocean Territory, which countryinfo also calls "Indian"
    ("Dominican", "Dominican Republic"), ("Kremlin", "Russia"), ("Swiss", "Switzerland"),
    ("European", None), ("EU", None), ("us", None), ("Channel Islander", None),  # Jersey's or Guernsey's: nobody's
])
def test_demonym_country(word: str, country: str | None) -> None:
    assert geo.demonym_country(word) == country


def test_demonyms_cover_every_country_and_name_organisations() -> None:
    table = geo.demonyms()
    assert len(table) > 200
    assert (table["Armenian"], table["EU"], table["Turkish"]) == ("Armenia", "European Union", "Turkey")
    assert len(geo.countries()) > 240 and geo.country_by_code("tr").name == "Turkey"


@pytest.mark.parametrize("text, kind, country", [
    ("Salt Lake City", "city", "United States"), ("Park City", "city", "United States"),
    ("Kiev", "city", "Ukraine"), ("Gaza", "city", "Palestine"), ("Sharm El-Sheikh", "city", "Egypt"),
    ("Georgia", "country", "Georgia"), ("Scotland", "region", "United Kingdom"), ("Utah", "region", "United States"),
    ("Europe", "region", None),
])
def test_places(text: str, kind: str, country: str | None) -> None:
    place = geo.place(text)
    assert place is not None and (place.kind, place.country) == (kind, country)
    assert geo.is_place(text)


@pytest.mark.parametrize("text", [
    "Of", "Best", "Police",  # towns of 20-35,000 people, and common words
    "Taylor", "Prescott", "Howard", "Blair", "Archer",  # surnames that small towns carry
    "Mr", "The", "said", "Tony Blair", "",
])
def test_not_places(text: str) -> None:
    assert not geo.is_place(text)


def test_fold() -> None:
    assert geo.fold("Erdoğan") == geo.fold("Erdogan") == "erdogan"
    assert geo.fold("Kılıç") == "kilic" and geo.fold("U.S.") == "us"


def test_loading_is_cached_and_quick() -> None:
    geo.is_place("Salt Lake City")  # loaded once per process
    started = time.perf_counter()
    for _ in range(1000):
        geo.is_place("Park City")
        geo.country_of("Türkiye")
    assert time.perf_counter() - started < 0.5


def test_the_city_table_is_built_once_then_read_from_its_cache_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    geo._cities.cache_clear()
    try:
        built = geo._cities()
        path = geo.cache_path()
        assert path.parent == tmp_path / "cache" and path.is_file()
        geo._cities.cache_clear()
        with monkeypatch.context() as patched:
            patched.setattr(geo, "_built_cities", lambda: pytest.fail("the cached table was built again"))
            assert geo._cities() == built and geo.city("Salt Lake City") == built["salt lake city"]
        # a damaged file is built again and written whole, not read
        path.write_text('{"places": [["Salt Lake', encoding="utf-8")
        geo._cities.cache_clear()
        assert geo._cities() == built and len(json.loads(path.read_text(encoding="utf-8"))["names"]) == len(built)
        # nowhere to write it: built, and nothing fails
        (tmp_path / "file").write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "file"))
        geo._cities.cache_clear()
        assert geo._cities() == built
    finally:
        geo._cities.cache_clear()
