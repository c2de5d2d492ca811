"""Ingestion: read -> segment -> parse -> extract -> map to RDF -> store, one article graph at a time.

``ingest`` is what ``kg ingest`` runs. It never prints: progress goes to an optional callback, and the result is
an :class:`IngestSummary` the caller renders. An article that fails anywhere is reported and leaves nothing in the
store; the others go on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import __version__
from kg.errors import InputError, KGError
from kg.extract import extract
from kg.namespaces import CG, article_iri
from kg.nlp import load
from kg.rdf import article_quads
from kg.read import read_paths
from kg.resources import resource
from kg.store import Store, load_ontology
from kg.types import Article, Extraction

EXTRACTOR_VERSION = f"claimgraph/{__version__}"
BATCH_SIZE = 32


@dataclass
class IngestSummary:
    """What an ingest run did, for the CLI to print."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    claims: int = 0
    quantity_claims: int = 0
    failures: list[InputError] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # IRIs of the articles written or found unchanged

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, object]:
        return {"new": self.new, "replaced": self.replaced, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "failed": self.failed, "claims": self.claims,
                "quantity_claims": self.quantity_claims,
                "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures]}


def stored_version(store: Store, graph: str) -> str | None:
    """The extractor version an article graph was written with, or None when the article is not stored."""
    rows = store.select("SELECT ?g ?p ?v WHERE { GRAPH ?g { ?g ?p ?v } }",
                        {"g": ox.NamedNode(graph), "p": ox.NamedNode(CG + "extractorVersion")})
    return str(rows[0]["v"]) if rows else None


def process(articles: list[Article]) -> Iterator[Extraction | InputError]:
    """Parse and extract a batch of articles (pure: no store). A failing article yields its error."""
    nlp = load()
    docs = nlp.pipe(article.text for article in articles)
    for article in articles:
        try:
            doc = next(docs)
            yield extract(doc, article)
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as error:
            # An extractor bug must not take the other articles down; the message names the article.
            yield InputError(article.origin, f"extraction failed ({type(error).__name__}: {error})")


def ingest(store: Store, paths: Iterable[str], *, fmt: str = "auto", force: bool = False,
           progress: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``. Re-ingesting the same articles changes nothing."""
    summary = IngestSummary()
    load_ontology(store, resource("ontology", "claims.ttl"))
    seen: set[str] = set()
    pending: list[Article] = []
    replacing: set[str] = set()

    def flush() -> None:
        for result in process(pending):
            if isinstance(result, InputError):
                summary.failures.append(result)
                continue
            graph = article_iri(result.article.content_hash)
            try:
                store.replace_graph(graph, article_quads(result, extractor_version=EXTRACTOR_VERSION))
            except KGError as error:
                summary.failures.append(InputError(result.article.origin, str(error)))
                continue
            if graph in replacing:
                summary.replaced += 1
            else:
                summary.new += 1
            summary.articles.append(graph)
            summary.claims += len(result.claims)
            summary.quantity_claims += sum(claim.quantity is not None for claim in result.claims)
            if progress:
                progress(result.article.origin)
        pending.clear()

    for item in read_paths(paths, fmt):
        if isinstance(item, InputError):
            summary.failures.append(item)
            if progress:
                progress(item.origin)
            continue
        graph = article_iri(item.content_hash)
        if graph in seen:
            summary.duplicates += 1
            continue
        seen.add(graph)
        version = stored_version(store, graph)
        if version == EXTRACTOR_VERSION and not force:
            summary.unchanged += 1
            summary.articles.append(graph)
            if progress:
                progress(item.origin)
            continue
        if version is not None:
            replacing.add(graph)
        pending.append(item)
        if len(pending) >= BATCH_SIZE:
            flush()
    flush()
    store.flush()
    return summary
