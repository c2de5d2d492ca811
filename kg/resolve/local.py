"""Within one article: group its mentions into the agents it talks about, before looking across articles.

Inside an article the writer keeps names consistent, so ``Bayramov`` after ``Foreign Minister Jeyhun Bayramov``
is him, ``Azerbaijan's top diplomat`` is whoever the article names as Azerbaijan's foreign minister, and ``he``
is the nearest person before it. Doing this first means the cross-article step compares whole local clusters
(full name, roles, affiliation) instead of bare surnames.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from kg import geo
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry
from kg.resolve.names import (ROLE_COVERS, PersonName, canonical_role, fold, given_match, initials,
                              loose_surname, org_key, pronoun_referent, role_covers, split_person_name,
                              strip_possessive, title_gender, words_before_names)
from kg.types import ARTICLE_SCOPED_KINDS, Mention
from kg.words import names_a_party

_PARENTHETICAL = re.compile(r"\s*\(([^)]{1,40})\)\s*")
_WORD = re.compile(r"[\w'’.-]+")
#: A name written as initials alone: two or more capitals, "&" between them allowed ("M&S").
_ACRONYM = re.compile(r"[A-Z][A-Z&]+\.?")


@dataclass
class LocalCluster:
    """Mentions one article uses for one agent, with what the article says about it."""

    kind: str  # person, organization, country, place, group, role, pronoun, nominal, anonymous, narrator
    mentions: list[Mention] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    names: list[PersonName] = field(default_factory=list)  # persons only
    surfaces: list[str] = field(default_factory=list)  # names as written, possessives removed
    roles: set[str] = field(default_factory=set)  # canonical roles
    role_texts: list[str] = field(default_factory=list)
    affiliations: set[str] = field(default_factory=set)  # gazetteer keys, or "name:<folded>"
    gazetteer: GazetteerEntry | None = None
    key: str = ""  # folded name for non-persons
    genders: set[str] = field(default_factory=set)  # from honorifics: "Mrs Howard" is female

    @property
    def surname_key(self) -> str | None:
        return loose_surname(self.names[0].surname) if self.names else None

    @property
    def given(self) -> tuple[str, ...]:
        """The longest given-name list seen (``recep tayyip`` over ``tayyip``)."""
        return max((name.given for name in self.names), key=len, default=())

    def best_display(self) -> str:
        if self.names:
            return max(self.names, key=lambda name: (len(name.given), len(name.display))).display
        return max(self.surfaces, key=len) if self.surfaces else (self.mentions[0].name if self.mentions else "")


#: A possessive followed by more words: "Scott's wife", "the Smiths' lawyer" (not a trailing "Azerbaijan's").
_INNER_POSSESSIVE = re.compile(r"\w['’]s?\s+\w")


def affiliation_key(text: str, gazetteer: Gazetteer) -> str:
    """``Armenia`` / ``Armenian`` -> ``country/armenia``; unknown names keep their folded text."""
    text = strip_possessive(text)
    country = gazetteer.country_of(text)
    if country:
        return country
    found = gazetteer.lookup(text)
    return found[0].key if found else "name:" + fold(text)


def _prefix_facts(prefix: str, gazetteer: Gazetteer) -> tuple[str | None, set[str]]:
    """Role and affiliations from the words before a name: ``Turkish President`` -> president, {country/turkey}."""
    prefix = strip_possessive(prefix)
    affiliations = {key for token in prefix.split() if (key := gazetteer.country_of(token))}
    words = prefix.split()
    for size in (1, 2, 3):  # "Kremlin spokesman", "White House national security spokesman"
        for start in range(len(words) - size + 1):
            for entry in gazetteer.lookup(" ".join(words[start:start + size]), ("organization",)):
                affiliations.add(entry.key)
    return canonical_role(prefix), affiliations


def _classify(mention: Mention, gazetteer: Gazetteer, year: int | None) -> LocalCluster:
    """A one-mention cluster with the mention's kind, name parts, role and affiliation worked out."""
    position = mention.span.start if mention.span else -1
    cluster = LocalCluster(kind=mention.kind, mentions=[mention], positions=[position])
    text = _PARENTHETICAL.sub(" ", mention.name).strip()
    bare = strip_possessive(text).strip()
    # a description keeps a possessive inside it: "Keith Lamont Scott's wife" is his wife, not a "Scott wife"
    cluster.surfaces.append(text if mention.kind == "unknown" and _INNER_POSSESSIVE.search(text) else bare)
    acronym = _PARENTHETICAL.search(mention.name)
    if acronym:
        cluster.surfaces.append(acronym.group(1).strip())  # "Syrian Democratic Forces (SDF)": both names
    if mention.role:
        cluster.role_texts.append(mention.role)
        if role := canonical_role(mention.role):
            cluster.roles.add(role)
        # "French Foreign Minister": the role says the country too
        cluster.affiliations |= {key for key in _prefix_facts(mention.role, gazetteer)[1] if key.startswith("country/")}
    if mention.affiliation:
        cluster.affiliations.add(affiliation_key(mention.affiliation, gazetteer))
    if mention.kind in ARTICLE_SCOPED_KINDS:
        cluster.key = fold(bare)
        return cluster
    if (referent := pronoun_referent(bare)) is not None and not geo.abbreviation(bare):  # "US" is no "us"
        cluster.kind = "pronoun"
        cluster.key = referent
        return cluster
    if cluster.roles and (countries := gazetteer.lookup(bare, ("country",))):
        # "Azerbaijan" with the role "top diplomat": extraction's way of writing "Azerbaijan's top diplomat"
        cluster.kind, cluster.key = "role", sorted(cluster.roles)[0]
        cluster.affiliations.add(countries[0].key)
        return cluster
    person_like = mention.kind in ("person", "unknown")
    if person_like and bare.endswith("s") and (country := gazetteer.country_of(bare)) and not gazetteer.lookup(bare):
        # "Armenians", "Azerbaijanis": a people, not a person called so
        cluster.kind, cluster.key = "group", fold(bare)
        cluster.affiliations.add(country)
        return cluster
    # An organisation NER found keeps its label against a place of the same name ("Barcelona" the club); only a
    # gazetteer row (an organisation, a country) overrides it.
    types = ("organization", "group", "country") if mention.kind in ("organization", "group") else None
    found = gazetteer.lookup(bare, types) or \
        (gazetteer.lookup(org_key(bare), types) if mention.kind != "person" else [])
    people_found = [entry for entry in found if entry.type == "person"]
    places = [entry for entry in found if entry.type in ("country", "place")]
    orgs = [entry for entry in found if entry.type in ("organization", "group")]
    if orgs and not (person_like and people_found):
        # An exact gazetteer name beats the NER label: spaCy tags organisations as PERSON on this news.
        cluster.gazetteer = orgs[0]
        cluster.kind = orgs[0].type
    elif places and not people_found and not (person_like and mention.role):
        # A country or a city is never a person ("Park City, east of Salt Lake City"); a one-word place that is
        # also a person's name in this article ("Houston" after "Whitney Houston") is decided in cluster_article.
        cluster.gazetteer = places[0]
        cluster.kind = "place-candidate" if person_like else places[0].type
        if person_like and (name := split_person_name(text)) is not None:
            cluster.names.append(name)
    elif person_like and (_ACRONYM.fullmatch(bare) or names_a_party(fold(bare).split())):
        # "IAAF", "FT", "NTL": a name in capitals alone is a body's initials, never a person's name (over all BBC
        # News, 33 such "people" spoke 74 times, every one an organisation or a band); "Lib Dems", "the Tories": a
        # party (kg.words.names_a_party)
        cluster.kind, cluster.key = "organization", org_key(bare)
    elif person_like or people_found:
        name = split_person_name(text)
        if name is not None and not name.given and not people_found and name.prefix and \
                gazetteer.lookup(name.display, ("country", "place")):
            cluster.kind, cluster.key = "nominal", fold(bare)  # "many in Armenia": people somewhere, not a person
        elif name is not None and name.prefix and _describes_someone(name):
            # "the chairman of the House Natural Resources Committee", "the former commander ... at the Police
            # Department": the name in a description is where the speaker works, not the speaker
            cluster.kind, cluster.key = "person-nominal" if mention.kind == "person" else "nominal", fold(bare)
        elif name is not None:
            cluster.kind = "person"
            cluster.names.append(name)
            if gender := title_gender(name.prefix):
                cluster.genders.add(gender)
            role, affiliations = _prefix_facts(name.prefix, gazetteer)
            if role:
                cluster.roles.add(role)
                cluster.role_texts.append(name.prefix)
            cluster.affiliations |= affiliations
            # Only a full name pins a gazetteer person here; a bare surname ("Sharif") is decided across
            # articles, where given names, roles and affiliations can be compared.
            if name.given:
                entries = people_found or gazetteer.lookup(name.display, ("person",))
                if entries:
                    cluster.gazetteer = entries[0]
        elif role := canonical_role(text):
            cluster.kind = "role"  # "Azerbaijan's top diplomat": a role with no name, linked below
            cluster.roles.add(role)
            cluster.role_texts.append(text)
            cluster.affiliations |= _prefix_facts(text, gazetteer)[1]
            cluster.key = role
        else:
            cluster.kind = "person-nominal" if mention.kind == "person" else "nominal"
            cluster.key = fold(bare)
    else:
        # Organisations and places: a capitalised word marks a name; "police" or "protesters" is a nominal.
        cluster.key = org_key(bare)
        if not any(word[:1].isupper() for word in bare.split()):
            cluster.kind = "nominal" if mention.kind != "group" else "group-nominal"
    if cluster.gazetteer is not None:
        cluster.key = cluster.gazetteer.key
        if cluster.gazetteer.affiliation:
            cluster.affiliations.add(cluster.gazetteer.affiliation)
        cluster.roles |= {office.role for office in cluster.gazetteer.offices if office.held_in(year)}
    return cluster


#: Words a description ends an institution's name with; a person's name never ends so
_INSTITUTION_WORDS = frozenset({"department", "committee", "ministry", "office", "agency", "council", "commission",
                                "police", "court", "party", "union", "association", "bank", "university", "board",
                                "company", "group", "institute", "foundation", "service", "authority", "center",
                                "centre", "school", "hospital", "army", "government", "administration", "team"})


def _describes_someone(name: PersonName) -> bool:
    """A description with a proper noun inside ("the former commander ... at the Police Department") rather than a
    name with a title before it ("Foreign Minister Ararat Mirzoyan"): it starts with a determiner, or its capitalised
    tail ends with an institution's word."""
    first = name.prefix.split()[0].lower() if name.prefix.split() else ""
    return first in ("the", "a", "an") and (not name.given or name.surname in _INSTITUTION_WORDS) \
        or name.surname in _INSTITUTION_WORDS


def _merge(into: LocalCluster, other: LocalCluster) -> None:
    into.mentions += other.mentions
    into.positions += other.positions
    into.names += other.names
    into.surfaces += other.surfaces
    into.roles |= other.roles
    into.role_texts += other.role_texts
    into.affiliations |= other.affiliations
    into.genders |= other.genders
    into.gazetteer = into.gazetteer or other.gazetteer


def _nearest(candidates: list[LocalCluster], position: int) -> LocalCluster:
    """The candidate mentioned last before ``position``; else the first mentioned after it."""
    def last_before(cluster: LocalCluster) -> int:
        return max((p for p in cluster.positions if p <= position), default=-10**9)
    before = [cluster for cluster in candidates if last_before(cluster) > -10**9]
    if before:
        return max(before, key=last_before)
    return min(candidates, key=lambda cluster: min(cluster.positions))


def _countries(affiliations: set[str]) -> set[str]:
    return {key for key in affiliations if key.startswith("country/")}


def _described_words(person: LocalCluster) -> set[str]:
    """The words the article describes a person with: their roles as written ("Tory leader", "England coach"),
    the titles before their name ("Actress Lindsay Lohan") and their affiliations."""
    texts = [*person.role_texts, *(name.prefix for name in person.names),
             *(key.split("/", 1)[-1].replace("-", " ") for key in person.affiliations)]
    return {word for text in texts for word in fold(strip_possessive(text).replace(":", " ")).split()}


def _qualifiers(text: str) -> set[str]:
    """The names that narrow a description down ("the Tory leader", "the England coach", "the Lib Dem spokesman"):
    its capitalised words after the first, folded, leaving out countries and their demonyms (affiliations compare
    those)."""
    words = _WORD.findall(strip_possessive(text))
    return {fold(word) for word in words[1:] if word[:1].isupper() and not geo.country_of(word)
            and fold(word) not in words_before_names()}


def _role_candidates(role_cluster: LocalCluster, people: list[LocalCluster]) -> list[LocalCluster]:
    """People of the article the role may describe: ``the prime minister`` is whoever the article calls prime
    minister, never its "leader" (of the opposition); ``Azerbaijan's leader`` may be its president; ``the Tory
    leader`` only someone the article calls a Tory (or leader of the Tories), never the Lib Dem leader."""
    qualifiers = set().union(*(_qualifiers(text) for text in role_cluster.role_texts))
    matches = [person for person in people
               if any(role_covers(mine, theirs) for mine in role_cluster.roles for theirs in person.roles)
               and qualifiers <= _described_words(person)]
    wanted = _countries(role_cluster.affiliations)
    if wanted:  # "Azerbaijan's top diplomat" must be Azerbaijan's, not Armenia's foreign minister
        of_country = [person for person in matches if _countries(person.affiliations) & wanted]
        # ...or the one foreign minister of the article whose country it does not say (the others being Armenia's
        # and France's): "Azerbaijan's top diplomat, Foreign Minister Jeyhun Bayramov"
        unplaced = [person for person in matches if not _countries(person.affiliations)]
        return of_country or (unplaced if len(unplaced) == 1 else [])
    return matches


def cluster_article(mentions: Sequence[Mention], gazetteer: Gazetteer, year: int | None = None
                    ) -> list[LocalCluster]:
    """Group one article's mentions; order of the result is order of first mention (deterministic)."""
    singles = [_classify(mention, gazetteer, year) for mention in mentions]
    order = sorted(range(len(singles)), key=lambda index: (singles[index].positions[0], index))
    clusters: list[LocalCluster] = []
    people: list[LocalCluster] = []
    by_key: dict[tuple[str, str], LocalCluster] = {}
    pending_roles: list[LocalCluster] = []
    pending_pronouns: list[LocalCluster] = []
    pending_nominals: list[LocalCluster] = []
    pending_places: list[LocalCluster] = []

    # Full names first, so that surnames, roles and pronouns anywhere in the article can find them.
    for index in sorted(order, key=lambda i: (not (singles[i].kind == "person" and singles[i].given), order.index(i))):
        single = singles[index]
        if single.kind == "person":
            target = _match_person(single, people)
            if target is None:
                people.append(single)
                clusters.append(single)
            else:
                _merge(target, single)
        elif single.kind == "role":
            pending_roles.append(single)
        elif single.kind == "pronoun":
            pending_pronouns.append(single)
        elif single.kind == "person-nominal":
            pending_nominals.append(single)
        elif single.kind == "place-candidate":
            pending_places.append(single)
        else:
            lookup = (single.kind, single.key)
            target = by_key.get(lookup) or _match_named_person(single, people) or \
                _match_acronym(single, clusters) or _match_prefix(single, clusters)
            if target is None:
                by_key[lookup] = single
                clusters.append(single)
            else:
                _merge(target, single)

    for place in pending_places:
        person = _person_named(place, people)
        if person is not None:
            place.kind, place.gazetteer = "person", None
            _merge(person, place)
            continue
        assert place.gazetteer is not None
        place.kind, place.key = place.gazetteer.type, place.gazetteer.key
        place.names = []
        if place.gazetteer.affiliation:
            place.affiliations.add(place.gazetteer.affiliation)
        lookup = (place.kind, place.key)
        if lookup in by_key:
            _merge(by_key[lookup], place)
        else:
            by_key[lookup] = place
            clusters.append(place)

    for role_cluster in pending_roles:
        # "a union leader" is someone the article has not named: an indefinite role joins no one
        indefinite = fold(role_cluster.mentions[0].name).split()[:1] in (["a"], ["an"], ["another"], ["one"])
        candidates = [] if indefinite else _role_candidates(role_cluster, people)
        if candidates:
            _merge(_nearest(candidates, role_cluster.positions[0]), role_cluster)
            continue
        role_cluster.gazetteer = _office_holder(role_cluster, gazetteer, year)
        lookup = ("role", role_cluster.key + "|" + ",".join(sorted(_countries(role_cluster.affiliations))))
        if lookup in by_key:
            _merge(by_key[lookup], role_cluster)
        else:
            by_key[lookup] = role_cluster
            clusters.append(role_cluster)

    for nominal in pending_nominals:
        # "the actress" after "Actress Lindsay Lohan" or "Lohan, the actress,": a singular, non-indefinite
        # description of a person refers back to the nearest named person the article described with its noun (and
        # its names: "the England coach" is not a player named before it); "a man", "guards" or one that describes
        # no one named before it stays on its own: a description put on the wrong person puts words in their mouth.
        words = nominal.key.split()
        definite = bool(words) and words[0] not in ("a", "an", "another", "one", "some") and \
            not (words[-1].endswith("s") and not words[-1].endswith("ss"))
        wanted = {words[-1]} | _qualifiers(nominal.mentions[0].name) if words else set()
        candidates = [cluster for cluster in people if any(p <= nominal.positions[0] for p in cluster.positions)
                      and wanted <= _described_words(cluster)]
        if definite and candidates:
            _merge(_nearest(candidates, nominal.positions[0]), nominal)
        elif ("nominal", nominal.key) in by_key:
            _merge(by_key[("nominal", nominal.key)], nominal)
        else:
            nominal.kind = "nominal"
            by_key[("nominal", nominal.key)] = nominal
            clusters.append(nominal)

    for pronoun in pending_pronouns:
        wanted = ("person", "role") if pronoun.key in ("person", "speaker") else \
            ("organization", "country", "group", "group-nominal", "nominal", "place")
        if pronoun.key == "plural":
            wanted = wanted + ("person",)
        candidates = [cluster for cluster in clusters if cluster.kind in wanted
                      and any(p <= pronoun.positions[0] for p in cluster.positions)]
        if candidates:
            _merge(_nearest(candidates, pronoun.positions[0]), pronoun)
        else:
            clusters.append(pronoun)
    clusters.sort(key=lambda cluster: min(cluster.positions))
    return clusters


def _office_holder(role_cluster: LocalCluster, gazetteer: Gazetteer, year: int | None) -> GazetteerEntry | None:
    """The one person the gazetteer says held the role for the role's country in the article's year (``Azerbaijan's
    leader`` in 2023: its president), else None. Never without a date or a country: then anyone could be meant."""
    countries = _countries(role_cluster.affiliations)
    if year is None or len(countries) != 1:
        return None
    [country] = countries
    holders = {entry.key: entry for role in role_cluster.roles for held in {role} | ROLE_COVERS.get(role, set())
               for entry in gazetteer.holders(held, country, year)}
    return next(iter(holders.values())) if len(holders) == 1 else None


def _person_named(place: LocalCluster, people: list[LocalCluster]) -> LocalCluster | None:
    """The person of the article a place-like name stands for: ``Houston`` after ``Whitney Houston``, ``Jordan``
    after ``Michael Jordan``, ``Benito Juárez`` where the article also writes ``President Benito Juárez``."""
    if not place.names:
        return None
    name = place.names[0]
    for person in people:
        if not person.given and not person.roles:
            continue  # another bare name ("Armenia" tagged PERSON twice) says nothing
        if person.surname_key != loose_surname(name.surname):
            if not name.given and any(person_name.given[:1] == (name.surname,) for person_name in person.names):
                return person  # "Jordan" for "Jordan Henderson"
            continue
        if not name.given or given_match(name.given, person.given) in ("same", "subset", "absent"):
            return person
    return None


def _match_named_person(single: LocalCluster, people: list[LocalCluster]) -> LocalCluster | None:
    """An organisation or group the extractor filed under a name the article gives a person (``Antonio Tajani``
    tagged ORG in one sentence, PERSON in another): the person, so one person is one entity in the article."""
    if single.kind not in ("organization", "group") or single.gazetteer is not None or not single.surfaces:
        return None
    name = split_person_name(single.surfaces[0])
    if name is None or not name.given or name.prefix:
        return None
    for person in people:
        if person.surname_key == loose_surname(name.surname) and \
                given_match(name.given, person.given) in ("same", "subset"):
            return person
    return None


def _genders_clash(left: set[str], right: set[str]) -> bool:
    return bool(left and right and not left & right)


def _match_person(single: LocalCluster, people: list[LocalCluster]) -> LocalCluster | None:
    """The local person this name continues: same surname, compatible given names and honorifics, else same
    gazetteer entry. ``Mrs Howard`` does not continue ``Mr Howard``."""
    if single.gazetteer is not None:
        for person in people:
            if person.gazetteer is not None and person.gazetteer.key == single.gazetteer.key:
                return person
    same_surname = [person for person in people if person.surname_key == single.surname_key
                    and not _genders_clash(person.genders, single.genders)]
    if not single.given:
        if same_surname:
            return _nearest(same_surname, single.positions[0])
        # "Lindsay" alone after "Lindsay Lohan": a lone first name of exactly one person in the article.
        by_first = [person for person in people if person.given and person.given[0] == single.names[0].surname]
        return by_first[0] if len(by_first) == 1 else None
    for person in same_surname:
        relation = given_match(single.given, person.given)
        if relation in ("same", "subset", "initial", "absent"):
            return person
        if relation == "near" and not (_countries(single.affiliations) and _countries(person.affiliations)
                                       and not _countries(single.affiliations) & _countries(person.affiliations)):
            return person
    return None


def _match_acronym(single: LocalCluster, clusters: list[LocalCluster]) -> LocalCluster | None:
    """``SDF`` after ``Syrian Democratic Forces``: an all-capitals name equal to another name's initials."""
    name = single.surfaces[0] if single.surfaces else ""
    if not (2 <= len(name) <= 6 and name.replace(".", "").isupper()):
        return None
    folded = fold(name).replace(" ", "")
    for cluster in clusters:
        if cluster.kind in ("organization", "group") and any(initials(surface) == folded and len(surface) > len(name)
                                                             for surface in cluster.surfaces):
            return cluster
    return None


def _match_prefix(single: LocalCluster, clusters: list[LocalCluster]) -> LocalCluster | None:
    """``Promises`` after ``Promises Treatment Center`` in the same article: a short form of a longer name."""
    if single.kind not in ("organization", "country", "place") or not single.key:
        return None
    longer = [cluster for cluster in clusters
              if cluster.kind == single.kind and cluster.key.startswith(single.key + " ")]
    return longer[0] if len(longer) == 1 else None
