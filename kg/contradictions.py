"""Find claims that clash, from the SPARQL queries in queries/contradictions/, and materialise them as RDF.

Three kinds (DESIGN.md section 3):

- ``numeric``: figures for the same measure of the same canonical event. ``conflict`` when the intervals cannot
  both hold; ``divergent`` when they can but their central values differ by more than :data:`MATERIAL_DIFFERENCE`
  (10 %). For cumulative counts (deaths, injuries, displaced, ...) and durations a later report with a higher
  figure is a revision of an ongoing count or event: ``divergent`` with ``revision`` set, never a conflict. Only
  figures of the same scope are compared: same measure, same event, compatible counted nouns ("people" vs
  "peacekeepers" is a different scope) and the same unit.
- ``polarity``: one claimant denies what another asserts. See :mod:`kg.propositions` for how propositions match.
- ``blame``: A blames B for a hostile act and B blames A (:mod:`kg.blame`).

Every query blocks by a key ((measure, event); key terms; the pair of sides), so cost grows with the number of
claims, not with its square. A numeric block gives at most four items, whatever its size: the figures that disagree
and the revisions of a growing count, each reported or a candidate (:func:`numeric`).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kg.blame import blame_groups
from kg.dates import TimeSpan, parse_time
from kg.linking import known_names
from kg.resolve import load_gazetteer
from kg.namespaces import CONTRADICTIONS_GRAPH, mint
from kg.propositions import (CALENDAR, STOP_WORDS, Identity, PolarityItem, group_records, polarity_groups,
                             polarity_matches)
from kg.queries import load_named
from kg.store import BaseStore

KINDS = ("numeric", "polarity", "blame")
SEVERITIES = ("conflict", "divergent")
#: Figures whose central values differ by more than this share of the larger one differ materially.
MATERIAL_DIFFERENCE = 0.10
#: Counts that only grow while an event goes on: a later, higher figure revises an earlier one.
CUMULATIVE_MEASURES = frozenset({"deaths", "injuries", "casualties", "displaced", "arrests", "missing"})
#: Figures a later report may raise without contradicting an earlier one: cumulative counts, and the length of an
#: event still going on ("the 12th day of the offensive", then "13 days of bombardment").
GROWING_MEASURES = CUMULATIVE_MEASURES | {"duration"}
#: Counted nouns that all mean "people in general"; any other noun narrows the scope ("peacekeepers", "children").
GENERAL_NOUNS = frozenset({"", "people", "person", "persons", "others", "individuals", "lives", "dead", "killed",
                           "wounded", "injured", "deaths", "casualties", "victims"})
#: Bumped when detection or the stored graph changes: a contradictions graph of another version is recomputed.
DETECTOR_VERSION = "claimgraph-contradictions/6"
#: Measures whose figures two articles rarely give for one question (polls, shares, generic counts): compared only
#: as candidates.
UNCOMPARABLE_MEASURES = frozenset({"percentage", "count"})
#: Measures whose figures never contradict one another: a rank is a place in a sequence ("the sixth round", "day six
#: of the revolt"), and two ranks of one event are two places in it.
NEVER_COMPARED = frozenset({"rank"})
#: The length of a calendar unit in days, shortest and longest: durations of one event written in other units are
#: compared in days ("more than four years" against "four and a half months"), a month as 28 to 31 days so that
#: "a month" and "30 days" never clash. Nights and seasons have no fixed length: compared only with their own unit.
DAYS_IN = {"second": (1 / 86400, 1 / 86400), "minute": (1 / 1440, 1 / 1440), "hour": (1 / 24, 1 / 24), "day": (1, 1),
           "week": (7, 7), "month": (28, 31), "year": (365, 366), "decade": (3652, 3653), "century": (36524, 36525)}
#: Confidence that two figures of one block count the same thing: the time written beside each agrees...
STRONG_IDENTITY = 0.9
#: ...or not (no time beside one of them, other times, a measure of UNCOMPARABLE_MEASURES).
WEAK_IDENTITY = 0.5
#: Numeric items at or above this confidence are reported; the others are candidates (``--all``).
NUMERIC_REPORT_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Contradiction:
    """Two or more claims that clash. ``claims`` holds claim IRIs, in the order the explanation names them."""

    kind: str
    severity: str
    topic: str
    explanation: str
    claims: tuple[str, ...]
    revision: bool = False
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: How sure the detector is that the two sides really clash, 0..1 (DESIGN.md section 3).
    confidence: float = field(default=1.0, compare=False)
    #: Under the reporting threshold: shown only when asked for every candidate (``--all``).
    candidate: bool = field(default=False, compare=False)

    @property
    def id(self) -> str:
        """The item's IRI: a hash of its claims, but for a polarity item of its denier, key terms and whether it
        is reported (:func:`polarity_iri`) and for a numeric one of its block and sort (:func:`numeric_iri`),
        which claims joining it leave as it is (an ingest adds them in place or rewrites the item)."""
        if self.kind == "polarity" and "denier" in self.details:
            return polarity_iri((self.details["denier"], tuple(self.details["key_terms"]), not self.candidate))
        if self.kind == "numeric" and "block" in self.details:
            return numeric_iri(tuple(self.details["block"]), revision=self.revision,  # type: ignore[arg-type]
                               candidate=self.candidate)
        key = "|".join((self.kind, *sorted(self.claims)))
        return mint("contradiction", hashlib.sha256(key.encode("utf-8")).hexdigest()[:20])


def polarity_iri(identity: Identity) -> str:
    """The IRI of the polarity item of ``identity`` (its denier, key terms and whether it is reported)."""
    denier, key, reported = identity
    text = "|".join(("polarity", denier, *key, "reported" if reported else "candidate"))
    return mint("contradiction", hashlib.sha256(text.encode("utf-8")).hexdigest()[:20])


#: The order of each kind's rows, sorted here rather than in SPARQL: ORDER BY took a third of each query's time.
ROW_ORDER = {"numeric": ("measure", "event", "published", "claim"), "polarity": ("claim",), "blame": ("claim",)}


def detection_rows(store: BaseStore, name: str) -> list[dict[str, Any]]:
    """The rows of queries/contradictions/<name>.rq over the whole store, in :data:`ROW_ORDER`."""
    return _sorted(store.select(load_named(f"contradictions/{name}")), ROW_ORDER[name])


# -- numeric -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool

    def disjoint(self, other: "Interval") -> bool:
        return _below(self, other) or _below(other, self)

    @property
    def centre(self) -> float | None:
        """The value the figure stands for: its midpoint when bounded, else the bound it has."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


def _below(a: Interval, b: Interval) -> bool:
    """Every value of ``a`` lies below every value of ``b``."""
    if a.high is None or b.low is None:
        return False
    return a.high < b.low or (a.high == b.low and not (a.high_inclusive and b.low_inclusive))


def interval_of(row: dict[str, Any]) -> Interval:
    def bound(value: Any) -> float | None:
        return None if value is None else float(value)
    return Interval(bound(row.get("low")), bound(row.get("high")), bool(row.get("lowInclusive")),
                    bool(row.get("highInclusive")))


def counted_class(row: dict[str, Any]) -> str:
    noun = (row.get("counted") or "").lower().strip()
    return "" if noun in GENERAL_NOUNS else noun.rstrip("s")


def relative_difference(a: float, b: float) -> float:
    larger = max(abs(a), abs(b))
    return 0.0 if larger == 0 else abs(a - b) / larger


def figures_differ(a: Interval, b: Interval) -> bool:
    """Whether two figures disagree: their ranges cannot both hold, or their values differ by more than
    :data:`MATERIAL_DIFFERENCE`. Figures of one identity that do not differ corroborate each other."""
    if a.disjoint(b):
        return True
    return a.centre is not None and b.centre is not None and \
        relative_difference(a.centre, b.centre) > MATERIAL_DIFFERENCE


def measure_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()


def _figure(row: dict[str, Any]) -> str:
    return row.get("figure") or "?"


def _places(row: dict[str, Any]) -> frozenset[str]:
    """The countries and places a figure's sentence and event name (Paris, Japan, Colorado Springs)."""
    return places_in(" ".join(filter(None, (row.get("sentence"), row.get("eventLabel")))))


@lru_cache(maxsize=65536)
def places_in(text: str) -> frozenset[str]:
    # one figure meets every other of its block: worked out once per text, not once per pair (kg figures at 1M
    # triples spent 23 of its 30 s here)
    gazetteer = load_gazetteer()
    return frozenset(name for name in known_names(text, gazetteer)
                     if gazetteer.country_of(name) or gazetteer.lookup(name, ("place",)))


_NAME_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w’'-]+")
#: A figure after one of these and "of" counts a group tied to some of the event's victims, not the event's toll.
_PART_OF_GROUP = re.compile(r"(?i)\b(parents|families|family|relatives|widows|children|mothers|fathers|sons|"
                            r"daughters|wives|husbands|friends|lawyers) of (the )?$")


def _event_names(row: dict[str, Any]) -> frozenset[str]:
    """The capitalised words inside a figure's sentence (not opening it), but months, days and stop words."""
    return _names_in(row.get("sentence") or "")


@lru_cache(maxsize=65536)
def _names_in(sentence: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _NAME_WORD.findall(sentence)) - CALENDAR - STOP_WORDS


@lru_cache(maxsize=65536)
def _part_of_group(sentence: str, figure: str) -> bool:
    """Whether the sentence up to the figure's words ends in "the parents of", "families of", ..."""
    at = sentence.find(figure) if figure else -1
    return at > 0 and _PART_OF_GROUP.search(sentence[:at]) is not None


@lru_cache(maxsize=65536)
def _time_of(text: str) -> TimeSpan | None:
    return parse_time(text)


def identity_confidence(first: dict[str, Any], second: dict[str, Any]) -> tuple[float, str]:
    """How sure it is that two figures of one block count the same thing, and why: sure when the time written
    beside each agrees and their sentences name no places apart. On bench/dev/contradiction_pairs.jsonl the events
    merged on their kind and a country alone were other incidents (Nice and Paris; shootings in Colorado Springs and
    Charleston; Paris and gun deaths in Japan), and figures of polls and shares were other polls and questions."""
    if measure_name(first["measure"]) in UNCOMPARABLE_MEASURES:
        return WEAK_IDENTITY, f"{measure_name(first['measure'])} figures rarely measure the same question twice"
    places = [_places(row) for row in (first, second)]
    if places[0] and places[1] and not places[0] & places[1]:
        return WEAK_IDENTITY, f"their sentences name other places ({', '.join(sorted(places[0]))}; " \
            f"{', '.join(sorted(places[1]))})"
    names = [_event_names(row) for row in (first, second)]
    if names[0] and names[1] and not names[0] & names[1]:
        # linking merged two incidents of one kind ("a shooting at a Planned Parenthood clinic in Colorado Springs",
        # "last year's shooting at the Emanuel African Methodist Episcopal Church"): the names they carry differ
        return WEAK_IDENTITY, f"their sentences name nothing in common ({', '.join(sorted(names[0]))}; " \
            f"{', '.join(sorted(names[1]))})"
    for row in (first, second):
        if _part_of_group(row.get("sentence") or "", row.get("figure") or ""):
            # "the parents of two Americans killed in the attacks": a few of the dead, not the toll
            return WEAK_IDENTITY, f"{_figure(row)} counts some of those the event touched, not all of them"
    times = [_time_of(row["time"]) if row.get("time") else None for row in (first, second)]
    if times[0] is None or times[1] is None:
        return WEAK_IDENTITY, "the event's time is not written beside both figures"
    if not times[0].overlaps(times[1]):
        return WEAK_IDENTITY, f"the times written beside them differ ({first['time']}, {second['time']})"
    return STRONG_IDENTITY, f"the same event, at the time written beside both ({first['time']} ~ {second['time']})"


@dataclass(frozen=True)
class Clash:
    """Two figures of one block that disagree (:func:`compare_figures`): the earlier report's row and the later
    one's, how (``conflict``: their ranges cannot both hold; ``divergent``: their values differ materially; a
    ``revision`` of a growing count), how sure it is that both count the same thing and why, and by how much
    their values differ (a share of the larger)."""

    earlier: dict[str, Any]
    later: dict[str, Any]
    severity: str
    revision: bool
    confidence: float
    why: str
    difference: float

    @property
    def claims(self) -> tuple[str, str]:
        return self.earlier["claim"], self.later["claim"]


def compare_figures(first: dict[str, Any], second: dict[str, Any]) -> Clash | None:
    """How two figures of one (measure, event) block disagree, or None when they agree or are not compared."""
    if first["claim"] == second["claim"] or counted_class(first) != counted_class(second):
        return None
    if measure_name(first["measure"]) in NEVER_COMPARED:
        return None
    if first["article"] == second["article"]:
        return None  # one article: most such pairs are a figure tied to the wrong event of the story
    a, b = interval_of(first), interval_of(second)
    centre_a, centre_b = a.centre, b.centre
    if centre_a is None or centre_b is None or not (math.isfinite(centre_a) and math.isfinite(centre_b)):
        return None
    measure = measure_name(first["measure"])
    difference = relative_difference(centre_a, centre_b)
    earlier, later = sorted((first, second), key=lambda row: (row.get("published") or "", row["claim"]))
    dated = bool(first.get("published")) and bool(second.get("published")) and \
        first.get("published") != second.get("published")
    later_higher = (interval_of(later).centre or 0) > (interval_of(earlier).centre or 0)
    # What both figures share, which is why they are compared at all (the figure's identity, issue 16).
    confidence, why = identity_confidence(first, second)
    if dated and measure in GROWING_MEASURES and later_higher and figures_differ(a, b):
        return Clash(earlier, later, "divergent", True, confidence, why, difference)
    if a.disjoint(b):
        return Clash(earlier, later, "conflict", False, confidence, why, difference)
    if difference > MATERIAL_DIFFERENCE:
        return Clash(earlier, later, "divergent", False, confidence, why, difference)
    return None


def in_days(row: dict[str, Any]) -> dict[str, Any]:
    """A duration's row with its bounds in days (:data:`DAYS_IN`; the unit as written kept as ``writtenUnit``);
    any other row as it is. A whole number of a longer unit is rounded to it: "a six-week war" is 38.5 to 45.5
    days, so "44 days of fighting" does not contradict it."""
    unit = (row.get("unit") or "").lower()
    lengths = DAYS_IN.get(unit)
    if lengths is None or measure_name(row["measure"]) != "duration":
        return row
    low, high = row.get("low"), row.get("high")
    if unit != "day" and low is not None and low == high and float(low).is_integer():
        low, high = float(low) - 0.5, float(high) + 0.5
    counted = None if counted_class(row) == row["unit"].lower() else row.get("counted")  # "years": the unit itself
    return {**row, "unit": "day", "writtenUnit": row.get("unit"), "counted": counted,
            "low": None if low is None else float(low) * lengths[0],
            "high": None if high is None else float(high) * lengths[1]}


#: A numeric block: the figures of one identity, (measure IRI, event IRI, unit, counted class); durations in days.
Block = tuple[str, str, str, str]


def figure_blocks(rows: Iterable[dict[str, Any]]) -> dict[Block, list[dict[str, Any]]]:
    """Figure rows (queries/contradictions/numeric.rq) by block, durations in days (:func:`in_days`), one row per
    claim in claim order: what a block holds does not depend on the order its rows were read in."""
    blocks: dict[Block, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in map(in_days, rows):
        key = (row["measure"], row["event"], row.get("unit") or "", counted_class(row))
        blocks[key].setdefault(row["claim"], row)
    return {key: [block[claim] for claim in sorted(block)] for key, block in blocks.items()}


def numeric_iri(block: Block, *, revision: bool, candidate: bool) -> str:
    """The IRI of a block's numeric item: one for the figures that disagree, one for the revisions of a growing
    count, each reported or a candidate. Figures joining the block leave it as it is (an ingest rewrites it)."""
    text = "|".join(("numeric", *block, "revision" if revision else "contradiction",
                     "candidate" if candidate else "reported"))
    return mint("contradiction", hashlib.sha256(text.encode("utf-8")).hexdigest()[:20])


def block_iris(blocks: Iterable[Block]) -> set[str]:
    """Every IRI a numeric item of these blocks may have."""
    return {numeric_iri(block, revision=revision, candidate=candidate) for block in blocks
            for revision in (False, True) for candidate in (False, True)}


class _Bucket:
    """The clashes of one block of one sort (revisions or not; reported or candidates), kept as what the item
    says of them, not pair by pair: the figures in any clash, the count, the claims in a range conflict, the
    surest confidence and the widest clash (which the explanation names)."""

    def __init__(self) -> None:
        self.claims: set[str] = set()
        self.conflicting: set[str] = set()
        self.pairs = 0
        self.confidence = 0.0
        self.widest: Clash | None = None

    def add(self, clash: Clash) -> None:
        self.claims.update(clash.claims)
        if clash.severity == "conflict":
            self.conflicting.update(clash.claims)
        self.pairs += 1
        self.confidence = max(self.confidence, clash.confidence)
        if self.widest is None or _wider(clash, self.widest):
            self.widest = clash


def _wider(clash: Clash, other: Clash) -> bool:
    """Whether the explanation names ``clash`` rather than ``other``: a range conflict before a divergence, then
    the larger difference, then the lower claim IRIs (a fixed choice, whichever pair came first)."""
    mine = (clash.severity == "conflict", clash.difference)
    theirs = (other.severity == "conflict", other.difference)
    return mine > theirs or (mine == theirs and clash.claims < other.claims)


def numeric(rows: Iterable[dict[str, Any]]) -> list[Contradiction]:
    """Numeric contradictions among figure rows (queries/contradictions/numeric.rq): within each block
    (:func:`figure_blocks`), every two figures are compared (:func:`compare_figures`) and the clashes make at most
    four items: the figures that disagree and the revisions of a growing count, each reported or a candidate.
    An item lists every figure of its block in one of its clashes, so it grows with the block, not with its pairs."""
    found: list[Contradiction] = []
    for key, block in figure_blocks(rows).items():
        buckets: dict[tuple[bool, bool], _Bucket] = defaultdict(_Bucket)
        for index, first in enumerate(block):
            for second in block[index + 1:]:
                clash = compare_figures(first, second)
                if clash is not None:
                    buckets[(clash.revision, clash.confidence < NUMERIC_REPORT_CONFIDENCE)].add(clash)
        by_claim = {row["claim"]: row for row in block}
        found += [_numeric_item(key, bucket, by_claim, revision=revision, candidate=candidate)
                  for (revision, candidate), bucket in sorted(buckets.items())]
    return found


def _numeric_item(block: Block, bucket: _Bucket, rows: dict[str, dict[str, Any]], *, revision: bool,
                  candidate: bool) -> Contradiction:
    """The item of one bucket of a block: its widest clash first, then its other figures by value (revisions:
    by date), with the block's identity and the widest clash's reasons."""
    widest = bucket.widest
    assert widest is not None
    earlier, later = widest.earlier, widest.later
    measure = measure_name(earlier["measure"])
    topic = f"{measure}: {earlier.get('eventLabel') or 'the same event'}"
    others = sorted((rows[claim] for claim in bucket.claims - set(widest.claims)),
                    key=lambda row: (row.get("published") or "", _centre(row), row["claim"]) if revision else
                    (_centre(row), row.get("published") or "", row["claim"]))
    claims = (*widest.claims, *(row["claim"] for row in others))
    articles = len({rows[claim]["article"] for claim in claims})
    figures = [_figure(row) for row in (earlier, later)]
    if revision:
        what = "a longer duration of an event still going on" if measure == "duration" else \
            "a revised count of an ongoing toll"
        explanation = (f"A later report ({later['published']}) gives a higher figure for {topic} "
                       f"({figures[1]}) than an earlier one ({earlier['published']}: {figures[0]}): {what}, not a "
                       f"contradiction.")
        if len(claims) > 2:
            explanation += f" {len(claims)} figures from {articles} articles rise this way."
        severity = "divergent"
    else:
        severity = "conflict" if bucket.conflicting else "divergent"
        if widest.severity == "conflict":
            explanation = (f"The figures {figures[0]} and {figures[1]} for {topic} cannot both be true: their "
                           f"ranges do not overlap.")
        else:
            explanation = (f"The figures {figures[0]} and {figures[1]} for {topic} can both hold but differ by "
                           f"{widest.difference:.0%} (more than {MATERIAL_DIFFERENCE:.0%}).")
        if len(claims) > 2:
            explanation += f" {len(claims)} figures from {articles} articles disagree ({bucket.pairs} pairs)."
    details = {"measure": measure, "event": earlier.get("event"), "event_label": earlier.get("eventLabel"),
               "scope": "total", "unit": earlier.get("unit"), "counted": block[3] or None,
               "times": [earlier.get("time"), later.get("time")], "difference": round(widest.difference, 3),
               "identity": widest.why, "pairs": bucket.pairs, "conflicting": sorted(bucket.conflicting),
               "block": list(block)}
    return Contradiction("numeric", severity, topic, explanation, claims, revision=revision, details=details,
                         confidence=bucket.confidence, candidate=candidate)


def _centre(row: dict[str, Any]) -> float:
    centre = interval_of(row).centre
    return centre if centre is not None else math.inf


# -- all kinds -----------------------------------------------------------------------------------------------------

def detect(store: BaseStore, kinds: Sequence[str] = KINDS, *, candidates: bool = False) -> list[Contradiction]:
    """Every contradiction of the given kinds in the store, in a stable order; with ``candidates``, also those under
    the reporting threshold (marked ``candidate``). Detects afresh: :mod:`kg.contradiction_graph` reads the
    materialised ones."""
    return detect_in({kind: detection_rows(store, kind) for kind in kinds}, candidates=candidates)


def detect_in(rows: Mapping[str, Iterable[dict[str, Any]]], *, candidates: bool = False) -> list[Contradiction]:
    """The contradictions among the rows of each kind's query (``{"numeric": rows, ...}``; a kind left out is not
    looked for), in a stable order (:func:`ordered`)."""
    found: list[Contradiction] = []
    if "numeric" in rows:
        found += [item for item in numeric(rows["numeric"]) if candidates or not item.candidate]
    if "polarity" in rows:
        found += [polarity_contradiction(item)
                  for item in polarity_groups(_sorted(rows["polarity"], ROW_ORDER["polarity"]))
                  if candidates or not item.candidate]
    if "blame" in rows:
        found += [Contradiction("blame", "conflict", topic, explanation, claims, details=reasons)
                  for topic, explanation, claims, reasons in blame_groups(_sorted(rows["blame"], ROW_ORDER["blame"]))]
    return ordered(found)


def polarity_contradiction(item: PolarityItem) -> Contradiction:
    return Contradiction("polarity", "conflict", item.topic, item.explanation, item.claims, details=item.reasons,
                         confidence=item.confidence, candidate=item.candidate)


def polarity_records(rows: Iterable[dict[str, Any]], touching: Collection[str]) -> dict[Identity, dict[tuple[str, str],
                                                                                                   dict[str, Any]]]:
    """The records of the polarity matches among ``rows`` with one of the ``touching`` claims, by item
    (kg.propositions.group_records): what an ingest adds to the stored items."""
    return group_records(polarity_matches(_sorted(rows, ROW_ORDER["polarity"]), touching=touching))


def _sorted(rows: Iterable[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows in the order their query sorts them (``keys``; unbound first), ties in a fixed order: which rows came
    from which query (the whole store, or the blocks an ingest touched) must not change what is found."""
    return sorted(rows, key=lambda row: (tuple(str(row.get(key) or "") for key in keys),
                                         json.dumps(row, sort_keys=True, default=str)))


def ordered(found: Iterable[Contradiction]) -> list[Contradiction]:
    """Contradictions in the report's order: by kind, conflicts first, then topic and claims."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    return sorted(found, key=lambda c: (order[c.kind], c.severity != "conflict", c.topic, c.claims))


class GraphQuads(list):
    """Quads of the contradictions graph, added as (subject, predicate, object): what kg/contradiction_graph.py,
    kg/figures.py and kg/corroboration.py write there."""

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        self.append(ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), obj, ox.NamedNode(CONTRADICTIONS_GRAPH)))

    def text(self, subject: str, predicate: str, value: str) -> None:
        self.add(subject, predicate, ox.Literal(value))


def materialize(store: BaseStore, found: Sequence[Contradiction]) -> int:
    """Replace the contradictions graph with ``found`` alone, as a snapshot: without the blocking keys and the
    detector's version that :func:`kg.contradiction_graph.recompute` writes, readers take it for out of date and
    an ingest recomputes it. Returns the number written."""
    from kg.contradiction_graph import item_quads

    store.replace_graph(CONTRADICTIONS_GRAPH, item_quads(found))
    return len(found)


__all__ = ["Clash", "Contradiction", "Interval", "KINDS", "SEVERITIES", "MATERIAL_DIFFERENCE", "CUMULATIVE_MEASURES",
           "DETECTOR_VERSION", "block_iris", "compare_figures", "figure_blocks", "figures_differ", "numeric",
           "numeric_iri", "detect", "detect_in", "ordered", "materialize"]
