"""Issue 18, item 2: the read commands open the store read-only, so they work while `kg ingest` writes to it (they
failed with "the store is in use" for the whole ingest), and a folder that is no store is never made one by them."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.namespaces import ONTOLOGY_GRAPH
from kg.store import Store, open_store

runner = CliRunner()
FIRST = "Minister Quits\n\nThe minister said she would resign on Friday. Police said 12 people were hurt.\n"
READS = [["stats", "--format", "json"], ["claims", "--format", "json"], ["query", "articles", "--format", "json"],
         ["export", "--format", "nquads"], ["entities", "--format", "json"], ["contradictions", "--format", "json"],
         ["validate", "--no-owl", "--format", "json"]]


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def articles(store: Path) -> int:
    result = kg("stats", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["articles"])


def ingest_has_started(store: Path) -> bool:
    """The ingest has opened the store and written the ontology graph, its first write; looked at read-only, so
    the look never takes the lock the ingest needs."""
    if not (store / "CURRENT").is_file():
        return False
    try:
        with open_store(store, read_only=True) as reader:
            return reader.has_graph(ONTOLOGY_GRAPH)
    except StoreError:
        return False


def test_read_commands_work_while_an_ingest_runs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    # An ingest from stdin opens the store for writing, writes the ontology, then waits for its input: an ingest in
    # progress for as long as the test keeps stdin open.
    ingest = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", "--store", str(store), "--quiet",
                               "--workers", "1", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not ingest_has_started(store):
            assert ingest.poll() is None, ingest.communicate()
            assert time.monotonic() < deadline, "the ingest never opened the store"
            time.sleep(0.1)
        with pytest.raises(StoreError, match="the store is in use"):
            Store(store)  # the ingest holds it: before this change, every read command failed this way
        for command in READS:
            result = kg(*command, "--store", store)
            assert result.exit_code == 0, (command, result.stderr)
        assert articles(store) == 0  # a snapshot: what was stored when the reader opened it
        out, err = ingest.communicate(FIRST, timeout=300)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err
    assert "1 new" in out
    assert articles(store) == 1


def test_a_second_writer_still_fails_with_store_in_use(tmp_path: Path) -> None:
    with open_store(tmp_path / "s"):
        with pytest.raises(StoreError, match="the store is in use by another process"):
            Store(tmp_path / "s")
        with open_store(tmp_path / "s", read_only=True) as reader:  # a reader beside the writer
            assert reader.graphs() == []


def test_a_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with open_store(tmp_path / "s"):
        pass
    with open_store(tmp_path / "s", read_only=True) as reader:
        with pytest.raises(StoreError, match="opened read-only"):
            reader.replace_graph("https://example.org/g", [])


@pytest.mark.parametrize("command", [read[0] for read in READS])
def test_a_read_command_never_makes_a_folder_a_store(tmp_path: Path, command: str) -> None:
    # `kg stats --store ~` used to write a new RocksDB store into the home folder and report zero articles.
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    args = ["query", "articles"] if command == "query" else [command]
    result = kg(*args, "--store", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kg: {tmp_path}: no store here (run `kg ingest` first, or pass --store / set " \
                                    "KG_STORE)"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("args", [["reextract"], ["contradictions", "--materialize"]])
def test_a_writing_command_that_needs_a_store_never_makes_a_folder_one(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    result = kg(*args, "--store", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"kg: {tmp_path}: no store here")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]
