"""The materialised contradictions graph, kept up to date as the store grows (DESIGN.md section 5).

The graph (:data:`kg.namespaces.CONTRADICTIONS_GRAPH`) holds:

- every item detection finds, candidates included, with what the report shows (kind, severity, topic,
  explanation, claims in order as ``cg:claimSequence``, ``cg:detectionConfidence``, ``cg:isCandidate``,
  ``cg:isRevision``, and the reasons as a JSON ``cg:details``);
- the blocking keys of the claims: ``cg:propositionTerm`` / ``cg:denialTerm`` (the content terms of assertions
  and of denials), ``cg:denier`` (a denial's claimant) and ``cg:blamePair`` (the pairs of sides a claim may blame
  or be blamed by; on a blame item, its pair). Numeric blocks (measure, event, unit) need no stored key: a block is
  found from its event through the entities graph's ``cg:refersTo`` (an index lookup);
- the figures of each event reconciled per measure (kg/figures.py: ``cg:FigureGroup``, ``cg:figuresOf`` its event),
  what ``kg figures`` reads; the corroborations (kg/corroboration.py), what ``kg claims --corroboration`` reads:
  each worded claim's ``cg:contentKey`` (claims of one key corroborate each other) with its blocking keys
  (``cg:corroborationTerm``, ``cg:corroborationProbe``), the pairs of keys that restate each other
  (``cg:Restatement``) and the pairs of agreeing figures (``cg:Corroboration``, ``cg:corroborationOf`` its two
  claims);
- ``cg:linkSignature``: each entity's names and affiliations and each event's label as detection last read them;
- which articles it covers (``cg:contradictionsChecked``) and the detector's version (a ``cg:ExtractionRun``:
  :func:`detector_version`, which changes with the detection code).

:func:`recompute` detects over the whole store and writes all of it. :func:`update` (run by every ingest after
linking) compares only the claims of the articles the graph does not cover yet, plus the old claims of entities
whose name or affiliations linking changed, with their blocks, and replaces only the items of those blocks:

- numeric: every block of an event a new figure is in (or that linking renamed), read whole and compared again,
  its items replaced (at most four per block: kg.contradictions.numeric); the figure groups of those events
  reconciled again;
- polarity: each new denial against the claims sharing two of its terms; each new assertion against the denials
  sharing two of its terms; the pairs found are added to the stored items of their propositions (an item's IRI is
  its identity, kg.propositions.Identity, and its details keep every pair's record: the pairs of two stored claims
  are not matched again; matching is pair-local);
- blame: every pair of sides a new claim takes part in, with all the claims of that pair;
- corroboration: each new content key against the stored keys its blocking keys reach (a copy of a stored
  statement needs no pair: its key is enough); the figures of every event read whole for numeric, paired again.

Each numeric item depends only on the figures of its block, each polarity pair's result only on its two claims,
each blame item only on the claims of its pair of sides, so the graph :func:`update` keeps equals the one
:func:`recompute` writes (tests/test_contradictions_incremental.py). A full re-link (replaced articles, a new
linking state) can change entity IRIs anywhere: then the pipeline asks for a recompute.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import corroboration
from kg.blame import blame_pairs
from kg.contradictions import (DETECTOR_VERSION, KINDS, Contradiction, GraphQuads, block_iris, detect, detect_in,
                               detection_rows, figure_blocks, ordered, polarity_contradiction, polarity_iri,
                               polarity_records)
from kg.figures import group_quads, reconcile_rows
from kg.linking import article_graphs
from kg.namespaces import CG, CONTRADICTIONS_GRAPH, PROV, RDF, RDFS, XSD, mint
from kg.propositions import key_terms, polarity_item
from kg.queries import bind_list, load_named
from kg.resolve import load_gazetteer
from kg.resources import resource_dir
from kg.store import BaseStore, Statement, Store

#: Terms of a value list per query: Oxigraph takes long VALUES blocks, this keeps each query text modest.
CHUNK = 500
_DENY = CG + "Deny"


#: What detection reads besides the store: its code and word lists. A change to any of them changes
#: :func:`detector_version`, so a graph written before it is recomputed instead of read (nobody has to remember to
#: bump DETECTOR_VERSION after tuning a threshold).
_DETECTION_CODE = ("contradictions.py", "propositions.py", "blame.py", "embed.py", "contradiction_graph.py",
                   "figures.py", "corroboration.py")


@lru_cache(maxsize=1)
def detector_version() -> str:
    """DETECTOR_VERSION and a hash of the detection code and of data/contradiction/: the version the graph is
    written under and read back only under."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    data = resource_dir("data") / "contradiction"
    for path in [package / name for name in _DETECTION_CODE] + sorted(data.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{DETECTOR_VERSION}+{digest.hexdigest()[:12]}"


def _run() -> str:
    return mint("run", "contradictions", detector_version())


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))


def run_quads() -> list[ox.Quad]:
    """The detection run the graph was written by, with the detector's version."""
    quads = GraphQuads()
    quads.add(_run(), RDF + "type", ox.NamedNode(CG + "ExtractionRun"))
    quads.add(_run(), CG + "extractorVersion", ox.Literal(detector_version()))
    return quads


#: What :func:`item_quads` says of an item besides ``cg:between`` (tests/test_contradictions_incremental.py checks).
ITEM_PREDICATES = (RDF + "type", RDFS + "label", PROV + "wasGeneratedBy", *(CG + name for name in (
    "kind", "severity", "topic", "explanation", "isRevision", "isCandidate", "detectionConfidence", "details",
    "claimSequence", "blamePair")))


def item_quads(found: Iterable[Contradiction]) -> list[ox.Quad]:
    """Each contradiction as a ``cg:Contradiction`` node with everything the report shows of it."""
    quads = GraphQuads()
    for item in found:
        node = item.id
        quads.add(node, RDF + "type", ox.NamedNode(CG + "Contradiction"))
        quads.add(node, CG + "kind", ox.NamedNode(CG + item.kind.capitalize()))
        quads.add(node, CG + "severity", ox.NamedNode(CG + item.severity.capitalize()))
        quads.text(node, RDFS + "label", item.topic)
        quads.text(node, CG + "topic", item.topic)
        quads.text(node, CG + "explanation", item.explanation)
        quads.add(node, CG + "isRevision", _boolean(item.revision))
        quads.add(node, CG + "isCandidate", _boolean(item.candidate))
        quads.add(node, CG + "detectionConfidence", ox.Literal(repr(float(item.confidence)),
                                                               datatype=ox.NamedNode(XSD + "double")))
        quads.text(node, CG + "details", json.dumps(item.details, sort_keys=True, ensure_ascii=False))
        quads.text(node, CG + "claimSequence", " ".join(item.claims))
        quads.add(node, PROV + "wasGeneratedBy", ox.NamedNode(_run()))
        for claim in item.claims:
            quads.add(node, CG + "between", ox.NamedNode(claim))
        if item.kind == "blame" and item.details.get("pair"):
            quads.text(node, CG + "blamePair", item.details["pair"])
    return quads


def key_quads(polarity_rows: Iterable[dict[str, Any]], blame_rows: Iterable[dict[str, Any]]) -> list[ox.Quad]:
    """The blocking keys of the claims in these rows (queries/contradictions/polarity.rq and blame.rq)."""
    quads = GraphQuads()
    seen: set[tuple[str, str, str]] = set()

    def add(subject: str, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        if (subject, predicate, str(obj)) not in seen:
            seen.add((subject, predicate, str(obj)))
            quads.add(subject, predicate, obj)

    for row in polarity_rows:
        if row.get("narrator"):
            continue  # polarity compares no narrator's claim
        denial = row["stance"] == _DENY
        for term in key_terms(row["content"]):
            add(row["claim"], CG + ("denialTerm" if denial else "propositionTerm"), ox.Literal(term))
        if denial:
            add(row["claim"], CG + "denier", ox.NamedNode(row["claimant"]))
    gazetteer = load_gazetteer()
    for row in blame_rows:
        for pair in blame_pairs(row, gazetteer):
            add(row["claim"], CG + "blamePair", ox.Literal(pair))
    return quads


def _signatures(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    values: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        values[row["subject"]].add(str(row["value"]))
    return {subject: json.dumps(sorted(found), ensure_ascii=False) for subject, found in values.items()}


def _signature_quads(signatures: dict[str, str]) -> list[ox.Quad]:
    quads = GraphQuads()
    for subject, signature in sorted(signatures.items()):
        quads.text(subject, CG + "linkSignature", signature)
    return quads


def _checked_quads(articles: Iterable[str]) -> list[ox.Quad]:
    quads = GraphQuads()
    for article in sorted(articles):
        quads.add(article, CG + "contradictionsChecked", ox.NamedNode(_run()))
    return quads


# -- reading -------------------------------------------------------------------------------------------------------

def stored_version(store: BaseStore) -> str | None:
    """The detector version (:func:`detector_version`) that wrote the store's contradictions graph, or None."""
    rows = store.select(load_named("contradiction_keys/version"))
    return str(rows[0]["version"]) if rows else None


def _checked(store: BaseStore) -> set[str]:
    return {row["article"] for row in store.select(load_named("contradiction_keys/checked"))}


def up_to_date(store: BaseStore) -> bool:
    """Whether the store's contradictions graph can be read: written by this detector version, and covering every
    stored article (not so while an ingest that has written its articles has not compared them yet, or after one
    was interrupted in between)."""
    return stored_version(store) == detector_version() and article_graphs(store) <= _checked(store)


def read(store: BaseStore) -> list[Contradiction] | None:
    """The materialised contradictions (candidates too) in the report's order, or None when the graph is not
    :func:`up_to_date`."""
    if not up_to_date(store):
        return None
    found = []
    for row in store.select(load_named("contradictions/stored")):
        found.append(Contradiction(
            kind=row["kind"].rsplit("#", 1)[-1].lower(), severity=row["severity"].rsplit("#", 1)[-1].lower(),
            topic=row["topic"], explanation=row["explanation"], claims=tuple(row["claims"].split()),
            revision=bool(row["revision"]), details=json.loads(row["details"]) if row["details"] else {},
            confidence=1.0 if row["confidence"] is None else float(row["confidence"]),
            candidate=bool(row["candidate"])))
    return ordered(found)


def current(store: BaseStore, kinds: Sequence[str] = KINDS, *, candidates: bool = False,
            ) -> tuple[list[Contradiction], bool]:
    """The contradictions of ``kinds`` (with ``candidates``, those under the reporting threshold too), and whether
    they were read from the materialised graph (False: detected now, in memory, because it is missing or stale)."""
    stored = read(store)
    if stored is None:
        return detect(store, kinds, candidates=candidates), False
    return [item for item in stored if item.kind in kinds and (candidates or not item.candidate)], True


# -- writing -------------------------------------------------------------------------------------------------------

def recompute(store: BaseStore) -> list[Contradiction]:
    """Detect over the whole store and replace the contradictions graph; returns every item (candidates too)."""
    rows = {kind: detection_rows(store, kind) for kind in KINDS}
    found = detect_in(rows, candidates=True)
    signatures = _signatures(store.select(load_named("contradiction_keys/signatures")))
    worded = store.select(load_named("corroboration/claims"))
    store.replace_graph(CONTRADICTIONS_GRAPH, [
        *run_quads(), *item_quads(found), *group_quads(reconcile_rows(rows["numeric"], found)),
        *corroboration.pair_quads(corroboration.figure_pairs(rows["numeric"])),
        *corroboration.restatement_quads(corroboration.content_pairs(worded)), *corroboration.key_quads(worded),
        *key_quads(rows["polarity"], rows["blame"]),
        *_signature_quads(signatures), *_checked_quads(article_graphs(store))])
    return found


@dataclass(frozen=True)
class UpdateSummary:
    """What an update of the contradictions graph did: the articles it compared, the claims whose blocks it read
    again, the items it dropped and wrote, and whether it recomputed everything instead."""

    articles: int
    claims: int
    dropped: int
    written: int
    recomputed: bool = False


def update(store: BaseStore, *, full: bool = False) -> UpdateSummary:
    """Bring the contradictions graph up to date with the articles it does not cover yet (see the module
    docstring); with ``full``, or when the graph is missing or of another detector version, recompute it."""
    if full or stored_version(store) != detector_version():
        found = recompute(store)
        return UpdateSummary(len(article_graphs(store)), 0, 0, len(found), recomputed=True)
    added = article_graphs(store) - _checked(store)
    if not added:
        return UpdateSummary(0, 0, 0, 0)
    return _Update(store, added).run()


class _Update:
    """One incremental update, in the order :meth:`run` calls its steps."""

    def __init__(self, store: BaseStore, added: set[str]) -> None:
        self.store = store
        self.added = added
        self.rows = {kind: _rows(store, kind, "article", added) for kind in KINDS}
        self.claims = {row["claim"] for rows in self.rows.values() for row in rows}  # claims whose keys are rewritten
        self.dropped: set[str] = set()  # items replaced
        self.found: list[Contradiction] = []
        self.signatures: dict[str, str] = {}
        self.changed: set[str] = set()  # entities and events linking renamed or gave other affiliations
        self.key_rows: dict[str, list[dict[str, Any]]] = {}  # the rows of self.claims, whose keys are written
        self.groups: list[dict[str, Any]] = []  # the figure groups of the events whose figures were read whole
        self.worded = _select(store, "corroboration/claims", "article", added)  # the new claims said in words
        self.corroborations: list[corroboration.Pair] = []  # every pair of the figures read whole
        self.restatements: list[tuple[str, str]] = []  # new pairs of content keys that say the same
        self.grown: dict[str, set[str]] = {}  # stored polarity items rebuilt in place: their claims before

    def run(self) -> UpdateSummary:
        self._relinked()
        self._numeric()
        self._polarity()
        self._blame()
        self._corroborated()
        pairs = [*corroboration.pair_quads(self.corroborations),
                 *corroboration.restatement_quads(self.restatements)]
        worded = {row["claim"] for row in self.worded}
        # every subject below is rewritten whole: the old claims whose polarity and blame keys are written again
        # (their entities were renamed) keep their corroboration keys too
        rekeyed = [*self.worded, *_select(self.store, "corroboration/claims", "claim", self.claims - worded)]
        grown = [item for item in self.found if item.id in self.grown]
        statements, grown_quads = _grown(grown, self.grown)
        subjects = self.dropped | {item.id for item in self.found} | self.claims | set(self.signatures) | \
            self.added | worded | {quad.subject.value for quad in pairs}
        quads = [*item_quads(item for item in self.found if item.id not in self.grown), *grown_quads,
                 *group_quads(self.groups), *pairs, *corroboration.key_quads(rekeyed),
                 *key_quads(self.key_rows["polarity"], self.key_rows["blame"]),
                 *_signature_quads(self.signatures), *_checked_quads(self.added)]
        self.store.replace_subjects(CONTRADICTIONS_GRAPH, subjects - {item.id for item in grown}, quads, statements)
        return UpdateSummary(len(self.added), len(self.claims), len(self.dropped), len(self.found))

    def _relinked(self) -> None:
        """Entities and events the new articles were linked to whose signature changed: the old claims by or about
        those entities are compared again (their claimant's name or sides may be other now)."""
        referred = {row["subject"] for row in _select(self.store, "contradiction_keys/referred", "article",
                                                      self.added)}
        self.signatures = _signatures(_select(self.store, "contradiction_keys/signatures", "subject", referred))
        before = {row["subject"]: row["signature"] for row in
                  _select(self.store, "contradiction_keys/stored_signatures", "subject", referred)}
        self.changed = {subject for subject, signature in self.signatures.items()
                        if subject in before and before[subject] != signature}
        old = {row["claim"] for row in _select(self.store, "contradiction_keys/entity_claims", "subject",
                                               self.changed)} - self.claims
        for kind in ("polarity", "blame"):
            self.rows[kind] += _rows(self.store, kind, "claim", old)
        self.claims |= old
        self.key_rows = {kind: list(self.rows[kind]) for kind in ("polarity", "blame")}

    def _numeric(self) -> None:
        """Every block of an event a new figure is in, or that linking renamed (its topic changes), read whole and
        compared again: its items replaced (a block's item IRIs are its key's, kg.contradictions.numeric_iri), its
        figure groups reconciled again (kg.figures) and its figures' corroborations paired again."""
        events = {row["event"] for row in self.rows["numeric"]} | self.changed
        rows = _rows(self.store, "numeric", "event", events)
        found = detect_in({"numeric": rows}, candidates=True)
        self._replace([(iri, None) for iri in block_iris(figure_blocks(rows))], found)
        self.dropped |= {subject for subject, _ in _keyed(self.store, "figuresOf", map(ox.NamedNode, events),
                                                          item=False)}
        self.groups = reconcile_rows(rows, found)
        self.dropped |= {subject for subject, _ in
                         _keyed(self.store, "corroborationOf", map(ox.NamedNode, {row["claim"] for row in rows}),
                                item=False)}
        self.corroborations += corroboration.figure_pairs(rows)

    def _corroborated(self) -> None:
        """The new claims said in words against the stored claims that hold one of their probe terms or probe one of
        their terms (kg.corroboration.probe_terms): every stored content that may say the same as a new one. A
        content key stands for all its claims (its lowest claim id, as a recompute takes it), and a key stored
        before has its restatements of stored keys kept already: only the pairs with a new key are worked out."""
        new = {row["claim"] for row in self.worded}
        worded_terms = [set(key_terms(row["content"])) for row in self.worded]
        terms = set().union(*worded_terms)
        probes = {term for found in worded_terms for term in corroboration.probe_terms(found)}
        lowest: dict[str, str] = {}
        for index, values in (("corroborationTerm", probes), ("corroborationProbe", terms)):
            for row in _select(self.store, "contradiction_keys/any_term", "term", map(ox.Literal, values),
                               index=ox.NamedNode(CG + index)):
                if row["claim"] not in new:
                    lowest[row["key"]] = min(row["claim"], lowest.get(row["key"], row["claim"]))
        rows = [*self.worded, *_select(self.store, "corroboration/claims", "claim", lowest.values())]
        touching = {row["claim"] for row in self.worded if corroboration.content_key(row) not in lowest}
        self.restatements += corroboration.content_pairs(rows, touching=touching)

    def _polarity(self) -> None:
        """The pairs of a denial and an assertion with a new (or renamed) claim, matched now and added to the stored
        items of their propositions: an item's IRI stays as claims join it (kg.propositions.Identity), and its
        details keep every pair's record, so it is rebuilt from them without matching its stored pairs again. A
        pair's match depends on its two claims alone, so the pairs of two claims stored before stay as they were;
        the stored pairs of a renamed claim are dropped and matched again."""
        rows = _by_claim(row for row in self.rows["polarity"] if not row.get("narrator"))
        touching = set(rows)
        partners: set[str] = set()
        for found in list(rows.values()):
            # a denial against the stored claims sharing two of its terms, an assertion against such denials
            index = "propositionTerm" if found[0]["stance"] == _DENY else "denialTerm"
            partners |= _sharing(self.store, index, key_terms(found[0]["content"]))
        self._fetch(rows, "polarity", partners)
        groups = polarity_records(_flat(rows), touching)
        held = {item for item, _ in _keyed(self.store, "between", map(ox.NamedNode, touching), item=True)}
        stored = _select(self.store, "contradiction_keys/polarity_items", "item",
                         held | {polarity_iri(identity) for identity in groups})
        for row in stored:
            details = json.loads(row["details"])
            identity = (details["denier"], tuple(details["key_terms"]), not row["candidate"])
            kept = groups.setdefault(identity, {})
            for record in details["pairs"]:
                if record["denial"] not in touching and record["assertion"] not in touching:
                    kept[(record["denial"], record["assertion"])] = record
            self.grown[row["item"]] = {claim for record in details["pairs"]
                                       for claim in (record["denial"], record["assertion"])}
        self._fetch(rows, "polarity", {min(denial for denial, _ in records) for records in groups.values() if records})
        contents = {claim: found[0]["content"] for claim, found in rows.items()}
        self._replace([(row["item"], None) for row in stored],
                      [polarity_contradiction(polarity_item(identity, records.values(), contents))
                       for identity, records in sorted(groups.items()) if records])

    def _blame(self) -> None:
        gazetteer = load_gazetteer()
        pairs = {pair for row in self.rows["blame"] for pair in blame_pairs(row, gazetteer)}
        pairs |= {str(key) for _, key in _keyed(self.store, "blamePair", map(ox.NamedNode, self.claims),
                                                 item=False, by="subject")}
        rows = _by_claim(self.rows["blame"])
        self._fetch(rows, "blame", {subject for subject, _ in
                                    _keyed(self.store, "blamePair", map(ox.Literal, pairs), item=False)})
        found = [item for item in detect_in({"blame": _flat(rows)}, candidates=True)
                 if item.details.get("pair") in pairs]
        self._replace(_keyed(self.store, "blamePair", map(ox.Literal, pairs), item=True), found)

    def _fetch(self, rows: dict[str, list[dict[str, Any]]], kind: str, claims: Collection[str]) -> None:
        """Read the ``kind`` rows of the ``claims`` not read yet into ``rows`` (a claim may have several: two
        names of its claimant, two cues)."""
        for row in _rows(self.store, kind, "claim", set(claims) - rows.keys()):
            rows[row["claim"]].append(row)

    def _replace(self, old: Iterable[tuple[str, Any]], found: Sequence[Contradiction]) -> None:
        """Drop the items ``old`` names (item, key) and write ``found`` instead."""
        self.dropped |= {subject for subject, _ in old}
        self.found += found


def _grown(items: Sequence[Contradiction], before: dict[str, set[str]]) -> tuple[list[Statement], list[ox.Quad]]:
    """What to replace of stored items that claims joined or left, and with what: every property but
    ``cg:between``, and ``cg:between`` only for the claims that left or joined (an item may hold hundreds; writing
    it whole read and compared all of them)."""
    statements: list[Statement] = []
    quads: list[ox.Quad] = []
    between = CG + "between"
    for item in items:
        iri, claims = item.id, set(item.claims)
        quads += [quad for quad in item_quads([item])
                  if quad.predicate.value != between or quad.object.value not in before[iri]]
        statements += [(iri, predicate, None) for predicate in ITEM_PREDICATES]
        statements += [(iri, between, ox.NamedNode(claim)) for claim in sorted(before[iri] - claims)]
    return statements, quads


def _by_claim(rows: Iterable[dict[str, Any]]) -> defaultdict[str, list[dict[str, Any]]]:
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["claim"]].append(row)
    return grouped


def _flat(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [row for found in rows.values() for row in found]


def _select(store: BaseStore, name: str, variable: str, values: Iterable[ox.NamedNode | ox.Literal | str],
            **bound: ox.NamedNode) -> list[dict[str, Any]]:
    """The rows of queries/``name`` with ``?variable`` bound to each of ``values`` (strings are IRIs) and each
    name of ``bound`` to its term; no rows when ``values`` is empty."""
    bound_terms = sorted({ox.NamedNode(value) if isinstance(value, str) else value for value in values}, key=str)
    text = load_named(name)
    for other, term in bound.items():
        # written in place, not as a second VALUES block: Oxigraph joins two VALUES blocks before the pattern, which
        # then reads the whole graph (22 s a query against 0.02 s for 400 keys in the 1M bench store)
        if re.search(rf"SELECT[^{{]*\?{other}\b", text):
            raise ValueError(f"?{other} is projected by {name}: it cannot be written in place")
        text = re.sub(rf"\?{other}\b", str(term), text)
    if isinstance(store, Store) and re.search(rf"GRAPH\s+\?{variable}\b", text) and \
            re.search(rf"SELECT[^{{]*\?{variable}\b", text):
        # a graph name: one query each, substituted, reads that graph only; with a VALUES list Oxigraph reads every
        # graph of the pattern first (ten BBC articles' claims 0.41 s against 0.009 s). Oxigraph substitutes only a
        # projected variable; and not behind HTTP, where a binding is a VALUES block too, and one query for the list
        # costs less than one for each.
        return [row for term in bound_terms for row in store.select(text, {variable: term})]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(bound_terms), CHUNK):
        rows += store.select(bind_list(text, variable, bound_terms[start:start + CHUNK]))
    return rows


def _rows(store: BaseStore, kind: str, variable: str, iris: Iterable[str]) -> list[dict[str, Any]]:
    """Detection rows of ``kind`` (queries/contradictions/) for the claims, articles or events ``iris``."""
    return _select(store, f"contradictions/{kind}", variable, iris)


def _keyed(store: BaseStore, predicate: str, keys: Iterable[ox.NamedNode | ox.Literal], *, item: bool,
           by: str = "key") -> list[tuple[str, Any]]:
    """(subject, key) of the contradictions graph's ``cg:<predicate>`` statements whose key (or with ``by="subject"``
    subject) is one of ``keys``: items (``item``) or claims."""
    rows = _select(store, "contradiction_keys/keyed", by, keys, predicate=ox.NamedNode(CG + predicate))
    return [(row["subject"], row["key"]) for row in rows if bool(row["isItem"]) == item]


def _sharing(store: BaseStore, index: str, content_terms: Iterable[str]) -> set[str]:
    """The claims with at least two of ``content_terms`` in their ``cg:<index>`` keys."""
    rows = _select(store, "contradiction_keys/term_matches", "term", map(ox.Literal, content_terms),
                   index=ox.NamedNode(CG + index))
    return {row["claim"] for row in rows}


__all__ = ["UpdateSummary", "current", "detector_version", "item_quads", "key_quads", "read", "recompute", "run_quads",
           "stored_version", "up_to_date", "update"]
