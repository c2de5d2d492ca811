"""Plain texts of the evaluation corpora in ../shared/corpora, read in place (never copied into the repo).

ECB+ ships tokenised CROMER XML; ``ecbplus_text`` rebuilds a readable article from it the same way every time, so
labels in bench/dev/ can point into it by document id and character offsets:

- an ``ecbplus`` file's sentence 0 is its source URL and is dropped; its sentence 1 (the headline) is the first line;
- the other sentences are joined by single spaces into one paragraph (ECB+ keeps no paragraph breaks, and a quote may
  run over several sentences);
- PTB quote tokens become curly quotes (`` -> “, '' -> ”); spaces before punctuation and clitics, and around a
  hyphen between two words ("90 - day"), are removed.

ECB+ topics 8, 20, 37 and 41 are reserved for acceptance: ``ecbplus_documents`` never yields them, and nothing in
bench/ may read, label or tune on them.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ECBPLUS = SHARED / "ecbplus"
POLNEAR = SHARED / "polnear"
BBC = SHARED / "bbc-news"
RESERVED_ECB_TOPICS = frozenset({8, 20, 37, 41})

_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}]|'s\b|’s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


def detokenize(tokens: list[str]) -> str:
    """One sentence from PTB-style tokens: ``“ We appreciate ... , ” the rep told People .`` -> natural text."""
    words = ["“" if token == "``" else "”" if token == "''" else token for token in tokens]
    text = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", " ".join(words)))
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)  # "a 90 - day court - mandated stay"
    text = re.sub(r"“ ", "“", text)
    return re.sub(r" ”", "”", text)


def topic_of(doc_id: str) -> int:
    return int(doc_id.split("_", 1)[0])


def ecbplus_path(doc_id: str, corpus: Path = ECBPLUS) -> Path:
    if topic_of(doc_id) in RESERVED_ECB_TOPICS:
        raise ValueError(f"{doc_id}: ECB+ topics {sorted(RESERVED_ECB_TOPICS)} are reserved for acceptance")
    return corpus / "ECB+" / str(topic_of(doc_id)) / f"{doc_id}.xml"


def ecbplus_text(doc_id: str, corpus: Path = ECBPLUS) -> str:
    """The article text of one ECB+ document ("1_10ecbplus"), rebuilt as the module docstring says."""
    root = ET.parse(ecbplus_path(doc_id, corpus)).getroot()
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence"))].append(token.text or "")
    numbers = sorted(sentences)
    if doc_id.endswith("ecbplus"):
        numbers = [n for n in numbers if n != 0]
        headline, body = numbers[:1], numbers[1:]
    else:
        headline, body = [], numbers
    lines = [detokenize(sentences[n]) for n in headline]
    lines.append(" ".join(detokenize(sentences[n]) for n in body))
    return "\n".join(line for line in lines if line)


def ecbplus_documents(corpus: Path = ECBPLUS) -> Iterator[str]:
    """Every ECB+ document id outside the reserved topics, in topic and file order."""
    for path in sorted((corpus / "ECB+").glob("*/*.xml"), key=lambda p: (topic_of(p.stem), p.stem)):
        if topic_of(path.stem) not in RESERVED_ECB_TOPICS:
            yield path.stem


def polnear_text(doc_id: str, split: str = "dev", corpus: Path = POLNEAR) -> str:
    return (corpus / "data" / split / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")


def text_of(corpus: str, doc_id: str) -> str:
    """The text labels in bench/dev/ point into: ``corpus`` is "ecbplus", "polnear" (dev split) or "polnear_train"."""
    readers = {"ecbplus": ecbplus_text, "polnear": polnear_text,
               "polnear_train": lambda doc: polnear_text(doc, "train")}
    return readers[corpus](doc_id)


def labelled(folder: Path, docs_glob: str, labels_glob: str) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """The labelled documents (``corpus<TAB>doc`` lines of the files matching ``docs_glob``) and the label rows
    (JSON lines of the files matching ``labels_glob``, each with the file's stem under "label_file")."""
    docs: list[tuple[str, str]] = []
    for path in sorted(folder.glob(docs_glob)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                corpus, doc = line.split("\t")[:2]
                docs.append((corpus.strip(), doc.strip()))
    rows = [{**json.loads(line), "label_file": path.stem} for path in sorted(folder.glob(labels_glob))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs, rows

