"""kg claims (from the store) and kg extract (no store: straight from files)."""
from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli import EXIT_USAGE, RowFormat, StoreOption, VerboseOption, app, reports_errors, setup_logging
from kg.cli.output import error, print_delimited, print_json, print_json_items, print_jsonl, print_table
from kg.cli.paging import LimitOption, OffsetOption, one_more, page_limit, say_more, split_page
from kg.cli.rows import CLAIM_COLUMNS, CLAIM_TABLE, CLAIM_TABLE_CAPS, CLAIM_TABLE_DROPPABLE, claim_row, claim_table_row
from kg.errors import InputError
from kg.namespaces import STANCES
from kg.read import decode, parse_text
from kg.store import open_store
from kg.suggest import claimant_names, nearest_names
from kg.types import Article


class ClaimKind(str, Enum):
    attributed = "attributed"
    quantity = "quantity"


def _say_no_claimant(by: str, names: list[str]) -> None:
    """A --by that names no claimant is a note on stderr with the nearest names, not an error: the listing is
    empty, exit 0, as for any filter that matches nothing (README, "Exit codes")."""
    if any(by.casefold() in name.casefold() for name in names):
        return  # the claimant exists; the other filters left none of their claims
    nearest = nearest_names(by, names)
    error(f"kg: no claimant matches {by!r}; " + (f"nearest names: {', '.join(nearest)}" if nearest else
                                                    "`kg query claimants` lists who is quoted"))


@app.command("claims")
@reports_errors
def claims_command(
    by: Annotated[str | None, typer.Option("--by", help="Claimant name or alias contains this (no match: the nearest "
                                                        "names on stderr, exit 0).")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Claim text contains this.")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help=f"One of: {', '.join(STANCES)}.")] = None,
    kind: Annotated[ClaimKind | None, typer.Option("--kind", help="Attributed claims or numeric ones.")] = None,
    store: StoreOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="table, json, or csv/tsv (one row per claim, every "
                                                            "value whole).")] = RowFormat.table,
    corroboration: Annotated[bool, typer.Option(
        "--corroboration", help="Also find the claims from other articles that say the same, and count each "
                                "claim's independent sources (compares the whole store: seconds to a minute).")]
    = False,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
) -> None:
    """List the claims in the store: who claimed what, with which stance, in which article.

    Ordered by date, article and position in the text. A table shows 50 claims (stderr says how to see more);
    json, csv and tsv print every claim as it is read, unless --limit says how many.

    With --corroboration each claim gains corroborated_by (the claims of other articles that say the same) and
    sources (how many independent sources carry it: copies of one wire story count once).
    """
    from kg.claims import claim_total, iter_claims

    if stance is not None and stance not in STANCES:
        error(f"kg: unknown stance {stance!r} (choose from {', '.join(STANCES)})")
        raise typer.Exit(EXIT_USAGE)
    table = fmt == RowFormat.table
    wanted = page_limit(limit, offset, table)
    filtered = any((by, about, stance, kind))  # as kg.claims.iter_claims: an empty filter is none
    with open_store(store, create=False, read_only=True) as opened:
        claims: Iterable[dict[str, Any]] = iter_claims(
            opened, by=by, about=about, stance=stance, kind=kind.value if kind else None, offset=offset,
            limit=one_more(wanted) if table else wanted)
        if corroboration:
            from kg.corroboration import annotate

            claims = list(claims)
            if claims:
                annotate(opened, claims)
        if fmt == RowFormat.json:
            shown = print_json_items("claims", claims)
        elif fmt in (RowFormat.csv, RowFormat.tsv):
            shown = print_delimited((claim_row(claim) for claim in claims), CLAIM_COLUMNS,
                                    "," if fmt == RowFormat.csv else "\t")
        else:
            page, more = split_page(claims, wanted)
            print_table([claim_table_row(claim) for claim in page], CLAIM_TABLE, flex="claim",
                        caps=CLAIM_TABLE_CAPS, droppable=CLAIM_TABLE_DROPPABLE)
            shown = len(page)
            if more:
                say_more("claims", offset, shown, None if filtered else claim_total(opened))
        if not shown and by and not offset:
            _say_no_claimant(by, claimant_names(opened))


@app.command("extract")
@reports_errors
def extract_command(
    files: Annotated[list[Path], typer.Argument(help="Text files; each is one article unless --segment.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one claim per line) or json.")] = "jsonl",
    segment: Annotated[bool, typer.Option("--segment", help="Split multi-article dumps (offsets then index "
                                                            "each article's cleaned text).")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Extract attributed claims from files without touching the store; offsets index each file's text."""
    setup_logging(verbose)
    from kg.extract import scorer_rows
    from kg.pipeline import process

    if fmt not in ("jsonl", "json"):
        error(f"kg: unknown format {fmt!r} (choose jsonl or json)")
        raise typer.Exit(EXIT_USAGE)
    articles: list[tuple[str, Article]] = []
    failed = 0
    for path in files:
        try:
            text = decode(path.read_bytes(), str(path))
        except InputError as failure:
            error(str(failure))
            failed += 1
            continue
        except OSError as failure:
            error(f"{path}: cannot read ({failure.strerror or failure})")
            failed += 1
            continue
        if segment:
            for index, item in enumerate(parse_text(text, str(path), "auto")):
                if isinstance(item, InputError):
                    error(str(item))
                    failed += 1
                else:
                    articles.append((f"{path.stem}#{index + 1}", item))
        elif not text.strip():
            error(f"{path}: empty file")
            failed += 1
        else:
            articles.append((path.stem, Article(text=text, origin=str(path))))
    rows: list[dict[str, Any]] = []
    for (doc, _), result in zip(articles, process([article for _, article in articles])):
        if isinstance(result, InputError):
            error(str(result))
            failed += 1
            continue
        found = scorer_rows(result, doc)
        if fmt == "jsonl":
            print_jsonl(found)
        rows.extend(found)
    if fmt == "json":
        print_json({"claims": rows})
    if failed:
        raise typer.Exit(EXIT_USAGE)
