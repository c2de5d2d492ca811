"""Link every article's mentions and measured events to canonical entities and events, in their own graph.

Article graphs stay pure (each depends only on its article), so they can be extracted in parallel and replaced on
their own. Linking reads mention and event phrases back from the store, resolves them with :mod:`kg.resolve` in a
fixed order (publication date, then article IRI; undated articles last) and writes the entities graph:

    ?mention cg:refersTo ?entity .      ?entity a cg:Person ; schema:name ; cg:alias ; cg:role ; owl:sameAs wd:Q..
    ?event   cg:refersTo ?canonical .   ?canonical a cg:Event ; rdfs:label ; cg:eventType ; cg:mergeEvidence ...

Linking is incremental. An on-disk store keeps the resolvers' state beside its data (:data:`STATE_FILE`), with the
articles it covers and the extraction fingerprint it was made under; an ingest that only adds articles resolves
just those, after everything already linked, and rewrites only the entities and events they touched. Work is in
proportion to the new articles, and every entity known before keeps its IRI.

A store behind an HTTP endpoint keeps the state in its default graph instead. A full re-link (every article, in
date order) runs instead when there is no state (a new store, a store in memory, a state from another fingerprint)
or when articles were replaced or removed. The two paths give the same entities graph whenever the new articles
come after the linked ones in that order, as a daily feed does. What can differ, and only then: articles older than
ones already linked (a backfill), or undated articles brought in several ingests, are resolved after the linked
ones instead of among them, so the merges that depend on order can differ from one ingest of everything: which of
two people with one name keeps the plain IRI (the other gets ``-2``), which spelling labels a new person, and
whether a bare surname joins a person through the story an earlier article told. ``kg relink`` re-resolves the
whole store in date order, as one ingest of everything would, and may then change such IRIs.
"""
from __future__ import annotations

import base64
import io
import logging
import os
import pickle
import re
import zlib
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.counts import statement_update
from kg.namespaces import CG, ENTITIES_GRAPH, KIND_CLASSES as _KIND_CLASS, OWL, RDF, RDFS, SCHEMA, WD, mint
from kg.queries import load_named
from kg.rdf import QuadSet
from kg.resolve import EventMention, EventResolver, Gazetteer, Resolver, entity_iri, event_iri, load_gazetteer
from kg.resolve.entities import Entity
from kg.resolve.events import Event
from kg.resolve.names import canonical_role
from kg.store import BaseStore, Store
from kg.types import Mention, Span


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkSummary:
    entities: int
    mentions: int
    events: int
    event_mentions: int
    full: bool = False  # every article was linked again: entity and event IRIs may have changed anywhere


def _read(store: BaseStore, name: str, articles: Iterable[str] | None = None) -> list[dict]:
    """The rows of queries/linking/``name`` for every article, or for ``articles`` only (one query each)."""
    query = load_named(f"linking/{name}")
    if articles is None:
        return store.select(query)
    return [row for article in sorted(articles) for row in store.select(query, {"article": ox.NamedNode(article)})]


_INDEFINITE = re.compile(r"(?i)^(a|an|one|two|three|four|five|several|some|many|other|senior|unnamed)\b")


def _for_resolution(mention: Mention) -> Mention:
    """A definite role ("Azerbaijan's top diplomat") names one person in its article, even where the extractor
    filed it with anonymous sources; indefinite ones ("a senior official") stay anonymous."""
    if mention.kind == "anonymous" and canonical_role(mention.name) and not _INDEFINITE.match(mention.name):
        return replace(mention, kind="unknown")
    return mention


def _mentions_by_article(rows: list[dict]) -> tuple[list[tuple[str, str | None]], dict[str, list[tuple[str, Mention]]]]:
    """The articles in resolution order (with their dates), and each one's mentions in text order."""
    by_article: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    published: dict[str, str | None] = {}
    for row in _mention_rows(rows):
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


def _mention_rows(rows: list[dict]) -> list[dict]:
    """One row per mention, ordered by article, then start (a mention with no span first), then mention: a value
    given twice is read once (the first seen; the earliest start and end), as queries/linking/mentions.rq says."""
    return sorted(_fold(rows, ("article", "mention"), least=("start", "end")),
                  key=lambda row: (row["article"], row["start"] is not None, row["start"] or 0, row["mention"]))


def _event_rows(rows: list[dict]) -> list[dict]:
    """One row per article, event, label and time, with the first sentence and headline seen, in resolution order:
    by date, article, event, then label (the form written mid-sentence first: an event named "Applications" at the
    start of a sentence and "applications" later is labelled "applications") and time, so the order never depends
    on the order the store returns the rows in."""
    rows = _fold(rows, ("article", "published", "event", "label", "time"))
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


class _State:
    """What linking knows between ingests: the two resolvers, the articles they have read, and the fingerprint of
    the extraction that wrote those articles (another one means other mentions: link everything again)."""

    def __init__(self, key: str, gazetteer: Gazetteer) -> None:
        self.key = key
        self.articles: set[str] = set()
        self.resolver = Resolver(gazetteer=gazetteer)
        self.events = EventResolver(gazetteer=gazetteer)
        self.mentions = 0
        self.event_mentions = 0

    def to_bytes(self) -> bytes:
        fields = {"key": self.key, "articles": self.articles, "mentions": self.mentions,
                  "event_mentions": self.event_mentions,
                  "resolver": {name: value for name, value in vars(self.resolver).items()
                               if name not in _RESOLVER_FROM_GAZETTEER},
                  "events": {name: value for name, value in vars(self.events).items()
                             if name not in _EVENTS_FROM_GAZETTEER}}
        return zlib.compress(pickle.dumps((STATE_VERSION, fields), protocol=pickle.HIGHEST_PROTOCOL), 1)

    @classmethod
    def from_bytes(cls, data: bytes, gazetteer: Gazetteer) -> _State:
        version, fields = _StateUnpickler(io.BytesIO(zlib.decompress(data))).load()
        if version != STATE_VERSION:
            raise ValueError(f"state version {version}, expected {STATE_VERSION}")
        state = cls(fields["key"], gazetteer)
        state.articles, state.mentions = fields["articles"], fields["mentions"]
        state.event_mentions = fields["event_mentions"]
        vars(state.resolver).update(fields["resolver"])
        vars(state.events).update(fields["events"])
        return state


#: Where an on-disk store keeps the linking state: a file of claimgraph's in the store's folder, which Oxigraph
#: (RocksDB) leaves alone, so a copy of the folder is a copy of both.
STATE_FILE = "claimgraph-linking.state"
#: Bumped when the state's layout changes; a state of another version is ignored (the store is linked afresh).
STATE_VERSION = 1
#: Resolver attributes that come from the gazetteer: rebuilt on load, not stored.
_RESOLVER_FROM_GAZETTEER = frozenset({"gazetteer", "_gazetteer_by_surname"})
_EVENTS_FROM_GAZETTEER = frozenset({"gazetteer", "_normalize"})


class _StateUnpickler(pickle.Unpickler):
    """Loads claimgraph's own state and nothing else: a state file is data, never a way to run code."""

    _ALLOWED = {("builtins", "set"), ("builtins", "frozenset"), ("datetime", "date")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        if (module.startswith("kg.resolve.") or module in ("kg.types", "kg.dates")) and name.isidentifier():
            found = super().find_class(module, name)
            # Only the classes those modules define: not a function to call, nor a module they import ("os").
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a linking state")


#: Where a store behind HTTP keeps the linking state: a statement of the entities graph's IRI in the store's default
#: graph, the state's bytes in base64 (no export or ``GRAPH ?g`` query sees it, as with kg/counts.py).
_STATE_PREDICATE = ox.NamedNode(CG + "linkingState")


def _state_path(store: BaseStore) -> Path | None:
    """Where an on-disk store keeps its linking state (a store in memory keeps none)."""
    if not isinstance(store, Store) or store.location is None:
        return None
    return Path(store.location) / STATE_FILE


def _read_state(store: BaseStore) -> bytes | None:
    """The stored state's bytes: from the file beside an on-disk store, from the default graph of a store behind
    HTTP; None when there is none (or the store is in memory)."""
    path = _state_path(store)
    if path is not None:
        return path.read_bytes() if path.is_file() else None
    if isinstance(store, Store):
        return None
    rows = store.select(f"SELECT ?state WHERE {{ {ox.NamedNode(ENTITIES_GRAPH)} {_STATE_PREDICATE} ?state }}")
    return base64.b64decode(rows[0]["state"], validate=True) if len(rows) == 1 else None


def _load_state(store: BaseStore, key: str, gazetteer: Gazetteer) -> _State | None:
    try:
        data = _read_state(store)
        state = _State.from_bytes(data, gazetteer) if data is not None else None
    except Exception as error:  # noqa: BLE001 - any damage to the state only means linking everything again
        logger.warning("%s: linking state unreadable (%s); linking the whole store",
                       _state_path(store) or store.location, error)
        return None
    return state if state is not None and state.key == key else None


def _save_state(store: BaseStore, state: _State) -> None:
    """Write the state next to the store, atomically (a crash leaves the old state, and an older state is safe:
    the articles it lacks are linked again, to the same entities); in a store behind HTTP, replace its statement
    in one update, after the entities graph it describes is written."""
    path = _state_path(store)
    if path is not None:
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(state.to_bytes())
        os.replace(partial, path)
    elif not isinstance(store, Store):
        text = ox.Literal(base64.b64encode(state.to_bytes()).decode("ascii"))
        store.update(statement_update(ENTITIES_GRAPH, _STATE_PREDICATE, text))


def article_graphs(store: BaseStore) -> set[str]:
    """The named graphs in ``store`` that hold articles."""
    prefix = mint("article", "")
    return {graph for graph in store.graphs() if graph.startswith(prefix)}


def link(store: BaseStore, *, key: str | None = None, replaced: Collection[str] = (),
         full: bool = False) -> LinkSummary:
    """Resolve the store's mentions and events into the entities graph.

    With ``key`` (the extraction fingerprint), the store's linking state (on disk or behind HTTP) is used and kept:
    only the articles added since it was saved are resolved (see the module docstring). ``replaced`` names articles
    written again since the last link (their mentions may have changed) and ``full`` asks for it: either links
    everything."""
    gazetteer = load_gazetteer()
    stored = article_graphs(store)
    state = None
    if key is not None and not full and not replaced and store.has_graph(ENTITIES_GRAPH):
        state = _load_state(store, key, gazetteer)
    full = state is None or not state.articles <= stored
    if state is not None and not full:
        _link_added(store, state, stored - state.articles)
    else:
        state = _State(key or "", gazetteer)
        _link_all(store, state, stored)
    if key is not None:
        _save_state(store, state)
    return LinkSummary(entities=len(state.resolver.entities), mentions=state.mentions,
                       events=len(state.events.events), event_mentions=state.event_mentions, full=full)


def _link_all(store: BaseStore, state: _State, stored: set[str]) -> None:
    """Resolve every article's mentions and events and replace the entities graph."""
    out = QuadSet(ENTITIES_GRAPH)
    _resolve(state, _read(store, "mentions"), _read(store, "events"), out)
    for entity in state.resolver.entities.values():
        _describe_entity(out, entity, state.resolver)
    for event in state.events.events.values():
        _describe_event(out, event)
    store.replace_graph(ENTITIES_GRAPH, out.to_list())
    state.articles = set(stored)


def _link_added(store: BaseStore, state: _State, added: set[str]) -> None:
    """Resolve the mentions and events of ``added`` articles after those already linked, and rewrite in the
    entities graph only what they touched: their mentions' links and the entities and events these now name."""
    if not added:
        return
    out = QuadSet(ENTITIES_GRAPH)
    touched_entities, touched_events = _resolve(state, _read(store, "mentions", added),
                                                 _read(store, "events", added), out)
    subjects: set[str] = set()
    for entity_id in sorted(touched_entities):
        entity = state.resolver.entities[entity_id]
        subjects |= _describe_entity(out, entity, state.resolver)
    for event_id in sorted(touched_events):
        _describe_event(out, state.events.events[event_id])
        subjects.add(event_iri(event_id))
    store.replace_subjects(ENTITIES_GRAPH, subjects, out.to_list())
    state.articles |= added


def _resolve(state: _State, mention_rows: list[dict], event_rows: list[dict],
             out: QuadSet) -> tuple[set[str], set[str]]:
    """Add the rows' articles to the resolvers in resolution order, writing each mention's and event phrase's
    cg:refersTo to ``out``; returns the entity and event ids they went to."""
    order, by_article = _mentions_by_article(mention_rows)
    touched_entities: set[str] = set()
    for article, published in order:
        pairs = by_article[article]
        mapping = state.resolver.add(article, [mention for _, mention in pairs], published)
        for node, mention in pairs:
            entity_id = mapping.get(mention)
            if entity_id is not None:
                out.add(node, CG + "refersTo", entity_iri(entity_id))
                touched_entities.add(entity_id)
                state.mentions += 1
    touched_events: set[str] = set()
    gazetteer = state.resolver.gazetteer
    for row in _event_rows(event_rows):
        context = " ".join(filter(None, (row.get("sentence"), row.get("headline"))))
        mention = EventMention(phrase=row["label"], article_id=row["article"], event_time=row.get("time"),
                               published=row.get("published"), participants=known_names(context, gazetteer))
        event_id = state.events.add(mention)
        out.add(row["event"], CG + "refersTo", event_iri(event_id))
        touched_events.add(event_id)
        state.event_mentions += 1
    return touched_entities, touched_events


def _describe_entity(out: QuadSet, entity: Entity, resolver: Resolver) -> set[str]:
    """Write ``entity``'s description (and that of a country known only as its affiliation) to ``out``; returns
    the IRIs described."""
    gazetteer = resolver.gazetteer
    iri = entity_iri(entity.id)
    described = {iri}
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
            other = entity_iri(affiliation)
            described.add(other)
            out.add(other, RDF + "type", CG + "Agent")
            out.add(other, RDF + "type", CG + _KIND_CLASS.get(entry.type, "Agent"))
            out.text(other, SCHEMA + "name", entry.name)
            if entry.qid:
                out.add(other, OWL + "sameAs", WD + entry.qid)
    if entity.wikidata:
        out.add(iri, OWL + "sameAs", WD + entity.wikidata)
    return described


def _describe_event(out: QuadSet, event: Event) -> None:
    iri = event_iri(event.id)
    out.add(iri, RDF + "type", CG + "Event")
    out.text(iri, RDFS + "label", event.mentions[0].phrase if event.mentions else event.type)
    out.text(iri, CG + "eventType", event.type)
    if event.time is not None:
        out.text(iri, CG + "time", event.time.label())
    for evidence in event.evidence:
        out.text(iri, CG + "mergeEvidence", "; ".join(evidence))
