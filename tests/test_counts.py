"""`kg stats` reads the counts each graph write stores beside it (kg/counts.py, issue 20) and they stay exact:
equal to counting the store (queries/stats.rq, every quad, the detector's items) after ingest, re-ingest, replaced
and dropped graphs, incremental linking and detection, and writes made outside kg."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.claims import claim_total
from kg.contradiction_graph import current
from kg.counts import COUNTS, complete, count_graph, count_quads, store_counts, stored_entries
from kg.listing import LISTING
from kg.namespaces import CG, ENTITIES_GRAPH, RDF, article_iri
from kg.pipeline import extraction_fingerprint, ingest, reextract
from kg.queries import STATS_KEYS, load_named
from kg.rdf import article_quads
from kg.report import contradiction_counts
from kg.resources import resource_dir
from kg.store import BaseStore, Store, open_store
from test_contradictions import BLAME, DENIAL, WAR_2020, war_2023
from test_contradictions_incremental import add_article, bbc_files

runner = CliRunner()
EX = "https://example.org/"


def counted(store: BaseStore) -> dict[str, int]:
    """What `kg stats` printed before counts were stored: queries/stats.rq over the union, every quad of the named
    graphs, the graphs, and the contradictions as the report lists them."""
    [row] = store.select(load_named("stats"))
    counts = {key: int(row[key] or 0) for key in ("articles", "claims", "quantity_claims", "entities", "events")}
    counts["triples"] = sum(1 for _ in store.quads())
    counts["graphs"] = len(store.graphs())
    counts.update(contradiction_counts(current(store)[0]))
    return counts


def stats(store: Path) -> tuple[dict[str, int], str]:
    result = runner.invoke(app, ["stats", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def assert_exact(store: BaseStore) -> None:
    """Every graph's stored counts are what counting it gives, and none is missing."""
    entries = stored_entries(store)
    assert {graph: count_quads(store.quads(graph)) for graph in store.graphs()} == {
        graph: entries.get(graph) for graph in store.graphs()}
    assert store_counts(store).counted == []


def quad(subject: str, predicate: str, obj: str, graph: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(obj), ox.NamedNode(graph))


def test_stats_of_the_sample_store_are_read_from_stored_counts_and_equal_counting(sample_store: Path) -> None:
    printed, stderr = stats(sample_store)
    with open_store(sample_store, read_only=True) as store:
        assert_exact(store)
        assert printed == counted(store)
    assert stderr == ""
    assert list(printed) == [*STATS_KEYS[:5], "contradictions", "revisions", *STATS_KEYS[5:]]
    assert printed["articles"] == 6 and printed["contradictions"] > 0 and printed["revisions"] > 0


def test_counts_stay_out_of_the_data(sample_store: Path) -> None:
    # one statement per graph in the default graph (and per article its claims' listing, kg/listing.py): not a
    # graph, not exported, not a triple of `kg stats`
    with open_store(sample_store, read_only=True) as store:
        assert isinstance(store, Store)
        entries = list(store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        counts = [quad for quad in entries if quad.predicate == COUNTS]
        articles = store.select("SELECT ?article WHERE { ?article a cg:Article }")
        assert len(counts) == len(store.graphs()) and len(entries) == len(counts) + len(articles)
        assert {quad.predicate for quad in entries} == {COUNTS, LISTING}
        assert store.triple_count() == sum(1 for _ in store.quads()) == len(store._store) - len(entries)


def test_replaced_dropped_and_relinked_graphs_keep_exact_counts(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        add_article(store, WAR_2020)
        add_article(store, DENIAL)
        add_article(store, BLAME)
        assert_exact(store)
        before = counted(store)
        # the same article extracted otherwise: its graph replaced, linking and detection updated incrementally
        graph = article_iri(WAR_2020.article.content_hash)
        store.replace_graph(graph, [quad for quad in article_quads(WAR_2020, extractor_version="other")])
        add_article(store, war_2023("more than 5,600", 5600, None))
        assert_exact(store)
        assert store_counts(store).counts["articles"] == before["articles"] + 1
        store.drop_graph(graph)
        assert_exact(store)
        assert {key: store_counts(store).counts[key] for key in counted(store)} == counted(store)


def test_replacing_subjects_counts_only_what_changes(tmp_path: Path) -> None:
    graph = EX + "g"
    with open_store(tmp_path / "store") as store:
        store.replace_graph(graph, [quad(EX + "a", RDF + "type", CG + "Claim", graph),
                                    quad(EX + "b", RDF + "type", CG + "Agent", graph),
                                    quad(EX + "b", EX + "p", EX + "c", graph)])
        # a loses its claim type and becomes a quantity claim; b's quad is given again (there already: no change)
        store.replace_subjects(graph, [EX + "a"], [quad(EX + "a", RDF + "type", CG + "QuantityClaim", graph),
                                                   quad(EX + "b", EX + "p", EX + "c", graph),
                                                   quad(EX + "d", RDF + "type", CG + "Claim", graph)])
        assert_exact(store)
        assert stored_entries(store)[graph] == {**dict.fromkeys(stored_entries(store)[graph], 0), "triples": 4,
                                                "claims": 2, "quantity_claims": 1, "entities": 1}


@pytest.mark.parametrize("generic", [False, True])
def test_replacing_statements_replaces_only_the_matching_quads(tmp_path: Path, generic: bool) -> None:
    """A few properties of a large node (a contradiction a claim joined), on the embedded store and on the generic
    path a remote store takes (rewriting the graph): the other quads of that node stay, unread."""
    graph = EX + "g"
    with open_store(tmp_path / "store") as store:
        store.replace_graph(graph, [quad(EX + "item", RDF + "type", CG + "Contradiction", graph),
                                    quad(EX + "item", EX + "label", EX + "old", graph),
                                    *(quad(EX + "item", EX + "between", EX + f"claim{n}", graph) for n in range(5)),
                                    quad(EX + "other", EX + "label", EX + "kept", graph)])
        replace = BaseStore.replace_subjects.__get__(store) if generic else store.replace_subjects
        replace(graph, [], [quad(EX + "item", EX + "label", EX + "new", graph),
                            quad(EX + "item", EX + "between", EX + "claim9", graph)],
                [(EX + "item", EX + "label", None), (EX + "item", EX + "between", ox.NamedNode(EX + "claim0"))])
        assert {(q.subject.value, q.predicate.value, q.object.value) for q in store.quads(graph)} == {
            (EX + "item", RDF + "type", CG + "Contradiction"), (EX + "item", EX + "label", EX + "new"),
            *((EX + "item", EX + "between", EX + f"claim{n}") for n in (1, 2, 3, 4, 9)),
            (EX + "other", EX + "label", EX + "kept")}
        assert_exact(store)


def test_graphs_written_outside_kg_are_counted_and_said_so_then_stored_by_the_next_ingest(
        sample_store_copy: Path) -> None:
    # a bulk load outside kg (bench/queries.py builds its stores so), or an article from before counts were kept
    with open_store(sample_store_copy) as store:
        assert isinstance(store, Store)
        article = next(graph for graph in store.graphs() if graph.startswith(article_iri("")[:-1]))
        store._store.remove(next(store._store.quads_for_pattern(ox.NamedNode(article), COUNTS, None,
                                                                ox.DefaultGraph())))
        store._store.extend([quad(EX + "a", RDF + "type", CG + "Claim", EX + "outside"),
                             quad(EX + "a", EX + "p", EX + "b", EX + "outside")])
        expected = counted(store)
    printed, stderr = stats(sample_store_copy)
    assert stderr.strip() == ("kg: 2 of 10 graphs have no stored counts (written outside kg, or before kg kept them): "
                              "counted them now; the next `kg ingest` stores them")
    assert printed == expected and printed["claims"] > 1
    with open_store(sample_store_copy) as store:
        assert complete(store) == 2 and complete(store) == 0
        assert_exact(store)
    assert stats(sample_store_copy) == (expected, "")


def test_counts_of_a_graph_no_longer_there_are_ignored_and_replaced(tmp_path: Path) -> None:
    graph = EX + "g"
    with open_store(tmp_path / "store") as store:
        assert isinstance(store, Store)
        store.replace_graph(graph, [quad(EX + "a", RDF + "type", CG + "Claim", graph)])
        store._store.remove_graph(ox.NamedNode(graph))  # dropped by another SPARQL client: its counts linger
        assert store_counts(store).counts["claims"] == 0
        store.add_graphs({graph: [quad(EX + "b", EX + "p", EX + "c", graph)]})
        assert_exact(store)
        assert store_counts(store).counts["triples"] == 1


@pytest.mark.slow
def test_reingest_and_reextract_keep_exact_counts(sample_store_copy: Path) -> None:
    with open_store(sample_store_copy) as store:
        expected = counted(store)
        assert ingest(store, [str(resource_dir("data") / "samples")]).unchanged == 6
        assert_exact(store)
        summary = reextract(store, force=True)
        assert summary.replaced == 6 and extraction_fingerprint()
        assert_exact(store)
        assert {key: store_counts(store).counts[key] for key in expected} == counted(store) == expected


def test_counting_a_graph_in_the_store_equals_counting_its_quads(sample_store: Path) -> None:
    with open_store(sample_store, read_only=True) as store:
        for graph in store.graphs():
            assert count_graph(store, graph) == count_quads(store.quads(graph)), graph


@pytest.mark.slow
def test_bbc_articles_ingested_in_batches_keep_exact_counts(tmp_path: Path) -> None:
    files = [str(path) for path in bbc_files(60)]
    with open_store(tmp_path / "store") as store:
        for start, end in ((0, 30), (30, 55), (55, 60)):
            assert ingest(store, files[start:end], workers=2).failed == 0
        assert_exact(store)
        expected = counted(store)
    assert stats(tmp_path / "store") == (expected, "")
    assert expected["articles"] > 50 and expected["claims"] > 300


def test_the_claims_table_total_is_the_stored_count_or_the_counted_one(sample_store_copy: Path) -> None:
    with open_store(sample_store_copy) as store:
        assert isinstance(store, Store)
        total = counted(store)["claims"]
        assert claim_total(store) == total
        store.write_counts(article_iri("0" * 32), {"claims": 1000})  # counts of no graph: ignored
        assert claim_total(store) == total
        article = next(graph for graph in store.graphs() if graph.startswith(article_iri("")[:-1]))
        store._store.update(f"DELETE WHERE {{ <{article}> <{COUNTS.value}> ?counts }}")
        assert claim_total(store) == total
