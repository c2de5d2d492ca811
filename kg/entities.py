"""Read canonical entities back from the entities graph (queries/entities.rq)."""
from __future__ import annotations

from typing import Any

from kg.namespaces import kind_of_class
from kg.queries import load_named
from kg.store import BaseStore


def list_entities(store: BaseStore, *, name: str | None = None) -> list[dict[str, Any]]:
    """Entities with aliases, roles, Wikidata ID and claim count; ``name`` filters on name or alias (substring)."""
    rows = store.select(load_named("entities"))
    entities = []
    for row in rows:
        aliases = sorted(filter(None, (row.get("aliases") or "").split("|")))
        if name and not any(name.casefold() in text.casefold() for text in (row["name"], *aliases)):
            continue
        wikidata = row.get("wikidata")
        entities.append({
            "id": row["entity"], "name": row["name"], "kind": kind_of_class(row.get("type")), "aliases": aliases,
            "roles": sorted(filter(None, (row.get("roles") or "").split("|"))),
            "wikidata": wikidata.rsplit("/", 1)[-1] if wikidata else None, "claims": int(row.get("claims") or 0),
        })
    return entities
