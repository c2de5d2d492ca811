"""Claimants no reader would accept, counted over `kg claims` on the BBC News corpus (issue 15).

    python bench/claimants.py                # all 2,225 articles, 2 workers
    python bench/claimants.py --n 300 --json

Ingests the articles (../shared/corpora/bbc-news, read in place) into a fresh store and reads every attributed
claim back with `kg.claims.list_claims`, the function behind `kg claims`. Each claimant name is checked by rules
written here, apart from the extractor's own checks (kg/extract/speakers.py), so the count is not the extractor
grading itself:

- pronoun: the whole name is a personal, relative or demonstrative pronoun ("It", "he", "which", "I");
- determiner: only determiners and possessives ("The", "its", "'s");
- fragment: starts with something that is not a letter or digit, with a lower-case function word ("of that blaze"),
  with a gerund clause ("Sending Witkoff, who ..."), or holds a clause marker (", who", " which ", " said ");
- unknown: no claimant at all ("unknown"), a weak claim that should not be stored.

Prints the counts, the share of claims, and up to ``--examples`` names per kind.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import BBC  # noqa: E402

PRONOUNS = frozenset("i me you he him she her it we us they them this that these those who whom which what "
                     "one someone anyone everyone something".split())
DETERMINERS = frozenset("the a an its his her their our my your 's ’s this that these those".split())
FUNCTION_WORDS = frozenset("of for by to from in on at with and or but as than if whether because while so".split())
CLAUSE = re.compile(r",\s*(who|which)\b|\b(who|which)\s+(is|was|has|had|said)\b|\bsaid\b|\btold\b")


def kind_of_bad(name: str) -> str | None:
    words = name.split()
    if not words:
        return "unknown"
    folded = [w.lower().strip(".,;:'’\"") for w in words]
    if name.strip().lower() == "unknown":
        return "unknown"
    if len(words) == 1 and folded[0] in PRONOUNS:
        return "pronoun"
    if all(w in DETERMINERS for w in folded):
        return "determiner"
    if not name[:1].isalnum() or (words[0].islower() and folded[0] in FUNCTION_WORDS):
        return "fragment"
    if words[0].endswith("ing") and "-" not in words[0] and len(words) > 1 and "," in name:
        return "fragment"  # "Sending Witkoff, who ...": a gerund clause, not a name ("Anti-smoking groups" is one)
    if CLAUSE.search(name):
        return "fragment"
    return None


def articles(corpus: Path, n: int | None) -> list[Path]:
    files = sorted((corpus / "bbc").glob("*/*.txt"))
    return files[:n] if n else files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--n", type=int, default=None, help="only the first N files (sorted by section and name)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from kg.claims import list_claims
    from kg.pipeline import ingest
    from kg.store import open_store

    files = articles(args.corpus, args.n)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "store")) as store:
        summary = ingest(store, [str(path) for path in files], workers=args.workers)
        claims = list_claims(store, kind="attributed")
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        bad = kind_of_bad(claim["claimant"] or "")
        if bad:
            counts[bad] += 1
            if len(examples[bad]) < args.examples and claim["claimant"] not in examples[bad]:
                examples[bad].append(claim["claimant"])
    result = {
        "files": len(files), "articles": len(summary.articles), "attributed_claims": len(claims),
        "bad_claimants": {kind: counts[kind] for kind in ("pronoun", "determiner", "fragment", "unknown")},
        "bad_total": sum(counts.values()),
        "bad_share": round(sum(counts.values()) / len(claims), 4) if claims else None,
        "examples": examples, "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(f"{result['articles']} articles, {len(claims)} attributed claims, {result['seconds']} s")
        for kind, count in result["bad_claimants"].items():
            print(f"  {kind:10} {count:5}   e.g. {', '.join(examples[kind][:args.examples])}")
        print(f"  {'total':10} {result['bad_total']:5}   ({result['bad_share']} of claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
