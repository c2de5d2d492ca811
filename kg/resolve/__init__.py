"""Resolution: canonical entities and events across articles (pure library code: no store, no I/O but data files).

- :class:`Resolver` — people, organisations, countries and places (``Resolver(known).add(article_id, mentions)``).
- :class:`EventResolver` — the real-world event a figure measures (``the 2020 war`` = ``44 days of fighting``).
- :func:`infer_article_date` — an article's date from metadata, photo captions or its text (kept here for callers;
  it lives in :mod:`kg.dates`).
"""
from kg.dates import infer_article_date, resolve_relative
from kg.resolve.entities import Entity, MentionRef, Resolver, RoleRecord, entity_iri
from kg.resolve.events import Event, EventMention, EventResolver, event_iri
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer

__all__ = [
    "Entity", "Event", "EventMention", "EventResolver", "Gazetteer", "GazetteerEntry", "MentionRef", "Resolver",
    "RoleRecord", "entity_iri", "event_iri", "infer_article_date", "load_gazetteer", "resolve_relative",
]
