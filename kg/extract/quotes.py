"""Quotation spans in raw article text, robust to the quote marks real news uses.

Handles curly (“ ”) and straight (") double quotes, the doubled apostrophes (``''``) of NYT-style wire copy,
multi-paragraph quotes (a paragraph that opens a quote and never closes it continues into the next paragraph that
opens one) and unbalanced marks (a quote left open ends at its paragraph end instead of swallowing the article).
Single quotes are ignored: they are apostrophes far more often than quotation marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ``''`` must come before ``"`` alternatives so the doubled apostrophe is one mark, not two apostrophes.
_MARK = re.compile(r"''|[\"“”„‟]")
_OPENERS = frozenset("“„‟")
_CLOSERS = frozenset("”")


@dataclass(frozen=True)
class Quote:
    """A quotation ``[start, end)`` including its marks; ``closed`` is False when the text never closed it."""

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> tuple[int, int]:
        """The quotation without its marks (and without the space a mark might leave)."""
        start, end = self.start, self.end
        while start < end and (text[start] in "\"“”„‟'" or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in "\"“”„‟'" or text[end - 1].isspace()):
            end -= 1
        return start, end


def _direction(text: str, start: int, end: int) -> str:
    """``open``, ``close`` or ``either`` for a mark, from the characters around it."""
    mark = text[start:end]
    if mark in _OPENERS:
        return "open"
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before.isspace() or before in "([{—–-:"
    closes = after.isspace() or after in ".,;:!?)]}—–-"
    if mark in _CLOSERS:
        # '... conflict.” It must be' uses a closer as a typo for an opener; only trust the context when it is clear.
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, never overlapping; never raises on unbalanced marks."""
    quotes: list[Quote] = []
    paragraph_start = 0
    for paragraph in re.split(r"(\n)", text):
        if paragraph == "\n":
            paragraph_start += 1
            continue
        quotes.extend(_paragraph_quotes(text, paragraph_start, paragraph_start + len(paragraph)))
        paragraph_start += len(paragraph)
    return quotes


def _paragraph_quotes(text: str, start: int, end: int) -> list[Quote]:
    found: list[Quote] = []
    open_at: int | None = None
    for match in _MARK.finditer(text, start, end):
        direction = _direction(text, match.start(), match.end())
        if open_at is None:
            if direction != "close":
                open_at = match.start()
            # A stray closer with nothing open: ignore it rather than guess where the quote began.
        elif direction == "open" and text[match.start()] in _OPENERS:
            # A second curly opener before any closer: the first quote was left open; end it before this one.
            found.append(Quote(open_at, _rstrip(text, open_at, match.start()), closed=False))
            open_at = match.start()
        else:
            found.append(Quote(open_at, match.end()))
            open_at = None
    if open_at is not None:
        found.append(Quote(open_at, _rstrip(text, open_at, end), closed=False))
    return [quote for quote in found if quote.end - quote.start > 2]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
