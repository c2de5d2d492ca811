"""The `kg` command line, in process: exit codes, error text, help, and the sample corpus end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.resources import resource_dir

SAMPLES = str(resource_dir("data") / "samples")
runner = CliRunner()


def kg(*args: str) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def command_names() -> list[str]:
    return sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_version() -> None:
    result = kg("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kg (claimgraph) {__version__}"


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = kg(name, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
    assert (command.callback.__doc__ or "").strip(), f"kg {name} has no help text"


def test_core_commands_exist() -> None:
    assert {"ingest", "query", "export", "stats", "demo", "claims", "extract"} <= set(command_names())


def test_ingest_samples_gives_six_articles(sample_store: Path) -> None:
    result = kg("stats", "--store", sample_store, "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert {"articles", "claims", "quantity_claims", "entities", "contradictions", "triples"} <= set(stats)
    assert stats["articles"] == 6
    assert stats["claims"] > 30
    assert stats["quantity_claims"] > 5


def test_reingest_is_idempotent(sample_store_copy: Path) -> None:
    before = json.loads(kg("stats", "--store", sample_store_copy, "--format", "json").stdout)
    result = kg("ingest", "--store", sample_store_copy, "--quiet", "--summary", "json", SAMPLES)
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["unchanged"], summary["failed"]) == (0, 6, 0)
    after = json.loads(kg("stats", "--store", sample_store_copy, "--format", "json").stdout)
    assert after == before


@pytest.mark.slow
def test_forced_reingest_gives_the_same_triples(sample_store_copy: Path, tmp_path: Path) -> None:
    first = kg("export", "--store", sample_store_copy, "--format", "nquads").stdout_bytes
    result = kg("ingest", "--store", sample_store_copy, "--quiet", "--force", "--summary", "json", SAMPLES)
    assert json.loads(result.stdout)["replaced"] == 6
    second = kg("export", "--store", sample_store_copy, "--format", "nquads").stdout_bytes
    assert sorted(first.splitlines()) == sorted(second.splitlines())


@pytest.mark.slow
def test_export_round_trip(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.ttl"
    assert kg("export", "--store", sample_store, "--format", "turtle", "-o", out).exit_code == 0
    graph = rdflib.Graph().parse(out, format="turtle")
    # the named graphs' triples: the default graph holds only what each graph holds, counted (kg/counts.py)
    rows = json.loads(kg("query", "--store", sample_store, "--format", "json",
                         "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
                         ).stdout)
    assert len(graph) == int(rows["results"]["bindings"][0]["n"]["value"])
    nquads = kg("export", "--store", sample_store, "--format", "nquads").stdout
    stats = json.loads(kg("stats", "--store", sample_store, "--format", "json").stdout)
    assert len([line for line in nquads.splitlines() if line.strip()]) == stats["triples"]


def test_query_by_name_with_formats(sample_store: Path) -> None:
    result = kg("query", "articles", "--store", sample_store, "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("article,headline")
    assert len(lines) == 7
    result = kg("query", "articles", "--store", sample_store, "--format", "json")
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 6


def test_query_param_is_bound_not_pasted(sample_store: Path) -> None:
    query = "SELECT ?a ?h WHERE { ?a <https://schema.org/headline> ?h }"
    result = kg("query", query, "--store", sample_store, "--param", 'h="} ; DROP ALL ; #', "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert json.loads(kg("stats", "--store", sample_store, "--format", "json").stdout)["articles"] == 6


@pytest.mark.slow
def test_ingest_bad_path_fails_clearly_but_ingests_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Minister Quits\n\nThe minister said she would resign on Friday.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = kg("ingest", "--store", tmp_path / "s", "--quiet", good, missing)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{missing}: no such file or directory"
    assert "1 new" in result.stdout
    stats = json.loads(kg("stats", "--store", tmp_path / "s", "--format", "json").stdout)
    assert stats["articles"] == 1


@pytest.mark.parametrize("args, message", [
    (["query", "no_such_query"], "kg: no named query 'no_such_query'"),
    (["query", "articles", "--param", "oops"], "kg: bad --param 'oops': expected NAME=VALUE"),
    (["export", "--graph", "https://example.org/none"], "kg: no graph 'https://example.org/none' in the store"),
    (["claims", "--stance", "shout"], "kg: unknown stance 'shout'"),
])
def test_bad_usage_exits_2_with_one_line(sample_store: Path, args: list[str], message: str) -> None:
    # (a SPARQL syntax error adds an excerpt of the query under its line: tests/test_cli_surface.py)
    result = kg(*args, "--store", sample_store)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["query articles", "export", "stats", "claims"])
def test_reading_a_missing_store_is_an_error(tmp_path: Path, command: str) -> None:
    result = kg(*command.split(), "--store", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: {tmp_path / 'nowhere'}: no store here")
    assert not (tmp_path / "nowhere").exists()


def test_extract_bad_path(tmp_path: Path) -> None:
    result = kg("extract", tmp_path / "none.txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'none.txt'}: cannot read (No such file or directory)"


@pytest.mark.slow
def test_demo_prints_the_report(tmp_path: Path) -> None:
    result = kg("demo", "--store", tmp_path / "demo", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["stats"]["articles"] == 6
    assert any("Bayramov" in claim["claimant"] for claim in report["claims"])


def test_demo_says_when_it_extracted_stored_articles_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a store of an older version: the articles are extracted again, and the first line says so
    assert kg("demo", "--store", tmp_path / "demo").exit_code == 0
    monkeypatch.setattr("kg.pipeline.extraction_fingerprint", lambda: "claimgraph/0+older")
    result = kg("demo", "--store", tmp_path / "demo")
    assert result.exit_code == 0, result.stderr
    assert ": 0 new, 6 replaced, 0 unchanged" in result.stdout.splitlines()[0]
