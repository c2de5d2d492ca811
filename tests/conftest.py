"""Shared fixtures: the spaCy pipeline is loaded once per test session (it takes seconds)."""
from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp import load


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load()
