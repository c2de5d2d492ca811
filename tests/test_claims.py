"""kg.claims.list_claims with ``by`` reads only the claims queries/claims_by.rq proposes, binding ?claim of
queries/claims.rq to them (kg.queries.bind_list): it must return the whole-store listing filtered by claimant, field for field and in the same order.

The synthetic articles mix what claims.rq reads in different ways (issue 8 reshaped it for speed): quoted and
reported claims, figures with and without an upper bound, event or unit, the publisher's own figures, articles with
and without a publisher or a date, and an entities graph built by kg.linking.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from kg.claims import list_claims, only_claims
from kg.errors import QueryError
from kg.linking import link
from kg.namespaces import SCHEMA, XSD, article_iri
from kg.queries import bind_list, load_named
from kg.rdf import article_quads
from kg.store import Store
from kg.types import Article, Claim, Extraction, Mention, Quantity, Span

VERSION = "0.1.0-test"
ARTICLES = 24

#: (name, kind, role, affiliation) of the claimants the articles quote
SPEAKERS = (("Tigran Beridze", "person", "Foreign Minister", "Georgia"),
            ("Anna Petrosyan", "person", "spokeswoman", "Armenia"),
            ("the Defence Ministry", "organization", None, "Azerbaijan"),
            ("Leyla Aliyeva", "person", None, None))
CUES = (("said", "assert"), ("denied", "deny"), ("accused", "accuse"), ("warned", "warn"))
PROPOSITIONS = ("the ceasefire was violated near Lachin", "troops shelled civilian areas in Tavush",
                "the corridor was blocked for a week")
#: (qualifier, low, high, low_inclusive, high_inclusive, unit) of the figures: a point, open above, a range
FIGURES = ((None, 12.0, 12.0, True, True, None), ("more than", 200.0, None, False, False, None),
           ("nearly", 1800.0, 2000.0, True, False, "percent"))
PUBLISHERS = ("Reuters", "AP", None)


class _Text:
    """Appends fragments to an article text and hands back their spans."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, fragment: str) -> Span:
        start = len(self.text)
        self.text += fragment
        return Span(start, len(self.text))


def _figure(out: _Text, index: int, claimant: Mention, narrator: bool) -> Claim:
    qualifier, low, high, low_inclusive, high_inclusive, unit = FIGURES[index % len(FIGURES)]
    start = len(out.text)
    figure = out.add(f"{qualifier + ' ' if qualifier else ''}{int(high or low):,}")
    out.add(" people were killed")
    event_span = None
    if index % 2 == 0:  # every other figure names no event
        out.add(" in ")
        event_span = out.add(f"the clashes in {2000 + index % 5}")
    sentence = Span(start, len(out.text))
    if not narrator:
        out.add(", ")
        out.add(claimant.name)
        out.add(" said")
    out.add(". ")
    quantity = Quantity("deaths", low, high, low_inclusive, high_inclusive, figure, qualifier=qualifier,
                        counted="people", unit=unit, point=high or low,
                        event=event_span.of(out.text) if event_span else None, event_span=event_span,
                        event_time=str(2000 + index % 5) if event_span else None)
    return Claim(claimant, "assert", (Span(figure.start, sentence.end),), sentence, narrator=narrator,
                 confidence=0.7, quantity=quantity, extractor="quantities")


def _article(index: int) -> Extraction:
    out, claims = _Text(), []
    publisher = PUBLISHERS[index % len(PUBLISHERS)]
    for number in range(4):
        name, kind, role, affiliation = SPEAKERS[(index + number) % len(SPEAKERS)]
        cue_text, stance = CUES[(index + 2 * number) % len(CUES)]
        proposition = PROPOSITIONS[(index + number) % len(PROPOSITIONS)]
        start = len(out.text)
        if number == 0:  # a quote split by its attribution: two content parts
            first, second = proposition.split(" ", 1)
            out.add("\u201c")
            parts: tuple[Span, ...] = (out.add(first.capitalize()),)
            out.add(",\u201d ")
            speaker = out.add(name)
            out.add(" ")
            cue = out.add(cue_text)
            out.add(", \u201c")
            parts += (out.add(second),)
            out.add("\u201d. ")
        else:
            speaker = out.add(name)
            out.add(" ")
            cue = out.add(cue_text)
            out.add(" that ")
            parts = (out.add(proposition),)
            out.add(". ")
        claimant = Mention(name, kind, speaker, role=role, affiliation=affiliation)
        claims.append(Claim(claimant, stance, parts, Span(start, len(out.text) - 1), cue=cue, direct_quote=number == 0,
                            confidence=round(0.5 + number / 10, 2)))
    claims.append(_figure(out, index, Mention("officials", "anonymous", None), narrator=False))
    if publisher:
        claims.append(_figure(out, index + 1, Mention(publisher, "narrator", None), narrator=True))
    article = Article(text=out.text, origin=f"synthetic/{index}.txt", title=f"Report {index}",
                      published=None if index % 5 == 4 else f"2023-{index % 12 + 1:02d}-{index % 27 + 1:02d}",
                      date_source="metadata", publisher=publisher)
    return Extraction(article, tuple(claims))


@pytest.fixture(scope="module")
def store() -> Store:
    opened = Store(None)
    for index in range(ARTICLES):
        extraction = _article(index)
        opened.replace_graph(article_iri(extraction.article.content_hash),
                             article_quads(extraction, extractor_version=VERSION))
    link(opened)
    return opened


def _whole_store_by(store: Store, by: str) -> set[str]:
    """The claims claims.rq itself accepts for ``by`` when it reads the whole store."""
    bindings = {"by": by, "about": "", "stance": "", "kind": ""}
    return {row["claim"] for row in store.select(load_named("claims"), bindings)}


@pytest.mark.parametrize(("by", "filters"), [
    ("Beridze", {}),
    ("beridze", {"stance": "deny"}),
    ("Petrosyan", {"kind": "attributed"}),
    ("officials", {"kind": "quantity"}),
    ("ministry", {"about": "ceasefire"}),
    ("Reuters", {}),  # the publisher's own figures
    ("a", {}),  # nearly every claim is a candidate
    ("nobody at all", {}),
])
def test_by_gives_the_whole_store_listing_filtered_by_claimant(store: Store, by: str, filters: dict[str, Any]) -> None:
    accepted = _whole_store_by(store, by)
    expected = [claim for claim in list_claims(store, **filters) if claim["id"] in accepted]
    assert list_claims(store, by=by, **filters) == expected
    assert expected or by == "nobody at all"


def test_the_synthetic_store_holds_what_the_comparison_needs(store: Store) -> None:
    # Guards the test above against comparing empty or uniform listings.
    claims = list_claims(store)
    values = [claim["value"] for claim in claims if "value" in claim]
    assert len(claims) > 100
    assert {value["high"] is None for value in values} == {True, False}
    assert {value["event"] is None for value in values} == {True, False}
    assert {value["unit"] for value in values} == {None, "percent"}
    assert {claim["source"]["publisher"] for claim in claims} == {"Reuters", "AP", None}
    assert {claim["source"]["published"] is None for claim in claims} == {True, False}
    assert {claim["claimant_kind"] for claim in claims} >= {"person", "organization", "anonymous", "narrator"}
    assert any(claim["narrator"] for claim in claims) and any(claim["direct_quote"] for claim in claims)


def test_a_plain_literal_publisher_is_read_as_its_name() -> None:
    extraction = _article(0)
    graph = article_iri(extraction.article.content_hash)
    publisher = ox.NamedNode(SCHEMA + "publisher")
    quads = [quad for quad in article_quads(extraction, extractor_version=VERSION) if quad.predicate != publisher]
    quads.append(ox.Quad(ox.NamedNode(graph), publisher, ox.Literal("Wire Co"), ox.NamedNode(graph)))
    opened = Store(None)
    opened.replace_graph(graph, quads)
    claims = list_claims(opened)
    assert {claim["source"]["publisher"] for claim in claims} == {"Wire Co"}
    assert list_claims(opened, by="Beridze") == [claim for claim in claims if claim["claimant"] == "Tigran Beridze"]


def test_claims_rq_bound_to_a_list_of_claims_reads_those_claims_only(store: Store) -> None:
    every = [claim["id"] for claim in list_claims(store)]
    chosen = every[3:40:7]
    rows = store.select(only_claims(load_named("claims"), chosen), {"by": "", "about": "", "stance": "", "kind": ""})
    assert sorted(row["claim"] for row in rows) == sorted(chosen)
    assert store.select(only_claims(load_named("claims"), []), {"by": "", "about": "", "stance": "", "kind": ""}) == []


def test_bind_list_binds_the_outermost_where_group_and_only_terms() -> None:
    query = "# a comment that says WHERE { is not the group\nSELECT ?x WHERE { VALUES ?x { 1 2 3 } }"
    bound = bind_list(query, "x", [ox.Literal("2", datatype=ox.NamedNode(XSD + "integer")),
                                   ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))])
    assert [row["x"] for row in Store(None).select(bound + " ORDER BY ?x")] == [2, 3]
    assert bound.startswith("# a comment that says WHERE { is not the group\n")
    with pytest.raises(QueryError, match="no WHERE group"):
        bind_list("ASK { ?s ?p ?o }", "x", [])
    with pytest.raises(QueryError, match="an IRI or a literal is needed"):
        bind_list(query, "x", [ox.BlankNode()])
    with pytest.raises(QueryError, match="not a variable name"):
        bind_list(query, "x } DROP ALL {", [])
