"""A store kept across upgrades (issue 18, item 1): each article records the fingerprint of what extracted it, and an
article stored under another fingerprint is extracted again by `kg ingest` of it or by `kg reextract`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import extraction_fingerprint, ingest, reextract
from kg.resources import resource_dir
from kg.store import open_store

pytestmark = pytest.mark.slow  # ingests and re-extracts whole stores

KG = [sys.executable, "-m", "kg.cli"]
SAMPLES = resource_dir("data") / "samples"
#: Gazetteer rows for the people of the samples: extra word-list rows, as a newsroom would add its own.
EXTRA_ROWS = Path(__file__).parent / "fixtures" / "gazetteer_samples.tsv"


def kg(*args: str, extra_rows: bool = False) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "KG_GAZETTEER"}
    if extra_rows:
        env["KG_GAZETTEER"] = str(EXTRA_ROWS)
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=600, check=False)


def entities(store: Path) -> list[tuple[str, str | None]]:
    run = kg("entities", "--store", str(store), "--format", "json")
    assert run.returncode == 0, run.stderr
    return sorted((row["name"], row.get("wikidata")) for row in json.loads(run.stdout)["entities"])


def test_changed_word_lists_re_extract_on_the_next_ingest_and_on_reextract(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = kg("ingest", "--store", str(store), "--quiet", "--summary", "json", str(SAMPLES))
    assert first.returncode == 0, first.stderr
    before = entities(store)
    again = json.loads(kg("ingest", "--store", str(store), "--quiet", "--summary", "json", str(SAMPLES)).stdout)
    assert (again["new"], again["replaced"], again["unchanged"]) == (0, 0, 6)
    # the gazetteer gains rows: the stored articles are stale, and re-ingesting them extracts them again
    changed = kg("ingest", "--store", str(store), "--quiet", "--summary", "json", str(SAMPLES), extra_rows=True)
    assert json.loads(changed.stdout)["replaced"] == 6, changed.stderr
    after = entities(store)
    assert after != before
    # back to the bundled rows: `kg reextract` finds every article stale and restores what the first ingest made
    restored = kg("reextract", "--store", str(store), "--quiet", "--summary", "json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["replaced"] == 6
    assert entities(store) == before
    nothing = json.loads(kg("reextract", "--store", str(store), "--quiet", "--summary", "json").stdout)
    assert (nothing["replaced"], nothing["unchanged"]) == (0, 6)


def test_reextract_rebuilds_the_same_claims_from_the_stored_text(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [str(SAMPLES)])
        graphs = {graph: store.triple_count(graph) for graph in _article_graphs(store)}
        summary = reextract(store, force=True)
        assert (summary.replaced, summary.failed) == (6, 0)
        assert {graph: store.triple_count(graph) for graph in _article_graphs(store)} == graphs


def test_the_fingerprint_names_the_version_and_changes_with_the_data(tmp_path: Path, monkeypatch) -> None:
    import kg.pipeline as pipeline

    fingerprint = extraction_fingerprint()
    assert fingerprint.startswith("claimgraph/") and "+" in fingerprint
    copy = tmp_path / "data"
    subprocess.run(["cp", "-r", str(resource_dir("data")), str(copy)], check=True)
    monkeypatch.setattr(pipeline, "resource_dir", lambda name: copy)
    pipeline.extraction_fingerprint.cache_clear()
    try:
        assert pipeline.extraction_fingerprint() == fingerprint  # the same files, the same fingerprint
        with open(copy / "lexicon" / "stances.tsv", "a", encoding="utf-8") as handle:
            handle.write("opine\tassert\n")
        pipeline.extraction_fingerprint.cache_clear()
        assert pipeline.extraction_fingerprint() != fingerprint
    finally:
        pipeline.extraction_fingerprint.cache_clear()


def _article_graphs(store) -> list[str]:
    return [row["g"] for row in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a "
                                             "<https://w3id.org/claimgraph/ontology#Article> } }")]
