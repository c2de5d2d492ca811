"""Golden N-Quads (issue 18, item 9): each tests/golden/<name>.txt (with its <name>.meta.json sidecar) is read,
extracted and mapped as kg ingest does it, and its quads must equal tests/golden/<name>.nq line for line (sorted
N-Quads, extractor version fixed to "golden", no gazetteer beyond the bundled one). Entity linking across articles is
not in them: only the article's own graph.

A change to extraction that changes these quads on purpose regenerates them, and the diff is reviewed with it:

    KG_UPDATE_GOLDEN=1 pytest tests/test_golden.py
    git diff tests/golden/
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline import process
from kg.rdf import article_quads
from kg.read import read_paths
from kg.types import Article, Extraction

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.stem for path in GOLDEN.glob("*.txt"))
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"


def nquads(text_path: Path) -> str:
    """The article graph of the one article in ``text_path``, as sorted N-Quads lines."""
    [article] = list(read_paths([str(text_path)]))
    assert isinstance(article, Article), article
    article = replace(article, origin=f"tests/golden/{text_path.name}")  # the same wherever the checkout is
    [extraction] = list(process([article]))
    assert isinstance(extraction, Extraction), extraction
    quads = article_quads(extraction, extractor_version="golden")
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return "\n".join(sorted(set(lines))) + "\n"


def test_there_are_golden_cases() -> None:
    assert CASES
    for name in CASES:
        assert (GOLDEN / f"{name}.nq").is_file() or UPDATE, f"tests/golden/{name}.nq is missing: KG_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", CASES)
def test_extraction_gives_the_golden_quads(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_GAZETTEER", raising=False)
    produced = nquads(GOLDEN / f"{name}.txt")
    golden = GOLDEN / f"{name}.nq"
    if UPDATE:
        golden.write_text(produced, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if produced != expected:
        now, before = set(produced.splitlines()), set(expected.splitlines())
        diff = [f"- {line}" for line in sorted(before - now)] + [f"+ {line}" for line in sorted(now - before)]
        pytest.fail(f"tests/golden/{name}.nq differs from the extraction ({len(before - now)} quads gone, "
                    f"{len(now - before)} new); if the change is meant, regenerate with "
                    f"KG_UPDATE_GOLDEN=1 pytest tests/test_golden.py and review git diff tests/golden/\n"
                    + "\n".join(diff[:60]), pytrace=False)
