"""Extraction: a parsed article in, its claims out. Pure functions; no store, no I/O."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from kg.credits import credited
from kg.extract.attribution import attributions
from kg.extract.quantities import extract_quantities
from kg.types import Article, Claim, Extraction


def extract(doc: Doc, article: Article) -> Extraction:
    """Attributed claims first; figures then take the claimant of the claim they sit in (else the narrator,
    named after the article's wire service or publisher)."""
    article = credited(article)
    found = attributions(doc, article)
    attributed = [claim for claim, reason in found if reason is None]
    figures = extract_quantities(doc, article, attributed)
    rejected = tuple((claim, reason) for claim, reason in found if reason is not None)
    return Extraction(article=article, claims=tuple(attributed) + tuple(figures), rejected=rejected)


def scorer_rows(extraction: Extraction, doc: str) -> list[dict[str, Any]]:
    """The article's attributions as the lines ../shared/eval/polnear_score.py reads, in text order (narrator
    claims and figures left out). One line per attribution: the claims a coordinated source gives ("Britain and
    France said") share it, with the source spanning both names. ``"claim": false`` and a ``"reason"`` mark the
    attributions that are not stored as claims."""
    found = [(claim, None) for claim in extraction.claims if not claim.narrator and claim.quantity is None]
    found += list(extraction.rejected)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for claim, reason in sorted(found, key=lambda pair: _position(pair[0])):
        key = (claim.cue, claim.content)
        row = rows.get(key)
        source = claim.claimant.span
        if row is not None:
            if source is not None and row["source"] is not None:
                row["source"] = [min(row["source"][0], source.start), max(row["source"][1], source.end)]
            continue
        content = [[part.start, part.end] for part in claim.content]
        rows[key] = {
            "doc": doc,
            "source": [source.start, source.end] if source else None,
            "cue": [claim.cue.start, claim.cue.end] if claim.cue else None,
            "content": content[0] if len(content) == 1 else content,
            "claimant": claim.claimant.name,
            "stance": claim.stance,
            "text": claim.content_text(extraction.article.text),
            "claim": reason is None,
            "reason": reason,
        }
    return list(rows.values())


def _position(claim: Claim) -> int:
    return claim.cue.start if claim.cue is not None else claim.content[0].start
