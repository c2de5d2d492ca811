"""RDF dumps an RDF user accepts: Turtle and TriG grouped by subject under prefixes, JSON-LD compacted with an
@context, N-Quads and N-Triples as sorted lines. The same content gives the same bytes, from any store, local or
remote, whatever order it hands the quads in.

Every format is written from one sorted stream. pyoxigraph prints the quads as N-Quads (it escapes literals and has
checked every IRI), each line becomes a sort record (UTF-8 bytes: their order is the order of code points), and the
records are sorted: in memory while they hold fewer than :data:`SPILL_BYTES`, else as sorted runs in temporary files
merged at the end (an external sort), so a store of 1.5M triples is dumped in bounded memory, without a Python
object per triple. A triple in two graphs of a one-graph dump (Turtle, N-Triples) sorts beside itself and is written
once. Records are split at spaces, which no IRI or blank node label holds: RDF 1.2 triple terms, which do and which
claimgraph never writes, are not supported.

Order: graphs by IRI; subjects by IRI, blank nodes after them; ``rdf:type`` first, then predicates by IRI; objects
by their N-Triples text. Blank nodes keep the store's labels, so only stores holding the same blank-node-free content
are sure to give the same bytes (each store names its blank nodes apart; claimgraph mints none).
"""
from __future__ import annotations

import heapq
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.namespaces import RDF, XSD, dump_prefixes

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
#: Formats that carry named graphs; the others get the union of all graphs as one graph.
DATASET_FORMATS = frozenset({"trig", "nquads", "jsonld"})
#: Bytes of sort records held in memory before they are sorted and written to a temporary file (as Python bytes
#: objects about 1.2 times as much). The N-Quads of 200 BBC articles (112k triples) are 27 MB; on 1.6M triples
#: (380 MB) a budget of 8 MB peaked at 109 MB, 32 MB at 136 MB (pyoxigraph's own serializer: 90 MB).
SPILL_BYTES = 16_000_000
#: Quads pyoxigraph prints as N-Quads at a time, and lines written at once. Batches of 20,000 quads doubled the
#: peak memory of a dump.
BATCH = 2_000
#: IRIs (and blank nodes) whose written name is kept, so that a name is worked out once.
NAME_CACHE = 1 << 14
#: Bytes of output gathered before one write.
WRITE_CHUNK = 1 << 20

_RDF_TYPE = f"<{RDF}type>".encode()
_INDENT = "    "

# The Turtle grammar's PN_LOCAL (https://www.w3.org/TR/turtle/#grammar-production-PN_LOCAL).
_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS = _PN_CHARS_BASE + r"_\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = re.compile(rf"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
#: Characters an IRI may hold that a local name writes escaped ('-' only where it starts one).
_ESCAPED_IN_LOCAL = re.compile(r"[~!$&'()*+,;=/?#@]|^-")
# Numbers and booleans Turtle writes bare; only canonical forms, which every parser reads back unchanged.
_BARE = {
    f"{XSD}integer": re.compile(r"0|-?[1-9][0-9]*"),
    f"{XSD}decimal": re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+"),
    f"{XSD}boolean": re.compile(r"true|false"),
}
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
#: JSON-LD writes an xsd:integer as a JSON number when a JavaScript reader keeps it exact.
_JSON_SAFE_INTEGER = 2 ** 53


def write_dump(quads: Iterable[ox.Quad], output: IO[bytes], fmt: str, *, keep_graphs: bool) -> None:
    """Write ``quads`` (each in a named graph, as ``BaseStore.quads`` gives them) to ``output`` as ``fmt``.

    With ``keep_graphs`` the dataset formats keep each named graph; without it every format writes the union of
    the graphs as one graph."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}: choose one of {', '.join(FORMATS)}")
    layout = "nquads" if fmt == "nquads" and keep_graphs else ("quads" if keep_graphs else "triples")
    prefixes = dump_prefixes()
    seen: set[str] = set()
    with ExitStack() as stack:
        records = _sorted(_records(quads, layout, set(prefixes.values()), seen), stack)
        used = {name: namespace for name, namespace in sorted(prefixes.items()) if namespace in seen}
        writer = _Writer(output)
        if fmt in ("nquads", "ntriples"):
            while lines := list(islice(records, BATCH)):
                writer.write(b" .\n".join(lines) + b" .\n")
        elif fmt == "jsonld":
            _write_jsonld(writer, _blocks(records, keep_graphs), used, keep_graphs)
        else:
            _write_turtle(writer, _blocks(records, keep_graphs), used, keep_graphs)
        writer.flush()


# -- sorting ----------------------------------------------------------------------------------------------------

Block = tuple[bytes | None, bytes, list[tuple[bytes, bytes]]]


def _records(quads: Iterable[ox.Quad], layout: str, namespaces: set[str], seen: set[str]) -> Iterator[bytes]:
    """Sort records, one per quad: ``G S P O`` (graph first: TriG, JSON-LD), ``S P O G`` (N-Quads lines) or
    ``S P O`` (the graph left out), each term in N-Triples syntax. Adds to ``seen`` the namespaces some IRI starts
    with (the prefixes worth declaring)."""
    pending = iter(quads)
    while batch := list(islice(pending, BATCH)):
        data = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
        lines = data.split(b"\n")[:-1]  # N-Quads escapes every line break inside a literal
        if layout == "nquads":
            records = [line[:-2] for line in lines]
        else:
            # "S P O G .": the graph is the last term, and no IRI or blank node label holds a space
            split = [line[:-2].rsplit(b" ", 1) for line in lines]
            records = [graph + b" " + triple for triple, graph in split] if layout == "quads" else \
                [triple for triple, _ in split]
            if layout == "triples":
                data = b"\n".join(records)  # the graph names are not written
        for namespace in namespaces - seen:
            # rdf:type is written "a" (Turtle) and "@type" (JSON-LD): the rdf prefix is for the other rdf: IRIs
            text = data.replace(_RDF_TYPE, b"") if namespace == RDF else data
            if b"<" + namespace.encode() in text:
                seen.add(namespace)
        yield from records


def _sorted(records: Iterable[bytes], stack: ExitStack) -> Iterator[bytes]:
    """``records`` sorted, each once. All of them are read before this returns: runs past SPILL_BYTES go to
    temporary files (removed when ``stack`` closes) and are merged lazily."""
    run: list[bytes] = []
    size = 0
    files: list[IO[bytes]] = []
    folder: str | None = None
    for record in records:
        run.append(record)
        size += len(record)
        if size >= SPILL_BYTES:
            folder = folder or stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-dump-"))
            files.append(_spill(run, Path(folder) / f"run-{len(files)}.nt", stack))
            run, size = [], 0
    run.sort()
    if not files:
        return _distinct(run)
    streams = [(line[:-1] for line in handle) for handle in files]
    return _distinct(heapq.merge(*streams, run))


def _spill(run: list[bytes], path: Path, stack: ExitStack) -> IO[bytes]:
    """Write ``run`` sorted to ``path``, one record a line, and open it for reading back."""
    run.sort()
    with path.open("wb") as handle:
        handle.writelines(record + b"\n" for record in run)
    return stack.enter_context(path.open("rb"))


def _distinct(records: Iterable[bytes]) -> Iterator[bytes]:
    previous = None
    for record in records:
        if record != previous:
            yield record
            previous = record


def _blocks(records: Iterable[bytes], keep_graphs: bool) -> Iterator[Block]:
    """``(graph, subject, [(predicate, object), ...])`` for each subject of each graph, in record order (graph is
    None without ``keep_graphs``)."""
    current: tuple[bytes | None, bytes] | None = None
    pairs: list[tuple[bytes, bytes]] = []
    for record in records:
        if keep_graphs:
            graph, subject, predicate, obj = record.split(b" ", 3)
        else:
            graph = None
            subject, predicate, obj = record.split(b" ", 2)
        if (graph, subject) != current:
            if current is not None:
                yield current[0], current[1], pairs
            current, pairs = (graph, subject), []
        pairs.append((predicate, obj))
    if current is not None:
        yield current[0], current[1], pairs


def _by_predicate(pairs: list[tuple[bytes, bytes]]) -> list[tuple[bytes, list[bytes]]]:
    """The objects of each predicate, ``rdf:type`` first, then in order."""
    grouped: list[tuple[bytes, list[bytes]]] = []
    for predicate, obj in pairs:
        if grouped and grouped[-1][0] == predicate:
            grouped[-1][1].append(obj)
        else:
            grouped.append((predicate, [obj]))
    grouped.sort(key=lambda group: group[0] != _RDF_TYPE)  # stable: the rest keep their order
    return grouped


# -- terms ------------------------------------------------------------------------------------------------------


class _Names:
    """How a syntax names IRIs and blank nodes: under the longest declared namespace whose local part ``shorten``
    accepts (and rewrites), else whole (``whole``). Names are cached by their N-Triples bytes: predicates, classes
    and linked nodes come again and again."""

    def __init__(self, prefixes: Mapping[str, str], shorten: Callable[[str], str | None],
                 whole: Callable[[str], str]) -> None:
        self._longest_first = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self._shorten = shorten
        self._whole = whole
        self._nodes: dict[bytes, str] = {}

    def iri(self, iri: str) -> str:
        for name, namespace in self._longest_first:
            if iri.startswith(namespace):
                local = self._shorten(iri[len(namespace):])
                if local is not None:
                    return f"{name}:{local}"
        return self._whole(iri)

    def node(self, raw: bytes) -> str:
        """An IRI (``<...>``) or blank node (``_:label``, the same in every syntax) in N-Triples, named."""
        name = self._nodes.get(raw)
        if name is None:
            name = self.iri(raw[1:-1].decode("utf-8")) if raw.startswith(b"<") else raw.decode("utf-8")
            if len(self._nodes) >= NAME_CACHE:
                self._nodes.clear()
            self._nodes[raw] = name
        return name


def turtle_local(local: str) -> str | None:
    """``local`` as the local part of a Turtle prefixed name (``22e6/3`` -> ``22e6\\/3``), or None when it cannot
    be one. A trailing '.' can be escaped by the grammar but rdflib 7 rejects it, so such an IRI is written whole."""
    if local.startswith(".") or local.endswith("."):
        return None
    escaped = _ESCAPED_IN_LOCAL.sub(lambda match: "\\" + match.group(0), local)
    return escaped if not escaped or _PN_LOCAL.fullmatch(escaped) else None


def _jsonld_local(local: str) -> str | None:
    # JSON-LD reads "prefix://..." as an absolute IRI, not a compact one.
    return None if local.startswith("//") else local


def _literal(text: str) -> tuple[str, str | None, str | None]:
    """An N-Triples literal as (quoted lexical form, language or None, datatype IRI or None)."""
    close = text.rindex('"')  # a language tag or datatype IRI holds no '"'
    quoted, suffix = text[:close + 1], text[close + 1:]
    if suffix.startswith("@"):
        return quoted, suffix[1:], None
    if suffix.startswith("^^<"):
        return quoted, None, suffix[3:-1]
    return quoted, None, None


def _unescape(quoted: str) -> str:
    """The value of a quoted N-Triples string."""
    inner = quoted[1:-1]
    if "\\" not in inner:
        return inner
    return _UNESCAPE.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)) if match.group(3) is None
                         else _ECHAR[match.group(3)], inner)


class _TurtleTerms(_Names):
    """N-Triples terms as Turtle: IRIs under the declared prefixes, canonical numbers and booleans bare."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        super().__init__(prefixes, turtle_local, lambda iri: f"<{iri}>")

    def term(self, raw: bytes) -> str:
        if not raw.startswith(b'"'):
            return self.node(raw)
        text = raw.decode("utf-8")
        quoted, _, datatype = _literal(text)
        if datatype is None:
            return text
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(quoted, 1, len(quoted) - 1):
            return quoted[1:-1]
        return f"{quoted}^^{self.iri(datatype)}"


# -- writers ----------------------------------------------------------------------------------------------------


class _Writer:
    """UTF-8 to a binary stream, in large writes."""

    def __init__(self, output: IO[bytes]) -> None:
        self._output = output
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes | str) -> None:
        encoded = data.encode("utf-8") if isinstance(data, str) else data
        self._parts.append(encoded)
        self._size += len(encoded)
        if self._size >= WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._output.write(b"".join(self._parts))
            self._parts, self._size = [], 0


def _write_turtle(writer: _Writer, blocks: Iterable[Block], prefixes: Mapping[str, str], keep_graphs: bool) -> None:
    """Turtle (or TriG with ``keep_graphs``): a prefix block, then one paragraph per subject, each graph a block."""
    terms = _TurtleTerms(prefixes)
    writer.write("".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in prefixes.items()))
    indent = _INDENT if keep_graphs else ""
    graph: bytes | None = None
    started = bool(prefixes)  # a blank line between paragraphs, none before the first
    for block_graph, subject, pairs in blocks:
        if keep_graphs and block_graph != graph:
            blank = "\n" if started else ""
            writer.write(("}\n" if graph is not None else "") + f"{blank}{terms.node(block_graph or b'')} {{\n")
            graph = block_graph
        elif started:
            writer.write("\n")
        started = True
        statements = [("a" if predicate == _RDF_TYPE else terms.node(predicate)) + " "
                      + ", ".join(map(terms.term, objects))
                      for predicate, objects in _by_predicate(pairs)]
        writer.write(f"{indent}{terms.node(subject)} " + f" ;\n{indent}{_INDENT}".join(statements) + " .\n")
    if keep_graphs and graph is not None:
        writer.write("}\n")


class _JsonTerms(_Names):
    """N-Triples terms as compacted JSON-LD values."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        super().__init__(prefixes, _jsonld_local, lambda iri: iri)

    def value(self, raw: bytes) -> Any:
        if not raw.startswith(b'"'):
            return {"@id": self.node(raw)}
        quoted, language, datatype = _literal(raw.decode("utf-8"))
        value = _unescape(quoted)
        if language is not None:
            return {"@value": value, "@language": language}
        if datatype is None:
            return value
        if datatype == f"{XSD}boolean" and value in ("true", "false"):
            return value == "true"
        if datatype == f"{XSD}integer" and _BARE[datatype].fullmatch(value) and abs(int(value)) < _JSON_SAFE_INTEGER:
            return int(value)
        return {"@value": value, "@type": self.iri(datatype)}


def _write_jsonld(writer: _Writer, blocks: Iterable[Block], prefixes: Mapping[str, str], keep_graphs: bool) -> None:
    """Compacted JSON-LD: the prefixes as the @context, one node object per subject in the top @graph, or with
    ``keep_graphs`` one entry per named graph holding its nodes in its own @graph."""
    terms = _JsonTerms(prefixes)
    context = json.dumps({"@context": dict(prefixes)}, indent=2, ensure_ascii=False)
    writer.write(context[:-2] + ',\n  "@graph": [')
    depth = 4 if keep_graphs else 2
    graph: bytes | None = None
    first_node = True
    for block_graph, subject, pairs in blocks:
        if keep_graphs and block_graph != graph:
            if graph is not None:
                writer.write("\n      ]\n    },")
            writer.write(f'\n    {{\n      "@id": {json.dumps(terms.node(block_graph or b""), ensure_ascii=False)},'
                         '\n      "@graph": [')
            graph, first_node = block_graph, True
        node = _jsonld_node(terms, subject, pairs)
        text = json.dumps(node, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
        writer.write(("\n" if first_node else ",\n") + "  " * depth + text)
        first_node = False
    if keep_graphs and graph is not None:
        writer.write("\n      ]\n    }")
    writer.write("\n  ]\n}\n" if graph is not None or not first_node else "]\n}\n")


def _jsonld_node(terms: _JsonTerms, subject: bytes, pairs: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": terms.node(subject)}
    for predicate, objects in _by_predicate(pairs):
        if predicate == _RDF_TYPE and not any(obj.startswith(b'"') for obj in objects):
            types = [terms.node(obj) for obj in objects]
            node["@type"] = types[0] if len(types) == 1 else types
            continue
        values = [terms.value(obj) for obj in objects]
        node[terms.node(predicate)] = values[0] if len(values) == 1 else values
    return node
