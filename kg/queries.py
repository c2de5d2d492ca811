"""Named SPARQL queries (queries/*.rq) and their parameters, bound as RDF terms, never pasted into the text."""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.resources import resource_dir
from kg.store import Store, checked_text

_NAME = re.compile(r"^[A-Za-z0-9_\-/]+$")
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
XSD = "http://www.w3.org/2001/XMLSchema#"


def query_names() -> list[str]:
    """Every named query, e.g. ``articles`` or ``contradictions/numeric``."""
    root = resource_dir("queries")
    return sorted(path.relative_to(root).with_suffix("").as_posix() for path in root.rglob("*.rq"))


def description(name: str) -> str:
    """The first comment line of a named query: what it answers."""
    for line in load_named(name).splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


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
    """A query given as SPARQL text, a path to a .rq file, or the name of a file in queries/."""
    stripped = text_or_name.strip()
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", stripped, re.IGNORECASE) and ("{" in stripped):
        return stripped
    path = Path(stripped)
    if path.suffix == ".rq" or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{path}: cannot read query ({error.strerror or error})") from error
    return load_named(stripped)


def parse_param(raw: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``k=v`` as (variable, term): ``<iri>`` or ``http(s)://...`` -> IRI; integers and decimals typed; else string."""
    name, sep, value = checked_text(raw).partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
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


def stats(store: Store) -> dict[str, int]:
    """Counts of what the store holds (the named query ``stats``), plus triples and graphs. Contradictions are
    counted by the detector, not here: see :func:`kg.report.store_stats`."""
    rows = store.select(load_named("stats"))
    counts = {key: int(rows[0].get(key) or 0) for key in STATS_KEYS if key in rows[0]} if rows else {}
    counts["triples"] = store.triple_count()
    counts["graphs"] = len(store.graphs())
    return {key: counts.get(key, 0) for key in STATS_KEYS}
