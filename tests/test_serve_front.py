"""Issue 19, item 8: the query `kg serve`'s page opens with is a named query under every claimgraph prefix, each
declared once, and valid SPARQL (the page itself, served, is tested in test_serve.py)."""
from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.queries import load_named
from kg.serve_front import FIRST_QUERY, with_prefixes


def test_the_first_query_declares_every_prefix_once_after_its_header() -> None:
    text = with_prefixes(load_named(FIRST_QUERY))
    lines = text.splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert lines[:len(header)] == header  # the comment stays on top, as `kg queries` reads it
    for name, iri in PREFIXES.items():
        assert lines.count(f"PREFIX {name}: <{iri}>") == 1, name
    ox.Store().query(text)  # valid SPARQL without the prefixes `kg query` adds itself


def test_a_prefix_claimgraph_does_not_declare_stays() -> None:
    query = "# Names.\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\nPREFIX cg: <https://w3id.org/claimgraph/ontology#>\n" \
            "SELECT ?name WHERE { ?agent a cg:Agent ; foaf:name ?name }\n"
    lines = with_prefixes(query).splitlines()
    assert lines[0] == "# Names."
    assert "PREFIX foaf: <http://xmlns.com/foaf/0.1/>" in lines
    assert lines.count("PREFIX cg: <https://w3id.org/claimgraph/ontology#>") == 1
    assert lines[-1] == "SELECT ?name WHERE { ?agent a cg:Agent ; foaf:name ?name }"
