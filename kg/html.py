"""Main text and metadata of a news page, with the standard library's forgiving HTML parser.

Metadata comes from the tags publishers fill for search engines and social cards: og:title, article:published_time,
link rel=canonical, og:site_name, and JSON-LD NewsArticle blocks. The body is the paragraphs inside <article> (or
<main>, else the whole page), leaving out scripts, navigation, asides, figures and footers. Broken markup is read
as far as it goes; it never raises.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from kg.types import Article

_SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "figure", "figcaption", "form",
                   "button", "svg", "template", "iframe", "select", "textarea"})
_BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "br", "tr", "pre"})
_VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track",
                   "wbr"})
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
#: A tag or comment cut off by the end of the file; HTMLParser would hand it over as text ("arrested.</article").
_SURROGATE = re.compile("[\ud800-\udfff]")
_CUT_OFF_MARKUP = re.compile(r"<(?:[/!?]|[A-Za-z])[^<>]*\Z")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.ld_json: list[str] = []
        self.time_datetime: str | None = None
        self._stack: list[str] = []
        self._skip_depth = 0
        self._in_title = self._in_h1 = self._in_ld = False
        # Paragraph text by region, so <article> wins over the rest of the page.
        self.regions: dict[str, list[str]] = {"article": [], "main": [], "page": []}
        self._current: list[str] = []

    def _region(self) -> str:
        if "article" in self._stack:
            return "article"
        return "main" if "main" in self._stack else "page"

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._current)).strip()
        if text:
            self.regions[self._region()].append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"].strip())
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = values.get("href") or self.canonical
            return
        if tag == "time" and values.get("datetime") and self.time_datetime is None:
            self.time_datetime = values["datetime"]
        if tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_ld = True
        if tag in _BLOCK:
            self._flush()
        if tag in _VOID:
            return
        self._stack.append(tag)
        if tag in _SKIP:
            self._skip_depth += 1
        self._in_title = self._in_title or tag == "title"
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return  # a stray end tag in broken markup
        if tag in _BLOCK or tag in ("article", "main"):
            self._flush()
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in _SKIP:
                self._skip_depth -= 1
            if open_tag == "title":
                self._in_title = False
            if open_tag == "h1":
                self._in_h1 = False
            if open_tag == "script":
                self._in_ld = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ld_json.append(data)
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._in_h1:
            self.h1_parts.append(data)
            return
        if self._skip_depth == 0:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _ld_article(blocks: list[str]) -> dict:
    """The first schema.org *Article object in the page's JSON-LD, if any."""
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):  # "[[[[..." thousands deep raises RecursionError
            continue
        candidates = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in candidates:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    # JSON-LD strings may hold lone surrogates ("\\ud800"), which no RDF literal can carry.
    text = _SPACE.sub(" ", _SURROGATE.sub("\ufffd", text)).strip()
    return text or None


def parse_html(page: str, origin: str) -> Article:
    parser = _PageParser()
    try:
        parser.feed(_CUT_OFF_MARKUP.sub("", page))
        parser.close()
    except (AssertionError, ValueError):
        parser._flush()  # malformed declarations: keep what was read so far
    meta = parser.meta
    ld = _ld_article(parser.ld_json)
    publisher = ld.get("publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("name")
    paragraphs = parser.regions["article"] or parser.regions["main"] or parser.regions["page"]
    title = (_clean(meta.get("og:title")) or _clean(str(ld.get("headline") or "")) or _clean("".join(parser.h1_parts))
             or _clean("".join(parser.title_parts)))
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    published = (_clean(meta.get("article:published_time")) or _clean(str(ld.get("datePublished") or ""))
                 or _clean(meta.get("date")) or _clean(meta.get("pubdate")) or _clean(meta.get("dc.date"))
                 or _clean(parser.time_datetime))
    return Article(
        text="\n".join(paragraphs),
        origin=origin,
        title=title,
        url=_clean(parser.canonical) or _clean(meta.get("og:url")) or _clean(str(ld.get("url") or "")),
        published=published,
        date_source="metadata" if published else None,
        publisher=_clean(meta.get("og:site_name")) or _clean(publisher if isinstance(publisher, str) else None),
    )
