"""The contradictions report: the JSON of DESIGN.md section 4, and Markdown and HTML renderings of it.

Library code: functions return data or strings; the CLI prints them. HTML escapes every piece of article text.
Revisions (a later, higher count of an ongoing toll) are listed apart from the contradictions and not counted as
ones (DESIGN.md section 3).
"""
from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from typing import Any

from kg.claims import list_claims
from kg.contradictions import Contradiction, detect
from kg.queries import stats
from kg.store import BaseStore


def build_report(store: BaseStore, found: Sequence[Contradiction], *, kind: str | None = None,
                 severity: str | None = None, about: str | None = None,
                 claims: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``{"contradictions": [...], "revisions": [...], "counts": {...}}`` with full claim objects for each side
    (``claims``: the store's claims when the caller already listed them)."""
    by_id = {claim["id"]: claim for claim in (list_claims(store) if claims is None else claims)}
    contradictions: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    for contradiction in found:
        if kind and contradiction.kind != kind:
            continue
        if severity and contradiction.severity != severity:
            continue
        sides = [by_id[claim_id] for claim_id in contradiction.claims if claim_id in by_id]
        if about and not _mentions(about, contradiction, sides):
            continue
        (revisions if contradiction.revision else contradictions).append({
            "id": contradiction.id, "kind": contradiction.kind, "severity": contradiction.severity,
            "revision": contradiction.revision, "topic": contradiction.topic,
            "explanation": contradiction.explanation, "claims": sides,
        })
    counts: dict[str, int] = {"total": len(contradictions)}
    for item in contradictions:
        for key in (item["kind"], item["severity"]):
            counts[key] = counts.get(key, 0) + 1
    counts["revisions"] = len(revisions)
    return {"contradictions": contradictions, "revisions": revisions, "counts": counts}


def listed(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of the report: the contradictions, then the revisions."""
    yield from report["contradictions"]
    yield from report["revisions"]


def summary(counts: dict[str, int]) -> str:
    """``2 contradictions, 1 revision``: revisions are listed but not counted as contradictions."""
    total, revisions = counts["total"], counts.get("revisions", 0)
    text = f"{total} contradiction" + ("" if total == 1 else "s")
    return text + (f", {revisions} revision" + ("" if revisions == 1 else "s") if revisions else "")


def contradiction_counts(found: Sequence[Contradiction]) -> dict[str, int]:
    """``{"contradictions": N, "revisions": M}``, counted as the report counts them: a revision is no contradiction."""
    revisions = sum(1 for contradiction in found if contradiction.revision)
    return {"contradictions": len(found) - revisions, "revisions": revisions}


def store_stats(store: BaseStore, found: Sequence[Contradiction] | None = None) -> dict[str, int]:
    """What ``kg stats`` prints: the store's counts (:func:`kg.queries.stats`), with contradictions and revisions
    as detected now (``found``, or :func:`kg.contradictions.detect`), the same ones ``kg contradictions`` reports,
    whether or not they were materialised."""
    found = detect(store) if found is None else found
    counts: dict[str, int] = {}
    for key, value in stats(store).items():
        counts[key] = value
        if key == "events":
            counts.update(contradiction_counts(found))
    return counts


def _mentions(needle: str, contradiction: Contradiction, sides: list[dict[str, Any]]) -> bool:
    needle = needle.casefold()
    haystack = [contradiction.topic, contradiction.explanation]
    for claim in sides:
        haystack += [claim.get("text") or "", claim.get("sentence") or "", claim.get("claimant") or ""]
    return any(needle in text.casefold() for text in haystack)


def figure(value: dict[str, Any] | None) -> str:
    """``more than 5,600 → (5,600, ∞) deaths``; ``six → 6 weeks (duration)``."""
    if not value:
        return ""
    low, high = value.get("low"), value.get("high")
    if low is not None and high is not None and low == high:
        interval = f"{low:,}"
    else:
        interval = (("[" if value.get("low_inclusive") else "(") + ("−∞" if low is None else f"{low:,}") + ", "
                    + ("∞" if high is None else f"{high:,}") + ("]" if value.get("high_inclusive") else ")"))
    written = value.get("text") or ""
    unit = value.get("unit")
    what = f"{unit} ({value.get('measure')})" if unit else str(value.get("measure"))
    return f"{written} → {interval} {what}".strip(" →")


def claimant_label(claim: dict[str, Any]) -> str:
    role = claim.get("role")
    return f"{claim['claimant']} ({role})" if role else claim["claimant"]


def source_label(source: dict[str, Any]) -> str:
    parts = [source.get("title") or source["id"]]
    parts += [part for part in (source.get("publisher"), source.get("published")) if part]
    return ", ".join(parts)


def _highlighted(claim: dict[str, Any], mark: tuple[str, str], escape: Any = lambda s: s) -> str:
    sentence, span = claim.get("sentence") or claim.get("text") or "", claim.get("highlight")
    if not span or not (0 <= span[0] <= span[1] <= len(sentence)):
        return escape(sentence)
    start, end = span
    return escape(sentence[:start]) + mark[0] + escape(sentence[start:end]) + mark[1] + escape(sentence[end:])


def severity_label(item: dict[str, Any]) -> str:
    """``conflict`` or ``divergent``, or ``revision`` for a revision."""
    return "revision" if item.get("revision") else item["severity"]


def to_markdown(report: dict[str, Any]) -> str:
    lines = ["# Contradictions", ""]
    counts = report["counts"]
    lines.append(", ".join(f"{key}: {value}" for key, value in counts.items()) or "none")
    for item in listed(report):
        lines += ["", f"## {item['topic']} — {item['kind']}, {severity_label(item)}", "", item["explanation"], ""]
        for claim in item["claims"]:
            value = f" **{figure(claim.get('value'))}**" if claim.get("value") else ""
            lines.append(f"- **{claimant_label(claim)}** ({claim['stance']}){value}: "
                         f"{_highlighted(claim, ('**', '**'))}  ")
            lines.append(f"  _{source_label(claim['source'])}_")
    return "\n".join(lines) + "\n"


_STYLE = """body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}section{border:1px solid #ddd;border-radius:8px;padding:1rem 1.2rem;margin:1.2rem 0}
.badge{display:inline-block;border-radius:4px;padding:.1rem .5rem;font-size:.8rem;color:#fff;margin-left:.4rem}
.conflict{background:#b3261e}.divergent{background:#b26a00}.revision{background:#476d9e}.kind{background:#555}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem;margin-top:.8rem}
.claim{background:#fafafa;border-left:4px solid #999;padding:.6rem .8rem}.who{font-weight:600}
mark{background:#ffe58a}.src{color:#666;font-size:.85rem}.fig{font-family:monospace}"""


def to_html(report: dict[str, Any], title: str = "claimgraph: contradictions") -> str:
    """One self-contained page (inline CSS, no scripts, no external assets); all article text is escaped."""
    esc = html.escape
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(title)}</title>"
             f"<style>{_STYLE}</style></head><body><h1>{esc(title)}</h1>"]
    counts = report["counts"]
    parts.append("<p>" + esc(", ".join(f"{key}: {value}" for key, value in counts.items())) + "</p>")
    for item in listed(report):
        label = severity_label(item)
        parts.append(f"<section><h2>{esc(item['topic'])}<span class='badge kind'>{esc(item['kind'])}</span>"
                     f"<span class='badge {esc(label)}'>{esc(label)}</span></h2><p>{esc(item['explanation'])}</p>"
                     "<div class=claims>")
        for claim in item["claims"]:
            value = (f"<div class=fig>{esc(figure(claim.get('value')))}</div>" if claim.get("value") else "")
            parts.append(f"<div class=claim><div class=who>{esc(claimant_label(claim))} "
                         f"<small>({esc(claim['stance'])}{', ' + esc(claim['cue']) if claim.get('cue') else ''})"
                         f"</small></div>{value}<p>{_highlighted(claim, ('<mark>', '</mark>'), esc)}</p>"
                         f"<div class=src>{esc(source_label(claim['source']))}</div></div>")
        parts.append("</div></section>")
    parts.append("</body></html>")
    return "".join(parts)
