"""kg figures: each event's figures reconciled per measure (low / best / high, sources, conflict)."""
from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import RowFormat, StoreOption, app, reports_errors, show_rows
from kg.cli.output import print_json
from kg.store import open_store

#: `kg figures --format csv`: one row per (event, measure); claims and articles joined with "; ".
FIGURE_COLUMNS = ["event", "event_label", "measure", "unit", "counted", "low", "best", "high", "sources", "conflict",
                  "claims", "articles"]
FIGURE_TABLE = ["measure", "event_label", "low", "best", "high", "sources", "conflict"]


@app.command("figures")
@reports_errors
def figures_command(
    store: StoreOption = None,
    measure: Annotated[str | None, typer.Option("--measure", help="Only this measure (deaths, injuries, ...).")]
    = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="Output format.")] = RowFormat.table,
) -> None:
    """Reconcile the figures of each event per measure, as conflict datasets do.

    low and high are the lowest and highest values the sources allow; best is the most conservative figure of the
    latest reports (a later count of deaths revises an earlier one); sources counts the articles; conflict says
    whether two of the figures cannot both hold.
    """
    from kg.figures import reconcile

    with open_store(store, create=False, read_only=True) as opened:
        figures = reconcile(opened)
    if measure is not None:
        figures = [item for item in figures if item["measure"] == measure.lower()]
    if fmt == RowFormat.json:
        print_json({"figures": [{key: value for key, value in item.items() if key != "texts"} for item in figures]})
        return
    if fmt in (RowFormat.csv, RowFormat.tsv):
        rows = [{**item, "claims": "; ".join(item["claims"]), "articles": "; ".join(item["articles"])}
                for item in figures]
        show_rows(rows, fmt.value, FIGURE_COLUMNS)
        return
    show_rows([{**item, "event_label": item["event_label"] or item["event"],
                "conflict": "yes" if item["conflict"] else ""} for item in figures], fmt.value, FIGURE_TABLE,
              wrap=("event_label",))
