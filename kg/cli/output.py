"""Rendering results for people (rich tables) and for programs (JSON, CSV, TSV). Only the CLI imports this."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def print_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, title: str | None = None,
                wrap: Sequence[str] = ()) -> None:
    """A table on a terminal; plain tab-separated lines when stdout is a pipe (greppable, no box drawing)."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if not stdout.is_terminal:
        if title:
            sys.stdout.write(f"# {title}\n")
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(_cell(row.get(c)).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")
        return
    table = Table(title=title, show_lines=bool(wrap))
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column not in wrap)
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns), style=None)
    stdout.print(table)


def print_delimited(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], delimiter: str) -> None:
    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


def error(message: str) -> None:
    """One line on stderr, no markup interpretation (messages may quote article text)."""
    stderr.print(message, markup=False, highlight=False)
