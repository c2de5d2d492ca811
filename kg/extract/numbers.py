"""Figures in raw text: numbers in digits or words, vague amounts, ranges, money, with the qualifier before them, as
intervals; changes ("230 fewer", "up 11%", "from £79.60 to £105.45") marked as changes; time phrases ("three years
later", "a decade on") marked as such.

Works on plain strings (no spaCy) so it can be checked against quantulum3's gold numbers and property-tested.
Every rule (``more than`` = exclusive lower bound, ``about`` = +/-10 %, ``dozens`` = [24, 100), ``N fewer`` = a
decrease, ``N UNIT ago`` = a time phrase, ...) is a row of one table, ``data/qualifiers.tsv``; this module only knows
how to read and apply it. Currencies come from :mod:`kg.extract.currency`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.extract import currency
from kg.resources import resource
from kg.words import ONES, SCALES, TENS

# Abbreviated scales only count after a currency sign or a decimal ("$2bn", "£600m", "1.5m") or before a currency
# name ("70m euros"): "200m" alone is metres.
SHORT_SCALES = {"bn": 1e9, "b": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "k": 1e3,
                "thousand": 1e3, "tn": 1e12, "trillion": 1e12, "crore": 1e7, "lakh": 1e5}
#: Units of time that make "N UNIT ago" a time phrase: the duration units of data/measures.tsv.
TIME_UNITS_MEASURE = "duration"

_NUMBER_WORD = "|".join(sorted([*ONES, *TENS, *SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"(?<![\w-])(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
# 5,600 / 6.1 / 1979 / 2 1/2 ; never inside a word ("G20", "COVID-19") or after a decimal point.
# Some corpora space what they detokenise ("5, 000 gallons", "$5. 3 million"): read as written without the spaces.
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:,\s\d{3})+(?!\d)(?!,\d)"
           r"|\d+\.\s\d+(?=\s?(?:million|billion|trillion|bn|m)\b)|\d+(?:\.\d+)?")
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+to\s+|\s+or\s+", re.IGNORECASE)
_CHANGE_KINDS = ("increase", "decrease", "change")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The digit run (with a currency sign before it or a currency name after it), a currency name alone ("five
    million dollars") and one after "of" ("millions of dollars")."""
    signs, letters = currency.symbol_patterns()
    phrases, words = currency.name_pattern()
    name = rf"\s(?P<name>{phrases}|(?-i:{words}))(?![\w-])"
    digits = re.compile(
        # a sign ("$", "A$", "€") or a code ("USD", "Rs") right before the number; not in a run of capitals ("ALL 5")
        rf"(?:(?<![\w$£€¥])(?P<cur>(?-i:{signs})|(?-i:(?<![A-Z]\s){letters}))\s?|(?<![\w.,/:])(?<![A-Za-z]-))"
        rf"(?P<num>{_DIGITS})(?!\d|st\b|nd\b|rd\b|th\b)(?:\s(?P<frac>\d/\d{{1,2}}))?"
        rf"(?:\s?(?P<scale>bn|mn|mln|tn|[mbk]|thousand|million|billion|trillion|crore|lakh)\b)?"
        rf"(?:(?P<pct>\s?%|\s?per\s?cent\b)|{name})?",
        re.IGNORECASE)
    return digits, re.compile(name, re.IGNORECASE), re.compile(r"\s+of" + name, re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One row of data/qualifiers.tsv."""

    phrase: str
    kind: str  # qualifier | vague | multiplier | default | increase | decrease | change | time | length
    low: str
    high: str
    low_inclusive: bool
    high_inclusive: bool
    unit: str | None


@dataclass(frozen=True)
class Figure:
    """A figure with its qualifier as an interval; offsets are into the string given to :func:`find_figures`."""

    start: int  # includes the qualifier (and the words of a change before it: "up 11%", "from £79.60 to £105.45")
    end: int  # end of the number (with its currency or unit)
    number_start: int  # where the number itself starts
    value: float | None  # the figure as written (None for vague words and ranges)
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    qualifier: str | None
    unit: str | None  # "USD", "percent", "year" (from a vague word), else None
    kind: str  # digits | words | vague | range
    currency: str | None = None  # ISO 4217 code when the written form alone says which ("A$", "euros", "$")
    currency_written: str | None = None  # the sign or name as written ("$", "pesos"): the article may say more
    change: str | None = None  # "increase" | "decrease" | "change": the figure is a difference, not a level
    change_from: float | None = None  # "from a to b": a (the bounds are b's)
    alternatives: tuple[Figure, ...] = ()  # conversions in brackets: "70m euros ($91m; £49m)"
    time_phrase: bool = False  # "three years later", "a decade on": dates something, is no figure
    text_end: int | None = None  # end of the figure's text when words of a change follow it ("230 fewer")

    def text(self, source: str) -> str:
        return source[self.start : self.text_end or self.end]

    def shifted(self, offset: int) -> Figure:
        """The same figure with offsets into a text that holds this one at ``offset``."""
        return replace(self, start=self.start + offset, end=self.end + offset, number_start=self.number_start + offset,
                       text_end=None if self.text_end is None else self.text_end + offset,
                       alternatives=tuple(alternative.shifted(offset) for alternative in self.alternatives))


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(word) for word in phrase.replace("-", " ").split()]
    return r"[\s-]+".join(words)


@lru_cache(maxsize=None)
def rules(path: Path | None = None) -> dict[str, Rule]:
    """The rules of data/qualifiers.tsv, keyed by phrase (``<exact>``, ``more than``, ``dozens``, ``N fewer``, ...)."""
    table: dict[str, Rule] = {}
    for line in (path or resource("data", "qualifiers.tsv")).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, kind, low, high, low_inc, high_inc, unit, *_ = line.split("\t") + ["-"]
        table[phrase] = Rule(phrase, kind, low, high, low_inc == "1", high_inc == "1", None if unit == "-" else unit)
    return table


@lru_cache(maxsize=None)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = rules()
    by_length = sorted(table.values(), key=lambda rule: len(rule.phrase), reverse=True)

    def alternation(kind: str, only: str = "") -> str:
        return "|".join(_phrase_pattern(rule.phrase) for rule in by_length
                        if rule.kind == kind and rule.phrase.endswith(only))

    vague = re.compile(rf"\b(?:{alternation('vague')})\b", re.IGNORECASE)
    multiplier = re.compile(
        rf"\b(?:{alternation('multiplier')})\s+(?P<scale>hundred|thousand|million|billion)\b", re.IGNORECASE)
    qualifier = re.compile(rf"\b(?:{alternation('qualifier')})\s*$", re.IGNORECASE)
    # <than-of>: "less than the catalogue price of $17.6m"
    than_of = re.compile(rf"\b(?P<q>{alternation('qualifier', ' than')})\s+(?:the|its|their|his|her|a|an)\s+"
                         rf"(?:[\w-]+\s+){{1,3}}of\s+$", re.IGNORECASE)
    return vague, multiplier, qualifier, than_of


def _rule_for(phrase: str) -> Rule:
    key = " ".join(phrase.lower().replace("-", " ").split())
    for rule in rules().values():
        if " ".join(rule.phrase.replace("-", " ").split()) == key:
            return rule
    raise KeyError(phrase)


# ---- changes and time phrases: rows with N (the figure), UNIT, BE and "/" alternatives ------------------------------

@dataclass(frozen=True)
class _Context:
    """A change, time or length row as two regexes: the words before the figure and the words after it."""

    kind: str
    before: re.Pattern[str] | None  # matched against the text before the figure (anchored at its end)
    after: re.Pattern[str] | None  # matched against the text after the figure (anchored at its start)
    needs_percent: bool
    unit_after: bool  # the row names a UNIT after the figure


@lru_cache(maxsize=1)
def time_units() -> tuple[str, ...]:
    """Units of time (data/measures.tsv rows of the duration measure): "day", "year", ..."""
    units = []
    for line in resource("data", "measures.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[1] == "unit" and fields[2] == TIME_UNITS_MEASURE:
            units.append(fields[0])
    return tuple(units)


def _unit_pattern() -> str:
    forms = set()
    for unit in time_units():
        forms |= {unit, unit + "s"}
        if unit.endswith("y") and unit[-2:-1] not in "aeiou":
            forms.add(unit[:-1] + "ies")  # centuries
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def _words(tokens: list[str], unit_optional: bool) -> str:
    """A row's words as a regex: BE, UNIT (left out when the figure carries it) and "/" alternatives."""
    parts = []
    for token in tokens:
        if token == "BE":
            parts.append(r"(?:is|are|was|were|be|been)")
        elif token.startswith("UNIT"):
            parts.append(("" if unit_optional else _unit_pattern()) + re.escape(token[4:]))
        else:
            parts.append("(?:" + "|".join(re.escape(word) for word in token.split("/")) + ")")
    return r"\s+".join(part for part in parts if part)


@lru_cache(maxsize=None)
def _contexts(unit_in_figure: bool) -> tuple[_Context, ...]:
    """The change, time and length rows, compiled; ``unit_in_figure``: the figure carries its unit of time itself
    ("a decade"), so a row's UNIT is not written after it."""
    found = []
    for rule in rules().values():
        if rule.kind not in (*_CHANGE_KINDS, "time", "length"):
            continue
        tokens = rule.phrase.split()
        index = next(i for i, token in enumerate(tokens) if token in ("N", "N%"))
        before, after = tokens[:index], tokens[index + 1 :]
        before_pattern = after_pattern = None
        if before:
            lead = r"(?:^|(?<=[,;(]))\s*" if before[0] == "," else r"(?<![\w'])"
            words = before[1:] if before[0] == "," else before
            before_pattern = re.compile(lead + _words(words, False) + r"\s+$", re.IGNORECASE)
        if after:
            trail = r"(?=\s*[,.;:!?)]|\s*$)" if after[-1] == "," else r"(?!\w)"
            words = after[:-1] if after[-1] == "," else after
            body = _words(words, unit_in_figure)
            after_pattern = re.compile(r"^(?:[\s-]+|(?=')|$)" + body + trail if body else r"^" + trail, re.IGNORECASE)
        found.append(_Context(rule.kind, before_pattern, after_pattern, tokens[index] == "N%",
                              bool(after) and after[0].startswith("UNIT")))
    return tuple(found)


def _context(text: str, start: int, end: int, unit: str | None, kinds: tuple[str, ...]) -> tuple[str, int, int] | None:
    """The first row of ``kinds`` around text[start:end]: (kind, start of its words, end of its words)."""
    in_figure = unit in ("year", "decade", "century")
    for row in _contexts(in_figure):
        if row.kind not in kinds or (row.needs_percent and unit != "percent"):
            continue
        if row.unit_after and unit is not None and not in_figure:
            continue  # "20% later" is no time phrase
        begin, finish = start, end
        if row.before is not None:
            match = row.before.search(text[max(0, start - 40) : start])
            if match is None:
                continue
            begin = start - (min(40, start) - match.start())
            while text[begin].isspace():  # ", up 2.6%": the comma's space is not the figure's
                begin += 1
        if row.after is not None:
            match = row.after.match(text[end : end + 40])
            if match is None:
                continue
            finish = end + match.end()
        return row.kind, begin, finish
    return None


# ---- numbers --------------------------------------------------------------------------------------------------

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
    scale: float = 1.0  # the scale word's factor ("million": 1e6), 1 without one
    currency_written: str | None = None


def _currency_name(text: str, name: str, end: int) -> bool:
    """A currency name after a number, unless data/currencies.tsv says the words after it make it something else
    ("five pounds of explosives")."""
    following = re.match(r"\s+(\w+)", text[end:])
    return following is None or not currency.excluded(name, following.group(1))


def _with_currency(number: _Number, written: str | None, end: int) -> _Number:
    if not written:
        return number
    written = " ".join(written.split())
    return replace(number, end=end, unit=currency.resolve(written), currency_written=written)


def _digit_number(match: re.Match[str], text: str) -> _Number:
    value = float(re.sub(r"[,\s]", "", match["num"]))
    if match["frac"]:
        numerator, denominator = match["frac"].split("/")
        value += int(numerator) / int(denominator)
    scale, scaled, factor, unit = (match["scale"] or "").lower(), False, 1.0, None
    end = match.end("frac") if match["frac"] else match.end("num")
    name = match["name"] if match["name"] and _currency_name(text, match["name"], match.end("name")) else None
    # "$2bn", "1.5 million", "£600m", "70m euros" scale the figure; "200m" alone is metres and "5 k" is noise.
    if scale and (match["cur"] or name or "." in match["num"] or len(scale) > 2 or scale in ("bn", "mn", "tn")):
        factor = SHORT_SCALES[scale]
        value, scaled, end = value * factor, True, match.end("scale")
    if match["pct"]:
        unit, end = "percent", match.end("pct")
    number = _Number(match.start(), end, value, value, value, True, True, unit, "digits", scaled, factor)
    if match["cur"]:
        number = _with_currency(number, match["cur"], end)
    if name and (scaled or not scale):
        number = _with_currency(number, name, match.end("name"))
    return number


#: "four and a half", "two-and-a-quarter", "one and a half million": a whole number with a fraction after it, and
#: the scale word that may follow ("half" alone is a share, a row of data/qualifiers.tsv).
_FRACTIONS = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
_AND_FRACTION = re.compile(r"[\s-]+and[\s-]+(?P<fraction>a[\s-]+half|a[\s-]+quarter|three[\s-]+quarters)\b"
                           r"(?:\s+(?P<scale>million|billion|trillion|thousand)\b)?", re.IGNORECASE)


def _with_fraction(text: str, number: _Number) -> _Number:
    """``number`` and the fraction written after it, as one number: "four and a half months" is 4.5 months."""
    if number.kind not in ("digits", "words") or number.value is None or number.unit is not None \
            or number.scaled or not float(number.value).is_integer():
        return number
    match = _AND_FRACTION.match(text, number.end)
    if match is None:
        return number
    fraction = _FRACTIONS[re.sub(r"[\s-]+", " ", match["fraction"].lower())]
    scale = SHORT_SCALES[match["scale"].lower()] if match["scale"] else 1.0
    value = (number.value + fraction) * scale
    return replace(number, end=match.end(), value=value, low=value, high=value, scaled=scale > 1,
                   scale=scale if scale > 1 else number.scale)


def _raw_numbers(text: str) -> list[_Number]:
    """Every number-like run; where runs overlap the longest wins ("a couple of thousand" over "thousand")."""
    vague, multiplier, _, _ = _compiled()
    digits, name_after, of_name = _patterns()
    found = [_digit_number(match, text) for match in digits.finditer(text)]
    for match in _WORD_RUN.finditer(text):
        value = words_to_number(match.group())
        if value is not None:
            scale = next((SCALES[word] for word in ("trillion", "billion", "million")
                          if word in match.group().lower()), 1.0)
            number = _Number(match.start(), match.end(), value, value, value, True, True, None, "words", scale > 1,
                             scale)
            name = name_after.match(text, match.end())  # "five million dollars"
            if name and _currency_name(text, name["name"], name.end()):
                number = _with_currency(number, name["name"], name.end())
            found.append(number)
    for match in vague.finditer(text):
        rule = _rule_for(match.group())
        low, high = _bound(rule.low, 0), _bound(rule.high, 0)
        number = _Number(match.start(), match.end(), low if low == high else None, low, high,
                         rule.low_inclusive, rule.high_inclusive, rule.unit, "vague")
        name = of_name.match(text, match.end())  # "millions of dollars", "tens of millions of euros"
        if name and rule.unit is None and _currency_name(text, name["name"], name.end()):
            number = _with_currency(number, name["name"], name.end())
        found.append(number)
    for match in multiplier.finditer(text):
        rule = _rule_for(text[match.start() : match.start("scale")])
        scale = SCALES[match["scale"].lower()]
        found.append(_Number(match.start(), match.end(), None, float(rule.low) * scale, float(rule.high) * scale,
                             rule.low_inclusive, rule.high_inclusive, None, "vague"))
    found = [_in_years(text, _with_fraction(text, number)) for number in found]
    found.sort(key=lambda number: (number.start, -(number.end - number.start)))
    kept: list[_Number] = []
    for number in found:
        if not kept or number.start >= kept[-1].end:
            kept.append(number)
    return kept


#: "two decades", "more than three decades", "a three-decade career": a count of decades or centuries is a length
#: in years ("a decade" and "decades" are rows of data/qualifiers.tsv).
_DECADES = re.compile(r"[\s-]+(?P<unit>decades?|centur(?:y|ies))\b", re.IGNORECASE)


def _in_years(text: str, number: _Number) -> _Number:
    if number.unit is not None or number.value is None or number.kind not in ("digits", "words"):
        return number
    match = _DECADES.match(text, number.end)
    if match is None:
        return number
    factor = 100 if match["unit"].lower().startswith("centur") else 10
    value = number.value * factor
    return replace(number, end=match.end(), value=value, low=value, high=value, unit="year")


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
    """"between 200 and 300", "200-300", "5 to 10", "two or three", "$5-6bn" as one figure; "from 5 to 10" is a
    change, not a range (see :func:`_from_to`)."""
    if first.value is None or second.value is None:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None  # "jumped 76% to $1.13bn" is a change between two figures
    gap = text[first.end : second.start]
    before = text[max(0, first.start - 12) : first.start]
    between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    if between and re.fullmatch(r"\s+and\s+", gap, re.IGNORECASE):
        begin = first.start - (len(before) - between.start())
    elif _RANGE_SEP.fullmatch(gap) and not re.search(r"\bfrom\s+$", before, re.IGNORECASE) \
            and _context(text, first.start, first.end, first.unit, _CHANGE_KINDS) is None:  # "rose by 12 to 40"
        begin = first.start
        if "or" in gap.lower() and first.kind != second.kind:
            return None  # "two or 3" is no way to write a range
    else:
        return None
    low = first.value
    if second.scale > 1 and first.scale == 1 and first.value < second.value / second.scale:
        low = first.value * second.scale  # "two to three million", "$5-6bn": the scale word serves both
    if second.value <= low or (_looks_like_years(first.value, second.value) and first.unit is None):
        return None
    rule = rules()["<range>"]
    written = first.currency_written or second.currency_written
    unit = first.unit or second.unit
    return Figure(begin, second.end, first.start, None, low, second.value, rule.low_inclusive, rule.high_inclusive,
                  "between" if between else None, unit, "range", currency=unit if written else None,
                  currency_written=written)


def _qualifier_before(text: str, at: int) -> tuple[str | None, int]:
    """The qualifier whose words end right before ``at`` (or reach it over "the ... of": <than-of>)."""
    _, _, qualifier_at_end, than_of = _compiled()
    window = text[max(0, at - 30) : at]
    match = qualifier_at_end.search(window)
    if match:
        return " ".join(match.group().lower().split()), at - (len(window) - match.start())
    window = text[max(0, at - 70) : at]
    match = than_of.search(window)
    if match:
        return " ".join(match["q"].lower().split()), at - (len(window) - match.start())
    return None, at


def _interval(number: _Number, phrase: str | None) -> tuple[float | None, float | None, bool, bool]:
    # A vague word standing for one value ("a decade", "a dozen") takes its qualifier as a number does: "almost a
    # decade" = [9, 10), "about a dozen" = [10.8, 13.2].
    if number.value is not None and (number.kind != "vague" or phrase):
        default = "<scaled>" if number.scaled else "<round>" if is_round(number.value) else "<exact>"
        rule = _rule_for(phrase) if phrase else rules()[default]
        low, high = _bound(rule.low, number.value), _bound(rule.high, number.value)
        return low, high, rule.low_inclusive and low is not None, rule.high_inclusive and high is not None
    # A vague amount ("dozens", "a quarter-century"): its own range, opened on the side a qualifier opens.
    low, high, low_inc, high_inc = number.low, number.high, number.low_inclusive, number.high_inclusive
    if phrase:
        rule = _rule_for(phrase)
        if rule.high == "-":  # "more than a quarter-century" = (25, inf)
            high, low_inc = None, rule.low_inclusive
        elif rule.low != "x" and not rule.low.startswith("x*"):  # "up to a decade" = [0, 10]
            low, low_inc, high_inc = _bound(rule.low, 0), rule.low_inclusive, rule.high_inclusive
    return low, high, low_inc and low is not None, high_inc and high is not None


def _qualified(text: str, number: _Number) -> Figure:
    """Apply the qualifier before the number (or the default rule) to get its interval."""
    phrase, begin = _qualifier_before(text, number.start)
    low, high, low_inc, high_inc = _interval(number, phrase)
    return Figure(begin, number.end, number.start, number.value, low, high, low_inc, high_inc, phrase, number.unit,
                  number.kind, currency=number.unit if number.currency_written else None,
                  currency_written=number.currency_written)


def _from_to(text: str, first: _Number, second: _Number) -> Figure | None:
    """<from-to>: "the state pension from £79.60 to £105.45" is one change from a to b, not two rival figures."""
    before = re.search(r"\bfrom\s+$", text[max(0, first.start - 8) : first.start], re.IGNORECASE)
    if before is None or first.value is None or second.value is None \
            or not re.fullmatch(r"\s+to\s+", text[first.end : second.start], re.IGNORECASE) \
            or (first.unit and second.unit and first.unit != second.unit) \
            or (_looks_like_years(first.value, second.value) and not (first.unit or second.unit)):
        return None
    start = first.start - (min(8, first.start) - before.start())
    if second.unit is None and first.unit is not None:  # "from £79.60 to 105.45"
        second = replace(second, unit=first.unit, currency_written=first.currency_written)
    figure = _qualified(text, second)
    direction = "increase" if second.value > first.value else "decrease" if second.value < first.value else "change"
    return replace(figure, start=start, change=direction, change_from=first.value)


def _alternatives(text: str, figures: list[Figure]) -> list[Figure]:
    """<alternatives>: money figures in brackets right after a money figure are its conversions, not claims of their
    own: "more than 70m euros ($91m; £49m)" is one figure in euros with two alternatives, each with the qualifier
    of the first."""
    merged: list[Figure] = []
    index = 0
    while index < len(figures):
        figure = figures[index]
        index += 1
        opening = re.match(r"\s*\(", text[figure.end :]) if figure.currency_written else None
        if opening is None:
            merged.append(figure)
            continue
        inside, cursor, position = [], figure.end + opening.end(), index
        while position < len(figures) and figures[position].currency_written \
                and re.fullmatch(r"\s*(?:[;,/]|\bor\b)?\s*", text[cursor : figures[position].start], re.IGNORECASE):
            inside.append(figures[position])
            cursor = figures[position].end
            position += 1
        if not inside or not re.match(r"\s*\)", text[cursor:]):
            merged.append(figure)
            continue
        converted = []
        for alternative in inside:
            if alternative.value is not None and figure.qualifier and alternative.qualifier is None:
                number = _Number(alternative.number_start, alternative.end, alternative.value, alternative.value,
                                 alternative.value, True, True, alternative.unit, alternative.kind)
                low, high, low_inc, high_inc = _interval(number, figure.qualifier)
                alternative = replace(alternative, low=low, high=high, low_inclusive=low_inc, high_inclusive=high_inc,
                                      qualifier=figure.qualifier)
            converted.append(alternative)
        merged.append(replace(figure, alternatives=tuple(converted)))
        index = position
    return merged


def _to_then_from(text: str, figures: list[Figure]) -> list[Figure]:
    """<from-to> written the other way round: "jumped 76% to $1.13bn ..., from $639m" is one change."""
    kept: list[Figure] = []
    for figure in figures:
        earlier = next((f for f in reversed(kept) if f.change_from is None and f.unit and f.unit == figure.unit
                        and re.search(r"\bto\s+$", text[max(0, f.start - 6) : f.start], re.IGNORECASE)), None)
        if earlier is not None and figure.value is not None and earlier.value is not None \
                and re.search(r"\bfrom\s+$", text[max(0, figure.start - 8) : figure.start], re.IGNORECASE) \
                and figure.start - earlier.end < 100 and not re.search(r"[.!?]\s", text[earlier.end : figure.start]):
            direction = "increase" if earlier.value > figure.value else "decrease"
            kept[kept.index(earlier)] = replace(earlier, change=earlier.change or direction, change_from=figure.value)
            continue
        kept.append(figure)
    return kept


def _marked(text: str, figure: Figure) -> Figure:
    """Mark a time phrase, or a difference with the words that make it one."""
    found = _context(text, figure.start, figure.end, figure.unit, ("time", "length"))
    if found is not None and found[0] == "time":
        return replace(figure, time_phrase=True)
    if figure.change is not None:
        return figure
    found = _context(text, figure.start, figure.end, figure.unit, _CHANGE_KINDS)
    if found is None:
        return figure
    kind, begin, finish = found
    return replace(figure, change=kind, start=min(begin, figure.start),
                   text_end=finish if finish > figure.end else None)


@lru_cache(maxsize=1)
def _after_rules() -> tuple[tuple[re.Pattern[str], Rule], ...]:
    """Rows of kind "after" ("N or more"), as a regex for the words after the figure and the rule."""
    found = []
    for rule in rules().values():
        if rule.kind == "after":
            tokens = rule.phrase.split()[1:]  # the words after N
            found.append((re.compile(r"\s+" + _words(tokens, False) + r"\b", re.IGNORECASE), rule))
    return tuple(found)


def _qualified_after(text: str, figure: Figure) -> Figure:
    """A qualifier written after the figure: "$3million or more" = [3m, inf), "five or fewer" = [0, 5]."""
    if figure.qualifier is not None or figure.value is None or figure.kind == "range" or figure.change is not None:
        return figure
    for pattern, rule in _after_rules():
        match = pattern.match(text, figure.end)
        if match is None:
            continue
        low, high = _bound(rule.low, figure.value), _bound(rule.high, figure.value)
        words = " ".join(match.group().lower().split())
        return replace(figure, low=low, high=high, low_inclusive=rule.low_inclusive and low is not None,
                       high_inclusive=rule.high_inclusive and high is not None, qualifier=words,
                       text_end=match.end())
    return figure


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` as an interval, with the qualifier before it; ranges and changes from a to b count as
    one figure, conversions in brackets as alternatives of the figure before them."""
    numbers = _raw_numbers(text)
    figures: list[Figure] = []
    index = 0
    while index < len(numbers):
        pair = (text, numbers[index], numbers[index + 1]) if index + 1 < len(numbers) else None
        joined = (_from_to(*pair) or _range(*pair)) if pair else None
        if joined:
            figures.append(joined)
            index += 2
        else:
            figures.append(_qualified(text, numbers[index]))
            index += 1
    figures = _to_then_from(text, _alternatives(text, figures))
    return [_qualified_after(text, _marked(text, figure)) for figure in figures]


def parse_number(text: str) -> float | None:
    """One number as written, digits or words: ``5,600``, ``1.5 million``, ``$2bn``, ``six``, ``2 1/2``."""
    figures = find_figures(text)
    return figures[0].value if figures else None
