"""What the training scripts record beside the models they write: data/models/attribution/metadata.json.

bench/train_attribution.py (the filter) and bench/train_attribution_model.py (the tagger) call ``record`` after
writing their files: the model's entry (files, command, commit, dev scores of its own), the checksums of every model
file (kg/extract/model_files.py checks them at load), a new version, the training data and its licence, and the
PolNeAR dev scores of the whole attribution extractor with the new files (bench/attribution.py, about a minute).
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MODEL_FOLDER = REPO / "data" / "models" / "attribution"

#: The training data of both models. The corpus's README (../shared/corpora/polnear/README.md) finds no data licence.
TRAINING_DATA = {
    "name": "PolNeAR v1.0.0 (Political News Attribution Relations), train split: 840 texts, months 1-10, "
            "the first annotation file per text",
    "source": "https://github.com/networkdynamics/PolNeAR at c3eee833c035bf7b8c84f55b58c0bf7346cfae76",
    "citation": "Newell, Margolin & Ruths, An Attribution Relations Corpus for Political News, LREC 2018",
    "licence": "unstated: the repository has no LICENSE file and its README names no data licence (software/setup.py "
               "declares MIT for the helper package only)",
    "shipped_text": "none: the tagger's vocab/strings.json is written empty (the tagger hashes token attributes and "
                    "never reads the string table; predictions are identical, tests/test_model_files.py); "
                    "filter.json keeps its feature names, which name single lower-cased words seen beside cues in "
                    "train (cue lemmas, the word before and after, heads), never a sequence of the corpus's text",
}


def git_commit() -> str:
    """HEAD, with ``+dirty`` when the working tree has changes (the model was trained from uncommitted code)."""
    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=REPO, capture_output=True, text=True,
                              check=False).stdout.strip()

    commit = git("rev-parse", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def command_line(script: str, argv: list[str] | None) -> str:
    return shlex.join(["python", f"bench/{script}", *(sys.argv[1:] if argv is None else argv)])


def next_version(folder: Path = MODEL_FOLDER) -> str:
    """The recorded version with its minor number raised (1.0.0 -> 1.1.0); 1.0.0 when none is recorded."""
    path = folder / "metadata.json"
    version = json.loads(path.read_text(encoding="utf-8")).get("version", "") if path.is_file() else ""
    parts = version.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return "1.0.0"
    return f"{parts[0]}.{int(parts[1]) + 1}.0"


def strip_spacy_strings(pipeline: Path, version: str) -> None:
    """Empty a saved spaCy pipeline's string table (vocab/strings.json holds every token string of the training
    texts; the tagger never reads it) and stamp its meta.json with the artefact's version."""
    (pipeline / "vocab" / "strings.json").write_text("[]", encoding="utf-8")
    meta_path = pipeline / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(version=version, description="claimgraph attribution tagger: see ../metadata.json")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def dev_scores(cache: Path | None) -> dict[str, Any]:
    """PolNeAR dev scores of the whole attribution extractor as bench/attribution.py prints them, with the models
    now on disk."""
    from attribution import DEFAULT_CORPUS, DEFAULT_SCORER, parse, predict, read_split, run_scorer, split_dir

    from kg.extract.attribution_model import load_filter
    from kg.extract.attribution_tagger import load_tagger

    load_filter.cache_clear()
    load_tagger.cache_clear()
    documents = read_split(DEFAULT_CORPUS, "dev")
    docs = parse(documents, cache, "dev") if cache else None
    result = run_scorer(DEFAULT_SCORER, split_dir(DEFAULT_CORPUS, "dev"), predict(documents, docs))
    scores = {metric: result[metric] for metric in ("content_overlap", "content_exact", "source", "cue", "full")}
    return {"command": "python bench/attribution.py --json", "split": "PolNeAR dev (84 texts)",
            "commit": git_commit(), "measured": time.strftime("%Y-%m-%d"), **scores}


def record(model: str, entry: dict[str, Any], cache: Path | None = None, folder: Path = MODEL_FOLDER,
           version: str | None = None, score: bool = True) -> Path:
    """Write ``model``'s entry and the checksums into the folder's metadata.json, then score the extractor on dev
    with the new files and record that too (``score=False`` leaves the recorded dev scores as they were)."""
    from kg.extract.model_files import write_metadata

    entry = {"trained": time.strftime("%Y-%m-%d"), "commit": git_commit(), **entry}
    path = write_metadata(folder, model, entry, {"training_data": TRAINING_DATA}, version or next_version(folder))
    if score and folder == MODEL_FOLDER:
        scores = dev_scores(cache)
        path = write_metadata(folder, model, entry, {"dev_scores": scores})
        print(f"PolNeAR dev full F1 {scores['full']['f1']:.4f}, content_overlap F1 "
              f"{scores['content_overlap']['f1']:.4f}", flush=True)
    return path
