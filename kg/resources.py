"""Where the bundled ontology, queries and data files are, installed or in a source checkout.

They live at the top of the repository (ontology/, queries/, data/, where people look for them) and are installed
inside the package as kg/_resources/<name>/: pyproject.toml maps the folders there, no build step copies them. An
installed claimgraph reads them through importlib.resources; an editable install or a source checkout (where the
package has no _resources folder) reads them where they are, beside the package.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

#: The resource folders: each is a folder at the top of the repository and kg/_resources/<name> in a wheel.
RESOURCE_NAMES = ("ontology", "queries", "data")


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    """``ontology``, ``queries`` or ``data``: inside the installed package, else at the top of the source tree."""
    if name not in RESOURCE_NAMES:
        raise ValueError(f"no claimgraph resource folder {name!r}: there are {', '.join(RESOURCE_NAMES)}")
    package = files("kg")
    installed = package.joinpath("_resources", name)
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(str(package)).parent
    if (checkout / name).is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout / name
    raise FileNotFoundError(f"claimgraph resource folder {name!r} is missing from the installation "
                            f"(looked in {installed} and {checkout / name}): reinstall claimgraph")


def resource(name: str, *parts: str) -> Path:
    """A file or folder inside a resource folder, e.g. ``resource("data", "qualifiers.tsv")``."""
    return resource_dir(name).joinpath(*parts)
