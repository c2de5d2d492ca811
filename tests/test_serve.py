"""Issue 18, item 6: `kg serve` stops with its server on SIGTERM and SIGINT (no process left serving the port); a
busy port or a malformed --bind is one line, exit 2 (no Rust backtrace); the banner says it serves a snapshot.
Issue 19, item 8: it opens on claimgraph's page (its prefixes, every named query) naming /query, which answers."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.queries import load_named, query_names
from kg.serve import server_binary
from kg.store import open_store

pytestmark = pytest.mark.slow  # starts oxigraph servers

try:
    server_binary()
except KGError:
    pytest.skip("the oxigraph server is not installed", allow_module_level=True)

runner = CliRunner()
KG = [sys.executable, "-m", "kg.cli"]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    with open_store(location):
        pass
    return location


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serving(port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(1)
        return client.connect_ex(("127.0.0.1", port)) == 0


def start(store: Path, port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen([*KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}"],
                              stderr=subprocess.PIPE, text=True)
    wait_until_serving(server, port)
    return server


def wait_until_serving(server: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            return
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the endpoint did not start")


def children(pid: int) -> set[int]:
    """The processes ``pid`` started (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"  # a zombie has stopped
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_endpoint_and_its_server(store: Path, stop: signal.Signals) -> None:
    port = free_port()
    server = start(store, port)
    oxigraph = children(server.pid)
    assert len(oxigraph) == 1
    server.send_signal(stop)  # to kg only, as `kill` or a service manager sends it, not to its process group
    try:
        assert server.wait(timeout=15) == 0
    finally:
        if server.poll() is None:
            server.kill()
    time.sleep(0.2)
    assert not serving(port), "something is still serving the port"
    assert not any(alive(pid) for pid in oxigraph), "the oxigraph child is still running"


def test_the_banner_names_the_endpoint_and_the_page_and_says_it_serves_a_snapshot(store: Path) -> None:
    port = free_port()
    server = start(store, port)
    server.terminate()
    server.wait(timeout=15)
    assert server.stderr is not None
    assert server.stderr.read().splitlines() == [
        f"SPARQL endpoint on http://127.0.0.1:{port}/query over {store} (read-only; serves a snapshot of the store "
        "as it was at start, restart it to see later ingests); Ctrl-C stops it",
        f"Query page on http://127.0.0.1:{port}/ with claimgraph's prefixes and its {len(query_names())} named "
        "queries"]  # and not the line where the oxigraph server behind listens, on a private port


@pytest.fixture(scope="module")
def served(sample_store: Path) -> Iterator[int]:
    """`kg serve` on the session's sample store (read-only): its port."""
    port = free_port()
    server = start(sample_store, port)
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get_content_type(), response.read().decode("utf-8")


def select(endpoint: str, sparql: str) -> list[dict[str, str]]:
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return [{name: value["value"] for name, value in row.items()} for row in rows]


def test_the_page_has_the_prefixes_and_every_named_query(served: int) -> None:
    kind, page = get(f"http://127.0.0.1:{served}/")
    assert kind == "text/html"
    for name, iri in PREFIXES.items():
        assert escape(f"PREFIX {name}: <{iri}>") in page, name
    for name in query_names():
        assert f"<h3>{escape(name)}</h3>" in page, name
        assert escape(load_named(name)) in page, name  # the whole query, to read or open in the editor
        assert f'data-query="{escape(name)}"' in page, name


def test_the_endpoint_the_page_names_answers_like_kg_query(served: int, sample_store: Path) -> None:
    _, page = get(f"http://127.0.0.1:{served}/")
    named = re.search(r'<code id="endpoint">([^<]+)</code>', page)
    assert named is not None and named.group(1) == f"http://127.0.0.1:{served}/query"
    assert 'new URL("/query", window.location.href)' in page  # the editor queries the same endpoint
    sparql = load_named("articles")
    with open_store(sample_store, read_only=True) as store:
        local = store.select(sparql)
    assert [row["article"] for row in select(named.group(1), sparql)] == [row["article"] for row in local]
    assert len(local) == 6


def test_the_page_loads_nothing_from_another_site(served: int) -> None:
    _, page = get(f"http://127.0.0.1:{served}/")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert {"/yasgui.min.js", "/yasgui.min.css"} <= set(assets)
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        kind, body = get(f"http://127.0.0.1:{served}{asset}")  # the oxigraph server's own copy, passed on
        assert body and kind in ("application/javascript", "text/javascript", "text/css"), (asset, kind)


def test_writable_updates_pass_through_the_front(store: Path) -> None:
    port = free_port()
    server = subprocess.Popen([*KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}", "--writable"],
                              stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(server, port)
        _, page = get(f"http://127.0.0.1:{port}/")
        assert "read-write" in page
        update = urllib.request.Request(
            f"http://127.0.0.1:{port}/update", data=urllib.parse.urlencode(
                {"update": "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> "
                           "<https://example.org/p> 'written' } }"}).encode())
        with urllib.request.urlopen(update, timeout=30) as response:
            assert response.status == 204
        rows = select(f"http://127.0.0.1:{port}/query", "SELECT ?o WHERE { <https://example.org/s> ?p ?o }")
        assert rows == [{"o": "written"}]
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_a_busy_port_is_one_line_exit_2(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"kg: 127.0.0.1:{port} is already in use (another `kg serve`?); stop it "
                                          "or pick another port with --bind HOST:PORT"]


@pytest.mark.parametrize("bind", ["bad", ":", "127.0.0.1:", ":7878", "127.0.0.1:99999", "127.0.0.1:0",
                                  "127.0.0.1:http", "local host:7878"])
def test_a_malformed_bind_is_one_line_exit_2(store: Path, bind: str) -> None:
    result = runner.invoke(app, ["serve", "--store", str(store), "--bind", bind], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"kg: bad --bind {bind!r}: expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:7878"]


def test_a_server_failing_at_start_is_one_line_without_backtrace(store: Path) -> None:
    # A store folder the server cannot open: the server's own error, in one line, with no Rust backtrace. Writable,
    # the server opens the folder itself (read-only, kg opens it first to pin its files: the next test).
    broken = store.parent / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage\n")
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    result = subprocess.run([*KG, "serve", "--store", str(broken), "--writable", "--bind",
                             f"127.0.0.1:{free_port()}"], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("SPARQL endpoint on")
    assert lines[-1].startswith("kg: the SPARQL server stopped: ")
    assert "backtrace" not in result.stderr.lower()


def test_a_store_that_cannot_be_pinned_is_one_line_before_any_server_starts(store: Path) -> None:
    broken = store.parent / "broken-read-only"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage\n")
    result = subprocess.run([*KG, "serve", "--store", str(broken), "--bind", f"127.0.0.1:{free_port()}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(f"kg: {broken}: cannot open the store (")
    assert "Traceback" not in result.stderr
    assert not list((broken / ".readers").iterdir())  # the failed pins are gone


def test_a_read_only_endpoint_reads_a_pin_of_the_store_and_removes_it_when_it_stops(store: Path) -> None:
    port = free_port()
    server = start(store, port)
    [oxigraph] = children(server.pid)
    location = Path(f"/proc/{oxigraph}/cmdline").read_bytes().split(b"\0")
    pin = Path(location[location.index(b"--location") + 1].decode())
    assert pin.parent == store / ".readers" and pin.is_dir()
    server.terminate()
    assert server.wait(timeout=15) == 0
    assert not pin.exists()
