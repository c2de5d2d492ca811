"""Link every article's mentions and measured events to canonical entities and events, in their own graph.

Article graphs stay pure (each depends only on its article), so they can be extracted in parallel and replaced on
their own. After each ingest this module reads every mention and event phrase back from the store, resolves them
with :mod:`kg.resolve` in a fixed order (publication date, then article IRI), and replaces the entities graph:

    ?mention cg:refersTo ?entity .      ?entity a cg:Person ; schema:name ; cg:alias ; cg:role ; owl:sameAs wd:Q..
    ?event   cg:refersTo ?canonical .   ?canonical a cg:Event ; rdfs:label ; cg:eventType ; cg:mergeEvidence ...

The same store contents always give the same entities graph, however the articles arrived.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from kg.namespaces import CG, ENTITIES_GRAPH, KIND_CLASSES as _KIND_CLASS, OWL, RDF, RDFS, SCHEMA, WD
from kg.queries import load_named
from kg.rdf import QuadSet
from kg.resolve import EventMention, EventResolver, Gazetteer, Resolver, entity_iri, event_iri, load_gazetteer
from kg.resolve.names import canonical_role
from kg.store import BaseStore
from kg.types import Mention, Span


@dataclass(frozen=True)
class LinkSummary:
    entities: int
    mentions: int
    events: int
    event_mentions: int


def _read(store: BaseStore, name: str) -> list[dict]:
    return store.select(load_named(f"linking/{name}"))


_INDEFINITE = re.compile(r"(?i)^(a|an|one|two|three|four|five|several|some|many|other|senior|unnamed)\b")


def _for_resolution(mention: Mention) -> Mention:
    """A definite role ("Azerbaijan's top diplomat") names one person in its article, even where the extractor
    filed it with anonymous sources; indefinite ones ("a senior official") stay anonymous."""
    if mention.kind == "anonymous" and canonical_role(mention.name) and not _INDEFINITE.match(mention.name):
        return replace(mention, kind="unknown")
    return mention


def _mentions_by_article(store: BaseStore) -> tuple[list[tuple[str, str | None]], dict[str, list[tuple[str, Mention]]]]:
    by_article: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    published: dict[str, str | None] = {}
    for row in _mention_rows(store):
        span = Span(row["start"], row["end"]) if row.get("start") is not None and row.get("end") is not None else None
        mention = _for_resolution(Mention(name=row["name"], kind=row["kind"], span=span, role=row.get("role"),
                                          affiliation=row.get("affiliation")))
        by_article[row["article"]].append((row["mention"], mention))
        published[row["article"]] = row.get("published")
    order = sorted(published.items(), key=lambda item: (_date_order(item[1]), item[0]))
    return order, by_article


def _date_order(published: object) -> str:
    """Articles are resolved oldest first; an undated one after every dated one."""
    return str(published or "9999")


def _mention_rows(store: BaseStore) -> list[dict]:
    """One row per mention, ordered by article, then start (a mention with no span first), then mention: a value
    given twice is read once (the first seen; the earliest start and end), as queries/linking/mentions.rq says."""
    return sorted(_fold(_read(store, "mentions"), ("article", "mention"), least=("start", "end")),
                  key=lambda row: (row["article"], row["start"] is not None, row["start"] or 0, row["mention"]))


def _event_rows(store: BaseStore) -> list[dict]:
    """One row per article, event, label and time, with the first sentence and headline seen, in resolution order:
    by date, article, event, then label (the form written mid-sentence first: an event named "Applications" at the
    start of a sentence and "applications" later is labelled "applications") and time, so the order never depends
    on the order the store returns the rows in."""
    rows = _fold(_read(store, "events"), ("article", "published", "event", "label", "time"))
    return sorted(rows, key=lambda r: (_date_order(r.get("published")), r["article"], r["event"],
                                       r["label"][:1].isupper(), r["label"], str(r.get("time") or "")))


def _fold(rows: list[dict], key: tuple[str, ...], least: tuple[str, ...] = ()) -> list[dict]:
    """Rows that agree on ``key`` as one, in the order first seen: each other column keeps its first bound value,
    or for ``least`` columns the smallest (SPARQL's SAMPLE and MIN over a GROUP BY ``key``)."""
    folded: dict[tuple, dict] = {}
    for row in rows:
        seen = folded.setdefault(tuple(row[name] for name in key), row)
        if seen is row:
            continue
        for name, value in row.items():
            if value is None or name in key:
                continue
            if seen[name] is None or (name in least and value < seen[name]):
                seen[name] = value
    return list(folded.values())


_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")


def known_names(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Countries, places and organisations the gazetteer knows among the capitalised words of ``text``."""
    found: list[str] = []
    for match in _CAPITALISED.finditer(text):
        for name in (match.group(), *match.group().split()):
            bare = re.sub(r"['’]s$", "", name)
            if (gazetteer.country_of(bare) or gazetteer.lookup(bare, ("country", "place", "organization"))) \
                    and bare not in found:
                found.append(bare)
    return tuple(found)


def link(store: BaseStore) -> LinkSummary:
    """Resolve every mention and event in the store and replace the entities graph."""
    gazetteer = load_gazetteer()
    resolver = Resolver(gazetteer=gazetteer)
    out = QuadSet(ENTITIES_GRAPH)
    order, by_article = _mentions_by_article(store)
    mention_count = 0
    for article, published in order:
        pairs = by_article[article]
        mapping = resolver.add(article, [mention for _, mention in pairs], published)
        for node, mention in pairs:
            entity_id = mapping.get(mention)
            if entity_id is not None:
                out.add(node, CG + "refersTo", entity_iri(entity_id))
                mention_count += 1
    for entity in resolver.entities.values():
        iri = entity_iri(entity.id)
        out.add(iri, RDF + "type", CG + "Agent")
        out.add(iri, RDF + "type", CG + _KIND_CLASS.get(entity.kind, "Agent"))
        out.text(iri, SCHEMA + "name", entity.name)
        for alias in sorted(set(entity.aliases) - {entity.name}):
            out.text(iri, CG + "alias", alias)
        for role in sorted({record.role for record in entity.roles if record.role}):
            out.text(iri, CG + "role", role)
        for affiliation in sorted(entity.affiliations):
            if affiliation in resolver.entities or affiliation in gazetteer.entries:
                out.add(iri, CG + "affiliation", entity_iri(affiliation))
            if affiliation in gazetteer.entries and affiliation not in resolver.entities:
                # A country known only as someone's affiliation still needs a name to be shown and matched.
                entry = gazetteer.entries[affiliation]
                out.add(entity_iri(affiliation), RDF + "type", CG + "Agent")
                out.add(entity_iri(affiliation), RDF + "type", CG + _KIND_CLASS.get(entry.type, "Agent"))
                out.text(entity_iri(affiliation), SCHEMA + "name", entry.name)
                if entry.qid:
                    out.add(entity_iri(affiliation), OWL + "sameAs", WD + entry.qid)
        if entity.wikidata:
            out.add(iri, OWL + "sameAs", WD + entity.wikidata)

    events = EventResolver(gazetteer=gazetteer)
    event_count = 0
    for row in _event_rows(store):
        context = " ".join(filter(None, (row.get("sentence"), row.get("headline"))))
        mention = EventMention(phrase=row["label"], article_id=row["article"], event_time=row.get("time"),
                               published=row.get("published"), participants=known_names(context, gazetteer))
        out.add(row["event"], CG + "refersTo", event_iri(events.add(mention)))
        event_count += 1
    for event in events.events.values():
        iri = event_iri(event.id)
        out.add(iri, RDF + "type", CG + "Event")
        out.text(iri, RDFS + "label", event.mentions[0].phrase if event.mentions else event.type)
        out.text(iri, CG + "eventType", event.type)
        if event.time is not None:
            out.text(iri, CG + "time", event.time.label())
        for evidence in event.evidence:
            out.text(iri, CG + "mergeEvidence", "; ".join(evidence))
    store.replace_graph(ENTITIES_GRAPH, out.to_list())
    return LinkSummary(entities=len(resolver.entities), mentions=mention_count, events=len(events.events),
                       event_mentions=event_count)
