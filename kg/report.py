"""The contradictions report: the JSON of DESIGN.md section 4, and Markdown and HTML renderings of it.

Library code: functions return data or strings; the CLI prints them. The HTML page escapes every piece of article
text. Revisions (a later, higher count of an ongoing toll) are listed apart from the
contradictions and not counted as ones (DESIGN.md section 3).
"""
from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime, timezone
from html import escape
from typing import Any

import pyoxigraph as ox

from kg import __version__
from kg.blame import WINDOW_DAYS
from kg.claims import list_claims
from kg.contradictions import MATERIAL_DIFFERENCE, Contradiction
from kg.propositions import REPORT_CONFIDENCE
from kg.counts import store_counts
from kg.queries import bind_list, load_named, stats
from kg.store import BaseStore

#: The parts of a claim its sentence highlights, in the order a legend names them. Where two overlap (a claimant
#: inside a quote split by its cue) the earlier one wins.
MARKS = ("claimant", "cue", "content")

#: "How this was found", as the report's header says it.
METHOD = (
    "Rules over a spaCy parse find who said what (claimant, cue, content) and the figures reported; claimants and "
    "events are resolved to one entity each across articles. Claims are compared within blocks only: figures for "
    "the same measure of the same event (numeric: a conflict when their ranges cannot both hold, divergent when "
    f"they differ by more than {MATERIAL_DIFFERENCE:.0%}), a denial against another claimant's assertion of the "
    "same proposition, matched on shared key terms and by meaning (sentence embeddings), shown when the similarity "
    f"reaches {REPORT_CONFIDENCE:.2f} (polarity), two sides blaming each other within {WINDOW_DAYS} days (blame). "
    "The extraction is automatic: check each card against its article."
)


def build_report(store: BaseStore, found: Sequence[Contradiction], *, kind: str | None = None,
                 severity: str | None = None, about: str | None = None,
                 claims: Sequence[dict[str, Any]] | None = None,
                 generated_at: datetime | None = None) -> dict[str, Any]:
    """``{"contradictions": [...], "revisions": [...], "counts": {...}, "generated": {...}}`` with full claim
    objects for each side (``claims``: the store's claims when the caller already listed them). Each claim gains
    ``spans`` (claimant, cue and content offsets in its sentence) and its source ``url`` and ``wire_service``.
    ``generated_at``: when the report says it was made (now, in UTC, unless given)."""
    if claims is None:  # read only the claims the report shows, not the whole store
        claims = list_claims(store, ids={claim for item in found for claim in item.claims})
    by_id = {claim["id"]: claim for claim in claims}
    contradictions: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    shown: list[tuple[Contradiction, list[dict[str, Any]]]] = []
    for contradiction in found:
        if kind and contradiction.kind != kind:
            continue
        if severity and contradiction.severity != severity:
            continue
        sides = [by_id[claim_id] for claim_id in contradiction.claims if claim_id in by_id]
        if about and not _mentions(about, contradiction, sides):
            continue
        shown.append((contradiction, sides))
    # one claim object per claim, made once and shared by every item it is a side of (a claim may be in thousands)
    sides_shown = {claim["id"]: claim for _, sides in shown for claim in sides}
    evidence = _evidence(store, sides_shown.keys())
    evidenced = {claim_id: _with_evidence(claim, evidence[claim_id]) for claim_id, claim in sides_shown.items()}
    for contradiction, sides in shown:
        place = revisions if contradiction.revision else candidates if contradiction.candidate else contradictions
        place.append({
            "id": contradiction.id, "kind": contradiction.kind, "severity": contradiction.severity,
            "revision": contradiction.revision, "candidate": contradiction.candidate, "topic": contradiction.topic,
            "explanation": contradiction.explanation, "confidence": contradiction.confidence,
            "reasons": contradiction.details,
            "claims": [evidenced[claim["id"]] for claim in sides],
        })
    counts: dict[str, int] = {"total": len(contradictions)}
    for item in contradictions:
        for key in (item["kind"], item["severity"]):
            counts[key] = counts.get(key, 0) + 1
    counts["revisions"] = len(revisions)
    filters = {name: value for name, value in (("kind", kind), ("severity", severity), ("about", about)) if value}
    report = {"contradictions": contradictions, "revisions": revisions, "counts": counts,
              "generated": _generated(store, generated_at, filters)}
    if candidates:  # only when asked for (detect(candidates=True), kg contradictions --all)
        counts["candidates"] = len(candidates)
        report["candidates"] = candidates
    return report


def listed(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of the report: the contradictions, the revisions, then any candidates (``--all``)."""
    yield from report["contradictions"]
    yield from report["revisions"]
    yield from report.get("candidates", ())


def summary(counts: dict[str, int]) -> str:
    """``2 contradictions, 1 revision``: revisions are listed but not counted as contradictions."""
    total, revisions = counts["total"], counts.get("revisions", 0)
    text = f"{total} contradiction" + ("" if total == 1 else "s")
    return text + (f", {revisions} revision" + ("" if revisions == 1 else "s") if revisions else "")


def contradiction_counts(found: Sequence[Contradiction]) -> dict[str, int]:
    """``{"contradictions": N, "revisions": M}``, counted as the report counts them: a revision is no contradiction."""
    revisions = sum(1 for contradiction in found if contradiction.revision)
    return {"contradictions": len(found) - revisions, "revisions": revisions}


def store_stats(store: BaseStore, found: Sequence[Contradiction] | None = None,
                stored: dict[str, int] | None = None, fresh: bool | None = None) -> dict[str, int]:
    """What ``kg stats`` prints: the store's counts (``stored``, or :func:`kg.counts.store_counts`), with
    contradictions and revisions as ``kg contradictions`` reports them: counted in ``found``, else those the store
    counted in its contradictions graph when it is up to date (``fresh``, when the caller knows), else detected now
    (:func:`kg.contradiction_graph.current`)."""
    from kg.contradiction_graph import current, up_to_date

    if stored is None:
        stored = store_counts(store).counts
    if found is not None:
        contradictions = contradiction_counts(found)
    elif fresh if fresh is not None else up_to_date(store):
        contradictions = {key: stored[key] for key in ("contradictions", "revisions")}
    else:
        contradictions = contradiction_counts(current(store)[0])
    counts: dict[str, int] = {}
    for key, value in stats(store, stored).items():
        counts[key] = value
        if key == "events":
            counts.update(contradictions)
    return counts


def _generated(store: BaseStore, at: datetime | None, filters: dict[str, str]) -> dict[str, Any]:
    """When and by which claimgraph the report was made, and how much it read (as `kg stats` counts it)."""
    at = datetime.now(timezone.utc) if at is None else at.astimezone(timezone.utc)
    read = store_counts(store).counts  # stored with each graph: no count over the whole store
    return {"at": at.replace(microsecond=0).isoformat().replace("+00:00", "Z"), "claimgraph": __version__,
            "articles": int(read.get("articles") or 0), "claims": int(read.get("claims") or 0), "filters": filters}


#: Claims whose evidence one query reads (a VALUES block): a query per claim took about 25 ms at 1M triples, most of
#: a report of a few thousand claims.
EVIDENCE_CHUNK = 200


def _evidence(store: BaseStore, claims: Collection[str]) -> dict[str, list[dict[str, Any]]]:
    """The rows of queries/claim_evidence.rq for each of ``claims``, in the query's order, a chunk of claims at a
    time."""
    found: dict[str, list[dict[str, Any]]] = {claim: [] for claim in claims}
    ordered = sorted(found)
    for start in range(0, len(ordered), EVIDENCE_CHUNK):
        chunk = [ox.NamedNode(claim) for claim in ordered[start : start + EVIDENCE_CHUNK]]
        for row in store.select(bind_list(load_named("claim_evidence"), "claim", chunk)):
            found[row["claim"]].append(row)
    return found


def _with_evidence(claim: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``claim`` (not changed) with the spans its sentence highlights and its article's URL and wire service, from
    its evidence ``rows``."""
    sentence = claim.get("sentence") or ""
    spans: dict[str, list[list[int]]] = {mark: [] for mark in MARKS}
    for row in rows:
        if row["role"] in spans and None not in (row["start"], row["end"], row["sentenceStart"]):
            start, end = int(row["start"]) - int(row["sentenceStart"]), int(row["end"]) - int(row["sentenceStart"])
            # a claimant named in an earlier sentence ("he said" resolved back) is not in this one
            if 0 <= start < end <= len(sentence) and [start, end] not in spans[row["role"]]:
                spans[row["role"]].append([start, end])
    if not spans["content"] and claim.get("highlight"):
        spans["content"] = [list(claim["highlight"])]
    first = rows[0] if rows else {}
    source = {**claim["source"], "url": first.get("url"), "wire_service": first.get("wireService")}
    return {**claim, "spans": spans, "source": source}


def _mentions(needle: str, contradiction: Contradiction, sides: list[dict[str, Any]]) -> bool:
    needle = needle.casefold()
    haystack = [contradiction.topic, contradiction.explanation]
    for claim in sides:
        haystack += [claim.get("text") or "", claim.get("sentence") or "", claim.get("claimant") or ""]
    return any(needle in text.casefold() for text in haystack)


def marked_runs(claim: dict[str, Any]) -> list[tuple[str | None, str]]:
    """The claim's sentence (its text when no sentence is known) cut into ``(mark, text)`` runs, ``mark`` one of
    :data:`MARKS` or None; a sentence without spans is one unmarked run."""
    sentence = (claim.get("sentence") or claim.get("text") or "").rstrip()
    spans = claim.get("spans") or {}
    marks: list[str | None] = [None] * len(sentence)
    for mark in reversed(MARKS):  # the first of MARKS is painted last, so it wins where spans overlap
        for start, end in spans.get(mark) or ():
            for index in range(max(start, 0), min(end, len(sentence))):
                marks[index] = mark
    runs = []
    for mark, group in itertools.groupby(zip(marks, sentence), key=lambda pair: pair[0]):
        runs.append((mark, "".join(character for _, character in group)))
    return runs


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


def publisher_label(source: dict[str, Any]) -> str:
    """The publisher, else the wire service the copy came from, else says it is not known: a card never just
    leaves it out."""
    if source.get("publisher"):
        return str(source["publisher"])
    if source.get("wire_service"):
        return f"{source['wire_service']} wire copy, publisher unknown"
    return "publisher unknown"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: a report never links to ``javascript:`` or a file."""
    if not url or not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
        return None
    return url


def generated_line(generated: dict[str, Any]) -> str:
    """``Generated 2026-12-02T10:00:00Z by claimgraph 0.1.0 from 6 articles and 136 claims.``"""
    line = (f"Generated {generated['at']} by claimgraph {generated['claimgraph']} from {generated['articles']} "
            f"article{'' if generated['articles'] == 1 else 's'} and {generated['claims']} "
            f"claim{'' if generated['claims'] == 1 else 's'}.")
    if generated.get("filters"):
        line += f" Only {filters_text(generated['filters'])}."
    return line


def filters_text(filters: dict[str, str]) -> str:
    """``kind 'numeric', about 'Gaza'``: what the report was restricted to."""
    return ", ".join(f"{name} {value!r}" for name, value in filters.items())


#: What the candidates section (``--all``) says of itself.
CANDIDATES_NOTE = ("Pairs the detector found but is not sure of: under the confidence it needs to report one. "
                   "Not counted above; read them as leads.")
#: What the revisions section says of itself.
REVISIONS_NOTE = "Later, higher counts of an ongoing toll: a figure revised, not contradicted. Not counted above."


def to_markdown(report: dict[str, Any]) -> str:
    lines = ["# Contradictions", "", f"{summary(report['counts'])}. {generated_line(report['generated'])}", "",
             f"**How this was found.** {METHOD}", "",
             "In each sentence: **claimant**, _cue_, ==content==."]
    for heading, items, note in (("Contradictions", report["contradictions"], None),
                                 ("Revisions", report["revisions"], REVISIONS_NOTE),
                                 *((("Candidates", report["candidates"], CANDIDATES_NOTE),)
                                   if "candidates" in report else ())):
        lines += ["", f"## {heading} ({len(items)})"]
        if note:
            lines += ["", note]
        if not items:
            lines += ["", "None found."]
        for item in items:
            lines += ["", f"### {_md(item['topic'])} — {item['kind']}, {severity_label(item)}", "",
                      _md(item["explanation"]), ""]
            for claim in item["claims"]:
                value = f" {_md(figure(claim.get('value')))}" if claim.get("value") else ""
                cue = f", “{_md(claim['cue'])}”" if claim.get("cue") else ""
                lines.append(f"- **{_md(claimant_label(claim))}** ({claim['stance']}{cue}){value}: "
                             f"{_md_marked(claim)}  ")
                lines.append(f"  {_md_source(claim['source'])}")
    return "\n".join(lines) + "\n"


def severity_label(item: dict[str, Any]) -> str:
    """``conflict`` or ``divergent``, ``revision`` for a revision, ``candidate`` for one under the threshold."""
    return "revision" if item.get("revision") else "candidate" if item.get("candidate") else item["severity"]


_MD_SPECIAL = str.maketrans({character: "\\" + character for character in "\\`*_[]<>="})
_MD_MARK = {"claimant": "**", "cue": "_", "content": "=="}


def _md(text: str) -> str:
    """Article text as Markdown shows it literally (no emphasis, links or HTML made of it)."""
    return text.translate(_MD_SPECIAL)


def _md_marked(claim: dict[str, Any]) -> str:
    out = []
    for mark, text in marked_runs(claim):
        stripped = text.strip()
        if mark is None or not stripped:
            out.append(_md(text).replace("\n", " "))
            continue
        # emphasis must hug its text: "** said**" is not bold, so the spaces go outside the marks
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(f"{lead}{_MD_MARK[mark]}{_md(stripped)}{_MD_MARK[mark]}{trail}".replace("\n", " "))
    return "".join(out)


def _md_source(source: dict[str, Any]) -> str:
    title = _md(source.get("title") or source["id"])
    url = safe_url(source.get("url"))
    linked = f"[{title}](<{url}>)" if url else title
    return f"{linked} · {_md(publisher_label(source))} · {source.get('published') or 'date unknown'}"


_STYLE = """*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:#1f1f1f;
background:#fff;max-width:64rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.75rem;margin:.5rem 0}h2{font-size:1.35rem;margin:2rem 0 .5rem}h3{font-size:1.125rem;margin:0}
header p,header dl{margin:.5rem 0}.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;padding:0}
.meta div{display:flex;gap:.4rem}.meta dt{color:#555}.meta dd{margin:0}
.method{background:#f4f4f4;border-radius:6px;padding:.75rem 1rem}
.card{border:1px solid #d6d6d6;border-radius:8px;padding:1rem;margin:1rem 0}
.tags{margin:.4rem 0}.badge{display:inline-block;border-radius:4px;padding:0 .5rem;margin-right:.4rem;
font-size:.875rem;color:#fff;background:#555}.conflict{background:#b3261e}.divergent{background:#8a5300}
.revision{background:#35618f}.candidate{background:#6b6b6b}.conf{font-size:.875rem;color:#555}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr));gap:.75rem;
list-style:none;margin:.75rem 0 0;padding:0}
.claim{background:#fafafa;border-left:4px solid #8c8c8c;padding:.6rem .8rem}.claim p{margin:.3rem 0}
.who{font-weight:600}.stance{font-weight:400;color:#444}.fig{font-family:ui-monospace,monospace;font-size:.9375rem}
.src{color:#444;font-size:.875rem}.src a{color:#0b57d0}.date{white-space:nowrap}
mark{color:inherit;border-radius:3px;padding:0 .1em}mark.claimant{background:#cfe0ff;font-weight:600}
mark.cue{background:#d4f2da;text-decoration:underline 2px #1b7f3a;text-underline-offset:3px}
mark.content{background:#fff0a3}"""


def to_html(report: dict[str, Any], title: str = "claimgraph: contradictions") -> str:
    """One self-contained page (inline CSS, no scripts, no external assets) that reads on a phone: a header with
    when and how it was made, then a card per contradiction and, in their own section, the revisions. Every piece
    of article text is escaped; links go only to the articles' own http(s) URLs."""
    generated = report["generated"]
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8>"
             f"<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title>"
             f"<style>{_STYLE}</style></head><body><header><h1>{escape(title)}</h1>"
             f"<p class=lede><strong>{escape(summary(report['counts']))}</strong>"
             f"{escape(_only(generated.get('filters') or {}))}</p><dl class=meta>"
             f"<div><dt>Generated</dt><dd><time datetime=\"{escape(generated['at'])}\">"
             f"{escape(generated['at'].replace('T', ' ').replace('Z', ' UTC'))}"
             f"</time></dd></div><div><dt>claimgraph</dt><dd>{escape(generated['claimgraph'])}</dd></div>"
             f"<div><dt>Read</dt><dd>{generated['articles']} articles, {generated['claims']} claims</dd></div></dl>"
             f"<p class=method><strong>How this was found.</strong> {escape(METHOD)}</p>"
             "<p class=legend>In each sentence: " + " ".join(f"<mark class={mark}>{mark}</mark>" for mark in MARKS)
             + "</p></header><main>"]
    for section, heading, items, note in (("contradictions", "Contradictions", report["contradictions"], None),
                                          ("revisions", "Revisions", report["revisions"], REVISIONS_NOTE),
                                          *((("candidates", "Candidates", report["candidates"], CANDIDATES_NOTE),)
                                            if "candidates" in report else ())):
        parts.append(f"<section id={section}><h2>{heading} ({len(items)})</h2>")
        if note:
            parts.append(f"<p>{escape(note)}</p>")
        parts += [_card(item) for item in items] or ["<p>None found.</p>"]
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "".join(parts)


def _only(filters: dict[str, str]) -> str:
    return f" (only {filters_text(filters)})" if filters else ""


def _card(item: dict[str, Any]) -> str:
    label = severity_label(item)
    parts = [f"<article class=card id=\"{escape(item['id'].rsplit('/', 1)[-1])}\"><h3>{escape(item['topic'])}</h3>"
             f"<p class=tags><span class=badge>{escape(item['kind'])}</span>"
             f"<span class=\"badge {escape(label)}\">{escape(label)}</span>"
             f"<span class=conf>confidence {item.get('confidence', 1.0):.2f}</span></p>"
             f"<p>{escape(item['explanation'])}</p>"
             "<ol class=claims>"]
    for claim in item["claims"]:
        source = claim["source"]
        url = safe_url(source.get("url"))
        headline = escape(source.get("title") or source["id"])
        cue = f", <q>{escape(claim['cue'])}</q>" if claim.get("cue") else ""
        value = f"<p class=fig>{escape(figure(claim['value']))}</p>" if claim.get("value") else ""
        sentence = "".join(f"<mark class={mark}>{escape(text)}</mark>" if mark else escape(text)
                           for mark, text in marked_runs(claim))
        parts.append(f"<li class=claim data-claim=\"{escape(claim['id'])}\"><p class=who>"
                     f"{escape(claimant_label(claim))} <span class=stance>({escape(claim['stance'])}{cue})</span></p>"
                     f"{value}<p class=sentence>{sentence}</p><p class=src>"
                     + (f"<a href=\"{escape(url)}\">{headline}</a>" if url else headline)
                     + f"<br>{escape(publisher_label(source))} · "
                     f"<span class=date>{escape(source.get('published') or 'date unknown')}</span></p></li>")
    parts.append("</ol></article>")
    return "".join(parts)
