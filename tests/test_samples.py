"""End to end on the bundled sample articles: what a reader of those articles would expect the graph to say.

The sample stories are read with the gazetteer rows they need (tests/fixtures/gazetteer_samples.tsv, loaded through
KG_GAZETTEER), except where the raw texts are read as anyone's news would be: no sidecar, no gazetteer of people.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.claims import list_claims
from kg.contradictions import detect
from kg.entities import list_entities
from kg.pipeline import ingest
from kg.report import build_report
from kg.resources import resource_dir
from kg.store import BaseStore, open_store

SAMPLES = str(resource_dir("data") / "samples")
SAMPLE_GAZETTEER = Path(__file__).parent / "fixtures" / "gazetteer_samples.tsv"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> BaseStore:
    location = tmp_path_factory.mktemp("samples") / "store"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_GAZETTEER", str(SAMPLE_GAZETTEER))
        with open_store(location) as opened:
            summary = ingest(opened, [SAMPLES], workers=1)
            assert (summary.new, summary.failed) == (6, 0)
            yield opened


@pytest.fixture(scope="module")
def raw_store(tmp_path_factory: pytest.TempPathFactory) -> BaseStore:
    """The sample texts alone: no .meta.json sidecar (so two articles lose their dates), no gazetteer of people."""
    texts = tmp_path_factory.mktemp("raw-samples")
    for path in Path(SAMPLES).glob("*.txt"):
        shutil.copy(path, texts / path.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KG_GAZETTEER", raising=False)
        with open_store(tmp_path_factory.mktemp("raw") / "store") as opened:
            summary = ingest(opened, [str(texts)], workers=1)
            assert (summary.new, summary.failed) == (6, 0)
            yield opened


@pytest.mark.parametrize("name, spellings", [("Pashinyan", {"Nikola Pashinyan", "Nikol Pashinyan"}),
                                             ("Erdo", {"Tayyip Erdogan"}), ("Bayramov", {"Jeyhun Bayramov"})])
def test_raw_texts_give_one_entity_per_person_without_metadata_or_gazetteer(raw_store: BaseStore, name: str,
                                                                            spellings: set[str]) -> None:
    [entity] = [entity for entity in list_entities(raw_store, name=name) if entity["kind"] == "person"]
    rows = raw_store.select("""PREFIX cg: <https://w3id.org/claimgraph/ontology#>
        SELECT DISTINCT ?written ?entity WHERE { ?mention cg:writtenName ?written .
          GRAPH <https://w3id.org/claimgraph/graph/entities> { ?mention cg:refersTo ?entity } }""")
    assert spellings <= {row["written"] for row in rows if row["entity"] == entity["id"]}


def claimants(store: BaseStore, by: str) -> set[str]:
    """The people among the claimants matching ``by`` ("a readout from Erdogan's office" is not Erdogan)."""
    return {claim["claimant"] for claim in list_claims(store, by=by) if claim["claimant_kind"] == "person"}


def test_bayramov_denies_ethnic_cleansing_under_one_name(store: BaseStore) -> None:
    claims = list_claims(store, by="Bayramov")
    assert {claim["claimant"] for claim in claims} == {"Jeyhun Bayramov"}
    denial = [claim for claim in claims if claim["stance"] == "deny"]
    assert [claim["text"] for claim in denial] == ["the allegations of ethnic cleansing"]
    # "Azerbaijan's top diplomat told the UN Security Council" is Bayramov too
    assert any(claim["cue"] == "told" for claim in claims)


@pytest.mark.parametrize("name, canonical", [("Erdogan", "Recep Tayyip Erdoğan"), ("Pashinyan", "Nikol Pashinyan"),
                                             ("Mirzoyan", "Ararat Mirzoyan"), ("Aliyev", "Ilham Aliyev")])
def test_one_canonical_name_per_person(store: BaseStore, name: str, canonical: str) -> None:
    assert claimants(store, name) == {canonical}
    assert [entity["name"] for entity in list_entities(store, name=name) if entity["kind"] == "person"] == [canonical]


def test_pashinyan_misspelt_in_one_article_is_the_same_entity(store: BaseStore) -> None:
    [entity] = [e for e in list_entities(store, name="Pashinyan") if e["kind"] == "person"]
    rows = store.select("""PREFIX cg: <https://w3id.org/claimgraph/ontology#>
        SELECT DISTINCT ?written ?entity WHERE { ?mention cg:writtenName ?written .
          GRAPH <https://w3id.org/claimgraph/graph/entities> { ?mention cg:refersTo ?entity } }""")
    spellings = {row["written"] for row in rows if row["entity"] == entity["id"]}
    assert {"Nikola Pashinyan", "Nikol Pashinyan"} <= spellings
    sources = {claim["source"]["published"] for claim in list_claims(store, by="Pashinyan")}
    assert sources == {"2020-12-12", "2023-09-21"}  # claims from both files, one name


def test_figures_are_intervals_tied_to_events(store: BaseStore) -> None:
    figures = {claim["value"]["text"]: claim for claim in list_claims(store, kind="quantity")}
    killed = figures["more than 200"]
    assert killed["claimant"] == "Ararat Mirzoyan"
    assert killed["value"] | {"measure": "deaths", "low": 200, "low_inclusive": False, "high": None} == killed["value"]
    toll_2020 = figures["more than 5,600"]["value"]
    toll_2023 = figures["over 6,700"]["value"]
    assert toll_2020["event"] == toll_2023["event"]  # "44 days of fighting" (Dec 2020) is "the 2020 war"
    assert figures["over 6,700"]["narrator"]
    assert figures["nearly 2,000"]["value"] | {"measure": "troops", "high": 2000, "high_inclusive": False} == \
        figures["nearly 2,000"]["value"]


def test_the_report_a_reader_would_agree_with(store: BaseStore) -> None:
    report = build_report(store, detect(store))
    by_kind: dict[str, list[dict]] = {}
    for item in report["contradictions"]:
        by_kind.setdefault(item["kind"], []).append(item)
    [polarity] = by_kind["polarity"]
    assert {claim["claimant"] for claim in polarity["claims"]} == {"Jeyhun Bayramov", "Ararat Mirzoyan"}
    assert "ethnic cleansing" in polarity["topic"]
    [blame] = by_kind["blame"]
    assert blame["topic"].startswith("Armenia and Azerbaijan blame each other")
    assert {claim["source"]["published"] for claim in blame["claims"]} == {"2020-12-12"}
    # the 2020 war's toll, revised upwards by 2023, is a revision: listed apart, not a contradiction; and no
    # numeric contradiction at all (compatible figures never become conflicts)
    assert "numeric" not in by_kind
    [toll] = report["revisions"]
    assert {c["value"]["measure"] for c in toll["claims"]} == {"deaths"}
    assert toll["revision"] and toll["severity"] == "divergent"
