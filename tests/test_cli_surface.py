"""What users see at the surface of `kg` (issue 19): counts that agree, queries that check their parameters,
CSV everywhere, tables that keep the claim readable, and helpful "nothing found" messages."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


# -- item 3: kg stats counts contradictions as the report does -----------------------------------------------------

def test_stats_counts_the_contradictions_the_report_lists_without_materialising(sample_store: Path) -> None:
    stats = json.loads(kg("stats", "--store", sample_store, "--format", "json").stdout)
    report = json.loads(kg("contradictions", "--store", sample_store, "--format", "json").stdout)
    # revisions are listed in their own list (DESIGN.md section 4), never among the contradictions
    assert not any(item["revision"] for item in report["contradictions"])
    assert all(item["revision"] for item in report["revisions"])
    assert stats["contradictions"] == report["counts"]["total"] == len(report["contradictions"])
    assert stats["revisions"] == report["counts"]["revisions"] == len(report["revisions"])
    # the samples: a numeric conflict and an assert/deny conflict, and the 2020 war toll revised upwards
    assert (stats["contradictions"], stats["revisions"]) == (2, 1)


def test_stats_table_lists_revisions_apart(sample_store: Path) -> None:
    lines = kg("stats", "--store", sample_store).stdout.splitlines()
    assert "contradictions\t2" in lines
    assert "revisions\t1" in lines
    assert lines.index("revisions\t1") == lines.index("contradictions\t2") + 1


def test_contradictions_table_title_counts_revisions_apart(sample_store: Path) -> None:
    assert kg("contradictions", "--store", sample_store).stdout.splitlines()[0] == "# 2 contradictions, 1 revision"


# -- item 4: named queries declare and check their parameters; SPARQL errors point at the place -------------------

def test_query_without_its_required_parameter_exits_2_naming_it(sample_store: Path) -> None:
    result = kg("query", "article", "--store", sample_store)
    assert result.exit_code == 2
    assert result.stderr == "kg: query 'article' needs --param article=ARTICLE (see `kg queries`)\n"
    assert result.stdout == ""


def test_optional_parameters_may_be_left_out(sample_store: Path) -> None:
    result = kg("query", "claims", "--store", sample_store, "--format", "csv")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 100


def test_queries_lists_names_parameters_and_whole_descriptions() -> None:
    result = kg("queries")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "name\tparameters\tanswers"
    assert ("article\tarticle=ARTICLE\tOne article's claims in text order (by sentence, then by claim number): "
            "claimant name, stance, cue and content.") in lines
    assert "claims_by\tby=STRING\tClaims whose claimant may match a name: the candidates `kg claims --by NAME` then " \
           "reads with queries/claims.rq, whose filter decides." in lines
    claims = next(line for line in lines if line.startswith("claims\t"))
    assert claims.split("\t")[1] == "[by=STRING] [about=STRING] [stance=STRING] [kind=STRING]"
    assert claims.endswith("the figure (with its currency and the conversions given in brackets).")


def test_queries_as_json_and_csv() -> None:
    listed = json.loads(kg("queries", "--format", "json").stdout)["queries"]
    article = next(item for item in listed if item["name"] == "article")
    assert article["parameters"] == [{"name": "article", "kind": "article", "required": True}]
    assert kg("queries", "--format", "csv").stdout.splitlines()[0] == "name,parameters,answers"


def test_query_help_points_at_the_real_listing_command() -> None:
    help_text = kg("query", "--help").stdout
    assert "kg queries" in help_text
    assert "kg query names" not in help_text
    assert kg("queries", "--help").exit_code == 0


def _article_rows(store: Path, value: str) -> list[list[str]]:
    result = kg("query", "article", "--store", store, "--param", f"article={value}", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))[1:]


def test_article_parameter_takes_an_iri_a_short_id_or_a_url(sample_store: Path) -> None:
    iri = "https://w3id.org/claimgraph/id/article/4d08c26394281f17d57681e67bd5bd8a"
    rows = _article_rows(sample_store, f"<{iri}>")
    assert rows and {row[0] for row in rows} == {iri}
    assert _article_rows(sample_store, iri) == rows
    assert _article_rows(sample_store, "4d08c263") == rows
    assert _article_rows(sample_store, "article/4d08c26394281f17") == rows
    # the one sample with a URL in its metadata (an Arab News short link)
    by_url = _article_rows(sample_store, "https://arab.news/zyvja")
    assert by_url and len({row[0] for row in by_url}) == 1 and by_url[0][0] != iri


@pytest.mark.parametrize("value, message", [
    ("ffff0000", "kg: no article 'ffff0000' in the store (give its IRI, the start of its id or its URL; "
                 "`kg query articles` lists them)\n"),
    ("https://example.org/none", "kg: no article 'https://example.org/none' in the store (give its IRI, the start "
                                 "of its id or its URL; `kg query articles` lists them)\n"),
])
def test_an_article_parameter_that_names_nothing_is_an_error(sample_store: Path, value: str, message: str) -> None:
    result = kg("query", "article", "--store", sample_store, "--param", f"article={value}")
    assert (result.exit_code, result.stderr) == (2, message)


def test_rows_in_text_order_are_ordered_numerically(sample_store: Path) -> None:
    # a4d4d33b... has more than 40 claims: compared as strings, /10 would come right after /1
    article = "https://w3id.org/claimgraph/id/article/a4d4d33bf3c93d90e0ff19cfc3500e84"
    starts = kg("query", "--store", sample_store, "--format", "csv", "--param", f"article=<{article}>",
                "SELECT ?claim ?start ?article WHERE { ?claim <https://w3id.org/claimgraph/ontology#reportedIn> "
                "?article ; <https://w3id.org/claimgraph/ontology#sentenceEvidence>/<http://www.w3.org/ns/oa#start> "
                "?start }")
    start = {claim: int(offset) for claim, offset, _ in list(csv.reader(io.StringIO(starts.stdout)))[1:]}
    claims = [row[1] for row in _article_rows(sample_store, "a4d4d33b")]
    assert len(claims) > 20

    def number(claim: str) -> int:
        return int(claim.rsplit("/", 1)[1])
    assert claims == sorted(claims, key=lambda claim: (start[claim], number(claim)))
    first_sentence = [number(claim) for claim in claims if start[claim] == start[claims[0]]]
    assert first_sentence == sorted(first_sentence)


@pytest.mark.parametrize("query, stderr", [
    ("SELECT ?x WHERE { ?x",
     "kg: SPARQL syntax error at line 1, column 21: unexpected end of query\n"
     "  SELECT ?x WHERE { ?x\n"
     "                      ^\n"),
    ("SELEC ?x WHERE { ?x ?p ?o }",
     "kg: SPARQL syntax error at line 1, column 1: unexpected 'SELEC' (a query starts with SELECT, CONSTRUCT, "
     "DESCRIBE or ASK)\n"
     "  SELEC ?x WHERE { ?x ?p ?o }\n"
     "  ^\n"),
    ("PREFIX ex: <http://example.org/>\n# a comment\n  selct ?x WHERE { ?x ?p ?o }",
     "kg: SPARQL syntax error at line 3, column 3: unexpected 'selct' (a query starts with SELECT, CONSTRUCT, "
     "DESCRIBE or ASK)\n"
     "    selct ?x WHERE { ?x ?p ?o }\n"
     "    ^\n"),
    ("SELECT ?x WHERE {\n  ?x ?p ?o\n",
     "kg: SPARQL syntax error at line 2, column 11: unexpected end of query\n"
     "    ?x ?p ?o\n"
     "            ^\n"),
])
def test_a_sparql_syntax_error_shows_the_line_and_a_caret(sample_store: Path, query: str, stderr: str) -> None:
    result = kg("query", query, "--store", sample_store)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_name_is_still_an_unknown_name(sample_store: Path) -> None:
    result = kg("query", "artcles", "--store", sample_store)
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: no named query 'artcles' (known: article, article_ids, articles,")


# -- item 1: CSV and TSV everywhere, whole values in pipes, a terminal table that gives the claim the width ----------

def _csv(result: "CliRunner.invoke", delimiter: str = ",") -> list[dict[str, str]]:
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))


CLAIM_HEADER = ("id,claimant,role,claimant_kind,stance,cue,text,direct_quote,narrator,confidence,figure,measure,low,"
                "low_inclusive,high,high_inclusive,unit,currency,scope,event,event_label,source,title,publisher,"
                "published,sources,corroborated_by")


@pytest.mark.slow
def test_claims_as_csv_and_tsv_have_every_claim_and_every_value_whole(sample_store: Path) -> None:
    claims = json.loads(kg("claims", "--store", sample_store, "--format", "json").stdout)["claims"]
    result = kg("claims", "--store", sample_store, "--format", "csv")
    assert result.stdout.splitlines()[0] == CLAIM_HEADER
    rows = _csv(result)
    assert [row["id"] for row in rows] == [claim["id"] for claim in claims]
    assert [row["text"] for row in rows] == [claim["text"] for claim in claims]
    assert [row["title"] for row in rows] == [claim["source"]["title"] or "" for claim in claims]
    assert max(len(row["title"]) for row in rows) > 60  # piped titles were cut at 60 characters
    toll = next(row for row in rows if row["figure"].startswith("more than 5,600"))
    assert (toll["measure"], toll["low"], toll["low_inclusive"], toll["high"]) == ("deaths", "5600", "false", "")
    assert (toll["publisher"], toll["published"]) == ("Arab News", "2020-12-12")
    tsv = kg("claims", "--store", sample_store, "--format", "tsv")
    assert tsv.stdout.splitlines()[0] == CLAIM_HEADER.replace(",", "\t")
    assert [row["id"] for row in _csv(tsv, "\t")] == [claim["id"] for claim in claims]


@pytest.mark.slow
def test_contradictions_as_csv_one_row_per_claim(sample_store: Path) -> None:
    report = json.loads(kg("contradictions", "--store", sample_store, "--format", "json").stdout)
    result = kg("contradictions", "--store", sample_store, "--format", "csv")
    assert result.stdout.splitlines()[0] == ("contradiction,kind,severity,revision,topic,explanation,claim,claimant,"
                                             "role,stance,cue,text,figure,measure,low,high,source,title,publisher,"
                                             "published,confidence,candidate")
    rows = _csv(result)
    assert [(row["contradiction"], row["claim"]) for row in rows] == [
        (item["id"], claim["id"]) for item in report["contradictions"] + report["revisions"]
        for claim in item["claims"]]  # the contradictions, then the revisions
    assert {row["revision"] for row in rows} == {"true", "false"}
    assert _csv(kg("contradictions", "--store", sample_store, "--format", "tsv"), "\t") == rows


def test_entities_as_csv(sample_store: Path) -> None:
    entities = json.loads(kg("entities", "--store", sample_store, "--format", "json").stdout)["entities"]
    result = kg("entities", "--store", sample_store, "--format", "csv")
    assert result.stdout.splitlines()[0] == "id,name,kind,aliases,roles,wikidata,claims"
    rows = _csv(result)
    assert [row["name"] for row in rows] == [entity["name"] for entity in entities]
    bayramov = next(row for row in rows if row["name"] == "Jeyhun Bayramov")
    assert bayramov["roles"] == "; ".join(next(e for e in entities if e["name"] == "Jeyhun Bayramov")["roles"])


def test_piped_claims_table_has_date_and_publisher_and_cuts_nothing(sample_store: Path) -> None:
    lines = kg("claims", "--store", sample_store, "--kind", "quantity").stdout.splitlines()
    assert lines[0] == "claimant\tstance\tcue\tclaim\tdate\tpublisher\tsource"
    toll = next(line.split("\t") for line in lines if "\tleft more than 5,600 people killed on both sides" in line)
    assert toll[3] == "left more than 5,600 people killed on both sides more than 5,600 → (5,600, ∞) deaths"
    assert toll[4:] == ["2020-12-12", "Arab News",
                        "Armenians, Azerbaijan trade blame over breach of Nagorno-Karabakh peace deal"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Console:
    """stdout as a 160-column terminal without colours."""
    from kg.cli import output

    console = Console(file=io.StringIO(), force_terminal=True, width=160, color_system=None)
    monkeypatch.setattr(output, "stdout", console)
    return console


def test_terminal_cells_are_text_not_markup(terminal: Console) -> None:
    from kg.cli.output import print_table

    print_table([{"claim": "[more than 200 → (200, ∞) deaths]", "who": "[bold]Bayramov[/bold]"}], ["who", "claim"])
    shown = terminal.file.getvalue()
    assert "[more than 200 → (200, ∞) deaths]" in shown
    assert "[bold]Bayramov[/bold]" in shown


def test_terminal_claims_table_gives_the_claim_the_width_and_shows_each_figure(sample_store: Path,
                                                                              terminal: Console) -> None:
    claims = json.loads(kg("claims", "--store", sample_store, "--kind", "quantity", "--format", "json").stdout)
    result = kg("claims", "--store", sample_store, "--kind", "quantity")
    assert result.exit_code == 0
    shown = terminal.file.getvalue()
    lines = shown.splitlines()
    assert all(len(line) <= 160 for line in lines)
    header = next(line for line in lines if "claimant" in line)
    cells = [cell.strip() for cell in header.strip("┃").split("┃")]
    assert cells == ["claimant", "stance", "cue", "claim", "date", "publisher", "source"]
    widths = [len(cell) for cell in header.strip("┃").split("┃")]
    assert widths[3] == max(widths) >= 32
    flat = " ".join(" ".join(cell.strip() for cell in line.strip("│").split("│")) for line in lines)
    for claim in claims["claims"]:  # each figure is shown, so two figures of one sentence are two distinct rows
        assert claim["value"]["text"] in flat
    assert "(5,600, ∞) deaths" in flat and "[20, ∞) countries" in flat


def test_narrow_terminal_drops_the_title_before_squeezing_the_claim(sample_store: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.cli import output

    console = Console(file=io.StringIO(), force_terminal=True, width=80, color_system=None)
    monkeypatch.setattr(output, "stdout", console)
    assert kg("claims", "--store", sample_store, "--by", "Bayramov").exit_code == 0
    lines = console.file.getvalue().splitlines()
    header = next(line for line in lines if "claimant" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == ["claimant", "stance", "cue", "claim", "date"]
    assert all(len(line) <= 80 for line in lines)
    assert "2023-09-21" in console.file.getvalue()  # the date is whole, not folded


# -- item 9: a --by that names nobody says so and suggests the nearest names ------------------------------------------

def test_claims_by_a_misspelt_name_suggests_the_nearest(sample_store: Path) -> None:
    result = kg("claims", "--store", sample_store, "--by", "Bayramof")
    # a filter that matches nothing is not an error: empty listing, exit 0, the note on stderr
    assert result.exit_code == 0
    assert result.stderr == "kg: no claimant matches 'Bayramof'; nearest names: Jeyhun Bayramov\n"
    assert result.stdout == "claimant\tstance\tcue\tclaim\tdate\tpublisher\tsource\n"


def test_claims_by_nobody_near_points_at_the_claimants_query(sample_store: Path) -> None:
    result = kg("claims", "--store", sample_store, "--by", "Zzyzx", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, {"claims": []})
    assert result.stderr == "kg: no claimant matches 'Zzyzx'; `kg query claimants` lists who is quoted\n"


def test_claims_by_a_known_name_with_no_claims_left_by_other_filters_says_nothing(sample_store: Path) -> None:
    result = kg("claims", "--store", sample_store, "--by", "Bayramov", "--stance", "promise", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == CLAIM_HEADER + "\n"


def test_claims_by_a_matching_name_prints_no_note(sample_store: Path) -> None:
    result = kg("claims", "--store", sample_store, "--by", "bayramov")
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) > 1


def test_entities_by_a_misspelt_name_suggests_the_nearest(sample_store: Path) -> None:
    result = kg("entities", "--store", sample_store, "--name", "Mirzoyn")
    assert result.exit_code == 0
    assert result.stderr == "kg: no entity matches 'Mirzoyn'; nearest names: Ararat Mirzoyan\n"


def test_nearest_names_compares_whole_names_and_their_words() -> None:
    from kg.suggest import nearest_names

    names = ["Jeyhun Bayramov", "Ararat Mirzoyan", "Nikol Pashinyan", "AP", "Arab News"]
    assert nearest_names("bayramof", names) == ["Jeyhun Bayramov"]
    assert nearest_names("Arab Nwes", names) == ["Arab News"]
    assert nearest_names("Pashinian", names) == ["Nikol Pashinyan"]
    assert nearest_names("Zzyzx", names) == []


# -- item 7: fast help, help without type noise, one meaning per option name -----------------------------------------

_IMPORTS_AFTER = """
import sys
from kg.cli import app
try:
    app(sys.argv[1:], prog_name="kg")
except SystemExit:
    pass
print(",".join(sorted(name for name in ("spacy", "thinc", "torch", "onnxruntime") if name in sys.modules)))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["query", "--help"], ["ingest", "--help"],
                                  ["stats", "--help"]])
@pytest.mark.slow
def test_help_and_version_do_not_import_spacy(args: list[str]) -> None:
    # the time itself is measured by bench/cli_startup.py; spaCy's import was 1.1 of kg --help's 1.4 s
    result = subprocess.run([sys.executable, "-c", _IMPORTS_AFTER, *args], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines()[-1] == ""


def _help_commands() -> list[str]:
    return sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("command", ["", *_help_commands()])
def test_help_shows_no_python_type_labels(command: str) -> None:
    result = kg(*command.split(), "--help")
    assert result.exit_code == 0
    for noise in ("<bool>", "<list[str]>", "<str>", "<int", "<Path>", "<path>"):
        assert noise not in result.stdout, f"kg {command} --help shows {noise}"


def test_help_names_choices_and_types_as_click_does() -> None:
    lines = kg("ingest", "--help").stdout.splitlines()
    assert any("--format" in line and "auto|text|html|jsonl|json" in line for line in lines)
    assert any("--workers" in line and "INTEGER [x>=1]" in line for line in lines)
    assert any("--summary" in line and "text|json" in line for line in lines)
    force = next(line for line in lines if "--force" in line)
    assert force.split("--force", 1)[1].split()[0] == "Re-extract"  # a flag has no value column


def test_output_names_a_file_in_every_command() -> None:
    import typer.main

    group = typer.main.get_command(app)
    uses = {}
    for name, command in group.commands.items():
        for param in command.params:
            if "--output" in getattr(param, "opts", []) and not getattr(param, "hidden", False):
                uses[name] = param.type_descriptor.is_path
    assert uses == {"export": True}


@pytest.mark.slow
def test_ingest_output_is_a_deprecated_alias_of_summary(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Minister Quits\n\nThe minister said she would resign on Friday.", encoding="utf-8")
    new = kg("ingest", "--store", tmp_path / "s", "--quiet", "--summary", "json", article)
    assert new.exit_code == 0 and json.loads(new.stdout)["new"] == 1
    old = kg("ingest", "--store", tmp_path / "s", "--quiet", "--output", "json", article)
    assert old.exit_code == 0 and json.loads(old.stdout)["unchanged"] == 1
    assert old.stderr == ("kg: ingest --output is deprecated; use --summary text|json (--output names a file in "
                          "kg export)\n")
    assert "--output" not in kg("ingest", "--help").stdout
