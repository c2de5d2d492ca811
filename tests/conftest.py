"""Shared fixtures: the spaCy pipeline and the sample store are made once per test session (they take seconds).

Two tiers: ``pytest -m "not slow"`` is the edit loop (under a minute); ``pytest`` runs everything, as CI does. Mark a
test ``@pytest.mark.slow`` (or a module with ``pytestmark = pytest.mark.slow``) when it takes about a second or more:
subprocesses, worker pools, signals, the Java reasoner, hypothesis searches, whole corpora.
"""
from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp import load
from kg.resources import resource_dir

# Tests send Ctrl-C (SIGINT) to the `kg` processes they start. A shell that starts pytest in the background (`pytest &`,
# a job under setsid) makes it ignore SIGINT, and an ignored signal stays ignored across exec: the children would
# never see their Ctrl-C. Handled here, a signal is reset to its default in every child, as in a terminal.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples (data/samples) ingested once per session by ``kg ingest``, without KG_GAZETTEER.

    Tests share it, so they only read it: a test that writes takes :func:`sample_store_copy`."""
    store = tmp_path_factory.mktemp("sample-store") / "store"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KG_GAZETTEER", raising=False)
        result = CliRunner().invoke(app, ["ingest", "--store", str(store), "--quiet", "--workers", "1",
                                          str(resource_dir("data") / "samples")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def sample_store_copy(sample_store: Path, tmp_path: Path) -> Path:
    """A copy of the session's sample store that the test may write to."""
    copy = tmp_path / "store"
    shutil.copytree(sample_store, copy)
    return copy
