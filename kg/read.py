"""Read articles from files, directories and stdin: plain text dumps, HTML, JSON and JSON Lines.

Readers yield :class:`~kg.types.Article` values, and :class:`~kg.errors.InputError` values for the parts that
could not be read (one bad JSON line does not stop the other lines), so the caller decides what to report.
"""
from __future__ import annotations

import codecs
import errno
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.html import parse_html
from kg.segment import split_dump
from kg.types import Article, normalize_for_hash

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FORMATS = ("auto", "text", "html", "jsonl", "json")
#: Longer than any news article (a 10,000-word long read is about 60,000 characters); such input is a mistake (a
#: database dump, a log). Parsing is the limit: 300,000 characters took 56 s and 1.2 GB in one spaCy process.
MAX_ARTICLE_CHARS = 200_000
#: An HTML page may carry many times its article in markup and scripts, but not this much.
MAX_PAGE_CHARS = 20 * MAX_ARTICLE_CHARS
#: Files are read whole; a larger one (or a device or endless pipe named on the command line) is refused rather
#: than allowed to fill memory. Split bigger JSON Lines corpora into several files.
MAX_FILE_BYTES = 256 * 1024 * 1024
_SNIFF_BYTES = 8192
#: Byte order marks of the encodings whose text holds NUL bytes; UTF-32-LE's starts with UTF-16-LE's, so it goes first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))

ReadItem = Article | InputError
logger = logging.getLogger(__name__)
#: How many skipped files an error names before it says "and N more".
_NAMED_SKIPPED = 3
#: json.loads raises RecursionError, not a JSONDecodeError, on "[[[[..." thousands deep.
_TOO_DEEP = "invalid JSON (nested too deeply)"
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, origin: str) -> str:
    """UTF-16/32 by their byte order mark; UTF-8 (with or without BOM); else Windows-1252, the usual encoding of older
    news pages; else Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")  # Windows "Unicode" text files are UTF-16 with a BOM
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(origin, "binary file (NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(origin, "cannot decode as text")  # unreachable: latin-1 decodes any bytes


def format_for(path: Path, declared: str = "auto") -> str:
    if declared != "auto":
        return declared
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise InputError(str(path), f"unknown file type {path.suffix!r} (use .txt, .html, .json, .jsonl or --format)")


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or head.startswith("<") and "<body" in text[:5000].lower():
        return "html"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    return "text"


def _checked(article: Article) -> ReadItem:
    if not article.text.strip():
        return InputError(article.origin, "no article text")
    if len(article.text) > MAX_ARTICLE_CHARS:
        return InputError(article.origin, f"article is {len(article.text):,} characters, over the "
                                          f"{MAX_ARTICLE_CHARS:,} limit (not a news article?)")
    return article


def _too_long(text: str, fmt: str) -> str | None:
    """Why ``text`` cannot hold a news article, decided before segmenting or parsing it (which would take minutes
    and gigabytes for a 50 MB single-line file): a text line or an HTML page far over the article limit."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    if fmt == "text":
        longest = max(map(len, text.splitlines()), default=0)
        if longest > MAX_ARTICLE_CHARS:
            return f"a line of {longest:,} characters, over the {MAX_ARTICLE_CHARS:,} limit for an article (not a news " \
                   f"article?)"
    if fmt == "html" and len(text) > MAX_PAGE_CHARS:
        return f"page is {len(text):,} characters, over the {MAX_PAGE_CHARS:,} limit (not a news page?)"
    return None


def without_surrogates(text: str) -> str:
    """``text`` with lone UTF-16 surrogates (JSON's ``"\\ud800"``) replaced by U+FFFD: they cannot be encoded as
    UTF-8, so hashing the article or writing it as RDF would fail."""
    return _SURROGATE.sub("\ufffd", text)


def _record_article(record: Any, origin: str) -> ReadItem:
    if not isinstance(record, dict):
        return InputError(origin, "expected a JSON object with a \"text\" field")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        return InputError(origin, "no \"text\" field with article text")
    text = without_surrogates(text)

    def field(*names: str) -> str | None:
        for name in names:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                return without_surrogates(value.strip())
        return None

    published = field("published", "date", "datePublished")
    return _checked(Article(
        text=text.strip(), origin=origin, title=field("title", "headline"), url=field("url", "link"),
        published=published, date_source="metadata" if published else None,
        publisher=field("publisher", "source", "outlet"),
    ))


def parse_text(text: str, origin: str, fmt: str) -> Iterator[ReadItem]:
    """Articles in ``text`` read as ``fmt`` (text, html, json, jsonl; auto sniffs)."""
    if not text.strip():
        yield InputError(origin, "empty input (no text)")
        return
    if fmt == "auto":
        fmt = _sniff(text)
    too_long = _too_long(text, fmt)
    if too_long:
        yield InputError(origin, too_long)
        return
    if fmt == "text":
        articles = list(split_dump(text, origin))
        if not articles:
            yield InputError(origin, "no article body found (only headlines or metadata lines)")
        for article in articles:
            yield _checked(article)
    elif fmt == "html":
        yield _checked(parse_html(text, origin))
    elif fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield InputError(origin, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}")
            return
        except RecursionError:
            yield InputError(origin, _TOO_DEEP)
            return
        records = data if isinstance(data, list) else [data]
        for index, record in enumerate(records):
            yield _record_article(record, f"{origin}[{index}]" if isinstance(data, list) else origin)
    elif fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputError(f"{origin}:{number}", f"invalid JSON ({error.msg} at column {error.colno})")
                continue
            except RecursionError:
                yield InputError(f"{origin}:{number}", _TOO_DEEP)
                continue
            yield _record_article(record, f"{origin}:{number}")
    else:
        yield InputError(origin, f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(path: Path) -> Path:
    """``dump.txt`` -> ``dump.meta.json``: optional metadata for the articles of a text dump."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _sidecar(path: Path) -> list[dict[str, Any]] | InputError | None:
    """Per-article metadata: ``{"publisher": ..., "articles": [{"title", "published", "url", "publisher"}]}``;
    entries are matched to articles by headline."""
    meta = sidecar_path(path)
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except RecursionError:
        return InputError(str(meta), _TOO_DEEP)
    except (OSError, ValueError) as error:
        return InputError(str(meta), f"unreadable sidecar metadata ({error})")
    if not isinstance(data, dict) or not isinstance(data.get("articles", []), list):
        return InputError(str(meta), "sidecar metadata must be an object with an \"articles\" list")
    defaults = {key: value for key, value in data.items() if key != "articles" and isinstance(value, str)}
    return [{**defaults, **entry} for entry in data.get("articles", []) if isinstance(entry, dict)]


def _with_metadata(article: Article, entries: list[dict[str, Any]]) -> Article:
    from dataclasses import replace

    title = normalize_for_hash(article.title or "")
    for entry in entries:
        if title and normalize_for_hash(str(entry.get("title", ""))) == title:
            published = entry.get("published") or article.published
            return replace(article, published=published,
                           date_source="metadata" if entry.get("published") else article.date_source,
                           url=entry.get("url") or article.url, publisher=entry.get("publisher") or article.publisher)
    return article


def read_file(path: Path, fmt: str = "auto") -> Iterator[ReadItem]:
    sidecar = _sidecar(path)
    if isinstance(sidecar, InputError):
        yield sidecar
        sidecar = None
    for item in _read_file(path, fmt):
        yield _with_metadata(item, sidecar) if sidecar and isinstance(item, Article) else item


def _read_file(path: Path, fmt: str = "auto") -> Iterator[ReadItem]:
    origin = str(path)
    try:
        fmt = format_for(path, fmt)
        data = _read_bytes(path, origin)
        if not data.strip():
            raise InputError(origin, "empty file")
        text = decode(data, origin)
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(origin, f"cannot read ({error.strerror or error})")
        return
    yield from parse_text(text, origin, fmt)


def _read_bytes(path: Path, origin: str) -> bytes:
    """The file's bytes. Binary input is refused after its first 8 KiB and anything over MAX_FILE_BYTES before it
    is all in memory, so ``/dev/zero`` or an endless pipe cannot hang the reader or fill memory."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        if b"\x00" in head and not head.startswith(tuple(bom for bom, _ in _BOMS)):
            raise InputError(origin, "binary file (NUL bytes), not text")
        rest = handle.read(MAX_FILE_BYTES + 1 - len(head))
    if len(head) + len(rest) > MAX_FILE_BYTES:
        raise InputError(origin, f"file is over {MAX_FILE_BYTES // 2**20} MiB (split it into smaller files)")
    return head + rest


def _special(path: Path) -> bool:
    """A named pipe, socket or device: opening a pipe blocks until something writes to it, a device may never end."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False  # a broken link or a link loop: reading it reports why


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``, sorted, hidden ones skipped. Symlinked directories are not followed (no loops)."""
    for root, dirs, files in os.walk(directory, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def is_article_file(path: Path) -> bool:
    if path.name.endswith(SIDECAR_SUFFIX):
        return False
    suffix = path.suffix.lower()
    return suffix in HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | (TEXT_SUFFIXES - {""})


def _link_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def read_paths(paths: Iterable[str], fmt: str = "auto",
               stdin: Callable[[], bytes] | None = None) -> Iterator[ReadItem]:
    """Everything under ``paths``: files, directories (recursively: files with article suffixes only), ``-``
    (standard input, or what ``stdin`` gives)."""
    for raw in paths:
        if raw == "-":
            data = stdin() if stdin is not None else sys.stdin.buffer.read()
            try:
                text = decode(data, "<stdin>")
            except InputError as error:
                yield error
                continue
            yield from parse_text(text, "<stdin>", fmt)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path, fmt)
        elif path.exists():
            yielded = False
            for item in read_file(path, fmt):
                yielded = True
                yield item
            if not yielded:
                yield InputError(raw, "no articles in it")
        elif path.is_symlink():
            yield InputError(raw, "symbolic link loop" if _link_loop(path) else "broken symbolic link")
        else:
            yield InputError(raw, "no such file or directory")


def _read_directory(directory: Path, fmt: str) -> Iterator[ReadItem]:
    """The article files under ``directory``; the others are skipped (logged). A folder with no article file at
    all is an error that names what was skipped: `kg ingest` of a folder of PDFs must not succeed quietly."""
    skipped: list[Path] = []
    found = False
    for file in _walk(directory):
        if file.name.endswith(SIDECAR_SUFFIX):
            continue  # read with the dump it describes
        if not is_article_file(file):
            skipped.append(file)
            logger.info("%s: skipped (not an article file)", file)
        elif _special(file):
            # Named on the command line a pipe is read (`kg ingest <(...)`); found in a walk it would hang.
            found = True
            yield InputError(str(file), "not a regular file (a named pipe, socket or device); not read")
        else:
            found = True
            yield from read_file(file, fmt)
    if not found:
        yield InputError(str(directory), _nothing_to_read(directory, skipped))


def _nothing_to_read(directory: Path, skipped: list[Path]) -> str:
    readable = ", ".join(sorted(HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | (TEXT_SUFFIXES - {""})))
    if not skipped:
        return f"no articles: the folder holds no article files (hidden files are not read; claimgraph reads " \
               f"{readable})"
    names = ", ".join(str(path.relative_to(directory)) for path in skipped[:_NAMED_SKIPPED])
    more = f" and {len(skipped) - _NAMED_SKIPPED} more" if len(skipped) > _NAMED_SKIPPED else ""
    files = "file" if len(skipped) == 1 else "files"
    return f"no articles: skipped {len(skipped)} {files} that claimgraph does not read ({names}{more}); " \
           f"it reads {readable}"


class Inputs:
    """The articles under ``paths`` as :func:`read_paths` gives them, read twice: ``ahead()`` first, to count them
    before any is extracted, then all of them again by iterating. Standard input is read once, when first asked
    for (whole, as :func:`read_paths` always reads it), and kept for the second reading. A named pipe or a device
    named on the command line can be read only once: ``ahead()`` leaves it out."""

    def __init__(self, paths: Iterable[str], fmt: str = "auto") -> None:
        self.paths = list(paths)
        self.fmt = fmt
        self._stdin: bytes | None = None

    def _read_stdin(self) -> bytes:
        if self._stdin is None:
            self._stdin = sys.stdin.buffer.read()
        return self._stdin

    def ahead(self) -> Iterator[ReadItem]:
        """The articles (and read errors) of every input that can be read twice."""
        again = [raw for raw in self.paths if raw == "-" or Path(raw).is_dir() or not _special(Path(raw))]
        return read_paths(again, self.fmt, self._read_stdin)

    def __iter__(self) -> Iterator[ReadItem]:
        return read_paths(self.paths, self.fmt, self._read_stdin)
