"""Issue 18, item 7: no traceback reaches a user, a path with no articles is an error naming what was skipped, and
the errors extraction recovers from are logged (`--verbose` shows them) and counted in the ingest summary."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.extract.attribution as attribution
import kg.pipeline as pipeline
from kg.cli import app

runner = CliRunner()
ARTICLE = "Minister Quits\n\nThe minister said she would resign on Friday. Police said 12 people were hurt.\n"


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def one_line_error(result: "CliRunner.invoke") -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("errors")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg("ingest", "--store", folder / "store", "--quiet", "--workers", 1, folder / "a.txt")
    assert result.exit_code == 0, result.stderr
    return folder / "store"


@pytest.mark.parametrize("graph", ["BAD", "", "http://example.org/a b"])
def test_export_of_a_graph_name_that_is_no_iri_is_one_line(store: Path, graph: str) -> None:
    line = one_line_error(kg("export", "--store", store, "--graph", graph))
    assert line.startswith(f"kg: {graph!r} is not a graph name")


@pytest.mark.slow
def test_a_damaged_store_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("garbage\n")
    line = one_line_error(kg("stats", "--store", tmp_path))
    assert line.startswith(f"kg: {tmp_path}: cannot open the store")


def test_a_binary_query_file_is_one_line(store: Path, tmp_path: Path) -> None:
    binary = tmp_path / "query.bin"
    binary.write_bytes(b"SELE\xdd\xff\x00")
    line = one_line_error(kg("query", "--store", store, binary))
    assert line == f"kg: {binary}: not a SPARQL file (not UTF-8 text at byte 4)"


def test_a_query_failing_while_it_runs_is_one_line(store: Path) -> None:
    line = one_line_error(kg("query", "--store", store, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"))
    assert line.startswith("kg: query failed (")


def test_an_unexpected_error_is_one_line_unless_kg_debug(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("kg.report.store_stats", broken)
    line = one_line_error(kg("stats", "--store", store))
    assert line.startswith("kg: unexpected error (ZeroDivisionError: division by zero); run again with KG_DEBUG=1")
    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        kg("stats", "--store", store)


def test_a_folder_of_pdfs_names_what_it_skipped_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    result = kg("ingest", "--store", tmp_path / "store", "--quiet", tmp_path / "in")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'in'}: no articles: skipped 1 file that claimgraph does not read (report.pdf); it reads "
        ".htm, .html, .json, .jsonl, .ndjson, .text, .txt, .xhtml"]
    assert "1 failed" in result.stdout


def test_an_empty_folder_and_an_empty_json_list_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "none.json").write_text("[]", encoding="utf-8")
    result = kg("ingest", "--store", tmp_path / "store", "--quiet", tmp_path / "empty", tmp_path / "none.json")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'empty'}: no articles: the folder holds no article files (hidden files are not read; "
        "claimgraph reads .htm, .html, .json, .jsonl, .ndjson, .text, .txt, .xhtml)",
        f"{tmp_path / 'none.json'}: no articles in it"]


def test_skipped_files_beside_articles_are_logged_with_verbose(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "in" / "a.meta.json").write_text('{"publisher": "Example News"}', encoding="utf-8")
    quiet = kg("ingest", "--store", tmp_path / "store", "--quiet", "--workers", 1, tmp_path / "in")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    verbose = kg("ingest", "--store", tmp_path / "store", "--quiet", "--verbose", tmp_path / "in")
    assert verbose.exit_code == 0
    assert f"kg: INFO: kg.read: {tmp_path / 'in' / 'scan.pdf'}: skipped (not an article file)" in verbose.stderr
    assert "meta.json" not in verbose.stderr  # a sidecar is read with its dump, not skipped


@pytest.fixture()
def failing_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attribution frame fails the way an odd parse makes one fail (attribution.py drops it and goes on)."""
    def broken(*args: object, **kwargs: object) -> None:
        raise IndexError("[E040] Attempt to access token at 99, max length 12.")

    monkeypatch.setattr(attribution, "_claims", broken)


@pytest.mark.slow
def test_errors_extraction_recovers_from_are_counted_and_shown_with_verbose(failing_frames: None,
                                                                             tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    quiet = kg("ingest", "--store", tmp_path / "s1", "--quiet", "--workers", 1, "--summary", "json", tmp_path / "a.txt")
    assert quiet.exit_code == 0
    summary = json.loads(quiet.stdout)
    assert summary["extraction_errors"] >= 2  # one per 'said'
    assert summary["new"] == 1 and summary["failed"] == 0
    assert quiet.stderr == ""  # without --verbose the log stays quiet

    text = kg("ingest", "--store", tmp_path / "s2", "--quiet", "--workers", 1, tmp_path / "a.txt")
    assert f"; {summary['extraction_errors']} extraction errors recovered (--verbose shows them)" in text.stdout

    verbose = kg("ingest", "--store", tmp_path / "s3", "--quiet", "--workers", 1, "--verbose", tmp_path / "a.txt")
    assert verbose.exit_code == 0
    assert f"kg: WARNING: kg.extract.attribution: {tmp_path / 'a.txt'}: the attribution at character" in verbose.stderr
    assert "IndexError: [E040]" in verbose.stderr  # --verbose shows the traceback


def test_summary_json_keeps_its_keys_and_adds_extraction_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg("ingest", "--store", tmp_path / "s", "--quiet", "--workers", 1, "--summary", "json", tmp_path / "a.txt")
    summary = json.loads(result.stdout)
    assert {"new", "replaced", "unchanged", "duplicates", "failed", "claims", "quantity_claims", "interrupted",
            "failures", "seconds"} <= set(summary)
    assert summary["extraction_errors"] == 0


def test_an_article_whose_extraction_fails_is_logged_with_its_traceback(monkeypatch: pytest.MonkeyPatch,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    from kg.errors import InputError
    from kg.types import Article

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("speaker")

    monkeypatch.setattr(pipeline, "extract", broken)
    with caplog.at_level(logging.WARNING, logger="kg.pipeline"):
        results = list(pipeline.process([Article(text=ARTICLE, origin="a.txt")]))
    assert isinstance(results[0], InputError) and "extraction failed (KeyError" in results[0].reason
    record = next(record for record in caplog.records if record.name == "kg.pipeline")
    assert record.getMessage() == "a.txt: extraction failed" and record.exc_info is not None


@pytest.mark.parametrize("args", [
    ["export", "--graph", "BAD"], ["export", "-o", "/nonexistent/dir/out.trig"], ["export", "-o", "/"],
    ["export", "--format", "rdfxml"], ["stats", "--format", "yaml"], ["query", "no_such_query"],
    ["query", "SELECT * WHERE {"], ["query", "missing.rq"], ["query", "articles", "--param", "oops"],
    ["query", "articles", "--param", "x=1"], ["query", "article", "--param", "article=zzz"],
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--param", "s=<bad iri>"], ["query", "article"],
    ["claims", "--stance", "shout"], ["claims", "--kind", "rumour"], ["contradictions", "--kind", "nosuch"],
    ["contradictions", "--fail-on", "nosuch"], ["entities", "--format", "xml"], ["queries", "--format", "xml"],
    ["extract", "/nonexistent.txt"], ["extract", "/"], ["extract", "/etc/hostname", "--format", "xml"],
    ["serve", "--bind", "nonsense"], ["validate", "--format", "xml"], ["ingest", "/nonexistent.txt"],
    ["ingest", "--workers", "0", "/nonexistent.txt"], ["ingest", "--summary", "xml", "/nonexistent.txt"],
    ["nosuchcommand"],
])
def test_bad_arguments_never_print_a_traceback(store: Path, args: list[str]) -> None:
    takes_store = args[0] not in ("extract", "queries", "nosuchcommand")
    result = runner.invoke(app, [*args, *(["--store", str(store)] if takes_store else [])], catch_exceptions=False)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr


def test_worker_processes_log_through_the_ingesting_process(failing_frames: None, tmp_path: Path) -> None:
    # With --workers 2 the frames fail in pool workers (forked: the monkeypatch goes with them); their records
    # reach this process's --verbose output, once each, and their count the summary.
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Friday", "Monday"), encoding="utf-8")
    result = kg("ingest", "--store", tmp_path / "s", "--quiet", "--workers", 2, "--verbose", "--summary", "json",
                tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["new"] == 2
    logged = [line for line in result.stderr.splitlines() if line.startswith("kg: WARNING: kg.extract.attribution")]
    assert len(logged) == summary["extraction_errors"] >= 4
    assert {line.split(": ")[3] for line in logged} == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}
