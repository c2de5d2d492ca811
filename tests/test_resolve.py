"""kg.resolve: canonical entities and events across the sample articles (table-driven, no store, no spaCy).

The bundled gazetteer names no person; tests that need the people of the samples load
tests/fixtures/gazetteer_samples.tsv explicitly (:func:`sample_gazetteer`).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.resolve import EventMention, EventResolver, Gazetteer, Resolver, infer_article_date
from kg.dates import parse_time
from kg.resolve.gazetteer import load_gazetteer, parse_gazetteer
from kg.resolve.local import cluster_article
from kg.resolve.names import canonical_role, edit_distance, fold, given_match, role_head, split_person_name
from kg.resources import resource
from kg.types import Article, Mention, Span

SAMPLE_GAZETTEER = Path(__file__).parent / "fixtures" / "gazetteer_samples.tsv"


def sample_gazetteer() -> Gazetteer:
    """The bundled gazetteer plus the rows the samples need (their people, regions and organisations)."""
    bundled = resource("data", "gazetteer.tsv")
    gazetteer = parse_gazetteer(bundled.read_text(encoding="utf-8"), str(bundled))
    return parse_gazetteer(SAMPLE_GAZETTEER.read_text(encoding="utf-8"), str(SAMPLE_GAZETTEER), into=gazetteer)

# Mentions as the sample articles give them (data/samples): the 2023 AP Karabakh story, the Dec 2020 story,
# the Erdogan/Fidan stories and the Sharif story.
KARABAKH_2023 = [
    Mention("Azerbaijan's top diplomat", "person", Span(200, 225)),
    Mention("Jeyhun Bayramov", "person", Span(300, 315), role="Foreign Minister"),
    Mention("Bayramov", "person", Span(900, 908)),
    Mention("Ilham Aliyev", "person", Span(700, 712), role="president", affiliation="Azerbaijan"),
    Mention("Ararat Mirzoyan", "person", Span(1500, 1515), role="Armenian Foreign Minister"),
    Mention("Mirzoyan", "person", Span(1800, 1808)),
    Mention("he", "person", Span(1850, 1852)),
    Mention("Nikol Pashinyan", "person", Span(5000, 5015), role="Armenian Prime Minister"),
    Mention("Pashinyan", "person", Span(5200, 5209)),
    Mention("Turkey", "country", Span(5400, 5406)),
    Mention("The Associated Press", "organization", Span(600, 620)),
    Mention("Vladimir Putin", "person", Span(4000, 4014), role="Russian President"),
    Mention("Catherine Colonna", "person", Span(6000, 6017), role="French Foreign Minister"),
]
KARABAKH_2020 = [
    Mention("Armenian officials", "group", Span(10, 28)),
    Mention("Azerbaijan's leader", "person", Span(150, 169)),
    Mention("Ilham Aliyev", "person", Span(900, 912), role="Azerbaijani President"),
    Mention("Recep Tayyip Erdogan", "person", Span(3000, 3020), role="Turkish President"),
    Mention("Nikola Pashinyan", "person", Span(3200, 3216), role="Prime Minister"),
]
ERDOGAN_2026 = [
    Mention("Tayyip Erdogan", "person", Span(300, 314), role="Turkish President"),
    Mention("Türkiye", "country", Span(0, 7)),
    Mention("Erdoğan", "person", Span(2000, 2007)),
    Mention("Syrian Democratic Forces (SDF)", "organization", Span(400, 430)),
    Mention("SDF", "organization", Span(800, 803)),
    Mention("Reuters", "organization", Span(1200, 1207)),
]
SHARIF_2026 = [
    Mention("three sources", "anonymous", Span(100, 113)),
    Mention("Shehbaz Sharif", "person", Span(200, 214), role="Prime Minister", affiliation="Pakistan"),
    Mention("Sharif", "person", Span(500, 506)),
    Mention("REUTERS", "organization", Span(50, 57)),
]


@pytest.fixture(scope="module")
def resolved() -> tuple[Resolver, dict[str, dict[Mention, str]]]:
    resolver = Resolver()
    results = {
        "k2023": resolver.add("k2023", KARABAKH_2023, "2023-09-21"),
        "k2020": resolver.add("k2020", KARABAKH_2020, "2020-12-12"),
        "erdogan": resolver.add("erdogan", ERDOGAN_2026, "2026-02-13"),
        "sharif": resolver.add("sharif", SHARIF_2026, None),
    }
    return resolver, results


def _id(results: dict[str, dict[Mention, str]], article: str, name: str) -> str:
    return next(entity for mention, entity in results[article].items() if mention.name == name)


@pytest.mark.parametrize("a, b", [
    (("k2023", "Nikol Pashinyan"), ("k2020", "Nikola Pashinyan")),  # misspelt given name, same role
    (("k2023", "Pashinyan"), ("k2023", "Nikol Pashinyan")),
    (("k2020", "Recep Tayyip Erdogan"), ("erdogan", "Tayyip Erdogan")),
    (("erdogan", "Erdoğan"), ("erdogan", "Tayyip Erdogan")),
    (("k2023", "Bayramov"), ("k2023", "Jeyhun Bayramov")),
    (("k2023", "Azerbaijan's top diplomat"), ("k2023", "Jeyhun Bayramov")),  # role linked within the article
    (("k2020", "Azerbaijan's leader"), ("k2023", "Ilham Aliyev")),
    (("k2023", "Turkey"), ("erdogan", "Türkiye")),
    (("erdogan", "SDF"), ("erdogan", "Syrian Democratic Forces (SDF)")),
    (("k2023", "he"), ("k2023", "Ararat Mirzoyan")),
    (("sharif", "Sharif"), ("sharif", "Shehbaz Sharif")),
    (("erdogan", "Reuters"), ("sharif", "REUTERS")),
])
def test_same_entity(resolved, a, b) -> None:
    _, results = resolved
    assert _id(results, *a) == _id(results, *b)


@pytest.mark.parametrize("a, b", [
    (("k2023", "Azerbaijan's top diplomat"), ("k2023", "Ararat Mirzoyan")),  # Armenia's top diplomat, not this one
    (("k2023", "Jeyhun Bayramov"), ("k2023", "Catherine Colonna")),  # both foreign ministers, different people
    (("k2020", "Azerbaijan's leader"), ("k2020", "Recep Tayyip Erdogan")),
    (("k2023", "Turkey"), ("k2023", "Vladimir Putin")),
])
def test_different_entities(resolved, a, b) -> None:
    _, results = resolved
    assert _id(results, *a) != _id(results, *b)


def test_ids_are_deterministic(resolved) -> None:
    resolver, results = resolved
    assert _id(results, "k2020", "Recep Tayyip Erdogan") == "person/recep-tayyip-erdogan"  # the first full name
    assert resolver.entity("country/turkey").wikidata == "Q43"  # a checked ID in data/gazetteer.tsv
    again = Resolver()
    for article, mentions, date in (("k2023", KARABAKH_2023, "2023-09-21"), ("k2020", KARABAKH_2020, "2020-12-12"),
                                    ("erdogan", ERDOGAN_2026, "2026-02-13"), ("sharif", SHARIF_2026, None)):
        assert again.add(article, mentions, date) == results[article]


def test_a_gazetteer_of_people_gives_their_ids_and_wikidata() -> None:
    resolver = Resolver(gazetteer=sample_gazetteer())
    results = {"k2023": resolver.add("k2023", KARABAKH_2023, "2023-09-21"),
               "k2020": resolver.add("k2020", KARABAKH_2020, "2020-12-12"),
               "erdogan": resolver.add("erdogan", ERDOGAN_2026, "2026-02-13")}
    assert _id(results, "erdogan", "Tayyip Erdogan") == _id(results, "k2020", "Recep Tayyip Erdogan") == \
        "person/recep-tayyip-erdogan"
    erdogan = resolver.entity("person/recep-tayyip-erdogan")
    assert (erdogan.name, erdogan.wikidata) == ("Recep Tayyip Erdoğan", "Q39259")
    assert _id(results, "k2020", "Nikola Pashinyan") == "person/nikol-pashinyan"


def test_entity_keeps_aliases_roles_and_mentions(resolved) -> None:
    resolver, _ = resolved
    pashinyan = resolver.entity("person/nikol-pashinyan")
    assert pashinyan.name == "Nikol Pashinyan"
    assert {"Nikol Pashinyan", "Nikola Pashinyan", "Pashinyan"} <= set(pashinyan.aliases)
    assert len(pashinyan.mentions) == 3
    assert ("prime minister", "2023-09-21") in {(role.canonical, role.date) for role in pashinyan.roles}
    bayramov = resolver.entity("person/jeyhun-bayramov")
    assert "foreign minister" in bayramov.canonical_roles


def test_anonymous_and_narrators_stay_in_their_article() -> None:
    resolver = Resolver()
    first = resolver.add("a1", [Mention("a source", "anonymous", Span(0, 8)), Mention("AP", "narrator")])
    second = resolver.add("a2", [Mention("a source", "anonymous", Span(0, 8)), Mention("AP", "narrator")])
    assert set(first.values()).isdisjoint(second.values())


def test_people_sharing_a_surname_stay_apart() -> None:
    resolver = Resolver()
    one = resolver.add("a1", [Mention("John Smith", "person", Span(0, 10), affiliation="United States")])
    two = resolver.add("a2", [Mention("Jane Smith", "person", Span(0, 10)), Mention("Smith", "person", Span(50, 55))])
    three = resolver.add("a3", [Mention("Joan Smith", "person", Span(0, 10))])
    four = resolver.add("a4", [Mention("Smith", "person", Span(0, 5))])  # which Smith? don't guess
    ids = {*one.values(), *two.values(), *three.values()}
    assert len(ids) == 3
    assert set(four.values()).isdisjoint(ids)
    # "Nikola" ~ "Nikol" needs the role or country to agree; with nothing to agree on, a near name stays apart.
    five = resolver.add("a5", [Mention("Joah Smith", "person", Span(0, 10))])
    assert set(five.values()).isdisjoint(ids)


def test_full_names_resolve_without_the_gazetteer() -> None:
    resolver = Resolver(gazetteer=parse_gazetteer(""))
    first = resolver.add("a1", [Mention("Olesya Vartanyan", "person", Span(0, 16), role="analyst")])
    second = resolver.add("a2", [Mention("Olesya Vartanyan", "person", Span(0, 16))])
    assert list(first.values()) == list(second.values()) == ["person/olesya-vartanyan"]


# -- conservative resolution across articles (issue 15, item 3) -----------------------------------------------------
# Each case: articles as (id, date, mentions), then pairs of (article, name) that must be one entity and pairs that
# must stay two. Mentions are what extraction gives: a name as written, a kind, a span, a role, an affiliation.
def _m(name: str, start: int, kind: str = "person", role: str | None = None, affiliation: str | None = None) -> Mention:
    return Mention(name, kind, Span(start, start + len(name)), role, affiliation)


LABOUR_STORY = [_m("Gordon Brown", 500, role="chancellor"), _m("John Prescott", 700, role="Deputy Prime Minister")]
KARABAKH_STORY = [_m("Ilham Aliyev", 500, role="president", affiliation="Azerbaijan"), _m("Armenia", 600, "country")]

RESOLUTION_CASES = {
    "a full name merges across unrelated articles": (
        [("a1", "2005-01-10", [_m("Olesya Vartanyan", 0, role="analyst")]),
         ("a2", "2023-09-21", [_m("Olesya Vartanyan", 0)])],
        [(("a1", "Olesya Vartanyan"), ("a2", "Olesya Vartanyan"))], []),
    "a bare surname in an unrelated article stays apart": (
        [("a1", "2023-09-21", [_m("Olesya Vartanyan", 0, role="analyst")]),
         ("a2", "2023-09-22", [_m("Vartanyan", 0)])],
        [], [(("a1", "Olesya Vartanyan"), ("a2", "Vartanyan"))]),
    "a bare surname in the same story at close dates merges": (
        [("a1", "2005-01-10", [_m("Tony Blair", 0), *LABOUR_STORY]),
         ("a2", "2005-01-12", [_m("Mr Blair", 0), *LABOUR_STORY])],
        [(("a1", "Tony Blair"), ("a2", "Mr Blair"))], []),
    "a bare surname in the same story a year later stays apart": (
        [("a1", "2005-01-10", [_m("Tony Blair", 0), *LABOUR_STORY]),
         ("a2", "2006-01-12", [_m("Mr Blair", 0), *LABOUR_STORY])],
        [], [(("a1", "Tony Blair"), ("a2", "Mr Blair"))]),
    "a misspelt given name in the same story merges, whatever the dates": (
        [("a1", "2023-09-21", [_m("Nikol Pashinyan", 0), *KARABAKH_STORY]),
         ("a2", None, [_m("Nikola Pashinyan", 0), *KARABAKH_STORY])],
        [(("a1", "Nikol Pashinyan"), ("a2", "Nikola Pashinyan"))], []),
    "a misspelt given name with nothing else in common stays apart": (
        [("a1", "2023-09-21", [_m("Nikol Pashinyan", 0)]), ("a2", None, [_m("Nikola Pashinyan", 0)])],
        [], [(("a1", "Nikol Pashinyan"), ("a2", "Nikola Pashinyan"))]),
    "Archer the economist is not Archer the politician, even in one story": (
        [("a1", "2005-03-01", [_m("Jeffrey Archer", 0, role="Conservative politician"), *LABOUR_STORY]),
         ("a2", "2005-03-02", [_m("Archer", 0, role="economist"), *LABOUR_STORY]),
         ("a3", "2005-03-03", [_m("David Archer", 0, role="chief economist at the Bank"), *LABOUR_STORY])],
        [], [(("a1", "Jeffrey Archer"), ("a2", "Archer")), (("a1", "Jeffrey Archer"), ("a3", "David Archer"))]),
    "two surnames in one story fit two people: no guess": (
        [("a1", "2005-03-01", [_m("Michael Howard", 0, role="Conservative leader"), *LABOUR_STORY]),
         ("a2", "2005-03-02", [_m("Anna Howard", 0, role="spokeswoman"), *LABOUR_STORY]),
         ("a3", "2005-03-03", [_m("Howard", 0), *LABOUR_STORY])],
        [], [(("a1", "Michael Howard"), ("a3", "Howard")), (("a2", "Anna Howard"), ("a3", "Howard"))]),
    "Mrs Howard is not Mr Howard, in one article or across": (
        [("a1", "2005-03-01", [_m("Mr Howard", 0), _m("Mrs Howard", 100), *LABOUR_STORY]),
         ("a2", "2005-03-01", [_m("Mrs Howard", 0), *LABOUR_STORY])],
        [(("a1", "Mrs Howard"), ("a2", "Mrs Howard"))], [(("a1", "Mr Howard"), ("a1", "Mrs Howard"))]),
    # The BBC story: "According to Mr Peston the prime minister said ..." gave Peston the role of prime minister.
    "the prime minister is never a role another article gave someone": (
        [("a1", "2005-01-10", [_m("Robert Peston", 0, role="prime minister"), _m("Michael Howard", 100,
                                                                                 role="prime minister")]),
         ("a2", "2005-01-11", [_m("Tony Blair", 0), _m("the prime minister", 100), _m("Michael Howard", 200),
                               _m("Robert Peston", 300)])],
        [], [(("a2", "the prime minister"), ("a2", "Michael Howard")),
             (("a2", "the prime minister"), ("a2", "Robert Peston"))]),
    "the prime minister is not the leader of the opposition nor the deputy prime minister": (
        [("a1", "2005-01-10", [_m("Michael Howard", 0, role="Conservative leader"), *LABOUR_STORY,
                               _m("the prime minister", 900)])],
        [], [(("a1", "the prime minister"), ("a1", "Michael Howard")),
             (("a1", "the prime minister"), ("a1", "John Prescott"))]),
    "the prime minister is whoever the article calls so": (
        [("a1", "2005-01-10", [_m("Tony Blair", 0, role="Prime Minister"), _m("Michael Howard", 100, role="leader"),
                               _m("the prime minister", 900)])],
        [(("a1", "the prime minister"), ("a1", "Tony Blair"))], []),
    "one person written three ways in one article is one entity": (
        [("a1", "2025-11-28", [_m("Antonio Tajani", 0, role="Foreign Minister", affiliation="Italy"),
                               _m("Tajani", 100, "unknown"), _m("Antonio Tajani", 200, "organization"),
                               _m("Foreign Minister Antonio Tajani", 300, "unknown")])],
        [(("a1", "Antonio Tajani"), ("a1", "Tajani")), (("a1", "Tajani"), ("a1", "Foreign Minister Antonio Tajani"))],
        []),
    "a one-word place that is a surname in the article is the person": (
        [("a1", "2012-02-12", [_m("Whitney Houston", 0, role="singer"), _m("Houston", 100)])],
        [(("a1", "Whitney Houston"), ("a1", "Houston"))], []),
}


def _resolve_case(articles: list) -> tuple[Resolver, dict[tuple[str, str], str]]:
    resolver = Resolver()
    ids: dict[tuple[str, str], str] = {}
    for article, date, mentions in articles:
        for mention, entity in resolver.add(article, mentions, date).items():
            ids[(article, mention.name)] = entity
    return resolver, ids


@pytest.mark.parametrize("case", RESOLUTION_CASES)
def test_cross_article_resolution(case: str) -> None:
    articles, same, apart = RESOLUTION_CASES[case]
    _, ids = _resolve_case(articles)
    for left, right in same:
        assert ids[left] == ids[right], (left, right)
    for left, right in apart:
        assert ids[left] != ids[right], (left, right)


@pytest.mark.parametrize("name", ["Park City", "Salt Lake City", "Turkey", "Türkiye", "Houston", "Kiev"])
def test_a_country_or_a_city_is_never_a_person(name: str) -> None:
    resolver = Resolver()
    [entity_id] = set(resolver.add("a1", [_m(name, 0), _m("Whitney Smith", 100)], "2012-02-12").values()) - \
        {"person/whitney-smith"}
    assert resolver.entity(entity_id).kind in ("place", "country"), entity_id


@pytest.mark.parametrize("year, holder", [("2023-09-21", "person/nikol-pashinyan"), ("2017-05-01", None)])
def test_a_role_resolves_through_the_gazetteer_at_the_article_date(year: str, holder: str | None) -> None:
    resolver = Resolver(gazetteer=sample_gazetteer())
    [entity_id] = resolver.add("a1", [_m("Armenia's prime minister", 0)], year).values()
    if holder is None:
        assert entity_id.startswith("role/a1/")  # Pashinyan took office in 2018: the role stays in its article
    else:
        assert entity_id == holder


def test_a_bare_surname_the_gazetteer_lists_is_that_person() -> None:
    resolver = Resolver(gazetteer=sample_gazetteer())
    assert list(resolver.add("a1", [_m("Erdogan", 0)], "2026-02-13").values()) == ["person/recep-tayyip-erdogan"]
    # ...but a gazetteer surname that is not listed as an alias is not enough
    assert list(resolver.add("a2", [_m("Sybiha", 0, role="economist")], "2026-02-13").values()) != \
        ["person/andrii-sybiha"]


@pytest.mark.parametrize("text, role, head", [
    ("Foreign Minister", "foreign minister", "foreign minister"),
    ("The prime minister's official spokesman", "spokesperson", "spokesperson"),
    ("spokesman for the prime minister", "spokesperson", "spokesperson"),
    ("Deputy Prime Minister", "deputy prime minister", "deputy prime minister"),
    ("Azerbaijan's top diplomat", "foreign minister", "foreign minister"),
    ("chief economist at Barclays", None, "economist"),
    ("former Tory chancellor", "former chancellor", "former chancellor"),  # a party's name between
    ("former US president", "former president", "former president"),
])
def test_role_of_a_phrase_is_its_head(text: str, role: str | None, head: str) -> None:
    assert (canonical_role(text), role_head(text)) == (role, head)


@pytest.mark.parametrize("left, right, relation", [
    (("nikola",), ("nikol",), "near"),
    (("tayyip",), ("recep", "tayyip"), "subset"),
    (("john",), ("jane",), "different"),
    (("j",), ("john",), "initial"),
])
def test_given_name_relations(left, right, relation) -> None:
    assert given_match(left, right) == relation


def test_name_parts() -> None:
    name = split_person_name("White House national security spokesman John Kirby")
    assert name is not None and name.given == ("john",) and name.surname == "kirby"
    assert split_person_name("Azerbaijan's top diplomat") is None
    assert split_person_name("Ursula von der Leyen").surname == "von der leyen"
    assert fold("Erdoğan") == fold("Erdogan") and fold("Kılıç") == "kilic"
    assert edit_distance("nikola", "nikol") == 1


def test_sample_gazetteer_covers_sample_names() -> None:
    gazetteer = sample_gazetteer()
    for name in ("Jeyhun Bayramov", "Ararat Mirzoyan", "Ilham Aliyev", "Nikol Pashinyan", "Vladimir Putin",
                 "Dmitry Peskov", "Dmitry Polyansky", "John Kirby", "Catherine Colonna", "Annalena Baerbock",
                 "Olesya Vartanyan", "Shehbaz Sharif", "Donald Trump", "Tayyip Erdogan", "Hakan Fidan",
                 "Antonio Tajani", "Abdullah Ocalan", "Gulistan Kilic Kocyigit", "Volodymyr Zelensky",
                 "Steve Witkoff", "Jared Kushner", "Dmytro Lytvyn", "Friedrich Merz", "Boris Pistorius", "Wadephul",
                 "NATO", "European Union", "International Committee of the Red Cross", "Tass", "ANSA", "AP",
                 "Reuters", "Türkiye", "Nagorno-Karabakh", "Security Council"):
        assert gazetteer.lookup(name), name
    assert gazetteer.country_of("Armenian") == "country/armenia"


def test_the_bundled_gazetteer_names_no_person_and_knows_every_country() -> None:
    gazetteer = load_gazetteer()
    assert not [entry.key for entry in gazetteer.entries.values() if entry.type == "person"]
    assert len([entry for entry in gazetteer.entries.values() if entry.type == "country"]) > 240
    for written, key in (("Armenian", "country/armenia"), ("Türkiye's", "country/turkey"),
                         ("US", "country/united-states"),
                         ("Azeris", "country/azerbaijan"), ("Kremlin", "country/russia"), ("us", None), ("EU", None)):
        assert gazetteer.country_of(written) == key, written
    [salt_lake] = gazetteer.lookup("Salt Lake City")
    assert (salt_lake.key, salt_lake.type, salt_lake.affiliation) == ("place/salt-lake-city", "place",
                                                                      "country/united-states")


def test_extra_gazetteer_files_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_GAZETTEER", str(SAMPLE_GAZETTEER))
    assert [entry.key for entry in load_gazetteer().lookup("Nikol Pashinyan")] == ["person/nikol-pashinyan"]
    monkeypatch.delenv("KG_GAZETTEER")
    assert load_gazetteer().lookup("Nikol Pashinyan") == []


# -- events ----------------------------------------------------------------------------------------------------
KARABAKH = {"places": ("Nagorno-Karabakh",), "participants": ("Azerbaijan", "Armenia")}


def test_events_across_articles() -> None:
    resolver = EventResolver()
    war_2020 = resolver.add(EventMention("a six-week war with Armenia in 2020", "k2023", published="2023-09-21",
                                         **KARABAKH))
    the_2020_war = resolver.add(EventMention("The 2020 war", "k2023", published="2023-09-21", **KARABAKH))
    offensive = resolver.add(EventMention("the offensive", "k2023", published="2023-09-21", **KARABAKH))
    fighting = resolver.add(EventMention("44 days of fighting that began in late September", "k2020",
                                         published="2020-12-12", **KARABAKH))
    war_1994 = resolver.add(EventMention("a separatist war there ended in 1994", "k2020", published="2020-12-12",
                                         **KARABAKH))
    assert war_2020 == the_2020_war == fighting
    assert offensive != war_2020 and war_1994 != war_2020
    event = resolver.events[war_2020]
    merged = event.evidence[-1]
    assert any("length agrees" in reason for reason in merged)
    assert any("time overlaps" in reason for reason in merged)
    assert event.time is not None and event.time.start.year == 2020


def test_attacks_in_two_towns_are_two_events() -> None:
    """Two attacks of one summer in two French towns share their kind, a country and an assumed time: without the
    towns they would be one event, and their tolls compared."""
    resolver = EventResolver()
    nice = resolver.add(EventMention("the attack", "a1", published="2016-07-16", participants=("Nice", "France")))
    nice_again = resolver.add(EventMention("the truck attack", "a2", published="2016-07-18",
                                           participants=("Nice", "France")))
    paris = resolver.add(EventMention("the attack", "a3", published="2016-07-20", participants=("Paris", "France")))
    undated = resolver.add(EventMention("the attack", "a4", published="2016-07-19", participants=("France",)))
    assert nice == nice_again != paris
    assert undated == nice  # no town named: nothing says it is another incident
    # a war is fought in many towns: its mentions still merge
    war = resolver.add(EventMention("the war", "w1", published="2020-11-01", participants=("Kharkiv", "Ukraine")))
    assert resolver.add(EventMention("the war", "w2", published="2020-11-03",
                                     participants=("Kyiv", "Ukraine"))) == war


def test_event_time_needs_the_article_date() -> None:
    from datetime import date

    span = parse_time("44 days of fighting that began in late September", date(2020, 12, 12))
    assert span is not None and (span.start.year, span.start.month, span.start.day) == (2020, 9, 20)
    february = parse_time("began in late September", date(2021, 2, 1))
    assert february is not None and february.start.year == 2020
    assert parse_time("the offensive", date(2023, 9, 21)) is None


@pytest.mark.parametrize("article, expected", [
    (Article("x", "a", published="2020-12-12T08:00:00Z"), ("2020-12-12", "metadata")),
    (Article("Russian peacekeepers ... in this still image from video published September 21, 2023. REUTERS\n"
             "Bayramov told the council on Thursday.", "b"), ("2023-09-21", "caption")),
    (Article("Sharif speaking ... Sharm El-Sheikh, Egypt, October 13, 2025. REUTERS/Evelyn Hockstein/File Photo\n"
             "Sharif will attend on Thursday.", "c"), (None, None)),  # a file photo does not date the story
    (Article("On Sept. 19, 2023, the offensive began. Talks were held on Thursday.", "d"), ("2023-09-21", "text")),
])
def test_infer_article_date(article, expected) -> None:
    assert infer_article_date(article) == expected


# -- reading mentions and events back for linking --------------------------------------------------------------------

def test_linking_reads_the_same_mentions_and_events_whatever_order_the_store_returns_rows_in() -> None:
    import random

    from kg.linking import _event_rows, _mention_rows

    def mention(article: str, node: str, start: int | None, **values: object) -> dict:
        return {"article": article, "published": "2004-01-02", "mention": node, "name": "Tony Blair",
                "kind": "person", "role": None, "affiliation": None, "start": start,
                "end": None if start is None else start + 10, **values}

    def event(label: str, sentence: str | None) -> dict:
        return {"article": "a1", "published": "2004-01-02", "event": "e1", "label": label, "time": None,
                "sentence": sentence, "headline": "Budget"}

    mentions = [mention("a2", "m3", 40), mention("a1", "m2", None), mention("a1", "m1", 5, role="Prime Minister"),
                mention("a1", "m1", 3, role="prime minister")]  # m1 twice: two roles, two spans
    events = [event("the deficit", "The deficit rose."), event("The deficit", None),
              event("the deficit", "It said the deficit fell.")]
    expected_mentions = _mention_rows([dict(row) for row in mentions])
    expected_events = _event_rows([dict(row) for row in events])
    assert [(row["article"], row["mention"]) for row in expected_mentions] == [("a1", "m2"), ("a1", "m1"), ("a2", "m3")]
    assert (expected_mentions[1]["start"], expected_mentions[1]["end"]) == (3, 13)  # the earliest span
    # the form written mid-sentence first, so it labels the event
    assert [(row["label"], row["sentence"]) for row in expected_events] == [("the deficit", "The deficit rose."),
                                                                         ("The deficit", None)]
    for seed in range(5):
        random.Random(seed).shuffle(mentions)
        random.Random(seed).shuffle(events)
        assert [(r["article"], r["mention"], r["start"]) for r in _mention_rows([dict(row) for row in mentions])] == \
            [(r["article"], r["mention"], r["start"]) for r in expected_mentions]
        assert [(r["label"], r["time"]) for r in _event_rows([dict(row) for row in events])] == \
            [(r["label"], r["time"]) for r in expected_events]


@pytest.mark.parametrize("description", [
    "the former commander for firearms training at the Police Department",
    "the chairman of the House Natural Resources Committee",
])
def test_a_description_naming_where_someone_works_is_not_that_place_as_a_person(description: str) -> None:
    # the proper noun inside is the speaker's workplace: no person called "Department" or "Committee"
    [cluster] = cluster_article([Mention(description, "person", Span(0, len(description)))], load_gazetteer())
    assert cluster.kind in ("nominal", "person-nominal") and not cluster.names


@pytest.mark.parametrize("description", ["Keith Lamont Scott’s wife", "the Smiths' lawyer"])
def test_a_description_keeps_the_possessive_inside_it(description: str) -> None:
    # whose wife she is is part of the description: "Keith Lamont Scott wife" is no name anyone wrote
    [cluster] = cluster_article([Mention(description, "unknown", Span(0, len(description)))], load_gazetteer())
    assert cluster.best_display() == description


def _clustered(*mentions: tuple[str, str | None]) -> list[list[str]]:
    """The mentions of one article (name, role), one every 100 characters, as the clusters they end in."""
    found = cluster_article([Mention(name, "person", Span(100 * index, 100 * index + len(name)), role)
                             for index, (name, role) in enumerate(mentions)], load_gazetteer(), 2005)
    return [[mention.name for mention in cluster.mentions] for cluster in found]


# Made-up people: a description joins a person only when the article described that person so; else it stays a
# description of its own (a wrong merge puts the words in someone else's mouth).
@pytest.mark.parametrize(("mentions", "clusters"), [
    # a definite description joins the nearest person the article gave its noun (and its names) to
    ([("Dana Whitlock", "England coach"), ("Ravi Menon", None), ("the England coach", None)],
     [["Dana Whitlock", "the England coach"], ["Ravi Menon"]]),
    ([("Ravi Menon", None), ("the England coach", None)], [["Ravi Menon"], ["the England coach"]]),
    ([("Ravi Menon", "Wales coach"), ("the England coach", None)], [["Ravi Menon"], ["the England coach"]]),
    ([("Actress Mira Kovac", None), ("the actress", None)], [["Actress Mira Kovac", "the actress"]]),
    ([("Mira Kovac", None), ("the actress", None)], [["Mira Kovac"], ["the actress"]]),
    # a role with a party's name is not another party's leader
    ([("Tom Ellery", "Lib Dem leader"), ("the Tory leader", None)], [["Tom Ellery"], ["the Tory leader"]]),
    ([("Tom Ellery", "Lib Dem leader"), ("Ann Hale", "Tory leader"), ("the Tory leader", None)],
     [["Tom Ellery"], ["Ann Hale", "the Tory leader"]]),
])
def test_a_description_joins_only_a_person_described_so(mentions: list, clusters: list) -> None:
    assert _clustered(*mentions) == clusters


@pytest.mark.parametrize(("mentions", "clusters"), [
    # a former holder of an office is not its holder, whatever name stands between: "former Tory chancellor"
    ([("Ken Ashdown", "former Tory chancellor"), ("the chancellor", None)], [["Ken Ashdown"], ["the chancellor"]]),
    ([("Ken Ashdown", "Tory chancellor"), ("the chancellor", None)], [["Ken Ashdown", "the chancellor"]]),
    # an indefinite role introduces someone the article has not named
    ([("Ken Ashdown", "party leader"), ("a union leader", None)], [["Ken Ashdown"], ["a union leader"]]),
])
def test_a_role_joins_only_its_holder(mentions: list, clusters: list) -> None:
    assert _clustered(*mentions) == clusters


@pytest.mark.parametrize(("phrase", "role"), [
    ("the former Chancellor", "former Chancellor"),
    ("shadow chancellor", "shadow chancellor"),
    ("a former Tory chancellor", "former Tory chancellor"),
    ("ex-president", "ex-president"),
    ("Foreign Minister", "Foreign Minister"),
    ("the informer chancellor", "chancellor"),  # a word that only ends in a modifier's letters
])
def test_extraction_keeps_the_modifier_that_makes_a_role_another_office(phrase: str, role: str) -> None:
    from kg.extract.lexicon import lexicon
    from kg.extract.names import role_in

    assert role_in(phrase, lexicon()) == role


@pytest.mark.parametrize(("name", "kind"), [("IAAF", "unknown"), ("FT", "person"), ("M&S", "unknown")])
def test_a_name_in_capitals_alone_is_an_organisation(name: str, kind: str) -> None:
    [cluster] = cluster_article([Mention(name, kind, Span(0, len(name)))], load_gazetteer())
    assert cluster.kind == "organization" and not cluster.names


@pytest.mark.parametrize("name", ["Lib Dems", "the Tories", "Liberal Democrats"])
def test_a_party_is_no_person(name: str) -> None:
    [cluster] = cluster_article([Mention(name, "person", Span(0, len(name)))], load_gazetteer())
    assert cluster.kind == "organization" and not cluster.names
