"""``--limit`` / ``--offset`` of the listings (`kg claims`, `kg entities`): checked, defaulted to one page in a table,
and the stderr note that says how to see the rest."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, TypeVar

import typer

from kg.cli import EXIT_USAGE
from kg.cli.output import error

#: Rows a table shows when --limit is not given; JSON, CSV and TSV print every row unless --limit says otherwise.
DEFAULT_PAGE = 50

LimitOption = Annotated[int | None, typer.Option(
    "--limit", metavar="N", help=f"At most N rows (default: {DEFAULT_PAGE} in a table, all in json, csv and tsv).")]
OffsetOption = Annotated[int, typer.Option(
    "--offset", metavar="K", help="Skip the first K rows; the order is the same every time, so pages add up.")]

T = TypeVar("T")


def page_limit(limit: int | None, offset: int, table: bool) -> int | None:
    """The rows to print: ``limit``, else one page in a table and all (None) otherwise. A negative value is a
    one-line error, exit 2."""
    for option, value in (("--limit", limit), ("--offset", offset)):
        if value is not None and value < 0:
            error(f"kg: {option} must be 0 or more, not {value}")
            raise typer.Exit(EXIT_USAGE)
    return DEFAULT_PAGE if limit is None and table else limit


def one_more(limit: int | None) -> int | None:
    """What to ask the library for to learn whether rows remain after a page of ``limit``: one row more."""
    return None if limit is None else limit + 1


def split_page(rows: Iterable[T], limit: int | None) -> tuple[list[T], bool]:
    """``rows`` (read with :func:`one_more`) as the page and whether more rows follow it."""
    page = list(rows)
    if limit is None or len(page) <= limit:
        return page, False
    return page[:limit], True


def say_more(what: str, offset: int, shown: int, total: int | None) -> None:
    """``kg: showing 1-50 of 16,750 claims; --offset 50 for more`` on stderr (the total only where it is cheap)."""
    of = f" of {total:,}" if total is not None else ""
    error(f"kg: showing {what} {offset + 1}-{offset + shown}{of}; --offset {offset + shown} for more")
