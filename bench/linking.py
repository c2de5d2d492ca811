"""One new article into a large store against one into a small store: incremental linking (issue 18, item 3)
and incremental contradictions (issue 20, item 1).

    python bench/linking.py                     # large store: all BBC News articles (builds it: ~5 minutes)
    python bench/linking.py --large STORE       # reuse a store already built (it is copied, never changed)
    python bench/linking.py --n 500 --json      # a large store of 500 BBC articles; one JSON object

What is timed is what a newsroom runs each time: ``kg ingest --quiet ARTICLE`` as a new process, wall time, model
load and start-up included. The small store holds 2 BBC articles. Each store is first brought up to date once
(one ingest, untimed: a store built before incremental linking has no linking state, and its first ingest links
everything once); then each round copies both stores afresh and ingests the same new article into each, in
alternating order. The ratio is the median of the rounds' own ratios (the machine is shared: whole runs drift).

The new articles are BBC texts with one sentence added, so their content is new to the store while their names are
ones the large store knows (what linking has to look up).

Detection's share: the ingest runs with ``kg.pipeline.update_contradictions`` (the contradictions graph brought up
to date after linking) wrapped in a timer, reported beside the wall time; 0 where the code has no such step (before
issue 20). ``--contradictions`` also times ``kg contradictions --format json`` on the large store, as a new process.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import BBC  # noqa: E402

SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


def bbc_files(n: int) -> list[Path]:
    """``n`` BBC articles taken round-robin over the sections (in file order within each)."""
    by_section = [sorted((BBC / "bbc" / section).glob("*.txt")) for section in SECTIONS]
    files: list[Path] = []
    for index in range(max(map(len, by_section))):
        files += [section[index] for section in by_section if index < len(section)]
    return files[:n]


#: Runs `kg ARGS...` with the pipeline's contradictions update timed; the seconds it took go to stderr, last line.
_TIMED_KG = """
import sys, time
import kg.pipeline as pipeline
spent = []
update = getattr(pipeline, "update_contradictions", None)
if update is not None:
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return update(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)
    pipeline.update_contradictions = timed
from kg.cli import app
try:
    app(sys.argv[1:], prog_name="kg")
finally:
    sys.stderr.write(f"detection-seconds {sum(spent)}\\n")
"""


def kg_ingest(store: Path, *paths: Path) -> float:
    return kg_ingest_timed(store, *paths)[0]


def kg_ingest_timed(store: Path, *paths: Path) -> tuple[float, float]:
    """Wall time of `kg ingest --quiet` as a new process, and the seconds of it spent updating contradictions."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _TIMED_KG, "ingest", "--quiet", "--store", str(store),
                           *map(str, paths)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kg ingest failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return wall, float(done.stderr.strip().splitlines()[-1].split()[-1])


def kg_contradictions(store: Path) -> float:
    """Wall time of `kg contradictions --format json` as a new process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "contradictions", "--format", "json", "--store", str(store)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def new_article(folder: Path, source: Path, number: int) -> Path:
    """A BBC article with one sentence added: new content, known names."""
    path = folder / f"new-{number}.txt"
    path.write_text(source.read_text(encoding="utf-8", errors="replace").rstrip() +
                    f"\n\nA spokesman said on day {number} that the figures would be revised.\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2225, help="BBC articles in the large store (default: all)")
    parser.add_argument("--large", type=Path, help="an existing store to use as the large one (copied)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--contradictions", action="store_true",
                        help="also time `kg contradictions` on the large store (3 runs)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-linking-"))
    try:
        files = bbc_files(2225)
        small, large = work / "small", work / "large"
        kg_ingest(small, *files[:2])
        if args.large:
            shutil.copytree(args.large, large)
        else:
            kg_ingest(large, *files[2:args.n])
        # Bring both up to date (a store from before incremental linking links everything on its next ingest).
        warm = new_article(work, files[-1], 0)
        for store in (small, large):
            kg_ingest(store, warm)
        rounds = []
        for number in range(1, args.rounds + 1):
            article = new_article(work, files[-1 - number], number)
            times = {}
            for name in (("small", "large") if number % 2 else ("large", "small")):
                copy = work / f"{name}-{number}"
                shutil.copytree(work / name, copy)
                times[name], times[f"{name}_detection"] = kg_ingest_timed(copy, article)
                shutil.rmtree(copy)
            rounds.append(times)
        result = {
            "large_articles": _articles(large),
            "small_articles": _articles(small),
            "small_seconds": [round(r["small"], 2) for r in rounds],
            "large_seconds": [round(r["large"], 2) for r in rounds],
            "ratio": round(statistics.median(r["large"] / r["small"] for r in rounds), 2),
            "ratio_by_round": [round(r["large"] / r["small"], 2) for r in rounds],
            "target": 1.5,
            "small_detection_seconds": [round(r["small_detection"], 3) for r in rounds],
            "large_detection_seconds": [round(r["large_detection"], 3) for r in rounds],
        }
        if args.contradictions:
            result["contradictions_seconds"] = [round(kg_contradictions(large), 2) for _ in range(3)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"one new article, wall time with model load ({args.rounds} rounds):")
    print(f"  into {result['small_articles']} articles: {result['small_seconds']} s")
    print(f"  into {result['large_articles']} articles: {result['large_seconds']} s")
    print(f"  large/small: {result['ratio']} (by round {result['ratio_by_round']}; target at most 1.5)")
    print(f"  of which updating contradictions: {result['small_detection_seconds']} s (small), "
          f"{result['large_detection_seconds']} s (large)")
    if "contradictions_seconds" in result:
        print(f"kg contradictions on the large store: {result['contradictions_seconds']} s")


def _articles(store: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "kg.cli", "stats", "--store", str(store), "--format", "json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)["articles"]


if __name__ == "__main__":
    main()
