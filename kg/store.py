"""The only module that opens a store: an embedded on-disk Oxigraph store, one named graph per article.

Queries see the union of all named graphs. Every graph is written whole or not at all: a new graph is inserted with
Oxigraph's transactional ``extend``, and a graph already in the store is replaced by a single SPARQL update (the
quads it loses and gains, or drop and insert), which Oxigraph also applies as one transaction. A reader (or a crash)
sees either the old graph or the new one, never half.

``add_graphs`` writes a batch of new graphs at once through Oxigraph's bulk loader, three times cheaper per quad
than a transaction (it skips the read before every write); so does ``replace_graph`` for one large new graph.
Below the loader's chunk size (a million quads) the batch becomes one sorted file per index, and RocksDB ingests
all of them in one ``IngestExternalFiles`` call, which it records atomically: after a crash the store holds all of
the batch or none of it. Queries read from a snapshot, so they never see the batch half ingested either.

Each write also records what the graph holds (kg/counts.py: one statement per graph in the default graph) in the
same transaction or bulk load, so `kg stats` reads counts that always agree with the graphs.
"""
from __future__ import annotations

import os
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg import listing, snapshot
from kg.counts import COUNTS, combined, count_quads, entry, entry_update, facts_tally, parse_entry, relevant, \
    subject_facts
from kg.dump import DATASET_FORMATS, FORMATS, write_dump
from kg.errors import QueryError, StoreError
from kg.namespaces import CG, ONTOLOGY_GRAPH, PREFIXES, PROV, SCHEMA
from kg.sparql_syntax import syntax_error

DEFAULT_STORE = "kg-store"
#: Oxigraph's bulk loader ingests its input in chunks of this many quads; one chunk is one atomic ingestion.
BULK_CHUNK = 1_000_000
#: A new graph this large is bulk loaded by replace_graph too (the entities graph); a smaller one is cheaper as a
#: transaction, since each bulk load writes a file per index whatever its size.
BULK_FROM = 5_000
#: The files Oxigraph's bulk loader writes into the store folder before RocksDB ingests them. A process killed in
#: between leaves them behind (a SIGKILL test left 20 files, 13 MB, after 12 kills), and RocksDB never reads or
#: deletes them: they are no part of the store.
BULK_LEFTOVERS = "bulk-*.sst"
#: Tries at opening a store read-only while a writer may be deleting the files it lists (see _open_read_only),
#: waiting this long and then twice as long each time (under two seconds in all).
READ_ONLY_ATTEMPTS = 6
READ_ONLY_RETRY_SECONDS = 0.05

#: The formats ``dump`` writes (see kg.dump).
EXPORT_FORMATS = FORMATS


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def _in_graph(quads: Iterable[ox.Quad], name: ox.NamedNode) -> list[ox.Quad]:
    """The quads, each in the named graph ``name`` whatever graph it came with."""
    return [quad if quad.graph_name == name else ox.Quad(quad.subject, quad.predicate, quad.object, name)
            for quad in quads]


def _entries_of(graph: str, quads: list[ox.Quad]) -> list[ox.Quad]:
    """The default-graph statements recorded with a new graph: its counts (kg/counts.py) and, for an article, its
    claims' listing (kg/listing.py)."""
    found = [entry(graph, count_quads(set(quads)))]
    listed = listing.entry(graph, quads)
    return found if listed is None else [*found, listed]


def records_update(graph: str, counts: Mapping[str, int] | None, listed: ox.Quad | None) -> str:
    """A SPARQL update that replaces what the default graph records of ``graph``: its counts (kg/counts.py) and its
    listing (kg/listing.py, ``listed`` its entry); None deletes either."""
    return f"{entry_update(graph, counts)} ;\n{listing.entry_update(graph, listed)}"


#: Terms in one VALUES block of the listing's reads: Oxigraph takes long blocks, this keeps each query text modest.
_BATCH = 500


def _batches(query: str, variable: str, iris: Iterable[str]) -> Iterator[str]:
    """``query`` with ``variable`` bound to a few hundred of ``iris`` at a time (kg.queries.bind_list)."""
    from kg.queries import bind_list  # kg.queries builds on this module

    nodes = [ox.NamedNode(iri) for iri in iris]
    for start in range(0, len(nodes), _BATCH):
        yield bind_list(query, variable, nodes[start:start + _BATCH])


def graph_node(graph: str) -> ox.NamedNode:
    """The named graph ``graph`` as a term; a string that is no IRI is a QueryError naming it."""
    try:
        return ox.NamedNode(graph)
    except ValueError as error:
        raise QueryError(f"{graph!r} is not a graph name: a graph is named by an absolute IRI such as "
                         f"{ONTOLOGY_GRAPH} ({_first_line(error)}; `kg query graphs` lists them)") from error


def _quad_lines(quads: Iterable[ox.Quad]) -> str:
    # pyoxigraph prints terms in N-Triples syntax, with literals escaped: valid SPARQL term syntax as is.
    return "\n".join(f"{quad.subject} {quad.predicate} {quad.object} ." for quad in quads)


def _patch(graph: str, removed: set[ox.Quad], added: set[ox.Quad]) -> str:
    """One SPARQL update that deletes ``removed`` from ``graph`` and inserts ``added`` (either may be empty)."""
    steps = []
    if removed:
        steps.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{_quad_lines(removed)}\n}} }}")
    if added:
        steps.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{_quad_lines(added)}\n}} }}")
    return " ;\n".join(steps)


class BaseStore:
    """What every store offers; subclasses provide query, replace_graph, drop_graph, has_graph, graphs, quads."""

    location: str | None

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        raise NotImplementedError

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        raise NotImplementedError

    def add_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        """Write several graphs; here one at a time, each replaced whole (stores with a cheaper way override)."""
        for graph, quads in graphs.items():
            self.replace_graph(graph, quads)

    def drop_graph(self, graph: str) -> None:
        raise NotImplementedError

    def write_counts(self, graph: str, counts: Mapping[str, int]) -> None:
        """Record what ``graph`` holds (kg/counts.py), replacing what was recorded."""
        raise NotImplementedError

    def replace_subjects(self, graph: str, subjects: Iterable[str], quads: Iterable[ox.Quad],
                         statements: Iterable[Statement] = ()) -> None:
        """In ``graph``, replace what is said of ``subjects`` and the quads that match ``statements`` (subject,
        predicate, object or None for any: a few properties of a large node), and add ``quads`` (graph names
        ignored), in one write: here by rewriting the graph (stores with a cheaper way override)."""
        dropped = {ox.NamedNode(subject) for subject in subjects}
        matches = _matcher(statements)
        name = ox.NamedNode(graph)
        kept = [quad for quad in self.quads(graph) if quad.subject not in dropped and not matches(quad)]
        self.replace_graph(graph, dict.fromkeys([*kept, *_in_graph(quads, name)]))

    def has_graph(self, graph: str) -> bool:
        raise NotImplementedError

    def graphs(self) -> list[str]:
        raise NotImplementedError

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        raise NotImplementedError

    def flush(self) -> None:
        """Make writes durable (a no-op where every write already is)."""

    def close(self) -> None:
        """Release the store."""

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """SELECT rows as dicts of plain Python values (str, int, float, bool; None when unbound)."""
        solutions = self.query(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [variable.value for variable in solutions.variables]
        # A solution iterates over its values in the order of the variables: 3x faster than row[name] per name.
        return [dict(zip(names, map(to_python, row))) for row in solutions]

    # -- what listings read (kg/listing.py, kg/claims.py): generic SPARQL here, index lookups in Store ----------

    #: Whether `kg claims` reads the listing records (kg/listing.py); tests turn it off to compare with claims.rq.
    keeps_listings = True

    def write_listing(self, graph: str) -> None:
        """Record the listing of ``graph`` as its quads stand (kg/listing.py), replacing what was recorded."""
        self.update(listing.entry_update(graph, listing.entry(graph, list(self.quads(graph)))))

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def listing_entries(self, articles: Iterable[str]) -> dict[str, list[str]]:
        """The listing statements (kg/listing.py) stored for each of ``articles`` that has any."""
        found: dict[str, list[str]] = defaultdict(list)
        for query in _batches(f"SELECT ?g ?listing WHERE {{ ?g {listing.LISTING} ?listing }}", "g", articles):
            for row in self.select(query):
                found[row["g"]].append(row["listing"])
        return dict(found)

    def articles_of(self, claims: Iterable[str]) -> dict[str, str]:
        """The article each of ``claims`` is reported in (its ``cg:reportedIn``)."""
        found: dict[str, str] = {}
        for query in _batches(f"SELECT ?claim ?article WHERE {{ ?claim <{CG}reportedIn> ?article }}", "claim", claims):
            for row in self.select(query):
                found[row["claim"]] = row["article"]
        return found

    def facts_about(self, subjects: Iterable[str], predicates: Collection[ox.NamedNode], graph: str
                    ) -> dict[str, dict[str, list[Any]]]:
        """What ``graph`` says of each of ``subjects`` with one of ``predicates``: subject -> predicate IRI -> the
        objects (RDF terms), a query per few hundred subjects."""
        found: dict[str, dict[str, list[Any]]] = {}
        # a FILTER, not a second VALUES block: Oxigraph joins two VALUES blocks before the pattern (0.7 s a query
        # at 1M triples against 0.02 s)
        wanted = ", ".join(str(predicate) for predicate in predicates)
        text = f"SELECT ?s ?p ?o WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o FILTER (?p IN ({wanted})) }} }}"
        for query in _batches(text, "s", subjects):
            for subject, predicate, value in self.query(query):
                found.setdefault(subject.value, {}).setdefault(predicate.value, []).append(value)
        return found

    def triple_count(self, graph: str | None = None) -> int:
        """Quads in the named graphs (one graph, or all of them)."""
        from kg.queries import load_named  # kg.queries builds on this module

        if graph is None:
            rows = self.select(load_named("store/triple_count"))
        else:
            rows = self.select(load_named("store/graph_triple_count"), {"g": ox.NamedNode(graph)})
        return int(rows[0]["n"]) if rows else 0

    def dump(self, output: IO[bytes] | str, fmt: str, graph: str | None = None) -> None:
        """Write the store (or one graph) as ``fmt`` (turtle, trig, nquads, ntriples, jsonld): sorted, under the
        claimgraph prefixes, the same bytes for the same content (see kg.dump). The dataset formats keep the named
        graphs of a whole-store dump; the others, and a dump of one graph, write the triples as one graph."""
        keep_graphs = graph is None and fmt in DATASET_FORMATS
        if isinstance(output, str):
            with open(output, "wb") as handle:
                write_dump(self.quads(graph), handle, fmt, keep_graphs=keep_graphs)
            return
        write_dump(self.quads(graph), output, fmt, keep_graphs=keep_graphs)


def _remove_bulk_leftovers(folder: Path) -> None:
    """Delete the bulk loader's files a killed writer left. Only called once this process holds the store's lock, so
    no other process is bulk loading into it; RocksDB keeps its own link to every file it ingested."""
    for leftover in folder.glob(BULK_LEFTOVERS):
        leftover.unlink(missing_ok=True)


def _open_read_only(folder: Path) -> tuple[ox.Store, Path | None]:
    """Open the store as a RocksDB read-only instance: no lock, so it opens while a writer (`kg ingest`) holds the
    store, and reads a snapshot of it as it was when opened (the writes committed by then, not those after).

    The instance reads the store's files through a pin of its own (kg/snapshot.py: links to the table files and
    copies of the files a writer changes), so a writer that compacts or flushes meanwhile changes nothing under it.
    The writer may delete a table file or WAL while the pin is taken, which fails the pin or the open: both are tried
    again, from the new list of files. Returns the instance and its pin folder (None where the store folder is not
    writable: the folder is then read directly, which is safe only while no writer runs). A folder that holds no
    Oxigraph data is not opened at all (a read-write open would have made it a store)."""
    if not folder.is_dir() or not (folder / "CURRENT").is_file():
        raise StoreError(f"{folder}: no store here (run `kg ingest` first, or pass --store / set KG_STORE)")
    for attempt in range(READ_ONLY_ATTEMPTS):
        pinned = None
        try:
            pinned = snapshot.pin(folder)
            return ox.Store.read_only(str(pinned or folder)), pinned
        except (OSError, RuntimeError):  # snapshot.Moved; RocksDB names a removed file as missing or as corrupt
            snapshot.release(pinned)
            if attempt == READ_ONLY_ATTEMPTS - 1:
                raise
            time.sleep(READ_ONLY_RETRY_SECONDS * 2 ** attempt)
    raise AssertionError("unreachable")


@contextmanager
def pinned(location: str) -> Iterator[str]:
    """A folder that holds the store ``location`` as it is now and that no writer changes, for a program of
    another process to open read-only (the `oxigraph serve-read-only` behind `kg serve`); removed on leaving. Opened
    once here first, so a pin the writer raced is retried before the program gets it. Where no pin can be made
    (a store folder this user cannot write to), the store folder itself."""
    try:
        store, pin = _open_read_only(Path(location))
    except (OSError, RuntimeError) as error:
        raise StoreError(f"{location}: cannot open the store ({_first_line(error)})") from error
    del store
    try:
        yield str(pin or location)
    finally:
        snapshot.release(pin)


class Store(BaseStore):
    """An Oxigraph store on disk (or in memory when ``location`` is None). Read-only, it is a snapshot of the
    store as it was when opened and never blocks or waits for a writer; its writing methods raise StoreError."""

    def __init__(self, location: str | os.PathLike[str] | None, *, read_only: bool = False) -> None:
        self.location = None if location is None else str(location)
        self.read_only = read_only
        try:
            if self.location is None:
                self._store = ox.Store()
            elif read_only:
                self._store, pin = _open_read_only(Path(self.location))
                self._unpin = weakref.finalize(self, snapshot.release, pin)
            else:
                Path(self.location).parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(self.location)
                _remove_bulk_leftovers(Path(self.location))
        except (OSError, RuntimeError) as error:  # RocksDB reports a damaged store as a RuntimeError
            if "lock" in str(error).lower():
                raise StoreError(f"{self.location}: the store is in use by another process (a running "
                                 f"`kg ingest`, `kg reextract` or `kg serve --writable`); try again when it has "
                                 f"finished") from error
            raise StoreError(f"{self.location}: cannot open the store ({_first_line(error)})") from error

    # -- writing -------------------------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only, cannot write")

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace the named graph ``graph`` by ``quads`` (their graph names are ignored) in one transaction."""
        self._writable()
        name = ox.NamedNode(graph)
        placed = _in_graph(quads, name)
        if self._store.contains_named_graph(name) or not placed or self._entries(graph):
            self._update_graph(graph, placed)  # also when counts of a graph no longer there linger: replaced
        else:
            # A new graph: extend is one transaction too, and skips printing every quad as SPARQL text and parsing it
            # back (a quarter less time per article than the update); a large one is cheaper bulk loaded.
            bulk = self.location is not None and BULK_FROM <= len(placed) < BULK_CHUNK
            self._insert([*placed, *_entries_of(graph, placed)], f"graph {graph}", bulk=bulk)

    def add_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        """Write graphs not yet in the store, all of them or (on an error or a crash) none: see the module
        docstring. Graphs already in the store, and a store in memory, are written one transaction each."""
        self._writable()
        if not graphs:
            return
        names = {graph: ox.NamedNode(graph) for graph in graphs}
        if self.location is None or any(self._store.contains_named_graph(name) or self._entries(graph)
                                        for graph, name in names.items()):
            super().add_graphs(graphs)
            return
        placed = []
        for graph, quads in graphs.items():
            written = _in_graph(quads, names[graph])
            placed += written
            placed += _entries_of(graph, written)
        if len(placed) >= BULK_CHUNK:
            super().add_graphs(graphs)
            return
        self._insert(placed, f"{len(graphs)} graphs", bulk=True)

    def _insert(self, quads: list[ox.Quad], what: str, *, bulk: bool) -> None:
        """Add quads in one transaction, or bulk-load them (fewer than BULK_CHUNK: one atomic ingestion, see the
        module docstring)."""
        try:
            if bulk:
                self._store.bulk_extend(quads)
            else:
                self._store.extend(quads)
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(f"{self.location}: cannot write {what} ({_first_line(error)})") from error

    def _update_graph(self, graph: str, quads: list[ox.Quad]) -> None:
        """Replace a graph already in the store in one SPARQL update: only the quads that change, when the graph
        keeps some (re-linking after a few new articles changes a small part of the entities graph), else drop
        and insert. Blank nodes cannot be named in DELETE DATA, so a graph losing any is dropped whole."""
        name = ox.NamedNode(graph)
        new = set(quads)
        old = set(self._store.quads_for_pattern(None, None, None, name))
        removed, added = old - new, new - old
        counts = count_quads(new) if new else None
        listed = listing.entry(graph, new) if new else None
        entries = records_update(graph, counts, listed)
        if new and not removed and not added:
            if self._stored_counts(graph) == counts and self._listed(graph, listed):
                return
            update = entries  # the same graph, written before kg kept its counts or its listing
        elif new and len(removed) < len(old) and not any(
                isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode) for quad in removed):
            update = f"{_patch(graph, removed, added)} ;\n{entries}"
        else:
            update = (f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{_quad_lines(new)}\n}} }} ;\n"
                      f"{entries}")
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.location}: cannot write graph {graph} ({_first_line(error)})") from error

    def replace_subjects(self, graph: str, subjects: Iterable[str], quads: Iterable[ox.Quad],
                         statements: Iterable[Statement] = ()) -> None:
        """In ``graph``, replace what is said of ``subjects`` and the quads that match ``statements``, and add
        ``quads``, in one transaction that reads and writes only those quads (linking a few new articles into a
        large store; a claim joining a contradiction of hundreds)."""
        self._writable()
        name = ox.NamedNode(graph)
        new = set(_in_graph(quads, name))
        replaced = {ox.NamedNode(subject) for subject in subjects}
        old = {quad for subject in replaced for quad in self._store.quads_for_pattern(subject, None, None, name)}
        old |= {quad for subject, predicate, obj in _patterns(statements)
                for quad in self._store.quads_for_pattern(subject, predicate, obj, name)}
        removed, added = old - new, new - old
        if not removed and not added:
            return
        # a listing of the graph (there is none of the entities graph this is for) would be out of date: dropped
        update = f"{_patch(graph, removed, added)} ;\n{listing.entry_update(graph, None)}"
        counts = self._stored_counts(graph)
        if counts is not None:  # else the graph stays without counts, counted when read (kg.counts.complete)
            update += f" ;\n{entry_update(graph, self._counts_after(name, counts, replaced, old, removed, added))}"
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.location}: cannot write graph {graph} ({_first_line(error)})") from error

    def _counts_after(self, name: ox.NamedNode, counts: dict[str, int], replaced: set[ox.NamedNode],
                      old: set[ox.Quad], removed: set[ox.Quad], added: set[ox.Quad]) -> dict[str, int]:
        """The counts of graph ``name`` once ``removed`` are deleted and ``added`` inserted: ``old`` holds every
        quad of the ``replaced`` subjects, so an added quad of another subject may be there already (no change)."""
        fresh = {quad for quad in added if quad.subject in replaced or quad not in self._store}
        changed = {quad.subject for quad in removed | fresh if relevant(quad)}
        known = subject_facts(quad for quad in old if quad.subject in changed)
        before = {subject: known.get(subject, frozenset()) if subject in replaced else frozenset(
            subject_facts(self._store.quads_for_pattern(subject, None, None, name)).get(subject, ()))
            for subject in changed}
        # each subject's removed and added facts, grouped once (per subject, a scan of every removed quad was
        # quadratic: 480 s of one ingest into the 1M-triple bench store, whose contradiction items are large)
        dropped: defaultdict[Any, set[tuple[Any, Any]]] = defaultdict(set)
        for quad in removed:
            if quad.subject in before:
                dropped[quad.subject].add((quad.predicate, quad.object))
        gained: defaultdict[Any, set[tuple[Any, Any]]] = defaultdict(set)
        for quad in fresh:
            if quad.subject in before and relevant(quad):
                gained[quad.subject].add((quad.predicate, quad.object))
        after = {subject: (facts - dropped[subject]) | gained[subject] for subject, facts in before.items()}
        delta = combined(facts_tally(after.values()), facts_tally(before.values()), -1)
        delta["triples"] = len(fresh) - len(removed)
        return combined(counts, delta)

    def drop_graph(self, graph: str) -> None:
        self._writable()
        self._store.update(f"DROP SILENT GRAPH <{graph}> ;\n{records_update(graph, None, None)}")

    def write_counts(self, graph: str, counts: Mapping[str, int]) -> None:
        self._writable()
        self._store.update(entry_update(graph, counts))

    def _entries(self, graph: str) -> list[ox.Quad]:
        """The counts statements of ``graph`` (one, or none when it has no counts)."""
        return list(self._store.quads_for_pattern(ox.NamedNode(graph), COUNTS, None, ox.DefaultGraph()))

    def _listed(self, graph: str, expected: ox.Quad | None) -> bool:
        """Whether the listing stored for ``graph`` is ``expected``, its :func:`kg.listing.entry` (None: no article,
        none is due)."""
        return self.listing_entries([graph]).get(graph, []) == ([expected.object.value] if expected else [])

    def write_listing(self, graph: str) -> None:
        self._writable()
        super().write_listing(graph)

    def update(self, sparql: str) -> None:
        self._writable()
        self._store.update(sparql)

    def listing_entries(self, articles: Iterable[str]) -> dict[str, list[str]]:
        """The listing statements (kg/listing.py) stored for each of ``articles`` that has any."""
        found: dict[str, list[str]] = {}
        for article in articles:
            texts = [quad.object.value for quad in self._store.quads_for_pattern(
                ox.NamedNode(article), listing.LISTING, None, ox.DefaultGraph())]
            if texts:
                found[article] = texts
        return found

    def articles_of(self, claims: Iterable[str]) -> dict[str, str]:
        """One index lookup a claim."""
        reported = ox.NamedNode(CG + "reportedIn")
        found: dict[str, str] = {}
        for claim in claims:
            for quad in self._store.quads_for_pattern(ox.NamedNode(claim), reported, None, None):
                found[claim] = quad.object.value
        return found

    def facts_about(self, subjects: Iterable[str], predicates: Collection[ox.NamedNode], graph: str
                    ) -> dict[str, dict[str, list[Any]]]:
        """One index lookup per subject and predicate."""
        found: dict[str, dict[str, list[Any]]] = {}
        name = ox.NamedNode(graph)
        for subject in subjects:
            node = ox.NamedNode(subject)
            for predicate in predicates:
                values = [quad.object for quad in self._store.quads_for_pattern(node, predicate, None, name)]
                if values:
                    found.setdefault(subject, {})[predicate.value] = values
        return found

    def _stored_counts(self, graph: str) -> dict[str, int] | None:
        found = self._entries(graph)
        return parse_entry(found[0].object.value) if len(found) == 1 else None

    def flush(self) -> None:
        if self.location is not None and not self.read_only:
            self._store.flush()

    # -- reading -------------------------------------------------------------------------------------------------

    def has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(graph_node(graph))

    def graphs(self) -> list[str]:
        return sorted(node.value for node in self._store.named_graphs())

    def triple_count(self, graph: str | None = None) -> int:
        # Oxigraph counts every quad in 0.27 s at 1M, the COUNT(*) query of BaseStore in 0.67; the default graph,
        # which that query leaves out, holds only the graphs' counts (kg/counts.py)
        if graph is None:
            return len(self._store) - sum(1 for _ in self._store.quads_for_pattern(None, None, None,
                                                                                   ox.DefaultGraph()))
        return super().triple_count(graph)

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of graphs. ``bindings`` maps variable names to values bound as RDF terms
        (never pasted into the text), so user input cannot change the query."""
        substitutions = {ox.Variable(name): to_term(value) for name, value in (bindings or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                     substitutions=substitutions or None)
        except SyntaxError as error:
            raise syntax_error(sparql, error) from error
        except RuntimeError as error:
            # Oxigraph substitutes only variables the SELECT clause projects (SEP-0007).
            raise QueryError(f"cannot bind parameters: {_first_line(error)} (add them to the SELECT clause)") \
                from error
        except OSError as error:
            raise StoreError(f"{self.location}: query failed ({_first_line(error)})") from error

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        name = None if graph is None else graph_node(graph)
        for quad in self._store.quads_for_pattern(None, None, None, name):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def close(self) -> None:
        if hasattr(self, "_store"):
            if self.location is not None and not self.read_only:
                try:
                    self._store.flush()
                except OSError:
                    pass
            del self._store
            if hasattr(self, "_unpin"):
                self._unpin()


@contextmanager
def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               create: bool = True) -> Iterator[BaseStore]:
    """Open the store at ``location`` (default: $KG_STORE or ./kg-store) and close it afterwards.

    ``http(s)://HOST:PORT`` opens a remote SPARQL 1.1 server instead (see kg.remote). With ``create=False`` a
    missing local store is an error instead of a new empty store. Commands that only read pass ``read_only=True``:
    they then work while another process writes (a snapshot, see ``_open_read_only``); a writer still holds the
    store alone, and a second writer fails with "the store is in use".
    """
    path = str(default_location() if location is None else location)
    store: BaseStore
    if path.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        store = RemoteStore(path)
    else:
        if not create and not (Path(path) / "CURRENT").is_file():  # RocksDB's own file: no folder becomes a store
            raise StoreError(f"{path}: no store here (run `kg ingest` first, or pass --store / set KG_STORE)")
        store = Store(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


#: A pattern of quads to replace: subject, predicate, and an object or None (any); IRIs as strings.
Statement = tuple[str, str, "ox.NamedNode | ox.Literal | None"]


def _patterns(statements: Iterable[Statement]) -> list[tuple[ox.NamedNode, ox.NamedNode, Any]]:
    return [(ox.NamedNode(subject), ox.NamedNode(predicate), obj) for subject, predicate, obj in statements]


def _matcher(statements: Iterable[Statement]) -> Callable[[ox.Quad], bool]:
    """Whether a quad matches one of ``statements``: a lookup per quad, however many statements."""
    objects: dict[tuple[ox.NamedNode, ox.NamedNode], set[Any] | None] = {}
    for subject, predicate, obj in _patterns(statements):
        key = (subject, predicate)
        if obj is None or objects.get(key, set()) is None:
            objects[key] = None
        else:
            objects.setdefault(key, set()).add(obj)  # type: ignore[union-attr]

    def matches(quad: ox.Quad) -> bool:
        key = (quad.subject, quad.predicate)
        if key not in objects:
            return False
        found = objects[key]
        return found is None or quad.object in found
    return matches


def to_term(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A Python value as an RDF term; strings become plain literals, use ox.NamedNode for IRIs."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    return ox.Literal(checked_text(str(value)))


def checked_text(value: str) -> str:
    """``value`` unchanged, or QueryError when it holds bytes that are not text (undecodable command-line input
    arrives as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise QueryError(f"\"{shown}\" is not valid UTF-8 text") from error
    return value


_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}


def to_python(term: Any) -> Any:
    """An RDF term as a plain value: IRIs and strings as str, numbers as int/float, booleans as bool."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return _NUMERIC[datatype](term.value)
            except ValueError:
                return float(term.value)
        if datatype == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def load_ontology(store: BaseStore, ontology_path: Path) -> int:
    """Put the ontology file into its own graph (replacing the previous copy); returns its triple count."""
    quads = list(ox.parse(path=str(ontology_path), format=ox.RdfFormat.TURTLE))
    store.replace_graph(ONTOLOGY_GRAPH, quads)
    return len(quads)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


__all__ = ["BaseStore", "Store", "open_store", "default_location", "load_ontology", "records_update", "to_term",
           "to_python", "CG", "PROV", "SCHEMA", "EXPORT_FORMATS"]
