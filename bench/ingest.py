"""Ingest throughput against bare spaCy, the 2-worker speed-up, peak memory, and that 2 workers give the same store.

    python bench/ingest.py                    # 500 BBC articles, human-readable
    python bench/ingest.py --n 2225 --json    # the whole corpus, one JSON object
    python bench/ingest.py --corpus DIR       # another directory of .txt articles (default ../shared/corpora/bbc-news)
    python bench/ingest.py --repeat 3         # three rounds: each ratio is the median of the rounds' own ratios
                                              # (per-variant details are the last round's; memory peaks, all rounds')

Three variants run one after another, each in its own subprocess so that memory is measured per variant:

- ``spacy``: bare ``nlp.pipe`` over the same article texts with the same model as spaCy ships it (``spacy.load``;
  kg.nlp.load() swaps two of its rule components for exact, faster stand-ins, and that gain is kg's); load time
  excluded;
- ``kg1``: ``kg.pipeline.ingest`` end to end into a fresh embedded store in a temporary directory, 1 worker
  (the model is loaded before the clock starts, as for spaCy; ingest's own link step and store writes are in);
- ``kg2``: the same with 2 workers (the model is loaded before the clock starts, as for kg1; ingest forks its
  workers once the models are loaded, so they start with them, as ``kg ingest --workers 2`` does on Linux).

Words are whitespace-separated tokens of the article texts the reader gives (the texts spaCy parses). Peak memory is
the peak of the summed PSS (proportional set size: a page shared by n processes counts 1/n in each) of the
variant's whole process tree (the variant and its pool workers), sampled every 50 ms with psutil from this
process: the memory the tree really holds. Pool workers are forked, so they share the parent's pages, which
summed RSS counts once per process; that sum is printed too, as is ``ru_maxrss`` of the variant and of its reaped
children (getrusage). Ratios come from one run on one machine, never from unit tests. On a shared machine the
speed of a whole variant moves by a third from one minute to the next (spaCy alone took 43 to 57 s for the same
500 articles in one afternoon), so ``--repeat`` runs the variants in rounds and reports the median of the rounds'
ratios, and each round's ratio beside it (``*_by_round``) to show the spread.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc-news"
TARGET_RATIO = 1.25
TARGET_SPEEDUP = 1.7
TARGET_MEMORY_MB = 1024
VARIANTS = ("spacy", "kg1", "kg2")


def corpus_files(corpus: Path, n: int) -> list[str]:
    """``n`` article files, taken round-robin over the corpus's sub-directories so every section is represented."""
    by_folder: dict[Path, list[Path]] = {}
    for path in sorted(corpus.rglob("*.txt")):
        if path.name.upper() == "README.TXT":
            continue
        by_folder.setdefault(path.parent, []).append(path)
    queues = [files for _, files in sorted(by_folder.items())]
    chosen: list[str] = []
    while len(chosen) < n and any(queues):
        for files in queues:
            if files and len(chosen) < n:
                chosen.append(str(files.pop(0)))
    return chosen


def _texts(files: list[str]) -> list[str]:
    from kg.read import read_paths
    from kg.types import Article

    return [item.text for item in read_paths(files) if isinstance(item, Article)]


def _store_digest(location: str) -> tuple[str, int]:
    """SHA-256 of the store's sorted N-Quads lines, and their number."""
    import io

    from kg.store import open_store

    buffer = io.BytesIO()
    with open_store(location) as store:
        store.dump(buffer, "nquads")
    lines = sorted(line for line in buffer.getvalue().decode("utf-8").splitlines() if line.strip())
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return digest, len(lines)


def _instrument(timings: dict[str, float]) -> None:
    """Wrap the pipeline's stages (in this process only) to see where a 1-worker ingest spends its time."""
    import kg.pipeline as pipeline
    from kg.store import Store

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    pipeline.extract = timed("extract", pipeline.extract)
    pipeline.article_quads = timed("map_rdf", pipeline.article_quads)
    pipeline.link = timed("link", pipeline.link)
    reading = pipeline.Inputs  # ingest reads its paths through kg.read.Inputs, twice: ahead (to count), then whole

    class TimedInputs(reading):  # type: ignore[misc, valid-type]
        def __iter__(self) -> Any:
            return _timed_iter("read", super().__iter__, timings)()

    pipeline.Inputs = TimedInputs
    pipeline.update_contradictions = timed("contradictions", pipeline.update_contradictions)
    for name in ("stored_version", "stored_versions"):
        if hasattr(pipeline, name):
            setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    pipeline._parse = timed("parse", pipeline._parse)
    pipeline.dated = timed("date", pipeline.dated)
    Store.replace_graph = timed("write", Store.replace_graph)  # one graph, one transaction
    Store.add_graphs = timed("bulk_write", Store.add_graphs)  # a batch of new graphs (includes any fallback writes)
    Store.flush = timed("flush", Store.flush)


def _timed_iter(name: str, function: Any, timings: dict[str, float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        iterator = iter(function(*args, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
                return
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
            yield item
    return wrapper


def _cpu_seconds(children_only: bool = False) -> float:
    """User + system CPU time of this process and its reaped children (pool workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = children.ru_utime + children.ru_stime
    return total if children_only else total + own.ru_utime + own.ru_stime


def run_variant(variant: str, files: list[str], batch_size: int | None, location: str) -> dict[str, Any]:
    """One variant in this process; returns its measurements."""
    texts = _texts(files)
    words = sum(len(text.split()) for text in texts)
    start = time.perf_counter()
    if variant == "spacy":  # the model as spaCy ships it, none of kg.nlp's stand-ins
        import spacy

        from kg.nlp import MODEL

        nlp = spacy.load(MODEL)
    else:
        from kg.nlp import load

        nlp = load()
    load_seconds = time.perf_counter() - start
    result: dict[str, Any] = {"variant": variant, "articles": len(texts), "words": words,
                              "model_load_seconds": round(load_seconds, 3)}
    cpu_start, cpu_children_start = _cpu_seconds(), _cpu_seconds(children_only=True)
    if variant == "spacy":
        start = time.perf_counter()
        tokens = 0
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
        result["seconds"] = time.perf_counter() - start
        result["tokens"] = tokens
        result["batch_size"] = batch_size
    else:
        from kg.pipeline import ingest
        from kg.store import open_store

        workers = 1 if variant == "kg1" else 2
        timings: dict[str, float] = {}
        if workers == 1:
            _instrument(timings)
        # the store lives in the parent's temporary directory: the parent reads it back after this process ends,
        # so that dumping it does not count in this variant's memory
        start = time.perf_counter()
        with open_store(location) as store:
            summary = ingest(store, files, workers=workers)
        result["seconds"] = time.perf_counter() - start
        result["cpu_seconds"] = round(_cpu_seconds() - cpu_start, 2)
        result["summary"] = {key: value for key, value in summary.as_dict().items() if key != "failures"}
        result["failures"] = [f"{f.origin}: {f.reason}" for f in summary.failures][:5]
        if timings:
            result["stages_seconds"] = {name: round(value, 2) for name, value in sorted(timings.items())}
    result.setdefault("cpu_seconds", round(_cpu_seconds() - cpu_start, 2))
    result["cpu_children_seconds"] = round(_cpu_seconds(children_only=True) - cpu_children_start, 2)
    result["words_per_second"] = round(words / result["seconds"], 1)
    result["ru_maxrss_self_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["ru_maxrss_children_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return result


def _tree_memory(process: Any) -> tuple[int, int]:
    """Summed PSS and summed RSS of a process and its children, in bytes."""
    import psutil

    pss = rss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)  # PSS is Linux-only
    return pss, rss


def measure(variant: str, files_path: str, batch_size: int | None) -> dict[str, Any]:
    """Run a variant in a subprocess, sampling its process tree's RSS; returns its result with the peak."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        location = os.path.join(tmp, "store")
        result = _measure([sys.executable, __file__, "--variant", variant, "--files", files_path,
                           "--location", location], variant, batch_size)
        if variant != "spacy":
            result["nquads_sha256"], result["quads"] = _store_digest(location)
    return result


def _measure(command: list[str], variant: str, batch_size: int | None) -> dict[str, Any]:
    if batch_size:
        command += ["--batch-size", str(batch_size)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    peak_pss = peak_rss = 0
    try:
        import psutil

        watched = psutil.Process(child.pid)
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak_pss, peak_rss
            while not stop.is_set():
                try:
                    pss, rss = _tree_memory(watched)
                except psutil.Error:
                    return
                peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    except ImportError:
        stop, sampler = None, None
    output, _ = child.communicate()
    if stop is not None:
        stop.set()
        sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"variant {variant} failed (exit {child.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_tree_pss_mb"] = round(peak_pss / 2**20, 1) if peak_pss else None
    result["peak_tree_rss_mb"] = round(peak_rss / 2**20, 1) if peak_rss else None
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of articles (default 500; 2225 = all of BBC News)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of .txt articles")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of spacy,kg1,kg2")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of all variants; ratios are the median of each round's own ratio (default 1)")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="nlp.pipe batch_size for the spacy variant (default: kg.pipeline.BATCH_SIZE, as ingest "
                             "parses; spaCy's own default of 1000 holds every doc of a batch in memory)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--location", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if args.variant:  # inside a variant subprocess
        from kg.pipeline import BATCH_SIZE

        files = Path(args.files).read_text(encoding="utf-8").splitlines()
        print(json.dumps(run_variant(args.variant, files, args.batch_size or BATCH_SIZE, args.location)))
        return 0

    corpus = args.corpus if args.corpus.is_absolute() else (Path.cwd() / args.corpus)
    files = corpus_files(corpus.resolve(), args.n)
    if not files:
        print(f"{corpus}: no .txt articles here (pass --corpus)", file=sys.stderr)
        return 2
    variants = [v for v in args.variants.split(",") if v]
    results: dict[str, dict[str, Any]] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".files", delete=False, encoding="utf-8") as listing:
        listing.write("\n".join(files))
    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        for number in range(args.repeat):
            results = {}
            for variant in variants:
                if not args.json:
                    print(f"round {number + 1}/{args.repeat}: running {variant} on {len(files)} articles ...",
                          file=sys.stderr, flush=True)
                results[variant] = measure(variant, listing.name, args.batch_size)
            rounds.append(results)
    finally:
        os.unlink(listing.name)

    def round_ratios(numerator: str, denominator: str, key: str = "seconds") -> list[float]:
        # one ratio per round: its runs are minutes apart, under much the same load
        return [r[numerator][key] / r[denominator][key] for r in rounds]

    def median_ratio(numerator: str, denominator: str, key: str = "seconds") -> float:
        return statistics.median(round_ratios(numerator, denominator, key))

    report: dict[str, Any] = {"articles": len(files), "corpus": str(corpus), "cpus": os.cpu_count(),
                              "rounds": len(rounds), "variants": results}
    if len(rounds) > 1:
        report["seconds_by_round"] = [{name: round(r[name]["seconds"], 1) for name in r} for r in rounds]
    if "spacy" in results and "kg1" in results:
        ratio = median_ratio("kg1", "spacy")
        report["kg_over_spacy_time"] = round(ratio, 3)
        report["kg_over_spacy_ok"] = ratio <= TARGET_RATIO
        # CPU time is less disturbed by other jobs on a shared machine than wall time
        report["kg_over_spacy_cpu"] = round(median_ratio("kg1", "spacy", "cpu_seconds"), 3)
        report["kg_over_spacy_time_by_round"] = [round(value, 3) for value in round_ratios("kg1", "spacy")]
    if "kg1" in results and "kg2" in results:
        speedup = median_ratio("kg1", "kg2")
        report["speedup_2_workers"] = round(speedup, 3)
        report["speedup_ok"] = speedup >= TARGET_SPEEDUP
        report["speedup_by_round"] = [round(value, 3) for value in round_ratios("kg1", "kg2")]
        # What 2 idle cores could do with this work: all CPU spread over both, the writer's share included.
        report["speedup_bound_from_cpu"] = round(results["kg1"]["cpu_seconds"] / max(
            results["kg2"]["cpu_seconds"] / 2,
            results["kg2"]["cpu_seconds"] - results["kg2"]["cpu_children_seconds"]), 3)
        report["same_store_1_vs_2_workers"] = all(r["kg1"]["nquads_sha256"] == r["kg2"]["nquads_sha256"]
                                                  for r in rounds)
    every_run = [result for r in rounds for result in r.values()]
    peaks = [r["peak_tree_pss_mb"] for r in every_run if r.get("peak_tree_pss_mb")]
    if peaks:
        report["peak_tree_pss_mb"] = max(peaks)
        report["peak_tree_rss_mb"] = max(r["peak_tree_rss_mb"] for r in every_run if r.get("peak_tree_rss_mb"))
        report["memory_ok"] = max(peaks) < TARGET_MEMORY_MB

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{len(files)} articles, {next(iter(results.values()))['words']:,} words, {os.cpu_count()} CPUs")
    for name, result in results.items():
        print(f"  {name:6} {result['seconds']:8.1f} s wall, {result['cpu_seconds']:8.1f} s CPU  "
              f"{result['words_per_second']:8.0f} words/s  "
              f"peak tree PSS {result['peak_tree_pss_mb']} MB, RSS {result['peak_tree_rss_mb']} MB  "
              f"(ru_maxrss self {result['ru_maxrss_self_mb']} MB, "
              f"children {result['ru_maxrss_children_mb']} MB)")
        if "stages_seconds" in result:
            print("         stages (s): " + ", ".join(f"{k} {v}" for k, v in result["stages_seconds"].items()))
        if result.get("summary"):
            print(f"         {result['summary']}")
    if len(rounds) > 1:
        print(f"seconds by round: {report['seconds_by_round']}; ratios below are medians of the rounds' ratios")
    if "kg_over_spacy_time" in report:
        print(f"kg/spaCy time ratio (1 worker): {report['kg_over_spacy_time']:.2f} wall, "
              f"{report['kg_over_spacy_cpu']:.2f} CPU (target <= {TARGET_RATIO}); by round: "
              f"{report['kg_over_spacy_time_by_round']}")
    if "speedup_2_workers" in report:
        print(f"2-worker speed-up: {report['speedup_2_workers']:.2f} wall (target >= {TARGET_SPEEDUP}); "
              f"{report['speedup_bound_from_cpu']:.2f} if the CPU time were spread over 2 idle cores; by round: "
              f"{report['speedup_by_round']}")
        print(f"2-worker store equals 1-worker store (N-Quads): {report['same_store_1_vs_2_workers']}")
    if "peak_tree_pss_mb" in report:
        print(f"peak process-tree memory: {report['peak_tree_pss_mb']} MB PSS (target < {TARGET_MEMORY_MB} MB at "
              f"--n 2225); summed RSS {report['peak_tree_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
