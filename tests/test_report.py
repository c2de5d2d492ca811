"""The contradictions report (issue 19 item 2) as `kg contradictions` prints it: the revisions in their own list."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg_report(store: Path, *args: str) -> Any:
    return runner.invoke(app, ["contradictions", "--store", str(store), *args], catch_exceptions=False)


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
