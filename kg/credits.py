"""Which news agency an article's copy comes from, read from the text ("ANKARA (AFP) -").

The narrator's own statements are claims of the article's wire service (else its publisher); a dump rarely says
which agency wrote a story, but the story itself does: by its credit line, or by citing its own reporting again and
again ("three sources told Reuters ... a diplomat told Reuters"). One "told Reuters" is not enough: other outlets
cite an agency's interview that way ("an economist told Reuters" in a BBC story), and crediting the whole story to
the agency would put the BBC's own sentences in Reuters' mouth.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from kg.resources import resource
from kg.types import Article

#: Without a credit line, how often a story must cite an agency's own reporting to be that agency's copy.
MIN_CITATIONS = 2


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, tuple[str, ...], re.Pattern[str], re.Pattern[str]]]:
    """(agency, its names, the pattern of its credit line, the pattern of its own reporting) per agency."""
    rows = []
    for line in resource("data", "wire_services.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, names = line.split("\t")
        alternatives = "|".join(re.escape(alias) for alias in sorted(names.split("|"), key=len, reverse=True))
        agency = f"(?:{alternatives})"
        rows.append((name, tuple(names.split("|")), re.compile(rf"\({agency}\)"), re.compile(
            rf"\btold {agency}\b|\b{agency} (?:reported|has learned|learned)\b|\breported {agency}\b")))
    return rows


def wire_service(text: str) -> str | None:
    """The agency the text credits most often for its own reporting, or None."""
    # the patterns are searched only where one of the agency's names occurs (a substring test is ~50x cheaper)
    counts: Counter[str] = Counter()
    for name, names, credit_line, reporting in _patterns():
        if any(alias in text for alias in names):
            lines, cited = len(credit_line.findall(text)), len(reporting.findall(text))
            if lines or cited >= MIN_CITATIONS:
                counts[name] = 100 * lines + cited
    return counts.most_common(1)[0][0] if counts else None


def credited(article: Article) -> Article:
    """The article with its wire service filled in from the text when the input did not give one."""
    if article.wire_service:
        return article
    agency = wire_service(article.text)
    return replace(article, wire_service=agency) if agency else article
