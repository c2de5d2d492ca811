"""Latency of the user commands at two store sizes, embedded and behind `oxigraph serve` (issue 20, items 3 and 4).

    python bench/commands.py --keep /tmp/stores                  # 1M and 10M triples; builds the stores, keeps them
    python bench/commands.py --keep /tmp/stores --reuse --json   # a re-run on the kept stores; one JSON object
    python bench/commands.py --keep DIR --sizes 1e5,1e6 --runs 1 # a quick run on small stores

Each store is built as bench/queries.py builds its store (synthetic articles mapped by kg.rdf.article_quads and
bulk-loaded, then the entities graph linked by kg.linking.link with the extraction fingerprint, as ingest links it,
so the store keeps a linking state and the next ingest links only what it adds). Every command runs as a user runs
it: a new ``kg`` process (``python -m kg.cli``, start-up included) against ``--store DIR``; one warm-up run, then the
median of ``--runs``. A command whose warm-up takes longer than ``--repeat-limit`` seconds is not repeated: its one
time is reported (``runs: 1``), and a command that takes longer than ``--timeout`` is stopped and reported as such.

``ingest`` adds one new synthetic article (its people, places and events are the store's own, its text new) with
linking and detection as ``kg ingest`` does them; every run, the warm-up included, adds another article to the kept
store (each run of the bench adds ``runs + 1`` articles per store and mode: the store grows by a few articles, and
the count is kept in the store's facts file).

Then every command runs again against ``oxigraph serve --location DIR`` (``--store http://127.0.0.1:PORT``), and
the server is stopped. The streaming rate of the full claims listing is claims counted over seconds of ``kg claims
--format jsonl`` (json when claims has no jsonl) with its output read to the end.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/ is not a package (and the repository's queries/ folder shadows the name): load the store builder by path.
_QUERIES_SPEC = importlib.util.spec_from_file_location("bench_queries", Path(__file__).resolve().parent / "queries.py")
bench_queries = importlib.util.module_from_spec(_QUERIES_SPEC)  # type: ignore[arg-type]
sys.modules["bench_queries"] = bench_queries
_QUERIES_SPEC.loader.exec_module(bench_queries)  # type: ignore[union-attr]

#: Issue 20's targets: every command under a second at the first (1M-triple) size, at most twice as slow at the
#: second (10M), remote within twice embedded, and the full claims listing at 5,000 claims/s or more.
TARGET_SECONDS = 1.0
TARGET_RATIO = 2.0
TARGET_REMOTE_RATIO = 2.0
TARGET_CLAIMS_PER_SECOND = 5000.0

COMMANDS = ("stats", "claims_page", "claims_by", "contradictions", "figures", "ingest")


class BenchError(Exception):
    """A command of the bench failed (not slow: failed), or the bench was given something it cannot use."""


def size_label(triples: int) -> str:
    """1000000 -> "1M", 100000 -> "100k"."""
    for unit, scale in (("M", 1_000_000), ("k", 1_000)):
        if triples >= scale:
            value = triples / scale
            return f"{value:g}{unit}" if value == int(value) else f"{value:.1f}{unit}"
    return str(triples)


def parse_sizes(text: str) -> list[int]:
    """``1e6,1e7`` -> [1000000, 10000000]."""
    try:
        sizes = [int(float(part)) for part in text.split(",") if part.strip()]
    except ValueError:
        raise BenchError(f"--sizes: {text!r} is not a comma-separated list of numbers (e.g. 1e6,1e7)") from None
    if not sizes or any(size < 1000 for size in sizes):
        raise BenchError(f"--sizes: {text!r}: give one or more sizes of at least 1000 triples")
    return sizes


def kg_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def run_kg(args: list[str], store: str, timeout: float) -> tuple[float | None, bytes]:
    """Wall seconds of ``kg ARGS --store STORE`` as a new process and its stdout; None for a run past ``timeout``.
    A command that fails (exit 2, or a traceback) is a BenchError with its last line of stderr."""
    started = time.perf_counter()
    try:
        done = subprocess.run(kg_command([*args, "--store", store]), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b""
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: a check found something (kg contradictions --fail-on), not a failure
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise BenchError(f"kg {' '.join(args)} --store {store}: exit {done.returncode}: {last}")
    return seconds, done.stdout


def timed(run: Callable[[], float | None], runs: int, repeat_limit: float) -> dict[str, Any]:
    """One warm-up call of ``run`` (seconds or None past the timeout), then the median of ``runs`` more; a warm-up
    slower than ``repeat_limit`` is reported alone."""
    warm_up = run()
    if warm_up is None:
        return {"seconds": None, "runs": 0, "timed_out": True}
    if warm_up > repeat_limit:
        return {"seconds": round(warm_up, 3), "runs": 1, "timed_out": False}
    times = []
    for _ in range(runs):
        seconds = run()
        if seconds is None:
            return {"seconds": None, "runs": len(times), "timed_out": True}
        times.append(seconds)
    return {"seconds": round(statistics.median(times), 3), "runs": runs, "timed_out": False,
            "all_seconds": [round(seconds, 3) for seconds in times]}


def claims_options() -> set[str]:
    """The options and formats ``kg claims --help`` lists (``--limit`` and ``jsonl`` come with paged listings)."""
    done = subprocess.run(kg_command(["claims", "--help"]), capture_output=True, text=True, check=True,
                          env={**os.environ, "COLUMNS": "200"})
    return {word for word in ("--limit", "--offset", "jsonl") if word in done.stdout}


def read_commands(facts: dict[str, Any], options: set[str]) -> dict[str, dict[str, Any]]:
    """The read commands timed, by name: their arguments and a note when they are not what the issue names."""
    page = {"args": ["claims", "--limit", "50"], "label": "kg claims --limit 50"}
    if "--limit" not in options:
        page = {"args": ["claims"], "label": "kg claims", "note": "no --limit in this kg: the whole listing"}
    return {
        "stats": {"args": ["stats"], "label": "kg stats"},
        "claims_page": page,
        "claims_by": {"args": ["claims", "--by", facts["by_name"]], "label": "kg claims --by NAME"},
        "contradictions": {"args": ["contradictions", "--format", "json"], "label": "kg contradictions --format json"},
        "figures": {"args": ["figures", "--format", "json"], "label": "kg figures --format json"},
    }


def new_article_file(folder: Path, facts: dict[str, Any]) -> Path:
    """A new article about the store's world (its people, places, events), as a JSON Lines file; unique text."""
    number = facts["articles"] + facts.setdefault("ingested", 0)
    world = bench_queries.World(facts["articles"], facts["seed"])
    world.rng = random.Random(f"bench-commands-{number}")
    extraction = bench_queries.synthetic_extraction(number, world)
    article = extraction.article
    path = folder / f"new-{number}.jsonl"
    record = {"text": f"{article.text} This is report {number}.", "title": f"{article.title} ({number})",
              "published": "2025-01-02", "publisher": article.publisher}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def ingest_once(store: str, facts: dict[str, Any], folder: Path, timeout: float, save: Callable[[], None]
                ) -> float | None:
    """Seconds of ``kg ingest`` of one new article; checks that it was stored as one new article."""
    path = new_article_file(folder, facts)
    seconds, output = run_kg(["ingest", str(path), "--quiet", "--summary", "json"], store, timeout)
    facts["ingested"] += 1  # counted even when stopped: the article may be in the store
    save()
    if seconds is not None:
        summary = json.loads(output)
        if summary.get("new") != 1:
            raise BenchError(f"kg ingest {path} --store {store}: expected one new article, got {summary}")
    return seconds


def count_claims(output: bytes, jsonl: bool) -> int:
    if jsonl:
        return sum(1 for line in output.splitlines() if line.strip())
    return len(json.loads(output)["claims"])


def streaming(store: str, options: set[str], timeout: float, runs: int = 1) -> dict[str, Any]:
    """The full claims listing: claims per second of ``kg claims --format jsonl`` (or json), output read whole; a
    warm-up, then the median of ``runs`` (one run, the warm-up itself, past ``timeout`` / 3)."""
    jsonl = "jsonl" in options
    fmt = "jsonl" if jsonl else "json"
    seconds, output = run_kg(["claims", "--format", fmt], store, timeout)
    if seconds is None:
        return {"format": fmt, "seconds": None, "claims": None, "claims_per_second": None, "timed_out": True}
    timed = [seconds]
    if seconds < timeout / 3:
        timed = [run_kg(["claims", "--format", fmt], store, timeout)[0] for _ in range(runs)]
        if any(run is None for run in timed):
            return {"format": fmt, "seconds": None, "claims": None, "claims_per_second": None, "timed_out": True}
        seconds = statistics.median(timed)  # type: ignore[type-var]
    claims = count_claims(output, jsonl)
    return {"format": fmt, "seconds": round(seconds, 3), "claims": claims, "runs": len(timed),
            "claims_per_second": round(claims / seconds, 1), "timed_out": False}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def oxigraph_server(location: Path, startup_timeout: float = 120.0) -> Iterator[str]:
    """``oxigraph serve --location LOCATION`` on a free local port, yielding its URL; stopped on the way out with
    SIGTERM (SIGKILL after 60 s). Not SIGINT: a process started in the background of a shell ignores it, and so
    does the server it starts."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = tempfile.TemporaryFile()
    try:
        server = subprocess.Popen(["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                  stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise BenchError("oxigraph: not on PATH (pip install oxigraph)") from None
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if server.poll() is not None:
                log_file.seek(0)
                last = (log_file.read().decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
                raise BenchError(f"oxigraph serve --location {location}: exited {server.returncode}: {last}")
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise BenchError(f"oxigraph serve --location {location}: no answer after {startup_timeout:.0f} s")
                time.sleep(0.2)
        yield url
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log_file.close()


def bring_up_to_date(location: Path, log: Callable[[str], None]) -> dict[str, float | None]:
    """What ingest does after it writes articles, for a kept store and the kg that runs now (untimed by the
    commands): link with the extraction fingerprint (nothing to do when the store's linking state is this kg's;
    everything when kg changed since the store was built) and, in a kg that keeps contradictions in their own graph
    (kg.contradiction_graph, issue 20 item 1), bring that graph up to date (all of it the first time). Seconds of
    each; None for the contradictions where kg has no such graph (kg contradictions then detects on every call)."""
    from kg.linking import link
    from kg.pipeline import extraction_fingerprint
    from kg.store import Store

    store = Store(str(location))
    try:
        started = time.perf_counter()
        link(store, key=extraction_fingerprint())
        seconds: dict[str, float | None] = {"link_seconds": round(time.perf_counter() - started, 1)}
        try:
            from kg.contradiction_graph import update  # type: ignore[import-not-found]
        except ImportError:
            seconds["contradictions_seconds"] = None
        else:
            started = time.perf_counter()
            update(store)
            seconds["contradictions_seconds"] = round(time.perf_counter() - started, 1)
        try:  # the graphs' counts `kg stats` reads (kg.counts), as each ingest completes them
            from kg.counts import complete  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            complete(store)
        try:  # and each article's records `kg claims` lists (kg.listing), as each ingest completes them
            from kg.listing import complete as complete_listings  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            complete_listings(store)
    finally:
        store.close()
    log(f"  {location}: up to date for this kg (linking {seconds['link_seconds']} s, contradictions graph "
        f"{seconds['contradictions_seconds']} s)")
    return seconds


def prepare_store(keep: Path, triples: int, seed: int, reuse: bool, log: Callable[[str], None]
                  ) -> tuple[Path, dict[str, Any]]:
    """The store of about ``triples`` triples under ``keep`` (built, or with ``reuse`` the kept one), brought up
    to date for the kg that runs now, and its facts."""
    location = keep / f"store-{triples}"
    facts_path = keep / f"store-{triples}.json"
    if reuse and facts_path.is_file() and location.is_dir():
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        log(f"{size_label(triples)}: reusing {location} ({facts['triples']:,} triples when built, "
            f"{facts.get('ingested', 0)} articles ingested since)")
        facts.update(reused=True, refresh=bring_up_to_date(location, log))
        return location, facts
    if location.exists() and any(location.iterdir()):
        raise BenchError(f"{location}: a store is there already; pass --reuse to use it, or remove it")
    location.mkdir(parents=True, exist_ok=True)
    log(f"{size_label(triples)}: building {location} ...")
    from kg.pipeline import extraction_fingerprint

    started = time.perf_counter()
    store, facts = bench_queries.build_store(str(location), triples, seed, log, key=extraction_fingerprint())
    store.close()
    del store
    facts.update(seed=seed, requested_triples=triples, ingested=0, reused=False, by_name=facts["sample_person"],
                 built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    facts["refresh"] = bring_up_to_date(location, log)
    facts["total_build_seconds"] = round(time.perf_counter() - started, 1)
    facts_path.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    log(f"{size_label(triples)}: {facts['triples']:,} triples, {facts['articles']:,} articles; mapped and loaded in "
        f"{facts['build_seconds']} s, linked in {facts['link_seconds']} s")
    return location, facts


def measure(store: str, facts: dict[str, Any], commands: list[str], options: set[str], args: argparse.Namespace,
            folder: Path, save: Callable[[], None], log: Callable[[str], None],
            skip: Collection[str] = ()) -> dict[str, Any]:
    """Every chosen command against one store (a folder or a URL), and the claims streaming rate; the commands in
    ``skip`` (those that ran past the timeout embedded, when this is the remote store) are not run."""
    results: dict[str, Any] = {}
    reads = read_commands(facts, options)
    for name in commands:
        if name in skip:
            results[name] = {"seconds": None, "runs": 0, "timed_out": False, "skipped": "timed out embedded"}
            log(f"    {name:15} skipped (timed out embedded)")
            continue
        if name == "ingest":
            result = timed(lambda: ingest_once(store, facts, folder, args.timeout, save), args.runs,
                           args.repeat_limit)
        else:
            command = reads[name]

            def once(command: dict[str, Any] = command) -> float | None:
                return run_kg(command["args"], store, args.timeout)[0]

            result = timed(once, args.runs, args.repeat_limit)
            if name == "claims_by" and not result["timed_out"]:  # how large the answer is, untimed
                answer = run_kg([*command["args"], "--format", "json"], store, args.timeout)[1]
                result["answer_claims"] = count_claims(answer, jsonl=False) if answer else None
        if result["timed_out"]:
            result["at_least"] = args.timeout
        results[name] = result
        seconds = f"timed out (> {args.timeout:g} s)" if result["timed_out"] else f"{result['seconds']:.2f} s"
        log(f"    {name:15} {seconds} ({result['runs']} runs)")
    if args.streaming and "streaming" not in skip:
        results["streaming"] = streaming(store, options, args.timeout, args.runs)
        rate = results["streaming"]["claims_per_second"]
        log(f"    {'streaming':15} {rate if rate is not None else 'timed out'} claims/s")
    return results


def timed_out(results: dict[str, Any]) -> set[str]:
    """The names of the results that ran past the timeout (the streaming rate among them)."""
    return {name for name, result in results.items() if result.get("timed_out")}


def bound(result: dict[str, Any] | None) -> tuple[float | None, bool]:
    """A result's seconds and whether they are only a lower bound (the command ran past the timeout)."""
    if not result:
        return None, False
    if result.get("timed_out"):
        return result.get("at_least"), True
    return result.get("seconds"), False


def ratio(numerator: tuple[float | None, bool], denominator: tuple[float | None, bool]
          ) -> tuple[float | None, bool]:
    """numerator / denominator of two bounds: exact, a lower bound (a timed-out numerator over an exact
    denominator), or None when the two give no bound."""
    (top, top_at_least), (bottom, bottom_at_least) = numerator, denominator
    if top is None or bottom is None or bottom <= 0 or bottom_at_least:
        return None, False
    return round(top / bottom, 2), top_at_least


def at_most(value: tuple[float | None, bool], target: float) -> bool | None:
    """Whether a bound is at most ``target``: None when unknown (missing, or a lower bound under the target)."""
    number, at_least = value
    if number is None:
        return None
    if at_least:
        return False if number > target else None
    return number <= target


def verdicts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per command: seconds at each size and mode, the last/first size ratio, remote/embedded per size, and whether
    each target is met (None when a time is missing). A command stopped at the timeout counts as the timeout, a
    lower bound (``*_at_least``), and ratios from it are lower bounds too."""
    sizes = [str(size) for size in report["sizes"]]
    first, last = sizes[0], sizes[-1]
    out: dict[str, dict[str, Any]] = {}
    for name in report["commands"]:
        embedded = {size: bound(report["results"][size]["embedded"].get(name)) for size in sizes}
        remote = {size: bound(report["results"][size].get("remote", {}).get(name)) for size in sizes}
        growth = ratio(embedded[last], embedded[first]) if len(sizes) > 1 else (None, False)
        remote_ratio = {size: ratio(remote[size], embedded[size]) for size in sizes}
        first_seconds, first_at_least = embedded[first]
        out[name] = {
            "embedded_seconds": {size: value for size, (value, _) in embedded.items()},
            "embedded_at_least": {size: at_least for size, (_, at_least) in embedded.items()},
            "remote_seconds": {size: value for size, (value, _) in remote.items()},
            "remote_at_least": {size: at_least for size, (_, at_least) in remote.items()},
            "size_ratio": growth[0], "size_ratio_at_least": growth[1],
            "remote_ratio": {size: value for size, (value, _) in remote_ratio.items()},
            "remote_ratio_at_least": {size: at_least for size, (_, at_least) in remote_ratio.items()},
            "under_target_seconds": (None if first_seconds is None else
                                     False if first_at_least else first_seconds < TARGET_SECONDS),
            "size_ratio_met": at_most(growth, TARGET_RATIO),
            "remote_ratio_met": {size: at_most(value, TARGET_REMOTE_RATIO) for size, value in remote_ratio.items()},
        }
    return out


def _mark(met: bool | None) -> str:
    return "-" if met is None else ("met" if met else "NOT met")


def _seconds(value: float | None, at_least: bool = False) -> str:
    return "-" if value is None else f"{'>' if at_least else ''}{value:.2f}"


def print_table(report: dict[str, Any]) -> None:
    sizes = [str(size) for size in report["sizes"]]
    labels = [size_label(int(size)) for size in sizes]
    first, last = labels[0], labels[-1]
    header = ["command", *(f"{label} s" for label in labels), f"{last}/{first}", f"< {TARGET_SECONDS:g} s at {first}",
              f"ratio <= {TARGET_RATIO:g}", *(f"remote/emb {label}" for label in labels), f"remote <= {TARGET_REMOTE_RATIO:g}x"]
    rows = [header]
    for name, verdict in report["verdicts"].items():
        remote_met = [met for met in verdict["remote_ratio_met"].values() if met is not None]
        rows.append([report["labels"][name],
                     *(_seconds(verdict["embedded_seconds"][size], verdict["embedded_at_least"][size])
                       for size in sizes),
                     _seconds(verdict["size_ratio"], verdict["size_ratio_at_least"]),
                     _mark(verdict["under_target_seconds"]), _mark(verdict["size_ratio_met"]),
                     *(_seconds(verdict["remote_ratio"][size], verdict["remote_ratio_at_least"][size])
                       for size in sizes),
                     _mark(all(remote_met) if remote_met else None)])
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    for size, label in zip(sizes, labels):
        for mode in ("embedded", "remote"):
            rate = report["results"][size].get(mode, {}).get("streaming")
            if rate:
                value = rate["claims_per_second"]
                met = None if value is None else value >= TARGET_CLAIMS_PER_SECOND
                speed = ("timed out" if value is None else
                         f"{rate['claims']:,} claims in {rate['seconds']:.1f} s = {value:,.0f} claims/s")
                print(f"full claims listing ({rate['format']}), {mode} {label}: {speed} "
                      f"(target >= {TARGET_CLAIMS_PER_SECOND:,.0f}: {_mark(met)})")
    answers = [f"{answer:,} claims at {label} (NAME {report['stores'][size]['by_name']!r})"
               for size, label in zip(sizes, labels)
               if (answer := report["results"][size]["embedded"].get("claims_by", {}).get("answer_claims")) is not None]
    if answers:
        print(f"{report['labels']['claims_by']} lists {', '.join(answers)}")
    for name, note in report["notes"].items():
        print(f"note: {report['labels'][name]}: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e6,1e7", help="store sizes in triples, comma-separated (default 1e6,1e7)")
    parser.add_argument("--keep", type=Path, help="folder that keeps the built stores (required to run)")
    parser.add_argument("--reuse", action="store_true", help="use the stores kept in --keep (built if missing)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command after one warm-up (median)")
    parser.add_argument("--repeat-limit", type=float, default=20.0,
                        help="a command whose warm-up takes longer (seconds) is not repeated (default 20)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a command is stopped")
    parser.add_argument("--commands", default=",".join(COMMANDS), help=f"which to time (default {','.join(COMMANDS)})")
    parser.add_argument("--no-remote", dest="remote", action="store_false", help="skip the oxigraph server runs")
    parser.add_argument("--no-streaming", dest="streaming", action="store_false",
                        help="skip the full claims listing's rate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--combine", nargs="+", type=Path, metavar="REPORT",
                        help="run nothing: one table (or --json object) from the --json reports of earlier runs, "
                             "e.g. one run per size")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        if args.combine:
            report = combine([read_report(path) for path in args.combine])
            if args.json:
                print(json.dumps(report, indent=2))
            else:
                print_table(report)
            return 0
        if args.keep is None:
            raise BenchError("--keep DIR: a folder for the stores is required")
        sizes = parse_sizes(args.sizes)
        commands = [name for name in args.commands.split(",") if name]
        unknown = sorted(set(commands) - set(COMMANDS))
        if unknown:
            raise BenchError(f"--commands: unknown {', '.join(unknown)} (choose from {', '.join(COMMANDS)})")
        if args.runs < 1:
            raise BenchError("--runs: give at least 1")
        if args.keep.exists() and not args.keep.is_dir():
            raise BenchError(f"{args.keep}: --keep must be a folder")
        args.keep.mkdir(parents=True, exist_ok=True)
        options = claims_options()
        report = run_bench(args, sizes, commands, options, log)
    except BenchError as failure:
        print(f"bench/commands.py: {failure}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


def run_bench(args: argparse.Namespace, sizes: list[int], commands: list[str], options: set[str],
              log: Callable[[str], None]) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report: dict[str, Any] = {
        "commit": commit.stdout.strip() or None, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sizes": sizes, "runs": args.runs, "repeat_limit_seconds": args.repeat_limit, "timeout_seconds": args.timeout,
        "claims_options": sorted(options), "commands": commands, "stores": {}, "results": {},
        "targets": {"seconds_at_first_size": TARGET_SECONDS, "size_ratio": TARGET_RATIO,
                    "remote_ratio": TARGET_REMOTE_RATIO, "claims_per_second": TARGET_CLAIMS_PER_SECOND},
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bench-commands-") as tmp:
        for triples in sizes:
            location, facts = prepare_store(args.keep, triples, args.seed, args.reuse, log)
            facts_path = args.keep / f"store-{triples}.json"

            def save(facts: dict[str, Any] = facts, facts_path: Path = facts_path) -> None:
                facts_path.write_text(json.dumps({key: value for key, value in facts.items()
                                                  if key not in ("reused", "refresh")}, indent=2) + "\n",
                                      encoding="utf-8")

            report["stores"][str(triples)] = facts
            results: dict[str, Any] = {}
            log(f"  embedded {location}")
            results["embedded"] = measure(str(location), facts, commands, options, args, Path(tmp), save, log)
            if args.remote:
                with oxigraph_server(location) as url:
                    log(f"  remote {url} (oxigraph serve --location {location})")
                    results["remote"] = measure(url, facts, commands, options, args, Path(tmp), save, log,
                                                skip=timed_out(results["embedded"]))
            report["results"][str(triples)] = results
    reads = read_commands(report["stores"][str(sizes[0])], options)
    report["labels"] = {name: reads[name]["label"] if name in reads else "kg ingest (one new article)"
                        for name in commands}
    report["notes"] = {name: reads[name]["note"] for name in commands if name in reads and "note" in reads[name]}
    report["verdicts"] = verdicts(report)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    return report


def read_report(path: Path) -> dict[str, Any]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as failure:
        raise BenchError(f"{path}: not a report of this bench ({failure})") from None
    if not isinstance(report, dict) or not {"sizes", "results", "stores", "commands"} <= report.keys():
        raise BenchError(f"{path}: not a report of this bench (no sizes, results, stores and commands)")
    return report


def combine(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One report from several runs' reports (each of its own sizes: a later report's size replaces an earlier's)."""
    merged: dict[str, Any] = {key: value for key, value in reports[0].items() if key not in ("verdicts",)}
    merged.update(stores={}, results={}, labels={}, notes={},
                  runs_combined=[{"commit": report.get("commit"), "date": report.get("date"), "sizes": report["sizes"]}
                                 for report in reports])
    commands: list[str] = []
    for report in reports:
        merged["stores"].update(report["stores"])
        merged["results"].update(report["results"])
        merged["labels"].update(report.get("labels", {}))
        merged["notes"].update(report.get("notes", {}))
        commands += [name for name in report["commands"] if name not in commands]
    merged["sizes"] = sorted(int(size) for size in merged["results"])
    merged["commands"] = commands
    merged["verdicts"] = verdicts(merged)
    return merged


if __name__ == "__main__":
    sys.exit(main())
