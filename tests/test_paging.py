"""Paged listings (issue 20): `kg claims` and `kg entities` take --limit / --offset, tables show one page and say how
to see more, JSON and CSV stream everything; kg.claims.list_claims and kg.entities.list_entities page the same way.

The store holds the synthetic articles of test_claims.py (quoted and reported claims, figures, articles with and
without a date or a publisher, an entities graph built by kg.linking): 136 claims, more than a table's page.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_claims import ARTICLES, _article
from typer.testing import CliRunner

from kg.claims import claim_total, iter_claims, list_claims
from kg.cli import app
from kg.cli.output import dumps, print_json, print_json_items
from kg.cli.paging import DEFAULT_PAGE
from kg.entities import entities_page, list_entities
from kg.errors import QueryError
from kg.linking import link
from kg.namespaces import article_iri
from kg.queries import load_named
from kg.rdf import article_quads
from kg.store import Store

runner = CliRunner()

#: the filters list_claims takes, each with a value that keeps some claims and drops others
FILTERS: list[dict[str, Any]] = [{}, {"by": "Beridze"}, {"stance": "deny"}, {"kind": "quantity"},
                                 {"about": "ceasefire"}, {"by": "a", "kind": "attributed"}]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("paging") / "store"
    store = Store(location)
    for index in range(ARTICLES):
        extraction = _article(index)
        store.replace_graph(article_iri(extraction.article.content_hash),
                            article_quads(extraction, extractor_version="0.1.0-test"))
    link(store)
    store.close()
    return location


@pytest.fixture(scope="module")
def store(store_path: Path) -> Store:
    return Store(store_path, read_only=True)


def kg(*args: object) -> Any:
    return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def _pages(store: Store, size: int, **filters: Any) -> list[dict[str, Any]]:
    """The whole listing read page by page until a short page."""
    claims: list[dict[str, Any]] = []
    while True:
        page = list_claims(store, offset=len(claims), limit=size, **filters)
        claims += page
        if len(page) < size:
            return claims


def test_the_store_holds_more_than_a_page(store: Store) -> None:
    assert len(list_claims(store)) > DEFAULT_PAGE


def test_the_listing_is_in_claims_rq_order(store: Store) -> None:
    """claims.rq, read whole, orders by date, source and position itself: the paged listing must agree."""
    rows = store.select(load_named("claims"), {"by": "", "about": "", "stance": "", "kind": ""})
    assert [claim["id"] for claim in list_claims(store)] == [row["claim"] for row in rows]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("size", [DEFAULT_PAGE, pytest.param(7, marks=pytest.mark.slow)])
def test_pages_add_up_to_the_whole_listing(store: Store, filters: dict[str, Any], size: int) -> None:
    whole = list_claims(store, **filters)
    assert whole, "each filter keeps some claims"
    assert _pages(store, size, **filters) == whole


@pytest.mark.parametrize("filters", [{}, {"kind": "quantity"}])
def test_pages_of_one_claim_follow_each_other(store: Store, filters: dict[str, Any]) -> None:
    whole = list_claims(store, **filters)
    assert [claim for offset in range(12) for claim in list_claims(store, offset=offset, limit=1, **filters)] == \
        whole[:12]


@pytest.mark.parametrize("filters", FILTERS[:3] + [pytest.param(f, marks=pytest.mark.slow) for f in FILTERS[3:]])
def test_a_page_is_the_slice_of_the_whole_listing(store: Store, filters: dict[str, Any]) -> None:
    whole = list_claims(store, **filters)
    for offset, limit in ((0, 3), (2, 5), (len(whole) - 2, 10), (len(whole), 5), (len(whole) + 40, 5), (3, 0)):
        assert list_claims(store, offset=offset, limit=limit, **filters) == whole[offset:offset + limit]
    assert list_claims(store, offset=4, **filters) == whole[4:]


def test_the_same_page_twice_is_the_same(store: Store) -> None:
    assert list_claims(store, offset=30, limit=20) == list_claims(store, offset=30, limit=20)


def test_only_the_given_claims_in_listing_order(store: Store) -> None:
    whole = list_claims(store)
    chosen = [claim["id"] for claim in whole[::9]]
    assert list_claims(store, ids=reversed(chosen)) == whole[::9]
    assert list_claims(store, ids=chosen, offset=2, limit=3) == whole[::9][2:5]


def test_a_first_page_reads_only_its_claims(store: Store) -> None:
    """Without filters the page's ids are known from the order alone: claims.rq is asked for those five only."""
    read: list[str] = []

    class Counting:
        keeps_listings = False  # a store without listing records: the page is read through claims.rq

        def select(self, sparql: str, bindings: Any = None) -> list[dict[str, Any]]:
            rows = store.select(sparql, bindings)
            if "?by ?about ?stance ?kind" in sparql:  # claims.rq
                read.extend(row["claim"] for row in rows)
            return rows

    page = list_claims(Counting(), offset=10, limit=5)  # type: ignore[arg-type]
    assert [claim["id"] for claim in page] == read
    assert len(read) == 5


def test_iter_claims_is_lazy_and_gives_the_listing(store: Store) -> None:
    claims = iter_claims(store)
    first = next(claims)
    assert [first, *claims] == list_claims(store)


def test_the_total_is_the_listing_length(store: Store) -> None:
    assert claim_total(store) == len(list_claims(store))


@pytest.mark.parametrize(("offset", "limit"), [(-1, None), (0, -1), (-5, 10)])
def test_negative_offsets_and_limits_are_refused(store: Store, offset: int, limit: int | None) -> None:
    with pytest.raises(QueryError, match="must be 0 or more"):
        list_claims(store, offset=offset, limit=limit)
    with pytest.raises(QueryError, match="must be 0 or more"):
        list_entities(store, offset=offset, limit=limit)


def test_entities_page_in_entities_rq_order(store: Store) -> None:
    whole = list_entities(store)
    rows = store.select(load_named("entities"))
    assert [(entity["id"], entity["name"], entity["claims"]) for entity in whole] == \
        [(row["entity"], row["name"], int(row["claims"])) for row in rows]
    assert len(whole) > 5
    pages = [entity for offset in range(0, len(whole), 3) for entity in list_entities(store, offset=offset, limit=3)]
    assert pages == whole
    assert list_entities(store, offset=len(whole) + 1, limit=3) == []
    assert entities_page(store, offset=2, limit=2) == (whole[2:4], len(whole))


def test_entities_filtered_by_name_page_too(store: Store) -> None:
    matching = [entity for entity in list_entities(store)
                if any("an" in text.casefold() for text in (entity["name"], *entity["aliases"]))]
    assert len(matching) > 1
    assert entities_page(store, name="AN", offset=1, limit=1) == (matching[1:2], len(matching))


@pytest.mark.parametrize("items", [[], [{"id": "a", "text": "quote \u201cé\u201d\nline", "value": {"low": 5}}, {}],
                                   [[1, 2], "x", None]])
def test_streamed_json_is_print_json_to_the_byte(items: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"claims": items})
    whole = capsys.readouterr().out
    assert print_json_items("claims", iter(items)) == len(items)
    assert capsys.readouterr().out == whole


@contextmanager
def patch_stdout(stream: io.StringIO) -> Iterator[None]:
    saved, sys.stdout = sys.stdout, stream
    try:
        yield
    finally:
        sys.stdout = saved


class _Odd:
    def __str__(self) -> str:
        return "odd \u00e9"


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.just(_Odd()),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    | st.dictionaries(st.integers() | st.booleans() | st.none() | st.floats(), inner, max_size=3),
    max_leaves=20)


@settings(max_examples=300)
@given(_VALUES, st.sampled_from(["", "    "]))
def test_dumps_is_the_standard_librarys_indented_json(value: Any, margin: str) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n" + margin)
    assert dumps(value, margin) == expected


@settings(max_examples=100)
@given(_VALUES)
def test_print_json_writes_shared_objects_as_json_dumps_does(value: Any) -> None:
    """A report shares one claim object among its items: written once encoded, then from the text kept."""
    claim = {"id": "c1", "value": value, "spans": {"content": [[0, 3]]}}
    report = {"contradictions": [{"claims": [claim, claim]}, {"claims": [claim]}], "revisions": [[claim]],
              "other": claim}
    written = io.StringIO()
    with patch_stdout(written):
        print_json(report, shared=True)
    assert written.getvalue() == json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n"


# -- the CLI --------------------------------------------------------------------------------------------------------

def test_a_table_shows_one_page_and_says_how_to_see_more(store_path: Path, store: Store) -> None:
    total = len(list_claims(store))
    result = kg("claims", "--store", store_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()  # a pipe: tab-separated lines under a header
    assert len(lines) == 1 + DEFAULT_PAGE
    assert result.stderr == f"kg: showing claims 1-{DEFAULT_PAGE} of {total:,}; --offset {DEFAULT_PAGE} for more\n"


def test_table_pages_add_up_to_the_whole_listing(store_path: Path, store: Store) -> None:
    total = len(list_claims(store))
    rows: list[str] = []
    offset = 0
    while True:
        result = kg("claims", "--store", store_path, "--offset", offset, "--limit", 40)
        page = result.stdout.splitlines()[1:]
        rows += page
        offset += len(page)
        if offset >= total:
            assert result.stderr == ""  # the last page has nothing more to point at
            break
        assert result.stderr == f"kg: showing claims {offset - len(page) + 1}-{offset} of {total:,}; " \
                                f"--offset {offset} for more\n"
    everything = kg("claims", "--store", store_path, "--limit", total)
    assert (everything.stderr, rows) == ("", everything.stdout.splitlines()[1:])


def test_a_filtered_table_says_how_to_see_more_without_a_total(store_path: Path, store: Store) -> None:
    assert len(list_claims(store, by="a")) > 12
    result = kg("claims", "--store", store_path, "--by", "a", "--limit", 5, "--offset", 7)
    assert len(result.stdout.splitlines()) == 1 + 5
    assert result.stderr == "kg: showing claims 8-12; --offset 12 for more\n"


def test_json_streams_every_claim_without_a_limit(store_path: Path, store: Store,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    whole = list_claims(store)
    result = kg("claims", "--store", store_path, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    print_json({"claims": whole})
    assert result.stdout == capsys.readouterr().out
    assert len(json.loads(result.stdout)["claims"]) == len(whole) > DEFAULT_PAGE


def test_json_and_csv_take_a_limit_and_an_offset(store_path: Path, store: Store) -> None:
    whole = list_claims(store, kind="quantity")
    result = kg("claims", "--store", store_path, "--kind", "quantity", "--format", "json", "--offset", 3,
                "--limit", 4)
    assert json.loads(result.stdout) == {"claims": whole[3:7]}
    result = kg("claims", "--store", store_path, "--kind", "quantity", "--format", "csv", "--offset", 3)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == [claim["id"] for claim in whole[3:]]


def test_an_offset_past_the_end_is_an_empty_listing(store_path: Path) -> None:
    result = kg("claims", "--store", store_path, "--offset", 100_000, "--format", "json")
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (0, {"claims": []}, "")
    result = kg("entities", "--store", store_path, "--offset", 100_000)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "name\tkind\taliases\troles\twikidata\tclaims\n",
                                                                 "")


@pytest.mark.parametrize("command", ["claims", "entities"])
@pytest.mark.parametrize(("option", "value"), [("--limit", -1), ("--offset", -3)])
def test_a_negative_value_is_one_line_and_exit_2(store_path: Path, command: str, option: str, value: int) -> None:
    result = kg(command, "--store", store_path, option, value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"kg: {option} must be 0 or more, not {value}\n"


def test_entities_table_pages_and_json_lists_all(store_path: Path, store: Store) -> None:
    whole = list_entities(store)
    result = kg("entities", "--store", store_path, "--limit", 2, "--offset", 1)
    assert [line.split("\t")[0] for line in result.stdout.splitlines()[1:]] == [e["name"] for e in whole[1:3]]
    assert result.stderr == f"kg: showing entities 2-3 of {len(whole):,}; --offset 3 for more\n"
    result = kg("entities", "--store", store_path, "--format", "json")
    assert (json.loads(result.stdout), result.stderr) == ({"entities": whole}, "")
