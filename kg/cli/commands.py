"""kg ingest, query, export, stats and demo."""
from __future__ import annotations

import functools
import sys
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import pyoxigraph as ox
import typer

from kg.cli import (EXIT_USAGE, RowFormat, StoreOption, TableOrJson, VerboseOption, app, reports_errors,
                    setup_logging, show_rows)
from kg.cli.output import error, print_json, print_table, stderr, stdout
from kg.cli.progress import IngestProgress, on_a_terminal
from kg.errors import KGError, QueryError
from kg.queries import bind_articles, missing_parameters, parse_param, resolve_query
from kg.read import FORMATS
from kg.resources import resource_dir
from kg.store import EXPORT_FORMATS, default_location, open_store, to_python


if TYPE_CHECKING:  # kg.pipeline imports spaCy (about a second): only the commands that extract import it
    from collections.abc import Callable

    from kg.pipeline import IngestSummary, ProgressCallback
    from kg.store import BaseStore


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    json = "json"


assert [f.value for f in InputFormat] == list(FORMATS)


class SummaryFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


def run_ingest(store_path: str | None, paths: list[str], fmt: str, force: bool, quiet: bool,
               workers: int = 1, scheduler: str | None = None) -> IngestSummary:
    """Ingest with a progress display on a terminal (nothing in a pipe), failures as one stderr line each."""
    from kg.pipeline import ingest

    return _with_progress(store_path, quiet, lambda store, progress: ingest(
        store, paths, fmt=fmt, force=force, workers=workers, scheduler=scheduler, progress=progress))


def _with_progress(store_path: str | None, quiet: bool,
                   work: Callable[[BaseStore, ProgressCallback | None], IngestSummary],
                   create: bool = True) -> IngestSummary:
    """Run ``work`` on the opened store, with its progress drawn on stderr when stderr is a terminal and not
    ``quiet``: phases, a bar, the articles done out of the total, the rate and the time left (kg.cli.progress)."""
    with open_store(store_path, create=create) as store:
        if not quiet and on_a_terminal(stderr):
            with IngestProgress(stderr) as progress:
                summary = work(store, progress)
        else:
            summary = work(store, None)
    for failure in summary.failures:
        error(f"{failure.origin}: {failure.reason}")
    return summary


def _report(summary: IngestSummary, summary_format: SummaryFormat, seconds: float) -> None:
    """The summary of an ingest or a re-extraction, and its exit: 130 when interrupted, 2 when an article failed."""
    if summary_format == SummaryFormat.json:
        print_json({**summary.as_dict(), "seconds": round(seconds, 3)})
    else:
        typer.echo(_summary_line(summary, seconds))
    if summary.interrupted:
        error("kg: interrupted; the articles stored so far are complete, run the same command again to finish")
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(EXIT_USAGE)


def _summary_line(summary: IngestSummary, seconds: float) -> str:
    return (("interrupted: " if summary.interrupted else "") + f"articles: {summary.new} new, {summary.replaced} replaced, {summary.unchanged} unchanged, "
            f"{summary.duplicates} duplicate, {summary.failed} failed; claims: {summary.claims} "
            f"({summary.quantity_claims} numeric) in {seconds:.1f}s"
            + (f"; {summary.extraction_errors} extraction errors recovered (--verbose shows them)"
               if summary.extraction_errors else ""))


@app.command("ingest")
@reports_errors
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    store: StoreOption = None,
    input_format: Annotated[InputFormat, typer.Option("--format", help="Input format; auto picks by suffix.")]
    = InputFormat.auto,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles already in the store.")] = False,
    summary_format: Annotated[SummaryFormat, typer.Option("--summary", help="The summary line as text, or as JSON.")]
    = SummaryFormat.text,
    legacy_output: Annotated[TableOrJson | None, typer.Option(
        "--output", hidden=True, help="Deprecated spelling of --summary (--output names a file elsewhere).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1,
                                                help="Extraction processes (default: all cores).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run extraction on Dask: tcp://HOST:PORT, or `local` for a local cluster.")] = None,
    verbose: VerboseOption = False,
) -> None:
    """Read articles, extract their claims and store one graph per article. Exits 2 if any input failed.

    --store may be a directory (embedded store) or http://HOST:PORT (a SPARQL 1.1 server).
    """
    from kg.pipeline import default_workers

    setup_logging(verbose)
    if legacy_output is not None:
        error("kg: ingest --output is deprecated; use --summary text|json (--output names a file in kg export)")
        summary_format = SummaryFormat.json if legacy_output == TableOrJson.json else SummaryFormat.text
    started = time.perf_counter()
    summary = run_ingest(store, paths, input_format.value, force, quiet, workers or default_workers(), scheduler)
    _report(summary, summary_format, time.perf_counter() - started)


@app.command("reextract")
@reports_errors
def reextract_command(
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Extract every article again, not only the stale ones.")]
    = False,
    summary_format: Annotated[SummaryFormat, typer.Option("--summary", help="The summary line as text, or as JSON.")]
    = SummaryFormat.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1,
                                                help="Extraction processes (default: all cores).")] = None,
    verbose: VerboseOption = False,
) -> None:
    """Extract again, from the text the store keeps, every article stored by another version of claimgraph or of
    its word lists and models (each article records the fingerprint it was extracted with). `kg ingest` does the
    same for the articles it is given."""
    from kg.pipeline import default_workers, reextract

    setup_logging(verbose)
    started = time.perf_counter()
    summary = _with_progress(store, quiet, lambda opened, progress: reextract(
        opened, force=force, workers=workers or default_workers(), progress=progress), create=False)
    _report(summary, summary_format, time.perf_counter() - started)


@app.command("query")
@reports_errors
def query_command(
    query: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a query name from queries/.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound as an RDF term.")]
    = None,
    store: StoreOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="Output format.")] = RowFormat.table,
) -> None:
    """Run a SPARQL query over the union of all graphs.

    `kg queries` lists the named queries with their parameters; a required one left out is an error (exit 2).
    An article parameter takes the article's IRI, the start of its id or its URL.
    """
    bindings = dict(parse_param(item) for item in param or [])
    sparql = resolve_query(query)
    missing = missing_parameters(sparql, bindings)
    if missing:
        raise QueryError(f"query {query.strip()!r} needs " + " and ".join(f"--param {p.usage()}" for p in missing)
                         + " (see `kg queries`)")
    with open_store(store, create=False, read_only=True) as opened:
        try:
            _print_result(opened.query(sparql, bind_articles(opened, sparql, bindings)), fmt)
        except (OSError, RuntimeError) as failure:  # raised while evaluating: a SERVICE call, a damaged file
            reason = (str(failure).strip() or type(failure).__name__).splitlines()[0]
            raise QueryError(f"query failed ({reason})") from failure


def _print_result(result: Any, fmt: RowFormat) -> None:
    """A query's result as a boolean, Turtle (CONSTRUCT, DESCRIBE) or rows in ``fmt``."""
    if isinstance(result, ox.QueryBoolean):
        answer = bool(result)
        print_json({"boolean": answer}) if fmt == RowFormat.json else typer.echo("true" if answer else "false")
        return
    if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT / DESCRIBE
        triples = [ox.Quad(t.subject, t.predicate, t.object) for t in result]
        sys.stdout.write((ox.serialize(triples, format=ox.RdfFormat.TURTLE) or b"").decode("utf-8"))
        return
    if fmt in (RowFormat.json, RowFormat.csv, RowFormat.tsv):
        results_format = {RowFormat.json: ox.QueryResultsFormat.JSON, RowFormat.csv: ox.QueryResultsFormat.CSV,
                          RowFormat.tsv: ox.QueryResultsFormat.TSV}[fmt]
        sys.stdout.write(result.serialize(format=results_format).decode("utf-8"))
        if fmt == RowFormat.json:
            sys.stdout.write("\n")
        return
    names = [variable.value for variable in result.variables]
    rows = [{name: to_python(solution[name]) for name in names} for solution in result]
    print_table(rows, names)


@app.command("queries")
@reports_errors
def queries_command(fmt: Annotated[RowFormat, typer.Option("--format", help="Output format.")]
                    = RowFormat.table) -> None:
    """List the named queries in queries/: name, parameters (optional ones in brackets) and what each answers."""
    from kg.queries import description, load_named, parameters, query_names

    rows = []
    for name in query_names():
        declared = parameters(load_named(name))
        rows.append({"name": name, "parameters": " ".join(parameter.usage() for parameter in declared),
                     "answers": description(name)})
    if fmt == RowFormat.json:
        print_json({"queries": [{**row, "parameters": [
            {"name": p.name, "kind": p.kind, "required": p.required} for p in parameters(load_named(row["name"]))]}
            for row in rows]})
        return
    show_rows(rows, fmt.value, ["name", "parameters", "answers"], wrap=("answers",))


@app.command("export")
@reports_errors
def export_command(
    store: StoreOption = None,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", help="RDF format (trig, nquads and jsonld keep the named graphs).")] = ExportFormat.trig,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    graph: Annotated[str | None, typer.Option("--graph", help="Export one named graph only.")] = None,
) -> None:
    """Dump the store as Turtle, TriG, N-Quads, N-Triples or JSON-LD: sorted, under claimgraph's prefixes, the same
    bytes for the same content."""
    assert fmt.value in EXPORT_FORMATS
    with open_store(store, create=False, read_only=True) as opened:
        if graph is not None and not opened.has_graph(graph):
            raise QueryError(f"no graph {graph!r} in the store")
        if output is None:
            opened.dump(sys.stdout.buffer, fmt.value, graph)
            sys.stdout.flush()
        else:
            try:
                with output.open("wb") as handle:
                    opened.dump(handle, fmt.value, graph)
            except OSError as failure:
                raise KGError(f"{output}: cannot write ({failure.strerror or failure})") from failure


@app.command("stats")
@reports_errors
def stats_command(store: StoreOption = None,
                  fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table) -> None:
    """Count articles, claims, numeric claims, entities, events, contradictions, revisions, triples and graphs.

    Contradictions are counted as `kg contradictions` reports them (from the stored ones); revisions of a count are
    apart, not among them.
    """
    from kg.cli.contradictions_cmd import stale_notice
    from kg.contradiction_graph import up_to_date
    from kg.counts import store_counts
    from kg.report import store_stats

    with open_store(store, create=False, read_only=True) as opened:
        fresh = up_to_date(opened)
        if not fresh:
            stale_notice()
        stored = store_counts(opened)
        if stored.counted:
            error(f"kg: {len(stored.counted)} of {stored.counts['graphs']} graphs have no stored counts (written "
                  f"outside kg, or before kg kept them): counted them now; the next `kg ingest` stores them")
        counts = store_stats(opened, stored=stored.counts, fresh=fresh)
    if fmt == TableOrJson.json:
        print_json(counts)
    else:
        print_table([{"what": key, "count": value} for key, value in counts.items()], ["what", "count"])


@app.command("demo")
@reports_errors
def demo_command(store: StoreOption = None,
                 fmt: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
                 verbose: VerboseOption = False) -> None:
    """Ingest the bundled sample articles and print what claimgraph finds in them."""
    setup_logging(verbose)
    samples = resource_dir("data") / "samples"
    location = store or default_location()
    started = time.perf_counter()
    summary = run_ingest(location, [str(samples)], "auto", False, fmt == TableOrJson.json)
    seconds = time.perf_counter() - started
    from kg.cli.demo import demo_report

    demo_report(location, summary, seconds, fmt.value)
    if summary.failed:
        raise typer.Exit(EXIT_USAGE)


__all__ = ["run_ingest", "stdout"]


@app.command("serve")
@reports_errors
def serve_command(
    store: StoreOption = None,
    bind: Annotated[str, typer.Option("--bind", help="HOST:PORT to listen on.")] = "127.0.0.1:7878",
    writable: Annotated[bool, typer.Option("--writable", help="Accept SPARQL updates and Graph Store writes.")]
    = False,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (read-only by default) with a query page; Ctrl-C or SIGTERM stops it.

    The endpoint is /query; the page at / has the query editor, claimgraph's prefixes and the named queries.
    Read-only, it serves a snapshot: the data as it was when it started (`kg ingest` may run meanwhile; restart the
    endpoint to see what it added). --writable sees its own writes but holds the store: no ingest until it stops.
    """
    from kg.queries import query_names
    from kg.serve import prepare, run

    location = store or default_location()
    endpoint = prepare(location, bind, writable=writable)
    if endpoint.snapshot:
        what = "read-only; serves a snapshot of the store as it was at start, restart it to see later ingests"
    else:
        what = "read-write; sees its own writes, and holds the store so that kg ingest cannot write until it stops"
    say = functools.partial(stderr.print, markup=False, highlight=False)
    say(f"SPARQL endpoint on {endpoint.url} over {location} ({what}); Ctrl-C stops it")
    say(f"Query page on {endpoint.page_url} with claimgraph's prefixes and its {len(query_names())} named queries")
    raise typer.Exit(run(endpoint, log=say))
