"""What each named graph holds, counted when the graph is written, so that `kg stats` reads counts instead of
counting (issue 20: counting a 1M-triple store took 11 s, most of it reading every stored contradiction).

Every named graph ``G`` the store writes has one statement in the store's default graph, which no named graph, no
export, no ``GRAPH ?g`` query and no count of triples or graphs sees (kg writes its data in named graphs only)::

    <G> cg:graphCounts "{\"triples\":612,\"articles\":1,\"claims\":10,...}" .

The keys are :data:`KEYS`: quads, and the subjects of ``G`` typed as an article, a claim (cg:Claim or
cg:QuantityClaim), a quantity claim, an agent, an event, and the contradiction items that are neither candidates
nor revisions (``contradictions``) and the revisions that are no candidates (``revisions``), as `kg
contradictions` reports them. ``kg.store`` writes a graph's statement in the same transaction (or atomic bulk
load) as the graph, so a crash leaves both old or both new; :func:`store_counts` sums them. A graph written by
anything else (another SPARQL client, a bulk load outside kg, a store from before these counts) has no statement
and is counted when read (:attr:`StoreCounts.counted`); :func:`complete` stores what is missing (each ingest runs
it). A graph changed in place by another SPARQL client keeps its old statement: kg cannot see that cheaply.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.namespaces import CG, CONTRADICTIONS_GRAPH, ENTITIES_GRAPH, RDF

if TYPE_CHECKING:  # kg.store builds on this module
    from kg.store import BaseStore

COUNTS = ox.NamedNode(CG + "graphCounts")
KEYS = ("triples", "articles", "claims", "quantity_claims", "entities", "events", "contradictions", "revisions")
#: The keys summed over every graph; ``entities`` and ``events`` are the entities graph's only (as queries/stats.rq
#: counts them), the contradiction keys the contradictions graph's (read only when it is up to date).
SUMMED = ("triples", "articles", "claims", "quantity_claims")

_TYPE = ox.NamedNode(RDF + "type")
_REVISION = ox.NamedNode(CG + "isRevision")
_CANDIDATE = ox.NamedNode(CG + "isCandidate")
_CLASSES = {ox.NamedNode(CG + name) for name in ("Article", "Claim", "QuantityClaim", "Agent", "Event",
                                                  "Contradiction")}
#: A subject's statements that decide what it counts as: its types among _CLASSES, and an item's flags.
Facts = frozenset[tuple[ox.NamedNode, Any]]


def relevant(quad: ox.Quad) -> bool:
    """Whether ``quad`` can change what its subject counts as (beyond the quad itself)."""
    predicate = quad.predicate
    return (predicate == _TYPE and quad.object in _CLASSES) or predicate == _REVISION or predicate == _CANDIDATE


def subject_facts(quads: Iterable[ox.Quad]) -> dict[Any, Facts]:
    """The facts (:data:`Facts`) of each subject of ``quads`` that has any."""
    found: defaultdict[Any, set[tuple[ox.NamedNode, Any]]] = defaultdict(set)
    for quad in quads:
        if relevant(quad):
            found[quad.subject].add((quad.predicate, quad.object))
    return {subject: frozenset(facts) for subject, facts in found.items()}


def _true(facts: Facts, flag: ox.NamedNode) -> bool:
    # as kg.store.to_python reads an xsd:boolean, and kg.contradiction_graph.read a missing flag (false)
    return any(predicate == flag and isinstance(value, ox.Literal) and value.value in ("true", "1")
               for predicate, value in facts)


def facts_tally(facts: Iterable[Facts]) -> dict[str, int]:
    """What subjects with these facts count as, summed (every key but ``triples``)."""
    tally = dict.fromkeys(KEYS, 0)
    for subject in facts:
        types = {value.value.rsplit("#", 1)[-1] for predicate, value in subject if predicate == _TYPE}
        tally["articles"] += "Article" in types
        tally["claims"] += "Claim" in types or "QuantityClaim" in types
        tally["quantity_claims"] += "QuantityClaim" in types
        tally["entities"] += "Agent" in types
        tally["events"] += "Event" in types
        if "Contradiction" in types and not _true(subject, _CANDIDATE):
            tally["revisions" if _true(subject, _REVISION) else "contradictions"] += 1
    return tally


def count_quads(quads: Iterable[ox.Quad]) -> dict[str, int]:
    """The counts of a graph holding ``quads`` (each once: pass a set, or a store's own quads)."""
    listed = quads if isinstance(quads, (list, set, frozenset)) else list(quads)
    tally = facts_tally(subject_facts(listed).values())
    tally["triples"] = len(listed)
    return tally


def count_graph(store: BaseStore, graph: str) -> dict[str, int]:
    """The counts of a graph in ``store``, counted there (queries, not every quad read into Python: a graph of 1M
    quads is counted in about a second)."""
    from kg.queries import load_named

    found: defaultdict[Any, set[tuple[ox.NamedNode, Any]]] = defaultdict(set)
    name = ox.NamedNode(graph)
    for row in store.select(load_named("store/graph_facts"), {"g": name}):
        predicate = ox.NamedNode(row["predicate"])
        value = row["object"]
        if predicate == _TYPE:
            found[row["subject"]].add((predicate, ox.NamedNode(value)))
        else:  # a flag: store.select gives an xsd:boolean as a bool
            found[row["subject"]].add((predicate, ox.Literal("true" if value is True or value in ("true", "1")
                                                             else "false")))
    tally = facts_tally(frozenset(facts) for facts in found.values())
    tally["triples"] = store.triple_count(graph)
    return tally


def combined(counts: Mapping[str, int], other: Mapping[str, int], sign: int = 1) -> dict[str, int]:
    """``counts`` plus ``other`` (minus, with ``sign`` -1), key by key."""
    return {key: counts.get(key, 0) + sign * other.get(key, 0) for key in KEYS}


def entry(graph: str, counts: Mapping[str, int]) -> ox.Quad:
    """The statement that records ``counts`` for ``graph``, in the default graph."""
    text = json.dumps({key: int(counts.get(key, 0)) for key in KEYS}, separators=(",", ":"))
    return ox.Quad(ox.NamedNode(graph), COUNTS, ox.Literal(text), ox.DefaultGraph())


def statement_update(subject: str, predicate: ox.NamedNode, value: ox.Literal | None) -> str:
    """A SPARQL update that deletes what the default graph says of ``subject`` with ``predicate`` and, unless
    ``value`` is None, says ``value`` instead: how kg replaces what it keeps beside a graph (its counts here, its
    listing in kg/listing.py, a remote store's linking state in kg/linking.py). Appended to the update that writes
    the graph, it makes one transaction with it."""
    steps = [f"DELETE WHERE {{ {ox.NamedNode(subject)} {predicate} ?value }}"]
    if value is not None:
        steps.append(f"INSERT DATA {{ {ox.NamedNode(subject)} {predicate} {value} }}")
    return " ;\n".join(steps)


def entry_update(graph: str, counts: Mapping[str, int] | None) -> str:
    """A SPARQL update that deletes the counts stored for ``graph`` and, unless ``counts`` is None, stores those."""
    return statement_update(graph, COUNTS, None if counts is None else entry(graph, counts).object)


def parse_entry(text: str) -> dict[str, int] | None:
    """The counts an entry holds, or None when it is not one this version wrote (a key missing or not a number)."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or not all(isinstance(found.get(key), int) for key in KEYS):
        return None
    return {key: found[key] for key in KEYS}


@dataclass
class StoreCounts:
    """The store's counts (every key of :data:`KEYS`, plus ``graphs``) and the graphs that had no stored counts and
    were counted now."""

    counts: dict[str, int]
    counted: list[str] = field(default_factory=list)


def stored_entries(store: BaseStore) -> dict[str, dict[str, int] | None]:
    """Each graph's stored counts; None for a graph with two statements or one this version cannot read."""
    from kg.queries import load_named  # kg.queries builds on kg.store, which builds on this module

    entries: dict[str, dict[str, int] | None] = {}
    for row in store.select(load_named("store/graph_counts")):
        graph = row["graph"]
        entries[graph] = None if graph in entries else parse_entry(str(row["counts"]))
    return entries


def store_counts(store: BaseStore) -> StoreCounts:
    """The counts of every named graph summed: read where stored, counted where not (:attr:`StoreCounts.counted`).
    ``entities`` and ``events`` are those of the entities graph, ``contradictions`` and ``revisions`` those of the
    contradictions graph (the caller decides whether that graph is up to date)."""
    graphs = store.graphs()
    entries = stored_entries(store)
    result = StoreCounts(counts=dict.fromkeys(KEYS, 0))
    for graph in graphs:
        counts = entries.get(graph)
        if counts is None:
            counts = count_graph(store, graph)
            result.counted.append(graph)
        for key in SUMMED:
            result.counts[key] += counts[key]
        if graph == ENTITIES_GRAPH:
            result.counts["entities"], result.counts["events"] = counts["entities"], counts["events"]
        if graph == CONTRADICTIONS_GRAPH:
            result.counts["contradictions"] = counts["contradictions"]
            result.counts["revisions"] = counts["revisions"]
    result.counts["graphs"] = len(graphs)
    return result


def complete(store: BaseStore) -> int:
    """Store the counts of every graph that has none (or an unreadable one); returns how many were written."""
    entries = stored_entries(store)
    missing = [graph for graph in store.graphs() if entries.get(graph) is None]
    for graph in missing:
        store.write_counts(graph, count_graph(store, graph))
    return len(missing)


__all__ = ["COUNTS", "KEYS", "StoreCounts", "combined", "complete", "count_graph", "count_quads", "entry",
           "entry_update", "facts_tally", "parse_entry", "relevant", "statement_update", "store_counts", "stored_entries",
           "subject_facts"]
