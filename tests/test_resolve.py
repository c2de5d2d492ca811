"""kg.resolve: canonical entities and events across the sample articles (table-driven, no store, no spaCy)."""
from __future__ import annotations

import pytest

from kg.resolve import EventMention, EventResolver, Resolver, infer_article_date
from kg.resolve.dates import parse_time
from kg.resolve.gazetteer import load_gazetteer, parse_gazetteer
from kg.resolve.names import edit_distance, fold, given_match, split_person_name
from kg.types import Article, Mention, Span

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


def test_ids_are_deterministic_and_carry_wikidata(resolved) -> None:
    resolver, results = resolved
    assert _id(results, "k2020", "Recep Tayyip Erdogan") == "person/recep-tayyip-erdogan"
    assert resolver.entity("person/recep-tayyip-erdogan").wikidata == "Q39259"
    assert resolver.entity("country/turkey").wikidata == "Q43"
    again = Resolver()
    for article, mentions, date in (("k2023", KARABAKH_2023, "2023-09-21"), ("k2020", KARABAKH_2020, "2020-12-12"),
                                    ("erdogan", ERDOGAN_2026, "2026-02-13"), ("sharif", SHARIF_2026, None)):
        assert again.add(article, mentions, date) == results[article]


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


def test_unknown_people_resolve_without_the_gazetteer() -> None:
    resolver = Resolver(gazetteer=parse_gazetteer(""))
    first = resolver.add("a1", [Mention("Olesya Vartanyan", "person", Span(0, 16), role="analyst")])
    second = resolver.add("a2", [Mention("Vartanyan", "person", Span(0, 9))])
    assert list(first.values()) == list(second.values()) == ["person/olesya-vartanyan"]


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


def test_gazetteer_covers_sample_names() -> None:
    gazetteer = load_gazetteer()
    for name in ("Jeyhun Bayramov", "Ararat Mirzoyan", "Ilham Aliyev", "Nikol Pashinyan", "Vladimir Putin",
                 "Dmitry Peskov", "Dmitry Polyansky", "John Kirby", "Catherine Colonna", "Annalena Baerbock",
                 "Olesya Vartanyan", "Shehbaz Sharif", "Donald Trump", "Tayyip Erdogan", "Hakan Fidan",
                 "Antonio Tajani", "Abdullah Ocalan", "Gulistan Kilic Kocyigit", "Volodymyr Zelensky",
                 "Steve Witkoff", "Jared Kushner", "Dmytro Lytvyn", "Friedrich Merz", "Boris Pistorius", "Wadephul",
                 "NATO", "European Union", "International Committee of the Red Cross", "Tass", "ANSA", "AP",
                 "Reuters", "Türkiye", "Nagorno-Karabakh", "Security Council"):
        assert gazetteer.lookup(name), name
    assert gazetteer.country_of("Armenian") == "country/armenia"


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

class _Rows:
    """A store whose named linking queries answer fixed rows, in a given order."""

    def __init__(self, rows: dict[str, list[dict]]) -> None:
        self.rows = rows

    def select(self, sparql: str, bindings: object = None) -> list[dict]:
        name = "events" if "measuredEvent" in sparql else "mentions"
        return [dict(row) for row in self.rows[name]]


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
    expected_mentions = _mention_rows(_Rows({"mentions": mentions}))
    expected_events = _event_rows(_Rows({"events": events}))
    assert [(row["article"], row["mention"]) for row in expected_mentions] == [("a1", "m2"), ("a1", "m1"), ("a2", "m3")]
    assert (expected_mentions[1]["start"], expected_mentions[1]["end"]) == (3, 13)  # the earliest span
    # the form written mid-sentence first, so it labels the event
    assert [(row["label"], row["sentence"]) for row in expected_events] == [("the deficit", "The deficit rose."),
                                                                         ("The deficit", None)]
    for seed in range(5):
        random.Random(seed).shuffle(mentions)
        random.Random(seed).shuffle(events)
        assert [(r["article"], r["mention"], r["start"]) for r in _mention_rows(_Rows({"mentions": mentions}))] == \
            [(r["article"], r["mention"], r["start"]) for r in expected_mentions]
        assert [(r["label"], r["time"]) for r in _event_rows(_Rows({"events": events}))] == \
            [(r["label"], r["time"]) for r in expected_events]
