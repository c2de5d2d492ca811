"""Figures reconciled per event and measure, the way conflict datasets reconcile reports (DESIGN.md section 3).

Each figure of the store that may be compared with others (the rows of queries/contradictions/numeric.rq: a total,
tied to a canonical event) joins the figures of the same identity: the same event, measure, unit and counted class,
the blocks numeric contradictions are found in, and within a block only the figures surely of one incident (the
time written beside each agrees, their sentences name no places apart; a figure with no time written beside it
stands alone). For each such group:

- ``low`` and ``high``: the lowest and highest values any source allows (a figure's bound, or its value where the
  interval is open on that side: "more than 5,600" gives 5,600 to both);
- ``best``: the most conservative figure (ACLED: the lowest where reports differ) among the most recent reports: for
  a count that only grows while an event goes on (deaths, injuries, displaced...), a later report revises an earlier
  one, so the earlier reports bound ``low`` but do not set ``best`` (UCDP GED's low / best / high);
- ``sources``: the number of articles giving a figure (and which they are), and ``conflict``: whether two of the
  figures cannot both hold (a numeric contradiction of severity ``conflict`` that is reported, not a candidate;
  revisions aside).

The groups are kept in the contradictions graph (kg/contradiction_graph.py) with the numeric items: each as a
``cg:FigureGroup`` node, ``cg:figuresOf`` its event, its fields as one JSON ``cg:figureGroup``. An ingest rewrites
the groups of the events its figures are of (whose blocks it reads whole anyway), so ``kg figures`` reads the
stored groups instead of every figure of the store; while that graph is missing or stale they are worked out from
the figures, as before.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.contradictions import (CUMULATIVE_MEASURES, NUMERIC_REPORT_CONFIDENCE, Contradiction, GraphQuads,
                               counted_class, detection_rows, identity_confidence, interval_of, measure_name,
                               numeric)
from kg.namespaces import CG, RDF, mint
from kg.queries import load_named
from kg.store import BaseStore


def _estimate(row: dict[str, Any]) -> float | None:
    """The value a figure stands for: its point value, else its interval's centre or its one finite bound."""
    if row.get("point") is not None:
        return float(row["point"])
    centre = interval_of(row).centre
    return centre if centre is not None and math.isfinite(centre) else None


def reconcile(store: BaseStore) -> list[dict[str, Any]]:
    """One entry per (event, measure, unit, counted class) that has at least one figure, largest groups first: the
    groups the contradictions graph keeps when it is up to date, else worked out from every figure of the store."""
    from kg.contradiction_graph import up_to_date

    if up_to_date(store):
        return ordered(json.loads(row["group"]) for row in store.select(load_named("contradictions/figures")))
    return reconcile_rows(detection_rows(store, "numeric"))


def reconcile_rows(rows: list[dict[str, Any]], found: Iterable[Contradiction] | None = None,
                   ) -> list[dict[str, Any]]:
    """The groups of these figure rows (queries/contradictions/numeric.rq); the rows of a set of events give those
    events' groups exactly as the rows of the whole store do. ``found``: the contradictions already detected among
    these rows (their numeric items tell which figures conflict), else numeric detection is run here."""
    blocks: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        blocks[(row["event"], row["measure"], row.get("unit") or "", counted_class(row))].append(row)
    groups = [(key, members) for key, block in blocks.items() for members in _same_incident(block)]
    conflicting: set[str] = set()
    for contradiction in numeric(rows) if found is None else found:
        if contradiction.kind == "numeric" and not contradiction.revision and not contradiction.candidate:
            conflicting.update(contradiction.details["conflicting"])
    figures = []
    for (event, measure, unit, noun), members in groups:
        estimates = [(row, value) for row in members if (value := _estimate(row)) is not None]
        if not estimates:
            continue
        lows = [float(row["low"]) if row.get("low") is not None else value for row, value in estimates]
        highs = [float(row["high"]) if row.get("high") is not None and math.isfinite(float(row["high"])) else value
                 for row, value in estimates]
        current = estimates
        if measure_name(measure) in CUMULATIVE_MEASURES:
            latest = max((row.get("published") or "") for row, _ in estimates)
            current = [(row, value) for row, value in estimates if (row.get("published") or "") == latest]
        articles = sorted({row["article"] for row in members})
        figures.append({
            "event": event, "event_label": members[0].get("eventLabel"), "measure": measure_name(measure),
            "unit": unit or None, "counted": noun or None,
            "low": _number(min(lows)), "best": _number(min(value for _, value in current)),
            "high": _number(max(highs)), "sources": len(articles), "articles": articles,
            "conflict": any(row["claim"] in conflicting for row in members),
            "claims": [row["claim"] for row in members],
            "texts": [row.get("figure") for row in members],
        })
    return ordered(figures)


def ordered(groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Largest groups first (most sources, then most figures), then by measure, event and claims."""
    return sorted(groups, key=lambda item: (-item["sources"], -len(item["claims"]), item["measure"],
                                            item["event_label"] or "", item["event"], item["claims"]))


def group_iri(group: dict[str, Any]) -> str:
    key = "|".join((group["event"], group["measure"], group["unit"] or "", group["counted"] or "", *group["claims"]))
    return mint("figures", hashlib.sha256(key.encode("utf-8")).hexdigest()[:20])


def group_quads(groups: Iterable[dict[str, Any]]) -> list[ox.Quad]:
    """Each group as a ``cg:FigureGroup`` of the contradictions graph: ``cg:figuresOf`` its event (what an ingest
    finds it by) and its fields as JSON (``cg:figureGroup``)."""
    quads = GraphQuads()
    for group in groups:
        node = group_iri(group)
        quads.add(node, RDF + "type", ox.NamedNode(CG + "FigureGroup"))
        quads.add(node, CG + "figuresOf", ox.NamedNode(group["event"]))
        quads.text(node, CG + "figureGroup", json.dumps(group, sort_keys=True, ensure_ascii=False))
    return quads


def _same_incident(block: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The figures of one block, split into the groups that surely count one incident: two figures join when
    their identity is sure (:func:`kg.contradictions.identity_confidence`: the time written beside each agrees and
    their sentences name no places apart). Event resolution may have merged two incidents of one kind (Nice and
    Paris); their figures are then reconciled apart, each group under the same canonical event."""
    rows = sorted({row["claim"]: row for row in block}.values(), key=lambda row: row["claim"])
    parent = list(range(len(rows)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first in range(len(rows)):
        for second in range(first + 1, len(rows)):
            if root(first) != root(second) and \
                    identity_confidence(rows[first], rows[second])[0] >= NUMERIC_REPORT_CONFIDENCE:
                parent[root(second)] = root(first)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[root(index)].append(row)
    return list(groups.values())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 3)
