"""Currencies as ISO 4217 codes from the signs and words news writes: ``A$``, ``HK$``, ``€``, ``1.33bn Australian
dollars``, ``24.2 trillion pesos`` in an article about Colombia.

What a sign or name means comes from CLDR through **babel** (symbols of every English locale, singular and plural
names, the currencies each country uses today); data/currencies.tsv holds only what CLDR cannot say: that a bare
``$`` or ``£`` in English news is the US dollar or sterling, that ``C$`` is Canadian, that "won" is also a verb.
Pure lookups, no network; the tables load once per process (about 0.1 s).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, localedata
from babel.numbers import get_currency_name, get_territory_currencies

from kg.resources import resource

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Vocabulary:
    """Every written form of a current currency, and the rules of data/currencies.tsv."""

    symbols: dict[str, frozenset[str]]  # as written, case kept: "A$" -> {AUD}, "$" -> {USD, AUD, ...}, "EUR" -> {EUR}
    names: dict[str, frozenset[str]]  # lower case: "australian dollars" -> {AUD}, "pesos" -> {MXN, COP, ...}
    phrases: frozenset[str]  # names of more than one word: matched whatever their case ("Australian dollars")
    rules: dict[str, str]  # data/currencies.tsv: written form -> ISO code, "=word" or "-"


def _is_word(written: str) -> bool:
    return written.replace(" ", "").replace(".", "").isalpha() and written == written.lower()


@lru_cache(maxsize=1)
def _current() -> frozenset[str]:
    """Currencies some country uses as legal tender today (not the French franc, not the offshore yuan)."""
    territories = [code for code in Locale.parse("en").territories if len(code) == 2 and code.isalpha()]
    return frozenset(code for territory in territories for code in get_territory_currencies(territory, tender=True))


@lru_cache(maxsize=1)
def _rules() -> dict[str, str]:
    rules: dict[str, str] = {}
    for line in resource("data", "currencies.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, code, *_ = line.split("\t")
            rules[written] = code
    return rules


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    current, rules = _current(), _rules()
    symbols: dict[str, set[str]] = defaultdict(set)
    for identifier in localedata.locale_identifiers():
        if identifier != "en" and not identifier.startswith("en_"):
            continue
        for code, symbol in Locale.parse(identifier).currency_symbols.items():
            # Only signs with a currency character ("$", "A$", "CN¥", "₹"): CLDR's letter symbols ("R", "K", "P",
            # "Le", "kr") are ordinary words and letters in English text.
            if code in current and any(unicodedata.category(char) == "Sc" for char in symbol):
                symbols[symbol].add(code)
    for code in current:
        symbols[code].add(code)  # "USD 5m", "EUR70m"
    names: dict[str, set[str]] = defaultdict(set)
    for code in current:
        for count in (1, 2):
            name = _SPACES.sub(" ", get_currency_name(code, count=count, locale="en").lower()).strip()
            if "(" in name:
                continue
            names[name].add(code)
            names[name.rsplit(" ", 1)[-1]].add(code)  # "pesos" stands for every peso
    for written, code in rules.items():
        if code == "-":
            names.pop(written, None)
            names.pop(written + "s", None)
        elif not code.startswith("="):
            (names if _is_word(written) else symbols)[written].add(code)
    return Vocabulary(
        symbols={written: frozenset(codes) for written, codes in symbols.items()},
        names={written: frozenset(codes) for written, codes in names.items()},
        phrases=frozenset(name for name in names if " " in name),
        rules=rules)


def symbol_patterns() -> tuple[str, str]:
    """Regex alternations of what can stand right before an amount (case-sensitive): (signs: "$", "A$", "€", "CN¥";
    letter codes: "USD", "EUR", "RMB", "Rs"). Codes are also ordinary capitals, so callers keep them out of runs of
    capitals ("ALL 5 KILLED")."""
    vocab = vocabulary()
    written = set(vocab.symbols) | {w for w, code in vocab.rules.items() if not _is_word(w) and code != "-"}
    written = {w for w in written if " " not in w}

    def alternation(items: Iterable[str]) -> str:
        return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))

    letters = {w for w in written if w[:1].isalpha()}
    return alternation(written - letters), alternation(letters)


def excluded(name: str, following: str) -> bool:
    """Whether data/currencies.tsv says a currency name followed by ``following`` is something else: "pounds" + "of"
    ("five pounds of explosives") is a weight."""
    rules, word = vocabulary().rules, _key(name).lower()
    singular = word[:-1] if word.endswith("s") else word
    return any(rules.get(f"{form} {following.lower()}") == "-" for form in (word, singular))


def name_pattern() -> tuple[str, str]:
    """Regex alternations of the currency names that can follow an amount: (names of several words, matched in any
    case: "Australian dollars"; single words, matched in lower case only: "pesos", never the people "Afghanis")."""
    vocab = vocabulary()
    words = {w for w in vocab.names if " " not in w} | {w for w, c in vocab.rules.items() if _is_word(w) and c != "-"}
    words |= {word + "s" for word in words if not word.endswith("s")}
    words -= {w + s for w, code in vocab.rules.items() if code == "-" for s in ("", "s")}

    def alternation(items: Iterable[str]) -> str:
        return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in sorted(items, key=len, reverse=True))

    return alternation(vocab.phrases), alternation(words)


def _key(written: str) -> str:
    written = _SPACES.sub(" ", written.strip())
    return written.lower() if written.replace(" ", "").replace(".", "").isalpha() and written[:1].islower() \
        or " " in written else written


def candidates(written: str) -> frozenset[str]:
    """Every current currency a sign or name can stand for: ``A$`` -> {AUD}; ``pesos`` -> {ARS, COP, MXN, ...}."""
    vocab, key = vocabulary(), _key(written)
    rule = vocab.rules.get(key) or vocab.rules.get(key[:-1] if key.endswith("s") else key)
    if rule is not None and rule.startswith("="):
        return candidates(rule[1:])
    found = vocab.symbols.get(key) or vocab.names.get(key.lower())
    if not found and key.lower().endswith("s"):
        found = vocab.names.get(key.lower()[:-1])
    return found or frozenset()


def default(written: str) -> str | None:
    """What data/currencies.tsv says the form means when the article says nothing more (None: no rule)."""
    vocab, key = vocabulary(), _key(written)
    for form in (key, key.lower(), key.lower()[:-1] if key.lower().endswith("s") else None):
        rule = vocab.rules.get(form) if form else None
        if rule is not None:
            return default(rule[1:]) if rule.startswith("=") else None if rule == "-" else rule
    return None


@lru_cache(maxsize=512)
def country_currencies(country_code: str) -> frozenset[str]:
    """The currencies a country (ISO 3166 alpha-2) uses today: ``CO`` -> {COP}; ``PS`` -> {ILS, JOD}."""
    try:
        return frozenset(get_territory_currencies(country_code.upper(), tender=True))
    except Exception:  # babel raises for codes it does not know; such a country names no currency
        return frozenset()


def resolve(written: str, countries: Iterable[str] = (), explicit: Iterable[str] = ()) -> str | None:
    """The ISO 4217 code of a currency as written, or None when the text does not say which.

    ``countries``: ISO 3166 codes of the countries the article names; ``explicit``: codes the article writes in a form
    that names them alone ("US$", "Australian dollars"). A form with one currency is that currency. A form several
    share takes the data/currencies.tsv default ("$" = USD), unless the article also writes that default explicitly
    ("US$"), in which case the bare form is the local one: the currency of the one country named that uses it. A
    word with no default ("pesos") is the currency of the one country named that uses it.
    """
    found = candidates(written)
    rule = default(written)
    if not found and rule is None:
        return None
    if len(found) == 1 and (rule is None or rule in found):
        return next(iter(found))
    local = {code for country in countries for code in country_currencies(country)} & (found | {rule} - {None})
    if rule is not None:
        if rule not in set(explicit):
            return rule
        local.discard(rule)
    return next(iter(local)) if len(local) == 1 else None


__all__ = ["Vocabulary", "candidates", "country_currencies", "default", "excluded", "name_pattern", "resolve",
           "symbol_patterns", "vocabulary"]
