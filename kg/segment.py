"""Split a plain-text dump into articles and separate metadata from body text.

Scraped dumps (see data/samples) run several articles together: a headline, a photo caption printed twice, a stray
"TT" marker, the headline again, then the body; or the body first and the headline, a short link and bullet
highlights after it. Each line is classified, lines are grouped into header groups and body runs, and every body run
gets the header group that belongs to it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.types import Article, normalize_for_hash

HEADLINE_MAX_WORDS = 25
#: Between two body paragraphs, a line without a full stop and longer than this is a paragraph, not a headline.
LONE_HEADLINE_MAX_WORDS = 12
QUESTION_HEADLINE_MAX_WORDS = 15
#: A body paragraph ends like a sentence; a headline does not.
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|[,;:]["'”’]$""")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*▪●–]|\d+[.)])\s+(?=\S)")
_MARKERS = frozenset({"TT", "ADVERTISEMENT", "Advertisement", "Share", "Read more", "READ MORE"})
_DATELINE = re.compile(r"^([A-Z][A-Z .'\-/]{1,40}[A-Z])(?:,\s+[A-Z][A-Za-z. ]{1,30})?\s*(?:\([A-Za-z. ]+\))?\s*[:—–-]\s+")


@dataclass
class _Line:
    kind: str  # head | caption | marker | link | bullet | subhead | body
    text: str


@dataclass
class _Group:
    """Consecutive metadata lines between two body runs."""

    lines: list[_Line] = field(default_factory=list)

    def headlines(self) -> list[str]:
        seen: list[str] = []
        for line in self.lines:
            if line.kind == "head" and line.text not in seen:
                seen.append(line.text)
        return seen


@dataclass
class _Draft:
    body: list[str] = field(default_factory=list)
    header: list[_Line] = field(default_factory=list)  # metadata lines before the body
    trailer: list[_Line] = field(default_factory=list)  # metadata lines after it (a body-first article, the end)


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= HEADLINE_MAX_WORDS and not _SENTENCE_END.search(text)
            and any(c.isalpha() for c in text)  # "78,000" (an attendance) heads nothing
            and (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“"))


def _is_subhead(text: str) -> bool:
    """‘CRITICAL MOMENT’: an all-capitals crosshead inside a body."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text.split()) <= 8 and all(c.isupper() for c in letters)


def classify(lines: list[str]) -> list[_Line]:
    """Label each non-blank line of a dump."""
    stripped = [line.strip() for line in lines]
    nonblank = [text for text in stripped if text]
    # A line printed twice in a row is a photo caption, even when it is short enough to pass for a headline.
    doubled = {a for a, b in zip(nonblank, nonblank[1:]) if a == b}
    result: list[_Line] = []
    for text in nonblank:
        if text in _MARKERS:
            kind = "marker"
        elif _URL.match(text):
            kind = "link"
        elif _BULLET.match(text):
            kind = "bullet"
        elif text in doubled:
            kind = "caption"
        elif _is_subhead(text):
            kind = "subhead"
        elif _looks_like_headline(text):
            kind = "head"
        else:
            kind = "body"
        result.append(_Line(kind, text))
    _questions_as_headlines(result, stripped)
    _lists_in_bodies(result)
    return result


def _questions_as_headlines(lines: list[_Line], stripped: list[str]) -> None:
    """A file's first line, short, ending in "?" and set apart by a blank line, is its headline ("Is this the end of
    the high street?"): a body paragraph is not followed by a blank line that early."""
    if len(lines) < 2 or len(stripped) < 2 or stripped[1] or lines[0].kind != "body":
        return
    text = lines[0].text
    if text.endswith("?") and len(text.split()) <= QUESTION_HEADLINE_MAX_WORDS and text[0].isupper():
        lines[0].kind = "head"


def _lists_in_bodies(lines: list[_Line]) -> None:
    """Lines inside a body stay in it: bullets right after body text are a list of that text ("- Increased spending
    on primary education to 71.56bn rupees"), not highlights; three or more headline-like lines between body lines
    are a list; a line too long for a headline right before body text is a paragraph without its full stop."""
    for index, line in enumerate(lines):
        after_body = index and lines[index - 1].kind == "body"
        if line.kind == "head" and after_body and (line.text.endswith(":") or (
                index + 1 < len(lines) and lines[index + 1].kind == "bullet")):
            line.kind = "body"  # "The government had claimed tobacco firms" / "- lied about ...": a list's lead-in
        if line.kind == "bullet" and index and lines[index - 1].kind == "body":
            line.kind = "body"
        if line.kind == "head" and index and index + 1 < len(lines) and lines[index + 1].kind == "body" \
                and (lines[index + 1].text[:1].islower() or lines[index + 1].text[:1] in ",;:)"):
            line.kind = "body"  # "Britain's shabby tabby" / "surely deserves his own film": a broken sentence
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].kind == "head":
            end += 1
        if end > index:
            before_body = end < len(lines) and lines[end].kind == "body"
            between = before_body and 0 < index and lines[index - 1].kind == "body"
            if between and end - index >= 3:
                for i in range(index, end):
                    lines[i].kind = "body"
            # a long line without its full stop, right before the body, is its first paragraph (not the file's
            # first line, the headline)
            last = end - 1
            if before_body and last > 0 and len(lines[last].text.split()) > LONE_HEADLINE_MAX_WORDS:
                lines[last].kind = "body"
            index = end
        else:
            index += 1


def _overlap(bullets: list[str], body: list[str]) -> int:
    """How many bullet highlights restate a sentence of ``body`` (highlights copy the article they belong to)."""
    joined = normalize_for_hash(" ".join(body))
    hits = 0
    for bullet in bullets:
        probe = normalize_for_hash(_BULLET.sub("", bullet))[:60]
        hits += bool(probe) and probe in joined
    return hits


def _split_group(group: _Group) -> list[_Group]:
    """A group holding two different headlines is two headers: [A, link, A, bullets] [B, bullet]."""
    parts: list[_Group] = []
    for line in group.lines:
        if line.kind == "head" and (not parts or (parts[-1].headlines() and line.text not in parts[-1].headlines())):
            parts.append(_Group())
        if not parts:
            parts.append(_Group())
        parts[-1].lines.append(line)
    return parts


def _runs(lines: list[_Line]) -> list[_Group | list[_Line]]:
    """Alternate header groups and body runs, in order. A subhead inside a body stays in the body run."""
    runs: list[_Group | list[_Line]] = []
    for line in lines:
        in_body = line.kind == "body" or (line.kind == "subhead" and runs and isinstance(runs[-1], list))
        if in_body:
            if not runs or not isinstance(runs[-1], list):
                runs.append([])
            runs[-1].append(line)  # type: ignore[union-attr]
        else:
            if not runs or not isinstance(runs[-1], _Group):
                runs.append(_Group())
            runs[-1].lines.append(line)  # type: ignore[union-attr]
    return runs


def _assign(runs: list[_Group | list[_Line]]) -> list[_Draft]:
    drafts: list[_Draft] = []
    pending: list[_Line] = []  # header lines waiting for the next body run
    for index, run in enumerate(runs):
        if isinstance(run, list):
            drafts.append(_Draft(body=[line.text for line in run], header=pending))  # crossheads stay in
            pending = []
            continue
        parts = _split_group(run)
        previous = drafts[-1] if drafts else None
        has_next = any(isinstance(later, list) for later in runs[index + 1:])
        next_body = next((later for later in runs[index + 1:] if isinstance(later, list)), [])
        if previous is not None and not any(line.kind == "head" for line in previous.header + previous.trailer) \
                and parts[0].headlines():
            # The body before this group has no headline: it is a body-first article, if the first header here
            # is its own (several headlines here, nothing after, or its bullets restate that body).
            bullets = [line.text for line in parts[0].lines if line.kind == "bullet"]
            later_body = [line.text for line in next_body]
            if (len(parts) > 1 or not has_next
                    or _overlap(bullets, previous.body) > _overlap(bullets, later_body)):
                previous.trailer.extend(parts.pop(0).lines)
        for part in parts:
            pending.extend(part.lines)
    if pending and drafts:
        drafts[-1].trailer.extend(pending)
    return drafts


def _unused(lines: list[_Line], title: str | None) -> list[str]:
    """Header lines that no metadata field keeps: headlines other than the article's, and crossheads."""
    return [line.text for line in lines if line.kind in ("head", "subhead") and line.text != title]


def _dateline(body: str) -> str | None:
    match = _DATELINE.match(body)
    return match.group(1).strip() if match else None


def split_dump(text: str, origin: str) -> Iterator[Article]:
    """The articles of a plain-text dump, in order, duplicates (and truncated copies) removed."""
    drafts = _assign(_runs(classify(text.splitlines())))
    articles: list[Article] = []
    for number, draft in enumerate(d for d in drafts if d.body):
        header = draft.header + draft.trailer
        heads = [line.text for line in header if line.kind == "head"]
        captions = tuple(dict.fromkeys(line.text for line in header if line.kind == "caption"))
        # Nothing read is lost: headline-like lines that are not the headline (a venue and a date over a match
        # report, a results table after it) stay in the text, where they stood.
        title = heads[0] if heads else None
        body = "\n".join([*_unused(draft.header, title), *draft.body, *_unused(draft.trailer, title)])
        articles.append(Article(
            text=body,
            origin=f"{origin}#{number + 1}" if len(drafts) > 1 else origin,
            title=title,
            captions=captions,
            highlights=tuple(_BULLET.sub("", line.text) for line in header if line.kind == "bullet"),
            links=tuple(line.text for line in header if line.kind == "link"),
            dateline=_dateline(body),
        ))
    yield from drop_duplicates(articles)


def drop_duplicates(articles: list[Article]) -> list[Article]:
    """Keep one copy of each article: an exact repeat, or a truncated copy (a prefix of a longer one), is dropped.

    Sorting the distinct normalised texts puts a prefix right before the texts that extend it, so one pass over
    neighbours finds every truncated copy: O(n log n), not a comparison of every pair.
    """
    first: dict[str, int] = {}
    for index, article in enumerate(articles):
        first.setdefault(normalize_for_hash(article.text), index)
    keys = sorted(first)
    kept = {first[key] for key, longer in zip(keys, keys[1:] + [""]) if not longer.startswith(key)}
    return [article for index, article in enumerate(articles) if index in kept]
