"""Copies the repository's ontology/, queries/ and data/ into the wheel as kg/_resources/.

They live at the top of the repository (where people look for them) and travel inside the package, so an installed
`kg` finds them without the source tree. In an editable install kg.resources reads them from the repository.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
RESOURCE_DIRS = ("ontology", "queries", "data")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "kg" / "_resources"
        for name in RESOURCE_DIRS:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
