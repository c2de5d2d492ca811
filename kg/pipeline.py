"""Ingestion: read -> segment -> parse -> extract -> map to RDF -> store, one named graph per article.

``ingest`` is what ``kg ingest`` runs. It never prints: progress goes to an optional callback, and the result is
an :class:`IngestSummary` the caller renders. An article that fails anywhere is reported and leaves nothing in the
store; the others go on. Articles are written a batch at a time: the new ones in one atomic bulk write
(``Store.add_graphs``), the replaced ones one transaction each; if the bulk write fails, each article is written
alone so that only the one at fault fails.

Parsing, extraction and mapping are pure per article, so with ``workers > 1`` they run in worker processes while
this process reads input and writes graphs in input order: the store after ``--workers 2`` equals the store after
``--workers 1``.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from logging.handlers import QueueHandler, QueueListener
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from spacy.tokens import Doc

from kg import __version__
from kg.errors import InputError, KGError
from kg.extract import extract
from kg.extract.attribution_tagger import load_tagger
from kg.contradiction_graph import up_to_date as contradictions_up_to_date
from kg.contradiction_graph import update as update_contradictions
from kg.counts import complete as complete_counts
from kg.linking import link
from kg.listing import complete as complete_listings
from kg.namespaces import ENTITIES_GRAPH, article_iri
from kg.nlp import MODEL, load
from kg.queries import load_named
from kg.rdf import article_quads
from kg.read import Inputs
from kg.resolve import infer_article_date
from kg.resolve.gazetteer import GAZETTEER_ENV
from kg.resources import resource, resource_dir
from kg.store import BaseStore, load_ontology
from kg.types import Article, Extraction

#: What extraction reads besides the spaCy model: word lists, tables and models under data/, and the code that
#: extracts, resolves and maps. Samples and the contradiction word lists (read after extraction) are not in it.
_EXTRACTION_DATA_SKIPPED = ("samples", "contradiction")
_EXTRACTION_CODE = ("extract", "resolve", "rdf.py", "linking.py", "geo.py", "dates.py", "words.py", "credits.py",
                    "types.py")


logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def extraction_fingerprint() -> str:
    """The package version and a hash of everything extraction reads (data files, models, the extracting code,
    the spaCy model's version, an extra gazetteer from KG_GAZETTEER): an article stored under another fingerprint
    is extracted again by the next ``kg ingest`` of it."""
    digest = hashlib.sha256()
    data = resource_dir("data")
    files = [path for path in sorted(data.rglob("*")) if path.is_file()
             and path.relative_to(data).parts[0] not in _EXTRACTION_DATA_SKIPPED and not path.name.endswith(".md")]
    package = Path(__file__).resolve().parent
    for name in _EXTRACTION_CODE:
        target = package / name
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    files += [Path(extra) for extra in os.environ.get(GAZETTEER_ENV, "").split(os.pathsep) if extra
              and Path(extra).is_file()]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(_spacy_model_version().encode())
    return f"claimgraph/{__version__}+{digest.hexdigest()[:12]}"


def _spacy_model_version() -> str:
    try:
        return importlib.metadata.version(MODEL)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


#: Articles per nlp.pipe call and per worker task. Larger batches parse no faster on this model (bench/ingest.py:
#: 16, 64 and 128 cost the same CPU per word) and only hold more articles in memory.
BATCH_SIZE = 16
#: spaCy components extraction does not use; leaving them out of the pipe saves time. None today: the extractors
#: read the parse (dep_, head, sents), tags and POS (tagger, attribute_ruler), lemmas (lemmatizer: cue lexicon) and
#: entity types (ner: speakers.py, quantities.py), so disabling any of them would change the claims.
UNUSED_COMPONENTS: tuple[str, ...] = ()
#: Flush the store after this many articles written one transaction each (replaced graphs; new ones are bulk loaded
#: and never sit in memory). Oxigraph keeps transactional writes in RocksDB memtables until a flush: without one,
#: writing 2,000 articles that way grew the process by 1.1 GB; flushing every 100 kept it under 100 MB.
FLUSH_EVERY = 100


@dataclass(frozen=True)
class Mapped:
    """One article, extracted and mapped: ready to be written as its graph."""

    origin: str
    graph: str
    quads: list[ox.Quad]
    claims: int
    quantity_claims: int
    recovered_errors: int = 0

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Workers send results as N-Quads bytes: pickling ~650 Quad objects per article cost 16 ms to pack and
        # 13 ms to unpack in the writing process, serialising and parsing them (in Rust) costs 2 ms, same quads.
        packed = ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS)
        return _unpack_mapped, (self.origin, self.graph, packed, self.claims, self.quantity_claims,
                                self.recovered_errors)


def _unpack_mapped(origin: str, graph: str, packed: bytes, claims: int, quantity_claims: int,
                   recovered_errors: int = 0) -> Mapped:
    quads = list(ox.parse(packed, format=ox.RdfFormat.N_QUADS))
    return Mapped(origin=origin, graph=graph, quads=quads, claims=claims, quantity_claims=quantity_claims,
                  recovered_errors=recovered_errors)


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
    interrupted: bool = False  # stopped by Ctrl-C: every article written so far is whole; re-run to finish
    #: errors extraction caught and logged in the articles written (each cost part of an article, not all of it;
    #: an article that failed whole is in ``failures``): `kg ingest --verbose` shows them
    extraction_errors: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, object]:
        return {"new": self.new, "replaced": self.replaced, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "failed": self.failed, "claims": self.claims,
                "quantity_claims": self.quantity_claims, "interrupted": self.interrupted,
                "extraction_errors": self.extraction_errors,
                "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures]}


#: The phases of an ingest, in the order they come, named as a progress display shows them.
READING, LOADING, EXTRACTING, LINKING = "reading", "loading models", "extracting", "linking"


@dataclass(frozen=True)
class Progress:
    """Where an ingest is, for a progress display. Reading, ``done`` counts the articles read ahead (duplicates and
    unchanged ones too); extracting, the articles extracted (written or failed) out of ``total``, those that need
    it (no duplicate, no unchanged article). Articles from a pipe, which cannot be read ahead, join the total as
    they come. Loading models and linking count nothing; ``total`` is None but while extracting."""

    phase: str
    done: int = 0
    total: int | None = None
    origin: str | None = None  # the article just read or extracted


ProgressCallback = Callable[[Progress], None]


def stored_version(store: BaseStore, graph: str) -> str | None:
    """The extractor version an article graph was written with, or None when the article is not stored."""
    rows = store.select(load_named("pipeline/stored_version"), {"article": ox.NamedNode(graph)})
    return str(rows[0]["version"]) if rows else None


def dated(article: Article) -> Article:
    """The article with a publication date: from metadata, else a photo caption or the text (flagged as such)."""
    if article.published:
        return article
    published, how = infer_article_date(article)
    return replace(article, published=published, date_source=how) if published else article


def _parse(articles: list[Article]) -> list[Doc | InputError]:
    """Docs for a batch; if the batch fails to parse, each article alone, so one bad text fails alone."""
    nlp = load()
    texts = [article.text for article in articles]
    try:
        return list(nlp.pipe(texts, batch_size=len(texts) or 1, disable=UNUSED_COMPONENTS))
    except Exception:  # noqa: BLE001 - isolate the culprit below, then report it by name
        logger.debug("a batch of %d articles failed to parse; parsing each alone", len(articles), exc_info=True)
        docs: list[Doc | InputError] = []
        for article in articles:
            try:
                docs.append(nlp(article.text))
            except Exception as error:  # noqa: BLE001 - a parser failure is this article's, not the run's
                logger.warning("%s: cannot parse", article.origin, exc_info=True)
                docs.append(InputError(article.origin, f"cannot parse ({type(error).__name__}: {error})"))
        return docs


class _ErrorCounter(logging.Handler):
    """Counts the errors the extractors log and recover from (WARNING and up under ``kg.extract``)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _counting_recovered_errors() -> Iterator[_ErrorCounter]:
    counter = _ErrorCounter()
    extractors = logging.getLogger("kg.extract")
    extractors.addHandler(counter)
    try:
        yield counter
    finally:
        extractors.removeHandler(counter)


def process(articles: list[Article]) -> Iterator[Extraction | InputError]:
    """Parse and extract a batch of articles (pure: no store), in order. A failing article yields its error (and
    logs its traceback); an extraction records how many errors the extractors logged and recovered from."""
    articles = [dated(article) for article in articles]
    for article, doc in zip(articles, _parse(articles)):
        if isinstance(doc, InputError):
            yield doc
            continue
        try:
            with _counting_recovered_errors() as counter:
                extraction = extract(doc, article)
        except Exception as error:  # noqa: BLE001 - an extractor bug must not take the other articles down
            logger.warning("%s: extraction failed", article.origin, exc_info=True)
            yield InputError(article.origin, f"extraction failed ({type(error).__name__}: {error})")
            continue
        yield replace(extraction, recovered_errors=counter.count) if counter.count else extraction


def map_batch(articles: list[Article]) -> list[Mapped | InputError]:
    """Extract and map a batch to quads; runs in a worker process when ingesting in parallel."""
    results: list[Mapped | InputError] = []
    for result in process(articles):
        if isinstance(result, InputError):
            results.append(result)
            continue
        try:
            quads = article_quads(result, extractor_version=extraction_fingerprint())
        except Exception as error:  # noqa: BLE001 - a mapping bug fails this article only, never half-written
            logger.warning("%s: cannot map to RDF", result.article.origin, exc_info=True)
            results.append(InputError(result.article.origin, f"cannot map to RDF ({error})"))
            continue
        results.append(Mapped(
            origin=result.article.origin, graph=article_iri(result.article.content_hash), quads=quads,
            claims=len(result.claims),
            quantity_claims=sum(claim.quantity is not None for claim in result.claims),
            recovered_errors=result.recovered_errors))
    return results


def _warm_worker(log_queue: Any = None, log_level: int = logging.NOTSET) -> None:
    """Load the models extraction needs (the spaCy pipeline and the attribution tagger). In a pool worker, also
    send its log records to ``log_queue``, for the ingesting process to log (``_Runner``)."""
    if log_queue is not None:
        _log_to_queue(log_queue, log_level)
    load()
    load_tagger()


def _log_to_queue(log_queue: Any, level: int) -> None:
    """A worker's ``kg`` records go to the queue only. Handlers a forked worker inherited would write to copies of
    the parent's streams (lost under a test runner), and a spawned worker has none (Python's last resort would print
    every warning, --verbose or not)."""
    kg_logger = logging.getLogger("kg")
    for handler in list(kg_logger.handlers):
        kg_logger.removeHandler(handler)
    kg_logger.addHandler(QueueHandler(log_queue))
    kg_logger.setLevel(level)
    kg_logger.propagate = False


class _ToLoggers(logging.Handler):
    """Hands a record from a worker to the logger of the same name here, whose handlers decide what is shown."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class _Runner:
    """Runs map_batch here, in a process pool, or on a Dask cluster, yielding results in submission order."""

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.pool: ProcessPoolExecutor | None = None
        self.log_listener: QueueListener | None = None  # the workers' log records, logged here
        self.client: Any = None
        self.started = False
        self.in_flight: deque[Any] = deque()  # futures (anything with .result()) or finished result lists
        self.limit = 2 * workers  # bounded look-ahead: memory stays flat however large the input

    def start(self) -> None:
        """Load the models, or start the workers that load them (``submit`` starts the runner if need be)."""
        self.started = True
        if self.scheduler is not None:
            self.client = dask_client(self.scheduler, self.workers)
        elif self.workers == 1:
            _warm_worker()
        else:
            # Every batch goes to the pool, the first one too; this process only reads and writes. Where workers
            # are forked (Linux), it loads the models once before starting them: every worker then begins with
            # them loaded, and their pages are shared instead of copied N times (started otherwise, each worker
            # loads its own). The pool only starts once there is a batch to parse, so re-ingesting unchanged
            # articles loads no model at all.
            context = multiprocessing.get_context()
            if context.get_start_method() == "fork":
                _warm_worker()
            log_queue = context.Queue()
            self.log_listener = QueueListener(log_queue, _ToLoggers())
            self.log_listener.start()
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_warm_worker,
                                            initargs=(log_queue, logging.getLogger("kg").getEffectiveLevel()))

    def submit(self, batch: list[Article]) -> Iterator[Mapped | InputError]:
        if not self.started:
            self.start()
        if self.client is not None:
            self.in_flight.append(self.client.submit(map_batch, batch, pure=False))
        elif self.pool is not None:
            self.in_flight.append(self.pool.submit(map_batch, batch))
        else:
            self.in_flight.append(map_batch(batch))
        while len(self.in_flight) > (self.limit if self.pool or self.client else 0):
            yield from self._pop()

    def drain(self) -> Iterator[Mapped | InputError]:
        while self.in_flight:
            yield from self._pop()

    def _pop(self) -> list[Mapped | InputError]:
        head = self.in_flight.popleft()
        return head if isinstance(head, list) else head.result()

    def close(self) -> None:
        """Stop the pool or the cluster client; closing twice is harmless."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        if self.log_listener is not None:
            self.log_listener.stop()  # after the workers: it logs what they sent before it returns
            self.log_listener = None
        if self.client is not None:
            cluster = self.client.cluster if self.scheduler == "local" else None
            self.client.close()
            self.client = None
            if cluster is not None:
                cluster.close()


def dask_client(scheduler: str, workers: int) -> Any:
    """A Dask client: ``local`` starts a LocalCluster of ``workers`` processes, else connect to ``tcp://HOST:PORT``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise KGError("--scheduler needs Dask: pip install 'claimgraph[dask]'") from error
    try:
        if scheduler == "local":
            return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None))
        return Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as error:
        raise KGError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from error


def ingest(store: BaseStore, paths: Iterable[str], *, fmt: str = "auto", force: bool = False, workers: int = 1,
           scheduler: str | None = None, progress: ProgressCallback | None = None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``. Re-ingesting the same articles changes nothing, unless
    extraction changed since (``extraction_fingerprint``): then they are extracted again."""
    inputs = Inputs(paths, fmt)
    return ingest_articles(store, inputs, read_ahead=inputs.ahead(), force=force, workers=workers,
                           scheduler=scheduler, progress=progress)


def reextract(store: BaseStore, *, force: bool = False, workers: int = 1, scheduler: str | None = None,
              progress: ProgressCallback | None = None) -> IngestSummary:
    """Extract again, from the text and metadata the store keeps, every article stored under another extraction
    fingerprint (every article with ``force``): after an upgrade or a change to a word list."""
    rows = store.select(load_named("pipeline/stored_articles"))
    current = extraction_fingerprint()
    stale = [_stored_article(row) for row in rows if force or row["version"] != current]
    summary = ingest_articles(store, stale, force=True, workers=workers, scheduler=scheduler, progress=progress)
    summary.unchanged += len(rows) - len(stale)
    return summary


def _stored_article(row: dict[str, Any]) -> Article:
    """An article as it was read, from its stored graph (an inferred date is inferred again)."""
    inferred = row["dateSource"] in ("caption", "text")  # store.select gives dates as their ISO text

    def parts(packed: str | None) -> tuple[str, ...]:
        return tuple(part for part in (packed or "").split("\u001f") if part)

    return Article(text=row["text"], origin=row["origin"], title=row["headline"], url=row["url"],
                   published=None if inferred else row["published"],
                   date_source=None if inferred else row["dateSource"], publisher=row["publisher"],
                   dateline=row["dateline"], captions=parts(row["captions"]), highlights=parts(row["highlights"]))


def ingest_articles(store: BaseStore, items: Iterable[Article | InputError], *,
                    read_ahead: Iterable[Article | InputError] | None = None, force: bool = False,
                    workers: int = 1, scheduler: str | None = None,
                    progress: ProgressCallback | None = None) -> IngestSummary:
    """Ingest articles already read (``read_paths`` gives them, with the errors of what could not be read).

    ``read_ahead`` gives the articles of ``items`` that can be read before extraction starts, to count those that
    need extracting for ``progress`` (a list of articles is its own); articles it leaves out (from a pipe) join the
    count as they come."""
    load_ontology(store, resource("ontology", "claims.ttl"))
    run = _Ingest(store, _Runner(workers, scheduler), force=force, progress=progress)
    try:
        run.count(items if read_ahead is None and isinstance(items, list) else read_ahead or ())
        for item in items:
            run.take(item)
        run.finish()
        # Also when an earlier ingest was killed after writing its articles and before it had linked and compared
        # them: this run finds them unchanged, but they are not linked or compared yet.
        if run.summary.new or run.summary.replaced or not store.has_graph(ENTITIES_GRAPH) \
                or not contradictions_up_to_date(store):
            run.report(LINKING)
            # New articles are linked after those already linked; replaced ones mean linking everything again.
            linked = link(store, key=extraction_fingerprint(), replaced=run.replacing)
            # The contradictions graph, in the same phase: the new claims against their blocks only (a full
            # re-link may change any IRI: then everything again).
            update_contradictions(store, full=linked.full)
        # every graph's counts for `kg stats`: written with each graph, so only those of graphs written outside kg
        # (or before kg kept counts) are missing
        complete_counts(store)
        # and each article's listing for `kg claims` (kg/listing.py), missing where an older kg wrote the article
        complete_listings(store)
    except KeyboardInterrupt:
        run.summary.interrupted = True
    finally:
        run.close()
    return run.summary


class _Ingest:
    """One run of :func:`ingest_articles`, in the order its methods are called: ``count`` the articles that need
    extracting (the reading phase); ``take`` each article read, skipping duplicates and unchanged ones and batching
    the rest for the runner; ``write`` what the runner gives back, one store write per batch (``commit``);
    ``finish`` with the last batch. The summary and the progress are kept as it goes."""

    def __init__(self, store: BaseStore, runner: _Runner, *, force: bool,
                 progress: ProgressCallback | None) -> None:
        self.store = store
        self.runner = runner
        self.force = force
        self.progress = progress
        self.summary = IngestSummary()
        self.seen: set[str] = set()  # article graphs taken: the same one again is a duplicate
        self.replacing: set[str] = set()  # graphs stored already, under another fingerprint (or forced)
        self.versions: dict[str, str | None] = {}  # stored versions looked up by count, for take
        self.counted: set[str] = set()  # graphs count found needing extraction
        self.extracted = 0  # articles the runner gave back (written or failed)
        self.batch: list[Article] = []  # taken, not yet given to the runner
        self.pending: list[Mapped] = []  # mapped, not yet written: one store write per batch
        self.transactions = 0  # graphs replaced one transaction at a time since the last flush

    def report(self, phase: str, done: int = 0, origin: str | None = None) -> None:
        """Tell ``progress`` where the run is; extracting, out of the articles counted so far."""
        if self.progress is not None:
            total = len(self.counted) if phase == EXTRACTING else None
            self.progress(Progress(phase=phase, done=done, total=total, origin=origin))

    def _needs_extraction(self, version: str | None) -> bool:
        return self.force or version != extraction_fingerprint()

    def count(self, items: Iterable[Article | InputError]) -> None:
        """Read ahead and count the articles that need extracting: not a duplicate of one read before, not stored
        already under the current fingerprint (unless forced). Errors are left for ``take`` to report."""
        self.report(READING)
        seen: set[str] = set()
        read = 0
        for item in items:
            if isinstance(item, InputError):
                continue
            read += 1
            graph = article_iri(item.content_hash)
            if graph not in seen:
                seen.add(graph)
                self.versions[graph] = stored_version(self.store, graph)
                if self._needs_extraction(self.versions[graph]):
                    self.counted.add(graph)
            self.report(READING, read, item.origin)

    def take(self, item: Article | InputError) -> None:
        """One article read (or the error of what could not be read): skipped, or batched for extraction."""
        if isinstance(item, InputError):
            self.summary.failures.append(item)
            return
        graph = article_iri(item.content_hash)
        if graph in self.seen:
            self.summary.duplicates += 1
            return
        self.seen.add(graph)
        version = self.versions.pop(graph) if graph in self.versions else stored_version(self.store, graph)
        if not self._needs_extraction(version):
            self.summary.unchanged += 1
            self.summary.articles.append(graph)
            return
        if version is not None:
            self.replacing.add(graph)
        if graph not in self.counted:  # from a pipe, which cannot be read ahead: it joins the total now
            self.counted.add(graph)
            if self.runner.started:
                self.report(EXTRACTING, self.extracted)
        self.batch.append(item)
        if len(self.batch) >= BATCH_SIZE:
            self._extract()

    def _extract(self) -> None:
        if not self.runner.started:
            self.report(LOADING)
            self.runner.start()
            self.report(EXTRACTING, self.extracted)
        self.write(self.runner.submit(self.batch))
        self.batch = []

    def write(self, results: Iterable[Mapped | InputError]) -> None:
        for result in results:
            if isinstance(result, InputError):
                self.summary.failures.append(result)
            else:
                self.pending.append(result)
                if len(self.pending) >= BATCH_SIZE:
                    self.commit()
            self.extracted += 1
            self.report(EXTRACTING, self.extracted, result.origin)
        self.commit()

    def commit(self) -> None:
        """Write the pending articles: the new ones in one atomic step, the replaced ones one by one."""
        if not self.pending:
            return
        new = [result for result in self.pending if result.graph not in self.replacing]
        failed: set[str] = set()
        try:
            self.store.add_graphs({result.graph: result.quads for result in new})
        except KGError:
            failed = {result.graph for result in new}  # none of them written: try each alone, to name the culprit
        for result in self.pending:
            if result.graph in self.replacing or result.graph in failed:
                try:
                    self.store.replace_graph(result.graph, result.quads)
                except KGError as error:
                    self.summary.failures.append(InputError(result.origin, str(error)))
                    continue
                self.transactions += 1
            self._count_written(result)
        self.pending.clear()
        if self.transactions >= FLUSH_EVERY:
            self.store.flush()
            self.transactions = 0

    def _count_written(self, result: Mapped) -> None:
        summary = self.summary
        if result.graph in self.replacing:
            summary.replaced += 1
        else:
            summary.new += 1
        summary.articles.append(result.graph)
        summary.claims += result.claims
        summary.quantity_claims += result.quantity_claims
        summary.extraction_errors += result.recovered_errors

    def finish(self) -> None:
        """Extract and write the last batch, and what is still in flight."""
        if self.batch:
            self._extract()
        self.write(self.runner.drain())
        self.runner.close()  # the workers' models are not needed to link: free their memory first

    def close(self) -> None:
        self.runner.close()
        self.store.flush()
