"""Named SPARQL queries (queries/*.rq) and their parameters, bound as RDF terms, never pasted into the text."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.counts import store_counts
from kg.errors import QueryError
from kg.resources import resource_dir
from kg.store import Store, checked_text

_NAME = re.compile(r"^[A-Za-z0-9_\-/]+$")
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAMETERS = re.compile(r"^Parameters:\s*(.*)$")
_DECLARATION = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*) \(([^)]*)\)")
_SENTENCE_END = re.compile(r"[.?!](?=\s|$)")
_LOOKS_LIKE_SPARQL = re.compile(r"[{}\s]")
_NAME_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


#: Folders of queries claimgraph runs itself (linking, ingest, the store's bookkeeping, validation, corroboration):
#: loadable by name like the others, but not offered to users by `kg queries` or the `kg serve` page.
INTERNAL_FOLDERS = frozenset({"linking", "pipeline", "store", "validate", "corroboration", "contradiction_keys"})
#: Top-level queries claimgraph runs itself (kg.claims and kg.entities page with all but the first).
INTERNAL_QUERIES = frozenset({"claim_evidence", "article_dates", "article_sources", "claim_order", "entity_fields",
                              "entity_order"})


def query_names(*, internal: bool = False) -> list[str]:
    """The named queries for users, e.g. ``articles`` or ``contradictions/numeric``; with ``internal``, also those
    claimgraph runs itself (:data:`INTERNAL_FOLDERS`, :data:`INTERNAL_QUERIES`)."""
    root = resource_dir("queries")
    names = sorted(path.relative_to(root).with_suffix("").as_posix() for path in root.rglob("*.rq"))
    if internal:
        return names
    return [name for name in names if name.split("/")[0] not in INTERNAL_FOLDERS and name not in INTERNAL_QUERIES]


def _header(text: str) -> list[str]:
    """The comment lines a query starts with, without their ``#``."""
    lines = []
    for line in text.lstrip().splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


def description(name: str) -> str:
    """What a named query answers: the first sentence of its header comment, on one line, whole."""
    words: list[str] = []
    for line in _header(load_named(name)):
        if not line or _PARAMETERS.match(line):
            break
        words.append(line)
        if _SENTENCE_END.search(line):
            break
    first = " ".join(words)
    match = _SENTENCE_END.search(first)
    return first[:match.start() + 1] if match else first


@dataclass(frozen=True)
class Parameter:
    """A parameter a query declares in its header: ``# Parameters: article (article, required): ...``."""

    name: str
    kind: str
    required: bool

    def usage(self) -> str:
        """``article=ARTICLE``, or ``[by=STRING]`` when optional."""
        text = f"{self.name}={self.kind.upper()}"
        return text if self.required else f"[{text}]"


def parameters(text: str) -> list[Parameter]:
    """The parameters a query's header declares. Each is ``NAME (KIND[, required|optional])`` on the
    ``# Parameters:`` line; KIND is ``string``, ``integer``, ``iri`` or ``article`` (an article's IRI, short id or
    URL). A parameter is required unless it says ``optional``; ``# Parameters: none.`` declares none."""
    for line in _header(text):
        match = _PARAMETERS.match(line)
        if match:
            declared, rest = [], match.group(1)
            # declarations run from the start of the line, comma-separated; the prose after them is not parsed
            while (item := _DECLARATION.match(rest)) is not None:
                flags = [part.strip() for part in item.group(2).split(",")]
                declared.append(Parameter(item.group(1), flags[0], "optional" not in flags[1:]))
                rest = rest[item.end():]
                if not rest.startswith(","):
                    break
                rest = rest[1:]
            return declared
    return []


@lru_cache(maxsize=None)
def load_named(name: str) -> str:
    """The text of ``queries/<name>.rq`` (``name`` may hold a folder: ``contradictions/numeric``), read once."""
    if not _NAME.match(name):
        raise QueryError(f"{name!r} is not a query name")
    path = resource_dir("queries") / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no named query {name!r} (known: {', '.join(query_names())})")
    return path.read_text(encoding="utf-8")


def resolve_query(text_or_name: str) -> str:
    """A query given as SPARQL text, a path to a .rq file, or the name of a file in queries/. Text that cannot be a
    name or a path (``SELEC ?x WHERE {...}``: spaces, braces) is taken as SPARQL, so the parser says what is wrong."""
    stripped = text_or_name.strip()
    path = Path(stripped)
    if _NAME.match(stripped) and not path.is_file() and path.suffix != ".rq":
        return load_named(stripped)
    if path.suffix == ".rq" or (not _LOOKS_LIKE_SPARQL.search(stripped) and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{path}: cannot read query ({error.strerror or error})") from error
        except UnicodeDecodeError as error:
            raise QueryError(f"{path}: not a SPARQL file (not UTF-8 text at byte {error.start})") from error
    return stripped


_WHERE_GROUP = re.compile(r"^[^#\n]*?\bWHERE\s*\{", re.IGNORECASE | re.MULTILINE)


def bind_list(text: str, variable: str, terms: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """``text`` with ``variable`` bound to each of ``terms`` in turn, by a ``VALUES`` block at the top of its outermost
    WHERE group: Oxigraph substitutes one term per variable, this binds a list (``kg.claims`` reads only the claims
    it names). The terms are written by pyoxigraph (escaped N-Triples syntax), never pasted in as text."""
    if not _NAME_VARIABLE.match(variable):
        raise QueryError(f"{variable!r} is not a variable name")
    where = _WHERE_GROUP.search(text)
    if where is None:
        raise QueryError(f"cannot bind ?{variable}: the query has no WHERE group")
    written = []
    for term in terms:
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise QueryError(f"cannot bind ?{variable} to {term!r}: an IRI or a literal is needed")
        written.append(str(term))
    values = " ".join(written)
    return f"{text[:where.end()]}\n  VALUES ?{variable} {{ {values} }}{text[where.end():]}"


def missing_parameters(text: str, bound: Iterable[str]) -> list[Parameter]:
    """The required parameters of a query that ``bound`` leaves out."""
    given = set(bound)
    return [parameter for parameter in parameters(text) if parameter.required and parameter.name not in given]


def bind_articles(store: Store, text: str, bindings: Mapping[str, Any]) -> dict[str, Any]:
    """``bindings`` with each ``article`` parameter the query declares resolved to an article IRI
    (:func:`resolve_article`); the others unchanged."""
    kinds = {parameter.name: parameter.kind for parameter in parameters(text)}
    return {name: resolve_article(store, value) if kinds.get(name) == "article" else value
            for name, value in bindings.items()}


def resolve_article(store: Store, value: Any) -> ox.NamedNode:
    """The article ``value`` names: its IRI, ``article/<hex>``, a unique start of its hex id (8 digits or more
    are safe; at least 4), or the URL it was published at. QueryError when none or several match."""
    given = value.value if isinstance(value, (ox.NamedNode, ox.Literal)) else str(value)
    given = given.strip().strip("<>")
    rows = store.select(load_named("article_ids"))
    exact = sorted({row["article"] for row in rows if given in (row["article"], row.get("url"))})
    if not exact:
        short = given.rsplit("article/", 1)[-1].lower()
        exact = sorted({row["article"] for row in rows
                        if len(short) >= 4 and re.fullmatch(r"[0-9a-f]+", short)
                        and row["article"].rsplit("/", 1)[-1].startswith(short)})
    if len(exact) == 1:
        return ox.NamedNode(exact[0])
    if not exact:
        raise QueryError(f"no article {given!r} in the store (give its IRI, the start of its id or its URL; "
                         f"`kg query articles` lists them)")
    raise QueryError(f"{given!r} names {len(exact)} articles ({', '.join(_short_id(iri) for iri in exact[:5])}"
                     f"{', ...' if len(exact) > 5 else ''}): give more of the id")


def _short_id(iri: str) -> str:
    return iri.rsplit("/", 1)[-1][:12]


def parse_param(raw: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``k=v`` as (variable, term): ``<iri>`` or ``http(s)://...`` -> IRI; integers and decimals typed; else string."""
    name, sep, value = checked_text(raw).partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME_VARIABLE.match(name):
        raise QueryError(f"bad --param {raw!r}: expected NAME=VALUE")
    if value.startswith("<") and value.endswith(">"):
        return name, _iri(value[1:-1], raw)
    if re.match(r"^https?://\S+$", value):
        return name, _iri(value, raw)
    if _INTEGER.match(value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if _DECIMAL.match(value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    return name, ox.Literal(value)


def _iri(value: str, raw: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as error:
        raise QueryError(f"bad --param {raw!r}: not a valid IRI ({error})") from error


def run(store: Store, text_or_name: str, params: Mapping[str, Any] | None = None) -> Any:
    return store.query(resolve_query(text_or_name), params)


STATS_KEYS = ("articles", "claims", "quantity_claims", "entities", "events", "triples", "graphs")


def stats(store: Store, counts: Mapping[str, int] | None = None) -> dict[str, int]:
    """Counts of what the store holds (what the named query ``stats`` counts), plus triples and graphs: ``counts``,
    or those the store keeps (:func:`kg.counts.store_counts`). Contradictions are counted as the report counts
    them, not here: see :func:`kg.report.store_stats`."""
    if counts is None:
        counts = store_counts(store).counts
    return {key: counts.get(key, 0) for key in STATS_KEYS}
