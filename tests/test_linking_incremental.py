"""Incremental linking (issue 18, item 3): an ingest resolves only its new articles, known entities keep their IRIs,
and the entities graph equals one ingest of everything when articles arrive in date order."""
from __future__ import annotations

import json
import pickle
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.linking
from kg.linking import STATE_FILE, STATE_VERSION, link
from kg.namespaces import ENTITIES_GRAPH, SCHEMA
from kg.pipeline import extraction_fingerprint, ingest
from kg.store import Store

#: Dated articles that name the same people across days: a full name, then bare surnames and roles.
ARTICLES = [
    {"title": "Talks open in Geneva", "published": "2024-03-01",
     "text": "Prime Minister Elena Marchetti said on Friday that the talks in Geneva would last a week. "
             "Foreign Minister Tomas Varga denied that his government had walked out of the talks."},
    {"title": "Marchetti presses on", "published": "2024-03-04",
     "text": "Ms Marchetti said the two sides had agreed on a ceasefire line. Mr Varga accused the other side "
             "of shelling three villages, and the Red Cross said 40 people were killed."},
    {"title": "Varga resigns", "published": "2024-03-09",
     "text": "Tomas Varga, the foreign minister, said he would resign. Elena Marchetti told reporters that the "
             "ceasefire held. A spokesman for the Red Cross said more than 45 people were killed in the shelling."},
    {"title": "Geneva talks end", "published": "2024-03-12",
     "text": "The prime minister, Elena Marchetti, said the Geneva talks had ended without a deal. Anna Varga, "
             "a lawyer, said her clients would sue."},
]


def _write(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(article) + "\n" for article in articles), encoding="utf-8")
    return path


def _entities(location: Path) -> set[tuple[str, str, str]]:
    store = Store(location, read_only=True)
    try:
        return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(ENTITIES_GRAPH)}
    finally:
        store.close()


def _ingest(location: Path, *files: Path) -> None:
    store = Store(location)
    try:
        summary = ingest(store, [str(file) for file in files])
    finally:
        store.close()
    assert not summary.failures


@pytest.fixture(scope="module")
def in_one_go(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The articles ingested at once, and the two halves (by date) they are later ingested in."""
    folder = tmp_path_factory.mktemp("linking")
    older, newer = _write(folder / "older.jsonl", ARTICLES[:2]), _write(folder / "newer.jsonl", ARTICLES[2:])
    _ingest(folder / "once", older, newer)
    return folder / "once", older, newer


def test_ingest_in_date_order_links_like_one_ingest(in_one_go: tuple[Path, Path, Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    once, older, newer = in_one_go
    _ingest(tmp_path / "twice", older)
    first = _entities(tmp_path / "twice")
    read: list[object] = []
    original = kg.linking._read
    monkeypatch.setattr(kg.linking, "_read", lambda store, name, articles=None: (
        read.append(articles), original(store, name, articles))[1])
    _ingest(tmp_path / "twice", newer)
    assert read and all(articles is not None and len(articles) == 2 for articles in read), \
        "the second ingest read mentions of the articles already linked"
    second = _entities(tmp_path / "twice")
    assert second == _entities(once)
    # Every entity known after the first ingest is still there, under the same IRI.
    named = {subject for subject, predicate, _ in first if predicate == f"<{SCHEMA}name>"}
    assert named <= {subject for subject, predicate, _ in second if predicate == f"<{SCHEMA}name>"}
    assert any("marchetti" in subject for subject in named)


def test_backfill_keeps_known_iris(in_one_go: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """Older articles after newer ones (what the module docstring says can differ): known IRIs stay."""
    _, older, newer = in_one_go
    _ingest(tmp_path / "store", newer)
    before = {subject for subject, predicate, _ in _entities(tmp_path / "store")
              if predicate == f"<{SCHEMA}name>"}
    _ingest(tmp_path / "store", older)
    after = {subject for subject, predicate, _ in _entities(tmp_path / "store") if predicate == f"<{SCHEMA}name>"}
    assert before <= after


def test_relink_in_date_order_equals_one_ingest(in_one_go: tuple[Path, Path, Path], tmp_path: Path) -> None:
    once, older, newer = in_one_go
    _ingest(tmp_path / "store", newer)
    _ingest(tmp_path / "store", older)
    store = Store(tmp_path / "store")
    try:
        link(store, key=extraction_fingerprint(), full=True)
    finally:
        store.close()
    assert _entities(tmp_path / "store") == _entities(once)


@pytest.mark.parametrize("damage", ["garbage", "foreign class", "other fingerprint", "missing"])
def test_a_state_that_cannot_be_used_means_linking_everything(in_one_go: tuple[Path, Path, Path], tmp_path: Path,
                                                              damage: str) -> None:
    once, older, newer = in_one_go
    _ingest(tmp_path / "store", older)
    state = tmp_path / "store" / STATE_FILE
    assert state.is_file()
    if damage == "garbage":
        state.write_bytes(b"not a state")
    elif damage == "foreign class":
        # A pickle that would run a command when loaded: refused, never run.
        marker = tmp_path / "ran"
        payload = pickle.dumps((STATE_VERSION, _Exploit(str(marker))))
        state.write_bytes(zlib.compress(payload))
    elif damage == "other fingerprint":
        fields = pickle.loads(zlib.decompress(state.read_bytes()))[1]
        fields["key"] = "claimgraph/0+000000000000"
        state.write_bytes(zlib.compress(pickle.dumps((STATE_VERSION, fields))))
    else:
        state.unlink()
    # An entity the newer articles never name: a full link drops it, a link from a bad state would keep it.
    store = Store(tmp_path / "store")
    stray = ox.NamedNode("https://example.org/stray")
    try:
        store.replace_subjects(ENTITIES_GRAPH, [], [ox.Quad(stray, ox.NamedNode(f"{SCHEMA}name"),
                                                            ox.Literal("Stray"), ox.DefaultGraph())])
    finally:
        store.close()
    _ingest(tmp_path / "store", newer)
    assert _entities(tmp_path / "store") == _entities(once)
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("module, name", [("posix", "system"), ("kg.resolve.gazetteer", "os.system"),
                                          ("kg.resolve.gazetteer", "load_gazetteer"), ("kg.resolve.entities", "date")])
def test_the_state_unpickler_admits_only_resolution_classes(module: str, name: str) -> None:
    import io

    from kg.linking import _StateUnpickler

    payload = pickle.dumps(None, protocol=4).replace(b"N", b"\x8c" + bytes([len(module)]) + module.encode()
                                                       + b"\x8c" + bytes([len(name)]) + name.encode() + b"\x93", 1)
    with pytest.raises(pickle.UnpicklingError):
        _StateUnpickler(io.BytesIO(payload)).load()
    # A class the resolution modules define is admitted, as a state needs.
    from kg.resolve.entities import Entity

    assert _StateUnpickler(io.BytesIO(pickle.dumps(Entity))).load() is Entity


class _Exploit:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.system, (f"touch {self.path}",)


def test_replaced_articles_link_everything_again(in_one_go: tuple[Path, Path, Path], tmp_path: Path) -> None:
    once, older, newer = in_one_go
    _ingest(tmp_path / "store", older, newer)
    store = Store(tmp_path / "store")
    try:
        summary = ingest(store, [str(older)], force=True)
        assert summary.replaced == 2
    finally:
        store.close()
    assert _entities(tmp_path / "store") == _entities(once)


def test_a_store_in_memory_keeps_no_state(in_one_go: tuple[Path, Path, Path]) -> None:
    _, older, newer = in_one_go
    store = Store(None)
    ingest(store, [str(older)])
    ingest(store, [str(newer)])
    names = {q.object.value for q in store.quads(ENTITIES_GRAPH) if q.predicate.value == f"{SCHEMA}name"}
    assert {"Elena Marchetti", "Tomas Varga"} <= names


def test_kg_relink(in_one_go: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    once, older, newer = in_one_go
    _ingest(tmp_path / "store", newer)
    _ingest(tmp_path / "store", older)
    done = CliRunner().invoke(app, ["relink", "--store", str(tmp_path / "store"), "--format", "json"])
    assert done.exit_code == 0, done.output
    counts = json.loads(done.stdout)
    entities = _entities(tmp_path / "store")
    assert entities == _entities(once)
    assert counts["articles"] == 4
    links = [o for _, p, o in entities if p.endswith("#refersTo>")]
    assert counts["mentions"] == sum("/agent/" in o for o in links) > 0
    assert counts["event_mentions"] == sum("/event/" in o for o in links) > 0
    missing = CliRunner().invoke(app, ["relink", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "no store here" in missing.output


def test_a_state_with_people_and_dated_events_loads_back() -> None:
    from kg.linking import _State
    from kg.resolve import EventMention, load_gazetteer
    from kg.types import Mention

    gazetteer = load_gazetteer()
    state = _State("key", gazetteer)
    state.resolver.add("a1", [Mention(name="Elena Marchetti", kind="person", role="Prime Minister")], "2024-03-01")
    state.events.add(EventMention(phrase="the shelling of Martuni on March 3, 2024", article_id="a1",
                                  event_time="2024-03-03", published="2024-03-04"))
    loaded = _State.from_bytes(state.to_bytes(), gazetteer)
    assert [event.time for event in loaded.events.events.values()] == \
        [event.time for event in state.events.events.values()] != [None]
    assert loaded.resolver.by_name("Elena Marchetti")[0].roles == state.resolver.by_name("Elena Marchetti")[0].roles
