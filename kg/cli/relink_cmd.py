"""kg relink: resolve every article's mentions and events again, in date order, as one ingest of everything would."""
from __future__ import annotations

import time
from typing import Annotated

import typer

from kg.cli import StoreOption, TableOrJson, app, reports_errors
from kg.cli.output import print_json
from kg.store import open_store


@app.command("relink")
@reports_errors
def relink_command(
    store: StoreOption = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", help="The summary as a line of text, or as JSON.")]
    = TableOrJson.table,
) -> None:
    """Link the whole store again: entities and events resolved over every article in date order.

    `kg ingest` links only the articles it adds, after those already linked. When articles arrived out of date
    order (a backfill of older news), this gives what one ingest of everything would; an entity's IRI may then
    change (README: "Linking").
    """
    from kg.contradiction_graph import update as update_contradictions
    from kg.linking import article_graphs, link
    from kg.pipeline import extraction_fingerprint

    started = time.perf_counter()
    with open_store(store, create=False) as opened:
        articles = len(article_graphs(opened))
        summary = link(opened, key=extraction_fingerprint(), full=True)
        update_contradictions(opened, full=True)  # IRIs may have changed: the stored contradictions too
    seconds = time.perf_counter() - started
    if fmt == TableOrJson.json:
        print_json({"articles": articles, "entities": summary.entities, "mentions": summary.mentions,
                    "events": summary.events, "event_mentions": summary.event_mentions, "seconds": round(seconds, 3)})
    else:
        typer.echo(f"linked {articles} articles: {summary.entities} entities ({summary.mentions} mentions), "
                   f"{summary.events} events ({summary.event_mentions} event mentions) in {seconds:.1f}s")
