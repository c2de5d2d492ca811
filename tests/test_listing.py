"""The stored listing records (kg/listing.py): `kg claims` read from them lists what claims.rq lists, in the same order,
and a record never outlives the article graph it was made from."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg import claims, listing
from kg.claims import list_claims
from kg.namespaces import ENTITIES_GRAPH, SCHEMA
from kg.store import open_store


def through_claims_rq(store: Any, monkeypatch: pytest.MonkeyPatch, **filters: Any) -> list[dict[str, Any]]:
    """The listing as claims.rq gives it, records ignored."""
    with monkeypatch.context() as patch:
        patch.setattr(type(store), "keeps_listings", False)
        return list_claims(store, **filters)


@pytest.mark.parametrize("filters", [
    {}, {"stance": "deny"}, {"stance": "ASSERT"}, {"kind": "quantity"}, {"kind": "attributed"},
    {"offset": 5, "limit": 7}, {"kind": "quantity", "offset": 3, "limit": 4}, {"offset": 130}, {"limit": 0},
    {"about": "ETHNIC CLEANSING"}, {"about": "killed", "kind": "quantity", "offset": 1}, {"about": "no such words"},
])
def test_the_stored_listing_lists_what_claims_rq_lists(sample_store: Path, monkeypatch: pytest.MonkeyPatch,
                                                       filters: dict[str, Any]) -> None:
    with open_store(str(sample_store), read_only=True) as store:
        articles = [row["article"] for row in store.select("SELECT ?article WHERE { ?article a cg:Article }")]
        assert len(listing.stored(store, articles)) == len(articles)  # every sample article has its records
        listed = list_claims(store, **filters)
        assert listed == through_claims_rq(store, monkeypatch, **filters)
    if not filters:
        assert len(listed) == 133 and any("value" in claim for claim in listed)


def test_chosen_claims_are_read_from_the_records_too(sample_store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's sides (``ids``): from the records, or through claims.rq where an article has none."""
    with open_store(str(sample_store_copy)) as store:
        every = through_claims_rq(store, monkeypatch)
        chosen = {claim["id"] for claim in every[::3]} | {"https://w3id.org/claimgraph/id/claim/none/0"}
        assert list_claims(store, ids=chosen) == through_claims_rq(store, monkeypatch, ids=chosen) \
            == [claim for claim in every if claim["id"] in chosen]
        assert list_claims(store, ids=chosen, stance="assert", offset=2, limit=5) == \
            through_claims_rq(store, monkeypatch, ids=chosen, stance="assert", offset=2, limit=5)
        store._store.update(listing.entry_update(every[0]["source"]["id"], None))  # one article without records
        assert list_claims(store, ids=chosen) == [claim for claim in every if claim["id"] in chosen]


def test_names_come_from_the_entities_graph_when_listed(sample_store_copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Linking renames an entity without rewriting the articles: the listing shows the new name at once."""
    with open_store(str(sample_store_copy)) as store:
        claimant = next(claim for claim in list_claims(store) if claim["claimant"] == "Ilham Aliyev")
        entity = store.select('SELECT ?e WHERE { GRAPH <%s> { ?e schema:name "Ilham Aliyev" } }' % ENTITIES_GRAPH)
        node = ox.NamedNode(entity[0]["e"])
        quads = [quad for quad in store.quads(ENTITIES_GRAPH)
                 if not (quad.subject == node and quad.predicate == ox.NamedNode(SCHEMA + "name"))]
        store.replace_graph(ENTITIES_GRAPH, [*quads, ox.Quad(node, ox.NamedNode(SCHEMA + "name"),
                                                             ox.Literal("President Aliyev"), ox.DefaultGraph())])
        renamed = [claim for claim in list_claims(store) if claim["id"] == claimant["id"]]
        assert [claim["claimant"] for claim in renamed] == ["President Aliyev"]
        assert list_claims(store) == through_claims_rq(store, monkeypatch)


def test_a_record_goes_with_its_graph(sample_store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(str(sample_store_copy)) as store:
        article = list_claims(store, kind="quantity")[0]["source"]["id"]
        before = listing.stored(store, [article])[article]
        # the graph rewritten without its first claim: the stored records follow
        dropped = ox.NamedNode(sorted(record["claim"] for record in before)[0])
        kept = [quad for quad in store.quads(article) if quad.subject != dropped]
        store.replace_graph(article, kept)
        after = listing.stored(store, [article])[article]
        assert {record["claim"] for record in after} == {record["claim"] for record in before} - {dropped.value}
        assert list_claims(store) == through_claims_rq(store, monkeypatch)
        store.drop_graph(article)
        assert listing.stored(store, [article]) == {}
        assert all(claim["source"]["id"] != article for claim in list_claims(store))


def test_articles_without_records_are_listed_through_claims_rq(sample_store_copy: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written before the records (or a graph written by another client) lists the same claims."""
    with open_store(str(sample_store_copy)) as store:
        expected = through_claims_rq(store, monkeypatch)
        articles = sorted({claim["source"]["id"] for claim in expected})
        # two of the six articles lose their records, one gets a record of another version
        raw = store._store  # what another SPARQL client would do to the store
        for article in articles[:2]:
            raw.update(listing.entry_update(article, None))
        raw.update(f"DELETE WHERE {{ <{articles[2]}> {listing.LISTING} ?l }} ;\n"
                     f"INSERT DATA {{ <{articles[2]}> {listing.LISTING} \"{{\\\"version\\\": 0}}\" }}")
        assert len(listing.stored(store, articles)) == len(articles) - 3
        assert list_claims(store) == expected
        assert list_claims(store, offset=40, limit=30) == expected[40:70]


def test_the_next_ingest_writes_the_records_an_older_store_lacks(sample_store_copy: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(str(sample_store_copy)) as store:
        expected = through_claims_rq(store, monkeypatch)
        articles = sorted({claim["source"]["id"] for claim in expected})
        for article in articles[:3]:
            store._store.update(listing.entry_update(article, None))  # as a store written before the records
        assert listing.complete(store) == 3
        assert len(listing.stored(store, articles)) == len(articles)
        assert listing.complete(store) == 0
        assert list_claims(store) == expected
