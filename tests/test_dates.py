"""kg.dates is the one reader of times: figures' event phrases at extraction (resolve_time writes their labels) and
event times at resolution (parse_time reads those labels back, and phrases the same way)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.dates import parse_time, read_time, resolve_time

DECEMBER = date(2020, 12, 12)
MONDAY = date(2023, 9, 18)


@pytest.mark.parametrize(("phrase", "published", "label"), [
    ("The 2020 war", None, "2020"),
    ("44 days of fighting that began in late September", DECEMBER, "2020-09"),
    ("late September", date(2021, 2, 1), "2020-09"),  # in February: last year's September
    ("September 21", DECEMBER, "2020-09-21"), ("21 September", DECEMBER, "2020-09-21"),
    ("September", None, None),  # no year and no article date
    ("Wednesday", MONDAY, "2023-09-13"), ("Monday's shooting", MONDAY, "2023-09-18"),
    ("last Monday", MONDAY, "2023-09-11"),  # said on a Monday: a week before
    ("next Monday", MONDAY, None),  # a day to come is no time of what was reported
    ("tonight", MONDAY, "2023-09-18"), ("yesterday", MONDAY, "2023-09-17"),
    ("last month", DECEMBER, "2020-11"), ("this month", DECEMBER, "2020-12"),
    ("last year", DECEMBER, "2019"), ("August last year", DECEMBER, "2019-08"),
    ("February this year", DECEMBER, "2020-02"),
    ("Updated: 2011-11-11 18:50", None, "2011-11-11"),
    ("the 2004-05 season", None, "2004"),  # in text "2004-05" is a season
    ("in may", DECEMBER, None),  # a lowercase "may" is the verb's
    ("in 1850", None, "1850"),
])
def test_the_label_of_a_phrase(phrase: str, published: date | None, label: str | None) -> None:
    assert resolve_time(phrase, published) == label


@pytest.mark.parametrize("label", ["2020", "2020-09", "2020-09-21", "2004-05"])
def test_parse_time_reads_its_labels_back(label: str) -> None:
    span = parse_time(label)
    assert span is not None and span.label() == label


def test_the_part_of_a_month_narrows_the_span_resolution_compares() -> None:
    span = read_time("began in late September", DECEMBER)
    assert span is not None and (span.start, span.end) == (date(2020, 9, 20), date(2020, 9, 30))
    assert parse_time("the 2004-05 season") == read_time("the 2004-05 season") != parse_time("2004-05")
