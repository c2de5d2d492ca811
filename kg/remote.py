"""A remote SPARQL 1.1 server as the store: SPARQL protocol for queries, Graph Store Protocol for article graphs.

Made for the `oxigraph` server (``oxigraph serve --location DIR --bind 127.0.0.1:7878``): queries go to
``/query`` with ``union-default-graph`` (so they see the union of graphs, as locally), updates to ``/update``, and
each article graph is replaced with one HTTP PUT to ``/store?graph=IRI``, which the server applies atomically.
Other servers (Fuseki, QLever, Virtuoso) work when configured with a union default graph and these paths.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any

import pyoxigraph as ox

from kg import listing
from kg.counts import count_quads, entry_update
from kg.errors import QueryError, StoreError
from kg.namespaces import PREFIXES
from kg.queries import load_named
from kg.store import BaseStore, records_update, to_term

#: How long one request may wait for the server's answer. Linking a whole store of a million triples (the first
#: ingest of a store kg has not linked over HTTP before) asks queries that take minutes: 120 s was too short.
TIMEOUT_SECONDS = 900
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_QUERY_FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)[^\n]*\n|#[^\n]*\n|\s)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
                         re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables by an inline ``VALUES`` block at the top of every WHERE group, subqueries' too: a subquery
    is evaluated on its own and would not see a binding made outside it (claims_by.rq filters inside subqueries),
    while Oxigraph's own substitution binds the variable everywhere.

    The values are RDF terms serialised by pyoxigraph (escaped N-Triples syntax), never user text pasted in.
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_term(value)) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    if _WHERE.search(sparql):
        return _WHERE.sub(lambda match: match.group() + block, sparql)
    match = re.search(r"\{", sparql)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return f"{sparql[:match.end()]}{block}{sparql[match.end():]}"


def _prologue() -> str:
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


class RemoteStore(BaseStore):
    """A SPARQL 1.1 server at ``http(s)://HOST:PORT``."""

    def __init__(self, url: str) -> None:
        self.location = url.rstrip("/")
        self.query_url = f"{self.location}/query"
        self.update_url = f"{self.location}/update"
        self.store_url = f"{self.location}/store"

    def _request(self, method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
                 ) -> bytes:
        with self._response(method, url, data, headers) as response:
            return response.read()

    @contextmanager
    def _response(self, method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
                  ) -> Iterator[IO[bytes]]:
        """The server's answer as a stream; an HTTP error, or a server out of reach, as a one-line KGError."""
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                yield response
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            message = f"{self.location}: {method} failed with HTTP {error.code} ({detail[0] if detail else ''})"
            raise (QueryError if error.code == 400 else StoreError)(message) from error
        except (urllib.error.URLError, OSError) as error:  # a TimeoutError is an OSError
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise StoreError(f"{self.location}: no answer from the SPARQL server within {TIMEOUT_SECONDS} s") \
                    from error
            raise StoreError(f"{self.location}: cannot reach the SPARQL server ({reason})") from error

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        text = _prologue() + bind_values(sparql, bindings or {})
        form = _QUERY_FORM.match(sparql)
        kind = form.group(1).upper() if form else "SELECT"
        accept = "application/n-triples" if kind in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        body = urllib.parse.urlencode({"query": text, "union-default-graph": ""}).encode("utf-8")
        data = self._request("POST", self.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return _Triples(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def update(self, sparql: str) -> None:
        body = urllib.parse.urlencode({"update": _prologue() + sparql}).encode("utf-8")
        self._request("POST", self.update_url, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """One PUT of the graph; its counts (kg/counts.py) and listing records (kg/listing.py) are deleted before
        and written after, so a failure in between leaves the graph without them (counted when read, listed
        through claims.rq), never with another graph's."""
        triples = list(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads))
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"
        self.update(records_update(graph, None, None))
        self._request("PUT", url, body, {"Content-Type": "application/n-triples"})
        self.update(records_update(graph, count_quads(triples), listing.entry(graph, triples)))

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{ox.NamedNode(graph).value}> ;\n{records_update(graph, None, None)}")

    def write_counts(self, graph: str, counts: Mapping[str, int]) -> None:
        self.update(entry_update(graph, counts))

    def has_graph(self, graph: str) -> bool:
        result = self.query(load_named("store/has_graph"), {"g": ox.NamedNode(graph)})
        return bool(result)

    def graphs(self) -> list[str]:
        rows = self.select(load_named("store/graph_names"))
        return sorted(row["g"] for row in rows)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one graph or of every named graph, parsed as the server sends them (a dump of the whole
        store never holds all of its N-Quads text at once)."""
        if graph is None:
            url, rdf_format, name = self.store_url, ox.RdfFormat.N_QUADS, None
        else:
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"
            rdf_format, name = ox.RdfFormat.N_TRIPLES, ox.NamedNode(graph)
        with self._response("GET", url, headers={"Accept": rdf_format.media_type}) as response:
            for quad in ox.parse(response, format=rdf_format):
                if name is not None:
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, name)
                elif not isinstance(quad.graph_name, ox.DefaultGraph):
                    yield quad


class _Triples:
    """CONSTRUCT results from a remote server, iterable like pyoxigraph's QueryTriples."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self._triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)
