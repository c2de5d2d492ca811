"""The contradiction engine on small hand-made stores: each kind fires on its true case and not on near misses."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.contradictions import Interval, compare_figures, detect, materialize
from kg.linking import link
from kg.namespaces import CONTRADICTIONS_GRAPH, article_iri
from kg.pipeline import extraction_fingerprint
from kg.rdf import article_quads
from kg.report import build_report, to_html, to_markdown
from kg.store import Store
from kg.types import Article, Claim, Extraction, Mention, Quantity, Span


@dataclass
class Said:
    """One claim to plant: who said it, the content (a substring of the text), and optionally a figure."""

    who: str
    content: str
    stance: str = "assert"
    kind: str = "person"
    role: str | None = None
    affiliation: str | None = None
    figure: str | None = None  # substring of content
    measure: str = "deaths"
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = False
    high_inclusive: bool = False
    event: str | None = None  # substring of the text
    event_time: str | None = None
    counted: str | None = "people"
    scope: str = "total"


def span_of(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def extraction(text: str, said: list[Said], *, title: str, published: str | None,
               publisher: str | None = None) -> Extraction:
    article = Article(text=text, origin=title, title=title, published=published,
                      date_source="metadata" if published else None, publisher=publisher)
    claims = []
    for item in said:
        content = span_of(text, item.content)
        narrator = item.kind == "narrator"
        claimant = Mention(name=item.who, kind=item.kind,
                           span=None if narrator else span_of(text, item.who), role=item.role,
                           affiliation=item.affiliation)
        quantity = None
        if item.figure:
            quantity = Quantity(measure=item.measure, low=item.low, high=item.high, low_inclusive=item.low_inclusive,
                                high_inclusive=item.high_inclusive, span=span_of(text, item.figure),
                                point=item.low if item.low == item.high else None, counted=item.counted,
                                event=item.event, event_span=span_of(text, item.event) if item.event else None,
                                event_time=item.event_time, scope=item.scope)
        claims.append(Claim(claimant=claimant, stance=item.stance, content=(content,), sentence=content,
                            narrator=narrator, quantity=quantity))
    return Extraction(article=article, claims=tuple(claims))


def store_of(*extractions: Extraction) -> Store:
    store = Store(None)
    for item in extractions:
        store.replace_graph(article_iri(item.article.content_hash),
                            article_quads(item, extractor_version=extraction_fingerprint()))
    link(store)
    return store


WAR_2020 = extraction(
    "In 44 days of fighting that began in late September in Nagorno-Karabakh, more than 5,600 people were killed. "
    "Armenia and Azerbaijan signed a deal.",
    [Said("narrator", "more than 5,600 people were killed", kind="narrator", figure="more than 5,600", low=5600,
          event="44 days of fighting that began in late September", event_time="2020-09-27/2020-11-10")],
    title="Truce holds in Nagorno-Karabakh", published="2020-12-12", publisher="Wire")


def war_2023(figure: str, low: float | None, high: float | None, *, low_inclusive: bool = False,
             high_inclusive: bool = False, counted: str = "people", published: str = "2023-09-21",
             scope: str = "total") -> Extraction:
    text = f"Azerbaijan took Nagorno-Karabakh from Armenia. The 2020 war killed {figure} {counted}."
    return extraction(text, [Said("narrator", f"The 2020 war killed {figure} {counted}", kind="narrator",
                                  figure=figure, low=low, high=high, low_inclusive=low_inclusive,
                                  high_inclusive=high_inclusive, event="The 2020 war", event_time="2020",
                                  counted=counted, scope=scope)],
                      title=f"Offensive in Nagorno-Karabakh ({figure})", published=published, publisher="Wire")


def test_interval_logic() -> None:
    more_than_200 = Interval(200, None, False, False)
    at_most_200 = Interval(None, 200, False, True)
    assert more_than_200.disjoint(at_most_200)
    assert not more_than_200.disjoint(Interval(None, 201, False, False))
    assert Interval(19, None, True, False).disjoint(Interval(10, 18, True, True))
    assert not Interval(19, None, True, False).disjoint(Interval(10, 19, True, True))
    assert Interval(1800, 2000, True, False).centre == 1900


def test_later_higher_death_toll_is_a_revision_not_a_conflict() -> None:
    store = store_of(WAR_2020, war_2023("over 6,700", 6700, None))
    [found] = detect(store, ["numeric"])
    assert (found.kind, found.severity, found.revision) == ("numeric", "divergent", True)
    assert "revised count" in found.explanation


def test_incompatible_figures_for_one_event_conflict() -> None:
    store = store_of(war_2023("at most 3,000", None, 3000, high_inclusive=True, published="2023-09-21"),
                     war_2023("more than 6,700", 6700, None, published="2023-09-21"))
    [found] = detect(store, ["numeric"])
    assert (found.severity, found.revision) == ("conflict", False)
    assert "cannot both be true" in found.explanation


@pytest.mark.parametrize("scope", ["increment", "attribute", "part"])
def test_only_totals_are_compared(scope: str) -> None:
    # "another 40 died" adds to a toll, "seven in one province" is a part of it: neither contradicts the total
    store = store_of(war_2023("more than 6,700", 6700, None, published="2023-09-21"),
                     war_2023("another 40", 40, 40, low_inclusive=True, high_inclusive=True, scope=scope))
    assert detect(store, ["numeric"]) == []


def test_compatible_figures_raise_nothing() -> None:
    store = store_of(war_2023("over 6,700", 6700, None), war_2023("about 6,800", 6120, 7480,
                                                                  low_inclusive=True, high_inclusive=True))
    assert detect(store, ["numeric"]) == []


def test_different_scope_and_measure_are_never_compared() -> None:
    peacekeepers = war_2023("5", 5, 5, low_inclusive=True, high_inclusive=True, counted="peacekeepers")
    store = store_of(war_2023("over 6,700", 6700, None), peacekeepers)
    assert detect(store, ["numeric"]) == []
    row = {"claim": "a", "measure": "x#Deaths", "article": "A", "claimant": "c", "counted": "people", "low": 1,
           "high": 1, "lowInclusive": True, "highInclusive": True}
    assert compare_figures(row, {**row, "claim": "b", "claimant": "d", "counted": "children", "low": 9,
                                 "high": 9}) is None


DENIAL = extraction(
    "Ararat Mirzoyan said there was clear evidence of a policy of ethnic cleansing. "
    "Jeyhun Bayramov strongly denied the allegations of ethnic cleansing. "
    "Bayramov said the talks will continue.",
    [Said("Ararat Mirzoyan", "there was clear evidence of a policy of ethnic cleansing"),
     Said("Jeyhun Bayramov", "the allegations of ethnic cleansing", stance="deny"),
     Said("Bayramov", "the talks will continue")],
    title="Azerbaijan claims control", published="2023-09-21")


def test_assert_and_deny_are_a_polarity_conflict() -> None:
    store = store_of(DENIAL)
    [found] = detect(store, ["polarity"])
    assert (found.kind, found.severity, found.topic) == ("polarity", "conflict", "ethnic cleansing")
    report = build_report(store, [found])
    claimants = [claim["claimant"] for claim in report["contradictions"][0]["claims"]]
    assert claimants == ["Jeyhun Bayramov", "Ararat Mirzoyan"]


def test_a_denial_of_something_else_does_not_fire() -> None:
    text = ("Ararat Mirzoyan said there was clear evidence of a policy of ethnic cleansing. "
            "Jeyhun Bayramov denied the reports of heavy shelling near Stepanakert.")
    store = store_of(extraction(text, [
        Said("Ararat Mirzoyan", "there was clear evidence of a policy of ethnic cleansing"),
        Said("Jeyhun Bayramov", "the reports of heavy shelling near Stepanakert", stance="deny")],
        title="Two topics", published="2023-09-21"))
    assert detect(store, ["polarity"]) == []


def test_one_claimant_denying_and_asserting_is_not_a_contradiction_between_sources() -> None:
    text = "Bayramov said ethnic cleansing is a lie. Bayramov denied the allegations of ethnic cleansing."
    store = store_of(extraction(text, [Said("Bayramov", "ethnic cleansing is a lie"),
                                       Said("Bayramov", "the allegations of ethnic cleansing", stance="deny")],
                                title="One voice", published="2023-09-21"))
    assert detect(store, ["polarity"]) == []


BLAME = extraction(
    "Azerbaijani President Ilham Aliyev blamed Armenia for the attack on the villages. "
    "The Armenian Defense Ministry charged that the Azerbaijani army mounted an attack in the south.",
    # "Azerbaijani President": the extractor reads the affiliation from the demonym (no gazetteer row needed)
    [Said("Ilham Aliyev", "Armenia for the attack on the villages", stance="accuse", role="President",
          affiliation="Azerbaijan"),
     Said("The Armenian Defense Ministry", "that the Azerbaijani army mounted an attack in the south",
          stance="accuse", kind="organization")],
    title="Ceasefire breached", published="2020-12-12")


def test_mutual_blame_is_found() -> None:
    store = store_of(BLAME)
    [found] = detect(store, ["blame"])
    assert (found.kind, found.severity) == ("blame", "conflict")
    assert found.topic.startswith("Armenia and Azerbaijan blame each other")
    assert len(found.claims) == 2


def test_blame_names_a_plural_act_by_its_singular() -> None:
    # regression: "clashes" was read as "clashe", a row hostile_acts.txt held for a stemmer of blame's own
    text = ("Azerbaijani President Ilham Aliyev blamed Armenia for the new clashes. "
            "The Armenian Defense Ministry charged that the Azerbaijani army started the clashes.")
    clashes = extraction(text, [
        Said("Ilham Aliyev", "Armenia for the new clashes", stance="accuse", role="President",
             affiliation="Azerbaijan"),
        Said("The Armenian Defense Ministry", "that the Azerbaijani army started the clashes", stance="accuse",
             kind="organization")], title="Clashes", published="2020-12-12")
    [found] = detect(store_of(clashes), ["blame"])
    assert found.topic == "Armenia and Azerbaijan blame each other (clash)"


def test_one_sided_blame_and_blame_months_apart_do_not_fire() -> None:
    text = "Azerbaijani President Ilham Aliyev blamed Armenia for the attack on the villages."
    one_sided = extraction(text, [Said("Ilham Aliyev", "Armenia for the attack on the villages", stance="accuse")],
                           title="One side", published="2020-12-12")
    assert detect(store_of(one_sided), ["blame"]) == []
    later = "Months later the Armenian Defense Ministry charged that the Azerbaijani army mounted an attack."
    reply = extraction(later, [Said("the Armenian Defense Ministry", "that the Azerbaijani army mounted an attack",
                                    stance="accuse", kind="organization")], title="Later", published="2021-06-01")
    assert detect(store_of(one_sided, reply), ["blame"]) == []


def test_materialized_contradictions_are_queryable_and_replaced() -> None:
    store = store_of(DENIAL, BLAME)
    found = detect(store)
    assert materialize(store, found) == 2
    rows = store.select("PREFIX cg: <https://w3id.org/claimgraph/ontology#> "
                        "SELECT ?c ?kind WHERE { ?c a cg:Contradiction ; cg:kind ?kind }")
    assert sorted(row["kind"].rsplit("#")[-1] for row in rows) == ["Blame", "Polarity"]
    materialize(store, found[:1])
    assert store.triple_count(CONTRADICTIONS_GRAPH) < store.triple_count() and len(
        store.select("PREFIX cg: <https://w3id.org/claimgraph/ontology#> SELECT ?c WHERE { ?c a cg:Contradiction }")
    ) == 1


def test_report_json_shape_markdown_and_escaped_html() -> None:
    hostile = "Ararat Mirzoyan said <script>alert(1)</script> proves a policy of ethnic cleansing. " \
              "Jeyhun Bayramov denied the allegations of ethnic cleansing."
    store = store_of(extraction(hostile, [
        Said("Ararat Mirzoyan", "<script>alert(1)</script> proves a policy of ethnic cleansing"),
        Said("Jeyhun Bayramov", "the allegations of ethnic cleansing", stance="deny")],
        title="Hostile <b>title</b>", published="2023-09-21"), WAR_2020, war_2023("over 6,700", 6700, None))
    report = build_report(store, detect(store))
    item = next(i for i in report["contradictions"] if i["kind"] == "numeric")
    assert {"id", "kind", "severity", "topic", "explanation", "claims"} <= set(item)
    value = next(c["value"] for c in item["claims"] if c["value"]["low"] == 5600)
    assert value == {**value, "measure": "deaths", "low": 5600, "low_inclusive": False, "high": None,
                     "text": "more than 5,600"}
    for claim in item["claims"]:
        assert {"id", "claimant", "stance", "text", "source"} <= set(claim)
        assert {"id", "title", "publisher", "published"} <= set(claim["source"])
    page = to_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>title</b>" not in page
    assert "## ethnic cleansing" in to_markdown(report)


@pytest.mark.slow
def test_cli_report_formats_and_fail_on(tmp_path: Path) -> None:
    from kg.store import open_store

    location = tmp_path / "store"
    with open_store(location) as store:
        for item in (DENIAL, WAR_2020, war_2023("over 6,700", 6700, None)):
            store.replace_graph(article_iri(item.article.content_hash),
                                article_quads(item, extractor_version=extraction_fingerprint()))
        link(store)
    runner = CliRunner()
    result = runner.invoke(app, ["contradictions", "--store", str(location), "--format", "json"])
    assert result.exit_code == 0
    kinds = sorted(item["kind"] for item in json.loads(result.stdout)["contradictions"])
    assert kinds == ["numeric", "polarity"]
    only = runner.invoke(app, ["contradictions", "--store", str(location), "--format", "json", "--kind", "numeric"])
    assert [i["kind"] for i in json.loads(only.stdout)["contradictions"]] == ["numeric"]
    about = runner.invoke(app, ["contradictions", "--store", str(location), "--format", "json", "--about",
                                "cleansing"])
    assert [i["kind"] for i in json.loads(about.stdout)["contradictions"]] == ["polarity"]
    assert runner.invoke(app, ["contradictions", "--store", str(location), "--fail-on", "conflict"]).exit_code == 1
    numeric_only = runner.invoke(app, ["contradictions", "--store", str(location), "--kind", "numeric",
                                       "--fail-on", "conflict"])
    assert numeric_only.exit_code == 0  # a revision is not a conflict
    for fmt in ("table", "markdown", "html"):
        assert runner.invoke(app, ["contradictions", "--store", str(location), "--format", fmt]).exit_code == 0
    assert runner.invoke(app, ["contradictions", "--store", str(location), "--materialize"]).exit_code == 0
    stats = json.loads(runner.invoke(app, ["stats", "--store", str(location), "--format", "json"]).stdout)
    # the 2023 toll is a revision of the 2020 one: listed by the report, counted apart by stats
    assert (stats["contradictions"], stats["revisions"]) == (1, 1)


@pytest.mark.parametrize("content, accused", [
    ("Armenia for the new clashes", ["country/armenia"]),  # "blaming Armenia for the new clashes"
    ("that the Azerbaijani army mounted an attack in the south", ["country/azerbaijan"]),
    ("that its forces thwarted Armenian provocations", ["country/armenia"]),
    ("Armenia is a neighbour and trade will grow", []),
    ("talks with Azerbaijan on the attack anniversary will resume in Armenia", []),
])
def test_who_a_claim_blames(content: str, accused: list[str]) -> None:
    from kg.blame import accused_in
    from kg.resolve import load_gazetteer

    assert accused_in(content, None, load_gazetteer()) == accused
