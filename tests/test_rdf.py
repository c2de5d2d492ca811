"""kg.rdf maps an extraction to quads; kg.claims reads them back in the DESIGN.md section 4 shape."""
from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.claims import list_claims
from kg.errors import QueryError
from kg.namespaces import ENTITIES_GRAPH, SCHEMA, article_iri
from kg.rdf import article_quads, claim_iri, default_agent_iri
from kg.store import Store
from kg.types import MENTION_KINDS, Article, Claim, Extraction, Mention, Quantity, Span

VERSION = "0.1.0-test"

TEXT = ('YEREVAN: Armenian Foreign Minister Ararat Mirzoyan said on Monday that "the talks are over, '
        'and we will not return". Azerbaijan denied the report. '
        'More than 200 people were killed in the offensive, officials said.')


def span_of(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


MIRZOYAN = Mention("Ararat Mirzoyan", "person", span_of(TEXT, "Ararat Mirzoyan"), role="Foreign Minister",
                   affiliation="Armenia")
AZERBAIJAN = Mention("Azerbaijan", "country", span_of(TEXT, "Azerbaijan"))
OFFICIALS = Mention("officials", "anonymous", span_of(TEXT, "officials"))
FIGURE = Quantity("deaths", 200.0, None, False, False, span_of(TEXT, "More than 200"), qualifier="more than",
                  counted="people", point=200.0, event="the offensive", event_span=span_of(TEXT, "the offensive"),
                  event_time="2023-09")


def sample_extraction(text: str = TEXT, published: str | None = "2023-09-21") -> Extraction:
    article = Article(text=text, origin="sample.txt", title="Talks collapse", url="https://arab.news/abc",
                      published=published, date_source="metadata", publisher="Arab News", wire_service="AP",
                      dateline="YEREVAN")
    quote = Claim(MIRZOYAN, "assert", (span_of(text, "the talks are over"), span_of(text, "we will not return")),
                  span_of(text, 'Armenian Foreign Minister Ararat Mirzoyan said on Monday that "the talks are over, '
                                'and we will not return".'),
                  cue=span_of(text, "said"), direct_quote=True, confidence=0.9)
    denial = Claim(AZERBAIJAN, "deny", (span_of(text, "the report"),), span_of(text, "Azerbaijan denied the report."),
                   cue=span_of(text, "denied"), confidence=0.7, about=(MIRZOYAN,))
    figure = Claim(OFFICIALS, "assert", (span_of(text, "More than 200 people were killed in the offensive"),),
                   span_of(text, "More than 200 people were killed in the offensive, officials said."),
                   cue=span_of(text, "said", 1), quantity=FIGURE, extractor="figures")
    return Extraction(article, (quote, denial, figure), (MIRZOYAN, AZERBAIJAN))


def stored(*extractions: Extraction, **kwargs: object) -> Store:
    store = Store(None)
    for extraction in extractions:
        store.replace_graph(article_iri(extraction.article.content_hash),
                            article_quads(extraction, extractor_version=VERSION, **kwargs))  # type: ignore[arg-type]
    return store


CLAIM_KEYS = {"id", "claimant", "role", "affiliation", "claimant_kind", "stance", "cue", "text", "sentence",
              "highlight", "direct_quote", "narrator", "confidence", "source"}


def test_list_claims_returns_the_design_json_shape() -> None:
    extraction = sample_extraction()
    claims = list_claims(stored(extraction))
    assert [claim["id"] for claim in claims] == [claim_iri(extraction.article, index) for index in range(3)]
    quote, denial, figure = claims
    assert set(quote) == CLAIM_KEYS and set(denial) == CLAIM_KEYS
    assert set(figure) == CLAIM_KEYS | {"value"}
    assert quote["claimant"] == "Ararat Mirzoyan"
    assert quote["role"] == "Foreign Minister" and quote["affiliation"] == "Armenia"
    assert quote["claimant_kind"] == "person"
    assert quote["stance"] == "assert" and quote["cue"] == "said"
    assert quote["text"] == "the talks are over … we will not return"
    assert quote["direct_quote"] is True and quote["narrator"] is False
    assert quote["confidence"] == pytest.approx(0.9)
    # The highlight runs from the first content part to the end of the last, relative to the sentence.
    start, end = quote["highlight"]
    assert quote["sentence"][start:end] == "the talks are over, and we will not return"
    assert quote["source"] == {"id": article_iri(extraction.article.content_hash), "title": "Talks collapse",
                               "publisher": "Arab News", "published": "2023-09-21"}
    assert denial["stance"] == "deny" and denial["claimant_kind"] == "country"
    assert denial["sentence"][slice(*denial["highlight"])] == "the report"
    assert figure["claimant_kind"] == "anonymous"
    assert figure["value"] == {
        "measure": "deaths", "low": 200, "low_inclusive": False, "high": None, "high_inclusive": False,
        "text": "More than 200", "qualifier": "more than", "counted": "people", "unit": None,
        "event": figure["value"]["event"], "event_label": "the offensive",
        "currency": None, "alternatives": [], "scope": "total", "subject": None, "change": None, "change_from": None,
    }
    assert figure["value"]["event"].startswith("https://w3id.org/claimgraph/id/event/")
    assert isinstance(figure["value"]["low"], int)


def test_filters() -> None:
    store = stored(sample_extraction())
    by_index = {claim["id"].rsplit("/", 1)[1]: claim for claim in list_claims(store)}
    assert set(by_index) == {"0", "1", "2"}

    def ids(**filters: str) -> list[str]:
        return [claim["id"].rsplit("/", 1)[1] for claim in list_claims(store, **filters)]

    assert ids(by="MIRZ") == ["0"]
    assert ids(by="official") == ["2"]
    assert ids(by="Armenia") == []  # affiliation is not a name
    assert ids(about="KILLED") == ["2"]
    assert ids(about="Foreign Minister") == ["0"]  # matches the sentence, not only the content
    assert ids(stance="deny") == ["1"]
    assert ids(stance="Assert") == ["0", "2"]
    assert ids(kind="quantity") == ["2"]
    assert ids(kind="attributed") == ["0", "1"]
    assert ids(by="azer", stance="assert") == []


INJECTIONS = ['"} ; DROP ALL ; #', "'} } ; CLEAR ALL ; #", '\\" ) } DROP ALL', "<http://x> } DROP ALL {"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_filter_values_cannot_change_the_query(value: str) -> None:
    store = stored(sample_extraction())
    triples = store.triple_count()
    assert list_claims(store, by=value) == []
    assert list_claims(store, about=value) == []
    with pytest.raises(QueryError):
        list_claims(store, stance=value)
    with pytest.raises(QueryError):
        list_claims(store, kind=value)
    assert store.triple_count() == triples
    assert len(list_claims(store)) == 3


def test_canonical_names_come_from_the_entities_graph() -> None:
    canonical, event = "https://w3id.org/claimgraph/id/entity/nikol-pashinyan", "https://w3id.org/claimgraph/id/e/1"
    extraction = sample_extraction()
    store = stored(extraction, agent_iris={MIRZOYAN: canonical}, event_iris={FIGURE: event})
    quote = list_claims(store)[0]
    assert quote["claimant"] == "Ararat Mirzoyan"  # no entities graph yet: the name as written
    store.replace_graph(ENTITIES_GRAPH, [
        ox.Quad(ox.NamedNode(canonical), ox.NamedNode(SCHEMA + "name"), ox.Literal("Ararat Mirzoyan (canonical)")),
        ox.Quad(ox.NamedNode(canonical), ox.NamedNode("https://w3id.org/claimgraph/ontology#alias"),
                ox.Literal("Armenia's top diplomat")),
        ox.Quad(ox.NamedNode(event), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal("2023 Azerbaijani offensive in Nagorno-Karabakh")),
    ])
    claims = list_claims(store)
    assert claims[0]["claimant"] == "Ararat Mirzoyan (canonical)"
    assert [claim["id"] for claim in list_claims(store, by="top diplomat")] == [claims[0]["id"]]
    assert claims[2]["value"]["event"] == event
    assert claims[2]["value"]["event_label"] == "2023 Azerbaijani offensive in Nagorno-Karabakh"


def test_list_claims_by_reads_the_candidates_and_agrees_with_the_whole_store_filter() -> None:
    # kg.claims reads only the claims queries/claims_by.rq proposes; claims.rq run over the whole store must agree.
    from kg.claims import only_claims
    from kg.queries import load_named

    two = sample_extraction(TEXT + " Ararat Mirzoyan spoke later.", published="2023-09-22")
    store = stored(sample_extraction(), two)
    for name in ("Mirzoyan", "mirz", "officials", "Azerbaijan", "nobody", "a"):
        bindings = {"by": name, "about": "", "stance": "", "kind": ""}
        whole_store = [row["claim"] for row in store.select(load_named("claims"), bindings)]
        assert [claim["id"] for claim in list_claims(store, by=name)] == whole_store
        candidates = {row["claim"] for row in store.select(load_named("claims_by"), {"by": name})}
        assert set(whole_store) <= candidates
    with pytest.raises(ValueError):
        only_claims(load_named("claims"), ["not an IRI> } DROP ALL {"])


def test_each_span_is_one_selector_of_six_triples_and_each_evidence_link_is_written_once() -> None:
    # Regression for the 650-quad articles of issue 8: a span shared by several claims (or roles) was described
    # again for each, and every selector carried oa:prefix and oa:suffix, which cg:text and the offsets give.
    quads = article_quads(sample_extraction(), extractor_version=VERSION)
    predicates = {quad.predicate.value.rsplit("#", 1)[-1] for quad in quads}
    assert not predicates & {"prefix", "suffix"}
    spans: dict[str, list[str]] = {}
    for quad in quads:
        if "/span/" in quad.subject.value:
            spans.setdefault(quad.subject.value, []).append(quad.predicate.value.rsplit("#", 1)[-1])
    assert spans and all(sorted(found) == ["end", "exact", "inArticle", "start", "type", "type"]
                         for found in spans.values())
    links = [(quad.subject.value, quad.predicate.value, quad.object.value) for quad in quads
             if quad.predicate.value.endswith("vidence")]
    assert len(links) == len(set(links))
    generic = {(s, o) for s, p, o in links if p.endswith("#evidence")}
    specific = {(s, o) for s, p, o in links if not p.endswith("#evidence")}
    assert generic == specific  # every role's selector is also plain cg:evidence, for queries without reasoning


def test_an_entity_no_mention_resolves_to_has_put_forward_no_claims() -> None:
    # Regression: entities.rq counted every claim in the store for an entity known only as an affiliation (its
    # unbound ?mention joined every claimantMention), which also made the query grow with the store squared.
    from kg.entities import list_entities

    canonical, country = "https://w3id.org/claimgraph/id/agent/person/x", "https://w3id.org/claimgraph/id/agent/c/y"
    store = stored(sample_extraction())
    mention = next(quad.subject for quad in article_quads(sample_extraction(), extractor_version=VERSION)
                   if quad.predicate.value.endswith("#writtenName") and quad.object.value == "Ararat Mirzoyan")
    cg_ = "https://w3id.org/claimgraph/ontology#"
    store.replace_graph(ENTITIES_GRAPH, [
        ox.Quad(mention, ox.NamedNode(cg_ + "refersTo"), ox.NamedNode(canonical)),
        *(ox.Quad(ox.NamedNode(node), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                  ox.NamedNode(cg_ + "Agent")) for node in (canonical, country)),
        ox.Quad(ox.NamedNode(canonical), ox.NamedNode(SCHEMA + "name"), ox.Literal("Ararat Mirzoyan")),
        ox.Quad(ox.NamedNode(country), ox.NamedNode(SCHEMA + "name"), ox.Literal("Armenia")),
    ])
    assert {entity["name"]: entity["claims"] for entity in list_entities(store)} == {"Ararat Mirzoyan": 1,
                                                                                      "Armenia": 0}


def test_mapping_is_deterministic_and_uses_only_iris() -> None:
    first = article_quads(sample_extraction(), extractor_version=VERSION)
    second = article_quads(sample_extraction(), extractor_version=VERSION)
    assert first == second
    assert len(set(first)) == len(first)
    graph = ox.NamedNode(article_iri(sample_extraction().article.content_hash))
    assert all(quad.graph_name == graph for quad in first)
    assert not any(isinstance(term, ox.BlankNode) for quad in first for term in (quad.subject, quad.object))
    assert article_quads(sample_extraction(), extractor_version="other") != first


def test_reingesting_replaces_the_article_graph() -> None:
    store = stored(sample_extraction())
    triples = store.triple_count()
    store.replace_graph(article_iri(sample_extraction().article.content_hash),
                        article_quads(sample_extraction(), extractor_version=VERSION))
    assert store.triple_count() == triples
    assert len(list_claims(store)) == 3


def test_anonymous_sources_stay_in_their_article_but_named_people_merge() -> None:
    one = sample_extraction()
    two = sample_extraction(TEXT + " Ararat Mirzoyan spoke later.", published="2023-09-22")
    assert default_agent_iri(OFFICIALS, one.article) != default_agent_iri(OFFICIALS, two.article)
    assert default_agent_iri(MIRZOYAN, one.article) == default_agent_iri(MIRZOYAN, two.article)
    claims = list_claims(stored(one, two))
    assert [claim["source"]["published"] for claim in claims] == ["2023-09-21"] * 3 + ["2023-09-22"] * 3


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", True),
    ("Nikol  Pashinyan", "nikol pashinyan", True),
    ("Владимир Путин", "Вадим Петров", False),  # a slug would make both "x"
    ("محمد", "أحمد", False),
    ("???", "!!!", False),
])
def test_agent_iris_merge_spelling_variants_but_not_other_scripts(first: str, second: str, same: bool) -> None:
    article = sample_extraction().article
    iris = [default_agent_iri(Mention(name, "person"), article) for name in (first, second)]
    assert (iris[0] == iris[1]) is same
    assert all(ox.NamedNode(iri) for iri in iris)


def test_unparseable_dates_and_urls_are_skipped() -> None:
    extraction = sample_extraction(published="last Tuesday")
    extraction = replace(extraction, article=replace(extraction.article, url="arab.news/<x> y"))
    quads = article_quads(extraction, extractor_version=VERSION)
    predicates = {quad.predicate.value for quad in quads}
    assert SCHEMA + "datePublished" not in predicates
    assert SCHEMA + "url" not in predicates
    dated = article_quads(sample_extraction(published="2023-09-21T08:30:00Z"), extractor_version=VERSION)
    assert {quad.object for quad in dated if quad.predicate.value == SCHEMA + "datePublished"} == {
        ox.Literal("2023-09-21T08:30:00+00:00", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"))}
    assert list_claims(stored(extraction))[0]["source"]["published"] is None


def test_a_span_outside_the_text_is_an_error() -> None:
    extraction = sample_extraction()
    bad = Claim(MIRZOYAN, "assert", (Span(0, len(TEXT) + 5),), Span(0, 4))
    with pytest.raises(ValueError, match="outside the text"):
        article_quads(Extraction(extraction.article, (bad,)), extractor_version=VERSION)


# -- untrusted text -----------------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=40), content=st.text(min_size=1, max_size=80),
       headline=st.text(max_size=60), publisher=st.text(max_size=30), kind=st.sampled_from(MENTION_KINDS),
       version=st.text(min_size=1, max_size=10))
# a claimant whose agent IRI is the publisher's (their names slug alike): the listing gives the claimant's name
@example(name="Ò", content="0", headline="", publisher="O", kind="organization", version="0")
@pytest.mark.slow
def test_arbitrary_unicode_gives_valid_iris_and_parseable_output(name: str, content: str, headline: str,
                                                                 publisher: str, kind: str, version: str) -> None:
    text = f"{name} said: {content}"
    speaker = Mention(name, kind, Span(0, len(name)))
    claim = Claim(speaker, "assert", (Span(len(text) - len(content), len(text)),), Span(0, len(text)),
                  cue=Span(len(name) + 1, len(name) + 5))
    article = Article(text=text, origin="fuzz", title=headline or None, publisher=publisher or None)
    quads = article_quads(Extraction(article, (claim,)), extractor_version=version)
    # Serialising and parsing back gives the same quads: every IRI and literal is well-formed.
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) == set(quads)
    store = Store(None)
    store.replace_graph(article_iri(article.content_hash), quads)
    claims = list_claims(store)
    assert len(claims) == 1
    assert claims[0]["claimant"] == name
    assert claims[0]["text"] == content
    assert claims[0]["source"]["title"] == (headline or None)
    assert [found["id"] for found in list_claims(store, by=name)] == [claims[0]["id"]]
