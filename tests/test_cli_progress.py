"""Issue 19, item 6: `kg ingest` and `kg reextract` draw their progress on a terminal (phases, a bar, the articles
done out of the total, the rate and the time left) and nothing at all in a pipe or with --quiet."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.progress import IngestProgress
from kg.pipeline import EXTRACTING, LINKING, LOADING, READING, Progress

runner = CliRunner()
STORED = "Minister Quits\n\nThe minister said she would resign on Friday. Police said 12 people were hurt.\n"
RECORDS = [{"title": "Port Closed", "text": "Officials said the port would close on Monday."},
           {"title": "Strike Ends", "text": "The union said 300 workers returned to work."},
           {"title": "Port Closed", "text": "Officials said the port would close on Monday."}]  # a duplicate


def terminal() -> Console:
    """A console that takes itself for a terminal, 120 columns wide, without colours: what a test can read."""
    return Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)


def drawn(console: Console) -> str:
    """Every frame the display drew, one a line (a frame starts with a carriage return)."""
    return console.file.getvalue().replace("\r", "\n")  # type: ignore[attr-defined]


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    """A store holding one article, then that article and a JSON Lines file of three (one a duplicate)."""
    stored = tmp_path / "stored.txt"
    stored.write_text(STORED, encoding="utf-8")
    lines = tmp_path / "three.jsonl"
    lines.write_text("".join(json.dumps(record) + "\n" for record in RECORDS), encoding="utf-8")
    first = runner.invoke(app, ["ingest", "--store", str(tmp_path / "store"), "--quiet", str(stored)])
    assert first.exit_code == 0, first.stderr
    return [str(stored), str(lines)]


def test_the_display_draws_each_phase_and_the_extracting_count() -> None:
    console = terminal()
    with IngestProgress(console) as show:
        for done in range(4):
            show(Progress(READING, done))
        show(Progress(LOADING))
        for done in range(3):
            show(Progress(EXTRACTING, done, total=2))
        show(Progress(LINKING))
    frames = drawn(console)
    assert "reading" in frames and "3 articles" in frames
    assert "loading models" in frames
    assert "extracting" in frames and "2/2 articles" in frames and "ETA 0:00:00" in frames
    assert "linking" in frames


@pytest.mark.slow  # extracts articles
def test_an_ingest_on_a_terminal_shows_phases_the_total_and_the_final_count(
        tmp_path: Path, inputs: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    console = terminal()
    monkeypatch.setattr("kg.cli.commands.stderr", console)
    result = runner.invoke(app, ["ingest", "--store", str(tmp_path / "store"), "--workers", "1", *inputs])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("articles: 2 new, 0 replaced, 1 unchanged, 1 duplicate, 0 failed")
    frames = drawn(console)
    for phase in (READING, LOADING, EXTRACTING, LINKING):
        assert f" {phase} " in frames, phase
    assert "4 articles" in frames  # read ahead: the stored one, and the three of the JSON Lines file
    assert "0/2 articles" in frames and "2/2 articles" in frames  # the total: no duplicate, no unchanged article
    assert "/3 articles" not in frames and "/4 articles" not in frames
    assert "articles/s" not in frames and "/s" in frames  # the rate


@pytest.mark.slow  # extracts articles
def test_reextract_on_a_terminal_shows_its_total(tmp_path: Path, inputs: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    console = terminal()
    monkeypatch.setattr("kg.cli.commands.stderr", console)
    result = runner.invoke(app, ["reextract", "--store", str(tmp_path / "store"), "--force", "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    assert "1 replaced" in result.stdout
    frames = drawn(console)
    assert " extracting " in frames and "1/1 articles" in frames and " linking " in frames


@pytest.mark.slow  # extracts articles
def test_quiet_draws_nothing_even_on_a_terminal(tmp_path: Path, inputs: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    console = terminal()
    monkeypatch.setattr("kg.cli.commands.stderr", console)
    result = runner.invoke(app, ["ingest", "--store", str(tmp_path / "store"), "--quiet", "--workers", "1",
                                 *inputs])
    assert result.exit_code == 0, result.stderr
    assert drawn(console) == "" and result.stderr == ""


@pytest.mark.slow  # starts kg in a subprocess
@pytest.mark.parametrize("colour", [None, "FORCE_COLOR"])
def test_in_a_pipe_stderr_is_empty(tmp_path: Path, inputs: list[str], colour: str | None) -> None:
    # FORCE_COLOR makes rich take a pipe for a terminal: it asks for colours in a log, not for progress frames.
    environment = {**os.environ, **({colour: "1"} if colour else {})}
    store = str(tmp_path / "store")
    for command in (["ingest", "--store", store, "--workers", "1", *inputs],
                    ["reextract", "--store", store, "--force", "--workers", "1"]):
        run = subprocess.run([sys.executable, "-m", "kg.cli", *command], capture_output=True, text=True,
                             timeout=300, env=environment)
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""
        assert run.stdout.startswith("articles: ")
