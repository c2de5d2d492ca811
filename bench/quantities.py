"""Measure numeric-claim extraction: precision/recall of (value, bounds, measure) on hand-labelled news sentences,
and number-parsing accuracy of kg.extract.numbers on quantulum3's gold sentences.

    python bench/quantities.py                 # human-readable
    python bench/quantities.py --json          # one JSON object
    python bench/quantities.py --corpora DIR   # where quantulum3-quantities/ lives (default ../shared/corpora)
    python bench/quantities.py --errors        # list every miss and false alarm

The labelled set is tests/quantity_cases.tsv (sentences from data/samples, ECB+ and BBC News). A predicted figure
matches a labelled one when their character spans overlap (figures of kinds the table does not label, see
``labelled_kind``, are counted apart); it is correct when the measure, both bounds (to 1e-6,
None = unbounded), both inclusive flags, the currency (money) and whether it is a change ("up 2.6%") agree. Events
are scored separately: the labelled event text must be inside the extracted event or contain it.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))  # corpora.py, also when tests/test_quantities.py loads this file by path
CASES = REPO / "tests" / "quantity_cases.tsv"
CORPORA = REPO.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Case:
    """One labelled figure (or, with figure None, a sentence that must give no figure)."""

    source: str
    sentence: str
    figure: str | None
    occurrence: int
    measure: str | None
    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    event: str | None
    currency: str | None = None  # ISO 4217, money rows only
    change: str | None = None  # "increase" | "decrease" | "change" for a difference

    def location(self) -> tuple[int, int]:
        """Character span of the labelled figure: its ``occurrence``-th appearance in the sentence."""
        assert self.figure is not None
        pattern = re.compile(rf"(?<![\w.]){re.escape(self.figure)}(?!\w)")  # not "one" in "Indonesia", "1" in "6.1"
        match = list(pattern.finditer(self.sentence))[self.occurrence - 1]
        return match.start(), match.end()


def _number(text: str) -> float | None:
    return None if text == "-" else float(text)


#: A sentence from a corpus is a reference into ../shared/corpora, never a copy: "ecbplus:DOC@START-END" (offsets
#: into the text bench/corpora.py rebuilds) or "bbc-news:CATEGORY/FILE.txt@START-END" (into the decoded file).
_REFERENCE = re.compile(r"^(ecbplus|bbc-news):(\S+)@(\d+)-(\d+)$")


def sentence_of(written: str) -> str:
    """The sentence a row names: written out (the bundled samples) or read from the corpus it points into."""
    reference = _REFERENCE.match(written)
    if reference is None:
        return written
    corpus, doc, start, end = reference.groups()
    if corpus == "ecbplus":
        from corpora import ecbplus_text

        text = ecbplus_text(doc)
    else:
        from kg.read import decode

        path = CORPORA / "bbc-news" / "bbc" / doc
        if not path.is_file():
            raise SystemExit(f"{path} is missing: the labelled figures read their sentences from ../shared/corpora")
        text = decode(path.read_bytes(), str(path))
    return text[int(start):int(end)]


def load_cases(path: Path = CASES) -> list[Case]:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    cases = []
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        figure, _, occurrence = row["figure"].partition("#")
        cases.append(Case(
            source=row["source"], sentence=sentence_of(row["sentence"]), figure=None if figure == "-" else figure,
            occurrence=int(occurrence or 1), measure=None if row["measure"] == "-" else row["measure"],
            low=_number(row["low"]), low_inclusive=row["low_inc"] == "1", high=_number(row["high"]),
            high_inclusive=row["high_inc"] == "1", event=None if row["event"] == "-" else row["event"],
            currency=None if row.get("currency") in (None, "-") else row["currency"],
            change=None if row.get("change") in (None, "-") else row["change"]))
    return cases


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def agrees(case: Case, quantity: Any) -> bool:
    """Measure, bounds, inclusive flags, currency and change all as labelled."""
    return (quantity.measure == case.measure and _same(quantity.low, case.low) and _same(quantity.high, case.high)
            and (case.low is None or quantity.low_inclusive == case.low_inclusive)
            and (case.high is None or quantity.high_inclusive == case.high_inclusive)
            and (case.measure != "money" or getattr(quantity, "currency", None) == case.currency)
            and getattr(quantity, "change", None) == case.change)


def event_agrees(case: Case, quantity: Any) -> bool:
    if case.event is None:
        return True
    found = (quantity.event or "").lower()
    return bool(found) and (case.event.lower() in found or found in case.event.lower())


def labelled_kind(quantity: Any) -> bool:
    """Whether the table labels figures of this kind. It was written before issue 16 made every figure a figure: it
    leaves out attributes (ages, "a 20-year veteran", sizes, rates), ranks ("the fifth coach"), durations that are the length of no event and
    unqualified counts of things kg.namespaces.MEASURES has no name for ("two plainclothes officers"). Extracted
    figures of those kinds are counted apart ("unlabelled kinds"), not as false alarms; bench/figures_audit.py
    scores them."""
    if getattr(quantity, "scope", "total") == "attribute" or quantity.measure in ("age", "rank"):
        return False
    if quantity.measure == "duration" and quantity.event is None:
        return False
    return not (quantity.measure == "count" and quantity.qualifier is None)


def score_cases(cases: list[Case]) -> dict[str, Any]:
    """Run the extractor on each labelled sentence alone (narrator claims: no attribution needed)."""
    from kg.extract.quantities import extract_quantities
    from kg.nlp import load
    from kg.types import Article

    nlp = load()
    by_sentence: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_sentence[case.sentence].append(case)
    counts = defaultdict(int)
    errors: list[dict[str, Any]] = []
    for sentence, labelled in by_sentence.items():
        doc = nlp(sentence)
        extracted = [claim.quantity for claim in extract_quantities(doc, Article(text=sentence, origin="bench"), [])]
        predicted = [quantity for quantity in extracted if labelled_kind(quantity)]
        counts["unlabelled_kinds"] += len(extracted) - len(predicted)
        gold = [case for case in labelled if case.figure is not None]
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        used: set[int] = set()
        for case in gold:
            start, end = case.location()
            match = next((i for i, q in enumerate(predicted) if i not in used
                          and q.span.start < end and start < q.span.end), None)
            if match is None:
                errors.append({"kind": "missed", "sentence": sentence, "figure": case.figure, "measure": case.measure})
                continue
            used.add(match)
            quantity = predicted[match]
            counts["detected"] += 1
            counts["measure_ok"] += quantity.measure == case.measure
            if case.measure == "money":
                counts["money"] += 1
                counts["currency_ok"] += getattr(quantity, "currency", None) == case.currency
            counts["change_ok"] += getattr(quantity, "change", None) == case.change
            ok = agrees(case, quantity)
            counts["correct"] += ok
            if case.event is not None:
                counts["event_labelled"] += 1
                counts["event_ok"] += event_agrees(case, quantity)
            if not ok or not event_agrees(case, quantity):
                errors.append({"kind": "wrong", "sentence": sentence, "figure": case.figure,
                               "expected": [case.measure, case.low, case.low_inclusive, case.high, case.high_inclusive,
                                            case.event, case.currency, case.change],
                               "got": [quantity.measure, quantity.low, quantity.low_inclusive, quantity.high,
                                       quantity.high_inclusive, quantity.event, getattr(quantity, "currency", None),
                                       getattr(quantity, "change", None)]})
        for index, quantity in enumerate(predicted):
            if index not in used:
                errors.append({"kind": "false alarm", "sentence": sentence, "figure": quantity.span.of(sentence),
                               "got": [quantity.measure, quantity.low, quantity.high]})

    def ratio(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    precision, recall = ratio(counts["correct"], counts["predicted"]), ratio(counts["correct"], counts["gold"])
    return {
        "sentences": len(by_sentence), "gold_figures": counts["gold"], "predicted": counts["predicted"],
        "unlabelled_kinds": counts["unlabelled_kinds"],
        "precision": precision, "recall": recall,
        "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
        "detection_precision": ratio(counts["detected"], counts["predicted"]),
        "detection_recall": ratio(counts["detected"], counts["gold"]),
        "measure_accuracy_on_detected": ratio(counts["measure_ok"], counts["detected"]),
        "currency_accuracy_on_money": ratio(counts["currency_ok"], counts["money"]),
        "change_accuracy_on_detected": ratio(counts["change_ok"], counts["detected"]),
        "event_accuracy_on_labelled": ratio(counts["event_ok"], counts["event_labelled"]),
        "errors": errors,
    }


def score_quantulum(corpora: Path) -> dict[str, Any]:
    """Value accuracy of kg.extract.numbers.find_figures against quantulum3's gold (numbers only, units ignored)."""
    from kg.extract.numbers import find_figures

    folder = corpora / "quantulum3-quantities"
    items = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        items += json.loads((folder / name).read_text(encoding="utf-8"))
    gold_total = found_total = hits = true_found = 0
    for item in items:
        values = []
        for figure in find_figures(item["req"]):
            if figure.value is not None:
                values.append(figure.value)
            elif figure.kind == "range" and figure.low is not None and figure.high is not None:
                values.append((figure.low + figure.high) / 2)  # quantulum gives a range as its midpoint
        gold = [float(result["value"]) for result in item["res"]]
        gold_total += len(gold)
        found_total += len(values)
        hits += sum(any(_same(value, g) for value in values) for g in gold)
        true_found += sum(any(_same(value, g) for g in gold) for value in values)
    return {"sentences": len(items), "gold_values": gold_total, "found": found_total,
            "value_recall": round(hits / gold_total, 3) if gold_total else 0.0,
            "value_precision": round(true_found / found_total, 3) if found_total else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true", help="list misses, wrong values and false alarms")
    parser.add_argument("--cases", type=Path, default=CASES, help="labelled TSV (default tests/quantity_cases.tsv)")
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="folder holding quantulum3-quantities/")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    news = score_cases(cases)
    # Rows labelled after the rules were written (source "*-heldout"): the honest estimate; the rest is the dev set.
    heldout_cases = [case for case in cases if case.source.endswith("heldout")]
    heldout = score_cases(heldout_cases) if heldout_cases else None
    development = score_cases([case for case in cases if not case.source.endswith("heldout")])
    quantulum = score_quantulum(args.corpora) if (args.corpora / "quantulum3-quantities").is_dir() else None
    if args.json:
        def trim(result: dict[str, Any] | None) -> dict[str, Any] | None:
            return result if args.errors or result is None else {k: v for k, v in result.items() if k != "errors"}

        print(json.dumps({"news": trim(news), "news_development": trim(development), "news_heldout": trim(heldout),
                          "quantulum3": quantulum}, indent=2))
        return 0
    print(f"News figures: {news['sentences']} sentences, {news['gold_figures']} labelled figures, "
          f"{news['predicted']} extracted (and {news['unlabelled_kinds']} of kinds the table does not label: "
          f"attributes, ages, ranks, durations of no event, unqualified counts)")
    print(f"  (value, bounds, measure)  precision {news['precision']:.3f}  recall {news['recall']:.3f}  "
          f"F1 {news['f1']:.3f}")
    print(f"  figure found              precision {news['detection_precision']:.3f}  "
          f"recall {news['detection_recall']:.3f}")
    print(f"  measure right when found  {news['measure_accuracy_on_detected']:.3f}")
    print(f"  event right when labelled {news['event_accuracy_on_labelled']:.3f}")
    print(f"  currency right on money   {news['currency_accuracy_on_money']:.3f}")
    print(f"  change flag right         {news['change_accuracy_on_detected']:.3f}")
    for name, part in (("development rows", development), ("held-out rows", heldout)):
        if part:
            print(f"  {name:17} {part['gold_figures']:3} figures: precision {part['precision']:.3f}  "
                  f"recall {part['recall']:.3f}  F1 {part['f1']:.3f}")
    if quantulum:
        print(f"quantulum3 numbers: {quantulum['sentences']} sentences, {quantulum['gold_values']} gold values: "
              f"value recall {quantulum['value_recall']:.3f}, precision {quantulum['value_precision']:.3f}")
    else:
        print(f"quantulum3 corpus not found under {args.corpora}; skipped", file=sys.stderr)
    if args.errors:
        for error in news["errors"]:
            print(f"  {error['kind']:12} {error['figure']!r:24} {error.get('expected', '')} -> {error.get('got', '')}"
                  f"   | {error['sentence'][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
