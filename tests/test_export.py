"""`kg export`: the exact bytes of every format on a small store, round trips through pyoxigraph and rdflib, the same
bytes from stores filled in different orders, and the external sort that keeps large dumps in bounded memory."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import kg.dump
from kg.cli import app
from kg.dump import FORMATS, turtle_local
from kg.namespaces import CG, DEFAULT_BASE, ENTITIES_GRAPH, OWL, RDF, SCHEMA, WD, XSD, mint
from kg.store import Store

ARTICLE = DEFAULT_BASE + "article/0123abcd"
CLAIM = DEFAULT_BASE + "claim/0123abcd/"
PERSON = DEFAULT_BASE + "agent/person/ada-lovelace"
TYPE = RDF + "type"
#: Quotes, a newline, a tab, a backslash, a carriage return, non-ASCII and a character outside the BMP.
AWKWARD_TEXT = 'Line one\nLine two\t\\ «Erdoğan» 😀\r'


def iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


def literal(text: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    return ox.Literal(text, datatype=None if datatype is None else iri(XSD + datatype), language=language)


ARTICLE_TRIPLES = [
    (ARTICLE, TYPE, iri(CG + "Article")), (ARTICLE, TYPE, iri(SCHEMA + "NewsArticle")),
    (ARTICLE, SCHEMA + "headline", literal('She said "no"')),
    (ARTICLE, CG + "text", literal(AWKWARD_TEXT)),
    (ARTICLE, SCHEMA + "datePublished", literal("2020-12-01", "date")),
    (ARTICLE, SCHEMA + "alternativeHeadline", literal("Bonjour", language="fr")),
    (CLAIM + "2", TYPE, iri(CG + "Claim")), (CLAIM + "2", CG + "claimant", iri(PERSON)),
    (CLAIM + "2", CG + "confidence", literal("0.85", "decimal")),
    (CLAIM + "2", CG + "isDirectQuote", literal("true", "boolean")),
    (CLAIM + "10", TYPE, iri(CG + "QuantityClaim")), (CLAIM + "10", CG + "reportedIn", iri(ARTICLE)),
    (CLAIM + "10", CG + "lowerBound", literal("5", "integer")),
    (CLAIM + "10", CG + "pointValue", literal("1.5E3", "double")),
]
ENTITY_TRIPLES = [
    (PERSON, TYPE, iri(CG + "Person")), (PERSON, SCHEMA + "name", literal("Ada Lovelace")),
    (PERSON, CG + "alias", literal("Countess of Lovelace")), (PERSON, CG + "alias", literal("Ada")),
    (PERSON, OWL + "sameAs", iri(WD + "Q7259")),
    # '~' is written escaped in a local name; a local name ending in '.' is written as a whole IRI
    (DEFAULT_BASE + "agent/a~b", DEFAULT_BASE + "agent/x.", iri("http://example.org/")),
    # the same triple as in the article graph: a one-graph dump writes it once
    (CLAIM + "2", CG + "claimant", iri(PERSON)),
]

#: The prefixes of the TriG dump; Turtle names no graph and leaves out graph:.
PREFIX_BLOCK = """\
@prefix agent: <https://w3id.org/claimgraph/id/agent/> .
@prefix article: <https://w3id.org/claimgraph/id/article/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix claim: <https://w3id.org/claimgraph/id/claim/> .
@prefix graph: <https://w3id.org/claimgraph/graph/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix schema: <https://schema.org/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

TURTLE = PREFIX_BLOCK.replace("@prefix graph: <https://w3id.org/claimgraph/graph/> .\n", "") + r"""
agent:a\~b <https://w3id.org/claimgraph/id/agent/x.> <http://example.org/> .

agent:person\/ada-lovelace a cg:Person ;
    owl:sameAs wd:Q7259 ;
    schema:name "Ada Lovelace" ;
    cg:alias "Ada", "Countess of Lovelace" .

article:0123abcd a schema:NewsArticle, cg:Article ;
    schema:alternativeHeadline "Bonjour"@fr ;
    schema:datePublished "2020-12-01"^^xsd:date ;
    schema:headline "She said \"no\"" ;
    cg:text "Line one\nLine two\t\\ «Erdoğan» 😀\r" .

claim:0123abcd\/10 a cg:QuantityClaim ;
    cg:lowerBound 5 ;
    cg:pointValue "1500"^^xsd:double ;
    cg:reportedIn article:0123abcd .

claim:0123abcd\/2 a cg:Claim ;
    cg:claimant agent:person\/ada-lovelace ;
    cg:confidence 0.85 ;
    cg:isDirectQuote true .
"""

TRIG = PREFIX_BLOCK + r"""
graph:entities {
    agent:a\~b <https://w3id.org/claimgraph/id/agent/x.> <http://example.org/> .

    agent:person\/ada-lovelace a cg:Person ;
        owl:sameAs wd:Q7259 ;
        schema:name "Ada Lovelace" ;
        cg:alias "Ada", "Countess of Lovelace" .

    claim:0123abcd\/2 cg:claimant agent:person\/ada-lovelace .
}

article:0123abcd {
    article:0123abcd a schema:NewsArticle, cg:Article ;
        schema:alternativeHeadline "Bonjour"@fr ;
        schema:datePublished "2020-12-01"^^xsd:date ;
        schema:headline "She said \"no\"" ;
        cg:text "Line one\nLine two\t\\ «Erdoğan» 😀\r" .

    claim:0123abcd\/10 a cg:QuantityClaim ;
        cg:lowerBound 5 ;
        cg:pointValue "1500"^^xsd:double ;
        cg:reportedIn article:0123abcd .

    claim:0123abcd\/2 a cg:Claim ;
        cg:claimant agent:person\/ada-lovelace ;
        cg:confidence 0.85 ;
        cg:isDirectQuote true .
}
"""

JSONLD = r"""{
  "@context": {
    "agent": "https://w3id.org/claimgraph/id/agent/",
    "article": "https://w3id.org/claimgraph/id/article/",
    "cg": "https://w3id.org/claimgraph/ontology#",
    "claim": "https://w3id.org/claimgraph/id/claim/",
    "graph": "https://w3id.org/claimgraph/graph/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#"
  },
  "@graph": [
    {
      "@id": "graph:entities",
      "@graph": [
        {
          "@id": "agent:a~b",
          "agent:x.": {
            "@id": "http://example.org/"
          }
        },
        {
          "@id": "agent:person/ada-lovelace",
          "@type": "cg:Person",
          "owl:sameAs": {
            "@id": "wd:Q7259"
          },
          "schema:name": "Ada Lovelace",
          "cg:alias": [
            "Ada",
            "Countess of Lovelace"
          ]
        },
        {
          "@id": "claim:0123abcd/2",
          "cg:claimant": {
            "@id": "agent:person/ada-lovelace"
          }
        }
      ]
    },
    {
      "@id": "article:0123abcd",
      "@graph": [
        {
          "@id": "article:0123abcd",
          "@type": [
            "schema:NewsArticle",
            "cg:Article"
          ],
          "schema:alternativeHeadline": {
            "@value": "Bonjour",
            "@language": "fr"
          },
          "schema:datePublished": {
            "@value": "2020-12-01",
            "@type": "xsd:date"
          },
          "schema:headline": "She said \"no\"",
          "cg:text": "Line one\nLine two\t\\ «Erdoğan» 😀\r"
        },
        {
          "@id": "claim:0123abcd/10",
          "@type": "cg:QuantityClaim",
          "cg:lowerBound": 5,
          "cg:pointValue": {
            "@value": "1500",
            "@type": "xsd:double"
          },
          "cg:reportedIn": {
            "@id": "article:0123abcd"
          }
        },
        {
          "@id": "claim:0123abcd/2",
          "@type": "cg:Claim",
          "cg:claimant": {
            "@id": "agent:person/ada-lovelace"
          },
          "cg:confidence": {
            "@value": "0.85",
            "@type": "xsd:decimal"
          },
          "cg:isDirectQuote": true
        }
      ]
    }
  ]
}
"""


def n_triples_line(subject: str, predicate: str, obj: str) -> str:
    return f"<{subject}> <{predicate}> {obj}"


_G, _A = f"<{ENTITIES_GRAPH}>", f"<{ARTICLE}>"
#: The lines of the N-Quads dump, in order (the graph last, as N-Quads writes it); N-Triples has the same lines
#: without the graph, and the claimant triple once.
NQUADS_LINES = [
    (n_triples_line(DEFAULT_BASE + "agent/a~b", DEFAULT_BASE + "agent/x.", "<http://example.org/>"), _G),
    (n_triples_line(PERSON, TYPE, f"<{CG}Person>"), _G),
    (n_triples_line(PERSON, OWL + "sameAs", f"<{WD}Q7259>"), _G),
    (n_triples_line(PERSON, SCHEMA + "name", '"Ada Lovelace"'), _G),
    (n_triples_line(PERSON, CG + "alias", '"Ada"'), _G),
    (n_triples_line(PERSON, CG + "alias", '"Countess of Lovelace"'), _G),
    (n_triples_line(ARTICLE, TYPE, f"<{SCHEMA}NewsArticle>"), _A),
    (n_triples_line(ARTICLE, TYPE, f"<{CG}Article>"), _A),
    (n_triples_line(ARTICLE, SCHEMA + "alternativeHeadline", '"Bonjour"@fr'), _A),
    (n_triples_line(ARTICLE, SCHEMA + "datePublished", f'"2020-12-01"^^<{XSD}date>'), _A),
    (n_triples_line(ARTICLE, SCHEMA + "headline", r'"She said \"no\""'), _A),
    (n_triples_line(ARTICLE, CG + "text", r'"Line one\nLine two\t\\ «Erdoğan» 😀\r"'), _A),
    (n_triples_line(CLAIM + "10", TYPE, f"<{CG}QuantityClaim>"), _A),
    (n_triples_line(CLAIM + "10", CG + "lowerBound", f'"5"^^<{XSD}integer>'), _A),
    (n_triples_line(CLAIM + "10", CG + "pointValue", f'"1500"^^<{XSD}double>'), _A),
    (n_triples_line(CLAIM + "10", CG + "reportedIn", f"<{ARTICLE}>"), _A),
    (n_triples_line(CLAIM + "2", TYPE, f"<{CG}Claim>"), _A),
    (n_triples_line(CLAIM + "2", CG + "claimant", f"<{PERSON}>"), _G),
    (n_triples_line(CLAIM + "2", CG + "claimant", f"<{PERSON}>"), _A),
    (n_triples_line(CLAIM + "2", CG + "confidence", f'"0.85"^^<{XSD}decimal>'), _A),
    (n_triples_line(CLAIM + "2", CG + "isDirectQuote", f'"true"^^<{XSD}boolean>'), _A),
]
NQUADS = "".join(f"{triple} {graph} .\n" for triple, graph in NQUADS_LINES)
NTRIPLES = "".join(f"{triple} .\n" for triple in dict.fromkeys(triple for triple, _ in NQUADS_LINES))
EXPECTED = {"turtle": TURTLE, "trig": TRIG, "nquads": NQUADS, "ntriples": NTRIPLES, "jsonld": JSONLD}

runner = CliRunner()


def quads_of(triples: list[tuple[str, str, ox.Term]], graph: str) -> list[ox.Quad]:
    return [ox.Quad(iri(subject), iri(predicate), obj, iri(graph)) for subject, predicate, obj in triples]


def fill(store: Store, *, reverse: bool = False) -> None:
    """The test content: an article graph and the entities graph (in the other order and with every graph's quads
    reversed when ``reverse``)."""
    graphs = [(ENTITIES_GRAPH, ENTITY_TRIPLES), (ARTICLE, ARTICLE_TRIPLES)]
    for graph, triples in reversed(graphs) if reverse else graphs:
        store.replace_graph(graph, quads_of(triples[::-1] if reverse else triples, graph))


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KG_BASE", raising=False)
    location = tmp_path / "store"
    store = Store(location)
    fill(store)
    store.close()
    return location


def dump(store: Store, fmt: str, graph: str | None = None) -> bytes:
    output = io.BytesIO()
    store.dump(output, fmt, graph)
    return output.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_prints_exactly(store_path: Path, fmt: str) -> None:
    result = runner.invoke(app, ["export", "--store", str(store_path), "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8") == EXPECTED[fmt]


def test_export_to_a_file_writes_the_same_bytes(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.ttl"
    result = runner.invoke(app, ["export", "--store", str(store_path), "--format", "turtle", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == TURTLE


def test_export_of_one_graph_holds_its_triples_only(store_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store_path), "--format", "turtle",
                                 "--graph", ENTITIES_GRAPH], catch_exceptions=False)
    assert result.exit_code == 0
    triples = {(str(q.subject), str(q.predicate), str(q.object))
               for q in ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE)}
    assert triples == {(f"<{s}>", f"<{p}>", str(o)) for s, p, o in ENTITY_TRIPLES}
    assert "article:" not in result.stdout  # the prefixes declared are those the graph uses


def test_an_empty_store_exports_valid_empty_documents() -> None:
    store = Store(None)
    assert dump(store, "turtle") == dump(store, "trig") == dump(store, "nquads") == b""
    assert dump(store, "jsonld") == b'{\n  "@context": {},\n  "@graph": []\n}\n'


def test_a_dump_that_needs_no_prefix_starts_with_its_first_statement() -> None:
    store = Store(None)
    store.replace_graph("http://example.org/g", [
        ox.Quad(iri("http://example.org/s"), iri("http://example.org/p"), literal("o"), iri("http://example.org/g"))])
    assert dump(store, "turtle") == b'<http://example.org/s> <http://example.org/p> "o" .\n'
    assert dump(store, "trig") == (b'<http://example.org/g> {\n'
                                   b'    <http://example.org/s> <http://example.org/p> "o" .\n'
                                   b'}\n')


def test_the_instance_prefixes_follow_the_configured_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_BASE", "https://news.example/kg/")
    claim, person = mint("claim", "0123abcd", "7"), mint("agent", "person", "Ada Lovelace")
    store = Store(None)
    store.replace_graph(ENTITIES_GRAPH, [ox.Quad(iri(claim), iri(CG + "claimant"), iri(person), iri(ENTITIES_GRAPH))])
    assert dump(store, "turtle").decode("utf-8") == (
        "@prefix agent: <https://news.example/kg/agent/> .\n"
        "@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n"
        "@prefix claim: <https://news.example/kg/claim/> .\n"
        "\n"
        "claim:0123abcd\\/7 cg:claimant agent:person\\/Ada%20Lovelace .\n")


def test_stores_filled_in_other_orders_dump_the_same_bytes(store_path: Path) -> None:
    on_disk = Store(store_path, read_only=True)
    in_memory = Store(None)
    fill(in_memory, reverse=True)
    for fmt in FORMATS:
        assert dump(on_disk, fmt) == dump(on_disk, fmt) == dump(in_memory, fmt) == EXPECTED[fmt].encode("utf-8")


def test_a_dump_past_the_memory_budget_is_sorted_in_files_and_gives_the_same_bytes(
        store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(store_path, read_only=True)
    spill_folder = tmp_path / "tmp"
    spill_folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(spill_folder))
    monkeypatch.setattr(kg.dump, "SPILL_BYTES", 600)  # a few records per run: several runs to merge
    monkeypatch.setattr(kg.dump, "BATCH", 3)
    written: list[int] = []
    spill = kg.dump._spill
    monkeypatch.setattr(kg.dump, "_spill", lambda run, path, stack: written.append(len(run)) or spill(run, path, stack))
    for fmt in FORMATS:
        assert dump(store, fmt) == EXPECTED[fmt].encode("utf-8")
    assert len(written) >= 2 * len(FORMATS) and max(written) < len(NQUADS_LINES)
    assert list(spill_folder.iterdir()) == []  # the runs are removed


# -- round trips ------------------------------------------------------------------------------------------------

BLANK = ox.BlankNode("b0")
#: The test content plus blank nodes: a selector with nested nodes, as Web Annotation evidence would be.
BLANK_QUADS = [
    ox.Quad(iri(CLAIM + "2"), iri(CG + "evidence"), BLANK, iri(ARTICLE)),
    ox.Quad(BLANK, iri(TYPE), iri("http://www.w3.org/ns/oa#TextQuoteSelector"), iri(ARTICLE)),
    ox.Quad(BLANK, iri("http://www.w3.org/ns/oa#exact"), literal("She said"), iri(ARTICLE)),
    ox.Quad(BLANK, iri(CG + "next"), ox.BlankNode("b1"), iri(ARTICLE)),
]


@pytest.fixture
def full_store(monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.delenv("KG_BASE", raising=False)
    store = Store(None)
    fill(store)
    store.replace_graph(ARTICLE, [*quads_of(ARTICLE_TRIPLES, ARTICLE), *BLANK_QUADS])
    return store


def store_quads(store: Store) -> set[ox.Quad]:
    return set(store.quads())


def as_triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads}


PYOXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                      "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back_with_pyoxigraph_to_the_same_data(full_store: Store, fmt: str) -> None:
    parsed = set(ox.parse(dump(full_store, fmt), format=PYOXIGRAPH_FORMATS[fmt]))
    expected = store_quads(full_store)
    if fmt in ("turtle", "ntriples"):
        assert as_triples(parsed) == as_triples(expected)
        assert len(parsed) == len(as_triples(expected))  # a triple in two graphs is written once
    else:
        assert parsed == expected


def rdflib_graphs(data: bytes, fmt: str) -> dict[str, rdflib.Graph]:
    """The parsed graphs by name ("" for a one-graph format), each an rdflib Graph (blank nodes renamed)."""
    if fmt in ("turtle", "ntriples"):
        return {"": rdflib.Graph().parse(data=data, format={"turtle": "turtle", "ntriples": "nt"}[fmt])}
    dataset = rdflib.Dataset().parse(data=data, format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back_with_rdflib_to_the_same_data(full_store: Store, fmt: str) -> None:
    from rdflib.compare import isomorphic

    got = rdflib_graphs(dump(full_store, fmt), fmt)
    # what the store holds, read by rdflib from pyoxigraph's own N-Quads
    expected = rdflib_graphs(ox.serialize(full_store.quads(), format=ox.RdfFormat.N_QUADS), "nquads")
    if fmt in ("turtle", "ntriples"):
        union = rdflib.Graph()
        for graph in expected.values():
            union += graph
        expected = {"": union}
    assert set(got) == set(expected)
    for name, graph in expected.items():
        assert len(got[name]) == len(graph) and isomorphic(got[name], graph), name


# -- property tests ---------------------------------------------------------------------------------------------

#: Characters an IRI's path may hold (RFC 3987 iunreserved, sub-delims, ':', '@', '/', percent escapes), and
#: some beyond ASCII.
IRI_PATH = st.lists(st.one_of(st.sampled_from(list("abcXYZ019-._~!$&'()*+,;=:@/")), st.just("%2F"),
                              st.sampled_from(["é", "ğ", "中", "\U0001F600"])), max_size=12).map("".join)


@pytest.mark.slow  # a hypothesis search through two parsers
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(local=IRI_PATH)
def test_a_local_name_is_written_so_that_both_parsers_read_the_iri_back(local: str) -> None:
    namespace = "http://example.org/ns/"
    written = turtle_local(local)
    if written is None:  # written as a whole IRI: only local names with a leading or trailing '.'
        assert local.startswith(".") or local.endswith(".")
        return
    text = f"@prefix p: <{namespace}> .\np:{written} p:{written} p:{written} .\n"
    (quad,) = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert quad.subject == quad.predicate == quad.object == iri(namespace + local)
    ((subject, _, _),) = rdflib.Graph().parse(data=text, format="turtle")
    assert str(subject) == namespace + local


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
       language=st.one_of(st.none(), st.sampled_from(["en", "fr", "en-gb", "az-latn"])))
def test_any_text_survives_every_format(text: str, language: str | None) -> None:
    store = Store(None)
    store.replace_graph(ARTICLE, [ox.Quad(iri(ARTICLE), iri(CG + "text"), literal(text, language=language),
                                          iri(ARTICLE))])
    for fmt in FORMATS:
        parsed = set(ox.parse(dump(store, fmt), format=PYOXIGRAPH_FORMATS[fmt]))
        assert as_triples(parsed) == as_triples(store_quads(store)), fmt
