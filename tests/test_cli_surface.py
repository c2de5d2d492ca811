"""What users see at the surface of `kg` (issue 19): counts that agree, queries that check their parameters,
CSV everywhere, tables that keep the claim readable, and helpful "nothing found" messages."""
from __future__ import annotations

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
