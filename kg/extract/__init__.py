"""Extraction: a parsed article in, its claims out. Pure functions; no store, no I/O."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.credits import credited
from kg.extract.attribution import extract_attributions
from kg.extract.quantities import extract_quantities
from kg.types import Article, Extraction


def extract(doc: Doc, article: Article) -> Extraction:
    """Attributed claims first; figures then take the claimant of the claim they sit in (else the narrator,
    named after the article's wire service or publisher)."""
    article = credited(article)
    attributed = extract_attributions(doc, article)
    figures = extract_quantities(doc, article, attributed)
    return Extraction(article=article, claims=tuple(attributed) + tuple(figures))
