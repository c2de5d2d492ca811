"""Read claims back out of the store, shaped as the JSON contract of DESIGN.md section 4.

The query lives in ``queries/claims.rq``; filter values reach it only as bound RDF terms (Store.select bindings),
so no user text is ever pasted into SPARQL. With ``by``, ``queries/claims_by.rq`` first finds the candidate claims
from the names that match (a few, in a large store), and claims.rq reads only those: its cost grows with the claims
it returns, not with the store.

Listings page: ``queries/claim_order.rq`` and ``queries/article_dates.rq`` give the order (source date, source,
position in the text, claim) cheaply, a batch of articles at a time, and claims.rq reads only the claims of the page,
a chunk at a time (bound with a VALUES block, kg.queries.bind_list). A first page reads the first few articles, not
the store; the whole listing streams (:func:`iter_claims`) without holding it all.

Each article also keeps its claims' records (:mod:`kg.listing`), in the embedded store and in a remote one that kg
wrote: the listing, its ``about``, ``stance`` and ``kind`` filters and the claims of ``ids`` read those (one
statement per article, names from the entities graph) instead of claims.rq, with the same result; ``by`` and an
article without records go through claims.rq.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg import listing
from kg.counts import stored_entries
from kg.errors import QueryError
from kg.namespaces import MEASURES, STANCES, kind_of_class, measure_iri
from kg.queries import bind_list, load_named
from kg.store import Store

CLAIM_KINDS = ("attributed", "quantity")

_MEASURE_OF_IRI = {measure_iri(measure): measure for measure in MEASURES}


def _number(value: Any) -> int | float | None:
    """A bound as JSON wants it: 5600 rather than 5600.0, None when unbounded."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _local_lower(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1].lower()


def _claim(row: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    """A claims.rq row as a claim object; ``source`` is its article's article_sources.rq row (empty when unknown):
    its headline and publisher."""
    sentence_start, start, end = row["sentenceStart"], row["contentStart"], row["contentEnd"]
    highlight = None
    if sentence_start is not None and start is not None and end is not None:
        highlight = [int(start) - int(sentence_start), int(end) - int(sentence_start)]
    claim: dict[str, Any] = {
        "id": row["claim"],
        "claimant": row["entityName"] or row["agentName"] or row["writtenName"],
        "role": row["role"] or row["entityRole"],
        "affiliation": row["affiliation"] or row["entityAffiliation"],
        "claimant_kind": kind_of_class(row["entityType"] or row["agentType"]),
        "stance": _local_lower(row["stanceNode"]),
        "cue": row["cue"],
        "text": row["content"],
        "sentence": row["sentence"],
        "highlight": highlight,
        "direct_quote": bool(row["directQuote"]),
        "narrator": bool(row["narrator"]),
        "confidence": row["confidence"],
        "source": {
            "id": row["article"],
            "title": source.get("headline"),
            "publisher": source.get("publisher"),
            "published": row["published"],
        },
    }
    if row["measureNode"] is not None:
        claim["value"] = {
            "measure": _MEASURE_OF_IRI.get(row["measureNode"], _local_lower(row["measureNode"])),
            "low": _number(row["low"]),
            "low_inclusive": bool(row["lowInclusive"]),
            "high": _number(row["high"]),
            "high_inclusive": bool(row["highInclusive"]),
            "text": row["figure"],
            "qualifier": row["qualifier"],
            "counted": row["counted"],
            "unit": row["unit"],
            "event": row["event"],
            "event_label": row["entityEventLabel"] or row["eventLabel"] or row["eventPhrase"],
            "currency": row["currency"],
            "scope": _local_lower(row["scope"]),
            "subject": row["subject"],
            "change": row["change"],
            "change_from": _number(row["changeFrom"]),
            "alternatives": _alternatives(row["alternatives"]),
        }
    return claim


def _alternatives(packed: str | None) -> list[dict[str, Any]]:
    """The conversions claims.rq packs one per line ("start<TAB>USD<TAB>low<TAB>high<TAB>$91m"), in text order."""
    rows = [(line.split("\t") + [""] * 5)[:5] for line in (packed or "").splitlines() if line]
    rows.sort(key=lambda fields: int(fields[0]) if fields[0].isdigit() else 0)
    return [{"currency": currency or None, "low": _number(low or None), "high": _number(high or None),
             "text": text or None} for _, currency, low, high, text in rows]


#: The most claims one read of claims.rq takes: its planning costs about as much as reading 50 claims, so larger
#: reads amortise it (0.7 ms a claim at 2,000, 0.9 at 200, 1.5 at 50 on the 1M-triple bench store). Reads start at
#: the page's size (FIRST_READ without a limit, so that a stream starts at once) and double up to this.
READ_CHUNK = 2000
FIRST_READ = 200
#: Articles whose claim order one read of claim_order.rq takes first; each later read takes twice as many, up to
#: MAX_ARTICLE_BATCH: a first page needs a few articles, a stream needs them all.
FIRST_ARTICLE_BATCH = 8
MAX_ARTICLE_BATCH = 256


def _dates(store: Store, articles: Iterable[str] | None = None) -> dict[str, str | None]:
    """Each article's date as claims.rq reads it (queries/article_dates.rq): of ``articles``, or of every article."""
    query = load_named("article_dates")
    if articles is not None:
        query = bind_list(query, "article", [ox.NamedNode(article) for article in articles])
    dates: dict[str, str | None] = {}
    for row in store.select(query):
        dates.setdefault(row["article"], row["published"])
    return dates


def _sources(store: Store, articles: set[str]) -> dict[str, dict[str, Any]]:
    """Headline and publisher of each of ``articles`` (queries/article_sources.rq), read once per article."""
    if not articles:
        return {}
    query = bind_list(load_named("article_sources"), "article", [ox.NamedNode(article) for article in sorted(articles)])
    return {row["article"]: row for row in store.select(query)}


def _place(published: str | None, article: str, start: int | None, claim: str) -> tuple[str, str, int, str]:
    """Where a claim stands in the listing: source date, source, position in the text, claim IRI."""
    return (published or "", article, -1 if start is None else int(start), claim)


def _ordered(rows: Iterable[dict[str, Any]], dates: dict[str, str | None]) -> list[str]:
    """The claims of claim_order.rq rows in listing order."""
    return [row["claim"] for row in sorted(rows, key=lambda row: _place(dates.get(row["article"]), row["article"],
                                                                         row["start"], row["claim"]))]


def _claims_in_order(store: Store, candidates: Iterable[str] | None) -> Iterator[str]:
    """Claim IRIs in listing order: of ``candidates`` (ordered at once), else of every article, walked a batch of
    articles at a time in date order so that a first page reads only the first few articles."""
    order = load_named("claim_order")
    if candidates is not None:
        rows = store.select(bind_list(order, "claim", [ox.NamedNode(claim) for claim in candidates]))
        yield from _ordered(rows, _dates(store, {row["article"] for row in rows}))
        return
    dates = _dates(store)
    articles = sorted(dates, key=lambda article: (dates[article] or "", article))
    for chosen in _chunks(iter(articles), FIRST_ARTICLE_BATCH, MAX_ARTICLE_BATCH):
        yield from _ordered(store.select(bind_list(order, "article", [ox.NamedNode(a) for a in chosen])), dates)


def _chunks(items: Iterator[str], first: int, most: int) -> Iterator[list[str]]:
    """``items`` in lists of ``first`` items, then each twice as long as the last, up to ``most``."""
    size = first
    chunk = list(itertools.islice(items, size))
    while chunk:
        yield chunk
        size = min(2 * size, most)
        chunk = list(itertools.islice(items, size))


def iter_claims(store: Store, *, by: str | None = None, about: str | None = None, stance: str | None = None,
                kind: str | None = None, ids: Iterable[str] | None = None, offset: int = 0,
                limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The claims :func:`list_claims` returns, one at a time, read a chunk at a time: the first ``limit`` (all when
    None) after skipping ``offset``. The order is the listing's, so consecutive pages add up to the whole listing.

    A page reads the stored records of the articles up to it (:mod:`kg.listing`), or, without them, orders the
    articles before it and reads its own claims through claims.rq (with filters, the claims before the page too).
    Raises QueryError for a negative offset or limit, an unknown stance or kind.
    """
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError(f"offset and limit must be 0 or more (got offset {offset}, limit {limit})")
    if stance is not None and stance.lower() not in STANCES:
        raise QueryError(f"unknown stance {stance!r}; use one of: {', '.join(STANCES)}")
    if kind is not None and kind not in CLAIM_KINDS:
        raise QueryError(f"unknown claim kind {kind!r}; use one of: {', '.join(CLAIM_KINDS)}")
    if limit == 0:
        return
    # "" means "no filter" in claims.rq; binding every parameter keeps the query plan the same for all calls.
    bindings = {"by": by or "", "about": about or "", "stance": stance or "", "kind": kind or ""}
    candidates: Iterable[str] | None = None
    if ids is not None:
        candidates = set(ids)
    elif by:
        # claims.rq still applies the by filter: the candidates only narrow what it reads
        candidates = {row["claim"] for row in store.select(load_named("claims_by"), {"by": by})}
    if candidates is not None and not candidates:
        return
    if candidates is None and store.keeps_listings:
        yield from _listed(store, bindings, about, stance, kind, offset, limit)
        return
    if ids is not None and not by and store.keeps_listings:
        rows = _chosen(store, candidates, bindings, about, stance, kind)
        yield from itertools.islice(rows, offset, None if limit is None else offset + limit)
        return
    query = load_named("claims")
    if candidates is not None and limit is None and not offset:
        # all of a few claims: cheaper read in one go and sorted here than ordered first (0.66 s CPU instead of 0.80 for
        # the 752 claims of list_claims(by="Beridze") on the 1M-triple bench store)
        rows = store.select(only_claims(query, candidates), bindings)
        sources = _sources(store, {row["article"] for row in rows})
        rows.sort(key=lambda row: _place(row["published"], row["article"], row["contentStart"], row["claim"]))
        yield from (_claim(row, sources.get(row["article"], {})) for row in rows)
        return
    order = _claims_in_order(store, candidates)
    filtered = bool(by or about or stance or kind)
    skip = offset if filtered else 0
    if not filtered:  # every claim in the order is listed: the page's ids are known without reading any claim
        order = itertools.islice(order, offset, None)
    wanted = limit
    first = FIRST_READ if limit is None else min(READ_CHUNK, max(limit + skip, 1))
    for chunk in _chunks(order, first, READ_CHUNK):
        found = {row["claim"]: row for row in store.select(only_claims(query, chunk), bindings)}
        sources = _sources(store, {row["article"] for row in found.values()})
        for claim in chunk:
            if claim not in found:
                continue
            if skip:
                skip -= 1
                continue
            yield _claim(found[claim], sources.get(found[claim]["article"], {}))
            if wanted is not None:
                wanted -= 1
                if wanted == 0:
                    return


def _passes(record: dict[str, Any], about: str | None, stance: str | None, kind: str | None) -> bool:
    """Whether a listing record passes the about, stance and kind filters as claims.rq applies them."""
    if about and about.lower() not in record["content"].lower() \
            and about.lower() not in (record["sentence"] or "").lower():
        return False
    if stance and record["stanceNode"].rsplit("#", 1)[-1].lower() != stance.lower():
        return False
    if kind == "quantity":
        return record["measureNode"] is not None
    if kind == "attributed":
        return record["measureNode"] is None and not record["narrator"]
    return True


def _listed(store: Store, bindings: dict[str, str], about: str | None, stance: str | None, kind: str | None,
            offset: int, limit: int | None) -> Iterator[dict[str, Any]]:
    """The listing without ``by`` or ``ids``, a batch of articles at a time in date order: each article's
    stored records (kg/listing.py: one statement per article) with the entities graph's names, or, for an article
    without records of this version, its claims through claims.rq. The same claims in the same order as claims.rq
    gives (tests/test_listing.py)."""
    dates = _dates(store)
    articles = sorted(dates, key=lambda article: (dates[article] or "", article))
    order, query = load_named("claim_order"), load_named("claims")
    skip, wanted = offset, limit
    names = listing.Names(store)
    for chosen in _chunks(iter(articles), FIRST_ARTICLE_BATCH, MAX_ARTICLE_BATCH):
        stored = listing.stored(store, chosen)
        rows: list[dict[str, Any]] = [record for article in chosen for record in stored.get(article, ())
                                      if _passes(record, about, stance, kind)]
        missing = [ox.NamedNode(article) for article in chosen if article not in stored]
        if missing:
            claims = [row["claim"] for row in store.select(bind_list(order, "article", missing))]
            for chunk in _chunks(iter(claims), READ_CHUNK, READ_CHUNK):
                rows += store.select(only_claims(query, chunk), bindings)
        rows.sort(key=lambda row: _place(dates.get(row["article"]), row["article"], row["contentStart"],
                                         row["claim"]))
        if skip >= len(rows):
            skip -= len(rows)
            continue
        rows, skip = rows[skip:], 0
        if wanted is not None:
            rows = rows[:wanted]
        yield from _shaped(store, rows, names)
        if wanted is not None:
            wanted -= len(rows)
            if wanted == 0:
                return


def _chosen(store: Store, claims: Iterable[str], bindings: dict[str, str], about: str | None, stance: str | None,
            kind: str | None) -> Iterator[dict[str, Any]]:
    """``claims`` (the report's sides) in listing order: from their articles' stored records (kg/listing.py), or
    through claims.rq where an article has none."""
    wanted = set(claims)
    articles = store.articles_of(wanted)
    stored = listing.stored(store, set(articles.values()))
    rows: list[dict[str, Any]] = [record for article in stored for record in stored[article]
                                  if record["claim"] in wanted and _passes(record, about, stance, kind)]
    rest = [claim for claim in wanted if articles.get(claim) not in stored]
    for chunk in _chunks(iter(sorted(rest)), READ_CHUNK, READ_CHUNK):
        rows += store.select(only_claims(load_named("claims"), chunk), bindings)
    rows.sort(key=lambda row: _place(row["published"], row["article"], row["contentStart"], row["claim"]))
    yield from _shaped(store, rows, listing.Names(store))


def _shaped(store: Store, rows: list[dict[str, Any]], names: listing.Names) -> Iterator[dict[str, Any]]:
    """Rows of records and of claims.rq, in their order, as claim objects: the names the entities graph gives the
    records, and each article's headline and publisher read once."""
    sources = _sources(store, {row["article"] for row in rows})
    for row in names.resolved(rows):
        yield _claim(row, sources.get(row["article"], {}))


def list_claims(store: Store, *, by: str | None = None, about: str | None = None, stance: str | None = None,
                kind: str | None = None, ids: Iterable[str] | None = None, offset: int = 0,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Claims in the store as JSON-ready dicts, sorted by source date, source and position in the text.

    ``by``: substring of the claimant's name, alias or name as written; ``about``: substring of the content or
    sentence (both case-insensitive); ``stance``: a stance such as "deny"; ``kind``: "attributed" or "quantity";
    ``ids``: only these claims (IRIs), read one by one instead of the whole store (the report's sides);
    ``offset``/``limit``: skip the first ``offset`` claims of that listing and return at most ``limit`` of the rest.
    Raises QueryError for a stance or kind that does not exist (a typo should not look like "no claims"), or a
    negative offset or limit. :func:`iter_claims` gives the same claims one at a time.
    """
    return list(iter_claims(store, by=by, about=about, stance=stance, kind=kind, ids=ids, offset=offset,
                            limit=limit))


def claim_total(store: Store) -> int:
    """How many claims the unfiltered listing holds, counted without reading them: the counts stored with each graph
    (kg.counts), or where a graph has none, queries/stats.rq (counting every graph's quads would cost more)."""
    entries = stored_entries(store)
    graphs = store.graphs()
    if all(entries.get(graph) is not None for graph in graphs):
        return sum(entries[graph]["claims"] for graph in graphs)  # type: ignore[index]
    rows = store.select(load_named("stats"))
    return int(rows[0]["claims"] or 0) if rows else 0


def only_claims(query: str, claims: Iterable[str]) -> str:
    """claims.rq restricted to ``claims`` (IRIs read from the store): ``?claim`` bound to each (kg.queries.bind_list).
    pyoxigraph rejects anything that is not an IRI (ValueError), so nothing but IRIs reaches the query text."""
    return bind_list(query, "claim", [ox.NamedNode(claim) for claim in claims])


__all__ = ["CLAIM_KINDS", "claim_total", "iter_claims", "list_claims", "only_claims"]
