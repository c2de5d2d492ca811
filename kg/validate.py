"""Validate a store: the SHACL shapes over its data, and OWL 2 consistency of the ontology plus the data (HermiT).

The data is every named graph except the ontology's (article graphs, entities, contradictions), read as their union.
Each violation names the article graph and the claim it belongs to, so a reader can go straight to the bad article.

SHACL runs in two parts. pySHACL checks the core constraints; the SHACL-SPARQL constraints of ontology/shapes.ttl are
run here on an in-memory Oxigraph copy of the data, once per constraint with ``$this`` free, instead of once per focus
node through rdflib's SPARQL engine (45 s against 1 s on the six sample articles). That is the same answer for any
constraint whose query uses no pre-bound variable but ``$this`` on a ``sh:targetClass`` shape; other constraints are
left to pySHACL. ``test_validate.py`` checks that both ways report the same violations.

OWL consistency is decided by HermiT through owlready2 (which reads N-Triples, not Turtle). HermiT says only *that*
the data is inconsistent, so the graphs are bisected to find which ones are, and asserted clashes (an individual of
two disjoint classes, two values of a functional property) are looked up in them to point at the node.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.namespaces import CG, CONTRADICTIONS_GRAPH, ONTOLOGY_GRAPH, OWL, RDF, RDFS
from kg.queries import load_named
from kg.resources import resource
from kg.store import BaseStore

SH = "http://www.w3.org/ns/shacl#"
_A = ox.NamedNode(RDF + "type")
_PRE_BOUND = re.compile(r"\$(?!this\b)[A-Za-z_]\w*")  # $PATH, $shapesGraph, $currentShape: pySHACL's job


class ReasonerError(KGError):
    """The OWL reasoner (HermiT on Java) could not be run."""


@dataclass(frozen=True)
class Violation:
    """One thing wrong with the data: which check found it, where (graph, claim, node, property) and why."""

    check: str  # "shacl" or "owl"
    message: str
    graph: str | None = None  # the named graph (an article's IRI) holding the node
    claim: str | None = None  # the claim the node is, or belongs to (as evidence, mention, claimant, ...)
    focus: str | None = None
    path: str | None = None
    value: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True)
class ValidationReport:
    """What ``kg validate`` found; ``conforms`` when no check reported anything."""

    violations: tuple[Violation, ...]
    graphs: int
    triples: int
    checks: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def as_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "graphs": self.graphs, "triples": self.triples, "checks": list(self.checks),
                "seconds": self.seconds, "violations": [violation.as_dict() for violation in self.violations]}


def validate_store(store: BaseStore, *, shacl: bool = True, owl: bool = True,
                   shapes_path: Path | None = None, ontology_path: Path | None = None) -> ValidationReport:
    """Run the SHACL shapes and/or the OWL consistency check over every graph of ``store`` but the ontology's."""
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in store.quads():
        if quad.graph_name.value != ONTOLOGY_GRAPH:
            graphs[quad.graph_name.value].append(quad)
    return validate_graphs(graphs, shacl=shacl, owl=owl, shapes_path=shapes_path, ontology_path=ontology_path)


def validate_graphs(graphs: Mapping[str, Sequence[ox.Quad]], *, shacl: bool = True, owl: bool = True,
                    shapes_path: Path | None = None, ontology_path: Path | None = None) -> ValidationReport:
    """Validate named graphs (graph IRI -> its quads)."""
    data = ox.Store()
    data.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)) for name, quads in graphs.items()
                for q in quads)
    seconds: dict[str, float] = {}

    def timed(name: str, run: Any, *args: Any) -> list[Violation]:
        started = time.perf_counter()
        try:
            return run(*args)
        finally:
            seconds[name] = round(time.perf_counter() - started, 3)

    found = timed("shacl", shacl_violations, data, shapes_path) if shacl else []
    if owl:
        found += timed("owl", owl_violations, graphs, ontology_path)
    located = [_locate(data, violation) for violation in found]
    located.sort(key=lambda v: (v.check, v.graph or "", v.claim or "", v.focus or "", v.path or "", v.message))
    return ValidationReport(tuple(dict.fromkeys(located)), graphs=len(graphs), triples=len(data),
                            checks=tuple(name for name, wanted in (("shacl", shacl), ("owl", owl)) if wanted),
                            seconds=seconds)


# -- SHACL -----------------------------------------------------------------------------------------------------------

def shacl_violations(data: ox.Store, shapes_path: Path | None = None) -> list[Violation]:
    """SHACL results for the union of ``data``'s graphs against the shapes (default ontology/shapes.ttl)."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(shapes_path or resource("ontology", "shapes.ttl"), format="turtle")
    fast = _take_sparql_constraints(shapes)
    union = (ox.Quad(q.subject, q.predicate, q.object) for q in data.quads_for_pattern(None, None, None))
    graph = rdflib.Graph().parse(data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", abort_on_first=False)
    found = list(_read_results(results))
    for constraint in fast:
        found += constraint.run(data)
    return found


def _read_results(results: Any) -> Iterable[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        if results.value(result, sh.resultSeverity) not in (None, sh.Violation):
            continue  # warnings and infos are not failures
        path, value = results.value(result, sh.resultPath), results.value(result, sh.value)
        yield Violation("shacl", str(results.value(result, sh.resultMessage) or "SHACL constraint violated"),
                        focus=_term_text(results.value(result, sh.focusNode)),
                        path=str(path) if isinstance(path, rdflib.URIRef) else None,
                        value=None if value is None else _term_text(value))


def _term_text(term: Any) -> str | None:
    import rdflib

    if term is None:
        return None
    return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)


@dataclass(frozen=True)
class _SparqlConstraint:
    """A SHACL-SPARQL constraint taken out of the shapes, run once over the data with ``$this`` free."""

    target_class: str
    select: str
    message: str

    def run(self, data: ox.Store) -> list[Violation]:
        query = self.select.replace("$this", "?this")
        results = data.query(query, use_default_graph_as_union=True)
        # sh:targetClass takes instances of subclasses too; the class IRI is written by pyoxigraph, escaped.
        targets = {row["node"] for row in data.query(
            load_named("validate/instances"), use_default_graph_as_union=True,
            substitutions={ox.Variable("class"): ox.NamedNode(self.target_class)})}
        found = []
        for row in results:
            this, value = row["this"], row["value"]
            if this is None or this not in targets:
                continue
            message = self.message.replace("{$this}", str(this)).replace("{?this}", str(this))
            message = message.replace("{?value}", "" if value is None else str(value))
            found.append(Violation("shacl", message, focus=_ox_text(this),
                                   value=None if value is None else _ox_text(value)))
        return found


def _ox_text(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _take_sparql_constraints(shapes: Any) -> list[_SparqlConstraint]:
    """Remove from ``shapes`` the SPARQL constraints Oxigraph can run for all focus nodes at once, and return them."""
    import rdflib

    sh = rdflib.Namespace(SH)
    taken = []
    for shape, constraint in list(shapes.subject_objects(sh.sparql)):
        select = shapes.value(constraint, sh.select)
        targets = list(shapes.objects(shape, sh.targetClass))
        if (select is None or len(targets) != 1 or _PRE_BOUND.search(str(select))
                or any((shape, other, None) in shapes for other in (sh.targetNode, sh.targetSubjectsOf,
                                                                    sh.targetObjectsOf, sh.path))):
            continue
        if str(shapes.value(constraint, sh.deactivated) or "false").lower() == "true":
            shapes.remove((shape, sh.sparql, constraint))
            continue
        prefixes = "".join(
            f"PREFIX {shapes.value(declaration, sh.prefix)}: <{shapes.value(declaration, sh.namespace)}>\n"
            for holder in shapes.objects(constraint, sh.prefixes) for declaration in shapes.objects(holder, sh.declare))
        message = shapes.value(constraint, sh.message) or shapes.value(shape, sh.message) or "SPARQL constraint violated"
        taken.append(_SparqlConstraint(str(targets[0]), prefixes + str(select), str(message)))
        shapes.remove((shape, sh.sparql, constraint))
    return taken


# -- OWL consistency -------------------------------------------------------------------------------------------------

def owl_violations(graphs: Mapping[str, Sequence[ox.Quad]], ontology_path: Path | None = None) -> list[Violation]:
    """Empty when the ontology plus all graphs is consistent; else one violation per clash found, in the graphs
    (or the smallest set of graphs) that are inconsistent together with the ontology."""
    ontology = list(ox.parse(path=str(ontology_path or resource("ontology", "claims.ttl")),
                             format=ox.RdfFormat.TURTLE))
    names = sorted(graphs)
    triples = {name: [ox.Quad(q.subject, q.predicate, q.object) for q in graphs[name]] for name in names}

    def consistent(group: Sequence[str]) -> bool:
        return reason(ontology + [quad for name in group for quad in triples[name]]) is not None

    unsatisfiable = reason(ontology + [quad for name in names for quad in triples[name]])
    if unsatisfiable is not None:
        # A class that can have no members is a fault of the ontology (or of data that redefines its terms).
        return [Violation("owl", f"class {_local(name)} is unsatisfiable (HermiT)", graph=ONTOLOGY_GRAPH, focus=name)
                for name in unsatisfiable]
    found: list[Violation] = []
    for group in _inconsistent_groups(names, consistent):
        quads = [quad for name in group for quad in triples[name]]
        clashes = list(asserted_clashes(ontology, quads))
        where = group[0] if len(group) == 1 else None
        if not clashes:
            together = "" if where else f" (graphs {', '.join(group)} together)"
            found.append(Violation("owl", "the ontology and this data are inconsistent (HermiT)" + together,
                                   graph=where))
        for focus, message in clashes:
            found.append(Violation("owl", message, graph=where, focus=focus))
    return found


def _inconsistent_groups(names: list[str], consistent: Callable[[Sequence[str]], bool]) -> list[list[str]]:
    """Bisect ``names`` (known inconsistent) into the smallest groups that are inconsistent on their own."""
    if len(names) <= 1:
        return [names]
    middle = len(names) // 2
    groups: list[list[str]] = []
    for half in (names[:middle], names[middle:]):
        if not consistent(half):
            groups += _inconsistent_groups(half, consistent)
    return groups or [names]  # each half is fine alone: the clash is between them


def reason(triples: Iterable[ox.Quad]) -> list[str] | None:
    """Run HermiT on the triples (ontology and data): None when they are inconsistent, else the IRIs of the
    unsatisfiable classes (normally none). Raises ReasonerError when HermiT cannot run."""
    import owlready2

    if shutil.which("java") is None:
        raise ReasonerError("the OWL check needs Java 17 for HermiT (`java` is not on PATH); "
                            "install it, or pass --no-owl to run only the SHACL shapes")
    with tempfile.TemporaryDirectory(prefix="kg-owl-") as folder:
        path = Path(folder) / "data.nt"
        # owlready2 cannot read Turtle; N-Triples it can.
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        world = owlready2.World()
        try:
            ontology = world.get_ontology(path.as_uri()).load()
            with ontology:
                # xsd:date (schema:datePublished) is not OWL 2: HermiT must skip it, not refuse the data.
                owlready2.sync_reasoner(world, infer_property_values=False, ignore_unsupported_datatypes=True,
                                        debug=0)
            return sorted(str(cls.iri) for cls in world.inconsistent_classes())
        except owlready2.OwlReadyInconsistentOntologyError:
            return None
        except (owlready2.OwlReadyJavaError, OSError) as error:
            lines = str(error).strip().splitlines()
            raise ReasonerError(f"HermiT failed: {lines[-1] if lines else type(error).__name__}") from error
        finally:
            world.close()


def asserted_clashes(ontology: Sequence[ox.Quad], data: Sequence[ox.Quad]) -> Iterable[tuple[str, str]]:
    """(node, message) for clashes visible without a reasoner: a node of two disjoint classes (types asserted or
    implied by property domains and ranges), or two values of a functional property."""
    superclasses: dict[str, set[str]] = defaultdict(set)
    disjoint: set[frozenset[str]] = set()
    domains: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, set[str]] = defaultdict(set)
    superproperties: dict[str, set[str]] = defaultdict(set)
    functional: set[str] = set()
    for quad in ontology:
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if not isinstance(obj, ox.NamedNode) or not isinstance(subject, ox.NamedNode):
            continue
        if predicate == RDFS + "subClassOf":
            superclasses[subject.value].add(obj.value)
        elif predicate == OWL + "disjointWith":
            disjoint.add(frozenset((subject.value, obj.value)))
        elif predicate == RDFS + "domain":
            domains[subject.value].add(obj.value)
        elif predicate == RDFS + "range":
            ranges[subject.value].add(obj.value)
        elif predicate == RDFS + "subPropertyOf":
            superproperties[subject.value].add(obj.value)
        elif predicate == RDF + "type" and obj.value == OWL + "FunctionalProperty":
            functional.add(subject.value)

    def closure(start: Iterable[str], parents: Mapping[str, set[str]]) -> set[str]:
        seen, todo = set(), list(start)
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                todo += parents.get(item, ())
        return seen

    types: dict[str, set[str]] = defaultdict(set)
    values: dict[tuple[str, str], set[Any]] = defaultdict(set)
    for quad in data:
        subject, predicate, obj = _ox_text(quad.subject), quad.predicate.value, quad.object
        if predicate == RDF + "type" and isinstance(obj, ox.NamedNode):
            types[subject].add(obj.value)
            continue
        for prop in closure([predicate], superproperties):
            types[subject] |= domains.get(prop, set())
            if not isinstance(obj, ox.Literal):
                types[_ox_text(obj)] |= ranges.get(prop, set())
            if prop in functional:
                values[(subject, prop)].add(obj)
    for node in sorted(types):
        classes = closure(types[node], superclasses)
        for pair in sorted(disjoint, key=sorted):
            if pair <= classes:
                first, second = sorted(_local(name) for name in pair)
                yield node, f"{node} is both {first} and {second}, which the ontology declares disjoint"
    for (node, prop), objects in sorted(values.items()):
        if len(objects) > 1:
            shown = ", ".join(sorted(_ox_text(term) for term in objects))[:200]
            yield node, f"{node} has {len(objects)} values of functional property {_local(prop)}: {shown}"


def _local(iri: str) -> str:
    return "cg:" + iri[len(CG):] if iri.startswith(CG) else iri


# -- where a violation belongs ---------------------------------------------------------------------------------------

def _locate(data: ox.Store, violation: Violation) -> Violation:
    """The violation with the claim and the named graph its focus node belongs to filled in."""
    if violation.focus is None or violation.focus.startswith("_:"):
        return violation
    try:
        focus = ox.NamedNode(violation.focus)
    except ValueError:
        return violation
    bound = {ox.Variable("focus"): focus}
    claims = [row["claim"] for row in data.query(load_named("validate/claim_of"), use_default_graph_as_union=True,
                                                  substitutions=bound)]
    claim = claims[0] if claims else None
    node = claim if claim is not None else focus
    # a claim's article graph, not the contradictions graph that holds its blocking keys too
    graphs = sorted({quad.graph_name.value for quad in data.quads_for_pattern(node, None, None)},
                    key=lambda name: (name == CONTRADICTIONS_GRAPH, name))
    graph = violation.graph or (graphs[0] if graphs else None)
    return Violation(violation.check, violation.message, graph=graph, claim=None if claim is None else claim.value,
                     focus=violation.focus, path=violation.path, value=violation.value)


__all__ = ["Violation", "ValidationReport", "ReasonerError", "validate_store", "validate_graphs", "shacl_violations",
           "owl_violations", "reason", "asserted_clashes"]
