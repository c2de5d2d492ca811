"""A SPARQL 1.1 endpoint over the store: the `oxigraph` server from PyPI, read-only unless asked otherwise.

The server comes with the SPARQL protocol and the Graph Store Protocol. Queries see the union of the named graphs,
like `kg query`. It runs on a private loopback port behind a small front server here, which answers ``/`` with
claimgraph's own page (kg/serve_page.py: the query editor aimed at ``/query``, the prefixes, the named queries) and
passes every other request to it unchanged.

What it serves: read-only (the default), Oxigraph opens the store as a RocksDB read-only instance, a snapshot of
the data as it was when the server started, read through a pin of the store's files (kg/snapshot.py) so that a
writer's compactions change nothing under it (the pin keeps the table files it links on disk until the server
stops). `kg ingest` may write meanwhile, but the endpoint does not see it until it is restarted. Writable
(``--writable``), the server holds the store, sees its own writes, and no `kg ingest` can write until it stops.

The server is a child process. ``serve`` stops it when this process is asked to stop (SIGTERM, SIGINT, SIGHUP) and,
on Linux, the kernel stops it if this process dies without asking (SIGKILL): no server is left holding the port.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from kg.errors import KGError, StoreError
from kg.serve_front import QUERY_PATH, Front, page
from kg.store import pinned

DEFAULT_BIND = "127.0.0.1:7878"
#: How long the server may take to stop after SIGTERM before it is killed.
STOP_TIMEOUT = 5.0
#: Signals that stop the endpoint. SIGINT arrives as KeyboardInterrupt.
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: How the `oxigraph` server says it is ready: "Listening for requests at http://127.0.0.1:PORT".
_LISTENING = "Listening for requests at"
#: Linux prctl option: the signal the kernel sends a child when its parent dies.
_PR_SET_PDEATHSIG = 1


class ServeError(KGError):
    """The endpoint could not start: a malformed --bind, a busy port, no store, no server installed."""


@dataclass(frozen=True)
class Endpoint:
    """A checked endpoint: the server to run on a private port, where the front listens, and whether it serves a
    snapshot."""

    command: list[str]
    host: str
    port: int
    writable: bool
    private_port: int  # where the oxigraph server listens, on 127.0.0.1

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The SPARQL endpoint (its page, at the root, names it)."""
        return self.address + QUERY_PATH

    @property
    def page_url(self) -> str:
        return self.address + "/"

    @property
    def snapshot(self) -> bool:
        """A read-only server serves the data as it was at start; a writable one sees its own writes."""
        return not self.writable


def server_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the `oxigraph` package), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the `oxigraph` server is not installed (pip install oxigraph)")
    return found


def parse_bind(bind: str) -> tuple[str, int]:
    """HOST:PORT (``[::1]:PORT`` for an IPv6 address) as a host and a port in 1-65535, or a ServeError."""
    host, _, port = bind.strip().rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host or not port.isdigit() or not 0 < int(port) < 65536 or any(c.isspace() for c in host):
        raise ServeError(f"bad --bind {bind!r}: expected HOST:PORT with a port from 1 to 65535, e.g. {DEFAULT_BIND}")
    return host, int(port)


def check_port(host: str, port: int) -> None:
    """Fail now, with one line, if the server could not listen on HOST:PORT (busy, or an address not here).
    The server would say so too, but as a Rust error with a backtrace after the banner."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ServeError(f"bad --bind host {host!r}: {error.strerror or error}") from error
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As the front server does (http.server sets it): a port with only closed connections in TIME_WAIT is
        # free to it, one with a listener is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise _cannot_listen(host, port, error) from error


def _cannot_listen(host: str, port: int, error: OSError) -> ServeError:
    if error.errno == errno.EADDRINUSE:
        return ServeError(f"{host}:{port} is already in use (another `kg serve`?); stop it or pick another port "
                          f"with --bind HOST:PORT")
    if error.errno == errno.EACCES:
        return ServeError(f"{host}:{port}: not allowed to listen on this port (ports below 1024 need privileges); "
                          f"pick another with --bind HOST:PORT")
    return ServeError(f"cannot listen on {host}:{port} ({error.strerror or error})")


def prepare(location: str, bind: str = DEFAULT_BIND, *, writable: bool = False) -> Endpoint:
    """Check everything that can be checked before the server starts, and say what it will run."""
    host, port = parse_bind(bind)
    if not Path(location).is_dir():
        raise ServeError(f"{location}: no store here (run `kg ingest` first, or pass --store / set KG_STORE)")
    check_port(host, port)
    private_port = _free_loopback_port()
    command = server_command(location, f"127.0.0.1:{private_port}", writable=writable)
    return Endpoint(command=command, host=host, port=port, writable=writable, private_port=private_port)


def server_command(location: str, bind: str = DEFAULT_BIND, *, writable: bool = False) -> list[str]:
    """The `oxigraph` command that serves the store on ``bind`` by itself (`kg serve` runs it on a private port)."""
    host, port = parse_bind(bind)
    mode = "serve" if writable else "serve-read-only"
    bound = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [server_binary(), mode, "--location", location, "--bind", bound, "--union-default-graph"]


def _free_loopback_port() -> int:
    """A port free on 127.0.0.1 now, for the server behind the front (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends SIGTERM when the parent dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _relay(stream: IO[str], sink: Callable[[str], None], errors: list[str], ready: threading.Event) -> None:
    """Pass the server's stderr on, except its error lines (kept for one message), any Rust backtrace, and the
    line saying where it listens (a private port: ``ready`` is set instead)."""
    in_backtrace = False
    for line in stream:
        text = line.rstrip("\n")
        if text.startswith(_LISTENING):
            ready.set()
        elif text.startswith("Error:"):
            errors.append(text.removeprefix("Error:").strip())
            in_backtrace = False
        elif text.startswith("Stack backtrace:"):
            in_backtrace = True
        elif not in_backtrace and text.strip():
            sink(text)


def run(endpoint: Endpoint, log: Callable[[str], None] | None = None) -> int:
    """Run the server in the foreground until it stops or this process is asked to stop (SIGTERM, SIGHUP,
    SIGINT/Ctrl-C), which stops the server too; returns 0 then. A server that fails is a ServeError with its
    message in one line. ``log`` receives the server's other stderr lines."""
    try:
        front = Front(endpoint.host, endpoint.port, page(endpoint.url, endpoint.writable), endpoint.private_port)
    except OSError as error:
        raise _cannot_listen(endpoint.host, endpoint.port, error) from error
    with contextlib.ExitStack() as pins:
        try:
            command = _pinned_command(endpoint, pins)
        except BaseException:
            front.server_close()
            raise
        return _run(endpoint, command, front, log)


def _pinned_command(endpoint: Endpoint, pins: contextlib.ExitStack) -> list[str]:
    """The server's command, reading a pin of the store when it serves a snapshot."""
    if not endpoint.snapshot:
        return endpoint.command
    at = endpoint.command.index("--location") + 1
    try:
        folder = pins.enter_context(pinned(endpoint.command[at]))
    except StoreError as error:
        raise ServeError(str(error)) from error
    return [*endpoint.command[:at], folder, *endpoint.command[at + 1:]]


def _run(endpoint: Endpoint, command: list[str], front: Front, log: Callable[[str], None] | None) -> int:
    environment = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             env=environment, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    errors: list[str] = []
    relay = threading.Thread(target=_relay, args=(child.stderr, log or (lambda _: None), errors, front.ready),
                             daemon=True)
    relay.start()
    threading.Thread(target=front.serve_forever, daemon=True).start()
    asked_to_stop = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        asked_to_stop.set()
        child.terminate()

    previous = {number: signal.signal(number, stop) for number in _STOP_SIGNALS}
    try:
        code = child.wait()
    except KeyboardInterrupt:
        asked_to_stop.set()
        code = _stop(child)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if child.poll() is None:  # an exception other than Ctrl-C: never leave the server behind
            _stop(child)
        front.shutdown()
        front.server_close()
        relay.join(timeout=1.0)
    if asked_to_stop.is_set():
        return 0
    if code != 0:
        reason = errors[0] if errors else f"exit code {code}"
        raise ServeError(f"the SPARQL server stopped: {reason}")
    return 0


def _stop(child: subprocess.Popen[str]) -> int:
    child.terminate()
    try:
        return child.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def serve(location: str, bind: str = DEFAULT_BIND, *, writable: bool = False) -> int:
    """Check, then run the server in the foreground until it stops; returns its exit code."""
    return run(prepare(location, bind, writable=writable))

