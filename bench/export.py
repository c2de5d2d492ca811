"""Time and peak memory of `kg export` (kg.dump: sorted, grouped, prefixed) against pyoxigraph's own serializer on
the same store, format by format.

    python bench/export.py --store /tmp/bbc-store          # an existing store (e.g. 200 BBC articles ingested)
    python bench/export.py --triples 1500000               # a synthetic store built as bench/queries.py builds one
    python bench/export.py --triples 1500000 --store S     # the same, built at S and kept (reused when S exists)
    python bench/export.py --store S --formats trig,jsonld --check --json

Each (variant, format) runs in a subprocess of its own, so its peak memory is its own: ``kg`` is
``Store.dump`` (what `kg export` runs); ``oxigraph`` is ``pyoxigraph.serialize`` over the same ``Store.quads()``
with the same prefixes (what `kg export` ran before kg.dump: subjects in index order, no instance prefixes, JSON-LD
expanded). Both write to a file in a temporary folder. Reported: wall and CPU seconds of the dump alone (store
opened and modules imported before the clock starts; CPU time moves less with other jobs on a shared machine), the
process's peak RSS (VmHWM) and its RSS before the dump, and the output's size. ``--check`` parses both outputs with
pyoxigraph and says whether they hold the same quads (the same triples for Turtle and N-Triples, which write the
union of the graphs).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

FORMATS = ("turtle", "trig", "nquads", "jsonld")
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
VARIANTS = ("kg", "oxigraph")


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent across exec)."""
    status = Path("/proc/self/status").read_text()
    kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return round(kilobytes / 1024, 1)


def child(variant: str, fmt: str, location: str, output: str) -> dict[str, Any]:
    """One dump in this process: seconds, peak memory, memory before the dump, bytes written."""
    from kg.namespaces import PREFIXES
    from kg.store import Store

    store = Store(location, read_only=True)
    before = peak_rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    with open(output, "wb") as handle:
        if variant == "kg":
            store.dump(handle, fmt)
        elif fmt in ("turtle", "ntriples"):
            triples = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store.quads())
            ox.serialize(triples, handle, RDF_FORMATS[fmt], prefixes=PREFIXES)
        else:
            ox.serialize(store.quads(), handle, RDF_FORMATS[fmt], prefixes=PREFIXES)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), "peak_rss_mb": peak_rss_mb(), "rss_before_mb": before,
            "bytes": Path(output).stat().st_size}


def same_data(fmt: str, first: Path, second: Path) -> bool:
    """Whether two dumps parse (pyoxigraph, into in-memory stores) to the same quads, or triples for one-graph
    formats."""
    stores = []
    for path in (first, second):
        store = ox.Store()
        store.bulk_load(path=str(path), format=RDF_FORMATS[fmt])
        stores.append(store)
    if len(stores[0]) != len(stores[1]):
        return False
    return all(quad in stores[1] for quad in stores[0])


def build(triples: int, location: str) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from queries import build_store  # bench/queries.py: the synthetic store its latency figures are measured on

    store, facts = build_store(location, triples, log=lambda line: print(line, file=sys.stderr))
    store.close()
    print(f"built {facts['triples']} triples ({facts['articles']} articles)", file=sys.stderr)
    return location


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an existing store to dump")
    parser.add_argument("--triples", type=int, help="build a synthetic store of about this many triples instead")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--check", action="store_true", help="parse both outputs back and compare them")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--child", nargs=4, metavar=("VARIANT", "FORMAT", "STORE", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    if not args.store and not args.triples:
        parser.error("give --store, --triples, or both (build the synthetic store at --store unless it is there)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as folder:
        if args.triples and not (args.store and Path(args.store).exists()):
            location = build(args.triples, args.store or str(Path(folder) / "store"))
        else:
            location = args.store
        from kg.store import Store

        store = Store(location, read_only=True)
        facts: dict[str, Any] = {"store": location, "triples": store.triple_count(), "graphs": len(store.graphs())}
        store.close()
        del store
        results: dict[str, Any] = {}
        for fmt in args.formats.split(","):
            outputs = {}
            for variant in VARIANTS:
                outputs[variant] = Path(folder) / f"{variant}.{fmt}"
                run = subprocess.run([sys.executable, __file__, "--child", variant, fmt, location,
                                      str(outputs[variant])], capture_output=True, text=True, check=True)
                results.setdefault(fmt, {})[variant] = json.loads(run.stdout)
                if not args.json:
                    row = results[fmt][variant]
                    print(f"{fmt:8} {variant:9} {row['seconds']:7.2f} s ({row['cpu_seconds']:.2f} s CPU)  peak {row['peak_rss_mb']:7.1f} MB "
                          f"(before the dump {row['rss_before_mb']:.1f} MB)  {row['bytes'] / 1e6:7.1f} MB written")
            if args.check:
                results[fmt]["same_data"] = same_data(fmt, outputs["kg"], outputs["oxigraph"])
                if not args.json:
                    print(f"{fmt:8} same data: {results[fmt]['same_data']}")
    if args.json:
        print(json.dumps({**facts, "formats": results}, indent=2))
    else:
        print(f"{facts['triples']} triples in {facts['graphs']} graphs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
