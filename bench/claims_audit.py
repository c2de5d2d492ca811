"""Per-field accuracy of the claims `kg claims` lists, on the labelled dev set in bench/dev/ (issue 15).

    python bench/claims_audit.py            # a row per corpus, per half (tuning, held_out) and overall
    python bench/claims_audit.py --json     # one JSON object
    python bench/claims_audit.py --show wrong   # each system claim with what was wrong in it
    python bench/claims_audit.py --stances      # the stance confusion table (gold rows, system columns)
    python bench/claims_audit.py --kinds        # per half and claimant kind: claims, not claims, wrong claimants

The labelled documents (bench/dev/claims_docs*.tsv; texts read in place through bench/corpora.py) are ingested into a
fresh embedded store as JSON records, so the claims go through the whole pipeline: extraction, naming, in-article
and cross-article resolution. Each system claim is matched to at most one gold claim of its document: the pair with
the largest content overlap (Dice over non-space characters, quote marks ignored) of at least ``MATCH_DICE``. Then:

- **claimant** right: the canonical name is the gold claimant or one of its aliases (case and accents folded, a
  leading "the" dropped), or, for a named gold claimant, a name whose words are all in it and end with its last word
  ("Obama" for "Barack Obama"; initials ignored: "Donald J. Trump" for "Donald Trump");
- **content** right: Dice of the two contents at least ``CONTENT_DICE``;
- **stance** right: the same stance.

Reported over *system claims* (what a reader of `kg claims` sees: a claim with no gold match is "not a claim" and
wrong in every field) and over gold claims (recall: found, and found right in all three fields).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import labelled, text_of  # noqa: E402

DEV = Path(__file__).resolve().parent / "dev"
MATCH_DICE = 0.3
CONTENT_DICE = 0.6
_QUOTES = "\"“”‘’'«»"


@dataclass
class Gold:
    label_file: str
    corpus: str
    doc: str
    claimant: str
    kind: str
    aliases: list[str]
    content: list[tuple[int, int]]
    stance: str


@dataclass
class System:
    claimant: str
    kind: str
    stance: str
    cue: str
    content: list[tuple[int, int]]
    text: str
    errors: list[str] = field(default_factory=list)
    gold_stance: str | None = None  # the matched gold claim's stance


def load_labels(folder: Path = DEV) -> tuple[list[tuple[str, str]], list[Gold]]:
    docs, rows = labelled(folder, "claims_docs*.tsv", "claims_*.jsonl")
    gold = [Gold(row["label_file"], row["corpus"], row["doc"], row["claimant"], row.get("claimant_kind", ""), row.get("aliases") or [],
                 [tuple(part) for part in row["content"]], row["stance"]) for row in rows]
    return docs, gold


def held_out_docs(folder: Path = DEV) -> set[tuple[str, str]]:
    """The documents listed in a held-out claims_docs_*_b.tsv, with or without claims."""
    docs, _ = labelled(folder, "claims_docs*_b.tsv", "claims_*_b.jsonl")
    return set(docs)


def doc_sets(folder: Path = DEV) -> dict[tuple[str, str], str]:
    """Each labelled document's set: the name of the claims_docs_*.tsv that lists it ("ecbplus_c", ...)."""
    sets: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("claims_docs_*.tsv")):
        name = path.stem.removeprefix("claims_docs_")
        docs, _ = labelled(folder, path.name, f"claims_{name}.jsonl")
        sets.update(dict.fromkeys(docs, name))
    return sets


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^(the|a|an) ", "", " ".join(text.split()))
    return re.sub(r"( s)$", "", text)


def claimant_right(system: str, gold: Gold) -> bool:
    names = [gold.claimant, *gold.aliases]
    folded = fold(system)
    if not folded:
        return False
    if any(folded == fold(name) for name in names):
        return True
    if gold.kind in ("person", "organization", "country"):
        words = [w for w in folded.split() if len(w) > 1]  # "Donald J. Trump" is "Donald Trump"
        target = [w for w in fold(gold.claimant).split() if len(w) > 1]
        return bool(target) and bool(words) and set(words) <= set(target) and words[-1] == target[-1]
    return False


def _chars(text: str, parts: list[tuple[int, int]]) -> set[int]:
    return {i for start, end in parts for i in range(start, end) if not text[i].isspace() and text[i] not in _QUOTES}


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def system_claims(docs: list[tuple[str, str]], texts: dict[tuple[str, str], str],
                  workers: int) -> dict[str, list[System]]:
    """Ingest the documents into a fresh store; every attributed (non-narrator) claim, by "corpus:doc"."""
    from kg.claims import list_claims
    from kg.pipeline import ingest
    from kg.store import open_store

    by_title: dict[str, list[System]] = {f"{corpus}:{doc}": [] for corpus, doc in docs}
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "dev.jsonl"
        with open(records, "w", encoding="utf-8") as handle:
            for (corpus, doc), text in texts.items():
                if text != text.lstrip():
                    raise SystemExit(f"{corpus}:{doc}: text starts with whitespace, offsets would shift")
                # the reader strips the text; trailing space moves no offset
                handle.write(json.dumps({"text": text.rstrip(), "title": f"{corpus}:{doc}"}) + "\n")
        with open_store(str(Path(folder) / "store")) as store:
            summary = ingest(store, [str(records)], workers=workers)
            if summary.failures:
                raise SystemExit(f"ingest failed: {summary.failures}")
            claims = list_claims(store, kind="attributed")
        for claim in claims:
            title = claim["source"]["title"]
            if title not in by_title or claim["highlight"] is None:
                continue
            text = texts[tuple(title.split(":", 1))]
            sentence_start = text.find(claim["sentence"])
            if sentence_start < 0:
                raise SystemExit(f"{title}: a claim's sentence is not in the text")
            by_title[title].append(System(claim["claimant"] or "", claim["claimant_kind"], claim["stance"] or "",
                                          claim["cue"] or "", _parts(text, sentence_start, claim), claim["text"]))
    return by_title


def _parts(text: str, sentence_start: int, claim: dict[str, Any]) -> list[tuple[int, int]]:
    """The content's parts in the text: `kg claims` joins a quote split by its attribution with " … " (its
    highlight runs from the first part to the last, over the cue between them)."""
    start, end = (sentence_start + offset for offset in claim["highlight"])
    parts, position = [], start
    for piece in claim["text"].split(" … "):
        found = text.find(piece, position, end + 1)
        if found < 0:
            return [(start, end)]
        parts.append((found, found + len(piece)))
        position = found + len(piece)
    return parts


def score(docs: list[tuple[str, str]], gold: list[Gold], systems: dict[str, list[System]],
          texts: dict[tuple[str, str], str], missed: list[tuple[str, str, Gold]] | None = None,
          hidden: set[tuple[str, str]] = frozenset(), sets: dict[tuple[str, str], str] | None = None
          ) -> dict[str, Any]:
    """Per-field rates by corpus and overall; gold claims no system claim matched are appended to ``missed``."""
    missed = [] if missed is None else missed
    results: dict[str, Counter] = {}
    for corpus, doc in docs:
        text = texts[(corpus, doc)]
        golds = [g for g in gold if (g.corpus, g.doc) == (corpus, doc)]
        found = systems[f"{corpus}:{doc}"]
        pairs = sorted(((dice(_chars(text, s.content), _chars(text, g.content)), i, j)
                        for i, s in enumerate(found) for j, g in enumerate(golds)), reverse=True)
        taken_s: dict[int, tuple[int, float]] = {}
        taken_g: set[int] = set()
        for overlap, i, j in pairs:
            if overlap >= MATCH_DICE and i not in taken_s and j not in taken_g:
                taken_s[i] = (j, overlap)
                taken_g.add(j)
        buckets = (corpus, "held_out" if (corpus, doc) in hidden else "tuning", "all",
                   *([f"set {sets[(corpus, doc)]}"] if sets and (corpus, doc) in sets else []))
        for bucket in buckets:
            counts = results.setdefault(bucket, Counter())
            counts["documents"] += 1
            counts["gold"] += len(golds)
            counts["system"] += len(found)
        missed.extend((corpus, doc, g) for j, g in enumerate(golds) if j not in taken_g)
        for i, claim in enumerate(found):
            if i not in taken_s:
                claim.errors.append("not a claim")
                continue
            j, overlap = taken_s[i]
            right = {"claimant": claimant_right(claim.claimant, golds[j]), "content": overlap >= CONTENT_DICE,
                     "stance": claim.stance == golds[j].stance}
            claim.gold_stance = golds[j].stance
            claim.errors.extend(f"{name} (gold: {_gold_field(golds[j], name, text)})"
                                for name, ok in right.items() if not ok)
            for bucket in buckets:
                counts = results[bucket]
                counts["matched"] += 1
                counts.update(name for name, ok in right.items() if ok)
                counts["all_three"] += all(right.values())
    return {bucket: _rates(counts) for bucket, counts in results.items()}


def _gold_field(gold: Gold, name: str, text: str) -> str:
    if name == "claimant":
        return gold.claimant
    if name == "stance":
        return gold.stance
    return " | ".join(text[s:e] for s, e in gold.content)[:100]


def _rates(counts: Counter) -> dict[str, Any]:
    system, gold, matched = counts["system"], counts["gold"], counts["matched"]

    def ratio(part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    return {
        "documents": counts["documents"], "gold_claims": gold, "system_claims": system, "matched": matched,
        "not_a_claim": ratio(system - matched, system),
        "of_system_claims": {name: ratio(counts[name], system) for name in ("claimant", "content", "stance",
                                                                             "all_three")},
        "of_matched": {name: ratio(counts[name], matched) for name in ("claimant", "content", "stance", "all_three")},
        "recall": {"found": ratio(matched, gold), "all_three": ratio(counts["all_three"], gold)},
    }


def render(result: dict[str, Any]) -> str:
    lines = [f"{'':14} {'docs':>5} {'gold':>5} {'sys':>5} {'notclaim':>8} | of system claims: "
             f"{'claimant':>8} {'content':>8} {'stance':>8} {'all3':>6} | of matched: {'claimant':>8} {'all3':>6} | "
             f"recall {'found':>6} {'all3':>6}"]
    for bucket, r in result.items():
        s, m, rec = r["of_system_claims"], r["of_matched"], r["recall"]
        lines.append(f"{bucket:14} {r['documents']:>5} {r['gold_claims']:>5} {r['system_claims']:>5} "
                     f"{r['not_a_claim']!s:>8} |                   {s['claimant']!s:>8} {s['content']!s:>8} "
                     f"{s['stance']!s:>8} {s['all_three']!s:>6} |             {m['claimant']!s:>8} "
                     f"{m['all_three']!s:>6} |        {rec['found']!s:>6} {rec['all_three']!s:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="folder with claims_*.jsonl and claims_docs*.tsv")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--show", choices=("wrong", "all", "missed"),
                        help="print system claims (all, or only wrong ones), or the gold claims none matched")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--stances", action="store_true",
                        help="print the stance confusion table of the matched claims (counts only)")
    parser.add_argument("--kinds", action="store_true",
                        help="print, per half and claimant kind, how many claims and how many were wrong (counts only)")
    args = parser.parse_args(argv)
    docs, gold = load_labels(args.dev)
    labelled = set(docs)
    stray = {(g.corpus, g.doc) for g in gold} - labelled
    if stray:
        raise SystemExit(f"labels for documents not listed in claims_docs*.tsv: {sorted(stray)[:5]}")
    texts = {(corpus, doc): text_of(corpus, doc) for corpus, doc in docs}
    systems = system_claims(docs, texts, args.workers)
    missed: list[tuple[str, str, Gold]] = []
    # the held-out half is counted, never shown: nobody reads its errors
    hidden = held_out_docs(args.dev)
    result = score(docs, gold, systems, texts, missed, hidden, doc_sets(args.dev))
    if args.show == "missed":
        for corpus, doc, claim in missed:
            if (corpus, doc) in hidden:
                continue
            text = texts[(corpus, doc)]
            print(f"{corpus}:{doc} | {claim.claimant} | {claim.stance} | "
                  f"{' … '.join(text[s:e] for s, e in claim.content)[:100]!r}")
    elif args.show:
        for title, found in systems.items():
            if tuple(title.split(":", 1)) in hidden:
                continue
            for claim in found:
                if args.show == "all" or claim.errors:
                    print(f"{title} | {claim.claimant} ({claim.kind}) | {claim.cue} | {claim.stance} | "
                          f"{claim.text[:90]!r} | {'; '.join(claim.errors) or 'right'}")
    if args.stances:
        print(confusion([claim for found in systems.values() for claim in found if claim.gold_stance]))
    if args.kinds:
        print(by_kind(systems, hidden))
    print(json.dumps(result, indent=1) if args.json else render(result))
    return 0


def by_kind(systems: dict[str, list[System]], hidden: set[tuple[str, str]]) -> str:
    """Per half and claimant kind (person, organization, unknown, ...): the system claims, those that are no claim,
    and of the rest those with a wrong claimant. Counts only, so the held-out half can be shown."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for title, found in systems.items():
        half = "held_out" if tuple(title.split(":", 1)) in hidden else "tuning"
        for claim in found:
            counts[(half, claim.kind, "claims")] += 1
            counts[(half, claim.kind, "not a claim")] += "not a claim" in claim.errors
            counts[(half, claim.kind, "wrong claimant")] += any(e.startswith("claimant") for e in claim.errors)
    lines = [f"{'half':9} {'kind':14} {'claims':>7} {'no claim':>9} {'wrong claimant':>15}"]
    for half, kind in sorted({(half, kind) for half, kind, _ in counts}):
        lines.append(f"{half:9} {kind:14} {counts[(half, kind, 'claims')]:>7} {counts[(half, kind, 'not a claim')]:>9}"
                     f" {counts[(half, kind, 'wrong claimant')]:>15}")
    return "\n".join(lines)


def confusion(claims: list[System]) -> str:
    """Gold stance (rows) against system stance (columns), over matched claims."""
    counts = Counter((claim.gold_stance, claim.stance) for claim in claims)
    gold = sorted({g for g, _ in counts}, key=lambda s: (s != "assert", s))
    system = sorted({s for _, s in counts}, key=lambda s: (s != "assert", s))
    lines = [f"{'gold/system':14}" + "".join(f"{name[:8]:>9}" for name in system)]
    lines += [f"{g:14}" + "".join(f"{counts[(g, s)] or '.':>9}" for s in system) for g in gold]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
