"""Ranks (kg/extract/ranks.py; issue 16): an ordinal that places someone or something in an order is a figure of
measure "rank"; "first", ordinals that label a place or a part of a sequence, dates and names are none."""
from __future__ import annotations

import pytest

from kg.extract.quantities import extract_quantities
from kg.types import Article


def quantities(nlp, text: str):  # type: ignore[no-untyped-def]
    return [claim.quantity for claim in extract_quantities(nlp(text), Article(text=text, origin="test"), [])]


@pytest.mark.parametrize("text, written, value, subject", [
    ("Cheeks will be the fifth Sixers coach in four years.", "fifth", 5, "Cheeks"),
    ("Cheeks will be introduced as Philadelphia's 21st head coach on Tuesday.", "21st", 21, "Cheeks"),
    ("He had the fourth-highest win total in Blazers history.", "fourth", 4, None),
    ("Klitschko stopped Thompson in the sixth round.", "sixth", 6, None),
    ("Protests have overtaken Greece for the sixth straight day.", "sixth", 6, None),
    # whose rank it is: a possessor, a possessive pronoun's own clause subject, a name in apposition; never a place
    ("Blair's third term began in May.", "third", 3, "Blair"),
    ("Maurice Cheeks was starting his fourth season as coach.", "fourth", 4, "Maurice Cheeks"),
    ("Roger Federer, the second seed, lost on Monday.", "second", 2, "Roger Federer"),
    ("Britain's second city voted on Thursday.", "second", 2, None),
])
def test_ranks(nlp, text: str, written: str, value: int, subject: str | None) -> None:  # type: ignore
    [quantity] = [q for q in quantities(nlp, text) if q.measure == "rank"]
    assert (quantity.span.of(text), quantity.low, quantity.high, quantity.scope) == (written, value, value, "total")
    assert (quantity.subject, quantity.event) == (subject, None)  # a rank is never compared as an event's figure


@pytest.mark.parametrize("text", [
    "It was the first time she hosted the show.",
    "The shooter walked into the office on the building's second floor.",
    "He was hit on 117th Street in Richmond Hill.",
    "DeGeneres hosted the 79th Oscars in 2007.",
    "The law was allowed to expire on September 30th.",
    "The jury found him guilty of 1st degree murder.",
    "The Red Sox were looking to trade third baseman Mike Lowell.",
    "The agency had set a deadline on eleventh-hour rule changes.",
    "Sales rose in the fourth quarter.",
    # an ordinal that tells one person of a story from another labels, it ranks no one
    "She said the third victim died on the way to the hospital.",
    "Police arrested a second suspect on Friday.",
])
def test_not_ranks(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [q for q in quantities(nlp, text) if q.measure == "rank"] == []


def test_day_n_is_a_rank(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Day six of the Greek youth revolt"
    [quantity] = quantities(nlp, text)
    assert (quantity.measure, quantity.low, quantity.span.of(text), quantity.event) == ("rank", 6, "Day six",
                                                                                          "the Greek youth revolt")


def test_no_one_is_zero(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "No one was injured in the fire."
    [quantity] = quantities(nlp, text)
    assert (quantity.measure, quantity.low, quantity.high) == ("injuries", 0, 0)
    assert quantities(nlp, "Nobody knows why.") == []


def test_an_anniversary_is_an_age(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Obama helped celebrate the 160th anniversary of the Interior Department."
    [quantity] = quantities(nlp, text)
    assert (quantity.measure, quantity.low, quantity.scope) == ("age", 160, "attribute")
