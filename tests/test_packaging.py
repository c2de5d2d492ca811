"""Packaging (issue 18, item 4): ontology/, queries/ and data/ travel inside the package as kg/_resources/, mapped there
by pyproject.toml, and a build made from the sdist alone (as a packager or a mirror makes it) carries all of them.

The full path (python -m build, a wheel from the sdist, installed in a fresh venv, kg demo) runs in .ci/run; here the
sdist is made with setuptools' own build backend and built into the package tree the wheel is zipped from, without
the network.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

import kg
from kg.resources import RESOURCE_NAMES, resource_dir

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _resource_files() -> list[str]:
    """Every file of ontology/, queries/ and data/ (relative to the repository), caches left out."""
    return sorted(path.relative_to(ROOT).as_posix() for name in RESOURCE_NAMES
                  for path in (ROOT / name).rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


def test_every_folder_of_the_package_and_its_resources_is_a_listed_package() -> None:
    """A folder left out of [tool.setuptools] packages would be left out of the wheel, or warned about and dropped by
    a later setuptools: add it to pyproject.toml."""
    expected = {".".join(path.relative_to(ROOT).parts) for path in (ROOT / "kg").rglob("__init__.py")
                for path in [path.parent]}
    for name in RESOURCE_NAMES:
        expected |= {"kg._resources." + ".".join(path.relative_to(ROOT).parts)
                     for path in [ROOT / name, *(ROOT / name).rglob("*")]
                     if path.is_dir() and path.name != "__pycache__"}
    assert sorted(PYPROJECT["tool"]["setuptools"]["packages"]) == sorted(expected)
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {f"kg._resources.{name}": name for name in RESOURCE_NAMES}


def test_no_setup_script_copies_resources() -> None:
    assert not (ROOT / "setup.py").exists()


def test_resources_are_read_from_where_kg_is_imported() -> None:
    # an editable install or a checkout reads the checkout's folders; an installed wheel (CI's `pip install .`)
    # reads its own copy inside the package
    package = Path(kg.__file__).resolve().parent
    for name in RESOURCE_NAMES:
        if package == ROOT / "kg":
            assert resource_dir(name) in (ROOT / name, ROOT / "kg" / "_resources" / name)
        else:
            assert resource_dir(name) == package / "_resources" / name
    with pytest.raises(ValueError, match="no claimgraph resource folder 'samples'"):
        resource_dir("samples")


def _setuptools(source: Path, *arguments: str) -> str:
    """Run setuptools (the project's build backend) in ``source``, as pip or build would, and return its output."""
    done = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", *arguments], cwd=source,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def built_from_sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package tree a wheel built from the sdist holds (build_py's output), made from a copy of the checkout."""
    pytest.importorskip("setuptools")
    work = tmp_path_factory.mktemp("packaging")
    checkout = work / "checkout"
    checkout.mkdir()
    shutil.copy(ROOT / "pyproject.toml", checkout)
    shutil.copy(ROOT / "README.md", checkout)
    for folder in ("kg", *RESOURCE_NAMES):
        shutil.copytree(ROOT / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__", "_resources"))
    _setuptools(checkout, "-q", "sdist", "--dist-dir", str(work / "dist"))
    [sdist] = (work / "dist").glob("claimgraph-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    [unpacked] = (work / "unpacked").iterdir()
    _setuptools(unpacked, "-q", "build_py", "--build-lib", str(work / "lib"))
    return work / "lib"


@pytest.mark.slow
def test_a_build_from_the_sdist_carries_every_resource_file(built_from_sdist: Path) -> None:
    packaged = sorted(path.relative_to(built_from_sdist / "kg" / "_resources").as_posix()
                      for path in (built_from_sdist / "kg" / "_resources").rglob("*") if path.is_file())
    assert packaged == _resource_files()
    assert (built_from_sdist / "kg" / "py.typed").is_file()


@pytest.mark.slow
def test_the_built_package_reads_its_resources_from_itself(built_from_sdist: Path, tmp_path: Path) -> None:
    """Run from elsewhere with the built tree first on the path: nothing may come from the checkout."""
    script = ("from kg.resources import RESOURCE_NAMES, resource_dir\n"
              "from kg.queries import query_names\n"
              "for name in RESOURCE_NAMES: print(resource_dir(name))\n"
              "print(len(query_names(internal=True)))\n")
    environment = {**os.environ, "PYTHONPATH": str(built_from_sdist)}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=environment, capture_output=True,
                          text=True, check=True)
    *folders, queries = done.stdout.split()
    assert folders == [str(built_from_sdist / "kg" / "_resources" / name) for name in RESOURCE_NAMES]
    assert int(queries) == len(list((ROOT / "queries").rglob("*.rq")))
