"""Map one article's extraction to RDF quads: pure, deterministic, no store.

Every quad lands in the article's own named graph (the article IRI), so re-ingesting an article replaces exactly what
it contributed. Only IRIs are used (no blank nodes) and every IRI is minted from stable parts of the extraction, so
the same extraction always gives the same quads, whatever process maps it. Names and text from the article only ever
become literals or percent-encoded IRI segments (via :func:`kg.namespaces.mint`), never IRI syntax.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.namespaces import (AGENT_CLASSES, CG, MEASURES, OA, PROV, RDF, RDFS, SCHEMA, SCOPES, STANCES, XSD,
                           article_iri, measure_iri, mint, scope_iri, slug, stance_iri)
from kg.types import ARTICLE_SCOPED_KINDS, Article, Claim, Extraction, Mention, Quantity, Span

_A = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")
_XSD_DECIMAL = ox.NamedNode(XSD + "decimal")
_XSD_BOOLEAN = ox.NamedNode(XSD + "boolean")
_XSD_INTEGER = ox.NamedNode(XSD + "integer")
_XSD_DATE = ox.NamedNode(XSD + "date")
_XSD_DATETIME = ox.NamedNode(XSD + "dateTime")
_XSD_ANYURI = ox.NamedNode(XSD + "anyURI")
_TEXT_POSITION_SELECTOR = ox.NamedNode(OA + "TextPositionSelector")
_TEXT_QUOTE_SELECTOR = ox.NamedNode(OA + "TextQuoteSelector")
_START = ox.NamedNode(OA + "start")
_END = ox.NamedNode(OA + "end")
_EXACT = ox.NamedNode(OA + "exact")
_IN_ARTICLE = ox.NamedNode(CG + "inArticle")
_EVIDENCE = ox.NamedNode(CG + "evidence")
_YEAR = re.compile(r"^(\d{4})(?:-|$)")
_HAS_SPACE = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")


@lru_cache(maxsize=None)
def cg(local: str) -> ox.NamedNode:
    return ox.NamedNode(CG + local)


def _decimal(value: float) -> ox.Literal:
    # Decimal(repr(...)) keeps the shortest round-trip digits; format "f" avoids exponents, which xsd:decimal forbids.
    text = format(Decimal(repr(float(value))).normalize(), "f")
    # -0 is 0 for xsd:decimal; writing "-0" would make the stored graph differ from the mapped one.
    return ox.Literal("0" if text in ("-0", "0") else text, datatype=_XSD_DECIMAL)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)


def _offset(value: int) -> ox.Literal:
    # xsd:integer, not the xsd:nonNegativeInteger of oa:start's range: Oxigraph stores every integer type as
    # xsd:integer, and the mapping's output should look the same before and after a trip through the store.
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def date_literal(published: str | None) -> ox.Literal | None:
    """An xsd:date or xsd:dateTime literal for an ISO 8601 string, or None when it does not parse."""
    if not published:
        return None
    text = published.strip()
    try:
        return ox.Literal(date.fromisoformat(text).isoformat(), datatype=_XSD_DATE)
    except ValueError:
        pass
    try:
        return ox.Literal(datetime.fromisoformat(text).isoformat(), datatype=_XSD_DATETIME)
    except ValueError:
        return None


def url_literal(url: str | None) -> ox.Literal | None:
    """An xsd:anyURI literal for an absolute http(s) URL; anything else is skipped so reasoners never see a bad one."""
    if not url or _HAS_SPACE.search(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return ox.Literal(url, datatype=_XSD_ANYURI)


def name_key(name: str) -> str:
    """The IRI segment for a name: an ASCII slug for Latin script (so "Erdoğan" and "Erdogan" meet), else the
    case-folded name itself, percent-encoded later by mint (a slug would turn every Cyrillic or Arabic name into
    "x")."""
    text = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    latin = all(not char.isalnum() or unicodedata.normalize("NFKD", char).encode("ascii", "ignore") for char in text)
    key = slug(name)
    if latin and (key != "x" or text == "x"):
        return key
    return text or "x"


def claim_iri(article: Article, index: int) -> str:
    """The IRI of the ``index``-th claim of an article: stable as long as the extractor is."""
    return mint("claim", article.content_hash[:16], str(index))


def default_agent_iri(mention: Mention, article: Article) -> str:
    """The agent IRI used when the resolver gave none: one per kind and name, or per article for unnamed sources."""
    if mention.kind in ARTICLE_SCOPED_KINDS:
        return mint("agent", mention.kind, article.content_hash[:16], name_key(mention.name))
    return mint("agent", mention.kind, name_key(mention.name))


def publisher_iri(publisher: str) -> str:
    return mint("agent", "organization", name_key(publisher))


class QuadSet:
    """An insertion-ordered set of quads in one graph, so repeated facts (a shared sentence span) appear once.
    Subjects, predicates and objects given as strings are IRIs."""

    def __init__(self, graph: str) -> None:
        self.graph = ox.NamedNode(graph)
        self._quads: dict[ox.Quad, None] = {}
        self._nodes: dict[str, ox.NamedNode] = {}  # one term object per IRI: nodes recur in many quads

    def node(self, iri: str) -> ox.NamedNode:
        term = self._nodes.get(iri)
        if term is None:
            term = self._nodes[iri] = ox.NamedNode(iri)
        return term

    def add(self, subject: str, predicate: ox.NamedNode | str, obj: ox.NamedNode | ox.Literal | str) -> None:
        verb = self.node(predicate) if isinstance(predicate, str) else predicate
        term = self.node(obj) if isinstance(obj, str) else obj
        self._quads[ox.Quad(self.node(subject), verb, term, self.graph)] = None

    def text(self, subject: str, predicate: ox.NamedNode | str, value: str | None) -> None:
        """A plain string literal, skipped when absent or empty."""
        if value:
            self.add(subject, predicate, ox.Literal(value))

    def to_list(self) -> list[ox.Quad]:
        return list(self._quads)


class _Mapper:
    def __init__(self, extraction: Extraction, agent_iris: Mapping[Mention, str], event_iris: Mapping[Quantity, str],
                 extractor_version: str) -> None:
        self.article = extraction.article
        self.text = extraction.article.text
        self.scope = self.article.content_hash[:16]
        self.article_iri = article_iri(self.article.content_hash)
        self.agent_iris = agent_iris
        self.event_iris = event_iris
        self.version = extractor_version
        self.out = QuadSet(self.article_iri)
        self.written: set[str] = set()  # selector and run nodes already described: they recur across claims
        self.mentions: dict[Mention, tuple[str, str]] = {}

    def article_node(self) -> None:
        article, out, node = self.article, self.out, self.article_iri
        out.add(node, _A, cg("Article"))
        out.text(node, ox.NamedNode(SCHEMA + "headline"), article.title)
        url = url_literal(article.url)
        if url is not None:
            out.add(node, ox.NamedNode(SCHEMA + "url"), url)
        if article.publisher:
            publisher = publisher_iri(article.publisher)
            out.add(node, ox.NamedNode(SCHEMA + "publisher"), publisher)
            out.add(publisher, _A, cg("Agent"))
            out.add(publisher, _A, cg("Organization"))
            out.text(publisher, ox.NamedNode(SCHEMA + "name"), article.publisher)
        published = date_literal(article.published)
        if published is not None:
            out.add(node, ox.NamedNode(SCHEMA + "datePublished"), published)
            out.text(node, cg("dateSource"), article.date_source)
        out.text(node, cg("wireService"), article.wire_service)
        out.text(node, cg("dateline"), article.dateline)
        out.text(node, cg("origin"), article.origin)
        out.add(node, cg("contentHash"), ox.Literal(article.content_hash))
        # cg:text is required even when empty: every offset indexes it.
        out.add(node, cg("text"), ox.Literal(self.text))
        out.add(node, cg("extractorVersion"), ox.Literal(self.version))
        for caption in article.captions:
            out.text(node, cg("caption"), caption)
        for highlight in article.highlights:
            out.text(node, cg("highlight"), highlight)

    def selector(self, span: Span, where: str) -> str:
        """A Web Annotation selector for ``span``: position and quote in one node, shared by every claim using it."""
        if span.end > len(self.text):
            raise ValueError(f"{self.article.origin}: {where} span {span.start}..{span.end} lies outside the text "
                             f"({len(self.text)} characters); the extractor produced a bad offset")
        node = mint("span", self.scope, str(span.start), str(span.end))
        if node in self.written:
            return node
        self.written.add(node)
        # Selectors are about half of an article's quads, so each is kept to six triples: no oa:prefix/oa:suffix,
        # which cg:text and the offsets give.
        out = self.out
        out.add(node, _A, _TEXT_POSITION_SELECTOR)
        out.add(node, _A, _TEXT_QUOTE_SELECTOR)
        out.add(node, _START, _offset(span.start))
        out.add(node, _END, _offset(span.end))
        out.add(node, _EXACT, ox.Literal(span.of(self.text)))
        out.add(node, _IN_ARTICLE, self.article_iri)
        return node

    def agent(self, mention: Mention) -> str:
        resolved = self.agent_iris.get(mention)
        if resolved is not None:
            # The entities graph describes canonical agents; here we only say what the article needs to hold.
            self.out.add(resolved, _A, cg("Agent"))
            return resolved
        node = default_agent_iri(mention, self.article)
        self.out.add(node, _A, cg("Agent"))
        if mention.kind in AGENT_CLASSES:
            self.out.add(node, _A, cg(AGENT_CLASSES[mention.kind]))
        self.out.text(node, ox.NamedNode(SCHEMA + "name"), mention.name)
        if mention.kind == "narrator" and self.article.publisher:
            self.out.add(node, ox.NamedNode(PROV + "actedOnBehalfOf"), publisher_iri(self.article.publisher))
        return node

    def mention(self, mention: Mention) -> tuple[str, str]:
        """The mention node and the agent it names."""
        known = self.mentions.get(mention)
        if known is not None:
            return known  # a claimant of several claims: its quads are already there
        agent = self.agent(mention)
        where = f"{mention.span.start}-{mention.span.end}" if mention.span else "unwritten"
        node = mint("mention", self.scope, mention.kind, name_key(mention.name), where)
        self.mentions[mention] = node, agent
        out = self.out
        out.add(node, _A, cg("Mention"))
        out.add(node, cg("writtenName"), ox.Literal(mention.name))
        out.add(node, cg("mentionKind"), ox.Literal(mention.kind))
        out.add(node, cg("mentionOf"), agent)
        out.add(node, cg("mentionedIn"), self.article_iri)
        out.text(node, cg("role"), mention.role)
        out.text(node, cg("affiliation"), mention.affiliation)
        if mention.span is not None:
            out.add(node, cg("textSpan"), self.selector(mention.span, f"mention {mention.name!r}"))
        return node, agent

    def run(self, extractor: str) -> str:
        node = mint("run", self.scope, self.version, extractor)
        if node in self.written:
            return node
        self.written.add(node)
        self.out.add(node, _A, cg("ExtractionRun"))
        self.out.add(node, cg("extractorVersion"), ox.Literal(self.version))
        self.out.add(node, cg("extractor"), ox.Literal(extractor))
        self.out.add(node, ox.NamedNode(PROV + "used"), self.article_iri)
        return node

    def evidence(self, claim: str, role: str, span: Span) -> None:
        # The generic cg:evidence is written out as well, so queries need no sub-property reasoning.
        selector = self.selector(span, f"{claim} {role}")
        self.out.add(claim, _EVIDENCE, selector)
        self.out.add(claim, cg(role), selector)

    def claim(self, index: int, claim: Claim) -> None:
        if claim.stance not in STANCES:
            raise ValueError(f"{self.article.origin}: claim {index} has unknown stance {claim.stance!r}")
        node, out = claim_iri(self.article, index), self.out
        out.add(node, _A, cg("Claim"))
        out.add(node, cg("reportedIn"), self.article_iri)
        mention, agent = self.mention(claim.claimant)
        out.add(node, cg("claimant"), agent)
        out.add(node, cg("claimantMention"), mention)
        out.add(node, cg("stance"), stance_iri(claim.stance))
        out.add(node, cg("content"), ox.Literal(claim.content_text(self.text)))
        out.add(node, cg("isDirectQuote"), _boolean(claim.direct_quote))
        out.add(node, cg("isNarrator"), _boolean(claim.narrator))
        out.add(node, cg("confidence"), _decimal(min(1.0, max(0.0, claim.confidence))))
        out.add(node, ox.NamedNode(PROV + "wasGeneratedBy"), self.run(claim.extractor))
        for part in claim.content:
            self.evidence(node, "contentEvidence", part)
        self.evidence(node, "sentenceEvidence", claim.sentence)
        if claim.cue is not None:
            out.text(node, cg("cue"), claim.cue.of(self.text))
            self.evidence(node, "cueEvidence", claim.cue)
        if claim.claimant.span is not None:
            self.evidence(node, "claimantEvidence", claim.claimant.span)
        for subject in claim.about:
            out.add(node, cg("about"), self.mention(subject)[1])
        if claim.quantity is not None:
            self.quantity(node, claim.quantity)

    def quantity(self, node: str, quantity: Quantity) -> None:
        if quantity.measure not in MEASURES:
            raise ValueError(f"{self.article.origin}: unknown measure {quantity.measure!r} in {node}")
        out = self.out
        out.add(node, _A, cg("QuantityClaim"))
        out.add(node, cg("measure"), measure_iri(quantity.measure))
        if quantity.scope not in SCOPES:
            raise ValueError(f"{self.article.origin}: unknown scope {quantity.scope!r} in {node}")
        out.add(node, cg("scope"), scope_iri(quantity.scope))
        out.text(node, cg("subject"), quantity.subject)
        out.text(node, cg("change"), quantity.change)
        if quantity.change_from is not None and math.isfinite(quantity.change_from):
            out.add(node, cg("changeFrom"), _decimal(quantity.change_from))
        if quantity.subject_span is not None:
            self.evidence(node, "subjectEvidence", quantity.subject_span)
        # Unbounded ends are simply absent; an infinite float from an extractor means the same.
        if quantity.low is not None and math.isfinite(quantity.low):
            out.add(node, cg("lowerBound"), _decimal(quantity.low))
        if quantity.high is not None and math.isfinite(quantity.high):
            out.add(node, cg("upperBound"), _decimal(quantity.high))
        out.add(node, cg("lowerInclusive"), _boolean(quantity.low_inclusive))
        out.add(node, cg("upperInclusive"), _boolean(quantity.high_inclusive))
        if quantity.point is not None and math.isfinite(quantity.point):
            out.add(node, cg("pointValue"), _decimal(quantity.point))
        out.text(node, cg("qualifier"), quantity.qualifier)
        out.text(node, cg("unit"), quantity.unit)
        out.text(node, cg("currency"), quantity.currency)
        out.text(node, cg("countedNoun"), quantity.counted)
        self.evidence(node, "quantityEvidence", quantity.span)
        for alternative in quantity.alternatives:
            out.add(node, cg("alternative"), self.amount(alternative))
        if quantity.event_span is not None:
            self.evidence(node, "eventEvidence", quantity.event_span)
        # A change ("230 fewer", "up 11%") is no level or count of its event: linked to the event, it would be
        # compared with the event's figures (queries/contradictions/numeric.rq pairs figures by cg:measuredEvent).
        event = self.event(quantity) if quantity.change is None else None
        if event is not None:
            out.add(node, cg("measuredEvent"), event)

    def amount(self, alternative: Quantity) -> str:
        """A conversion in brackets ("$91m" in "70m euros ($91m; £49m)") as a schema:MonetaryAmount node."""
        node = mint("amount", self.scope, str(alternative.span.start), str(alternative.span.end))
        out = self.out
        out.add(node, _A, ox.NamedNode(SCHEMA + "MonetaryAmount"))
        out.text(node, cg("currency"), alternative.currency)
        for predicate, value in (("value", alternative.point), ("minValue", alternative.low),
                                 ("maxValue", alternative.high)):
            if value is not None and math.isfinite(value):
                out.add(node, ox.NamedNode(SCHEMA + predicate), _decimal(value))
        out.add(node, cg("amountEvidence"), self.selector(alternative.span, f"{node} amount"))
        return node

    def event(self, quantity: Quantity) -> str | None:
        resolved = self.event_iris.get(quantity)
        if resolved is not None:
            self.out.add(resolved, _A, cg("Event"))
            return resolved
        if not quantity.event:
            return None  # no phrase and no resolved event: inventing one would fake a match
        parts = [name_key(quantity.event)] + ([quantity.event_time] if quantity.event_time else [])
        node = mint("event", self.scope, *parts)
        self.out.add(node, _A, cg("Event"))
        self.out.add(node, _LABEL, ox.Literal(quantity.event))
        if quantity.event_time:
            self.out.add(node, cg("time"), ox.Literal(quantity.event_time))
            year = _YEAR.match(quantity.event_time)
            if year:
                self.out.add(node, cg("year"), ox.Literal(year.group(1), datatype=_XSD_INTEGER))
        return node


def article_quads(extraction: Extraction, *, agent_iris: Mapping[Mention, str] | None = None,
                  event_iris: Mapping[Quantity, str] | None = None, extractor_version: str) -> list[ox.Quad]:
    """All quads for one article, in the graph named by its IRI.

    ``agent_iris`` and ``event_iris`` come from the resolver (canonical entities and events); mentions and figures
    missing from them get IRIs minted here. Raises ValueError when the extraction holds a span outside the text or a
    stance/measure the ontology lacks: that is an extractor bug, and the article should be reported, not stored.
    """
    mapper = _Mapper(extraction, agent_iris or {}, event_iris or {}, extractor_version)
    mapper.article_node()
    for index, claim in enumerate(extraction.claims):
        mapper.claim(index, claim)
    for mention in extraction.mentions:
        mapper.mention(mention)
    return mapper.out.to_list()


__all__ = ["article_quads", "claim_iri", "default_agent_iri", "name_key", "publisher_iri", "date_literal",
           "url_literal", "AGENT_CLASSES", "QuadSet"]
