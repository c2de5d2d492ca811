"""The trained models as versioned artefacts: each model folder holds a metadata.json that records the version, how
the models were trained (command, commit, training data and its licence), their dev scores and a SHA-256 checksum
of every file. Loading checks the checksums of the files it reads and fails with one clear message naming the file:
a missing or altered model never lets extraction fall back to the rules without saying so.

data/models/attribution/metadata.json::

    {"version": "1.1.0",
     "models": {"tagger": {"files": ["tagger/config.cfg", ...], "command": "python bench/...", "commit": "...",
                           "dev_scores": {...}},
                "filter": {...}},
     "training_data": {"name": "PolNeAR v1.0.0, train split", "licence": "...", "shipped_text": "..."},
     "dev_scores": {"command": "python bench/attribution.py --json", ...},
     "checksums": {"tagger/config.cfg": "sha256:...", ...}}
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import ModelError

METADATA = "metadata.json"
#: Read in chunks: the tagger's weights are 10 MB.
_CHUNK = 1 << 20


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return f"sha256:{digest.hexdigest()}"


def read_metadata(folder: Path) -> dict[str, Any]:
    """A model folder's metadata.json; ModelError when it is missing or unreadable."""
    path = folder / METADATA
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path} is missing: the models in {folder} cannot be checked; reinstall claimgraph "
                         f"or retrain them (bench/README.md)") from None
    except (OSError, ValueError) as error:
        raise ModelError(f"{path} cannot be read ({error}): reinstall claimgraph or retrain the models") from None
    if not isinstance(metadata, dict) or not isinstance(metadata.get("checksums"), dict) \
            or not isinstance(metadata.get("models"), dict):
        raise ModelError(f"{path} has no 'checksums' and 'models' objects: reinstall claimgraph or retrain the models")
    return metadata


def checked_model(folder: Path, model: str) -> list[Path]:
    """The files of ``model`` (a key of the metadata's ``models``), each checked against its recorded checksum.

    Raises ModelError naming the first file that is missing or does not match, or the model the metadata lacks."""
    metadata = read_metadata(folder)
    entry = metadata["models"].get(model)
    if not isinstance(entry, dict) or not entry.get("files"):
        raise ModelError(f"{folder / METADATA} records no model {model!r}: reinstall claimgraph or retrain it")
    checksums: dict[str, str] = metadata["checksums"]
    files = []
    for name in entry["files"]:
        path = folder / name
        expected = checksums.get(name)
        if expected is None:
            raise ModelError(f"{folder / METADATA} records no checksum for {path}: retrain the model or fix the "
                             f"metadata")
        if not path.is_file():
            raise ModelError(f"model file {path} is missing (model {model!r}, version {metadata.get('version')}): "
                             f"reinstall claimgraph or retrain the model")
        if file_checksum(path) != expected:
            raise ModelError(f"model file {path} does not match the checksum in {folder / METADATA} (model "
                             f"{model!r}, version {metadata.get('version')}): it was changed or damaged; reinstall "
                             f"claimgraph, or retrain the model so that its metadata is written again")
        files.append(path)
    return files


def model_files(folder: Path, prefix: str) -> list[str]:
    """Every file under ``folder/prefix`` (a file or a folder), relative to ``folder``, sorted."""
    target = folder / prefix
    paths = [target] if target.is_file() else sorted(path for path in target.rglob("*") if path.is_file())
    return [path.relative_to(folder).as_posix() for path in paths if "__pycache__" not in path.parts]


def write_metadata(folder: Path, model: str, entry: dict[str, Any], shared: dict[str, Any] | None = None,
                   version: str | None = None) -> Path:
    """Record ``model``'s training in ``folder``'s metadata.json (``entry`` lists its ``files``, and its training
    ``config`` if that sits in the folder) and the checksums of every file of every model it records; ``shared``
    updates the top-level keys (training data, dev scores). Loading checks a model's ``files`` only.

    The training scripts call this after writing a model, so metadata and weights change together."""
    path = folder / METADATA
    metadata: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    metadata = {"version": version or metadata.get("version", "1.0.0"), **metadata}
    if version is not None:
        metadata["version"] = version
    metadata.setdefault("models", {})[model] = entry
    metadata.update(shared or {})
    names: Iterable[str] = sorted({name for recorded in metadata["models"].values() for name in _recorded(recorded)})
    metadata["checksums"] = {name: file_checksum(folder / name) for name in names}
    path.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _recorded(entry: dict[str, Any]) -> list[str]:
    """The files a model's entry names: its own files, and its training config when that is in the folder."""
    return [*entry["files"], *([entry["config"]] if "config" in entry else [])]
