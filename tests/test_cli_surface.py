"""What users see at the surface of `kg` (issue 19): counts that agree, queries that check their parameters,
CSV everywhere, tables that keep the claim readable, and helpful "nothing found" messages."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.resources import resource_dir

SAMPLES = str(resource_dir("data") / "samples")
runner = CliRunner()


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("surface") / "store"
    result = kg("ingest", "--store", store, "--quiet", SAMPLES)
    assert result.exit_code == 0, result.stderr
    return store


# -- item 3: kg stats counts contradictions as the report does -----------------------------------------------------

def test_stats_counts_the_contradictions_the_report_lists_without_materialising(sample_store: Path) -> None:
    stats = json.loads(kg("stats", "--store", sample_store, "--format", "json").stdout)
    report = json.loads(kg("contradictions", "--store", sample_store, "--format", "json").stdout)
    revisions = [item for item in report["contradictions"] if item["revision"]]
    assert stats["contradictions"] == report["counts"]["total"] == len(report["contradictions"]) - len(revisions)
    assert stats["revisions"] == report["counts"].get("revision", 0) == len(revisions)
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
