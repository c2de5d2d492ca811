"""Per-field accuracy of extracted figures on the labelled figures in bench/dev/ (issue 16).

    python bench/figures_audit.py              # a row per label file (figures.jsonl, figures_b.jsonl, ...) and overall
    python bench/figures_audit.py --json
    python bench/figures_audit.py --show wrong # each gold figure with what the extractor made of it

Labels (guideline: bench/dev/FIGURES.md) point into texts read in place through bench/corpora.py; every number in a
labelled document is listed, the ones that are no figure (dates, clock times, names) with measure "not_a_figure".
The documents are extracted with `kg.extract.extract` (no store). A system figure matches the gold figure whose span
it overlaps. For each gold figure:

- **found**: a system figure overlaps it;
- **figure**: both bounds and both inclusive flags agree (bounds to 0.5%, None = unbounded);
- **rounded** (printed apart, not part of **all**): the figure is right, or the label is an exact value and the system
  gives that value with the rounding band data/qualifiers.tsv puts around unqualified round or scaled figures
  (<round>, <scaled>: "$43 million" = [40.85m, 45.15m], DESIGN: round figures get a tolerance) — the labels write
  such figures as points;
- **measure**: the system's measure is the gold one, under ``MEASURES`` (kg has finer classes of counts);
- **scope**: total / part / increment / attribute agree (``value.scope``; "-" until the extractor gives one);
- **counts**: what it counts agrees: the system's event overlaps the gold event, or its subject is the gold subject
  (case-blind, either inside the other);
- **all**: all of the above.

A system figure over a number labelled not_a_figure, or over no labelled number, is a **false alarm**.
figures.jsonl is the tuning half; figures_b.jsonl, when present, is held out: report it, do not read its errors.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import labelled, text_of  # noqa: E402

DEV = Path(__file__).resolve().parent / "dev"
#: gold measure -> the system measures that say the same (kg.namespaces.MEASURES is finer for counts)
MEASURES = {
    "percent": {"percentage"},
    "count": {"count", "people", "countries", "weapons", "buildings", "casualties", "territory"},
}
FIELDS = ("found", "figure", "measure", "scope", "counts", "all")
EXTRA = ("rounded",)


@dataclass
class GoldFigure:
    label_file: str
    corpus: str
    doc: str
    span: tuple[int, int]
    text: str
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    measure: str
    scope: str | None
    event_span: tuple[int, int] | None
    subject: str | None


def load(folder: Path = DEV) -> tuple[list[tuple[str, str]], list[GoldFigure]]:
    docs, rows = labelled(folder, "figures_docs*.tsv", "figures*.jsonl")
    gold = [GoldFigure(row["label_file"], row["corpus"], row["doc"], tuple(row["span"]), row["text"], row["low"],
                       row["high"], bool(row["low_inclusive"]), bool(row["high_inclusive"]), row["measure"],
                       row.get("scope"), tuple(row["event_span"]) if row.get("event_span") else None,
                       row.get("subject")) for row in rows]
    return docs, gold


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def system_figures(text: str, nlp: Any) -> list[dict[str, Any]]:
    from kg.extract import extract
    from kg.types import Article

    article = Article(text=text, origin="dev")
    figures = []
    for claim in extract(nlp(text), article).claims:
        quantity = claim.quantity
        if quantity is None:
            continue
        figures.append({
            "span": (quantity.span.start, quantity.span.end), "text": quantity.span.of(text),
            "low": quantity.low, "high": quantity.high, "low_inclusive": quantity.low_inclusive,
            "high_inclusive": quantity.high_inclusive, "measure": quantity.measure,
            "scope": getattr(quantity, "scope", None), "subject": getattr(quantity, "subject", None),
            "event_span": (quantity.event_span.start, quantity.event_span.end) if quantity.event_span else None,
            "event": quantity.event, "qualifier": quantity.qualifier,
        })
    return figures


def judge(gold: GoldFigure, found: dict[str, Any] | None) -> dict[str, bool]:
    if found is None:
        return dict.fromkeys(FIELDS + EXTRA, False)
    right = {
        "found": True,
        "figure": _same(gold.low, found["low"]) and _same(gold.high, found["high"])
        and (gold.low is None or gold.low_inclusive == found["low_inclusive"])
        and (gold.high is None or gold.high_inclusive == found["high_inclusive"]),
        "measure": found["measure"] == gold.measure or found["measure"] in MEASURES.get(gold.measure, ()),
        "scope": found["scope"] is not None and found["scope"] == gold.scope,
    }
    if gold.event_span is not None:
        right["counts"] = found["event_span"] is not None and _overlaps(found["event_span"], gold.event_span)
    else:
        subject, wanted = (found["subject"] or "").lower(), (gold.subject or "").lower()
        right["counts"] = bool(subject and wanted) and (subject in wanted or wanted in subject)
    right["all"] = all(right.values())
    point = gold.low is not None and gold.low == gold.high
    banded = point and found["qualifier"] is None and found["low"] is not None and found["high"] is not None \
        and found["low"] < gold.low < found["high"] and _same((found["low"] + found["high"]) / 2, gold.low)
    right["rounded"] = right["figure"] or banded
    return right


def _held_out(label_file: str) -> bool:
    """figures_b.jsonl and any later half named *_b.jsonl is held out."""
    return Path(label_file).stem.endswith("_b")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--show", choices=("wrong", "all"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from kg.nlp import load as load_nlp

    nlp = load_nlp()
    docs, gold = load(args.dev)
    counts: dict[str, Counter[str]] = {}
    for corpus, doc in docs:
        text = text_of(corpus, doc).rstrip()
        found = system_figures(text, nlp)
        golds = [g for g in gold if (g.corpus, g.doc) == (corpus, doc)]
        files = {g.label_file for g in golds} or {"(no figures)"}
        # the held-out half is reported, never shown: nobody reads its errors
        show = args.show if not any(_held_out(name) for name in files) else None
        for figure in found:
            hits = [g for g in golds if _overlaps(g.span, figure["span"])]
            if not hits or all(g.measure == "not_a_figure" for g in hits):
                for bucket in (*files, "all"):
                    counts.setdefault(bucket, Counter())["false_alarms"] += 1
                if show:
                    print(f"{corpus}:{doc} | false alarm | {figure['text']!r} {figure['measure']}")
        for figure in golds:
            if figure.measure == "not_a_figure":
                continue
            match = next((f for f in found if _overlaps(f["span"], figure.span)), None)
            right = judge(figure, match)
            for bucket in (figure.label_file, "all"):
                bucket_counts = counts.setdefault(bucket, Counter())
                bucket_counts["gold"] += 1
                bucket_counts.update(name for name, ok in right.items() if ok)
            if show == "all" or (show == "wrong" and not right["all"]):
                wrong = [name for name in FIELDS[1:-1] if not right[name]]
                made = f"{match['text']!r} [{match['low']}, {match['high']}] {match['measure']} {match['scope']} " \
                       f"event={match['event']!r} subject={match['subject']!r}" if match else "nothing"
                gold_event = text[figure.event_span[0]:figure.event_span[1]] if figure.event_span else None
                wanted = f"event={gold_event!r}" if gold_event else f"subject={figure.subject!r}"
                print(f"{corpus}:{doc} | {figure.text!r} [{figure.low}, {figure.high}] {figure.measure} "
                      f"{figure.scope} {wanted} | {made} | wrong: {', '.join(wrong) if match else 'not found'}")
    result = {bucket: {"gold_figures": c["gold"], "false_alarms": c["false_alarms"],
                       **{name: round(c[name] / c["gold"], 3) if c["gold"] else None for name in FIELDS + EXTRA}}
              for bucket, c in counts.items()}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{'':18} {'gold':>5} {'false':>6} " + " ".join(f"{name:>8}" for name in FIELDS + EXTRA))
        for bucket, row in sorted(result.items(), key=lambda item: item[0] == "all"):
            print(f"{bucket:18} {row['gold_figures']:>5} {row['false_alarms']:>6} "
                  + " ".join(f"{row[name]!s:>8}" for name in FIELDS + EXTRA))
    return 0


if __name__ == "__main__":
    sys.exit(main())
