"""The contradictions report (issue 19 item 2) as `kg contradictions` prints it: a header that says when, by what and
from how much it was made and how; sources with link, publisher and date; claimant, cue and content marked; the
revisions in their own list. The page's layout is tested in a browser: tests/test_report_browser.py."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.report import METHOD, marked_runs, safe_url, to_html, to_markdown

runner = CliRunner()
#: 2025-12-02T10:40:00Z
EPOCH = "1764672000"


def kg_report(store: Path, *args: str, epoch: str | None = EPOCH) -> Any:
    environment = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    return runner.invoke(app, ["contradictions", "--store", str(store), *args], env=environment,
                         catch_exceptions=False)


@pytest.fixture(scope="module")
def read(sample_store: Path) -> dict[str, int]:
    """How much the sample store holds, as `kg stats` counts it."""
    return json.loads(runner.invoke(app, ["stats", "--store", str(sample_store), "--format", "json"]).stdout)


def test_json_says_when_by_what_and_from_how_much(sample_store: Path, read: dict[str, int]) -> None:
    report = json.loads(kg_report(sample_store, "--format", "json").stdout)
    assert report["generated"] == {"at": "2025-12-02T10:40:00Z", "claimgraph": kg.__version__,
                                   "articles": read["articles"], "claims": read["claims"], "filters": {}}
    assert read["articles"] == 6
    only = json.loads(kg_report(sample_store, "--format", "json", "--kind", "numeric", "--about", "war").stdout)
    assert only["generated"]["filters"] == {"kind": "numeric", "about": "war"}


def test_without_source_date_epoch_the_time_is_now(sample_store: Path) -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    at = json.loads(kg_report(sample_store, "--format", "json", epoch=None).stdout)["generated"]["at"]
    assert at.endswith("Z")
    assert before <= datetime.fromisoformat(at.replace("Z", "+00:00")) <= datetime.now(timezone.utc)


def test_a_bad_source_date_epoch_is_one_line_and_exit_2(sample_store: Path) -> None:
    result = kg_report(sample_store, "--format", "html", epoch="yesterday")
    assert result.exit_code == 2
    assert result.stderr == ("kg: SOURCE_DATE_EPOCH: 'yesterday' is not a whole number of seconds since "
                             "1970-01-01 UTC\n")
    assert result.stdout == ""


def test_revisions_are_their_own_list_and_not_counted(sample_store: Path) -> None:
    report = json.loads(kg_report(sample_store, "--format", "json").stdout)
    assert [item["kind"] for item in report["contradictions"]] == ["polarity", "blame"]
    [revision] = report["revisions"]
    assert (revision["kind"], revision["revision"]) == ("numeric", True)
    assert report["counts"] == {"total": 2, "polarity": 1, "blame": 1, "conflict": 2, "revisions": 1}
    # the terminal table lists the revision after the contradictions, and its title counts it apart
    lines = kg_report(sample_store).stdout.splitlines()
    assert lines[0] == "# 2 contradictions, 1 revision"
    severities = [line.split("\t")[2] for line in lines[2:] if line.split("\t")[2]]
    assert severities == ["conflict", "conflict", "revision"]


def test_markdown_header_exactly(sample_store: Path, read: dict[str, int]) -> None:
    lines = kg_report(sample_store, "--format", "markdown").stdout.splitlines()
    assert lines[:7] == [
        "# Contradictions", "",
        f"2 contradictions, 1 revision. Generated 2025-12-02T10:40:00Z by claimgraph {kg.__version__} from "
        f"{read['articles']} articles and {read['claims']} claims.", "",
        f"**How this was found.** {METHOD}", "",
        "In each sentence: **claimant**, _cue_, ==content==."]
    assert "more than 10%" in METHOD and "within 7 days" in METHOD  # the detector's own thresholds
    assert lines.index("## Contradictions (2)") < lines.index("## Revisions (1)")


def test_markdown_cards_mark_claimant_cue_content_and_link_the_source(sample_store: Path) -> None:
    lines = kg_report(sample_store, "--format", "markdown").stdout.splitlines()
    start = lines.index("### ethnic cleansing — polarity, conflict")
    assert lines[start + 4:start + 8] == [
        "- **Jeyhun Bayramov (Foreign Minister)** (deny, “denied”): **Bayramov** strongly _denied_ "
        "==the allegations of ethnic cleansing==.  ",
        "  Azerbaijan Claims Full Control of Breakaway Region and Holds Initial Talks with Ethnic Armenians · AP "
        "wire copy, publisher unknown · 2023-09-21",
        "- **Ararat Mirzoyan (Foreign Minister)** (assert, “said”): What Armenia has seen, **Mirzoyan** _said_, "
        "==“is not an intent anymore but clear and irrefutable evidence of a policy of ethnic cleansing and mass "
        "atrocities.”==  ",
        "  Azerbaijan Claims Full Control of Breakaway Region and Holds Initial Talks with Ethnic Armenians · AP "
        "wire copy, publisher unknown · 2023-09-21"]
    revisions = lines[lines.index("## Revisions (1)"):]
    assert revisions[2] == ("Later, higher counts of an ongoing toll: a figure revised, not contradicted. "
                            "Not counted above.")
    assert revisions[4] == "### deaths: 44 days of fighting that began in late September — numeric, revision"
    assert ("  [Armenians, Azerbaijan trade blame over breach of Nagorno-Karabakh peace deal]"
            "(<https://arab.news/zyvja>) · Arab News · 2020-12-12") in revisions


def test_the_page_has_a_viewport_header_and_both_sections(sample_store: Path, read: dict[str, int]) -> None:
    page = kg_report(sample_store, "--format", "html").stdout
    assert '<meta name=viewport content="width=device-width, initial-scale=1">' in page
    assert ('<dt>Generated</dt><dd><time datetime="2025-12-02T10:40:00Z">2025-12-02 10:40:00 UTC</time></dd>'
            in page)
    assert f"<dt>claimgraph</dt><dd>{kg.__version__}</dd>" in page
    assert f"<dt>Read</dt><dd>{read['articles']} articles, {read['claims']} claims</dd>" in page
    assert page.index("<section id=contradictions>") < page.index("</section><section id=revisions>")
    assert page.count('<a href="https://arab.news/zyvja">') == 3  # the three claims from the Arab News article


# -- the marks, the links and the escaping, without a store ---------------------------------------------------------

@pytest.mark.parametrize("sentence, spans, runs", [
    ("Bayramov strongly denied the claims.", {"claimant": [[0, 8]], "cue": [[18, 24]], "content": [[25, 35]]},
     [("claimant", "Bayramov"), (None, " strongly "), ("cue", "denied"), (None, " "), ("content", "the claims"),
      (None, ".")]),
    # a quote split by its cue: the content spans both parts, the claimant and cue inside win
    ("“We won,” Aliyev said, “and will stay.”",
     {"claimant": [[10, 16]], "cue": [[17, 21]], "content": [[0, 39]]},
     [("content", "“We won,” "), ("claimant", "Aliyev"), ("content", " "), ("cue", "said"),
      ("content", ", “and will stay.”")]),
    # a claimant resolved back from "he said" lies outside the sentence: nothing marked for it
    ("He said it rained.", {"claimant": [[-40, -30]], "content": [[8, 17]]},
     [(None, "He said "), ("content", "it rained"), (None, ".")]),
    ("No spans at all.", {}, [(None, "No spans at all.")]),
])
def test_marked_runs(sentence: str, spans: dict[str, list[list[int]]], runs: list[tuple[str | None, str]]) -> None:
    assert marked_runs({"sentence": sentence, "text": "", "spans": spans}) == runs


@pytest.mark.parametrize("url, linked", [
    ("https://arab.news/zyvja", True), ("http://example.org/a?b=1&c=2", True), ("javascript:alert(1)", False),
    ("data:text/html,<b>x</b>", False), ("/relative/path", False), ("file:///etc/passwd", False),
    ("https://example.org/a b", False), (None, False), ("", False)])
def test_only_http_urls_are_linked(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) == linked


def _report(**source: Any) -> dict[str, Any]:
    claim = {"id": "https://w3id.org/claimgraph/id/claim/x/1", "claimant": "A <b>", "role": None, "stance": "assert",
             "cue": "said", "text": "[x](javascript:y) *bold*", "sentence": "A <b> said [x](javascript:y) *bold*",
             "spans": {"claimant": [[0, 5]], "cue": [[6, 10]], "content": [[11, 35]]},
             "source": {"id": "https://w3id.org/claimgraph/id/article/x", "title": "T <i>", "publisher": None,
                        "published": None, "url": None, "wire_service": None, **source}}
    item = {"id": "https://w3id.org/claimgraph/id/contradiction/abc", "kind": "polarity", "severity": "conflict",
            "revision": False, "topic": "t", "explanation": "e", "claims": [claim, claim]}
    return {"contradictions": [item], "revisions": [], "counts": {"total": 1, "revisions": 0},
            "generated": {"at": "2025-12-02T10:40:00Z", "claimgraph": "0.1.0", "articles": 1, "claims": 2,
                          "filters": {}}}


def test_hostile_text_and_urls_stay_text() -> None:
    page = to_html(_report(url="javascript:alert(1)", publisher="P&Q"))
    assert "<b>" not in page and "<i>" not in page and "&lt;b&gt;" in page and "T &lt;i&gt;" in page
    assert "href" not in page and "P&amp;Q" in page  # no link to a javascript: URL
    assert page.count("publisher unknown") == 0 and page.count("date unknown") == 2
    markdown = to_markdown(_report(url="https://example.org/a_(b)", wire_service="AP"))
    assert ("- **A \\<b\\>** (assert, “said”): **A \\<b\\>** _said_ ==\\[x\\](javascript:y) \\*bold\\*==  "
            in markdown.splitlines())
    assert "  [T \\<i\\>](<https://example.org/a_(b)>) · AP wire copy, publisher unknown · date unknown" in \
        markdown.splitlines()


def test_every_item_says_why_it_holds_with_a_confidence(sample_store: Path) -> None:
    report = json.loads(kg_report(sample_store, "--format", "json").stdout)
    by_kind = {item["kind"]: item for item in report["contradictions"]}
    assert 0 < by_kind["polarity"]["confidence"] <= 1 and by_kind["polarity"]["reasons"]["similarity"] > 0.45
    assert by_kind["polarity"]["reasons"]["key_terms"] == ["ethnic", "cleansing"]
    assert set(by_kind["blame"]["reasons"]["sides"]) == {"Armenia", "Azerbaijan"}
    [revision] = report["revisions"]
    assert revision["reasons"]["measure"] == "deaths" and revision["reasons"]["scope"] == "total"
    assert revision["reasons"]["event"] == revision["claims"][0]["value"]["event"]
    assert "candidates" not in report


def test_all_adds_the_candidates_apart(sample_store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.propositions

    # With the bar above every polarity item, the sample's one becomes a candidate: listed by --all only. The
    # candidate flag is stored with each item: the graph is recomputed under that bar.
    monkeypatch.setattr(kg.propositions, "REPORT_CONFIDENCE", 1.01)
    sample_store = sample_store_copy
    assert kg_report(sample_store, "--recompute", "--format", "json").exit_code == 0
    default = json.loads(kg_report(sample_store, "--format", "json").stdout)
    assert [item["kind"] for item in default["contradictions"]] == ["blame"]
    every = json.loads(kg_report(sample_store, "--format", "json", "--all").stdout)
    assert [item["kind"] for item in every["candidates"]] == ["polarity"]
    assert every["candidates"][0]["candidate"] and every["counts"] == {**default["counts"], "candidates": 1}
    markdown = kg_report(sample_store, "--format", "markdown", "--all").stdout
    assert "## Candidates (1)" in markdown and markdown.index("## Revisions") < markdown.index("## Candidates")
    rows = kg_report(sample_store, "--format", "csv", "--all").stdout.splitlines()
    assert rows[0].endswith(",confidence,candidate") and rows[-1].endswith(",true")


def test_the_report_reads_only_the_claims_it_shows(sample_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.report
    from kg.claims import list_claims
    from kg.contradictions import detect
    from kg.store import Store

    asked: list[object] = []
    monkeypatch.setattr(kg.report, "list_claims", lambda store, **filters: (asked.append(filters.get("ids")),
                                                                             list_claims(store, **filters))[1])
    store = Store(sample_store, read_only=True)
    try:
        found = detect(store)
        report = kg.report.build_report(store, found)
        everything = list_claims(store)
    finally:
        store.close()
    [ids] = asked
    assert ids == {claim for item in found for claim in item.claims} and len(ids) < len(everything)
    shown = [claim for item in kg.report.listed(report) for claim in item["claims"]]
    by_id = {claim["id"]: claim for claim in everything}
    for claim in shown:  # the same claim as the whole listing gives (the report adds spans and the source's URL)
        whole = by_id[claim["id"]]
        assert {key: claim[key] for key in whole if key != "source"} == \
            {key: value for key, value in whole.items() if key != "source"}
        assert {key: claim["source"][key] for key in whole["source"]} == whole["source"]
