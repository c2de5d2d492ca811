"""What `kg demo` prints: the ingest summary, what the store holds, and the claims found."""
from __future__ import annotations

from kg.cli.claims_cmd import figure_text
from kg.cli.output import print_json, print_table, stdout
from kg.pipeline import IngestSummary
from kg.queries import stats
from kg.store import open_store


def demo_report(location: str, summary: IngestSummary, seconds: float, fmt: str) -> None:
    from kg.claims import list_claims

    with open_store(location) as store:
        counts = stats(store)
        claims = list_claims(store)
    if fmt == "json":
        print_json({"store": location, "ingest": {**summary.as_dict(), "seconds": round(seconds, 3)},
                    "stats": counts, "claims": claims})
        return
    stdout.print(f"Store: {location}  ({summary.new} new, {summary.unchanged} unchanged articles, "
                 f"{seconds:.1f}s)", markup=False, highlight=False)
    print_table([{"what": key, "count": value} for key, value in counts.items()], ["what", "count"],
                title="What the store holds")
    figures = [c for c in claims if c.get("value")]
    print_table([{"claimant": c["claimant"], "figure": c["value"].get("text") or "",
                  "interval": figure_text(c["value"]), "event": c["value"].get("event_label") or "",
                  "source": (c["source"].get("title") or "")[:50]} for c in figures],
                ["claimant", "figure", "interval", "event", "source"], title="Figures")
    attributed = [c for c in claims if not c.get("value") and not c.get("narrator")]
    print_table([{"claimant": c["claimant"], "stance": c["stance"], "cue": c.get("cue") or "",
                  "claim": c["text"][:160]} for c in attributed],
                ["claimant", "stance", "cue", "claim"], title="Attributed claims", wrap=("claim",))
