"""One event per real-world event that figures measure: ``the 2020 war`` = ``a six-week war with Armenia in 2020``
= ``44 days of fighting that began in late September`` (in a December 2020 article); ``the offensive`` of
September 2023 is another.

An event mention is compared with each known event on four things: its kind (war, fighting, offensive, protest...),
its time (explicit, or assumed from the article date), its length (``six-week`` ~ ``44 days``) and who/where
(places and participants from the sentence or article). Clashing times or lengths block a merge; agreements add
points; a merge needs :data:`MERGE_THRESHOLD` points, and every merge records its reasons as evidence. Two incidents
(:data:`INCIDENT_TYPES`: attacks, shootings, explosions) whose sentences name towns and no town in common are two
events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable

from kg.dates import TimeSpan, parse_iso, parse_time
from kg.namespaces import mint, slug
from kg.resolve.gazetteer import Gazetteer, load_gazetteer
from kg.resolve.names import fold, strip_possessive
from kg.words import NUMBER_WORDS

#: Event words -> (type, family). Families say which kinds of words can name the same event.
EVENT_WORDS: dict[str, tuple[str, str]] = {
    **{word: ("war", "armed conflict") for word in ("war", "wars", "warfare")},
    **{word: ("fighting", "armed conflict") for word in ("fighting", "hostilities", "combat", "battle", "battles")},
    **{word: ("conflict", "armed conflict") for word in ("conflict",)},
    **{word: ("clashes", "armed conflict") for word in ("clash", "clashes", "skirmish", "skirmishes")},
    **{word: ("offensive", "military operation") for word in ("offensive", "operation", "assault", "incursion",
                                                              "counteroffensive", "blitz")},
    **{word: ("attack", "military operation") for word in ("attack", "attacks", "strike", "strikes", "airstrike",
                                                           "airstrikes", "raid", "raids", "bombing", "bombings",
                                                           "shelling", "bombardment")},
    **{word: ("invasion", "military operation") for word in ("invasion", "occupation")},
    **{word: ("protest", "protest") for word in ("protest", "protests", "rally", "rallies", "demonstration",
                                                 "demonstrations", "march", "riot", "riots", "unrest", "uprising")},
    **{word: ("disaster", "disaster") for word in ("earthquake", "quake", "flood", "floods", "hurricane", "storm",
                                                   "wildfire", "tsunami", "cyclone", "typhoon", "landslide")},
    **{word: ("explosion", "disaster") for word in ("explosion", "blast", "fire", "crash")},
    **{word: ("shooting", "violence") for word in ("shooting", "massacre", "killing", "killings", "stabbing")},
    **{word: ("exodus", "displacement") for word in ("exodus", "evacuation", "displacement", "flight")},
    **{word: ("blockade", "blockade") for word in ("blockade", "siege")},
    **{word: ("election", "election") for word in ("election", "elections", "vote", "referendum")},
}
#: Families that may name the same happening: a war's opening "offensive", an "invasion" that became a war.
COMPATIBLE_FAMILIES = {frozenset({"armed conflict", "military operation"})}
#: How long an assumed (undated) event may have run before the article: wars last, attacks are recent.
ASSUMED_SPAN_DAYS = {"armed conflict": 365 * 4, "blockade": 365, "displacement": 60}
ASSUMED_SPAN_DEFAULT = 31
MERGE_THRESHOLD = 3
#: Kinds of event that happen in one town: an attack in Nice is not the one in Munich, whatever else they share
#: (the same kind, a country, an assumed time). A war, an offensive, a protest movement or a disaster spans places.
INCIDENT_TYPES = frozenset({"attack", "shooting", "explosion"})

_DURATION = re.compile(r"\b(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")[\s-]+(?P<unit>day|week|month|year)s?\b",
                       re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*")


@dataclass(frozen=True)
class EventMention:
    """What a figure measures, as one article writes it, with the context that places it."""

    phrase: str  # "44 days of fighting that began in late September"
    article_id: str
    event_time: str | None = None  # "2020", "2023-09", "2023-09-20" when the extractor resolved one
    published: str | None = None  # the article's ISO date, if known
    places: tuple[str, ...] = ()  # places named in the sentence or article
    participants: tuple[str, ...] = ()  # agents named in the sentence or article (names or entity ids)
    kind: str | None = None  # the event word when the caller knows it better (e.g. a lemma)


@dataclass
class Event:
    """A canonical event. ``evidence`` says, per merge, why a mention was judged the same event."""

    id: str
    type: str
    family: str
    time: TimeSpan | None
    time_assumed: bool
    duration_days: float | None
    places: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    mentions: list[EventMention] = field(default_factory=list)
    evidence: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "type": self.type, "time": self.time.label() if self.time else None,
                "time_assumed": self.time_assumed, "duration_days": self.duration_days,
                "places": sorted(self.places), "participants": sorted(self.participants),
                "phrases": [mention.phrase for mention in self.mentions], "evidence": self.evidence}


def event_iri(event_id: str) -> str:
    return mint("event", *event_id.split("/"))


def duration_days(phrase: str) -> float | None:
    """``six-week`` -> 42, ``44 days`` -> 44, ``two-day`` -> 2; None when the phrase gives no length."""
    match = _DURATION.search(phrase)
    if not match:
        return None
    count = match.group("count").lower()
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    return float(number * _UNIT_DAYS[match.group("unit").lower()])


def event_type(phrase: str, kind: str | None = None) -> tuple[str, str]:
    """(type, family) from the first known event word (``military offensive`` -> offensive); unknown
    words are their own type and family (``rehab`` only matches ``rehab``)."""
    if kind:
        return EVENT_WORDS.get(fold(kind), (fold(kind), fold(kind)))
    found = [EVENT_WORDS[word] for word in fold(phrase).split() if word in EVENT_WORDS]
    if found:
        return found[0]  # "44 days of fighting that ended in a truce": the first event word is the head
    words = fold(phrase).split()
    head = words[-1] if words else "event"
    return head, head


class EventResolver:
    """Incremental event clustering: ``add(mention) -> event id``; same inputs in the same order, same ids."""

    def __init__(self, gazetteer: Gazetteer | None = None, normalize: Callable[[str], str] | None = None,
                 merge_threshold: int = MERGE_THRESHOLD) -> None:
        self.merge_threshold = merge_threshold
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._normalize = normalize or self._default_normalize
        self.events: dict[str, Event] = {}
        self._by_family: dict[str, list[Event]] = {}
        self._order: dict[str, int] = {}

    def resolve(self, mentions: Iterable[EventMention]) -> dict[EventMention, str]:
        return {mention: self.add(mention) for mention in mentions}

    def add(self, mention: EventMention) -> str:
        """The id of ``mention``'s event, merging into the best-scoring known event or starting a new one."""
        facts = self._facts(mention)
        best: tuple[int, str, list[str]] | None = None
        # Only events of the same or a compatible family can score (see _score), so only those are compared:
        # blocking by family keeps resolution linear in the number of families, not quadratic in mentions.
        families = {facts["family"]} | {other for pair in COMPATIBLE_FAMILIES if facts["family"] in pair
                                        for other in pair}
        candidates = sorted((event for family in families for event in self._by_family.get(family, ())),
                            key=lambda event: self._order[event.id])
        for event in candidates:
            scored = self._score(facts, event, mention)
            if scored is not None and scored[0] >= self.merge_threshold and (best is None or scored[0] > best[0]):
                best = (scored[0], event.id, scored[1])
        if best is None:
            return self._new(facts, mention).id
        event = self.events[best[1]]
        event.mentions.append(mention)
        event.evidence.append([f"{mention.phrase!r} ({mention.article_id})", *best[2]])
        event.places |= facts["places"]
        event.participants |= facts["participants"]
        if facts["time"] is not None and (event.time is None or event.time_assumed or
                                          _narrower(facts["time"], event.time)) and not facts["assumed"]:
            event.time, event.time_assumed = facts["time"], False
        if event.duration_days is None:
            event.duration_days = facts["duration"]
        return event.id

    # -- features -----------------------------------------------------------------------------------------------
    def _default_normalize(self, name: str) -> str:
        """Gazetteer key for a known name or demonym (``Türkiye`` and ``Turkish`` -> country/turkey)."""
        bare = strip_possessive(name)
        if (country := self.gazetteer.country_of(bare)) is not None:
            return country
        found = self.gazetteer.lookup(bare)
        return found[0].key if found else fold(bare)

    def _facts(self, mention: EventMention) -> dict:
        kind, family = event_type(mention.phrase, mention.kind)
        published = parse_iso(mention.published)
        time = parse_time(mention.event_time, published) if mention.event_time else None
        time = time or parse_time(mention.phrase, published)
        duration = duration_days(mention.phrase)
        if time is not None and duration and time.precision != "year":
            time = TimeSpan(time.start, time.end + timedelta(days=duration), time.precision)  # began ..., lasted
        assumed = False
        if time is None and published is not None:
            # Undated "the offensive" in a September 2023 story: something shortly before the story.
            span = ASSUMED_SPAN_DAYS.get(family, ASSUMED_SPAN_DEFAULT)
            time, assumed = TimeSpan(published - timedelta(days=span), published, "assumed"), True
        # Names inside the phrase ("a six-week war with Armenia") count only when the gazetteer knows them, so
        # "The" or "September" never become participants.
        named = {key for match in _CAPITALISED.finditer(mention.phrase)
                 if "/" in (key := self._normalize(match.group(0)))}
        places = {self._normalize(place) for place in mention.places}
        participants = {self._normalize(name) for name in mention.participants} | named
        places |= {key for key in participants if key.startswith("place/")}
        participants -= places
        return {"type": kind, "family": family, "time": time, "assumed": assumed, "duration": duration,
                "places": places, "participants": participants}

    def _score(self, facts: dict, event: Event, mention: EventMention) -> tuple[int, list[str]] | None:
        """(points, reasons) for merging, or None when something rules the merge out."""
        reasons: list[str] = []
        points = 0
        if facts["type"] == event.type:
            points += 2
            reasons.append(f"same kind: {event.type}")
        elif facts["family"] == event.family:
            points += 1
            reasons.append(f"same family ({event.family}): {facts['type']} ~ {event.type}")
        elif frozenset({facts["family"], event.family}) in COMPATIBLE_FAMILIES:
            reasons.append(f"related families: {facts['family']} ~ {event.family}")
        else:
            return None
        if facts["type"] in INCIDENT_TYPES and event.type in INCIDENT_TYPES:
            towns, theirs = _towns(facts["places"]), _towns(event.places)
            if towns and theirs and not towns & theirs:
                return None  # "the attack" in Nice and "the attack" in Munich: two incidents, though both in Europe
        time, other = facts["time"], event.time
        if time is not None and other is not None:
            if not time.overlaps(other):
                return None
            if facts["assumed"] or event.time_assumed:
                reasons.append(f"time consistent: {time.label()} ~ {other.label()} (assumed from article date)")
            else:
                fine = "year" not in (time.precision, other.precision)
                points += 2 if fine else 1
                reasons.append(f"time overlaps: {time.label()} ~ {other.label()}")
        if facts["duration"] and event.duration_days:
            ratio = max(facts["duration"], event.duration_days) / min(facts["duration"], event.duration_days)
            if ratio > 1.5:
                return None
            points += 1
            reasons.append(f"length agrees: {facts['duration']:g} ~ {event.duration_days:g} days")
        shared_places = sorted(facts["places"] & event.places)
        if shared_places:
            points += min(2, len(shared_places))
            reasons.append("same place: " + ", ".join(shared_places))
        shared = sorted(facts["participants"] & event.participants)
        if shared:
            points += min(2, len(shared))
            reasons.append("same participants: " + ", ".join(shared))
        if any(fold(previous.phrase) == fold(mention.phrase) and previous.article_id == mention.article_id
               for previous in event.mentions):
            points += 2  # "the offensive" twice in one story is one offensive
            reasons.append("same phrase in the same article")
        return points, reasons

    def _new(self, facts: dict, mention: EventMention) -> Event:
        time: TimeSpan | None = facts["time"]
        when = time.label() if time is not None and not facts["assumed"] else \
            (f"c{time.end.isoformat()[:7]}" if time is not None else "undated")
        where = sorted(facts["places"])[0].split("/")[-1] if facts["places"] else ""
        base_id = "event/" + "-".join(part for part in (slug(facts["type"], 30), slug(when, 24),
                                                        slug(where, 30) if where else "") if part)
        event_id, counter = base_id, 2
        while event_id in self.events:
            event_id, counter = f"{base_id}-{counter}", counter + 1
        event = Event(event_id, facts["type"], facts["family"], time, facts["assumed"], facts["duration"],
                      set(facts["places"]), set(facts["participants"]), [mention],
                      [[f"{mention.phrase!r} ({mention.article_id})", "first mention"]])
        self.events[event_id] = event
        self._order[event_id] = len(self._order)
        self._by_family.setdefault(event.family, []).append(event)
        return event


def _towns(places: set[str]) -> set[str]:
    """The places below a country (gazetteer keys ``place/...``: cities, towns, regions)."""
    return {place for place in places if place.startswith("place/")}


def _narrower(candidate: TimeSpan, current: TimeSpan) -> bool:
    return (candidate.end - candidate.start) < (current.end - current.start)


def reference_date(published: str | None) -> date | None:
    """The article date as a ``date`` (exported for callers building EventMentions)."""
    return parse_iso(published)
