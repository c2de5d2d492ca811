"""Read canonical entities back from the entities graph, most claims first.

``queries/entity_order.rq`` gives every entity's name and claim count, which order the listing (most claims first,
then name, then IRI); ``queries/entity_fields.rq`` reads the aliases, roles, type and Wikidata IRI of the page's
entities only (bound with a VALUES block, kg.queries.bind_list), or of every entity when a name filter must look at
the aliases. ``queries/entities.rq`` answers the same in one query, for `kg query entities`.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import kind_of_class
from kg.queries import bind_list, load_named
from kg.store import BaseStore

#: Up to this many entities, a page's fields are read for those entities only (VALUES); beyond, for every entity.
FIELDS_BY_NAME = 500


def _split(packed: str | None) -> list[str]:
    return sorted(filter(None, (packed or "").split("|")))


def _fields(store: BaseStore, entities: list[str] | None) -> dict[str, dict[str, Any]]:
    """entity_fields.rq rows by entity: of ``entities``, or of every entity when None."""
    query = load_named("entity_fields")
    if entities is not None:
        if not entities:
            return {}
        query = bind_list(query, "entity", [ox.NamedNode(entity) for entity in entities])
    return {row["entity"]: row for row in store.select(query)}


def _entity(order: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    wikidata = fields.get("wikidata")
    return {"id": order["entity"], "name": order["name"], "kind": kind_of_class(fields.get("type")),
            "aliases": _split(fields.get("aliases")), "roles": _split(fields.get("roles")),
            "wikidata": wikidata.rsplit("/", 1)[-1] if wikidata else None, "claims": int(order.get("claims") or 0)}


def list_entities(store: BaseStore, *, name: str | None = None, offset: int = 0,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Entities with aliases, roles, Wikidata ID and claim count, most claims first (then by name and IRI);
    ``name`` filters on name or alias (substring, case-insensitive); ``offset``/``limit`` skip the first ``offset``
    of that listing and return at most ``limit`` of the rest. Raises QueryError for a negative offset or limit."""
    return entities_page(store, name=name, offset=offset, limit=limit)[0]


def entities_page(store: BaseStore, *, name: str | None = None, offset: int = 0,
                  limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """:func:`list_entities`, and how many entities the whole listing (with ``name``'s filter) holds."""
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError(f"offset and limit must be 0 or more (got offset {offset}, limit {limit})")
    ordered = sorted(store.select(load_named("entity_order")),
                     key=lambda row: (-int(row["claims"] or 0), row["name"], row["entity"]))
    end = None if limit is None else offset + limit
    if not name:
        page = ordered[offset:end]
        # a long page is read whole: one pass over the entities graph beats a VALUES block of thousands
        fields = _fields(store, None if len(page) > FIELDS_BY_NAME else sorted({row["entity"] for row in page}))
        return [_entity(row, fields.get(row["entity"], {})) for row in page], len(ordered)
    fields = _fields(store, None)
    wanted = name.casefold()
    matching = [entity for entity in (_entity(row, fields.get(row["entity"], {})) for row in ordered)
                if any(wanted in text.casefold() for text in (entity["name"], *entity["aliases"]))]
    return matching[offset:end], len(matching)
