"""Numeric claims: number parsing, bound rules, measures, events, attribution and the labelled news table."""
from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kg.extract.numbers import find_figures, parse_number, rules, words_to_number
from kg.extract.quantities import extract_quantities, resolve_time
from kg.namespaces import MEASURES
from kg.types import Article, Claim, Mention, Span

# bench/ is not a package: load the scorer by path so the test and the benchmark score the same way.
_BENCH = importlib.util.spec_from_file_location("bench_quantities", Path(__file__).resolve().parent.parent
                                                / "bench" / "quantities.py")
bench = importlib.util.module_from_spec(_BENCH)
sys.modules["bench_quantities"] = bench
_BENCH.loader.exec_module(bench)  # type: ignore[union-attr]

CASES = bench.load_cases()


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    """The model, loaded once per process by kg.nlp.load (shadows a conftest ``nlp`` fixture; both share the cache)."""
    from kg.nlp import load

    return load()


def figures_in(nlp, text: str, published: str | None = None, attributed=()):  # type: ignore[no-untyped-def]
    article = Article(text=text, origin="test", published=published)
    return extract_quantities(nlp(text), article, list(attributed))


def only(claims, figure: str, text: str):  # type: ignore[no-untyped-def]
    matching = [claim for claim in claims if figure in claim.quantity.span.of(text)]
    assert len(matching) == 1, [claim.quantity for claim in claims]
    return matching[0].quantity


# ---- numbers.py --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("5,600", 5600), ("five", 5), ("1.5 million", 1.5e6), ("$2bn", 2e9), ("£600m", 6e8), ("a hundred and two", 102),
    ("twenty-five thousand", 25000), ("2 1/2", 2.5), ("two dozen", 24), ("0.5k", 500),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, low, low_inc, high, high_inc, qualifier", [
    ("more than 200", 200, False, None, False, "more than"),
    ("over 6,700", 6700, False, None, False, "over"),
    ("at least 19", 19, True, None, False, "at least"),
    ("nearly 2,000", 1800, True, 2000, False, "nearly"),
    ("just under 500", 475, True, 500, False, "just under"),
    ("about 10 percent", 9, True, 11, True, "about"),
    ("up to 300", None, False, 300, True, "up to"),
    ("fewer than 40", None, False, 40, False, "fewer than"),
    ("2,000", 1900, True, 2100, True, None),  # a round figure is a band
    ("400", 400, True, 400, True, None),  # an exact figure is a point
    ("dozens", 24, True, 100, False, None),
    ("tens of thousands", 20000, True, 100000, False, None),
    ("a couple of thousand", 2000, True, 3000, True, None),
    ("more than a quarter-century", 25, False, None, False, "more than"),
    ("between 200 and 300", 200, True, 300, True, "between"),
    ("200-300", 200, True, 300, True, None),
])
def test_bounds(text: str, low, low_inc: bool, high, high_inc: bool, qualifier) -> None:  # type: ignore[no-untyped-def]
    [figure] = find_figures(text)
    assert (figure.low, figure.low_inclusive, figure.high, figure.high_inclusive, figure.qualifier) == (
        pytest.approx(low) if low is not None else None, low_inc,
        pytest.approx(high) if high is not None else None, high_inc, qualifier)


def test_not_ranges() -> None:
    assert [f.value for f in find_figures("rose from 5 to 10")] == [5, 10]  # a change, not a range
    assert [f.kind for f in find_figures("jumped 76% to $1.13bn")] == ["digits", "digits"]
    assert [f.value for f in find_figures("in 2004-05")][0] == 2004


def test_no_numbers_inside_words() -> None:
    assert find_figures("COVID-19 hit the G20") == []
    assert find_figures("the 5th floor") == []
    assert [f.value for f in find_figures("a multi-billion dollar plan")] == []


def test_rules_table_is_consistent() -> None:
    table = rules()
    assert {"<exact>", "<round>", "<scaled>", "<range>"} <= set(table)
    for rule in table.values():
        assert rule.kind in ("qualifier", "vague", "multiplier", "default"), rule
        assert not (rule.low == "-" and rule.low_inclusive) and not (rule.high == "-" and rule.high_inclusive), rule


@given(st.integers(min_value=0, max_value=999_999))
def test_words_round_trip_digits(value: int) -> None:
    """Digits with thousands separators parse back to the same integer."""
    assert parse_number(f"{value:,}") == value


@given(st.text(max_size=80))
def test_find_figures_never_raises_and_spans_are_inside(text: str) -> None:
    for figure in find_figures(text):
        assert 0 <= figure.start <= figure.number_start < figure.end <= len(text)
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high


def test_words_to_number_rejects_non_numbers() -> None:
    assert words_to_number("five apples") is None
    assert words_to_number("and") is None


# ---- quantities.py: the examples -------------------------------------------------------------------------

MIRZOYAN = ("Mirzoyan said the offensive targeted critical infrastructure such as electricity stations, telephone "
            "cables and internet equipment, killed more than 200 people and wounded 400 others, including women and "
            "children.")


def test_attributed_figures_take_the_claimant(nlp) -> None:  # type: ignore[no-untyped-def]
    speaker = Mention(name="Ararat Mirzoyan", kind="person", span=Span(0, 8))
    said = Claim(claimant=speaker, stance="assert", content=(Span(14, len(MIRZOYAN) - 1),),
                 sentence=Span(0, len(MIRZOYAN)), cue=Span(9, 13))
    claims = figures_in(nlp, MIRZOYAN, attributed=[said])
    deaths = only(claims, "200", MIRZOYAN)
    assert (deaths.measure, deaths.low, deaths.low_inclusive, deaths.high) == ("deaths", 200, False, None)
    assert (deaths.qualifier, deaths.counted, deaths.event) == ("more than", "people", "the offensive")
    injuries = only(claims, "400", MIRZOYAN)
    assert (injuries.measure, injuries.low, injuries.high, injuries.low_inclusive) == ("injuries", 400, 400, True)
    for claim in claims:
        assert claim.claimant == speaker and claim.cue == Span(9, 13) and not claim.narrator


def test_narrator_deaths_with_event_time(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The 2020 war killed over 6,700 people."
    [claim] = figures_in(nlp, text)
    assert claim.narrator and claim.claimant.kind == "narrator" and claim.stance == "assert" and claim.cue is None
    q = claim.quantity
    assert (q.measure, q.low, q.low_inclusive, q.high, q.event, q.event_time) == (
        "deaths", 6700, False, None, "The 2020 war", "2020")


def test_narrator_is_the_wire_service(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The 2020 war killed over 6,700 people."
    article = Article(text=text, origin="t", wire_service="AP", publisher="Arab News")
    [claim] = extract_quantities(nlp(text), article, [])
    assert claim.claimant.name == "AP"


def test_relative_clause_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In 44 days of fighting that began in late September and left more than 5,600 people killed on both "
            "sides, the Azerbaijani army pushed deep into Nagorno-Karabakh.")
    claims = figures_in(nlp, text, published="2020-12-12")
    deaths = only(claims, "5,600", text)
    assert (deaths.measure, deaths.low, deaths.high) == ("deaths", 5600, None)
    assert deaths.event == "44 days of fighting that began in late September"
    assert deaths.event_time == "2020-09"
    duration = only(claims, "44", text)
    assert (duration.measure, duration.point, duration.unit) == ("duration", 44, "day")


@pytest.mark.parametrize("text, figure, measure, low, low_inc, high, high_inc", [
    ("Russia deployed nearly 2,000 peacekeepers for at least five years.", "2,000", "troops", 1800, True, 2000, False),
    ("A contingent of 2,000 Russian peacekeepers was sent to the region.", "2,000", "troops", 1900, True, 2100, True),
    ("Since then, at least 19 countries have signed its founding charter.", "19", "countries", 19, True, None, False),
    ("Sharif will attend the meeting alongside delegations from at least 20 countries.", "20", "countries", 20, True,
     None, False),
    ("We can send initially a couple of thousand troops anytime.", "thousand", "troops", 2000, True, 3000, True),
    ("At least 46 people were arrested in a large protest, police said.", "46", "arrests", 46, True, None, False),
    ("More than 10,000 people fled their homes to escape the offensive.", "10,000", "displaced", 10000, False, None,
     False),
    ("Shelling of houses in the camp left at least five dead and 16 injured.", "16", "injuries", 16, True, 16, True),
    ("Aftershocks jolt Iran's Qeshm island, death toll rises to 10", "10", "deaths", 10, True, 10, True),
    ("Putin demanded Ukraine withdraw troops from the about 10 percent of Donbas.", "10", "territory", 9, True, 11,
     True),
])
def test_measures_and_bounds(nlp, text, figure, measure, low, low_inc, high, high_inc) -> None:  # type: ignore
    q = only(figures_in(nlp, text), figure, text)
    assert (q.measure, q.low_inclusive, q.high_inclusive) == (measure, low_inc, high_inc)
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


def test_gunmen_are_not_the_dead(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Three gunmen killed two people in the market."
    claims = figures_in(nlp, text)
    assert [c.quantity.span.of(text) for c in claims] == ["two"]


@pytest.mark.parametrize("text", [
    "The roughly 60-page report proposes a roadmap for the parliament.",
    "Representatives held in-depth discussions regarding the 20-point plan for peace.",
    "It is Europe's bloodiest conflict since World War Two.",
    "Article 5-like guarantees are an opportunity to prevent another invasion.",
    "The peace deal was brokered by Russia on Nov. 10 in Moscow.",
    "A 36-year-old man died about 11am on Friday.",
    "Gary Gomes was arrested late Tuesday night at 2088 Philip Street.",
    "Separatist fighting ended in 1994.",
    "Three sources told Reuters the plan was ready.",
    "Protesters rallied for a third day Thursday.",
])
def test_not_quantity_claims(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert figures_in(nlp, text) == []


def test_measures_are_in_the_vocabulary(nlp) -> None:  # type: ignore[no-untyped-def]
    known = set(MEASURES)
    for text in {case.sentence for case in CASES}:
        for claim in figures_in(nlp, text):
            assert claim.quantity.measure in known, claim.quantity
            assert claim.sentence.start <= claim.quantity.span.start < claim.quantity.span.end <= claim.sentence.end


@pytest.mark.parametrize("phrase, published, expected", [
    ("2020", None, "2020"), ("late September", "2020-12-12", "2020-09"), ("late September", None, None),
    ("last month", "2020-12-12", "2020-11"), ("Wednesday", "2023-09-22", "2023-09-20"),
    ("September 21, 2023", None, "2023-09-21"), ("last year", "2026-02-13", "2025"),
])
def test_resolve_time(phrase: str, published, expected) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    assert resolve_time(phrase, date.fromisoformat(published) if published else None) == expected


# ---- the labelled table ------------------------------------------------------------------------------------------

def test_labelled_table_scores(nlp) -> None:  # type: ignore[no-untyped-def]
    """Guards the measured level (see bench/quantities.py): fails if extraction regresses."""
    result = bench.score_cases(CASES)
    assert result["gold_figures"] >= 100 and result["sentences"] >= 60
    assert result["precision"] >= 0.9, result["errors"]
    assert result["recall"] >= 0.85, result["errors"]


@pytest.mark.parametrize("case", [c for c in CASES if c.figure is None], ids=lambda c: c.sentence[:40])
def test_labelled_negatives(nlp, case) -> None:  # type: ignore[no-untyped-def]
    assert figures_in(nlp, case.sentence) == []


def test_quantulum_values() -> None:
    folder = bench.CORPORA / "quantulum3-quantities"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    result = bench.score_quantulum(bench.CORPORA)
    assert result["value_recall"] >= 0.7 and not math.isnan(result["value_precision"])
