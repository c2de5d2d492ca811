"""How long `kg --help`, `kg --version` and the help of each command take to start, and what they import.

    python bench/cli_startup.py              # median of 7 runs of each, human-readable
    python bench/cli_startup.py --runs 15 --json

Each run is a fresh `python -m kg.cli ARGS` process (as the `kg` script runs it), timed from the outside, so the
time includes Python's own start. It also lists the heavy packages (spaCy, thinc, torch, onnxruntime) each one
imported, from `python -X importtime`: none should, since only the commands that parse text need spaCy. Target:
under a second each (issue 19); about 0.3 s here after spaCy's import moved into `kg ingest`/`demo`/`extract`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

HEAVY = ("spacy", "thinc", "torch", "onnxruntime", "owlready2", "pyshacl", "rdflib")
COMMANDS = (["--help"], ["--version"], ["query", "--help"], ["claims", "--help"], ["ingest", "--help"])


def seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def heavy_imports(args: list[str]) -> list[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg.cli", *args], capture_output=True,
                            text=True, check=True)
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    return sorted(name for name in HEAVY if name in modules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    found = {" ".join(args): {"seconds": round(seconds(args, options.runs), 3), "heavy_imports": heavy_imports(args)}
             for args in COMMANDS}
    if options.json:
        print(json.dumps(found, indent=2))
        return
    for command, result in found.items():
        heavy = ", ".join(result["heavy_imports"]) or "none"
        print(f"kg {command:<16} {result['seconds']:.3f} s  heavy imports: {heavy}")


if __name__ == "__main__":
    main()
