"""One canonical entity per person, organisation and place across articles, resolved incrementally.

``Resolver(known).add(article_id, mentions)`` first groups the article's mentions (:mod:`kg.resolve.local`), then
links each group to an existing entity, a gazetteer entry, or a new entity. Ids are deterministic: the gazetteer
key (``person/recep-tayyip-erdogan``) or the slug of the first full name seen (``person/olesya-vartanyan``), so
feeding the same articles in the same order gives the same ids. Anonymous sources, narrators and unnamed roles
never leave their article: their ids carry the article id.

Across articles a person is merged conservatively, because a wrong merge puts words in someone's mouth while a
missed one only splits a name in two:

- the same full name (``Tayyip Erdogan`` ~ ``Recep Tayyip Erdogan``), or a gazetteer name, merges;
- a full name spelt a little differently (``Nikola`` ~ ``Nikol Pashinyan``) or with an initial merges only when
  the role or the country agrees, or the two articles tell the same story (:meth:`Resolver._same_story`);
- a bare surname (``Mr Blair``) merges only with a gazetteer alias, or within the same story at close dates;
- nothing merges across a clash: other countries, ``Mr``/``Mrs``, different offices (an economist and a politician
  called Archer) for anything short of the same full name;
- two groups that :mod:`kg.resolve.local` kept apart in one article never become one entity;
- a role without a name (``the prime minister``) is resolved inside its article or through the gazetteer's
  offices at the article's date (:mod:`kg.resolve.local`), never through roles other articles gave someone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from kg.namespaces import mint, slug
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kg.resolve.local import LocalCluster, cluster_article
from kg.resolve.names import (canonical_role, fold, given_match, initials, loose_surname, org_key, role_head,
                              roles_compatible, split_person_name)
from kg.types import Mention

#: Local cluster kinds that are only ever resolved within their own article.
ARTICLE_LOCAL = ("anonymous", "narrator", "role", "pronoun", "nominal", "group-nominal", "group")
_ID_PREFIX = {"organization": "org", "country": "country", "place": "place", "person": "person", "group": "group"}
#: How strongly a given-name relation says "same person"; ``near`` counts only with a role/affiliation match.
_GIVEN_RANK = {"same": 4, "subset": 3, "initial": 2, "near": 1, "absent": 0}
#: Relations that name the person in full: they merge without further evidence.
_FULL_NAME = ("same", "subset")
#: Two articles tell the same story when they share this many canonical entities, one of them a person...
STORY_SHARED_ENTITIES = 2
#: ...and, for a bare surname, were published at most this many days apart (when both dates are known).
STORY_DAYS = 31


@dataclass(frozen=True)
class RoleRecord:
    """A role an article gave an entity: ``Foreign Minister`` (foreign minister) of country/azerbaijan."""

    role: str  # as written
    canonical: str | None
    affiliation: str | None  # gazetteer key, or "name:<folded text>"
    date: str | None  # the article's date when known
    article_id: str


@dataclass(frozen=True)
class MentionRef:
    article_id: str
    mention: Mention


@dataclass
class Entity:
    """A canonical agent. Mutable while resolution runs; read it, don't change it, outside the resolver."""

    id: str
    kind: str  # person, organization, country, place, group, anonymous, narrator, role, ...
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleRecord] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    affiliations: set[str] = field(default_factory=set)
    wikidata: str | None = None
    given_names: list[tuple[str, ...]] = field(default_factory=list)  # folded, for comparing people
    article_local: bool = False
    genders: set[str] = field(default_factory=set)  # from honorifics ("Mrs"), for telling people apart

    @property
    def role_heads(self) -> set[str]:
        return {head for record in self.roles if (head := role_head(record.role))}

    @property
    def canonical_roles(self) -> set[str]:
        return {record.canonical for record in self.roles if record.canonical}

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "name": self.name, "aliases": sorted(set(self.aliases)),
            "wikidata": self.wikidata, "affiliations": sorted(self.affiliations),
            "roles": [{"role": r.role, "canonical": r.canonical, "affiliation": r.affiliation, "date": r.date,
                       "article": r.article_id} for r in self.roles],
            "mentions": len(self.mentions),
        }


def entity_iri(entity_id: str) -> str:
    """The IRI for an entity id: ``person/nikol-pashinyan`` -> ``<base>agent/person/nikol-pashinyan``."""
    return mint("agent", *entity_id.split("/"))


def _countries(keys: set[str]) -> set[str]:
    return {key for key in keys if key.startswith("country/")}


def _parse_date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


class Resolver:
    """Incremental cross-article entity resolution. Not thread-safe: run one per process and merge by re-running."""

    def __init__(self, known_entities: Iterable[Entity] = (), gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.entities: dict[str, Entity] = {}
        self._by_alias: dict[tuple[str, str], list[str]] = {}  # (kind, folded alias) -> ids, non-persons
        self._by_surname: dict[str, list[str]] = {}  # loose surname -> person ids
        self._gazetteer_by_surname: dict[str, list[GazetteerEntry]] = {}
        self._contexts: dict[str, frozenset[str]] = {}  # article id -> canonical entities it names
        self._dates: dict[str, date | None] = {}  # article id -> publication date
        self._articles: dict[str, set[str]] = {}  # entity id -> articles naming it
        for entry in self.gazetteer.entries.values():
            if entry.type == "person":
                for surname in {loose_surname(name.surname) for alias in entry.names()
                                if (name := split_person_name(alias))}:
                    self._gazetteer_by_surname.setdefault(surname, []).append(entry)
        for entity in known_entities:
            self._index(entity)

    # -- public API ---------------------------------------------------------------------------------------------
    def add(self, article_id: str, mentions: Sequence[Mention], published: str | None = None) -> dict[Mention, str]:
        """Resolve one article's mentions; returns each mention's entity id. ``published``: ISO date, if known."""
        year = int(published[:4]) if published and published[:4].isdigit() else None
        when = _parse_date(published)
        mapping: dict[Mention, str] = {}
        taken: set[str] = set()  # entities this article's groups already went to: two groups never become one
        deferred: list[LocalCluster] = []

        def settle(cluster: LocalCluster, entity: Entity) -> None:
            self._absorb(entity, cluster, article_id, published)
            taken.add(entity.id)
            for mention in cluster.mentions:
                mapping[mention] = entity.id

        # First what the article names for sure (places, organisations, full names), which is the story it tells;
        # then the names that need that story to be linked (bare surnames, near spellings).
        for cluster in cluster_article(mentions, self.gazetteer, year):
            if cluster.kind == "person" and cluster.gazetteer is None:
                entity = self._link_person(cluster, taken)
                if entity is None:
                    deferred.append(cluster)
                    continue
            else:
                entity = self._link(cluster, article_id)
            settle(cluster, entity)
        context = frozenset(entity_id for entity_id in taken if not self.entities[entity_id].article_local)
        for cluster in deferred:
            settle(cluster, self._link_person(cluster, taken, context, when) or
                   self._new("person", cluster.best_display()))
        self._contexts[article_id] = frozenset(entity_id for entity_id in taken
                                               if not self.entities[entity_id].article_local)
        self._dates[article_id] = when
        return mapping

    def entity(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def by_name(self, name: str) -> list[Entity]:
        """Entities one of whose names or aliases folds like ``name`` (for tests and lookups)."""
        folded = fold(name)
        return [entity for entity in self.entities.values()
                if folded in {fold(alias) for alias in (entity.name, *entity.aliases)}]

    # -- linking ------------------------------------------------------------------------------------------------
    def _link(self, cluster: LocalCluster, article_id: str) -> Entity:
        if cluster.kind in ARTICLE_LOCAL and cluster.gazetteer is None:
            return self._article_local(cluster, article_id)
        if cluster.gazetteer is not None:
            return self._from_gazetteer(cluster.gazetteer)
        if (person := self._person_tagged_as_organisation(cluster)) is not None:
            return person
        keys = [org_key(surface) for surface in cluster.surfaces if org_key(surface)]
        for key in keys:
            ids = self._by_alias.get((cluster.kind, key), [])
            if ids:
                return self.entities[ids[0]]
        acronym = keys[0].replace(" ", "") if keys else ""
        for (kind, alias), ids in self._by_alias.items():
            if kind != cluster.kind:
                continue
            if len(acronym) >= 2 and initials(alias) == acronym and " " in alias and \
                    cluster.surfaces[0].replace(".", "").isupper():
                return self.entities[ids[0]]  # "SDF" seen before as "Syrian Democratic Forces"
            # "Betty Ford" ~ "Betty Ford Center": a two-word-or-longer start of a known name (never "Washington"
            # for "Washington Post").
            if any(" " in key and (alias.startswith(key + " ") or key.startswith(alias + " ")) and " " in alias
                   for key in keys):
                return self.entities[ids[0]]
        return self._new(cluster.kind, cluster.best_display())

    def _person_tagged_as_organisation(self, cluster: LocalCluster) -> Entity | None:
        """A known person whose full name an organisation or group carries: ``Recep Tayyip Erdogan`` tagged ORG in
        one article is the ``Tayyip Erdogan`` of another (the same full name, never a bare surname)."""
        if cluster.kind not in ("organization", "group") or not cluster.surfaces:
            return None
        name = split_person_name(cluster.surfaces[0])
        if name is None or not name.given or name.prefix:
            return None
        matches = [entity for entity_id in self._by_surname.get(loose_surname(name.surname), [])
                   if (entity := self.entities[entity_id]).kind == "person"
                   and any(given_match(name.given, given) in _FULL_NAME for given in entity.given_names)]
        return matches[0] if len(matches) == 1 else None

    def _link_person(self, cluster: LocalCluster, taken: set[str], context: frozenset[str] | None = None,
                     when: date | None = None) -> Entity | None:
        """The entity a person group is, a new one, or None (first pass, ``context`` None) when only the story the
        article tells can decide: a bare surname or a near spelling whose role and country say nothing."""
        surname = cluster.surname_key or ""
        scored: list[tuple[int, int, str, Entity | GazetteerEntry]] = []
        seen_gazetteer = set()
        for entity_id in self._by_surname.get(surname, []):
            entity = self.entities[entity_id]
            seen_gazetteer.add(entity_id)
            if entity_id in taken:
                continue
            scored += self._score(cluster, entity.given_names, entity.canonical_roles, entity.role_heads,
                                  entity.affiliations, entity.genders, entity)
        for entry in self._gazetteer_by_surname.get(surname, []):
            if entry.key in seen_gazetteer or entry.key in taken:
                continue
            given = [name.given for alias in entry.names() if (name := split_person_name(alias))]
            roles = {office.role for office in entry.offices}
            scored += self._score(cluster, given, roles, roles, {entry.affiliation} if entry.affiliation else set(),
                                  set(), entry)
        confident = [item for item in scored if self._confident(cluster, item, context, when)]
        if confident:
            confident.sort(key=lambda item: (-item[0], -item[1], item[2]))
            best = confident[0]
            # A bare surname that fits two known people equally: don't guess.
            ambiguous = best[0] == 0 and len(confident) > 1 and confident[1][:2] == best[:2]
            if not ambiguous:
                target = best[3]
                return target if isinstance(target, Entity) else self._from_gazetteer(target)
        if context is None and any(item[0] < _GIVEN_RANK["subset"] for item in scored):
            return None  # the story may still decide: link after the rest of the article
        return self._new("person", cluster.best_display())

    def _confident(self, cluster: LocalCluster, item: tuple[int, int, str, object], context: frozenset[str] | None,
                   when: date | None) -> bool:
        """Whether a scored candidate is enough evidence to merge (see the module docstring)."""
        rank, agreement, _, target = item
        if rank >= _GIVEN_RANK["subset"]:
            return True
        if isinstance(target, GazetteerEntry):
            # a gazetteer alias: "Erdogan" is listed for Recep Tayyip Erdoğan; a near spelling needs agreement
            listed = {fold(alias) for alias in target.names()}
            return (rank == 0 and any(fold(name.display) in listed for name in cluster.names)) or \
                (rank > 0 and agreement > 0)
        if rank > 0 and agreement > 0:
            return True  # "Nikola Pashinyan", prime minister ~ "Nikol Pashinyan", prime minister
        if context is None:
            return False
        # a near spelling or an initial in the same story; a bare surname in the same story at close dates
        return self._same_story(target.id, context, when if rank == 0 else None)

    def _same_story(self, entity_id: str, context: frozenset[str], when: date | None) -> bool:
        """Whether an article naming ``context`` tells the story of one naming ``entity_id``: they share
        :data:`STORY_SHARED_ENTITIES` entities besides it, a person among them (news agencies and countries are in
        every story), and with ``when`` were published at most :data:`STORY_DAYS` apart."""
        for article in sorted(self._articles.get(entity_id, ())):
            shared = (self._contexts.get(article, frozenset()) & context) - {entity_id}
            if len(shared) < STORY_SHARED_ENTITIES or \
                    not any(self.entities[other].kind == "person" for other in shared):
                continue
            other_date = self._dates.get(article)
            if when is not None and other_date is not None and abs((when - other_date).days) > STORY_DAYS:
                continue
            return True
        return False

    def _score(self, cluster: LocalCluster, given_names: list[tuple[str, ...]], roles: set[str],
               role_heads: set[str], affiliations: set[str], genders: set[str],
               target: Entity | GazetteerEntry) -> list[tuple[int, int, str, object]]:
        """[(given-name rank, agreement, tie-break id, target)] if ``target`` may be this cluster's person, else []."""
        mine, theirs = _countries(cluster.affiliations), _countries(affiliations)
        if mine and theirs and not mine & theirs:
            return []  # an Armenian Smith and an American Smith are two people
        if cluster.genders and genders and not cluster.genders & genders:
            return []  # Mrs Howard is not Mr Howard
        relations = [given_match(cluster.given, given) for given in given_names] or ["absent"]
        best = max(relations, key=lambda relation: _GIVEN_RANK.get(relation, -1))
        if best == "different" or ("different" in relations and best not in _FULL_NAME):
            return []  # known as "Jane Smith" and "J. Smith": "Joan Smith" fits the initial, not the name
        heads = {head for text in cluster.role_texts if (head := role_head(text))} | cluster.roles
        if best not in _FULL_NAME and heads and role_heads and \
                not any(roles_compatible(left, right) for left in heads for right in role_heads):
            return []  # "Archer", an economist, is not Archer the politician: short of a full name, offices decide
        role_agrees = any(roles_compatible(left, right) for left in cluster.roles for right in roles)
        agreement = int(role_agrees) + int(bool(mine & theirs))
        if best == "near" and not agreement and not isinstance(target, Entity):
            return []  # "Nikola" ~ "Nikol" for a gazetteer name only when the role or country agrees
        identifier = target.id if isinstance(target, Entity) else target.key
        return [(_GIVEN_RANK[best], agreement, identifier, target)]

    # -- bookkeeping --------------------------------------------------------------------------------------------
    def _article_local(self, cluster: LocalCluster, article_id: str) -> Entity:
        kind = "group" if cluster.kind == "group-nominal" else cluster.kind
        label = cluster.best_display() or kind
        local_id = f"{kind}/{slug(article_id, 80)}" if kind == "narrator" else \
            f"{kind}/{slug(article_id, 80)}/{slug(label)}"
        if local_id not in self.entities:
            self.entities[local_id] = Entity(local_id, kind, label, article_local=True)
        return self.entities[local_id]

    def _from_gazetteer(self, entry: GazetteerEntry) -> Entity:
        if entry.key not in self.entities:
            entity = Entity(entry.key, entry.type, entry.name, aliases=list(entry.names()), wikidata=entry.qid,
                            affiliations={entry.affiliation} if entry.affiliation else set())
            if entry.type == "person":
                entity.given_names = [name.given for alias in entry.names() if (name := split_person_name(alias))]
            self._index(entity)
        return self.entities[entry.key]

    def _new(self, kind: str, name: str) -> Entity:
        base_id = f"{_ID_PREFIX.get(kind, kind)}/{slug(name)}"
        entity_id, counter = base_id, 2
        while entity_id in self.entities:  # a second "John Smith" who is not the first one
            entity_id, counter = f"{base_id}-{counter}", counter + 1
        entity = Entity(entity_id, kind, name, aliases=[name])
        self._index(entity)
        return entity

    def _index(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        if entity.article_local:
            return
        for alias in (entity.name, *entity.aliases):
            if entity.kind == "person":
                name = split_person_name(alias)
                if name is not None:
                    ids = self._by_surname.setdefault(loose_surname(name.surname), [])
                    if entity.id not in ids:
                        ids.append(entity.id)
            else:
                ids = self._by_alias.setdefault((entity.kind, org_key(alias)), [])
                if entity.id not in ids:
                    ids.append(entity.id)

    def _absorb(self, entity: Entity, cluster: LocalCluster, article_id: str, published: str | None) -> None:
        """Record the cluster's names, roles and mentions on ``entity``; a fuller name becomes the label."""
        entity.mentions += [MentionRef(article_id, mention) for mention in cluster.mentions]
        if not entity.article_local:
            self._articles.setdefault(entity.id, set()).add(article_id)
        entity.affiliations |= cluster.affiliations
        entity.genders |= cluster.genders
        new_aliases = [surface for surface in cluster.surfaces if surface and surface not in entity.aliases]
        entity.aliases += [name.display for name in cluster.names if name.display not in entity.aliases]
        if entity.kind != "person":
            entity.aliases += [alias for alias in new_aliases if alias not in entity.aliases]
        for name in cluster.names:
            if name.given and name.given not in entity.given_names:
                entity.given_names.append(name.given)  # misspelt variants too ("Nikola"), for matching later
            label = split_person_name(entity.name)
            # The label grows to a fuller form of the same name ("Tayyip Erdogan" -> "Recep Tayyip Erdogan"),
            # never to a spelling variant, and never away from the gazetteer's name.
            if entity.id not in self.gazetteer.entries and label is not None and \
                    len(name.given) > len(label.given) and given_match(name.given, label.given) in ("subset", "absent"):
                entity.name = name.display
        affiliation = next(iter(sorted(cluster.affiliations)), None)
        for role_text in dict.fromkeys(cluster.role_texts):
            entity.roles.append(RoleRecord(role_text, canonical_role(role_text), affiliation, published, article_id))
        self._index(entity)

