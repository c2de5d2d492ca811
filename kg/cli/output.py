"""Rendering results for people (rich tables) and for programs (JSON, CSV, TSV). Only the CLI imports this."""
from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _standard(value: Any, margin: str) -> str:
    """What the standard library writes for what :class:`_Encoder` leaves to it (keys that are not strings, objects
    that ``default=str`` turns into text), its inner lines starting with ``margin``."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n" + margin)


class _Encoder:
    """Writes values as ``json.dumps(value, ensure_ascii=False, indent=2, default=str)`` does, to the byte. The
    standard library's encoder has no C path when it indents; this one leaves every string and number to the C parts
    of :mod:`json`, and is several times faster on a listing's records.

    With ``write``, the text goes out every few thousand pieces instead of being held whole (a report of 624 MB at
    1M triples). With ``shared``, a dict met a second time at the same indentation (a report's claim is the same
    object in every item it is a side of) is written from the text made the second time, not encoded again."""

    #: Pieces held before ``write`` is called.
    BUFFER = 8192

    def __init__(self, write: Callable[[str], Any] | None = None, shared: bool = False) -> None:
        self.out: list[str] = []
        self.write = write
        self.texts: dict[tuple[int, str], str | None] | None = {} if shared else None

    def encode(self, value: Any, margin: str = "") -> None:
        out = self.out
        if isinstance(value, str):
            out.append(encode_basestring(value))
        elif value is None:
            out.append("null")
        elif value is True:
            out.append("true")
        elif value is False:
            out.append("false")
        elif isinstance(value, int):
            out.append(int.__repr__(value))
        elif isinstance(value, float):
            out.append(_float(value))
        elif isinstance(value, dict):
            if self.texts is not None and value:
                self._shared(value, margin)
            else:
                self._dict(value, margin)
        elif isinstance(value, (list, tuple)):
            if not value:
                out.append("[]")
                return
            inner = margin + "  "
            out.append("[\n" + inner)
            for number, item in enumerate(value):
                if number:
                    out.append(",\n" + inner)
                self.encode(item, inner)
                if self.write is not None and len(out) >= self.BUFFER:
                    self.flush()
            out.append("\n" + margin + "]")
        else:
            out.append(_standard(value, margin))

    def _dict(self, value: dict[Any, Any], margin: str) -> None:
        out = self.out
        if not value:
            out.append("{}")
        elif not all(isinstance(key, str) for key in value):
            out.append(_standard(value, margin))
        else:
            inner = margin + "  "
            out.append("{\n" + inner)
            for number, (key, item) in enumerate(value.items()):
                if number:
                    out.append(",\n" + inner)
                out.append(encode_basestring(key) + ": ")
                self.encode(item, inner)
            out.append("\n" + margin + "}")

    def _shared(self, value: dict[Any, Any], margin: str) -> None:
        assert self.texts is not None
        key = (id(value), margin)
        if key not in self.texts:  # met once: most dicts are, and keeping their text would double the memory
            self.texts[key] = None
            self._dict(value, margin)
            return
        text = self.texts[key]
        if text is None:
            outer, self.out = self.out, []
            self._dict(value, margin)
            text = self.texts[key] = "".join(self.out)
            self.out = outer
        self.out.append(text)

    def flush(self) -> None:
        if self.write is not None:
            self.write("".join(self.out))
            self.out.clear()


def dumps(value: Any, margin: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, default=str)``, to the byte, each line after the first
    starting with ``margin``."""
    encoder = _Encoder()
    encoder.encode(value, margin)
    return "".join(encoder.out)


def print_json(data: Any, shared: bool = False) -> None:
    """``data`` as indented JSON on stdout, written as it is made. ``shared``: the same dict objects recur in it
    (see :class:`_Encoder`); they must not change while it is written."""
    encoder = _Encoder(sys.stdout.write, shared)
    encoder.encode(data)
    encoder.out.append("\n")
    encoder.flush()


def print_json_items(key: str, items: Iterable[Any]) -> int:
    """``{key: [item, ...]}`` as :func:`print_json` writes it, to the byte, but written an item at a time as
    ``items`` yields them (a listing streams instead of waiting for its last row). Returns how many were written."""
    count = 0
    for item in items:
        sys.stdout.write(("{\n  " + json.dumps(key) + ": [\n" if count == 0 else ",\n") + "    "
                         + dumps(item, "    "))
        count += 1
    sys.stdout.write("\n  ]\n}\n" if count else "{\n  " + json.dumps(key) + ": []\n}\n")
    return count


def print_jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


#: A flexible column (the claim) is not squeezed below this many characters: narrower, the droppable columns go.
MIN_FLEX_WIDTH = 30
#: How narrow another column may get when the terminal is too narrow for all (a date, 10 characters, stays whole).
SHRUNK_WIDTH = 10


def _widths(rows: Sequence[Mapping[str, Any]], columns: list[str], flex: str, caps: Mapping[str, int],
            droppable: Sequence[str], last_resort: Sequence[str], width: int) -> tuple[list[str], dict[str, int]]:
    """Columns to show and their widths in ``width`` characters: every column but ``flex`` at its natural width
    (at most its cap), ``flex`` the rest. While the rest is under MIN_FLEX_WIDTH: drop ``droppable`` in order, then
    narrow the widest columns down to SHRUNK_WIDTH, then drop ``last_resort``."""
    natural = {}
    for column in columns:
        longest = max([cell_len(line) for row in rows for line in _cell(row.get(column)).splitlines()] or [0])
        natural[column] = max(1, min(caps.get(column, longest), max(longest, cell_len(column))))
    shown = list(columns)

    def rest() -> int:
        return width - (3 * len(shown) + 1) - sum(natural[c] for c in shown if c != flex)

    for candidate in droppable:
        if rest() >= MIN_FLEX_WIDTH:
            break
        shown.remove(candidate)
    while rest() < MIN_FLEX_WIDTH:
        widest = max((c for c in shown if c != flex), key=lambda c: natural[c], default=None)
        if widest is None or natural[widest] <= SHRUNK_WIDTH:
            break
        natural[widest] -= min(natural[widest] - SHRUNK_WIDTH, MIN_FLEX_WIDTH - rest())
    for candidate in last_resort:
        if rest() >= MIN_FLEX_WIDTH:
            break
        shown.remove(candidate)
    # narrower than MIN_FLEX_WIDTH only when nothing else could give way: a table wider than the terminal would
    # have rich squeeze every column ("2023-09-2 / 1")
    return shown, {**{c: natural[c] for c in shown if c != flex}, flex: max(8, rest())}


def print_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, title: str | None = None,
                wrap: Sequence[str] = (), flex: str | None = None, caps: Mapping[str, int] | None = None,
                droppable: Sequence[str] = (), last_resort: Sequence[str] = ()) -> None:
    """A table on a terminal; plain tab-separated lines when stdout is a pipe (greppable, no box drawing, nothing
    cut). On a terminal ``flex`` (the claim) takes the width the other columns leave, those at most ``caps`` wide,
    dropping ``droppable`` then ``last_resort`` on a narrow terminal (see _widths); cells are plain text, never rich
    markup ("[more than 200]" stays as written)."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if not stdout.is_terminal:
        if title:
            sys.stdout.write(f"# {title}\n")
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(_cell(row.get(c)).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")
        return
    widths: dict[str, int] = {}
    if flex is not None:
        columns, widths = _widths(rows, columns, flex, caps or {}, droppable, last_resort, stdout.width)
    table = Table(title=Text(title) if title else None, show_lines=bool(wrap) or flex is not None)
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column not in wrap and column not in widths,
                         width=widths.get(column))
    for row in rows:
        table.add_row(*(Text(_cell(row.get(column))) for column in columns))
    stdout.print(table)


def print_delimited(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], delimiter: str) -> int:
    """CSV (RFC 4180 quoting) or TSV rows with a header line; every value whole, whatever the output. Rows are
    written as ``rows`` yields them; returns how many."""
    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
        count += 1
    return count


def error(message: str) -> None:
    """One line on stderr, no markup interpretation (messages may quote article text)."""
    stderr.print(message, markup=False, highlight=False)
