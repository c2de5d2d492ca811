"""A figure of what will, would or could be is a forecast, not a count (kg/extract/mood.py): its claim foresees it,
and it is neither compared nor reconciled. Sentences written for these tests in the style of news reports."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.quantities import extract_quantities
from kg.namespaces import FACTUAL_STANCES, STANCES
from kg.types import Article

FIGURES = [
    # (sentence, the figure as written, the stance of its claim when the narrator gives it)
    ("Up to 10,000 jobs could be lost at the plant.", "Up to 10,000", "predict"),
    ("The flood could cost the economy £2bn.", "£2bn", "predict"),
    ("If the strike goes ahead, 40,000 flights would be cancelled.", "40,000", "predict"),
    ("The company will cut 5,000 jobs next year.", "5,000", "predict"),
    ("The firm plans to cut 500 jobs.", "500", "predict"),
    ("The bank is expected to lose $2bn this year.", "$2bn", "predict"),
    ("The airline is going to hire 300 pilots.", "300", "predict"),
    # what happened, also when it is an estimate or a capacity
    ("The earthquake killed at least 300 people.", "at least 300", "assert"),
    ("As many as 1,000 people may have died in the earthquake.", "As many as 1,000", "assert"),
    ("The company cut 5,000 jobs last year.", "5,000", "assert"),
    ("The stadium can hold 60,000 fans.", "60,000", "assert"),
    # a quantity taken as there already, in a clause about what will or could be
    ("The dairy said it was going to stop making payments on its $300,000 debt.", "$300,000", "assert"),
    ("Maybe the state could sell the 100,000 pounds of cheese.", "100,000", "assert"),
]


@pytest.mark.parametrize(("text", "written", "stance"), FIGURES)
def test_a_figure_of_what_will_or_could_be_is_foreseen(nlp, text: str, written: str, stance: str) -> None:
    claims = extract_quantities(nlp(text), Article(text=text, origin="test"), [])
    [claim] = [c for c in claims if c.quantity.span.of(text) == written]
    assert claim.stance == stance


def test_numeric_query_compares_only_figures_put_forward_as_fact() -> None:
    query = (Path(__file__).resolve().parent.parent / "queries" / "contradictions" / "numeric.rq").read_text()
    excluded = re.search(r"\?stance IN \(([^)]*)\)", query)
    assert excluded is not None
    named = {name.strip().removeprefix("cg:").lower() for name in excluded.group(1).split(",")}
    assert named == set(STANCES) - set(FACTUAL_STANCES)
