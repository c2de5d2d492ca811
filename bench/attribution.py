"""Reading PolNeAR (brat standoff) for the attribution bench and training: texts plus gold attributions.

Mirrors the gold reading of ../shared/eval/polnear_score.py (first .ann per text, events with content) so that
training sees exactly what the scorer scores. The corpus is read in place, never copied into the repo.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"

Parts = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    source: Parts
    cue: Parts
    content: Parts


@dataclass
class GoldDocument:
    stem: str
    text: str
    attributions: list[GoldAttribution]


def split_dir(corpus: Path, split: str) -> Path:
    return corpus / "data" / split


def read_split(corpus: Path, split: str) -> list[GoldDocument]:
    """Every text of a split with the attributions of its first annotation file (sorted by name)."""
    folder = split_dir(corpus, split)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), ann)
    documents = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        ann = chosen.get(text_path.stem)
        attributions = _read_ann(ann) if ann else []
        documents.append(GoldDocument(text_path.stem, text_path.read_text(encoding="utf-8"), attributions))
    return documents


def _read_ann(path: Path) -> list[GoldAttribution]:
    mentions: dict[str, Parts] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            mentions[fields[0]] = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    found = []
    for roles in events:
        parts = {key.lower(): mentions.get(ref, []) for key, ref in roles.items()}
        if parts.get("content"):
            found.append(GoldAttribution(parts.get("source", []), parts.get("cue", []), parts["content"]))
    return found


# ---------------------------------------------------------------------------------------------------------------
# The bench: run the extractor over a split and score it with ../shared/eval/polnear_score.py.
# ---------------------------------------------------------------------------------------------------------------

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear_score.py"


#: Parsed docs are cached with the host pipeline's token vectors (``doc.tensor``: the tagger reads them), which
#: DocBin does not keep on its own; they ride in user_data under this key.
TENSOR_KEY = "kg.tensor"


def save_docs(path: Path, docs: list) -> None:
    """Cache parsed docs, tensors included."""
    from spacy.tokens import DocBin

    for doc in docs:
        doc.user_data[TENSOR_KEY] = doc.tensor
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    for doc in docs:
        del doc.user_data[TENSOR_KEY]


def load_docs(path: Path, vocab) -> list | None:  # type: ignore[no-untyped-def]
    """Cached parsed docs with their tensors back in place; None when the cache is missing or predates tensors."""
    from spacy.tokens import DocBin

    if not path.exists():
        return None
    docs = list(DocBin(store_user_data=True).from_disk(path).get_docs(vocab))
    for doc in docs:
        tensor = doc.user_data.pop(TENSOR_KEY, None)
        if tensor is None:
            return None
        doc.tensor = tensor
    return docs


def parse(documents: list[GoldDocument], cache: Path | None, name: str) -> list:
    """spaCy docs for the documents as kg.nlp.load() parses them, cached in ``cache/<name>.spacy`` when given
    (parsing PolNeAR train takes minutes)."""
    from kg.nlp import load

    nlp = load()
    path = cache / f"{name}.spacy" if cache else None
    if path is not None:
        docs = load_docs(path, nlp.vocab)
        if docs is not None and len(docs) == len(documents):
            return docs
    docs = list(nlp.pipe((d.text for d in documents), batch_size=16))
    if path is not None:
        save_docs(path, docs)
    return docs


def predict(documents: list[GoldDocument], docs: list | None = None) -> list[dict]:
    """Run the extractor over the documents (parsing them unless parsed docs are given)."""
    from kg.extract import extract, scorer_rows
    from kg.nlp import load
    from kg.types import Article

    if docs is None:
        docs = list(load().pipe((d.text for d in documents), batch_size=16))
    rows: list[dict] = []
    for document, doc in zip(documents, docs):
        article = Article(text=document.text, origin=f"{document.stem}.txt")
        # the whole attribution layer: PolNeAR marks actions and unnamed speakers too (claims are a subset)
        rows.extend(scorer_rows(extract(doc, article), document.stem))
    return rows


def run_scorer(scorer: Path, split: Path, rows: list[dict]) -> dict:
    import importlib.util
    import json
    import tempfile

    spec = importlib.util.spec_from_file_location("polnear_score", scorer)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"scorer not found at {scorer}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    try:
        return module.score(split, Path(handle.name))
    finally:
        Path(handle.name).unlink()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser(description="Score the attribution extractor on PolNeAR (dev by default).")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="PolNeAR folder (holds data/)")
    parser.add_argument("--split", default="dev", help="dev or train; test is held out")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep <split>.spacy parsed docs in")
    parser.add_argument("--predictions", type=Path, default=None, help="also keep the predictions JSONL here")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = parser.parse_args(argv)
    documents = read_split(args.corpus, args.split)
    docs = parse(documents, args.cache, args.split) if args.cache else None
    started = time.perf_counter()
    rows = predict(documents, docs)
    seconds = time.perf_counter() - started
    if args.predictions:
        args.predictions.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = run_scorer(args.scorer, split_dir(args.corpus, args.split), rows)
    result["seconds"] = round(seconds, 1)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"PolNeAR {args.split}: documents {result['documents']}  gold {result['gold']}  "
              f"predicted {result['predicted']}  ({seconds:.1f} s)")
        for metric in ("content_overlap", "content_exact", "source", "cue", "full"):
            m = result[metric]
            print(f"  {metric:16} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
