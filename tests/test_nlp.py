"""kg.nlp.load() swaps two of the model's rule components for faster stand-ins: they must annotate exactly alike."""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language

from kg.nlp import MODEL, CachedLemmatizer, IndexedAttributeRuler

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]

# Sentences that reach the rules beyond the tag map: multi-token patterns and their offsets ("gonna", "let's"),
# regexes ("nothin'", "y'all", "ain't"), dependency-conditioned POS ("there is", auxiliaries, "do" as a verb),
# pronoun morphology by dependency, and words whose lemma the ruler sets before the lemmatizer runs.
TRICKY = [
    "I'm gonna go, let's see. Y'all ain't got nothin' but there is hope and there are cats.",
    "I did it. He had had enough, and we did not say we'd been told; you know it was me who gave it to you.",
    "They gotta c'mon, 'em ol' dogs ain't doin' nothin'. Somethin' was 'nuff. She said it's hers, not theirs.",
    "The ministers, who were being criticised, denied that the strikes had killed more than 200 people.",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(MODEL)


def _texts() -> list[str]:
    return TRICKY + [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


def test_the_stand_ins_are_in_the_pipeline(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("kg_attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("kg_lemmatizer"), CachedLemmatizer)
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


@pytest.mark.parametrize("batch_size", [1, 16])
@pytest.mark.slow
def test_annotations_equal_the_stock_pipeline(nlp: Language, stock: Language, batch_size: int) -> None:
    texts = _texts()
    for text, ours, theirs in zip(texts, nlp.pipe(texts, batch_size=batch_size),
                                  stock.pipe(texts, batch_size=batch_size)):
        differing = [(a.text, a.pos_, b.pos_, str(a.morph), str(b.morph), a.lemma_, b.lemma_)
                     for a, b in zip(ours, theirs)
                     if (a.pos, a.morph.key, a.lemma, a.tag, a.dep) != (b.pos, b.morph.key, b.lemma, b.tag, b.dep)]
        assert not differing, f"{text[:40]!r}: {differing[:5]}"
        assert numpy.array_equal(ours.to_array(ATTRS), theirs.to_array(ATTRS))


def test_a_second_pass_reads_the_lemma_cache(nlp: Language, stock: Language) -> None:
    """Lemmas come from the cache the second time a word is seen: still the stock lemmas."""
    text = TRICKY[1]
    first, second = nlp(text), nlp(text)
    assert [t.lemma_ for t in first] == [t.lemma_ for t in second] == [t.lemma_ for t in stock(text)]


def test_a_pattern_the_index_cannot_read_keeps_the_stock_ruler(stock: Language) -> None:
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    assert IndexedAttributeRuler.from_ruler(ruler) is None
    assert IndexedAttributeRuler.from_ruler(stock.get_pipe("attribute_ruler")) is not None
