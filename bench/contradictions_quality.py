"""Precision and recall of `kg contradictions` per kind, on the labelled pairs in bench/dev/contradiction_pairs*.jsonl.

    python bench/contradictions_quality.py                    # build the store (8-20 minutes), then score
    python bench/contradictions_quality.py --keep DIR         # ... and keep the store in DIR
    python bench/contradictions_quality.py --store DIR        # score on a store built before (about 3 minutes)
    python bench/contradictions_quality.py --json             # one JSON object
    python bench/contradictions_quality.py --store DIR --all  # score `kg contradictions --all`: candidates too
    python bench/contradictions_quality.py --show wrong       # also each wrong proposal and each missed pair
    python bench/contradictions_quality.py --show unlabelled  # also each proposal no label covers yet
    python bench/contradictions_quality.py --candidates FILE  # write pairs to label (JSON lines, texts included)

The store holds every non-reserved ECB+ document and every PolNeAR train and dev text, ingested as JSON records titled
``corpus:doc`` (PolNeAR with its publisher and date from metadata.tsv), so every claim maps back to a document and
character offsets in the text bench/corpora.py gives. The detector is run as a user runs it (`kg contradictions
--format json`, in a subprocess, from this checkout) and its report is cut into pairs of claims: a polarity group
gives one pair per denial and other claim, a numeric one (every figure of a block in a clash) one pair per two of
its figures from other articles that disagree (kg.contradictions: ranges apart, or values more than 10% apart),
any other group one pair per two claims. A proposed pair matches a
labelled pair when each of its claims overlaps one side of the label (same document, overlapping offsets: a claim is
located by its content, a figure by its figure; a label side is a sentence or a figure). Per kind (revisions in a
row of their own):

- proposed: the pairs of that kind the report lists; labelled: those a label covers; right: those labelled a
  contradiction of that kind (a revision, in the revision row);
- precision = right / labelled; (lower) = right / proposed, as if every unlabelled proposal were wrong: the two
  differ when the detector proposes pairs nobody labelled (after a change to it: label them with --show unlabelled);
- true: labelled pairs of the kind; found: those some proposal of the kind matches; recall = found / true.

Numeric rows also count the right pairs whose severity is the labelled one. A corroboration row appears once claims
carry ``corroborated_by`` (issue 17 item 5). Guideline and label format: bench/dev/CONTRADICTIONS.md.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any, NoReturn

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(ROOT))  # kg from this checkout, as the subprocesses below use it

from corpora import POLNEAR, RESERVED_ECB_TOPICS, ecbplus_documents, text_of, topic_of  # noqa: E402

DEV = BENCH / "dev"
LABELS = ("contradiction", "revision", "corroboration", "unrelated")
KINDS = ("numeric", "polarity", "blame")
TARGET_PRECISION = 0.90
EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Stop with one line on stderr: bad labels, a missing store, a failed kg command."""
    print(message, file=sys.stderr)
    raise SystemExit(EXIT_BAD_INPUT)


# -- the documents ---------------------------------------------------------------------------------------------------

def pool() -> list[tuple[str, str]]:
    """The documents the store holds: every non-reserved ECB+ document, PolNeAR dev and train."""
    docs = [("ecbplus", doc) for doc in ecbplus_documents()]
    for split, corpus in (("dev", "polnear"), ("train", "polnear_train")):
        docs += [(corpus, path.stem) for path in sorted((POLNEAR / "data" / split / "text").glob("*.txt"))]
    return docs


def polnear_metadata() -> dict[str, dict[str, str]]:
    with open(POLNEAR / "data" / "metadata.tsv", encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def records(docs: Iterable[tuple[str, str]], texts: dict[tuple[str, str], str]) -> Iterator[dict[str, Any]]:
    """One JSON record per document, titled ``corpus:doc`` so that claims map back to it; PolNeAR documents carry
    their publisher and date from metadata.tsv (ECB+ has neither: the pipeline reads what the text says)."""
    metadata = polnear_metadata()
    for corpus, doc in docs:
        text = texts[(corpus, doc)]
        if text != text.lstrip():
            fail(f"{corpus}:{doc}: text starts with whitespace, offsets would shift")
        record = {"text": text.rstrip(), "title": f"{corpus}:{doc}"}  # the reader strips: no offset moves
        if corpus.startswith("polnear"):
            row = metadata[doc]
            record.update(publisher=row["publisher"], published=row["publication_date"])
        yield record


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    """``kg ARGS`` from this checkout, in a subprocess (as a user runs it); exits with its error on failure."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env)
    if done.returncode not in (0, 1):
        fail(f"kg {args[0]} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return done


def build_store(location: Path, texts: dict[tuple[str, str], str], workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-contradictions-quality-") as folder:
        path = Path(folder) / "documents.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for record in records(texts, texts):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        _kg("ingest", str(path), "--store", str(location), "--workers", str(workers), "--quiet")


# -- where a claim is ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Side:
    corpus: str
    doc: str
    start: int
    end: int

    def overlap(self, other: "Side") -> int:
        """Characters the two spans share (0 in different documents)."""
        if (self.corpus, self.doc) != (other.corpus, other.doc):
            return 0
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def as_json(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "doc": self.doc, "claim": [self.start, self.end]}


def locate(claim: dict[str, Any], texts: dict[tuple[str, str], str]) -> tuple[Side, Side] | None:
    """(where the claim is, its sentence) in its document: a figure's own words, else the claim's highlighted
    content; None for a claim of no pool document, or one whose sentence is not in the text."""
    corpus, _, doc = (claim["source"].get("title") or "").partition(":")
    text = texts.get((corpus, doc))
    sentence = claim.get("sentence") or ""
    start = text.find(sentence) if text is not None and sentence else -1
    if start < 0:
        return None
    whole = Side(corpus, doc, start, start + len(sentence))
    if claim.get("highlight") is None:
        return whole, whole
    low, high = (start + offset for offset in claim["highlight"])
    figure = (claim.get("value") or {}).get("text")
    if figure:
        at = text.find(figure, low, max(high, low + len(figure)) + 1)
        at = at if at >= 0 else text.find(figure, start, whole.end)
        if at >= 0:
            return Side(corpus, doc, at, at + len(figure)), whole
    return Side(corpus, doc, low, max(high, low + 1)), whole


# -- labels ----------------------------------------------------------------------------------------------------------

@dataclass
class Label:
    sides: tuple[Side, Side]
    label: str
    kind: str | None
    severity: str | None
    origin: str
    note: str
    where: str  # file:line

    def overlap(self, a: Side, b: Side) -> int:
        """How well the pair (a, b) covers this label: the characters both sides share with the label's sides, in
        the better order; 0 unless each side overlaps one."""
        first, second = self.sides
        orders = ((first.overlap(a), second.overlap(b)), (first.overlap(b), second.overlap(a)))
        return max((x + y for x, y in orders if x and y), default=0)

    def true_kind(self) -> str | None:
        """The row this label counts in: a contradiction's kind, "revision", "corroboration", or None."""
        if self.label == "contradiction":
            return self.kind
        return self.label if self.label in ("revision", "corroboration") else None


def load_labels(folder: Path = DEV) -> list[Label]:
    """Every label line of ``folder``/contradiction_pairs*.jsonl, checked: a bad line stops the bench with one line
    naming the file, the line and what is wrong."""
    labels = []
    for path in sorted(folder.glob("contradiction_pairs*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                labels.append(_label(json.loads(line), where))
            except (ValueError, KeyError, TypeError) as problem:
                fail(f"{where}: {problem}")
    seen: dict[tuple[Side, Side], str] = {}
    for label in labels:
        key = tuple(sorted(label.sides, key=lambda side: (side.corpus, side.doc, side.start)))
        if key in seen:
            fail(f"{label.where}: the same pair as {seen[key]}")
        seen[key] = label.where
    return labels


@lru_cache(maxsize=None)
def _text(corpus: str, doc: str) -> str:
    return text_of(corpus, doc)


def _label(row: dict[str, Any], where: str) -> Label:
    sides = []
    for side in row["sides"]:
        corpus, doc, (start, end) = side["corpus"], side["doc"], side["claim"]
        if corpus == "ecbplus" and topic_of(doc) in RESERVED_ECB_TOPICS:
            raise ValueError(f"{doc} is in a reserved ECB+ topic")
        if not 0 <= start < end <= len(_text(corpus, doc)):
            raise ValueError(f"offsets {start}-{end} are outside {corpus}:{doc}")
        sides.append(Side(corpus, doc, start, end))
    if len(sides) != 2:
        raise ValueError(f"a pair has two sides, not {len(sides)}")
    label, kind, severity = row["label"], row.get("kind"), row.get("severity")
    if label not in LABELS:
        raise ValueError(f"label {label!r} is none of {', '.join(LABELS)}")
    if label == "contradiction" and kind not in KINDS:
        raise ValueError(f"a contradiction's kind is one of {', '.join(KINDS)}, not {kind!r}")
    if label == "contradiction" and severity not in (("conflict", "divergent") if kind == "numeric" else ("conflict",)):
        raise ValueError(f"severity {severity!r} is not one a {kind} contradiction has")
    return Label((sides[0], sides[1]), label, kind, severity, row.get("origin", ""), row.get("note", ""), where)


# -- what the detector proposes --------------------------------------------------------------------------------------

@dataclass
class Proposal:
    kind: str  # numeric, polarity, blame, revision, corroboration
    severity: str | None
    claims: tuple[dict[str, Any], dict[str, Any]]
    topic: str = ""
    label: Label | None = None


def report_items(report: dict[str, Any]) -> Iterator[tuple[dict[str, Any], bool]]:
    """(item, is a revision) for every item of `kg contradictions --format json`: revisions flagged in the list of
    contradictions (``"revision": true``) or listed apart under ``"revisions"`` (DESIGN.md section 4)."""
    for item in report.get("contradictions", []):
        yield item, bool(item.get("revision"))
    for item in report.get("revisions", []):
        yield item, True
    for item in report.get("candidates", []):  # `kg contradictions --all` only
        yield item, bool(item.get("revision"))


def proposals(report: dict[str, Any]) -> list[Proposal]:
    """The report cut into pairs of claims: a polarity group pairs each denial with each other claim, a numeric
    group each two of its figures that disagree (:func:`disagree`), any other group each two of its claims."""
    found = []
    for item, revision in report_items(report):
        claims = item["claims"]
        if item["kind"] == "polarity" and any(claim.get("stance") == "deny" for claim in claims):
            pairs = [(a, b) for a in claims if a.get("stance") == "deny" for b in claims
                     if b.get("stance") != "deny"]
        elif item["kind"] == "numeric":
            pairs = [(a, b) for a, b in combinations(claims, 2) if disagree(a, b)]
        else:
            pairs = list(combinations(claims, 2))
        kind = "revision" if revision else item["kind"]
        found += [Proposal(kind, None if revision else item.get("severity"), pair, item.get("topic", ""))
                  for pair in pairs]
    return found


def disagree(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether two figures of one numeric group, from other articles, disagree as the detector compares them:
    ranges apart, or values more than its material difference apart (a group lists every figure of its block in
    a clash, not which pairs clash)."""
    from kg.contradictions import figures_differ, in_days, interval_of

    if (first.get("source") or {}).get("id") == (second.get("source") or {}).get("id"):
        return False
    rows = [{"measure": value["measure"], "unit": value.get("unit"), "counted": value.get("counted"),
             "low": value.get("low"), "high": value.get("high"), "lowInclusive": value.get("low_inclusive"),
             "highInclusive": value.get("high_inclusive")} for value in (first["value"], second["value"])]
    return figures_differ(*(interval_of(in_days(row)) for row in rows))


def corroborations(claims: list[dict[str, Any]]) -> list[Proposal] | None:
    """Pairs of claims one lists the other in ``corroborated_by``; None when no claim has that key (a detector
    from before issue 17 item 5)."""
    if not any("corroborated_by" in claim for claim in claims):
        return None
    by_id = {claim["id"]: claim for claim in claims}
    pairs: set[tuple[str, str]] = set()
    for claim in claims:
        for other in claim.get("corroborated_by") or []:
            if other.get("id") in by_id and other["id"] != claim["id"]:
                pairs.add(tuple(sorted((claim["id"], other["id"]))))
    return [Proposal("corroboration", None, (by_id[a], by_id[b])) for a, b in sorted(pairs)]


# -- scoring ---------------------------------------------------------------------------------------------------------

@dataclass
class Row:
    kind: str
    proposed: int = 0
    right: int = 0
    unlabelled: int = 0
    labelled_true: int = 0
    found: int = 0
    severity_right: int = 0
    wrong: list[Proposal] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        labelled = self.proposed - self.unlabelled
        result: dict[str, Any] = {
            "proposed": self.proposed, "labelled": labelled, "right": self.right, "unlabelled": self.unlabelled,
            "labelled_true": self.labelled_true, "found": self.found,
            "precision": round(self.right / labelled, 3) if labelled else None,
            "precision_if_unlabelled_wrong": round(self.right / self.proposed, 3) if self.proposed else None,
            "recall": round(self.found / self.labelled_true, 3) if self.labelled_true else None}
        if self.kind == "numeric":
            result["severity_right"] = self.severity_right
        return result


def covering(labels: list[Label], a: Side, b: Side) -> Label | None:
    """The label that covers the pair (a, b) best, if any (a sentence side may overlap several labels)."""
    best = max(labels, key=lambda label: label.overlap(a, b), default=None)
    return best if best is not None and best.overlap(a, b) else None


def score(found: list[Proposal], labels: list[Label], texts: dict[tuple[str, str], str],
          rows: Iterable[str]) -> dict[str, Row]:
    """Match each proposal to the label covering its two claims, and count per row (kind)."""
    table = {kind: Row(kind) for kind in rows}
    matched: dict[str, set[int]] = defaultdict(set)
    for proposal in found:
        row = table[proposal.kind]
        row.proposed += 1
        places = [locate(claim, texts) for claim in proposal.claims]
        if None not in places:
            (a, _), (b, _) = places  # type: ignore[misc]
            proposal.label = covering(labels, a, b)
        label = proposal.label
        if label is None:
            row.unlabelled += 1
            row.wrong.append(proposal)
        elif label.true_kind() == proposal.kind:
            row.right += 1
            row.severity_right += label.severity == proposal.severity
            matched[proposal.kind].add(id(label))
        else:
            row.wrong.append(proposal)
    for label in labels:
        kind = label.true_kind()
        if kind in table:
            table[kind].labelled_true += 1
            if id(label) in matched[kind]:
                table[kind].found += 1
            else:
                table[kind].missed.append(label)
    return table


# -- loose candidates to label ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at by for with from as that this these those it its is was were are be been has "
    "have had not no he she they them his her their we our you i said says say told would will could should may "
    "also after before about over into than then there which who whom what when where while more most some any all "
    "one two three new last first year years just like been being do did does".split())
#: Words that only say something was said or denied: sharing them says nothing about the proposition.
_SPEECH_WORDS = frozenset("deny denied denies denial claim claims claimed allegation allegations report reports "
                          "reported statement according accused accuses".split())
_BLAME_WORDS = re.compile(r"\b(blam\w*|accus\w*|fault|responsib\w*|provok\w*|started|caused)\b", re.IGNORECASE)
PER_TOPIC = 3  # candidates of one category taken from one topic per round
CAP = 80  # candidates of one category in all
POLNEAR_DAYS = 3
NOT_COUNTS = frozenset({"age", "rank", "date", "time"})


def _content_words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text) if word.lower() not in _FUNCTION_WORDS
            and word.lower() not in _SPEECH_WORDS and len(word) > 3}


def _names(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence: a rough set of the names a sentence mentions."""
    return {match.group() for match in _WORD.finditer(text)
            if match.group()[0].isupper() and match.start() > 0 and text[:match.start()].rstrip()[-1:] not in ".!?“\""
            and match.group().lower() not in _FUNCTION_WORDS}


@dataclass
class Seen:
    """What the loose generator looks at in one claim, computed once."""

    claim: dict[str, Any]
    topic: str
    day: int | None
    words: set[str]
    names: set[str]
    sentence_words: set[str]

    @classmethod
    def of(cls, claim: dict[str, Any]) -> "Seen":
        from datetime import date

        corpus, _, doc = claim["source"]["title"].partition(":")
        try:
            day: int | None = date.fromisoformat((claim["source"].get("published") or "")[:10]).toordinal()
        except ValueError:
            day = None
        topic = f"ecbplus-{topic_of(doc)}" if corpus == "ecbplus" else "polnear"
        return cls(claim, topic, day, _content_words(claim["text"] or ""), _names(claim["sentence"] or ""),
                   _content_words(claim["sentence"] or ""))

    @property
    def stance(self) -> str:
        return self.claim["stance"] or ""


def _close(a: Seen, b: Seen) -> bool:
    """Different documents of the same ECB+ topic; or PolNeAR texts at most POLNEAR_DAYS apart whose sentences
    share a name."""
    if a.claim["source"]["id"] == b.claim["source"]["id"] or a.topic != b.topic:
        return False
    if a.topic != "polnear":
        return True
    return a.day is not None and b.day is not None and abs(a.day - b.day) <= POLNEAR_DAYS and bool(a.names & b.names)


def _category(a: Seen, b: Seen) -> str | None:
    """Why the loose generator pairs two close claims, or None."""
    value_a, value_b = a.claim.get("value"), b.claim.get("value")
    if value_a or value_b:
        return "numeric" if value_a and value_b and _comparable(value_a, value_b) \
            and (len(a.sentence_words & b.sentence_words) >= 2 or _counted(value_a) == _counted(value_b) != "") \
            else None
    shared = a.words & b.words
    stances = {a.stance, b.stance}
    if "deny" in stances and stances & {"assert", "accuse", "condemn", "concede"} and len(shared) >= 2 \
            and a.names & b.names:
        return "polarity"
    if _blames(a) and _blames(b):
        name_a, name_b = (a.claim["claimant"] or "").split()[-1:], (b.claim["claimant"] or "").split()[-1:]
        if name_a and name_b and name_a != name_b and name_a[0] in (b.claim["sentence"] or "") \
                and name_b[0] in (a.claim["sentence"] or ""):
            return "blame"
    if a.stance == b.stance != "deny" and len(shared) >= 3 and len(shared) >= 0.4 * min(len(a.words), len(b.words)):
        return "proposition"
    return None


def _comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Figures of one measure that may count the same thing (an age or a rank describes, it counts nothing)."""
    return a.get("measure") == b.get("measure") and a.get("measure") not in NOT_COUNTS \
        and "attribute" not in (a.get("scope"), b.get("scope"))


def _counted(value: dict[str, Any]) -> str:
    return (value.get("counted") or "").lower().rstrip("s")


def _blames(seen: Seen) -> bool:
    return seen.stance in ("accuse", "condemn") or bool(_BLAME_WORDS.search(seen.claim["sentence"] or ""))


def _blocks(seen: list[Seen]) -> Iterator[tuple[Seen, Seen]]:
    """Pairs worth a look, blocked so the whole pool is not squared: figures of one measure; denials with the
    claims sharing one of their words; blamers with blamers; claims sharing a rare content word."""
    by_measure: dict[tuple[str, str], list[Seen]] = defaultdict(list)
    by_word: dict[tuple[str, str], list[Seen]] = defaultdict(list)
    blamers: dict[str, list[Seen]] = defaultdict(list)
    for item in seen:
        value = item.claim.get("value")
        if value:
            by_measure[(item.topic, value.get("measure") or "")].append(item)
            continue
        for word in item.words:
            by_word[(item.topic, word)].append(item)
        if _blames(item):
            blamers[item.topic].append(item)
    yielded: set[tuple[str, str]] = set()

    def once(a: Seen, b: Seen) -> bool:
        key = tuple(sorted((a.claim["id"], b.claim["id"])))
        if key in yielded:
            return False
        yielded.add(key)  # type: ignore[arg-type]
        return True

    for group in (*by_measure.values(), *blamers.values()):
        for a, b in combinations(group, 2):
            if once(a, b):
                yield a, b
    for group in by_word.values():
        if len(group) > 60:  # a common word: the pair shares rarer ones too, or is no candidate
            continue
        for a, b in combinations(group, 2):
            if once(a, b):
                yield a, b


def loose_pairs(claims: list[dict[str, Any]], seed: int = 17) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(category, claim, claim): pairs of claims of different documents on the same topic that look alike in one of
    the ways the detector should look at, sampled round-robin over topics (at most PER_TOPIC of a category per
    topic and round, CAP in all) so that no topic dominates. PolNeAR's topic is the day of the earlier text."""
    import random

    seen = [Seen.of(claim) for claim in claims if claim["source"].get("title") and claim.get("sentence")]
    pooled: dict[str, dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = defaultdict(lambda: defaultdict(list))
    for a, b in _blocks(seen):
        if _close(a, b) and (category := _category(a, b)):
            topic = a.topic if a.topic != "polnear" else f"polnear-{min(a.day or 0, b.day or 0)}"
            pooled[category][topic].append((a.claim, b.claim))
    rng = random.Random(seed)
    chosen = []
    for category, per_topic in sorted(pooled.items()):
        for topic in sorted(per_topic):
            per_topic[topic].sort(key=lambda pair: (pair[0]["id"], pair[1]["id"]))
            rng.shuffle(per_topic[topic])
        taken, round_ = 0, 0
        while taken < CAP and any(len(pairs) > round_ * PER_TOPIC for pairs in per_topic.values()):
            for topic in sorted(per_topic):
                for a, b in per_topic[topic][round_ * PER_TOPIC:(round_ + 1) * PER_TOPIC]:
                    if taken < CAP:
                        chosen.append((category, a, b))
                        taken += 1
            round_ += 1
    return chosen


def candidate_line(number: int, origin: str, category: str, claims: tuple[dict[str, Any], dict[str, Any]],
                   texts: dict[tuple[str, str], str]) -> dict[str, Any] | None:
    sides = []
    for claim in claims:
        place = locate(claim, texts)
        if place is None:
            return None
        spot, sentence = place
        value = claim.get("value") or {}
        sides.append({**spot.as_json(), "sentence": [sentence.start, sentence.end],
                      "text": texts[(spot.corpus, spot.doc)][sentence.start:sentence.end],
                      "claimant": claim["claimant"], "stance": claim["stance"], "cue": claim.get("cue"),
                      "content": claim["text"], "published": claim["source"].get("published"),
                      "figure": value.get("text"), "measure": value.get("measure"), "low": value.get("low"),
                      "high": value.get("high"), "event": value.get("event_label"), "scope": value.get("scope")})
    return {"n": number, "origin": origin, "category": category, "sides": sides}
# -- running it ------------------------------------------------------------------------------------------------------

def detector_report(store: Path, candidates: bool = False) -> dict[str, Any]:
    """What `kg contradictions --format json` prints for the store, at its default (shipped) threshold, or with
    ``candidates`` what `--all` adds under it too."""
    return json.loads(_kg("contradictions", "--store", str(store), "--format", "json",
                          *(["--all"] if candidates else [])).stdout)


def store_claims(store: Path) -> list[dict[str, Any]]:
    from kg.claims import list_claims
    from kg.store import open_store

    with open_store(str(store), read_only=True, create=False) as opened:
        claims = list_claims(opened)
        try:
            from kg.corroboration import annotate
        except ImportError:  # a detector from before issue 17 item 5
            return claims
        annotate(opened, claims)
        return claims


def _describe(claims: Iterable[dict[str, Any]], texts: dict[tuple[str, str], str]) -> list[str]:
    lines = []
    for claim in claims:
        place = locate(claim, texts)
        where = f"{place[0].corpus}:{place[0].doc} {place[0].start}-{place[0].end}" if place else "(not located)"
        figure = f" [{claim['value'].get('text')}]" if claim.get("value") else ""
        lines.append(f"    {where} {claim['claimant']} ({claim['stance']}){figure}: {claim.get('sentence') or ''}")
    return lines


def _label_text(label: Label, texts: dict[tuple[str, str], str]) -> list[str]:
    return [f"    {side.corpus}:{side.doc} {side.start}-{side.end}: "
            f"{texts[(side.corpus, side.doc)][side.start:side.end]}" for side in label.sides]


def measure(store: Path | None, keep: Path | None, workers: int, labels: list[Label],
            texts: dict[tuple[str, str], str], candidates: bool = False
            ) -> tuple[dict[str, Row], list[Proposal], list[dict[str, Any]], float]:
    """Build the store (or reuse ``store``), run the detector, score it: (rows by kind, the detector's pairs, the
    store's claims, seconds spent building the store)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-contradictions-quality-store-") as scratch:
        location = store or keep or Path(scratch) / "store"
        if store is None:
            build_store(location, texts, workers)
        elif not (location / "CURRENT").is_file():
            fail(f"{location}: no store here (build one with --keep {location})")
        build_seconds = time.perf_counter() - started
        report = detector_report(location, candidates)
        claims = store_claims(location)
    found = proposals(report)
    # corroborated_by may come with the claims of `kg claims` or only with those of the report (DESIGN.md section 4)
    reported = [claim for item, _ in report_items(report) for claim in item["claims"] if "corroborated_by" in claim]
    corroborating = corroborations(list({claim["id"]: claim for claim in [*claims, *reported]}.values()))
    kinds = [*KINDS, "revision"] + (["corroboration"] if corroborating is not None else [])
    return score(found + (corroborating or []), labels, texts, kinds), found, claims, build_seconds


def print_table(result: dict[str, Any]) -> None:
    if result.get("with_candidates"):
        print("kg contradictions --all: the candidates under the reporting threshold are proposals too")
    print(f"{result['labelled_pairs']} labelled pairs: "
          + ", ".join(f"{key} {n}" for key, n in result["labels"].items()))
    print(f"{'kind':<14}{'proposed':>9}{'labelled':>9}{'right':>7}{'precision':>10}{'(lower)':>9}"
          f"{'true':>6}{'found':>7}{'recall':>8}")
    for kind, row in result["kinds"].items():
        def share(value: float | None) -> str:
            return "-" if value is None else f"{value:.1%}"
        severity = f"  severity right: {row['severity_right']}" if "severity_right" in row else ""
        print(f"{kind:<14}{row['proposed']:>9}{row['labelled']:>9}{row['right']:>7}{share(row['precision']):>10}"
              f"{share(row['precision_if_unlabelled_wrong']):>9}{row['labelled_true']:>6}{row['found']:>7}"
              f"{share(row['recall']):>8}{severity}")
    if not result["corroboration_reported"]:
        print("corroboration: not reported by this detector (no claim has corroborated_by)")
    print(f"store {result['seconds']['store']} s, total {result['seconds']['total']} s")


def print_details(table: dict[str, Row], texts: dict[tuple[str, str], str], which: str) -> None:
    """To stderr: the labelled proposals that are wrong and the labelled pairs missed (``wrong``), or the
    proposals no label covers yet (``unlabelled``)."""
    for kind, row in table.items():
        for proposal in row.wrong:
            if (proposal.label is None) != (which == "unlabelled"):
                continue
            got = "unlabelled" if proposal.label is None else \
                f"labelled {proposal.label.label}/{proposal.label.kind} ({proposal.label.where}: {proposal.label.note})"
            print(f"\nWRONG {kind} {proposal.severity or ''} {proposal.topic}: {got}", file=sys.stderr)
            print("\n".join(_describe(proposal.claims, texts)), file=sys.stderr)
        for label in row.missed if which == "wrong" else []:
            print(f"\nMISSED {kind} {label.severity or ''} ({label.where}: {label.note})", file=sys.stderr)
            print("\n".join(_label_text(label, texts)), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="score on this store (built by an earlier run with --keep)")
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes while building (default 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show", choices=["wrong", "unlabelled"],
                        help="also print (to stderr) the wrong proposals and the misses, or the unlabelled proposals")
    parser.add_argument("--candidates", type=Path, help="write the pairs to label to this file (JSON lines)")
    parser.add_argument("--all", action="store_true", dest="with_candidates",
                        help="score `kg contradictions --all`: the candidates under the threshold as well")
    parser.add_argument("--labels", type=Path, default=DEV,
                        help="folder of contradiction_pairs*.jsonl (default bench/dev)")
    args = parser.parse_args(argv)
    if args.store and args.keep:
        parser.error("--store reuses a store, --keep builds one: give one of them")
    started = time.perf_counter()
    labels = load_labels(args.labels)
    texts = {(corpus, doc): _text(corpus, doc) for corpus, doc in pool()}
    table, found, claims, build_seconds = measure(args.store, args.keep, args.workers, labels, texts,
                                                  args.with_candidates)
    if args.candidates:
        write_candidates(args.candidates, found, claims, labels, texts)
    counts = Counter(f"{label.label}/{label.kind}" if label.label != "unrelated" else "unrelated" for label in labels)
    result = {
        "labelled_pairs": len(labels),
        "labels": dict(sorted(counts.items())),
        "kinds": {kind: row.as_json() for kind, row in table.items()},
        "target_precision": TARGET_PRECISION,
        "corroboration_reported": "corroboration" in table,
        "with_candidates": args.with_candidates,
        "seconds": {"store": round(build_seconds, 1), "total": round(time.perf_counter() - started, 1)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    if args.show:
        print_details(table, texts, args.show)
    return 0


def write_candidates(path: Path, found: list[Proposal], claims: list[dict[str, Any]], labels: list[Label],
                     texts: dict[tuple[str, str], str]) -> None:
    """The detector's pairs and the loose generator's, one JSON line each with both sentences and whether a label
    covers the pair already (for labelling; the file holds corpus text: keep it out of the repository)."""
    number = 0
    with open(path, "w", encoding="utf-8") as handle:
        pairs = [("detector", f"{p.kind}/{p.severity}", p.claims) for p in found] + \
                [("loose", category, (a, b)) for category, a, b in loose_pairs(claims)]
        for origin, category, pair in pairs:
            line = candidate_line(number, origin, category, pair, texts)
            if line is None:
                continue
            a, b = (Side(side["corpus"], side["doc"], *side["claim"]) for side in line["sides"])
            label = covering(labels, a, b)
            line["labelled"] = None if label is None else f"{label.label}/{label.kind} ({label.where})"
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            number += 1


if __name__ == "__main__":
    sys.exit(main())
