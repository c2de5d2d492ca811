"""Each article's claims as `kg claims` lists them, stored with the article so that a listing reads one statement per
article instead of some forty index lookups per claim (issue 20: the full listing streamed 670 claims/s through
queries/claims.rq on a 1.6M-triple store).

Every article graph ``G`` kg writes (to the embedded store, or to a remote one through kg/remote.py) has, beside its
counts (kg/counts.py), one statement in the store's default graph, which no named graph, no export and no ``GRAPH
?g`` query sees::

    <G> cg:claimListing "[{\"claim\": ..., \"content\": ..., \"mention\": ..., ...}, ...]" .

A record holds what claims.rq reads from the claim's own article graph, under claims.rq's names, plus the IRIs
through which the entities graph names the claimant (the claimant mention and the article's agent) and the event
(the article's event node). What linking decides (canonical names, roles, affiliations, types, event labels) is
read from the entities graph when listed (:class:`Names`), so a relink never leaves a record stale. The records
are a function of the article graph alone (:func:`records`), written in the same transaction as the graph (a remote
store: in the update after its PUT, deleted before it); a graph written by anything else (another SPARQL client, an
older kg) has none and is listed through claims.rq (kg/claims.py), as is ``--by``, so records only ever make a
listing faster, never different (tests/test_listing.py compares both ways). Each ingest writes the records an older
store lacks (:func:`complete`).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.counts import statement_update
from kg.namespaces import CG, CONTRADICTIONS_GRAPH, ENTITIES_GRAPH, OA, ONTOLOGY_GRAPH, RDF, RDFS, SCHEMA

if TYPE_CHECKING:  # kg.store builds on this module
    from kg.store import BaseStore

LISTING = ox.NamedNode(CG + "claimListing")
#: Bumped when a record's fields change: a record of another version is not read (its article is listed through
#: claims.rq until it is written again).
VERSION = 2

_TYPE = ox.NamedNode(RDF + "type")
_ARTICLE = ox.NamedNode(CG + "Article")
_CLAIM = ox.NamedNode(CG + "Claim")
_QUANTITY_CLAIM = ox.NamedNode(CG + "QuantityClaim")
_AGENT_TYPES = frozenset(CG + name for name in ("Person", "Organization", "Country", "Group", "AnonymousSource",
                                                "Narrator"))
_REFERS_TO = ox.NamedNode(CG + "refersTo")
_NAME = ox.NamedNode(SCHEMA + "name")
_LABEL = ox.NamedNode(RDFS + "label")
_ROLE = ox.NamedNode(CG + "role")
_AFFILIATION = ox.NamedNode(CG + "affiliation")
#: What the entities graph is asked of a claimant or an event.
_ENTITY_PREDICATES = (_NAME, _LABEL, _ROLE, _AFFILIATION, _TYPE)

#: Record keys read from one value of the claim (claims.rq's SAMPLE), by predicate.
_CLAIM_FIELDS = {"cue": CG + "cue", "directQuote": CG + "isDirectQuote", "narrator": CG + "isNarrator",
                 "confidence": CG + "confidence"}
_QUANTITY_FIELDS = {"low": CG + "lowerBound", "high": CG + "upperBound", "lowInclusive": CG + "lowerInclusive",
                    "highInclusive": CG + "upperInclusive", "qualifier": CG + "qualifier",
                    "counted": CG + "countedNoun", "unit": CG + "unit", "currency": CG + "currency",
                    "scope": CG + "scope", "subject": CG + "subject", "change": CG + "change",
                    "changeFrom": CG + "changeFrom"}


def _value(term: Any) -> Any:
    from kg.store import to_python  # kg.store builds on this module

    return to_python(term)


class _Graph:
    """One article graph's quads by subject and predicate."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.facts: defaultdict[Any, defaultdict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for quad in quads:
            self.facts[quad.subject][quad.predicate.value].append(quad.object)

    def one(self, subject: Any, predicate: str) -> Any:
        """One value of ``predicate`` (the smallest, for a stable choice where claims.rq samples), or None."""
        values = self.facts.get(subject, {}).get(predicate) if subject is not None else None
        if not values:
            return None
        return min(values, key=str)

    def all(self, subject: Any, predicate: str) -> list[Any]:
        return list(self.facts.get(subject, {}).get(predicate, ())) if subject is not None else []


def records(quads: Iterable[ox.Quad]) -> list[dict[str, Any]] | None:
    """The listing records of one article graph's quads, in no particular order; None for a graph that holds no
    article (the entities, contradictions and ontology graphs)."""
    quads = list(quads)
    if not any(quad.predicate == _TYPE and quad.object == _ARTICLE for quad in quads):
        return None
    graph = _Graph(quads)
    found = []
    for subject, facts in graph.facts.items():
        if _CLAIM not in facts.get(_TYPE.value, ()):
            continue
        record = _record(graph, subject)
        if record is not None:
            found.append(record)
    return sorted(found, key=lambda record: record["claim"])


def _record(graph: _Graph, claim: Any) -> dict[str, Any] | None:
    article, agent = graph.one(claim, CG + "reportedIn"), graph.one(claim, CG + "claimant")
    stance, content = graph.one(claim, CG + "stance"), graph.one(claim, CG + "content")
    if article is None or agent is None or stance is None or content is None:
        return None  # claims.rq lists only claims with all four
    record: dict[str, Any] = {"claim": claim.value, "article": article.value, "stanceNode": stance.value,
                              "content": _value(content), "agent": agent.value}
    for key, predicate in _CLAIM_FIELDS.items():
        record[key] = _value(graph.one(claim, predicate))
    sentence = graph.one(claim, CG + "sentenceEvidence")
    record["sentence"] = _value(graph.one(sentence, OA + "exact"))
    record["sentenceStart"] = _value(graph.one(sentence, OA + "start"))
    parts = graph.all(claim, CG + "contentEvidence")
    starts = [_value(graph.one(part, OA + "start")) for part in parts]
    ends = [_value(graph.one(part, OA + "end")) for part in parts]
    record["contentStart"] = min((s for s in starts if s is not None), default=None)
    record["contentEnd"] = max((e for e in ends if e is not None), default=None)
    published = graph.one(article, SCHEMA + "datePublished")
    record["published"] = None if published is None else published.value  # as written: claims.rq reads its STR
    mention = graph.one(claim, CG + "claimantMention")
    record["mention"] = mention.value if mention is not None else None
    record["writtenName"] = _value(graph.one(mention, CG + "writtenName"))
    record["role"] = _value(graph.one(mention, CG + "role"))
    record["affiliation"] = _value(graph.one(mention, CG + "affiliation"))
    # an agent IRI two names share (a claimant and the publisher whose names slug alike: "Ò" and "O") has both: the
    # one this claim's mention writes is its name here (claims.rq samples one of them)
    names = sorted(_value(name) for name in graph.all(agent, SCHEMA + "name"))
    record["agentName"] = record["writtenName"] if record["writtenName"] in names else next(iter(names), None)
    types = sorted(t.value for t in graph.all(agent, _TYPE.value) if t.value in _AGENT_TYPES)
    record["agentType"] = types[0] if types else None
    measure = graph.one(claim, CG + "measure")
    record.update(dict.fromkeys(("measureNode", "articleEvent", "alternatives", "figure", "eventPhrase",
                                 "eventLabel", *_QUANTITY_FIELDS)))
    if measure is not None and _QUANTITY_CLAIM in graph.all(claim, _TYPE.value):
        record["measureNode"] = measure.value
        for key, predicate in _QUANTITY_FIELDS.items():
            record[key] = _value(graph.one(claim, predicate))
        record["alternatives"] = "\n".join(sorted({_alternative(graph, amount)
                                                   for amount in graph.all(claim, CG + "alternative")})) or None
        record["figure"] = _value(graph.one(graph.one(claim, CG + "quantityEvidence"), OA + "exact"))
        record["eventPhrase"] = _value(graph.one(graph.one(claim, CG + "eventEvidence"), OA + "exact"))
        event = graph.one(claim, CG + "measuredEvent")
        if event is not None:
            record["articleEvent"] = event.value
            record["eventLabel"] = _value(graph.one(event, _LABEL.value))
    return record


def _alternative(graph: _Graph, amount: Any) -> str:
    """A conversion as claims.rq packs it: "start TAB currency TAB low TAB high TAB text"."""
    evidence = graph.one(amount, CG + "amountEvidence")
    fields = (graph.one(evidence, OA + "start"), graph.one(amount, CG + "currency"),
              graph.one(amount, SCHEMA + "minValue"), graph.one(amount, SCHEMA + "maxValue"),
              graph.one(evidence, OA + "exact"))
    return "\t".join("" if term is None else term.value for term in fields)


#: Graphs that never hold an article: not looked through for one (the entities graph is large).
_NOT_ARTICLES = frozenset({ENTITIES_GRAPH, CONTRADICTIONS_GRAPH, ONTOLOGY_GRAPH})


def entry(graph: str, quads: Iterable[ox.Quad]) -> ox.Quad | None:
    """The statement that records the listing of ``graph`` in the default graph; None for a graph with no article."""
    found = None if graph in _NOT_ARTICLES else records(quads)
    if found is None:
        return None
    text = json.dumps({"version": VERSION, "records": found}, separators=(",", ":"), ensure_ascii=False)
    return ox.Quad(ox.NamedNode(graph), LISTING, ox.Literal(text), ox.DefaultGraph())


def entry_update(graph: str, quad: ox.Quad | None) -> str:
    """A SPARQL update that deletes the listing stored for ``graph`` and, unless ``quad`` (its :func:`entry`) is
    None, stores that."""
    return statement_update(graph, LISTING, None if quad is None else quad.object)


def stored(store: "BaseStore", articles: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The stored records of each of ``articles`` that has readable ones of this version (an article missing from
    the answer is listed through claims.rq)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for article, texts in store.listing_entries(articles).items():
        if len(texts) != 1:
            continue  # two statements: written by something else, not trusted
        try:
            parsed = json.loads(texts[0])
        except ValueError:
            continue
        if isinstance(parsed, dict) and parsed.get("version") == VERSION and isinstance(parsed.get("records"), list):
            found[article] = parsed["records"]
    return found


class Names:
    """What the entities graph says of the claimants and events of listed records, each node read once: a listing
    keeps one and passes it every batch (an entity speaks in many articles). Each batch's nodes are read together
    (:meth:`kg.store.BaseStore.facts_about`: index lookups in the embedded store, a few queries in a remote one)."""

    def __init__(self, store: "BaseStore") -> None:
        self.store = store
        self._facts: dict[str, dict[str, list[Any]]] = {}
        self._asked: dict[str, frozenset[ox.NamedNode]] = {}
        self._entities: dict[str, dict[str, Any]] = {}
        self._events: dict[str, tuple[str, str | None]] = {}

    def resolved(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Records as claims.rq rows: the canonical claimant and event the entities graph gives (rows of claims.rq
        among them pass as they are)."""
        rows = list(rows)
        self._read(rows)
        for row in rows:
            if "agent" not in row:
                yield row  # a claims.rq row: resolved already
                continue
            out = {**row, **self._entity(self._claimant(row))}
            event = row.get("articleEvent")
            out["event"], out["entityEventLabel"] = self._event(event) if event is not None else (None, None)
            yield out

    def _read(self, rows: list[dict[str, Any]]) -> None:
        """Read what the records of ``rows`` need and is not read yet: their mentions and event nodes, then the
        entities and events those refer to, then the entities' affiliations."""
        records = [row for row in rows if "agent" in row]
        self._fetch({row["mention"] for row in records if row.get("mention")}
                    | {row["articleEvent"] for row in records if row.get("articleEvent")}, (_REFERS_TO,))
        entities = {self._claimant(row) for row in records} - self._entities.keys()
        events = {self._canonical(row["articleEvent"]) for row in records if row.get("articleEvent")}
        self._fetch(entities | events, _ENTITY_PREDICATES)
        self._fetch({node.value for entity in entities for node in self._values(entity, _AFFILIATION)
                     if isinstance(node, ox.NamedNode)}, (_NAME,))

    def _fetch(self, nodes: set[str], predicates: tuple[ox.NamedNode, ...]) -> None:
        """Read ``predicates`` of the ``nodes`` not read for them yet (an event node may be its own canonical event,
        read first for what it refers to, then for its label)."""
        asked = frozenset(predicates)
        wanted = [node for node in nodes if not asked <= self._asked.get(node, frozenset())]
        found = self.store.facts_about(wanted, predicates, ENTITIES_GRAPH)
        for node in wanted:
            self._facts.setdefault(node, {}).update(found.get(node, {}))
            self._asked[node] = self._asked.get(node, frozenset()) | asked

    def _values(self, subject: str, predicate: ox.NamedNode) -> list[Any]:
        return self._facts.get(subject, {}).get(predicate.value, [])

    def _canonical(self, node: str, otherwise: str | None = None) -> str:
        """What a mention or an article's event node refers to in the entities graph, else ``otherwise`` (the node
        itself by default)."""
        return min((target.value for target in self._values(node, _REFERS_TO)), default=otherwise or node)

    def _claimant(self, row: dict[str, Any]) -> str:
        """The canonical claimant: the entity the mention refers to, else the article's agent."""
        mention = row.get("mention")
        return self._canonical(mention, row["agent"]) if mention is not None else row["agent"]

    def _entity(self, canonical: str) -> dict[str, Any]:
        """What claims.rq reads of the canonical claimant: its name in the entities graph and, with one, its role,
        affiliation and type."""
        found = self._entities.get(canonical)
        if found is not None:
            return found
        names = self._values(canonical, _NAME)
        found = dict.fromkeys(("entityName", "entityRole", "entityAffiliation", "entityType"))
        if names:
            affiliations = [_value(name) for node in self._values(canonical, _AFFILIATION)
                            if isinstance(node, ox.NamedNode) for name in self._values(node.value, _NAME)]
            types = [t.value for t in self._values(canonical, _TYPE) if t.value in _AGENT_TYPES]
            found = {"entityName": min(_value(n) for n in names),
                     "entityRole": min((_value(t) for t in self._values(canonical, _ROLE)), default=None),
                     "entityAffiliation": min(affiliations, default=None), "entityType": min(types, default=None)}
        self._entities[canonical] = found
        return found

    def _event(self, event: str) -> tuple[str, str | None]:
        """The canonical event of an article's event node, and its label in the entities graph."""
        found = self._events.get(event)
        if found is None:
            canonical = self._canonical(event)
            labels = [_value(t) for predicate in (_LABEL, _NAME) for t in self._values(canonical, predicate)]
            found = self._events[event] = (canonical, min(labels, default=None))
        return found


def complete(store: "BaseStore") -> int:
    """Store the listing of every article graph that has none of this version (written before the records, or by
    another client); returns how many were written. Each ingest runs it: a store written by an older kg is brought
    up to date once, reading each of its article graphs."""
    start = json.dumps({"version": VERSION}, separators=(",", ":"))[:-1] + ","
    listed = {row["g"] for row in store.select(
        f"SELECT ?g WHERE {{ ?g {LISTING} ?listing FILTER (STRSTARTS(STR(?listing), {ox.Literal(start)})) }}")}
    articles = {row["article"] for row in store.select("SELECT ?article WHERE { ?article a cg:Article }")}
    missing = sorted(articles - listed)
    for article in missing:
        store.write_listing(article)
    return len(missing)


__all__ = ["LISTING", "VERSION", "complete", "entry", "entry_update", "Names", "records", "stored"]
