"""ontology/claims.ttl is well-formed OWL 2 DL, covers every term kg.rdf writes, and is consistent under HermiT;
ontology/shapes.ttl accepts mapped extractions and rejects planted violations."""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import OWL

from kg.namespaces import AGENT_CLASSES, CG, KIND_CLASSES, MEASURES, OA, STANCES, kind_of_class, measure_iri, stance_iri
from kg.rdf import article_quads
from kg.queries import load_named
from kg.resources import resource
from kg.types import MENTION_KINDS, Article, Claim, Extraction, Mention, Quantity, Span

pytestmark = pytest.mark.slow  # the HermiT reasoner (a JVM per run)

ONTOLOGY = resource("ontology", "claims.ttl")
SHAPES = resource("ontology", "shapes.ttl")
CGNS = rdflib.Namespace(CG)
OANS = rdflib.Namespace(OA)
# Plain IRIs rather than rdflib.XSD at module level: pytest probing that closed namespace warns.
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

TEXT = "More than 200 people were killed in the 2020 war, the ministry said. Baku denied it."


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase))


def sample_quads() -> list[ox.Quad]:
    article = Article(TEXT, "t.txt", title="War toll", published="2020-12-01", publisher="Arab News",
                      url="https://arab.news/x")
    ministry = Mention("the ministry", "organization", _span("the ministry"), affiliation="Armenia")
    baku = Mention("Baku", "country", _span("Baku"))
    narrator = Mention("Arab News", "narrator")
    figure = Quantity("deaths", 200, None, False, False, _span("More than 200"), qualifier="more than",
                      counted="people", point=200, event="the 2020 war", event_span=_span("the 2020 war"),
                      event_time="2020")
    claims = (
        Claim(ministry, "assert", (_span("More than 200 people were killed in the 2020 war"),),
              _span("More than 200 people were killed in the 2020 war, the ministry said."), cue=_span("said"),
              quantity=figure, confidence=0.8),
        Claim(baku, "deny", (_span("it"),), _span("Baku denied it."), cue=_span("denied"), about=(ministry,)),
        Claim(narrator, "assert", (_span("Baku denied it"),), _span("Baku denied it."), narrator=True),
    )
    return article_quads(Extraction(article, claims, (baku,)), extractor_version="0.1.0")


def ontology_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def data_graph() -> rdflib.Graph:
    triples = (ox.Quad(quad.subject, quad.predicate, quad.object) for quad in sample_quads())
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


# -- the ontology as a vocabulary ----------------------------------------------------------------------------------

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def declared(graph: rdflib.Graph, kind: URIRef) -> set[URIRef]:
    return {subject for subject in graph.subjects(RDF.type, kind) if isinstance(subject, URIRef)}


def test_every_class_and_property_has_a_label_and_a_comment() -> None:
    graph = ontology_graph()
    terms = set().union(*(declared(graph, kind) for kind in DECLARATIONS))
    assert len(terms) > 80
    missing = sorted(str(term) for term in terms
                     if graph.value(term, RDFS.label) is None or graph.value(term, RDFS.comment) is None)
    assert missing == []


def test_no_term_is_declared_twice_as_different_things() -> None:
    # OWL 2 DL: a property is exactly one of object/datatype/annotation; classes and individuals stay apart.
    graph = ontology_graph()
    kinds = [declared(graph, kind) for kind in (*DECLARATIONS, OWL.NamedIndividual)]
    for index, first in enumerate(kinds):
        for second in kinds[index + 1 :]:
            assert first & second == set()


def test_individuals_match_the_controlled_vocabularies() -> None:
    graph = ontology_graph()
    assert set(graph.subjects(RDF.type, CGNS.Stance)) == {URIRef(stance_iri(stance)) for stance in STANCES}
    assert set(graph.subjects(RDF.type, CGNS.Measure)) == {URIRef(measure_iri(measure)) for measure in MEASURES}
    assert set(graph.subjects(RDF.type, CGNS.ContradictionKind)) == {CGNS.Numeric, CGNS.Polarity, CGNS.Blame}
    assert set(graph.subjects(RDF.type, CGNS.Severity)) == {CGNS.Conflict, CGNS.Divergent, CGNS.Revision}


def test_kind_classes_are_declared_and_agent_classes_are_its_agents() -> None:
    # kg.namespaces is the one home of the kind -> class map: the article graph (kg.rdf), the entities graph
    # (kg.linking) and the JSON of `kg claims` and `kg entities` read it
    graph = ontology_graph()
    assert set(KIND_CLASSES) == set(MENTION_KINDS) - {"unknown"}
    assert {CGNS[name] for name in KIND_CLASSES.values()} <= declared(graph, OWL.Class)
    agents = {kind for kind, name in KIND_CLASSES.items()
              if CGNS.Agent in graph.transitive_objects(CGNS[name], RDFS.subClassOf)}
    assert set(AGENT_CLASSES) == agents and "place" not in agents
    assert all(kind_of_class(CG + name) == kind for kind, name in KIND_CLASSES.items())
    assert kind_of_class(CG + "Agent") == kind_of_class(None) == "unknown"
    # claims.rq reads a claimant's type among the agent classes only
    listed = re.search(r"\?agentTypeNode IN \(([^)]*)\)", load_named("claims"))
    assert listed is not None
    assert {name.strip().removeprefix("cg:") for name in listed.group(1).split(",")} == set(AGENT_CLASSES.values())


def test_shapes_list_the_same_stances_and_measures() -> None:
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lists = {}
    for prop in shapes.subjects(sh["in"], None):
        path = shapes.value(prop, sh.path)
        lists[path] = set(rdflib.collection.Collection(shapes, shapes.value(prop, sh["in"])))
    assert lists[CGNS.stance] == {URIRef(stance_iri(stance)) for stance in STANCES}
    assert lists[CGNS.measure] == {URIRef(measure_iri(measure)) for measure in MEASURES}


def test_every_term_the_mapping_writes_is_declared_with_the_right_kind() -> None:
    graph, data = ontology_graph(), data_graph()
    classes = declared(graph, OWL.Class)
    object_properties = declared(graph, OWL.ObjectProperty)
    datatype_properties = declared(graph, OWL.DatatypeProperty)
    individuals = declared(graph, OWL.NamedIndividual)
    for subject, predicate, obj in data:
        if predicate == RDF.type:
            assert obj in classes, f"class {obj} is not declared"
        elif predicate == RDFS.label:
            assert isinstance(obj, Literal)
        elif isinstance(obj, Literal):
            assert predicate in datatype_properties, f"datatype property {predicate} is not declared"
        else:
            assert predicate in object_properties, f"object property {predicate} is not declared"
        if isinstance(obj, URIRef) and obj.startswith(CG) and predicate != RDF.type:
            assert obj in individuals, f"individual {obj} is not declared"
    used = {str(term) for triple in data for term in triple if isinstance(term, URIRef) and term.startswith(CG)}
    assert len(used) > 40


# -- OWL consistency (HermiT through owlready2) --------------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def consistent(triples: rdflib.Graph, tmp_path: Path) -> bool:
    import owlready2

    # owlready2 cannot read Turtle: hand it N-Triples.
    path = tmp_path / "ontology.nt"
    triples.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    try:
        with ontology:
            # OWL 2 has no xsd:date (schema:datePublished); HermiT must skip it rather than refuse the data.
            owlready2.sync_reasoner(world, infer_property_values=False, ignore_unsupported_datatypes=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return not list(world.inconsistent_classes())


@needs_java
def test_the_ontology_alone_is_consistent(tmp_path: Path) -> None:
    assert consistent(ontology_graph(), tmp_path)


@needs_java
def test_the_ontology_with_mapped_data_is_consistent_and_a_clash_is_not(tmp_path: Path) -> None:
    graph = ontology_graph() + data_graph()
    assert consistent(graph, tmp_path)
    claim = next(graph.subjects(RDF.type, CGNS.QuantityClaim))
    # Two different lower bounds on one figure clash with cg:lowerBound being functional.
    graph.add((claim, CGNS.lowerBound, Literal("999", datatype=DECIMAL)))
    assert not consistent(graph, tmp_path)


@needs_java
def test_a_claim_that_is_also_an_article_is_inconsistent(tmp_path: Path) -> None:
    graph = ontology_graph() + data_graph()
    claim = next(graph.subjects(RDF.type, CGNS.Claim))
    graph.add((claim, RDF.type, CGNS.Article))
    assert not consistent(graph, tmp_path)


# -- SHACL ---------------------------------------------------------------------------------------------------------

def conforms(data: rdflib.Graph) -> tuple[bool, str]:
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    result, _, text = pyshacl.validate(data, shacl_graph=shapes)
    return bool(result), str(text)


def test_mapped_data_conforms_to_the_shapes() -> None:
    ok, report = conforms(data_graph())
    assert ok, report


def test_data_read_back_from_the_store_conforms() -> None:
    # Oxigraph normalises literals on the way in (every integer type becomes xsd:integer); `kg validate` sees that.
    from kg.store import Store

    store = Store(None)
    quads = sample_quads()
    store.replace_graph(quads[0].graph_name.value, quads)
    triples = (ox.Quad(quad.subject, quad.predicate, quad.object) for quad in store.quads())
    graph = rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert len(graph) == len(quads)
    ok, report = conforms(graph)
    assert ok, report


def _claim(graph: rdflib.Graph) -> URIRef:
    return next(iter(sorted(graph.subjects(RDF.type, CGNS.Claim))))


def _drop_claimant(graph: rdflib.Graph) -> None:
    graph.remove((_claim(graph), CGNS.claimant, None))


def _lower_above_upper(graph: rdflib.Graph) -> None:
    graph.add((next(graph.subjects(RDF.type, CGNS.QuantityClaim)), CGNS.upperBound, Literal("100", datatype=DECIMAL)))


def _unknown_stance(graph: rdflib.Graph) -> None:
    claim = _claim(graph)
    graph.remove((claim, CGNS.stance, None))
    graph.add((claim, CGNS.stance, CGNS.Shrug))


def _end_beyond_text(graph: rdflib.Graph) -> None:
    selector = next(graph.subjects(OANS.exact, Literal("said")))
    graph.set((selector, OANS.end, Literal(10_000, datatype=INTEGER)))


def _start_after_end(graph: rdflib.Graph) -> None:
    selector = next(graph.subjects(OANS.exact, Literal("said")))
    graph.set((selector, OANS.start, Literal(80, datatype=INTEGER)))


def _exact_not_in_text(graph: rdflib.Graph) -> None:
    selector = next(graph.subjects(OANS.exact, Literal("said")))
    graph.set((selector, OANS.exact, Literal("told")))


def _inclusive_flag_not_boolean(graph: rdflib.Graph) -> None:
    graph.set((next(graph.subjects(RDF.type, CGNS.QuantityClaim)), CGNS.lowerInclusive, Literal("no")))


def _article_without_text(graph: rdflib.Graph) -> None:
    graph.remove((None, CGNS.text, None))


def _two_texts(graph: rdflib.Graph) -> None:
    article = next(graph.subjects(RDF.type, CGNS.Article))
    graph.add((article, CGNS.text, Literal("another body")))


def _no_measure(graph: rdflib.Graph) -> None:
    graph.remove((None, CGNS.measure, None))


@pytest.mark.parametrize("plant", [_drop_claimant, _lower_above_upper, _unknown_stance, _end_beyond_text,
                                   _start_after_end, _exact_not_in_text, _inclusive_flag_not_boolean,
                                   _article_without_text, _two_texts, _no_measure])
def test_planted_violations_fail_validation(plant: Callable[[rdflib.Graph], None]) -> None:
    graph = data_graph()
    plant(graph)
    ok, report = conforms(graph)
    assert not ok, f"{plant.__name__} was not caught"


def test_ontology_file_is_found() -> None:
    assert ONTOLOGY.is_file() and SHAPES.is_file()
