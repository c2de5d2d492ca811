"""kg contradictions (the report) and kg entities."""
from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated

import typer

from kg.cli import EXIT_FOUND, RowFormat, StoreOption, app, reports_errors
from kg.cli.output import error, print_delimited, print_json, print_table
from kg.cli.rows import CONTRADICTION_COLUMNS, ENTITY_COLUMNS, contradiction_rows, entity_row
from kg.errors import InputError
from kg.store import open_store


class Kind(str, Enum):
    numeric = "numeric"
    polarity = "polarity"
    blame = "blame"


class Severity(str, Enum):
    conflict = "conflict"
    divergent = "divergent"


class ReportFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"
    csv = "csv"
    tsv = "tsv"


#: The reproducible-builds convention (reproducible-builds.org/specs/source-date-epoch): when set, the report says it
#: was generated at this many seconds after 1970 instead of now, so that two runs give the same bytes.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def generation_time() -> datetime | None:
    """The time SOURCE_DATE_EPOCH gives, or None for now."""
    value = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise InputError(SOURCE_DATE_EPOCH, f"{value!r} is not a whole number of seconds since 1970-01-01 UTC") \
            from None


#: The terminal table: the claim takes the width the other columns leave them, these at most this wide.
CONTRADICTION_TABLE_CAPS = {"topic": 24, "kind": 8, "severity": 9, "claimant": 20, "stance": 8, "date": 10,
                            "publisher": 14, "source": 24}


@app.command("contradictions")
@reports_errors
def contradictions_command(
    kind: Annotated[Kind | None, typer.Option("--kind", help="Only this kind.")] = None,
    severity: Annotated[Severity | None, typer.Option("--severity", help="Only this severity.")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Topic, claim text or claimant contains this.")]
    = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="table, markdown, json, html (one page), or csv/tsv "
                                                               "(one row per claim of each contradiction).")]
    = ReportFormat.table,
    fail_on: Annotated[Severity | None, typer.Option("--fail-on", help="Exit 1 when a contradiction of this "
                                                                     "severity (or worse) is reported.")] = None,
    recompute_graph: Annotated[bool, typer.Option("--recompute", help="Detect again over the whole store and "
                                                                      "replace the stored contradictions (a write; "
                                                                      "an ingest keeps them up to date).")]
    = False,
    materialize_graph: Annotated[bool, typer.Option("--materialize", hidden=True,
                                                    help="The old name of --recompute.")] = False,
    all_found: Annotated[bool, typer.Option("--all", help="Also list the candidates under the confidence a "
                                                          "contradiction needs, in their own section.")] = False,
    store: StoreOption = None,
) -> None:
    """Report claims that contradict each other across sources: numeric, assert/deny, mutual blame. Revisions (a
    later, higher count of an ongoing toll) are listed apart and not counted; so are the candidates --all adds.
    It reads the contradictions each ingest stores (a store without them, or with an older detector's, is checked
    in memory, with a note). The report says when it was made (SOURCE_DATE_EPOCH, when set, fixes that time)."""
    # detection, the report and what they import are read when the command runs, not when any kg command starts
    from kg.contradiction_graph import current, recompute
    from kg.contradictions import KINDS
    from kg.report import (build_report, claimant_label, figure, listed, severity_label, summary, to_html,
                           to_markdown)

    generated_at = generation_time()
    writing = recompute_graph or materialize_graph
    # Only --recompute writes: without it the report reads a snapshot and works while an ingest runs.
    with open_store(store, create=False, read_only=not writing) as opened:
        kinds = [kind.value] if kind else list(KINDS)
        if writing:  # every kind and the candidates: the graph must not depend on the report's filter
            found = [item for item in recompute(opened) if item.kind in kinds and (all_found or not item.candidate)]
        else:
            found, stored = current(opened, kinds, candidates=all_found)
            if not stored:
                stale_notice()
        report = build_report(opened, found, kind=kind.value if kind else None,
                              severity=severity.value if severity else None, about=about,
                              generated_at=generated_at)
    if fmt == ReportFormat.json:
        print_json(report, shared=True)  # a claim is one object in every item it is a side of (kg.report)
    elif fmt == ReportFormat.markdown:
        sys.stdout.write(to_markdown(report))
    elif fmt == ReportFormat.html:
        sys.stdout.write(to_html(report))
    elif fmt in (ReportFormat.csv, ReportFormat.tsv):
        print_delimited(contradiction_rows(report), CONTRADICTION_COLUMNS, "," if fmt == ReportFormat.csv else "\t")
    else:
        rows = []
        for item in listed(report):
            label = severity_label(item)
            for index, claim in enumerate(item["claims"]):
                rows.append({
                    "topic": item["topic"] if index == 0 else "", "kind": item["kind"] if index == 0 else "",
                    "severity": label if index == 0 else "",
                    "claimant": claimant_label(claim), "stance": claim["stance"],
                    "claim": claim["text"].strip() + (f"\n{figure(claim['value'])}" if claim.get("value") else ""),
                    "date": claim["source"].get("published") or "",
                    "publisher": claim["source"].get("publisher") or "",
                    "source": claim["source"].get("title") or claim["source"]["id"],
                })
        print_table(rows, ["topic", "kind", "severity", "claimant", "stance", "claim", "date", "publisher", "source"],
                    title=summary(report["counts"]), flex="claim", caps=CONTRADICTION_TABLE_CAPS,
                    droppable=["source", "publisher", "kind"], last_resort=["date"])
    if fail_on is not None:
        worst = {"conflict": ("conflict",), "divergent": ("conflict", "divergent")}[fail_on.value]
        if any(item["severity"] in worst for item in report["contradictions"]):  # revisions are apart
            raise typer.Exit(EXIT_FOUND)


def stale_notice() -> None:
    """Say on stderr that the store's contradictions were detected now: none are stored for this detector version,
    or they do not cover every article yet."""
    error("kg: the store holds no up-to-date contradictions of this detector version: detected them now, in memory; "
          "`kg contradictions --recompute` would store them")


# kg entities pages as kg claims does; imported here, beside its only user in this module
from kg.cli.paging import LimitOption, OffsetOption, page_limit, say_more  # noqa: E402


@app.command("entities")
@reports_errors
def entities_command(
    store: StoreOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="table, json, or csv/tsv (aliases and roles joined "
                                                            "with '; ').")] = RowFormat.table,
    name: Annotated[str | None, typer.Option("--name", help="Name or alias contains this.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """List canonical entities: name, kind, aliases, roles, Wikidata ID and number of claims, most claims first.

    A table shows 50 entities (stderr says how to see more); json, csv and tsv print all unless --limit is given.
    """
    from kg.entities import entities_page, list_entities
    from kg.suggest import nearest_names

    wanted = page_limit(limit, offset, fmt == RowFormat.table)
    with open_store(store, create=False, read_only=True) as opened:
        entities, total = entities_page(opened, name=name, offset=offset, limit=wanted)
        if name and not total:  # as `kg claims --by`: a note with the nearest names, an empty listing, exit 0
            known = [text for entity in list_entities(opened) for text in (entity["name"], *entity["aliases"])]
            nearest = nearest_names(name, known)
            error(f"kg: no entity matches {name!r}" + (f"; nearest names: {', '.join(nearest)}" if nearest else ""))
    if fmt == RowFormat.json:
        print_json({"entities": entities})
    elif fmt in (RowFormat.csv, RowFormat.tsv):
        print_delimited([entity_row(entity) for entity in entities], ENTITY_COLUMNS,
                        "," if fmt == RowFormat.csv else "\t")
    else:
        print_table([entity_row(entity) for entity in entities], ["name", "kind", "aliases", "roles", "wikidata",
                                                                  "claims"], wrap=("aliases", "roles"))
        if offset + len(entities) < total:
            say_more("entities", offset, len(entities), total)
