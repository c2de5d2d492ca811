"""The contradiction engine on small hand-made stores: each kind fires on its true case and not on near misses."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
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
             scope: str = "total", stance: str = "assert") -> Extraction:
    text = f"Azerbaijan took Nagorno-Karabakh from Armenia. The 2020 war killed {figure} {counted}."
    return extraction(text, [Said("narrator", f"The 2020 war killed {figure} {counted}", kind="narrator",
                                  figure=figure, low=low, high=high, low_inclusive=low_inclusive,
                                  high_inclusive=high_inclusive, event="The 2020 war", event_time="2020",
                                  counted=counted, scope=scope, stance=stance)],
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


@pytest.mark.parametrize("stance", ["predict", "deny", "question"])
def test_a_figure_not_put_forward_as_fact_is_neither_compared_nor_reconciled(stance: str) -> None:
    # "the toll could rise to 3,000", "officials denied that 3,000 died": no count that could clash with one
    from kg.figures import reconcile

    store = store_of(war_2023("at most 3,000", None, 3000, high_inclusive=True, stance=stance),
                     war_2023("more than 6,700", 6700, None))
    assert detect(store, ["numeric"]) == []
    [deaths] = reconcile(store)
    assert (deaths["sources"], deaths["low"], deaths["conflict"]) == (1, 6700, False)


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
    # the same pair of figures as places in a sequence ("day six" and "day nine" of one revolt) is no clash
    deaths = {**row, "article": "A", "counted": None, "published": "2008-12-12"}
    other = {**deaths, "claim": "b", "claimant": "d", "article": "B", "low": 9, "high": 9}
    assert compare_figures(deaths, other) is not None
    assert compare_figures({**deaths, "measure": "x#Rank"}, {**other, "measure": "x#Rank"}) is None


def test_durations_of_one_event_in_other_units_are_compared_in_days() -> None:
    from kg.contradictions import numeric

    def row(claim: str, figure: str, low: float, high: float | None, unit: str) -> dict:
        return {"claim": claim, "measure": "x#Duration", "event": "E", "article": claim, "claimant": claim,
                "counted": unit + "s", "unit": unit, "figure": figure, "low": low, "high": high,
                "lowInclusive": True, "highInclusive": high is not None}

    years = row("a", "more than four years", 4, None, "year")
    months = row("b", "four and a half months", 4.5, 4.5, "month")
    found = numeric([years, months])
    assert [(item.severity, item.claims) for item in found] == [("conflict", ("a", "b"))]
    # a month is 28 to 31 days, a week seven: the same length written two ways is no clash
    assert numeric([row("c", "a month", 1, 1, "month"), row("d", "30 days", 30, 30, "day")]) == []
    assert numeric([row("e", "two weeks", 2, 2, "week"), row("f", "14 days", 14, 14, "day")]) == []
    # a whole number of weeks is rounded to the week: "a six-week war" and "44 days of fighting" agree
    assert numeric([row("i", "six-week", 6, 6, "week"), row("j", "44 days", 44, 44, "day")]) == []
    # nights have no fixed length in days: never compared with days
    assert numeric([row("g", "three nights", 3, 3, "night"), row("h", "ten days", 10, 10, "day")]) == []


def _toll(claim: str, low: float, high: float | None, published: str, *, event: str = "E",
          time: str | None = "2020") -> dict:
    return {"claim": claim, "measure": "x#Deaths", "event": event, "eventLabel": "the war", "article": "A" + claim,
            "claimant": claim, "counted": "people", "unit": None, "figure": f"{low:g}", "low": low, "high": high,
            "lowInclusive": True, "highInclusive": high is not None, "published": published, "time": time,
            "sentence": f"The war killed {low:g} people."}


def test_a_block_of_figures_that_disagree_is_one_item_naming_its_widest_clash() -> None:
    from kg.contradictions import numeric

    # four reports of one day: about 100, 102 and 98 agree, 300 clashes with each, and 98 is in 300's article
    rows = [_toll("a", 95, 105, "2020-05-01"), _toll("b", 97, 107, "2020-05-01"),
            _toll("c", 300, 300, "2020-05-01"), {**_toll("d", 93, 103, "2020-05-01"), "article": "Ac"}]
    [item] = numeric(rows)
    assert (item.kind, item.severity, item.revision, item.candidate) == ("numeric", "conflict", False, False)
    assert item.claims[:2] == ("a", "c")  # the widest clash first (100 against 300, wider than 102 against it)...
    assert set(item.claims) == {"a", "b", "c"}  # ...then every other figure in a clash; d clashes with nobody
    assert item.details["pairs"] == 2 and item.details["conflicting"] == ["a", "b", "c"]
    assert "3 figures from 3 articles disagree (2 pairs)" in item.explanation
    # the same rows in another order give the same item
    assert numeric(rows[::-1]) == [item] and numeric(rows[::-1])[0].explanation == item.explanation
    # d against a and b makes no clash, nor against c in its own article: with another article, it does
    [item] = numeric([*rows[:3], _toll("d", 93, 103, "2020-05-01")])
    assert set(item.claims) == {"a", "b", "c", "d"} and item.details["pairs"] == 3


def test_a_block_gives_at_most_four_items_however_many_figures_it_holds() -> None:
    from kg.contradictions import numeric

    # 60 reports on two days, half 100 and half 300: 900 clashing pairs, and later higher tolls are revisions
    rows = [_toll(f"c{index:02d}", value, value, day) for index in range(60)
            for value, day in [((100, 300)[index % 2], ("2020-05-01", "2020-05-02")[index // 30])]]
    found = numeric(rows)
    assert sorted((item.revision, item.candidate) for item in found) == [(False, False), (True, False)]
    assert sum(item.details["pairs"] for item in found) == 30 * 30
    # an item's IRI is its block's: figures joining the block leave it as it is
    assert {item.id for item in numeric(rows[:40])} == {item.id for item in found}
    # a figure with no time beside it is a candidate: its item is apart
    lone = {**_toll("z", 500, 500, "2020-05-03"), "time": None}
    assert sorted((item.revision, item.candidate) for item in numeric([*rows, lone])) == \
        [(False, False), (True, False), (True, True)]


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


def test_report_json_shape_markdown_and_escaped_html(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.propositions

    monkeypatch.setattr(kg.propositions, "REPORT_CONFIDENCE", 0.3)  # the shape, whatever the markup does to meaning
    hostile = "Ararat Mirzoyan said <script>alert(1)</script> proves a policy of ethnic cleansing. " \
              "Jeyhun Bayramov denied the allegations of ethnic cleansing."
    store = store_of(extraction(hostile, [
        Said("Ararat Mirzoyan", "<script>alert(1)</script> proves a policy of ethnic cleansing"),
        Said("Jeyhun Bayramov", "the allegations of ethnic cleansing", stance="deny")],
        title="Hostile <b>title</b>", published="2023-09-21"), WAR_2020, war_2023("over 6,700", 6700, None))
    report = build_report(store, detect(store))
    # the 2023 toll revises the 2020 one: a revision, listed apart from the contradictions
    assert [i["kind"] for i in report["contradictions"]] == ["polarity"]
    [item] = report["revisions"]
    assert item["kind"] == "numeric"
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
    assert "### ethnic cleansing — polarity, conflict" in to_markdown(report)


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
    listed = json.loads(result.stdout)
    assert [item["kind"] for item in listed["contradictions"]] == ["polarity"]
    assert [item["kind"] for item in listed["revisions"]] == ["numeric"]  # the toll revised upwards
    only = json.loads(runner.invoke(app, ["contradictions", "--store", str(location), "--format", "json", "--kind",
                                          "numeric"]).stdout)
    assert (only["contradictions"], [i["kind"] for i in only["revisions"]]) == ([], ["numeric"])
    about = runner.invoke(app, ["contradictions", "--store", str(location), "--format", "json", "--about",
                                "cleansing"])
    assert [i["kind"] for i in json.loads(about.stdout)["contradictions"]] == ["polarity"]
    assert json.loads(about.stdout)["revisions"] == []
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


# -- kg figures: each event's figures reconciled per measure ----------------------------------------------------------

def test_figures_reconcile_a_revised_toll() -> None:
    from kg.figures import reconcile

    [deaths] = reconcile(store_of(WAR_2020, war_2023("over 6,700", 6700, None)))
    assert (deaths["measure"], deaths["low"], deaths["best"], deaths["high"]) == ("deaths", 5600, 6700, 6700)
    assert (deaths["sources"], deaths["conflict"], len(deaths["claims"])) == (2, False, 2)


def test_figures_that_cannot_both_hold_conflict_and_best_is_the_most_conservative() -> None:
    from kg.figures import reconcile

    [deaths] = reconcile(store_of(
        war_2023("at most 3,000", None, 3000, high_inclusive=True, published="2023-09-21"),
        war_2023("more than 6,700", 6700, None, published="2023-09-21")))
    assert (deaths["low"], deaths["best"], deaths["high"], deaths["conflict"]) == (3000, 3000, 6700, True)


def test_figures_of_another_counted_class_are_apart() -> None:
    from kg.figures import reconcile

    found = reconcile(store_of(war_2023("over 6,700", 6700, None),
                               war_2023("5", 5, 5, low_inclusive=True, high_inclusive=True, counted="peacekeepers")))
    assert sorted((item["counted"] or "", item["sources"]) for item in found) == [("", 1), ("peacekeeper", 1)]


def test_kg_figures_on_the_samples(sample_store: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["figures", "--store", str(sample_store), "--measure", "deaths"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0] == "measure\tevent_label\tlow\tbest\thigh\tsources\tconflict"
    assert lines[1] == "deaths\t44 days of fighting that began in late September\t5600\t6700\t6700\t2\t"
    as_json = json.loads(runner.invoke(app, ["figures", "--store", str(sample_store), "--format", "json"]).stdout)
    assert {"event", "event_label", "measure", "low", "best", "high", "sources", "conflict", "claims"} <= \
        set(as_json["figures"][0])
    csv_lines = runner.invoke(app, ["figures", "--store", str(sample_store), "--format", "csv"]).stdout.splitlines()
    assert csv_lines[0] == "event,event_label,measure,unit,counted,low,best,high,sources,conflict,claims,articles"
    assert len(csv_lines) == len(as_json["figures"]) + 1


# -- polarity by meaning ----------------------------------------------------------------------------------------------

def test_embeddings_tell_a_paraphrase_from_an_unrelated_sentence() -> None:
    from kg.embed import embedder

    similarity = embedder().similarity
    shelled = "Azerbaijani forces shelled the village of Martuni."
    assert similarity(shelled, "Azerbaijan denied shelling Martuni.") > \
        similarity(shelled, "The central bank raised interest rates by a quarter point.") + 0.3


def _denial_and(other: Said, text: str) -> list:
    base = "Jeyhun Bayramov denied that troops shelled the village of Martuni on Sunday. "
    return detect(store_of(
        extraction(base, [Said("Jeyhun Bayramov", "that troops shelled the village of Martuni on Sunday",
                               stance="deny")], title="Denial", published="2023-09-21"),
        extraction(text, [other], title="Other", published="2023-09-22")), ["polarity"], candidates=True)


def test_an_assertion_of_what_is_denied_is_a_polarity_conflict_with_its_reasons() -> None:
    text = "Ararat Mirzoyan said that troops shelled the village of Martuni on Sunday, killing two."
    [found] = _denial_and(Said("Ararat Mirzoyan", "that troops shelled the village of Martuni on Sunday"), text)
    assert not found.candidate and found.confidence >= 0.45
    assert found.details["similarity"] > 0.6 and "martuni" in found.details["key_terms"]


def test_a_negated_assertion_agrees_with_the_denial() -> None:
    text = "A local official said no troops shelled the village of Martuni on Sunday."
    assert _denial_and(Said("local official", "no troops shelled the village of Martuni on Sunday",
                            kind="anonymous"), text) == []


def test_an_article_reporting_the_denial_is_not_the_other_side() -> None:
    text = "Bayramov denied reports that troops shelled the village of Martuni on Sunday, the ministry said."
    assert _denial_and(Said("ministry", "Bayramov denied reports that troops shelled the village of Martuni on Sunday",
                            kind="organization"), text) == []


def test_confidence_is_the_meaning_similarity_and_low_ones_are_candidates_or_dropped() -> None:
    import numpy as np

    from kg.propositions import MIN_SIMILARITY, REPORT_CONFIDENCE, polarity_groups

    def row(claim: str, stance: str, content: str, claimant: str) -> dict:
        return {"claim": claim, "stance": f"cg#{stance}", "content": content, "article": claim, "claimant": claimant,
                "claimantName": claimant, "sentence": content}

    rows = [row("d", "Deny", "that the army shelled the village", "A"),
            row("a", "Assert", "shelling by the army hit the village", "B")]
    for similarity, expected in ((0.9, "reported"), ((MIN_SIMILARITY + REPORT_CONFIDENCE) / 2 - 0.05, "candidate"),
                                 (MIN_SIMILARITY - 0.05, "dropped")):
        angle = np.arccos(similarity)

        def embed(texts: list[str]) -> list:
            return [np.array([1.0, 0.0]) if text.startswith("that") else np.array([np.cos(angle), np.sin(angle)])
                    for text in texts]

        found = polarity_groups(rows, embed=embed)
        if expected == "dropped":
            assert found == []
            continue
        [item] = found
        assert item.claims == ("d", "a") and abs(item.reasons["similarity"] - similarity) < 1e-6
        assert (item.confidence < REPORT_CONFIDENCE) == (expected == "candidate")


# -- corroboration ----------------------------------------------------------------------------------------------------

def _two_reports(first: str, second: str, *, wire: tuple[str | None, str | None] = (None, None)) -> Store:
    def article(content: str, title: str, wire_service: str | None) -> Extraction:
        text = f"Ararat Mirzoyan said {content}. This is report {title}."
        made = extraction(text, [Said("Ararat Mirzoyan", content)], title=title, published="2023-09-21")
        return Extraction(article=replace(made.article, wire_service=wire_service), claims=made.claims)
    return store_of(article(first, "One", wire[0]), article(second, "Two", wire[1]))


def test_the_same_words_from_two_articles_corroborate() -> None:
    from kg.corroboration import corroborations

    found = corroborations(_two_reports("troops shelled the village of Martuni on Sunday",
                                        "troops shelled the village of Martuni on Sunday"))
    assert len(found) == 2 and all(len(others) == 1 for others in found.values())


@pytest.mark.parametrize("second", ["troops shelled the village of Martuni on Monday and the town of Hadrut",
                                    "12 troops shelled the village of Martuni on Sunday"])
def test_other_words_or_other_numbers_do_not_corroborate(second: str) -> None:
    from kg.corroboration import corroborations

    import numpy as np

    # orthogonal meanings: only the words (or the numbers) can make these two one proposition, and they differ
    assert corroborations(_two_reports("troops shelled the village of Martuni on Sunday", second),
                          embed=lambda texts: [np.array([1.0, 0.0]) if "Monday" in text else np.array([0.0, 1.0])
                                               for text in texts]) == {}


def test_the_same_words_of_other_places_do_not_corroborate() -> None:
    """Two reports that differ only in whose forces acted name places apart: not one statement, however alike."""
    from kg.corroboration import corroborations

    import numpy as np

    alike = lambda texts: [np.array([1.0, 0.0]) for _ in texts]  # noqa: E731 -- every pair as similar as can be
    assert corroborations(_two_reports("Russian troops shelled the village of Martuni on Sunday",
                                       "Turkish troops shelled the village of Martuni on Sunday"), embed=alike) == {}
    assert len(corroborations(_two_reports("Russian troops shelled the village of Martuni on Sunday",
                                           "Russian troops shelled the village of Martuni in Karabakh on Sunday"),
                              embed=alike)) == 2


def test_figures_of_one_identity_that_agree_corroborate() -> None:
    from kg.corroboration import corroborations

    found = corroborations(store_of(war_2023("about 6,700", 6500, 6900, low_inclusive=True, high_inclusive=True),
                                    war_2023("over 6,700", 6700, None, published="2023-09-22")))
    assert len(found) == 2
    assert corroborations(store_of(war_2023("about 6,700", 6500, 6900), war_2023("5,000", 5000, 5000,
                                                                                  low_inclusive=True,
                                                                                  high_inclusive=True))) == {}


def test_copies_of_one_wire_story_are_one_source() -> None:
    from kg.corroboration import independent_sources

    wire = {"a": "AFP", "b": "AFP", "c": None, "d": "Reuters"}
    assert independent_sources(["a", "b"], wire) == 1
    assert independent_sources(["a", "b", "c", "d"], wire) == 3


def test_a_longer_duration_reported_later_is_a_revision() -> None:
    def day(figure: str, days: float, published: str) -> Extraction:
        text = f"The offensive on Hadrut has lasted {figure}, officials said."
        return extraction(text, [Said("narrator", f"The offensive on Hadrut has lasted {figure}", kind="narrator",
                                      figure=figure, low=days, high=days, low_inclusive=True, high_inclusive=True,
                                      measure="duration", event="The offensive on Hadrut", event_time="2020-10",
                                      counted="days")], title=f"Day {figure}", published=published)
    [found] = detect(store_of(day("12 days", 12, "2020-10-12"), day("13 days", 13, "2020-10-13")), ["numeric"])
    assert found.revision and "longer duration" in found.explanation
    [found] = detect(store_of(day("12 days", 12, "2020-10-13"), day("16 days", 16, "2020-10-12")), ["numeric"])
    assert not found.revision


def test_kg_claims_corroboration_on_the_samples(sample_store: Path) -> None:
    from kg.corroboration import corroborations

    runner = CliRunner()
    plain = json.loads(runner.invoke(app, ["claims", "--store", str(sample_store), "--format", "json"]).stdout)
    assert "corroborated_by" not in plain["claims"][0]
    claims = json.loads(runner.invoke(app, ["claims", "--store", str(sample_store), "--format", "json",
                                            "--corroboration"]).stdout)["claims"]
    assert all(claim["sources"] >= 1 for claim in claims)
    store = Store(sample_store, read_only=True)
    try:
        expected = corroborations(store)
    finally:
        store.close()
    listed = {claim["id"]: {other["id"] for other in claim["corroborated_by"]} for claim in claims}
    assert {claim: others for claim, others in listed.items() if others} == expected
    for claim in claims:
        assert claim["sources"] == 1 + len({other["source"] for other in claim["corroborated_by"]} -
                                           {claim["source"]["id"]})


def test_figures_of_two_incidents_merged_into_one_event_are_reconciled_apart() -> None:
    from kg.figures import _same_incident

    def row(claim: str, sentence: str, time: str | None) -> dict:
        return {"claim": claim, "measure": "x#Deaths", "sentence": sentence, "eventLabel": "a terrorist attack",
                "time": time}

    nice = row("nice", "The truck attack in Nice killed 84 people.", "2016-07-14")
    nice_later = row("nice2", "The attack in Nice on Bastille Day killed 86.", "2016-07")
    paris = row("paris", "The attacks in Paris killed 130 people.", "2015-11-13")
    undated = row("undated", "The attack killed 80.", None)
    groups = sorted(sorted(member["claim"] for member in group)
                    for group in _same_incident([nice, nice_later, paris, undated]))
    assert groups == [["nice", "nice2"], ["paris"], ["undated"]]


def test_whether_claims_meet_does_not_depend_on_the_rest_of_the_store() -> None:
    """Issue 20: contradictions kept up to date one ingest at a time must equal a recomputation, so a denial and an
    assertion (and two restatements) meet or not whatever other claims the store holds. Forty claims about ethnic
    cleansing elsewhere used to make "ethnic" and "cleansing" too frequent to count, which hid both pairs."""
    import numpy as np

    from kg.corroboration import _worded
    from kg.propositions import polarity_matches

    def row(claim: str, stance: str, content: str, claimant: str) -> dict:
        return {"claim": claim, "stance": f"cg#{stance}", "content": content, "article": claim, "claimant": claimant,
                "claimantName": claimant, "sentence": content}

    def embed(texts: list[str]) -> list:
        return [np.array([0.0, 1.0]) if "Bosnia" in text else np.array([1.0, 0.0]) for text in texts]

    def pairs(found: list) -> list[tuple[str, str]]:
        return [(match.denial["claim"], match.assertion["claim"]) for match in found]

    pair = [row("d", "Deny", "ethnic cleansing in Karabakh", "A"),
            row("a", "Assert", "there was ethnic cleansing in Karabakh", "B")]
    crowd = [row(f"x{number:02}", "Assert", f"ethnic cleansing ended in Bosnia {number} years ago", f"C{number}")
             for number in range(40)]
    assert pairs(polarity_matches(pair, embed)) == [("d", "a")]
    assert pairs(polarity_matches([*crowd, *pair], embed)) == [("d", "a")]
    restated = [row("r1", "Assert", "ethnic cleansing in Karabakh villages", "A"),
                row("r2", "Assert", "ethnic cleansing in the villages of Karabakh", "B")]
    assert [(a["claim"], b["claim"]) for a, b in _worded(restated, embed)] == [("r1", "r2")]
    assert [(a["claim"], b["claim"]) for a, b in _worded([*crowd, *restated], embed)] == [("r1", "r2")]
    # ... nor on which of the two was stored first: with only the new one "touching", the pair is found from either
    assert [(a["claim"], b["claim"]) for a, b in _worded([*crowd, *restated], embed, touching={"r2"})] == \
        [("r1", "r2")]
    assert _worded([*crowd, *restated], embed, touching={"x01"}) == []


@pytest.mark.parametrize(("denial", "assertion", "asserter", "meets"), [
    # the same act somewhere else is another proposition, however many words the two share
    ("that Russian forces shelled civilian areas in Kharkiv", "Russian forces shelled civilian areas in Mariupol",
     "Ukraine's defence ministry", False),
    ("that Russian forces shelled civilian areas in Kharkiv", "Russian forces shelled civilian areas in Kharkiv",
     "Ukraine's defence ministry", True),
    # ... and the same act by others
    ("that Syrian jets bombed the hospital in Aleppo", "Russian jets bombed the hospital in Aleppo",
     "the monitoring group", False),
    # the one whose claims are denied names them by making them; a day says when, not what
    ("Sanders' accusations against Clinton's fundraising", "that Clinton's fundraising arrangement was inappropriate",
     "the Sanders campaign", True),
    ("his performance at Saturday's debate", "his performance at the debate was poor", "a pollster", True),
])
def test_an_assertion_meets_a_denial_only_when_it_names_what_the_denial_names(denial: str, assertion: str,
                                                                                asserter: str, meets: bool) -> None:
    import numpy as np

    from kg.propositions import polarity_matches

    rows = [{"claim": "d", "stance": "cg#Deny", "content": denial, "article": "one", "claimant": "D",
             "claimantName": "the ministry", "sentence": f"The ministry denied {denial}."},
            {"claim": "a", "stance": "cg#Assert", "content": assertion, "article": "two", "claimant": "A",
             "claimantName": asserter, "sentence": f"{assertion}, {asserter} said."}]
    found = polarity_matches(rows, embed=lambda texts: [np.array([1.0, 0.0]) for _ in texts])
    assert bool(found) == meets


# What a denial denies, from the shapes denials take in news (paraphrased from PolNeAR and wire copy, none from the
# samples): a clause, a noun naming a claim (with whose claim it is), a deed denied, or a thing rejected.
@pytest.mark.parametrize(("content", "kind", "subject", "holder"), [
    ("that he was working on a book", "clause", "<denier>", ""),
    ("that she mishandled classified information", "clause", "<denier>", ""),
    ("that Simpson was the father of the child", "clause", "Simpson", ""),
    ("being a gangster", "clause", "", ""),
    ("the allegations of ethnic cleansing", "claim", "", ""),
    ("Sanders' accusations against the party's fundraising", "claim", "", "Sanders"),
    ("claims that the army shelled the town", "claim", "", ""),
    ("any role in the Sept. 11, 2001, attacks", "deed", "<denier>", ""),
    ("any involvement in the bombing", "deed", "<denier>", ""),
    ("wrongdoing", "deed", "<denier>", ""),
    ("Trump's offer", "thing", "", ""),
    ("calls for early elections", "thing", "", ""),
    ("his performance at Saturday's debate", "thing", "", ""),
    ("to attack Clinton on her character", "thing", "", ""),
])
def test_what_a_denial_denies(content: str, kind: str, subject: str, holder: str) -> None:
    from kg.nlp import load
    from kg.propositions import proposition_of

    found = proposition_of(load()(content))
    assert (found.kind, found.subject, found.holder) == (kind, subject, holder)


@pytest.mark.parametrize(("denial", "denier", "assertion", "asserter", "sentence", "reported"), [
    # the denier's own deed, asserted of the denier: the same proposition
    ("that he was Deep Throat", "Frederick LaRue", "that Mr. LaRue could have been Deep Throat", "researchers",
     "A few researchers said that Mr. LaRue could have been Deep Throat.", True),
    # ... asserted of someone else: another proposition
    ("that he was Deep Throat", "Frederick LaRue", "I'm the guy they used to call Deep Throat", "Mark Felt",
     "\u201cI'm the guy they used to call Deep Throat,\u201d Felt said.", False),
    # a bare name asserts nothing
    ("that he was Deep Throat", "Frederick LaRue", "\u201cDeep Throat.\u201d", "Washington Post",
     "LaRue, the paper wrote, was not \u201cDeep Throat.\u201d", False),
    # a denial of someone's accusations meets only that someone's claims
    ("Sanders' accusations against Clinton's fundraising", "DNC chair",
     "that Clinton's fundraising arrangement was inappropriate", "the Sanders campaign",
     "The Sanders campaign said that Clinton's fundraising arrangement was inappropriate.", True),
    ("Sanders' accusations against Clinton's fundraising", "DNC chair",
     "Clinton's fundraising arrangement is exactly like Sanders' own", "Clinton advisers",
     "Clinton advisers said Clinton's fundraising arrangement is exactly like Sanders' own.", False),
    # rejecting a thing is no denial of a proposition
    ("Trump's remarks about Muslims", "Benjamin Netanyahu", "Trump's remarks about Muslims were wrong",
     "David Cameron", "David Cameron said Trump's remarks about Muslims were wrong.", False),
])
def test_a_denial_meets_only_claims_about_the_same_one(denial: str, denier: str, assertion: str, asserter: str,
                                                        sentence: str, reported: bool) -> None:
    import numpy as np

    from kg.propositions import polarity_groups

    rows = [{"claim": "d", "stance": "cg#Deny", "content": denial, "article": "one", "claimant": "D",
             "claimantName": denier, "sentence": f"{denier} denied {denial}."},
            {"claim": "a", "stance": "cg#Assert", "content": assertion, "article": "two", "claimant": "A",
             "claimantName": asserter, "sentence": sentence}]
    [item] = polarity_groups(rows, embed=lambda texts: [np.array([1.0, 0.0]) for _ in texts])
    assert (item.confidence >= 0.7) == reported
    assert ("doubts" in item.reasons) != reported


@pytest.mark.parametrize(("first", "second", "sure"), [
    # two shootings of one year that linking merged: the names in their sentences have nothing in common
    ("A shooting at a clinic in Colorado Springs last month killed three people.",
     "Nine people died in the shooting at the Emanuel African Methodist Episcopal Church last year.", False),
    # a few of the dead, not the toll
    ("The attack on the compound in Benghazi killed four Americans.",
     "Patricia Smith and Charles Woods, the parents of two Americans killed in the Benghazi attack, filed a suit.",
     False),
    # one incident, named alike
    ("The pirates in three boats fled when the INS Mysore intervened, a Navy spokesman said.",
     "The pirates on two speed boats fled when INS Mysore intervened, the Navy said.", True),
])
def test_figures_of_other_incidents_or_of_some_victims_are_not_sure(first: str, second: str, sure: bool) -> None:
    from kg.contradictions import STRONG_IDENTITY, identity_confidence

    def row(sentence: str) -> dict:
        figure = next(word for word in ("three", "four", "two", "Nine") if f" {word} " in f" {sentence} ")
        return {"measure": "cg#deaths", "sentence": sentence, "figure": figure, "time": "2015-11-27",
                "eventLabel": "the attack"}
    assert (identity_confidence(row(first), row(second))[0] == STRONG_IDENTITY) == sure
