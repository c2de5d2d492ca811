"""Figures in raw text: numbers in digits or words, vague amounts, ranges, with the qualifier before them, as intervals.

Works on plain strings (no spaCy) so it can be checked against quantulum3's gold numbers and property-tested.
The bound rules (``more than`` = exclusive lower bound, ``about`` = +/-10 %, ``dozens`` = [24, 100), ...) all come
from one table, ``data/qualifiers.tsv``; this module only knows how to read and apply it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.resources import resource

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
# Abbreviated scales only count after a currency sign or a decimal ("$2bn", "£600m", "1.5m"): "200m" alone is metres.
SHORT_SCALES = {"bn": 1e9, "b": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "k": 1e3,
                "thousand": 1e3, "tn": 1e12, "trillion": 1e12}
CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

_NUMBER_WORD = "|".join(sorted([*ONES, *TENS, *SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"(?<![\w-])(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
# 5,600 / 6.1 / 1979 / 2 1/2 ; never inside a word ("G20", "COVID-19") or after a decimal point.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_RUN = re.compile(
    rf"(?P<cur>(?:US)?[$£€¥]\s?)?(?<![\w.,/:])(?<![A-Za-z]-)(?P<num>{_DIGITS})(?!st\b|nd\b|rd\b|th\b)(?:\s(?P<frac>\d/\d{{1,2}}))?"
    rf"(?:\s?(?P<scale>bn|mn|mln|tn|[mbk]|thousand|million|billion|trillion)\b)?(?P<pct>\s?%|\s?per\s?cent\b)?",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+to\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One row of data/qualifiers.tsv."""

    phrase: str
    kind: str  # qualifier | vague | multiplier | default
    low: str
    high: str
    low_inclusive: bool
    high_inclusive: bool
    unit: str | None


@dataclass(frozen=True)
class Figure:
    """A figure with its qualifier as an interval; offsets are into the string given to :func:`find_figures`."""

    start: int  # includes the qualifier
    end: int
    number_start: int  # where the number itself starts
    value: float | None  # the figure as written (None for vague words and ranges)
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    qualifier: str | None
    unit: str | None  # "USD", "percent", "year" (from a vague word), else None
    kind: str  # digits | words | vague | range

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(word) for word in phrase.replace("-", " ").split()]
    return r"[\s-]+".join(words)


@lru_cache(maxsize=None)
def rules(path: Path | None = None) -> dict[str, Rule]:
    """The bound rules, keyed by phrase (``<exact>``, ``more than``, ``dozens``, ...)."""
    table: dict[str, Rule] = {}
    for line in (path or resource("data", "qualifiers.tsv")).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, kind, low, high, low_inc, high_inc, unit, *_ = line.split("\t") + ["-"]
        table[phrase] = Rule(phrase, kind, low, high, low_inc == "1", high_inc == "1", None if unit == "-" else unit)
    return table


@lru_cache(maxsize=None)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = rules()
    by_length = sorted(table.values(), key=lambda rule: len(rule.phrase), reverse=True)

    def alternation(kind: str) -> str:
        return "|".join(_phrase_pattern(rule.phrase) for rule in by_length if rule.kind == kind)

    vague = re.compile(rf"\b(?:{alternation('vague')})\b", re.IGNORECASE)
    multiplier = re.compile(
        rf"\b(?:{alternation('multiplier')})\s+(?P<scale>hundred|thousand|million|billion)\b", re.IGNORECASE)
    qualifier = re.compile(rf"\b(?:{alternation('qualifier')})\s*$", re.IGNORECASE)
    return vague, multiplier, qualifier


def _rule_for(phrase: str) -> Rule:
    key = " ".join(phrase.lower().replace("-", " ").split())
    for rule in rules().values():
        if " ".join(rule.phrase.replace("-", " ").split()) == key:
            return rule
    raise KeyError(phrase)


def words_to_number(text: str) -> float | None:
    """``a hundred and two`` -> 102, ``twenty-five thousand`` -> 25000, ``two dozen`` -> 24; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word in ("and", ""):
            continue
        if word in ("a", "an") and not seen:
            current, seen = 1, True
        elif word in ONES:
            current, seen = current + ONES[word], True
        elif word in TENS:
            current, seen = current + TENS[word], True
        elif word in ("hundred", "dozen"):
            current, seen = max(current, 1) * SCALES[word], True
        elif word in SCALES:
            total, current, seen = total + max(current, 1) * SCALES[word], 0, True
        else:
            return None
    return total + current if seen else None


@dataclass(frozen=True)
class _Number:
    """A number-like run before qualifiers are applied."""

    start: int
    end: int
    value: float | None  # the point as written; None for a vague range
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    unit: str | None
    kind: str
    scaled: bool = False


def _digit_number(match: re.Match[str]) -> _Number:
    value = float(match["num"].replace(",", ""))
    if match["frac"]:
        numerator, denominator = match["frac"].split("/")
        value += int(numerator) / int(denominator)
    scale, scaled, unit = (match["scale"] or "").lower(), False, None
    end = match.end("frac") if match["frac"] else match.end("num")
    # "$2bn", "1.5 million", "£600m" scale the figure; "200m" alone is metres and "5 k" is noise.
    if scale and (match["cur"] or "." in match["num"] or len(scale) > 2 or scale in ("bn", "mn", "tn")):
        value, scaled, end = value * SHORT_SCALES[scale], True, match.end("scale")
    if match["cur"]:
        unit = CURRENCIES[match["cur"].strip().lower()]
    if match["pct"]:
        unit, end = "percent", match.end("pct")
    return _Number(match.start(), end, value, value, value, True, True, unit, "digits", scaled)


def _raw_numbers(text: str) -> list[_Number]:
    """Every number-like run; where runs overlap the longest wins ("a couple of thousand" over "thousand")."""
    vague, multiplier, _ = _compiled()
    found = [_digit_number(match) for match in _DIGIT_RUN.finditer(text)]
    for match in _WORD_RUN.finditer(text):
        value = words_to_number(match.group())
        if value is not None:
            scaled = bool(re.search(r"million|billion|trillion", match.group(), re.IGNORECASE))
            found.append(_Number(match.start(), match.end(), value, value, value, True, True, None, "words", scaled))
    for match in vague.finditer(text):
        rule = _rule_for(match.group())
        low, high = _bound(rule.low, 0), _bound(rule.high, 0)
        found.append(_Number(match.start(), match.end(), low if low == high else None, low, high,
                             rule.low_inclusive, rule.high_inclusive, rule.unit, "vague"))
    for match in multiplier.finditer(text):
        rule = _rule_for(text[match.start() : match.start("scale")])
        scale = SCALES[match["scale"].lower()]
        found.append(_Number(match.start(), match.end(), None, float(rule.low) * scale, float(rule.high) * scale,
                             rule.low_inclusive, rule.high_inclusive, None, "vague"))
    found.sort(key=lambda number: (number.start, -(number.end - number.start)))
    kept: list[_Number] = []
    for number in found:
        if not kept or number.start >= kept[-1].end:
            kept.append(number)
    return kept


def _bound(expression: str, x: float) -> float | None:
    if expression == "-":
        return None
    if expression == "x":
        return x
    if expression.startswith("x*"):
        return round(x * float(expression[2:]), 6)
    return float(expression)


def is_round(value: float) -> bool:
    """A figure its writer rounded: >= 1,000 and a whole multiple of 1,000 ("a contingent of 2,000")."""
    return value >= 1000 and value % 1000 == 0


def _looks_like_years(first: float, second: float) -> bool:
    """"2004-05" or "1992-1994" is a span of years, not a range of counts."""
    return first == int(first) and 1800 <= first <= 2100 and (1800 <= second <= 2100 or second < 100)


def _range(text: str, first: _Number, second: _Number) -> Figure | None:
    """"between 200 and 300", "200-300", "5 to 10" as one figure; "from 5 to 10" is a change, not a range."""
    if first.value is None or second.value is None or second.value <= first.value:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None  # "jumped 76% to $1.13bn" is a change between two figures
    gap = text[first.end : second.start]
    before = text[max(0, first.start - 12) : first.start]
    between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    if between and re.fullmatch(r"\s+and\s+", gap, re.IGNORECASE):
        begin = first.start - (len(before) - between.start())
    elif _RANGE_SEP.fullmatch(gap) and not re.search(r"\bfrom\s+$", before, re.IGNORECASE):
        begin = first.start
    else:
        return None
    if _looks_like_years(first.value, second.value) and first.unit is None:
        return None
    rule = rules()["<range>"]
    return Figure(begin, second.end, first.start, None, first.value, second.value, rule.low_inclusive,
                  rule.high_inclusive, "between" if between else None, first.unit or second.unit, "range")


def _qualified(text: str, number: _Number) -> Figure:
    """Apply the qualifier before the number (or the default rule) to get its interval."""
    _, _, qualifier_at_end = _compiled()
    window = text[max(0, number.start - 30) : number.start]
    match = qualifier_at_end.search(window)
    phrase = " ".join(match.group().lower().split()) if match else None
    begin = number.start - (len(window) - match.start()) if match else number.start
    if number.value is not None and number.kind != "vague":
        default = "<scaled>" if number.scaled else "<round>" if is_round(number.value) else "<exact>"
        rule = _rule_for(phrase) if phrase else rules()[default]
        low, high = _bound(rule.low, number.value), _bound(rule.high, number.value)
        low_inc, high_inc = rule.low_inclusive, rule.high_inclusive
    else:
        # A vague amount ("dozens", "a quarter-century"): its own range, opened on the side a qualifier opens.
        low, high, low_inc, high_inc = number.low, number.high, number.low_inclusive, number.high_inclusive
        if phrase:
            rule = _rule_for(phrase)
            if rule.high == "-":  # "more than a quarter-century" = (25, inf)
                high, low_inc = None, rule.low_inclusive
            elif rule.low == "-":  # "up to a decade" = (.., 10]
                low, high_inc = None, rule.high_inclusive
    return Figure(begin, number.end, number.start, number.value, low, high, low_inc and low is not None,
                  high_inc and high is not None, phrase, number.unit, number.kind)


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` as an interval, with the qualifier before it; ranges count as one figure."""
    numbers = _raw_numbers(text)
    figures: list[Figure] = []
    index = 0
    while index < len(numbers):
        joined = _range(text, numbers[index], numbers[index + 1]) if index + 1 < len(numbers) else None
        if joined:
            figures.append(joined)
            index += 2
        else:
            figures.append(_qualified(text, numbers[index]))
            index += 1
    return figures


def parse_number(text: str) -> float | None:
    """One number as written, digits or words: ``5,600``, ``1.5 million``, ``$2bn``, ``six``, ``2 1/2``."""
    figures = find_figures(text)
    return figures[0].value if figures else None
