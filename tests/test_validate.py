"""`kg validate`: SHACL shapes and OWL consistency (HermiT) over a store, each violation placed in its article and
claim; a clean store passes, planted violations of each kind are caught."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.namespaces import CG, OA, RDF, XSD
from kg.rdf import article_quads
from kg.resources import resource
from kg.store import open_store
from kg.types import Article, Claim, Extraction, Mention, Quantity, Span
from kg.validate import asserted_clashes, shacl_violations, validate_graphs

runner = CliRunner()
ARTICLES = [
    {"text": "Armenia's foreign minister Ararat Mirzoyan said the offensive killed more than 200 people. \"We will not "
             "accept this,\" he told reporters in Yerevan.", "title": "Armenia says 200 killed",
     "published": "2023-09-21", "publisher": "Example News"},
    {"text": "Azerbaijan's foreign minister Jeyhun Bayramov denied the allegations of ethnic cleansing. He said about "
             "100 civilians were evacuated on Wednesday.", "title": "Baku denies", "published": "2023-09-22",
     "publisher": "Example Wire"},
]


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    source = tmp_path / "two.jsonl"
    source.write_text("\n".join(json.dumps(article) for article in ARTICLES) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = kg("ingest", "--store", store, "--quiet", "--workers", 1, source)
    assert result.exit_code == 0, result.stderr
    return store


def _rewrite(store: Path, graph: str, change: Callable[[list[ox.Quad]], list[ox.Quad]]) -> None:
    with open_store(store) as opened:
        opened.replace_graph(graph, change(list(opened.quads(graph))))


def _claims_by_article(store: Path) -> dict[str, list[str]]:
    with open_store(store, create=False) as opened:
        rows = opened.select("SELECT ?article ?claim WHERE { ?claim a cg:Claim ; cg:reportedIn ?article }")
    claims: dict[str, list[str]] = {}
    for row in rows:
        claims.setdefault(row["article"], []).append(row["claim"])
    return {article: sorted(found) for article, found in sorted(claims.items())}


@pytest.mark.slow
def test_the_clean_sample_store_validates(sample_store: Path) -> None:
    result = kg("validate", "--store", sample_store, "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["conforms"] is True and report["violations"] == []
    assert report["checks"] == ["shacl", "owl"] and report["graphs"] >= 7 and report["triples"] > 5000


@pytest.mark.slow
def test_planted_shacl_and_owl_violations_are_caught_in_their_article_and_claim(small_store: Path) -> None:
    (first, first_claims), (second, second_claims) = _claims_by_article(small_store).items()
    no_claimant = first_claims[0]
    _rewrite(small_store, first, lambda quads: [q for q in quads if not (
        q.subject.value == no_claimant and q.predicate.value == CG + "claimant")])
    # The figure "about 100" is [90, 110]; an upper bound of 50 puts the lower bound above it.
    with open_store(small_store) as opened:
        figure = opened.select("SELECT ?claim ?a WHERE { ?claim cg:lowerBound ?low ; cg:reportedIn ?a }",
                               {"a": ox.NamedNode(second)})[0]["claim"]
    fifty = ox.Literal("50", datatype=ox.NamedNode(XSD + "decimal"))
    _rewrite(small_store, second, lambda quads: [q for q in quads if not (
        q.subject.value == figure and q.predicate.value == CG + "upperBound")]
        + [ox.Quad(ox.NamedNode(figure), ox.NamedNode(CG + "upperBound"), fifty, ox.NamedNode(second))])
    # cg:Claim and cg:Agent are declared disjoint: a claim typed as an agent is an OWL inconsistency only
    # (no shape targets agents, so SHACL has nothing to say about it).
    two_faced = second_claims[0]
    _rewrite(small_store, second, lambda quads: quads + [ox.Quad(ox.NamedNode(two_faced), ox.NamedNode(RDF + "type"),
                                                                   ox.NamedNode(CG + "Agent"), ox.NamedNode(second))])

    result = kg("validate", "--store", small_store, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    found = {(v["check"], v["graph"], v["claim"], v["message"]) for v in report["violations"]}
    assert ("shacl", first, no_claimant, "a claim needs exactly one cg:claimant, a cg:Agent") in found
    assert ("shacl", second, figure, "cg:lowerBound must be one xsd:decimal no greater than cg:upperBound") in found
    owl = [v for v in report["violations"] if v["check"] == "owl"]
    assert owl == [{"check": "owl", "graph": second, "claim": two_faced, "focus": two_faced, "path": None,
                    "value": None,
                    "message": f"{two_faced} is both cg:Agent and cg:Claim, which the ontology declares disjoint"}]
    assert {v["graph"] for v in report["violations"]} == {first, second}

    table = kg("validate", "--store", small_store, "--no-owl")  # the table, without running HermiT again
    assert table.exit_code == 1
    shacl_count = sum(v["check"] == "shacl" for v in report["violations"])
    assert "a claim needs exactly one cg:claimant" in table.stdout and "claim/" in table.stdout
    assert "declares disjoint" not in table.stdout
    assert table.stdout.rstrip().splitlines()[-1] == (
        f"{shacl_count} violation(s): {report['triples']} triples in {report['graphs']} graphs checked with SHACL")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = kg("validate", "--store", tmp_path / "nowhere")
    assert missing.exit_code == 2
    assert "no store here" in missing.stderr
    assert kg("validate", "--store", tmp_path, "--format", "xml").exit_code == 2


def test_missing_java_is_a_clear_error_and_no_owl_still_runs(small_store: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import validate as validate_module

    monkeypatch.setattr(validate_module.shutil, "which", lambda name: None)
    result = kg("validate", "--store", small_store)
    assert result.exit_code == 2
    assert "needs Java 17 for HermiT" in result.stderr and "--no-owl" in result.stderr
    assert kg("validate", "--store", small_store, "--no-owl").exit_code == 0


# -- the SHACL-SPARQL constraints run on Oxigraph give what pySHACL gives -------------------------------------------

TEXT = "More than 200 people were killed in the 2020 war, the ministry said. Baku denied it."


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase))


def _mapped() -> list[ox.Quad]:
    ministry = Mention("the ministry", "organization", _span("the ministry"))
    figure = Quantity("deaths", 200, None, False, False, _span("More than 200"), qualifier="more than")
    claims = (Claim(ministry, "assert", (_span("More than 200 people were killed in the 2020 war"),),
                    _span("More than 200 people were killed in the 2020 war, the ministry said."), cue=_span("said"),
                    quantity=figure),
              Claim(Mention("Baku", "country", _span("Baku")), "deny", (_span("it"),), _span("Baku denied it."),
                    cue=_span("denied")))
    return article_quads(Extraction(Article(TEXT, "t.txt", title="War toll"), claims), extractor_version="test")


def _break_selectors(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Move the end of the "said" selector past the text and make the "denied" selector quote other words."""
    said = next(q.subject for q in quads if q.predicate.value == OA + "exact" and q.object.value == "said")
    denied = next(q.subject for q in quads if q.predicate.value == OA + "exact" and q.object.value == "denied")
    changed = []
    for quad in quads:
        if quad.subject == said and quad.predicate.value == OA + "end":
            quad = ox.Quad(quad.subject, quad.predicate, ox.Literal("10000", datatype=ox.NamedNode(XSD + "integer")),
                           quad.graph_name)
        if quad.subject == denied and quad.predicate.value == OA + "exact":
            quad = ox.Quad(quad.subject, quad.predicate, ox.Literal("admitted"), quad.graph_name)
        changed.append(quad)
    return changed


def test_sparql_constraints_on_oxigraph_agree_with_pyshacl() -> None:
    import pyshacl
    import rdflib

    quads = _break_selectors(_mapped())
    data = ox.Store()
    data.extend(quads)
    fast = {(v.focus, v.message) for v in shacl_violations(data)}
    graph = rdflib.Graph().parse(data=ox.serialize((ox.Quad(q.subject, q.predicate, q.object) for q in quads),
                                                   format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(resource("ontology", "shapes.ttl"), format="turtle")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    slow = {(str(results.value(r, sh.focusNode)), str(results.value(r, sh.resultMessage)))
            for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)}
    assert fast == slow
    messages = {message for _, message in fast}
    assert "evidence offsets lie outside the text of the article the claim is reported in" in messages
    assert "the selector's offsets lie outside its article's text, or oa:exact is not the text at them" in messages


def test_clean_mapping_has_no_violations_and_broken_selectors_name_their_claims() -> None:
    quads = _mapped()
    graph = quads[0].graph_name.value
    assert validate_graphs({graph: quads}, owl=False).conforms
    report = validate_graphs({graph: _break_selectors(quads)}, owl=False)
    assert not report.conforms
    assert {v.graph for v in report.violations} == {graph}
    claims = {v.claim for v in report.violations}
    assert {c.rsplit("/", 1)[-1] for c in claims if c} == {"0", "1"}  # "said" is claim 0's cue, "denied" claim 1's


def test_asserted_clashes_point_at_functional_properties_and_implied_types() -> None:
    ontology = list(ox.parse(path=str(resource("ontology", "claims.ttl")), format=ox.RdfFormat.TURTLE))
    claim, mention = ox.NamedNode("https://example.org/claim"), ox.NamedNode("https://example.org/mention")
    stance = ox.NamedNode(CG + "stance")
    data = [ox.Quad(claim, stance, ox.NamedNode(CG + "Assert")), ox.Quad(claim, stance, ox.NamedNode(CG + "Deny")),
            # cg:claimant's range is cg:Agent, which is disjoint with cg:Mention.
            ox.Quad(mention, ox.NamedNode(RDF + "type"), ox.NamedNode(CG + "Mention")),
            ox.Quad(claim, ox.NamedNode(CG + "claimant"), mention)]
    messages = [message for _, message in asserted_clashes(ontology, data)]
    assert f"{mention.value} is both cg:Agent and cg:Mention, which the ontology declares disjoint" in messages
    assert any(m.startswith(f"{claim.value} has 2 values of functional property cg:stance") for m in messages)
