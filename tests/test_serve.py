"""Issue 18, item 6: `kg serve` stops with its server on SIGTERM and SIGINT (no process left serving the port); a
busy port or a malformed --bind is one line, exit 2 (no Rust backtrace); the banner says it serves a snapshot."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
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
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            return server
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the endpoint did not start")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_endpoint_and_its_server(store: Path, stop: signal.Signals) -> None:
    port = free_port()
    server = start(store, port)
    server.send_signal(stop)  # to kg only, as `kill` or a service manager sends it, not to its process group
    try:
        assert server.wait(timeout=15) == 0
    finally:
        if server.poll() is None:
            server.kill()
    time.sleep(0.2)
    assert not serving(port), "the oxigraph child is still serving the port"


def test_the_banner_says_the_endpoint_serves_a_snapshot(store: Path) -> None:
    port = free_port()
    server = start(store, port)
    server.terminate()
    server.wait(timeout=15)
    banner = server.stderr.read().splitlines()[0] if server.stderr else ""
    assert banner.startswith(f"SPARQL endpoint on http://127.0.0.1:{port}/query over {store} (read-only; serves a "
                             "snapshot of the store as it was at start, restart it to see later ingests)")


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
    # A store folder the server cannot open: the server's own error, in one line, with no Rust backtrace.
    broken = store.parent / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage\n")
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    result = subprocess.run([*KG, "serve", "--store", str(broken), "--bind", f"127.0.0.1:{free_port()}"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("SPARQL endpoint on")
    assert lines[-1].startswith("kg: the SPARQL server stopped: ")
    assert "backtrace" not in result.stderr.lower()
