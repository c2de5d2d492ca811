"""Dates in news text, in one place: month and weekday names, time zones, the article's own date, and the time an
event phrase refers to.

News copy rarely states its date in the body; it says ``on Thursday`` and leaves the date to the page. Photo
captions do carry one (``... published September 21, 2023``, ``28 November 2025, Berlin:``), unless they are file
photos. :func:`infer_article_date` tries metadata, then captions, then dated text.

One reader, :func:`read_time`, turns ``in 2020``, ``late September``, ``on Tuesday`` or ``last month`` into a date
range given the article date. Extraction keeps its label as a figure's ``event_time`` (:func:`resolve_time`: "2020",
"2020-09", "2020-09-21"); resolution reads the label back, or the event phrase when there is none
(:func:`parse_time`), so both stages read a time the same way.

Extraction (kg.extract.measured_events, not_figures, ranks, speakers), resolution (kg.resolve.events) and the
pipeline read this module; it imports nothing heavy.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.types import Article

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
#: Time zones written after a clock time ("0947 GMT (1747 HKT)", "10:30 a.m. PDT"), lower case.
TIME_ZONES = frozenset({"gmt", "bst", "utc", "hkt", "et", "pt", "ct", "mt", "est", "edt", "pst", "pdt", "cst", "cdt",
                        "mst", "mdt", "cet", "cest", "eet", "jst", "ist", "aet", "aest", "aedt", "sgt", "msk"})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>(?:19|20)\d\d)\b",
                             re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\b(?!,?\s*(?:19|20)\d\d)", re.IGNORECASE)
_PART_MONTH = re.compile(rf"\b(?:(?P<part>early|mid|late|end of|beginning of)[\s-]+)?{_MONTH}"
                         rf"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+|since\s+|late\s+|early\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
                      re.IGNORECASE)
# Caption cues: wire photo credits, and "file photo" which dates the picture, not the article.
_CAPTION_CUE = re.compile(r"REUTERS|\(AP Photo|AP Photo|\(dpa\)|/Handout|AFP|Getty Images|\bphoto\b|published",
                          re.IGNORECASE)
_FILE_PHOTO = re.compile(r"file photo|\bFILE\b|archive", re.IGNORECASE)


@dataclass(frozen=True)
class TimeSpan:
    """A date range an expression denotes; ``precision`` is day, month, year, or ``assumed`` (from the article date)."""

    start: date
    end: date
    precision: str

    def overlaps(self, other: "TimeSpan") -> bool:
        return self.start <= other.end and other.start <= self.end

    def label(self) -> str:
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "month" and self.start.month == self.end.month:
            return self.start.strftime("%Y-%m")
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def parse_iso(value: str | None) -> date | None:
    """``2023-09-21`` or ``2023-09-21T10:00:00Z`` -> date; None if it is not an ISO date."""
    if not value:
        return None
    match = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[date]:
    """Every date with day, month and year in ``text``, in order of appearance."""
    found: list[tuple[int, date]] = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO):
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
            parsed = _safe_date(int(match.group("year")), month, int(match.group("day")))
            if parsed:
                found.append((match.start(), parsed))
    return [parsed for _, parsed in sorted(found)]


def _year_of(month: int, published: date) -> int:
    """The year of a month named without one: this year's up to the article's month, else last year's ("late
    September" in a December article is this September; in February, last year's)."""
    return published.year if month <= published.month else published.year - 1


def resolve_relative(expression: str, anchor: date) -> date | None:
    """``on Thursday`` / ``yesterday`` / ``today`` / ``Nov. 10`` -> a date on or before ``anchor``."""
    folded = expression.lower()
    if "yesterday" in folded:
        return anchor - timedelta(days=1)
    if "today" in folded or "tonight" in folded:
        return anchor
    if match := _MONTH_DAY.search(expression):
        month = MONTHS[match.group("month").lower().rstrip(".")]
        return _safe_date(_year_of(month, anchor), month, int(match.group("day")))
    if match := _WEEKDAY.search(expression):
        back = (anchor.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        if folded.strip().startswith("last") and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    return None


def _month_span(year: int, month: int, part: str | None) -> TimeSpan:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "beginning of": (1, 10), "mid": (10, 20),
                           "late": (20, last), "end of": (20, last)}.get((part or "").lower(), (1, last))
    return TimeSpan(date(year, month, first_day), date(year, month, last_day), "month")


def parse_time(text: str, published: date | None = None) -> TimeSpan | None:
    """The time a phrase or an ``event_time`` label refers to: the labels :func:`resolve_time` writes (``2020``,
    ``2023-09``, ``2023-09-20``), else what :func:`read_time` reads in the phrase."""
    text = text.strip()
    if match := re.fullmatch(r"((?:19|20)\d\d)-(\d\d)", text):
        return _month_span(int(match.group(1)), int(match.group(2)), None)  # a label: in text, "2004-05" is a season
    return read_time(text, published)


def resolve_time(phrase: str, published: date | None) -> str | None:
    """The ``event_time`` label of the time a figure's event phrase or date names: ``2020`` -> "2020"; ``late
    September`` -> "2020-09" in a December 2020 article; ``Wednesday`` -> that date."""
    span = read_time(phrase.strip(), published)
    return span.label() if span is not None else None


def read_time(text: str, published: date | None = None) -> TimeSpan | None:
    """The one reader of times in text: ``The 2020 war``, ``late September``, ``on Tuesday``, ``last month``,
    ``September 21``, ``August last year``. The article date supplies a missing year and anchors relative times.
    None when the text names no time."""
    if iso := parse_iso(text):
        return TimeSpan(iso, iso, "day")
    folded = text.lower()
    year, month, day = _written_date(text)
    if published is not None:
        if "last month" in folded:
            previous = published.replace(day=1) - timedelta(days=1)
            return _month_span(previous.year, previous.month, None)
        if "last year" in folded:
            if month is not None:  # "August last year"
                return _month_or_day(published.year - 1, month, day)
            return TimeSpan(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "year")
        if "this year" in folded:
            if month is not None:
                return _month_or_day(published.year, month, day)
            return TimeSpan(date(published.year, 1, 1), published, "year")
    if dates := full_dates(text):
        return TimeSpan(min(dates), max(dates), "day")
    for match in _PART_MONTH.finditer(text):
        month_number = MONTHS[match.group("month").lower().rstrip(".")]
        if match.group("year"):
            return _month_span(int(match.group("year")), month_number, match.group("part"))
        # without a year, only a capitalised month is one ("in may" is a verb's) and "in" or a part must say so
        if published is not None and match.group("month")[0].isupper() and (
                match.group("part") or re.search(r"\bin\s+" + match.group("month"), text)):
            return _month_span(_year_of(month_number, published), month_number, match.group("part"))
    if match := _YEAR.search(text):
        found_year = int(match.group("year"))
        return TimeSpan(date(found_year, 1, 1), date(found_year, 12, 31), "year")
    if published is not None and (relative := resolve_relative(text, published)) and (
            (_WEEKDAY.search(text) and not re.search(r"\bnext\b", folded))  # "next Monday" is no past day
            or any(word in folded for word in ("yesterday", "today", "tonight"))):
        return TimeSpan(relative, relative, "day")
    # what only the words say: "September 21" (the year the article's), "in 1850", "the mid-1990s" (read as 1990)
    if month is not None and year is None and published is not None:
        year = _year_of(month, published)
    if month is not None and year is not None:
        return _month_or_day(year, month, day)
    if year is not None:
        return TimeSpan(date(year, 1, 1), date(year, 12, 31), "year")
    if published is not None and "this month" in folded:
        return _month_span(published.year, published.month, None)
    return None


def _written_date(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) as words write them, each None when absent: a year of 1800 to 2100, a capitalised month
    name (never "may"), and a day written beside the month ("September 21", "21 September")."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 <= int(w) <= 2100), None)
    month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS and (w != "may" and w[0].isupper())), None)
    day = None
    for index, word in enumerate(words):
        if word.lower() in MONTHS and word[0].isupper():
            for near in words[max(0, index - 1) : index] + words[index + 1 : index + 2]:
                if near.isdigit() and len(near) <= 2 and 1 <= int(near) <= 31:
                    day = int(near)
    return year, month, day


def _month_or_day(year: int, month: int, day: int | None) -> TimeSpan:
    found = _safe_date(year, month, day) if day else None
    return TimeSpan(found, found, "day") if found else _month_span(year, month, None)


def _caption_lines(article: Article) -> list[str]:
    lines = list(article.captions)
    # Dumps without parsed captions: photo-credit lines in the text ("... REUTERS/Umit Bektas").
    lines += [line for line in article.text.splitlines() if _CAPTION_CUE.search(line) and full_dates(line)]
    return lines


def infer_article_date(article: Article) -> tuple[str | None, str | None]:
    """``(ISO date, how)`` with how in ``metadata`` / ``caption`` / ``text``, or ``(None, None)``.

    A caption date is taken unless the caption is a file photo; the latest such date wins (the picture was taken
    on or before publication). The text fallback is the latest full date written in the body, moved forward to the
    nearest weekday the body mentions (``on Thursday``) when that weekday falls within the next six days.
    """
    if (published := parse_iso(article.published)) is not None:
        return published.isoformat(), "metadata"
    caption_dates = [found for line in _caption_lines(article) if not _FILE_PHOTO.search(line)
                     for found in full_dates(line)]
    if caption_dates:
        return max(caption_dates).isoformat(), "caption"
    # A file photo's date says when the picture was taken, not the story: leave those lines out here too.
    body_dates = full_dates("\n".join(line for line in article.text.splitlines()
                                      if not (_CAPTION_CUE.search(line) and _FILE_PHOTO.search(line))))
    if not body_dates:
        return None, None
    latest = max(body_dates)
    weekdays = {WEEKDAYS[match.group("weekday").lower()] for match in _WEEKDAY.finditer(article.text)}
    if weekdays and latest.weekday() not in weekdays:
        ahead = [offset for offset in range(1, 7) if (latest + timedelta(days=offset)).weekday() in weekdays]
        if ahead:
            latest += timedelta(days=min(ahead))
    return latest.isoformat(), "text"
