"""How contradiction detection scales: kg.contradictions.detect on synthetic stores of 10k and 100k claims.

    python bench/contradictions.py                       # 10k and 100k claims, human-readable
    python bench/contradictions.py --sizes 5000,50000    # other sizes (the ratio is last / first)
    python bench/contradictions.py --json                # one JSON object
    python bench/contradictions.py --timeout 600         # give up on one kind after this many seconds

The claims are written directly as quads with the vocabulary kg/rdf.py writes in article graphs (cg:Claim,
cg:reportedIn, cg:claimant, cg:claimantMention, cg:stance, cg:content, cg:cue, cg:isNarrator, cg:QuantityClaim with
cg:measure, bounds, cg:countedNoun, cg:quantityEvidence/oa:exact, cg:measuredEvent with rdfs:label, cg:about; mentions
with cg:writtenName, cg:affiliation; articles with schema:datePublished) and the entities graph kg/linking.py writes
(mention and event cg:refersTo, canonical agents with schema:name and cg:affiliation, canonical events with rdfs:label),
which is what queries/contradictions/*.rq read. The mix:

- 40% quantity claims in (measure, event) blocks of 2-8 figures (different claimants and articles, some figures
  disjoint, some revised upwards later);
- 45% propositions: each proposition has one denial and 2-6 assertions sharing its key terms (two rare words,
  like place names) plus words common to the whole corpus (demonyms, "forces", "near");
- 15% blame candidates: officials of one of a handful of countries accusing another of a hostile act.

detect runs once per size in the same process; the time of each kind is split into its SPARQL query and the Python
grouping, so a super-linear step can be pinned down. Linear scaling gives a 100k/10k ratio near 10; the target is 12.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.contradictions import detection_rows, numeric
from kg.blame import blame_groups
from kg.namespaces import (CG, ENTITIES_GRAPH, OA, RDF, RDFS, SCHEMA, XSD, article_iri, measure_iri, mint,
                           stance_iri)
from kg.propositions import polarity_groups
from kg.resolve import entity_iri, event_iri

TARGET_RATIO = 12.0
COUNTRIES = ("Armenia", "Azerbaijan", "Turkey", "Russia", "Georgia", "Iran")
DEMONYMS = {"Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Turkey": "Turkish", "Russia": "Russian",
            "Georgia": "Georgian", "Iran": "Iranian"}
ACTS = ("shelled civilian areas", "violated the ceasefire", "launched drone strikes on", "attacked border posts in",
        "mounted an offensive near", "broke the truce in")
MEASURES = ("deaths", "injuries", "displaced", "arrests")
SYLLABLES = ("ka", "ra", "ban", "to", "vu", "zan", "gor", "mi", "shen", "lac", "dar", "vel", "sto", "nik", "ar", "om")
CLAIMS_PER_ARTICLE = 10


def _literal(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)) if datatype else ox.Literal(value)


class Quads:
    def __init__(self) -> None:
        self.items: list[ox.Quad] = []

    def add(self, graph: str, subject: str, predicate: str, obj: str | ox.Literal) -> None:
        term = obj if isinstance(obj, ox.Literal) else ox.NamedNode(obj)
        self.items.append(ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), term, ox.NamedNode(graph)))


def _rare_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def generate(claims: int, seed: int = 11) -> tuple[list[ox.Quad], dict[str, int]]:
    """Quads for about ``claims`` claims (article graphs plus the entities graph)."""
    rng = random.Random(seed)
    out = Quads()
    people = [(f"{_rare_word(rng)} {_rare_word(rng)}yan", rng.choice(COUNTRIES)) for _ in range(max(50, claims // 40))]
    entity_graph = ENTITIES_GRAPH
    for country in COUNTRIES:
        node = entity_iri(f"country/{country.lower()}")
        out.add(entity_graph, node, RDF + "type", CG + "Agent")
        out.add(entity_graph, node, RDF + "type", CG + "Country")
        out.add(entity_graph, node, SCHEMA + "name", ox.Literal(country))
    for name, country in people:
        node = entity_iri(f"person/{name.lower().replace(' ', '-')}")
        out.add(entity_graph, node, RDF + "type", CG + "Agent")
        out.add(entity_graph, node, RDF + "type", CG + "Person")
        out.add(entity_graph, node, SCHEMA + "name", ox.Literal(name))
        out.add(entity_graph, node, CG + "affiliation", entity_iri(f"country/{country.lower()}"))

    # what each claim will be, planned first so that blocks and propositions have their sizes
    plan: list[tuple[str, Any]] = []
    quantity_target, proposition_target = int(claims * 0.40), int(claims * 0.45)
    block = 0
    while sum(kind == "quantity" for kind, _ in plan) < quantity_target:
        size = rng.randint(2, 8)
        measure, base = rng.choice(MEASURES), rng.choice((19, 35, 120, 200, 1000, 2500, 6700))
        for _ in range(size):
            plan.append(("quantity", (block, measure, base)))
        block += 1
    proposition = 0
    while sum(kind == "proposition" for kind, _ in plan) < proposition_target:
        text = (f"{DEMONYMS[rng.choice(COUNTRIES)]} forces {rng.choice(ACTS)} {_rare_word(rng)} "
                f"and {_rare_word(rng)}")
        plan.append(("proposition", (proposition, text, "deny")))
        for _ in range(rng.randint(2, 6)):
            plan.append(("proposition", (proposition, text, "assert")))
        proposition += 1
    while len(plan) < claims:
        accuser, accused = rng.sample(COUNTRIES[:4], 2)  # a handful of countries blame each other
        plan.append(("blame", (accuser, accused)))
    plan = plan[:claims]
    rng.shuffle(plan)

    events: set[int] = set()
    for index, (kind, details) in enumerate(plan):
        number = index // CLAIMS_PER_ARTICLE
        graph = article_iri(f"{number:032x}")
        scope = f"{number:016x}"
        if index % CLAIMS_PER_ARTICLE == 0:
            out.add(graph, graph, RDF + "type", CG + "Article")
            # three years of news: articles a week apart can blame each other (kg.blame.WINDOW_DAYS)
            day = (date(2020, 1, 1) + timedelta(days=(number * 37) % 1095)).isoformat()
            out.add(graph, graph, SCHEMA + "datePublished", _literal(day, "date"))
            out.add(graph, graph, SCHEMA + "headline", ox.Literal(f"Synthetic report {number}"))
            out.add(graph, graph, CG + "text", ox.Literal(f"Synthetic article {number}."))
        claim = mint("claim", scope, str(index % CLAIMS_PER_ARTICLE))
        if kind == "blame":
            name, country = rng.choice([p for p in people if p[1] == details[0]] or people)
        else:
            name, country = rng.choice(people)
        mention = mint("mention", scope, "person", name.lower().replace(" ", "-"), str(index))
        agent = mint("agent", "person", name.lower().replace(" ", "-"))
        out.add(graph, claim, RDF + "type", CG + "Claim")
        out.add(graph, claim, CG + "reportedIn", graph)
        out.add(graph, claim, CG + "claimant", agent)
        out.add(graph, claim, CG + "claimantMention", mention)
        out.add(graph, claim, CG + "isNarrator", _literal("false", "boolean"))
        out.add(graph, claim, CG + "isDirectQuote", _literal("false", "boolean"))
        out.add(graph, agent, RDF + "type", CG + "Agent")
        out.add(graph, agent, SCHEMA + "name", ox.Literal(name))
        out.add(graph, mention, RDF + "type", CG + "Mention")
        out.add(graph, mention, CG + "writtenName", ox.Literal(name))
        out.add(graph, mention, CG + "mentionKind", ox.Literal("person"))
        out.add(graph, mention, CG + "mentionOf", agent)
        out.add(graph, mention, CG + "mentionedIn", graph)
        out.add(graph, mention, CG + "affiliation", ox.Literal(country))
        out.add(entity_graph, mention, CG + "refersTo", entity_iri(f"person/{name.lower().replace(' ', '-')}"))
        if kind == "quantity":
            block_id, measure, base = details
            value = base * rng.choice((1, 1, 1.05, 1.5, 3))
            low, high = (value, value) if rng.random() < 0.5 else (value, None)
            out.add(graph, claim, RDF + "type", CG + "QuantityClaim")
            out.add(graph, claim, CG + "stance", stance_iri("assert"))
            out.add(graph, claim, CG + "content", ox.Literal(f"{value:g} people"))
            out.add(graph, claim, CG + "measure", measure_iri(measure))
            out.add(graph, claim, CG + "lowerBound", _literal(f"{value:g}", "decimal"))
            if high is not None:
                out.add(graph, claim, CG + "upperBound", _literal(f"{high:g}", "decimal"))
            out.add(graph, claim, CG + "lowerInclusive", _literal("true" if high else "false", "boolean"))
            out.add(graph, claim, CG + "upperInclusive", _literal("true", "boolean"))
            out.add(graph, claim, CG + "pointValue", _literal(f"{value:g}", "decimal"))
            out.add(graph, claim, CG + "countedNoun", ox.Literal("people"))
            selector = mint("span", scope, str(index), "q")
            out.add(graph, claim, CG + "quantityEvidence", selector)
            out.add(graph, selector, OA + "exact", ox.Literal(f"{value:g}" if high else f"more than {value:g}"))
            article_event = mint("event", scope, f"block-{block_id}")
            out.add(graph, claim, CG + "measuredEvent", article_event)
            out.add(graph, article_event, RDF + "type", CG + "Event")
            out.add(graph, article_event, RDFS + "label", ox.Literal(f"the clashes of block {block_id}"))
            out.add(entity_graph, article_event, CG + "refersTo", event_iri(f"block-{block_id}"))
            if block_id not in events:
                events.add(block_id)
                out.add(entity_graph, event_iri(f"block-{block_id}"), RDF + "type", CG + "Event")
                out.add(entity_graph, event_iri(f"block-{block_id}"), RDFS + "label",
                        ox.Literal(f"the clashes of block {block_id}"))
            continue
        if kind == "proposition":
            _, text, stance = details
            content = text if stance == "assert" else f"that {text}"
            cue = "said" if stance == "assert" else "denied"
        else:
            accuser, accused = details
            stance = "accuse"
            content = f"{DEMONYMS[accused]} forces {rng.choice(ACTS)} {_rare_word(rng)}"
            cue = "accused"
            out.add(graph, claim, CG + "about", entity_iri(f"country/{accused.lower()}"))
        out.add(graph, claim, CG + "stance", stance_iri(stance))
        out.add(graph, claim, CG + "content", ox.Literal(content))
        out.add(graph, claim, CG + "cue", ox.Literal(cue))
    counts = {"claims": len(plan), "quantity_blocks": block, "propositions": proposition,
              "blame_claims": sum(kind == "blame" for kind, _ in plan), "quads": len(out.items)}
    return out.items, counts


class Timeout(Exception):
    pass


def _timed(function: Callable[[], Any], limit: int) -> tuple[Any, float | None]:
    """(result, seconds), or (None, None) when ``function`` ran longer than ``limit`` seconds."""
    def expire(*_: Any) -> None:
        raise Timeout()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(limit)
    start = time.perf_counter()
    try:
        return function(), time.perf_counter() - start
    except Timeout:
        return None, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def measure(claims: int, limit: int, log: Callable[[str], None]) -> dict[str, Any]:
    from kg.contradictions import detect
    from kg.store import Store

    start = time.perf_counter()
    quads, counts = generate(claims)
    with tempfile.TemporaryDirectory(prefix="kg-bench-contradictions-") as tmp:
        raw = ox.Store(str(Path(tmp) / "store"))
        raw.bulk_extend(quads)
        del raw, quads
        store = Store(str(Path(tmp) / "store"))
        counts["build_seconds"] = round(time.perf_counter() - start, 1)
        log(f"{claims:,} claims: {counts['quads']:,} quads built in {counts['build_seconds']} s")
        stages: dict[str, Any] = {}
        groupers = {"numeric": numeric, "polarity": polarity_groups, "blame": blame_groups}
        for kind, group in groupers.items():
            rows, query_seconds = _timed(lambda: detection_rows(store, kind), limit)
            found, group_seconds = (None, None) if rows is None else _timed(lambda: group(rows), limit)
            stages[kind] = {"rows": None if rows is None else len(rows),
                            "query_seconds": None if query_seconds is None else round(query_seconds, 2),
                            "group_seconds": None if group_seconds is None else round(group_seconds, 2),
                            "found": None if found is None else len(found)}
            log(f"  {kind:8} query {stages[kind]['query_seconds']} s ({stages[kind]['rows']} rows), "
                f"grouping {stages[kind]['group_seconds']} s, {stages[kind]['found']} found")
        timed_out = any(stage["query_seconds"] is None or stage["group_seconds"] is None for stage in stages.values())
        found, detect_seconds = (None, None) if timed_out else _timed(lambda: detect(store), limit * 3)
        log(f"  detect  {detect_seconds if detect_seconds is None else round(detect_seconds, 2)} s, "
            f"{None if found is None else len(found)} contradictions")
        store.close()
    return {**counts, "detect_seconds": None if detect_seconds is None else round(detect_seconds, 2),
            "contradictions": None if found is None else len(found), "stages": stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="claim counts, comma-separated (default 10k,100k)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed for one query or grouping step")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        if not args.json:
            print(message, flush=True)

    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: measure(size, args.timeout, log) for size in sizes}
    first, last = results[sizes[0]], results[sizes[-1]]
    ratio = (last["detect_seconds"] / first["detect_seconds"]
             if first["detect_seconds"] and last["detect_seconds"] else None)
    report = {"sizes": {str(size): result for size, result in results.items()},
              "ratio": None if ratio is None else round(ratio, 2), "size_ratio": sizes[-1] / sizes[0],
              "target_ratio": TARGET_RATIO, "ok": ratio is not None and ratio <= TARGET_RATIO,
              "largest_seconds": last["detect_seconds"]}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"detect: {first['detect_seconds']} s at {sizes[0]:,} claims, {last['detect_seconds']} s at "
              f"{sizes[-1]:,} claims; ratio {report['ratio']} for {sizes[-1] / sizes[0]:g}x the claims "
              f"(target <= {TARGET_RATIO:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
