"""The two test tiers (issue 18, item 9): ``pytest -m "not slow"`` for the edit loop, ``pytest`` for everything."""
from __future__ import annotations

from pathlib import Path

import pytest


def test_the_slow_marker_is_registered(pytestconfig: pytest.Config) -> None:
    assert any(line.startswith("slow:") for line in pytestconfig.getini("markers"))
    assert "--strict-markers" in pytestconfig.getini("addopts")


def test_the_sample_store_is_made_once_per_session() -> None:
    """Tests that read the ingested samples share conftest's session-scoped ``sample_store`` (a test that writes takes
    ``sample_store_copy``): no module ingests them into a store of its own for that."""
    tests = Path(__file__).parent
    own = [path.name for path in tests.glob("test_*.py")
           if path.name != Path(__file__).name and "def sample_store(" in path.read_text(encoding="utf-8")]
    assert own == []
