"""Parallel ingest, Dask, the remote store and `kg serve`, against real servers started and stopped here."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_linking_incremental import ARTICLES, _write

import kg.linking
from kg import listing
from kg.claims import list_claims
from kg.counts import store_counts
from kg.namespaces import ENTITIES_GRAPH
from kg.pipeline import ingest
from kg.resources import resource_dir
from kg.serve import server_binary, server_command
from kg.store import open_store

pytestmark = pytest.mark.slow  # worker pools, a Dask cluster, a server

SAMPLES = str(resource_dir("data") / "samples")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server at {url} did not start")


def dumped(location: str | Path, fmt: str) -> bytes:
    import io

    buffer = io.BytesIO()
    with open_store(location) as store:
        store.dump(buffer, fmt)
    return buffer.getvalue()


def nquads(location: str | Path) -> list[str]:
    return sorted(line for line in dumped(location, "nquads").decode("utf-8").splitlines() if line.strip())


@pytest.fixture(scope="module")
def one_worker_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("w1") / "store"
    with open_store(location) as store:
        summary = ingest(store, [SAMPLES], workers=1)
    assert summary.new == 6 and not summary.failures
    return location


def test_two_workers_give_the_same_store(one_worker_store: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("kg.pipeline.BATCH_SIZE", 1)  # six batches, so the pool really runs
    location = tmp_path / "w2"
    with open_store(location) as store:
        summary = ingest(store, [SAMPLES], workers=2)
    assert summary.new == 6
    assert nquads(location) == nquads(one_worker_store)


def test_dask_local_cluster_gives_the_same_store(one_worker_store: Path, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="Dask is part of the test extra; install claimgraph[test]")
    monkeypatch.setattr("kg.pipeline.BATCH_SIZE", 2)
    location = tmp_path / "dask"
    with open_store(location) as store:
        summary = ingest(store, [SAMPLES], workers=2, scheduler="local")
    assert summary.new == 6
    assert nquads(location) == nquads(one_worker_store)


@pytest.fixture()
def oxigraph_server(tmp_path: Path):
    port = free_port()
    process = subprocess.Popen([server_binary(), "serve", "--location", str(tmp_path / "remote"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_remote_store_holds_the_same_graphs(one_worker_store: Path, oxigraph_server: str) -> None:
    with open_store(oxigraph_server) as remote:
        summary = ingest(remote, [SAMPLES], workers=1)
        assert summary.new == 6
        again = ingest(remote, [SAMPLES], workers=1)
        assert (again.new, again.unchanged) == (0, 6)
    assert nquads(oxigraph_server) == nquads(one_worker_store)
    with open_store(oxigraph_server) as remote, open_store(one_worker_store, read_only=True) as local:
        # each PUT of a graph writes its counts after it (kg.counts): none to count when read
        assert store_counts(remote).counted == [] and store_counts(remote) == store_counts(local)
        # and its listing records (kg/listing.py) after it: the claims are listed from them, as locally
        articles = local.graphs()
        assert listing.stored(remote, articles) == listing.stored(local, articles) != {}
        listed = list_claims(remote)
        assert listed == list_claims(local) and len(listed) > 100
        chosen = {claim["id"] for claim in listed[::4]}
        assert list_claims(remote, ids=chosen) == [claim for claim in listed if claim["id"] in chosen]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(type(remote), "keeps_listings", False)
            assert list_claims(remote) == listed  # claims.rq over HTTP gives the same
    for fmt in ("turtle", "trig", "jsonld"):  # the remote store dumps the same bytes
        assert dumped(oxigraph_server, fmt) == dumped(one_worker_store, fmt), fmt


def test_a_remote_store_keeps_its_linking_state(oxigraph_server: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A store behind HTTP keeps the linking state in its default graph: the next ingest links only its own articles,
    and the entities come out as from one ingest of everything on disk."""
    older = _write(tmp_path / "older.jsonl", ARTICLES[:2])
    newer = _write(tmp_path / "newer.jsonl", ARTICLES[2:])
    with open_store(tmp_path / "local") as local:
        assert not ingest(local, [str(older), str(newer)], workers=1).failures
    with open_store(oxigraph_server) as remote:
        assert not ingest(remote, [str(older)], workers=1).failures
        read: list[object] = []
        original = kg.linking._read
        monkeypatch.setattr(kg.linking, "_read", lambda store, name, articles=None: (
            read.append(articles), original(store, name, articles))[1])
        assert not ingest(remote, [str(newer)], workers=1).failures
        assert read and all(articles is not None and len(articles) == 2 for articles in read), \
            "the second ingest read the mentions of the articles linked before"
        entities = set(remote.quads(ENTITIES_GRAPH))
    with open_store(tmp_path / "local", read_only=True) as local:
        assert entities == set(local.quads(ENTITIES_GRAPH)) != set()


def test_kg_serve_answers_like_kg_query(one_worker_store: Path) -> None:
    from kg.queries import resolve_query

    port = free_port()
    command = server_command(str(one_worker_store), f"127.0.0.1:{port}")
    assert "serve-read-only" in command  # read-only unless --writable
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        sparql = resolve_query("articles")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
            headers={"Accept": "application/sparql-results+json"})
        served = json.loads(urllib.request.urlopen(request, timeout=10).read())
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update",
                                        data=urllib.parse.urlencode({"update": "DROP ALL"}).encode())
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=10)
    finally:
        process.terminate()
        process.wait(timeout=10)
    with open_store(one_worker_store) as store:
        local = store.select(sparql)
    served_rows = [{k: v["value"] for k, v in row.items()} for row in served["results"]["bindings"]]
    assert [row["article"] for row in served_rows] == [row["article"] for row in local]
    assert len(local) == 6


def test_serve_binds_loopback_by_default() -> None:
    from kg.serve import DEFAULT_BIND

    assert DEFAULT_BIND.startswith("127.0.0.1:")
