"""A SPARQL 1.1 endpoint over the store: the `oxigraph` server from PyPI, read-only unless asked otherwise.

The server comes with the SPARQL protocol, the Graph Store Protocol and a query UI at its root. Queries see the
union of the named graphs, like `kg query`.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import KGError

DEFAULT_BIND = "127.0.0.1:7878"


def server_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the `oxigraph` package), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the `oxigraph` server is not installed (pip install oxigraph)")
    return found


def server_command(location: str, bind: str = DEFAULT_BIND, *, writable: bool = False) -> list[str]:
    if not Path(location).is_dir():
        raise KGError(f"{location}: no store here (run `kg ingest` first, or pass --store / set KG_STORE)")
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise KGError(f"bad --bind {bind!r}: expected HOST:PORT, e.g. {DEFAULT_BIND}")
    mode = "serve" if writable else "serve-read-only"
    return [server_binary(), mode, "--location", location, "--bind", bind, "--union-default-graph"]


def serve(location: str, bind: str = DEFAULT_BIND, *, writable: bool = False) -> int:
    """Run the server in the foreground until it stops (Ctrl-C); returns its exit code."""
    command = server_command(location, bind, writable=writable)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
