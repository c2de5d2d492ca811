"""Issue 19, item 6: an ingest reports its phases (reading, loading models, extracting, linking) and, while
extracting, the articles done out of a total counted before extraction starts: right for files of several
articles, duplicates and articles already stored; the progress changes nothing in the store."""
from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.pipeline import EXTRACTING, LINKING, LOADING, READING, Progress, ingest, ingest_articles, reextract
from kg.read import Inputs
from kg.store import open_store

pytestmark = pytest.mark.slow  # extracts articles with the spaCy model

STORED = "Minister Quits\n\nThe minister said she would resign on Friday. Police said 12 people were hurt.\n"
RECORDS = [{"title": "Port Closed", "text": "Officials said the port would close on Monday."},
           {"title": "Strike Ends", "text": "The union said 300 workers returned to work."},
           {"title": "Port Closed", "text": "Officials said the port would close on Monday."}]  # a duplicate


def dump(records: list[dict[str, str]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    """An article already stored, then a JSON Lines file of three articles, one a duplicate of another."""
    stored = tmp_path / "stored.txt"
    stored.write_text(STORED, encoding="utf-8")
    lines = tmp_path / "three.jsonl"
    lines.write_text(dump(RECORDS), encoding="utf-8")
    return [str(stored), str(lines)]


def store_with_the_first(tmp_path: Path, inputs: list[str], name: str) -> Path:
    location = tmp_path / name
    with open_store(location) as store:
        assert ingest(store, inputs[:1]).new == 1
    return location


def phases(steps: list[Progress]) -> list[str]:
    return [phase for index, phase in enumerate(step.phase for step in steps)
            if index == 0 or steps[index - 1].phase != phase]


def test_the_total_counts_only_the_articles_to_extract(tmp_path: Path, inputs: list[str]) -> None:
    steps: list[Progress] = []
    with open_store(store_with_the_first(tmp_path, inputs, "store")) as store:
        summary = ingest(store, inputs, progress=steps.append)
    assert (summary.new, summary.unchanged, summary.duplicates) == (2, 1, 1)
    assert phases(steps) == [READING, LOADING, EXTRACTING, LINKING]
    reading = [step for step in steps if step.phase == READING]
    assert reading[-1].done == 4 and {step.total for step in reading} == {None}  # every article read, 1 to 4
    extracting = [step for step in steps if step.phase == EXTRACTING]
    assert {step.total for step in extracting} == {2}  # known before the first article is extracted
    assert [step.done for step in extracting] == [0, 1, 2]
    assert {step.origin for step in extracting[1:]} == {f"{inputs[1]}:1", f"{inputs[1]}:2"}


def test_the_progress_changes_nothing_in_the_store(tmp_path: Path, inputs: list[str]) -> None:
    summaries, dumps = [], []
    for name, progress in (("quiet", None), ("shown", [].append)):
        with open_store(store_with_the_first(tmp_path, inputs, name)) as store:
            summaries.append(ingest(store, inputs, progress=progress).as_dict())
            out = io.BytesIO()
            store.dump(out, "nquads")
            dumps.append(sorted(out.getvalue().decode("utf-8").splitlines()))
    assert summaries[0] == summaries[1]
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100


def test_unchanged_articles_load_no_model_and_extract_nothing(tmp_path: Path, inputs: list[str]) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        ingest(store, inputs)
        steps: list[Progress] = []
        summary = ingest(store, inputs, progress=steps.append)
    assert (summary.new, summary.unchanged, summary.duplicates) == (0, 3, 1)
    assert phases(steps) == [READING]


def test_stdin_is_counted_ahead_and_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.BytesIO(dump(RECORDS).encode("utf-8"))
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=stdin))
    steps: list[Progress] = []
    with open_store(tmp_path / "store") as store:
        summary = ingest(store, ["-"], progress=steps.append)
    assert (summary.new, summary.duplicates, summary.failed) == (2, 1, 0)
    assert {step.total for step in steps if step.phase == EXTRACTING} == {2}


def test_a_named_pipe_is_read_once_and_its_articles_join_the_total(tmp_path: Path, inputs: list[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.pipeline.BATCH_SIZE", 1)  # extraction starts before the pipe is read
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    # Opening a pipe to write blocks until the ingest opens it to read: as `kg ingest <(...)` would be given it.
    writer = threading.Thread(target=lambda: pipe.write_text(
        dump([{"title": "Talks", "text": "The envoy said talks would resume in June."}]), encoding="utf-8"))
    writer.start()
    steps: list[Progress] = []
    try:
        with open_store(tmp_path / "store") as store:
            summary = ingest(store, [inputs[1], str(pipe)], progress=steps.append)
    finally:
        writer.join(10)
    assert (summary.new, summary.duplicates, summary.failed) == (3, 1, 0)
    totals = [step.total for step in steps if step.phase == EXTRACTING]
    assert totals[0] == 2 and totals[-1] == 3  # the file counted ahead; the pipe's article when it came
    assert [step for step in steps if step.phase == EXTRACTING][-1].done == 3
    assert phases(steps) == [READING, LOADING, EXTRACTING, LINKING]


def test_articles_given_as_a_list_are_counted_ahead(tmp_path: Path, inputs: list[str]) -> None:
    articles = [item for item in Inputs(inputs[1:]) if not isinstance(item, Exception)]
    steps: list[Progress] = []
    with open_store(tmp_path / "store") as store:
        summary = ingest_articles(store, articles, progress=steps.append)
    assert (summary.new, summary.duplicates) == (2, 1)
    assert {step.total for step in steps if step.phase == EXTRACTING} == {2}


def test_reextract_reports_the_same_phases(tmp_path: Path, inputs: list[str]) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        ingest(store, inputs)
        steps: list[Progress] = []
        summary = reextract(store, force=True, progress=steps.append)
    assert summary.replaced == 3
    assert phases(steps) == [READING, LOADING, EXTRACTING, LINKING]
    extracting = [step for step in steps if step.phase == EXTRACTING]
    assert {step.total for step in extracting} == {3} and extracting[-1].done == 3

