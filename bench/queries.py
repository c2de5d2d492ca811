"""Latency of every named query (queries/*.rq) and of kg.claims.list_claims on a synthetic store of ~1M triples.

    python bench/queries.py                   # ~1M triples, human-readable
    python bench/queries.py --triples 200000  # smaller store
    python bench/queries.py --runs 7 --json   # one JSON object
    python bench/queries.py --articles 1400   # a fixed number of articles (to compare mappings of different sizes)

The store is shaped like a real one: synthetic articles (text, headline, publisher, date) whose claims are built as
kg.types.Extraction values (attributed claims with claimant mentions, cues, evidence selectors, "about" mentions,
quantity claims with bounds, counted nouns and measured events) and mapped with kg.rdf.article_quads, exactly as
ingest maps real ones; the entities graph is built by kg.linking.link over them (its time is printed: it is part of
every ingest). Each query runs once to warm up, then ``--runs`` times; the median is reported. Queries that read the
whole store by design (counts, per-graph totals, the full claims listing, the linking and contradiction inputs) are
labelled ``aggregate`` and only report their time; every other one should answer in under 100 ms.
``kg.claims.list_claims(by=...)`` is timed for a surname and for a large answer (``LARGE_ANSWER_BY``), with its
time per returned claim.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.namespaces import ENTITIES_GRAPH, article_iri
from kg.rdf import article_quads
from kg.types import Article, Claim, Extraction, Mention, Quantity, Span

TARGET_MS = 100.0
#: Queries that read every article, claim or mention by design: their time grows with the store.
AGGREGATES = frozenset({"stats", "graphs", "entities", "claims", "claimants", "articles", "contradictions/numeric",
                        "contradictions/polarity", "contradictions/blame", "linking/mentions", "linking/events"})

COUNTRIES = ("Armenia", "Azerbaijan", "Turkey", "Russia", "Georgia", "Iran", "France", "Ukraine")
DEMONYMS = {"Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Turkey": "Turkish", "Russia": "Russian",
            "Georgia": "Georgian", "Iran": "Iranian", "France": "French", "Ukraine": "Ukrainian"}
FIRST = ("Anna", "David", "Elena", "Farid", "Gor", "Hasan", "Irina", "Jamal", "Karen", "Leyla", "Mikhail", "Nina",
         "Oleg", "Parviz", "Ruben", "Sona", "Tigran", "Ulviyya", "Vusal", "Zara")
LAST = ("Petrosyan", "Aliyev", "Kaya", "Ivanov", "Beridze", "Rahimi", "Martin", "Kovalenko", "Grigoryan",
        "Mammadov", "Demir", "Smirnov", "Kapanadze", "Karimi", "Bernard", "Shevchenko", "Sargsyan", "Huseynov")
ROLES = ("Foreign Minister", "Defence Minister", "spokesman", "President", "Prime Minister", "ambassador")
PUBLISHERS = ("Reuters", "AP", "AFP", "BBC News", "Al Jazeera", "Arab News", "Eurasianet", "Hurriyet", "TASS",
              "Armenpress")
CUES = (("said", "assert"), ("told reporters", "assert"), ("claimed", "assert"), ("denied", "deny"),
        ("accused", "accuse"), ("condemned", "condemn"), ("warned", "warn"), ("demanded", "demand"))
PLACES = ("Shusha", "Lachin", "Stepanakert", "Tavush", "Jermuk", "Ganja", "Tbilisi", "Kars", "Goris", "Agdam")
ACTS = ("shelled civilian areas", "violated the ceasefire", "launched drone strikes", "attacked border posts",
        "mounted an offensive", "blocked the corridor", "detained aid workers", "fired on a convoy")
MEASURES = (("deaths", "people were killed"), ("injuries", "people were wounded"),
            ("displaced", "people were displaced"), ("arrests", "protesters were arrested"))
QUALIFIERS = ((None, True, True), ("more than", False, False), ("at least", True, False), ("nearly", True, False))


class TextBuilder:
    """Appends fragments to an article text and hands back their character spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, fragment: str) -> Span:
        start = self.length
        self.parts.append(fragment)
        self.length += len(fragment)
        return Span(start, self.length)

    def text(self) -> str:
        return "".join(self.parts)


#: Up to this many articles the world's names are FIRST x LAST and PLACES; past it, more surnames and more places
#: named in passing, in proportion, so that each name is as common at 10M triples as at 1M (as in a year of real
#: news: more articles, more people). With 18 surnames and 10 places for every size, linking a 10M-triple store did
#: not end in 40 minutes: each surname's and each bare place name's entities and role lists grow with the store, and
#: the resolver compares a new mention with all of them (kg/resolve/entities.py, Resolver._link_person).
NAMES_SCALE_AFTER = 1700
SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ve", "su", "ne", "di", "ba", "go", "ri", "za", "pe", "hu", "mo")


def synthetic_names(count: int, endings: tuple[str, ...], skip: int) -> list[str]:
    """``count`` made-up names of two syllables and an ending (the ``skip`` first of the sequence left out)."""
    names = []
    for number in range(skip, skip + count):
        first, second = divmod(number, len(SYLLABLES))
        stem = SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second % len(SYLLABLES)]
        names.append((stem + endings[(number // len(SYLLABLES) ** 2) % len(endings)]).capitalize())
    return names


class World:
    """The people, events and propositions synthetic articles talk about; sizes grow with the article count."""

    def __init__(self, articles: int, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        scale = max(1.0, articles / NAMES_SCALE_AFTER)
        surnames = list(LAST) + synthetic_names(round(len(LAST) * (scale - 1)), ("yan", "ov", "dze", "li"), 0)
        self.places = list(PLACES) + synthetic_names(round(len(PLACES) * (scale - 1)), ("ta", "vir", "shen"), 0)
        self.people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES), rng.choice(COUNTRIES))
                       for _ in range(max(40, articles // 4))]
        if len(surnames) > len(LAST):  # the same draws as below the scale, each surname then spread over the pool
            self.people = [(f"{name.split()[0]} {surnames[(index * 7919) % len(surnames)]}", role, country)
                           for index, (name, role, country) in enumerate(self.people)]
        # distinct measured events: a few per year and place, so (measure, event) blocks stay small
        self.events = [((f"the {rng.choice(('clashes', 'fighting', 'attack', 'bombing'))} in "
                         f"{rng.choice(PLACES)} in {year}"), str(year))
                       for year in range(1990, 2025) for _ in range(max(1, articles // 120))]
        self.propositions = [f"{DEMONYMS[rng.choice(COUNTRIES)]} forces {rng.choice(ACTS)} near {rng.choice(PLACES)}"
                             for _ in range(max(30, articles // 3))]


def synthetic_extraction(index: int, world: World, claims_per_article: int = 10) -> Extraction:
    """One article with ``claims_per_article`` claims: attributed ones (with cues, sometimes quotes and an "about")
    and quantity claims, roughly the mix real news gives (a third are figures)."""
    rng = world.rng
    publisher = rng.choice(PUBLISHERS)
    year = rng.randint(2015, 2024)
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    out = TextBuilder()
    title = f"Report {index}: tensions rise near {rng.choice(PLACES)}"
    out.add(f"{rng.choice(PLACES).upper()}: ")
    claims: list[Claim] = []
    mentions: list[Mention] = []
    for number in range(claims_per_article):
        sentence_start = out.length
        if number % 3 == 2:
            measure, phrase = rng.choice(MEASURES)
            event, event_year = rng.choice(world.events)
            qualifier, low_inclusive, high_inclusive = rng.choice(QUALIFIERS)
            value = rng.choice((12, 19, 35, 48, 120, 200, 350, 1000, 2500, 6700))
            figure = out.add(f"{qualifier + ' ' if qualifier else ''}{value:,}")
            out.add(f" {phrase} in ")
            event_span = out.add(event)
            out.add(". ")
            sentence = Span(sentence_start, out.length - 1)
            low = float(value)
            high = float(value) if qualifier is None else (None if qualifier != "nearly" else float(value))
            if qualifier == "nearly":
                low = value * 0.9
            quantity = Quantity(measure=measure, low=low, high=high, low_inclusive=low_inclusive,
                                high_inclusive=high_inclusive, span=figure, qualifier=qualifier, counted="people",
                                point=float(value), event=event, event_span=event_span, event_time=event_year)
            narrator = Mention(name=publisher, kind="narrator", span=None)
            claims.append(Claim(claimant=narrator, stance="assert", content=(Span(figure.start, sentence.end),),
                                sentence=sentence, narrator=True, confidence=0.7, quantity=quantity,
                                extractor="quantities"))
            continue
        name, role, country = rng.choice(world.people)
        cue_text, stance = rng.choice(CUES)
        proposition = rng.choice(world.propositions)
        quoted = rng.random() < 0.3
        if quoted:
            out.add("\u201c")
            content = out.add(proposition[0].upper() + proposition[1:])
            out.add(",\u201d ")
            speaker = out.add(name)
            out.add(f", {country}'s {role}, ")
            cue = out.add(cue_text)
        else:
            speaker = out.add(name)
            out.add(" ")
            cue = out.add(cue_text)
            out.add(" that ")
            content = out.add(proposition)
        out.add(". ")
        sentence = Span(sentence_start, out.length - 1)
        about: tuple[Mention, ...] = ()
        if stance in ("accuse", "condemn"):
            target = rng.choice(COUNTRIES)
            out.add(f"It named {target}. ")
            about = (Mention(name=target, kind="country", span=Span(out.length - len(target) - 2,
                                                                      out.length - 2)),)
        claimant = Mention(name=name, kind="person", span=speaker, role=role, affiliation=country)
        claims.append(Claim(claimant=claimant, stance=stance, content=(content,), sentence=sentence, cue=cue,
                            direct_quote=quoted, confidence=round(rng.uniform(0.5, 0.95), 3), about=about,
                            extractor="attribution-rules"))
        if rng.random() < 0.3:
            place = rng.choice(PLACES)
            if len(world.places) > len(PLACES):  # the same draw, spread over the larger world's places
                place = world.places[rng.randrange(len(world.places))]
            where = out.add(place)
            out.add(" was mentioned too. ")
            mentions.append(Mention(name=place, kind="unknown", span=where))
    text = out.text()
    article = Article(text=text, origin=f"synthetic/{index}.txt", title=title, published=published,
                      date_source="metadata", publisher=publisher)
    return Extraction(article=article, claims=tuple(claims), mentions=tuple(mentions))


def build_store(location: str, triples: int, seed: int = 7,
                log: Callable[[str], None] = lambda message: None,
                articles: int | None = None, key: str | None = None) -> tuple[Any, dict[str, Any]]:
    """A kg Store of about ``triples`` quads of synthetic articles plus the entities graph (or of ``articles``
    articles, whatever their quads); returns it and facts. With ``key`` (the extraction fingerprint) linking keeps
    its state beside the store, as ingest links, so the next ``kg ingest`` links only what it adds."""
    from kg.linking import link
    from kg.resources import resource
    from kg.store import Store, load_ontology

    if articles is None:
        sample = article_quads(synthetic_extraction(0, World(100, seed)), extractor_version="bench")
        articles = max(1, round(triples / len(sample)))
    world = World(articles, seed)
    raw = ox.Store(location)
    start = time.perf_counter()
    batch: list[ox.Quad] = []
    article_iris: list[str] = []
    claims = 0
    for index in range(articles):
        extraction = synthetic_extraction(index, world)
        claims += len(extraction.claims)
        article_iris.append(article_iri(extraction.article.content_hash))
        batch += article_quads(extraction, extractor_version="claimgraph/bench")
        if len(batch) > 200_000:
            raw.bulk_extend(batch)
            batch = []
    raw.bulk_extend(batch)
    map_seconds = time.perf_counter() - start
    del raw
    store = Store(location)
    load_ontology(store, resource("ontology", "claims.ttl"))
    log(f"{articles} articles, {claims} claims mapped and loaded in {map_seconds:.1f} s; linking ...")
    start = time.perf_counter()
    link(store, key=key)
    link_seconds = time.perf_counter() - start
    facts = {"articles": articles, "claims": claims, "triples": store.triple_count(),
             "entities_triples": store.triple_count(ENTITIES_GRAPH), "build_seconds": round(map_seconds, 1),
             "link_seconds": round(link_seconds, 1), "sample_article": article_iris[len(article_iris) // 2],
             "sample_person": world.people[0][0]}
    return store, facts


def parameters(name: str, facts: dict[str, Any]) -> dict[str, Any]:
    """Values for the parameters a query's "# Parameters:" header names: the article IRI for ``article``, the
    sample person's surname for the ``by`` of claims_by (as ``kg claims --by`` binds it), and "" (no filter, as
    kg.claims binds them) for the optional string filters of claims.rq."""
    from kg.queries import load_named

    header = next((line for line in load_named(name).splitlines() if line.startswith("# Parameters:")), "")
    found: dict[str, Any] = {}
    for variable in re.findall(r"\b([a-z]+) \(", header.split(":", 1)[-1]):
        if variable == "article":
            found[variable] = ox.NamedNode(facts["sample_article"])
        elif name == "claims_by" and variable == "by":
            found[variable] = facts["sample_person"].split()[-1]
        else:
            found[variable] = ""
    return found


#: ``list_claims(by=...)`` is timed for the sample person's surname (several hundred claims) and for this fragment of
#: three of the LAST surnames (about 2,000 claims at 1M triples): with more than about 1,000 candidate claims,
#: Oxigraph's planner once started from every claim in the store (7 ms a claim instead of 0.7; issue 8).
LARGE_ANSWER_BY = "yan"

#: A query whose warm-up run takes longer than this is not repeated: its one time is reported.
REPEAT_LIMIT_SECONDS = 5.0


def median_ms(function: Callable[[], Any], runs: int) -> tuple[float, int]:
    """Median wall time in ms over ``runs`` calls after one warm-up call, and the size of the answer."""
    start = time.perf_counter()
    answer = function()
    warm_up = time.perf_counter() - start
    size = len(answer) if hasattr(answer, "__len__") else 0
    if warm_up > REPEAT_LIMIT_SECONDS:
        return warm_up * 1000, size
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="approximate store size (default 1M)")
    parser.add_argument("--articles", type=int, default=None,
                        help="build this many articles instead (overrides --triples)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median reported)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip", default="", help="comma-separated query names not to run (list_claims: the "
                        "kg.claims.list_claims timing); for queries too slow to wait for at this size")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR (a new folder) and keep it, to time "
                        "kg commands against it with --store DIR")
    args = parser.parse_args(argv)
    skip = {name for name in args.skip.split(",") if name}

    from kg.claims import list_claims
    from kg.queries import query_names

    def log(message: str) -> None:
        if not args.json:
            print(message, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-bench-queries-") as tmp:
        location = args.keep or str(Path(tmp) / "store")
        store, facts = build_store(location, args.triples, args.seed, log, args.articles)
        log(f"store: {facts['triples']:,} triples ({facts['entities_triples']:,} in the entities graph), "
            f"kg.linking.link took {facts['link_seconds']} s")
        results: dict[str, dict[str, Any]] = {}
        for name in query_names():
            from kg.queries import load_named

            if name in skip:
                results[name] = {"median_ms": None, "rows": None, "aggregate": name in AGGREGATES, "ok": None,
                                 "parameters": [], "skipped": True}
                continue
            text = load_named(name)
            bindings = parameters(name, facts)
            milliseconds, rows = median_ms(lambda text=text, bindings=bindings: store.select(text, bindings or None),
                                           args.runs)
            aggregate = name in AGGREGATES
            results[name] = {"median_ms": round(milliseconds, 1), "rows": rows, "aggregate": aggregate,
                             "ok": aggregate or milliseconds < TARGET_MS, "parameters": sorted(bindings)}
            log(f"  {name:28} {milliseconds:9.1f} ms  {rows:7} rows  {'aggregate' if aggregate else ''}")
        if "list_claims" not in skip:
            surname = facts["sample_person"].split()[-1]
            for by, large in ((surname, False), (LARGE_ANSWER_BY, True)):
                milliseconds, rows = median_ms(lambda by=by: list_claims(store, by=by), args.runs)
                per_claim = round(milliseconds / rows, 3) if rows else None
                # a large answer has no latency target: its time per claim is what to compare
                results[f"list_claims(by={by!r})"] = {"median_ms": round(milliseconds, 1), "rows": rows,
                                                      "aggregate": False,
                                                      "ok": None if large else milliseconds < TARGET_MS,
                                                      "ms_per_claim": per_claim, "parameters": ["by"]}
                log(f"  list_claims(by={by!r}) {milliseconds:9.1f} ms  {rows:7} rows  {per_claim} ms per claim")
        store.close()
    report = {"store": facts, "target_ms": TARGET_MS, "runs": args.runs, "queries": results,
              "slow": sorted(name for name, result in results.items() if result["ok"] is False),
              "skipped": sorted(name for name, result in results.items() if result.get("skipped"))}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{facts['triples']:,} triples, {facts['articles']:,} articles, {facts['claims']:,} claims; "
              f"median of {args.runs} runs")
        for name, result in results.items():
            if result.get("skipped"):
                print(f"  {name:34} skipped (--skip)")
                continue
            if result["aggregate"]:
                label = "aggregate (whole store)"
            elif result["ok"] is None:
                label = "large answer"
            else:
                label = "OK" if result["ok"] else f"SLOW (target < {TARGET_MS:.0f} ms)"
            if result.get("ms_per_claim") is not None:
                label += f", {result['ms_per_claim']} ms per claim"
            print(f"  {name:34} {result['median_ms']:9.1f} ms  {result['rows']:7} rows  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
