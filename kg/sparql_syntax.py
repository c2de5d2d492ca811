"""SPARQL parse errors as people read them: one line saying where and what, and the query's line with a caret.

    kg: SPARQL syntax error at line 1, column 21: unexpected end of query
      SELECT ?x WHERE { ?x
                          ^
"""
from __future__ import annotations

import re

from kg.errors import QuerySyntaxError

_PARSER_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)", re.DOTALL)


def syntax_error(sparql: str, error: BaseException) -> QuerySyntaxError:
    """Oxigraph's parse error as one line (where, and what the parser met there) and an excerpt of the query: the
    line with a caret under the column. Oxigraph's own message lists every token it would have accepted, character
    classes included; only a short list of plain words ("expected CONSTRUCT") is kept."""
    message = str(error).strip()
    match = _PARSER_POSITION.match(message)
    if not match:
        return QuerySyntaxError(f"SPARQL syntax error: {message.splitlines()[0] if message else type(error).__name__}")
    lines = sparql.splitlines() or [""]
    line_number, column = int(match.group(1)), int(match.group(2))
    form = _query_form(sparql)
    if form is not None and form[0].upper() not in _QUERY_FORMS:
        # "SELEC ?x WHERE {...}": Oxigraph points past the misspelt word, at whatever it tried last
        word, line_number, column = form
        excerpt = f"  {lines[line_number - 1].replace(chr(9), ' ')}\n  {' ' * (column - 1)}^"
        return QuerySyntaxError(f"SPARQL syntax error at line {line_number}, column {column}: unexpected {word!r} "
                                f"(a query starts with {', '.join(_QUERY_FORMS[:-1])} or {_QUERY_FORMS[-1]})",
                                excerpt)
    if line_number > len(lines):  # past the last line break: the end of the query
        line_number, column = len(lines), len(lines[-1]) + 1
    line = lines[line_number - 1].replace("\t", " ")
    column = max(1, min(column, len(line) + 1))
    rest = "\n".join([line[column - 1:], *lines[line_number:]]).strip()
    found = "unexpected end of query" if not rest else f"unexpected {rest.split()[0][:20]!r}"
    expected = re.findall(r'"([^"]+)"|\b([A-Za-z]+)\b', match.group(3).removeprefix("expected one of").removeprefix(
        "expected"))
    words = [quoted or word for quoted, word in expected]
    if words and len(words) <= 4 and "[" not in match.group(3):
        found += f" (expected {' or '.join(words)})"
    excerpt = f"  {line}\n  {' ' * (column - 1)}^"
    return QuerySyntaxError(f"SPARQL syntax error at line {line_number}, column {column}: {found}", excerpt)


_QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_TOKEN = re.compile(r"#[^\n]*|<[^>\s]*>|\S+")


def _query_form(sparql: str) -> tuple[str, int, int] | None:
    """The word after the prologue (comments, PREFIX and BASE declarations), with its line and column (from 1)."""
    skip = 0
    for token in _TOKEN.finditer(sparql):
        word = token.group()
        if word.startswith("#"):
            continue
        if skip:
            skip -= 1
            continue
        if word.upper() in ("PREFIX", "BASE"):
            skip = 2 if word.upper() == "PREFIX" else 1
            continue
        before = sparql[:token.start()]
        return word, before.count("\n") + 1, token.start() - (before.rfind("\n") + 1) + 1
    return None


__all__ = ["syntax_error"]
