"""The values that flow through the pipeline: articles in, claims out.

Every stage speaks these frozen dataclasses, so a stage can be tested alone and run in another process.
Offsets are character offsets into ``Article.text`` (half-open: ``text[start:end]``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

_SPACE = re.compile(r"\s+")


def normalize_for_hash(text: str) -> str:
    """Text as compared for duplicate detection: whitespace collapsed, case folded, curly quotes made straight."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    return _SPACE.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised body text: the identity of an article."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class Article:
    """One news article: body text plus whatever metadata the input carried.

    ``origin`` names where it came from (``path`` or ``path#3`` for the fourth article of a dump, ``path:12`` for a
    JSON Lines line) and is used in every error message about it.
    """

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or date-time
    date_source: str | None = None  # "metadata" | "caption" | "text": how ``published`` was obtained
    publisher: str | None = None
    wire_service: str | None = None  # "AP", "Reuters", ... when the text credits one
    dateline: str | None = None  # "YEREVAN", "BERLIN/KYIV"
    captions: tuple[str, ...] = ()
    highlights: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    @cached_property
    def content_hash(self) -> str:
        # computed once per article: every claim and agent IRI of the article starts with it
        return content_hash(self.text)


@dataclass(frozen=True)
class Mention:
    """An agent as one article names it: who said something, or who a claim is about.

    ``name`` is the fullest name the article gives (``Ararat Mirzoyan`` for ``he``); ``span`` is where this mention
    stands in the text (None for the narrator, who is never written).
    """

    name: str
    kind: str  # one of MENTION_KINDS
    span: Span | None = None
    role: str | None = None  # "Foreign Minister"
    affiliation: str | None = None  # "Armenia"


#: "place" marks a city or region read as a speaker: such an attribution is never a claim (kg/extract/speakers.py)
MENTION_KINDS = ("person", "organization", "country", "group", "anonymous", "narrator", "unknown", "place")
#: Kinds that stand for someone in one article only: "a senior official" in two articles is not one person, and
#: each article has its own narrator (kg.rdf gives them article-scoped agents, kg.resolve.local never links them).
ARTICLE_SCOPED_KINDS = frozenset({"anonymous", "narrator"})


@dataclass(frozen=True)
class Quantity:
    """A figure as an interval: ``more than 200`` killed is deaths in (200, inf).

    ``low``/``high`` are None where unbounded. ``event`` is the phrase naming what was measured, as written
    (``the offensive``), and ``event_time`` the time it refers to, resolved against the article date when possible
    (``2020``, ``2023-09``, ``2023-09-20``).
    """

    measure: str  # local name of a cg: measure individual, e.g. "deaths"
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    span: Span  # the figure with its qualifier: "more than 200"
    qualifier: str | None = None  # "more than", "nearly", ...
    counted: str | None = None  # the counted noun as written: "people", "peacekeepers"
    unit: str | None = None  # "USD", "percent", "day", ...
    point: float | None = None  # the figure as written, when there is one
    event: str | None = None
    event_span: Span | None = None
    event_time: str | None = None
    #: money only: the ISO 4217 code of the currency the figure is written in ("AUD" for "A$1.2bn")
    currency: str | None = None
    #: money only: the same amount converted into other currencies, as the article gives it in brackets ("70m euros
    #: ($91m; £49m)" is one figure in EUR with alternatives in USD and GBP), each with its own span and currency
    alternatives: tuple[Quantity, ...] = ()
    #: the figure is a difference, not a level or a count: "increase" ("up 11%", "rose by 5,000"), "decrease" ("230
    #: fewer serious injuries") or "change"; a change is never compared with levels or counts of the same measure
    change: str | None = None
    #: "from a to b": a, the level before (the bounds are those of b, the level after)
    change_from: float | None = None
    #: what the figure covers of what it counts (kg.namespaces.SCOPES): "another four died" is an increment, "seven
    #: injured in one province" a part, "a 20-year veteran" an attribute; only totals are compared with each other
    scope: str = "total"
    #: when no event is involved, the entity the figure describes, as written ("LG Card" for "LG Card owes $12bn")
    subject: str | None = None
    subject_span: Span | None = None


@dataclass(frozen=True)
class Claim:
    """Something a claimant put forward in an article.

    ``content`` may have several parts (a quote split by its attribution). ``narrator`` marks the article's own
    statements of fact, whose claimant is the publisher or wire service.
    """

    claimant: Mention
    stance: str  # local name of a cg: stance individual, e.g. "assert", "deny"
    content: tuple[Span, ...]
    sentence: Span  # the sentence(s) holding the claim, for display
    cue: Span | None = None
    direct_quote: bool = False
    narrator: bool = False
    confidence: float = 0.5
    quantity: Quantity | None = None
    about: tuple[Mention, ...] = ()
    extractor: str = "rules"  # which strategy produced it

    def content_text(self, text: str) -> str:
        return " … ".join(part.of(text) for part in self.content)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    claims: tuple[Claim, ...] = ()
    #: attributions that are not claims (an action, a negated cue, no nameable speaker), each with why: kept for
    #: ``kg extract`` and the PolNeAR bench, never stored
    rejected: tuple[tuple[Claim, str], ...] = ()
    mentions: tuple[Mention, ...] = field(default=())
    #: errors extraction caught and logged (an attribution it had to drop): the article stands, with less in it
    recovered_errors: int = 0
