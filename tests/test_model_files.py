"""The attribution models as versioned artefacts (issue 18, item 5): data/models/attribution/metadata.json records
version, training, data and licence, dev scores and a checksum per file; loading checks the files it reads and a
missing or altered file is one clear error naming it, never a silent fall-back to the rules."""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy
import pytest
import spacy

from kg.errors import KGError, ModelError
from kg.extract import attribution_model, attribution_tagger, extract
from kg.extract.model_files import METADATA, checked_model, file_checksum, read_metadata, write_metadata
from kg.resources import resource
from kg.types import Article

SHIPPED = resource("data", "models", "attribution")


def _clear_caches() -> None:
    attribution_model.load_filter.cache_clear()
    attribution_tagger.load_tagger.cache_clear()


@pytest.fixture
def model_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped model folder that both loaders read instead of the shipped one."""
    folder = tmp_path / "attribution"
    shutil.copytree(SHIPPED, folder)
    monkeypatch.setattr(attribution_tagger, "resource", lambda *parts: folder)
    monkeypatch.setattr(attribution_model, "resource", lambda *parts: folder / parts[-1])
    _clear_caches()
    yield folder
    _clear_caches()  # the next test loads the shipped models again


def test_metadata_records_every_file_with_its_checksum() -> None:
    metadata = read_metadata(SHIPPED)
    on_disk = sorted(path.relative_to(SHIPPED).as_posix() for path in SHIPPED.rglob("*")
                     if path.is_file() and path.name != METADATA and "__pycache__" not in path.parts)
    assert sorted(metadata["checksums"]) == on_disk
    for name, checksum in metadata["checksums"].items():
        assert file_checksum(SHIPPED / name) == checksum, name
    assert metadata["version"] != "0.0.0"
    assert json.loads((SHIPPED / "tagger" / "meta.json").read_text(encoding="utf-8"))["version"] == metadata["version"]
    for model in ("tagger", "filter"):
        entry = metadata["models"][model]
        assert entry["files"] and entry["command"].startswith("python bench/train_attribution")
        assert len(entry["commit"].split("+")[0]) == 40
    assert "unstated" in metadata["training_data"]["licence"]
    assert metadata["dev_scores"]["command"] == "python bench/attribution.py --json"
    assert 0 < metadata["dev_scores"]["full"]["f1"] < 1


def test_the_tagger_ships_no_training_text() -> None:
    """PolNeAR's licence is unstated: the tagger's string table (every token string of the training texts when spaCy
    saves it) ships empty."""
    assert json.loads((SHIPPED / "tagger" / "vocab" / "strings.json").read_text(encoding="utf-8")) == []


@pytest.mark.slow
def test_the_tagger_never_reads_its_string_table(nlp: spacy.language.Language, tmp_path: Path) -> None:
    """Its embeddings hash the host doc's token attributes, so a full string table gives the same scores as none."""
    doc = nlp(resource("data", "samples", "000_1a73df577a7449e6.txt").read_text(encoding="utf-8"))
    shipped = spacy.load(SHIPPED / "tagger").get_pipe("tagger")
    filled = tmp_path / "tagger"
    shutil.copytree(SHIPPED / "tagger", filled)
    strings = sorted({token.text for token in doc} | {token.shape_ for token in doc} | {token.norm_ for token in doc})
    (filled / "vocab" / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
    with_strings = spacy.load(filled).get_pipe("tagger")
    assert numpy.array_equal(shipped.model.predict([doc])[0], with_strings.model.predict([doc])[0])


def test_the_shipped_models_load() -> None:
    _clear_caches()
    assert attribution_tagger.load_tagger() is not None
    assert attribution_model.load_filter().threshold == read_metadata(SHIPPED)["models"]["filter"]["threshold"]


def test_a_missing_tagger_file_fails_naming_it(model_copy: Path) -> None:
    (model_copy / "tagger" / "tagger" / "model").unlink()
    with pytest.raises(ModelError, match=r"model file .*/tagger/tagger/model is missing \(model 'tagger'"):
        attribution_tagger.load_tagger()


def test_a_missing_tagger_folder_is_no_silent_fall_back_to_the_rules(model_copy: Path) -> None:
    """Before: load_tagger() returned None and extraction went on with the rules alone, saying nothing."""
    shutil.rmtree(model_copy / "tagger")
    with pytest.raises(ModelError, match="tagger/config.cfg is missing"):
        attribution_tagger.load_tagger()


def test_a_missing_filter_fails_naming_it(model_copy: Path) -> None:
    (model_copy / "filter.json").unlink()
    with pytest.raises(ModelError, match=r"model file .*/filter.json is missing"):
        attribution_model.load_filter()


def test_an_altered_filter_fails_naming_it(model_copy: Path) -> None:
    path = model_copy / "filter.json"
    model = json.loads(path.read_text(encoding="utf-8"))
    model["threshold"] = 0.1
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ModelError, match=r"model file .*/filter.json does not match the checksum in .*metadata.json"):
        attribution_model.load_filter()


def test_missing_metadata_fails_naming_it(model_copy: Path) -> None:
    (model_copy / METADATA).unlink()
    with pytest.raises(ModelError, match=r"/metadata.json is missing"):
        attribution_model.load_filter()


def test_extraction_with_a_damaged_model_fails_loudly(model_copy: Path, nlp: spacy.language.Language) -> None:
    (model_copy / "tagger" / "tagger" / "model").write_bytes(b"not a model")
    text = 'The minister said the talks would resume on Monday. "We are ready," she told reporters.'
    with pytest.raises(ModelError, match="does not match"):
        extract(nlp(text), Article(text=text, origin="damaged.txt"))


def test_a_model_error_is_a_kg_error() -> None:
    """So the CLI reports it as one line (exit 2), not a traceback."""
    assert issubclass(ModelError, KGError)


def test_a_model_the_metadata_does_not_record_fails(model_copy: Path) -> None:
    with pytest.raises(ModelError, match="records no model 'ensemble'"):
        checked_model(model_copy, "ensemble")


def test_retraining_writes_metadata_that_loading_accepts(model_copy: Path) -> None:
    """What the training scripts do (bench/model_metadata.py): new weights, then their entry and the checksums."""
    path = model_copy / "filter.json"
    model = json.loads(path.read_text(encoding="utf-8"))
    model["threshold"] = 0.55
    path.write_text(json.dumps(model), encoding="utf-8")
    entry = {**read_metadata(model_copy)["models"]["filter"], "threshold": 0.55}
    write_metadata(model_copy, "filter", entry, version="1.1.0")
    metadata = read_metadata(model_copy)
    assert metadata["version"] == "1.1.0" and metadata["models"]["filter"]["threshold"] == 0.55
    assert metadata["checksums"]["tagger.cfg"] == read_metadata(SHIPPED)["checksums"]["tagger.cfg"]
    assert attribution_model.load_filter().threshold == 0.55
