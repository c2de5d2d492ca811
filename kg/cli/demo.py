"""What `kg demo` prints: the ingest summary, what the store holds, the contradictions, and the figures."""
from __future__ import annotations

from kg.cli.output import print_json, print_table, stdout
from kg.pipeline import IngestSummary
from kg.report import build_report, claimant_label, figure, listed, severity_label, source_label, store_stats
from kg.store import open_store


def demo_report(location: str, summary: IngestSummary, seconds: float, fmt: str) -> None:
    from kg.claims import list_claims
    from kg.contradiction_graph import read, recompute

    with open_store(location) as store:
        # The ingest stored them; a store of an older detector, whose articles were all unchanged, is recomputed.
        stored = read(store)
        found = [item for item in (recompute(store) if stored is None else stored) if not item.candidate]
        counts = store_stats(store, found)
        claims = list_claims(store)
        report = build_report(store, found, claims=claims)
    if fmt == "json":
        print_json({"store": location, "ingest": {**summary.as_dict(), "seconds": round(seconds, 3)},
                    "stats": counts, "contradictions": report["contradictions"], "revisions": report["revisions"],
                    "claims": claims})
        return
    say = lambda text: stdout.print(text, markup=False, highlight=False, soft_wrap=True)  # noqa: E731
    # "replaced": stored by another version of claimgraph or its word lists, and extracted again now
    replaced = f"{summary.replaced} replaced, " if summary.replaced else ""
    say(f"Ingested the sample articles into {location}: {summary.new} new, {replaced}{summary.unchanged} unchanged "
        f"({seconds:.1f}s). " + ", ".join(f"{key} {value}" for key, value in counts.items()) + ".")
    say("")
    revisions = report["counts"]["revisions"]
    say(f"CONTRADICTIONS ({report['counts']['total']})" + (f" AND REVISIONS ({revisions})" if revisions else ""))
    for item in listed(report):
        say("")
        say(f"* {item['topic']}  [{item['kind']}, {severity_label(item)}]")
        say(f"  {item['explanation']}")
        for claim in item["claims"]:
            value = f" {figure(claim.get('value'))}:" if claim.get("value") else ":"
            say(f"  - {claimant_label(claim)} ({claim['stance']}){value} {claim['text']}")
            say(f"    {source_label(claim['source'])}")
    say("")
    figures = [c for c in claims if c.get("value")]
    print_table([{"claimant": c["claimant"], "figure": figure(c["value"]),
                  "event": c["value"].get("event_label") or "",
                  "source": (c["source"].get("published") or "")} for c in figures],
                ["claimant", "figure", "event", "source"], title=f"FIGURES ({len(figures)})")
    say("")
    say("Next: kg claims --by Bayramov | kg contradictions --format html > report.html | kg query articles")
