"""Claims, contradictions and entities as flat rows: the columns of `--format csv|tsv` and of the tables.

The CSV columns are a contract for scripts (README, "CSV columns"): more may be added at the end, none removed.
"""
from __future__ import annotations

from typing import Any

# kg.report is imported where it is used: it pulls in contradiction detection (about 0.2 s), which `kg claims` and
# `kg entities` never run.

#: `kg claims --format csv`: one row per claim. ``figure`` is the figure as the tables show it; the interval is
#: ``low``/``high`` (empty where unbounded) with their inclusiveness.
CLAIM_COLUMNS = ["id", "claimant", "role", "claimant_kind", "stance", "cue", "text", "direct_quote", "narrator",
                 "confidence", "figure", "measure", "low", "low_inclusive", "high", "high_inclusive", "unit",
                 "currency", "scope", "event", "event_label", "source", "title", "publisher", "published",
                 "sources", "corroborated_by"]

#: `kg contradictions --format csv`: one row per claim of each contradiction (a contradiction has two or more).
CONTRADICTION_COLUMNS = ["contradiction", "kind", "severity", "revision", "topic", "explanation", "claim",
                         "claimant", "role", "stance", "cue", "text", "figure", "measure", "low", "high", "source",
                         "title", "publisher", "published", "confidence", "candidate"]

#: `kg entities --format csv`: aliases and roles joined with "; ".
ENTITY_COLUMNS = ["id", "name", "kind", "aliases", "roles", "wikidata", "claims"]

#: The terminal table of `kg claims`: the claim takes the width the others leave; the title goes first, then the
#: publisher, when the terminal is too narrow.
CLAIM_TABLE = ["claimant", "stance", "cue", "claim", "date", "publisher", "source"]
CLAIM_TABLE_CAPS = {"claimant": 24, "stance": 10, "cue": 12, "date": 10, "publisher": 16, "source": 28}
CLAIM_TABLE_DROPPABLE = ["source", "publisher"]


def _source_fields(source: dict[str, Any]) -> dict[str, Any]:
    return {"source": source.get("id"), "title": source.get("title"), "publisher": source.get("publisher"),
            "published": source.get("published")}


def _value_fields(value: dict[str, Any] | None) -> dict[str, Any]:
    from kg.report import figure

    value = value or {}
    return {"figure": figure(value) if value else None, "measure": value.get("measure"), "low": value.get("low"),
            "low_inclusive": value.get("low_inclusive") if value else None, "high": value.get("high"),
            "high_inclusive": value.get("high_inclusive") if value else None, "unit": value.get("unit"),
            "currency": value.get("currency"), "scope": value.get("scope"), "event": value.get("event"),
            "event_label": value.get("event_label")}


def claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim object (DESIGN.md section 4) as one CSV row of CLAIM_COLUMNS."""
    return {"id": claim["id"], "claimant": claim["claimant"], "role": claim.get("role"),
            "claimant_kind": claim.get("claimant_kind"), "stance": claim["stance"], "cue": claim.get("cue"),
            "text": claim["text"], "direct_quote": claim.get("direct_quote"), "narrator": claim.get("narrator"),
            "confidence": claim.get("confidence"), **_value_fields(claim.get("value")),
            **_source_fields(claim["source"]), "sources": claim.get("sources"),
            "corroborated_by": "; ".join(other["id"] for other in claim["corroborated_by"])
            if "corroborated_by" in claim else None}


def claim_table_row(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim as a row of CLAIM_TABLE: the figure (when it is one) on its own line under the claim text."""
    from kg.report import claimant_label, figure

    value = claim.get("value")
    source = claim["source"]
    return {"claimant": claimant_label(claim), "stance": claim["stance"], "cue": claim.get("cue") or "",
            "claim": claim["text"].strip() + (f"\n{figure(value)}" if value else ""),
            "date": source.get("published") or "", "publisher": source.get("publisher") or "",
            "source": source.get("title") or source["id"]}


def contradiction_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report (kg.report.build_report) as CSV rows of CONTRADICTION_COLUMNS, one per claim: the
    contradictions, then the revisions (``revision`` true), then the candidates of ``--all`` (``candidate`` true)."""
    from kg.report import listed

    rows = []
    for item in listed(report):
        for claim in item["claims"]:
            value = _value_fields(claim.get("value"))
            rows.append({"contradiction": item["id"], "kind": item["kind"], "severity": item["severity"],
                         "revision": item["revision"], "topic": item["topic"], "explanation": item["explanation"],
                         "claim": claim["id"], "claimant": claim["claimant"], "role": claim.get("role"),
                         "stance": claim["stance"], "cue": claim.get("cue"), "text": claim["text"],
                         **{key: value[key] for key in ("figure", "measure", "low", "high")},
                         **_source_fields(claim["source"]), "confidence": item.get("confidence"),
                         "candidate": item.get("candidate", False)})
    return rows


def entity_row(entity: dict[str, Any]) -> dict[str, Any]:
    return {**entity, "aliases": "; ".join(entity["aliases"]), "roles": "; ".join(entity["roles"])}
