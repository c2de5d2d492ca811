"""Where the bundled ontology, queries and data files are, installed or in a source checkout."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    """``ontology``, ``queries`` or ``data``: inside the wheel, else at the top of the source tree."""
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"claimgraph resource folder {name!r} is missing from the installation")


def resource(name: str, *parts: str) -> Path:
    return resource_dir(name).joinpath(*parts)
