"""Read claims back out of the store, shaped as the JSON contract of DESIGN.md section 4.

The query lives in ``queries/claims.rq``; filter values reach it only as bound RDF terms (Store.select bindings),
so no user text is ever pasted into SPARQL. With ``by``, ``queries/claims_by.rq`` first finds the candidate claims
from the names that match (a few, in a large store), and claims.rq reads only those: its cost grows with the claims
it returns, not with the store.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import MEASURES, STANCES, kind_of_class, measure_iri
from kg.queries import bind_list, load_named
from kg.store import Store

CLAIM_KINDS = ("attributed", "quantity")

_MEASURE_OF_IRI = {measure_iri(measure): measure for measure in MEASURES}


def _number(value: Any) -> int | float | None:
    """A bound as JSON wants it: 5600 rather than 5600.0, None when unbounded."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _local_lower(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1].lower()


def _claim(row: dict[str, Any]) -> dict[str, Any]:
    sentence_start, start, end = row["sentenceStart"], row["contentStart"], row["contentEnd"]
    highlight = None
    if sentence_start is not None and start is not None and end is not None:
        highlight = [int(start) - int(sentence_start), int(end) - int(sentence_start)]
    claim: dict[str, Any] = {
        "id": row["claim"],
        "claimant": row["entityName"] or row["agentName"] or row["writtenName"],
        "role": row["role"] or row["entityRole"],
        "affiliation": row["affiliation"] or row["entityAffiliation"],
        "claimant_kind": kind_of_class(row["entityType"] or row["agentType"]),
        "stance": _local_lower(row["stanceNode"]),
        "cue": row["cue"],
        "text": row["content"],
        "sentence": row["sentence"],
        "highlight": highlight,
        "direct_quote": bool(row["directQuote"]),
        "narrator": bool(row["narrator"]),
        "confidence": row["confidence"],
        "source": {
            "id": row["article"],
            "title": row["headline"],
            "publisher": row["publisher"],
            "published": row["published"],
        },
    }
    if row["measureNode"] is not None:
        claim["value"] = {
            "measure": _MEASURE_OF_IRI.get(row["measureNode"], _local_lower(row["measureNode"])),
            "low": _number(row["low"]),
            "low_inclusive": bool(row["lowInclusive"]),
            "high": _number(row["high"]),
            "high_inclusive": bool(row["highInclusive"]),
            "text": row["figure"],
            "qualifier": row["qualifier"],
            "counted": row["counted"],
            "unit": row["unit"],
            "event": row["event"],
            "event_label": row["entityEventLabel"] or row["eventLabel"] or row["eventPhrase"],
            "currency": row["currency"],
            "scope": _local_lower(row["scope"]),
            "subject": row["subject"],
            "change": row["change"],
            "change_from": _number(row["changeFrom"]),
            "alternatives": _alternatives(row["alternatives"]),
        }
    return claim


def _alternatives(packed: str | None) -> list[dict[str, Any]]:
    """The conversions claims.rq packs one per line ("start<TAB>USD<TAB>low<TAB>high<TAB>$91m"), in text order."""
    rows = [(line.split("\t") + [""] * 5)[:5] for line in (packed or "").splitlines() if line]
    rows.sort(key=lambda fields: int(fields[0]) if fields[0].isdigit() else 0)
    return [{"currency": currency or None, "low": _number(low or None), "high": _number(high or None),
             "text": text or None} for _, currency, low, high, text in rows]


def _sort_key(claim: dict[str, Any], position: int | None) -> tuple[str, str, int, str]:
    return (claim["source"]["published"] or "", claim["source"]["id"], -1 if position is None else position,
            claim["id"])


def list_claims(store: Store, *, by: str | None = None, about: str | None = None, stance: str | None = None,
                kind: str | None = None, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Claims in the store as JSON-ready dicts, sorted by source date, source and position in the text.

    ``by``: substring of the claimant's name, alias or name as written; ``about``: substring of the content or
    sentence (both case-insensitive); ``stance``: a stance such as "deny"; ``kind``: "attributed" or "quantity";
    ``ids``: only these claims (IRIs), read one by one instead of the whole store (the report's sides).
    Raises QueryError for a stance or kind that does not exist (a typo should not look like "no claims").
    """
    if stance is not None and stance.lower() not in STANCES:
        raise QueryError(f"unknown stance {stance!r}; use one of: {', '.join(STANCES)}")
    if kind is not None and kind not in CLAIM_KINDS:
        raise QueryError(f"unknown claim kind {kind!r}; use one of: {', '.join(CLAIM_KINDS)}")
    # "" means "no filter" in claims.rq; binding every parameter keeps the query plan the same for all calls.
    bindings = {"by": by or "", "about": about or "", "stance": stance or "", "kind": kind or ""}
    query = load_named("claims")
    if ids is not None:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        query = only_claims(query, wanted)
    elif by:
        candidates = [row["claim"] for row in store.select(load_named("claims_by"), {"by": by})]
        if not candidates:
            return []
        # claims.rq still applies the by filter: the candidates only narrow what it reads
        query = only_claims(query, candidates)
    rows = store.select(query, bindings)
    claims = [(_claim(row), row["contentStart"]) for row in rows]
    claims.sort(key=lambda pair: _sort_key(*pair))
    return [claim for claim, _ in claims]


def only_claims(query: str, claims: Iterable[str]) -> str:
    """claims.rq restricted to ``claims`` (IRIs read from the store): ``?claim`` bound to each (kg.queries.bind_list).
    pyoxigraph rejects anything that is not an IRI (ValueError), so nothing but IRIs reaches the query text."""
    return bind_list(query, "claim", [ox.NamedNode(claim) for claim in claims])


__all__ = ["CLAIM_KINDS", "list_claims", "only_claims"]
