"""kg.words is the one home of the English words several stages read: every reader agrees with it."""
from __future__ import annotations

import pytest

from kg.extract.lexicon import lexicon
from kg.extract.numbers import find_figures, words_to_number
from kg.resolve.events import duration_days
from kg.resolve.names import pronoun_referent, split_person_name
from kg.words import NUMBER_WORDS, ORDINALS, SCALES, pronoun_sex, pronouns, subject_pronouns


@pytest.mark.parametrize("word", sorted(NUMBER_WORDS))
def test_every_number_word_reads_the_same_in_figures_and_event_lengths(word: str) -> None:
    value = NUMBER_WORDS[word]
    assert words_to_number(word) == value
    assert duration_days(f"a {word}-week war") == value * 7  # "sixteen" and "ninety" too (events had a shorter copy)
    if value:
        [figure] = find_figures(f"They counted {word} boats.")
        assert figure.value == value


def test_number_words_compose_with_scales() -> None:
    assert words_to_number("ninety-nine thousand") == 99_000
    assert words_to_number("two dozen") == 2 * SCALES["dozen"]


def test_ordinals_run_from_first_to_twentieth() -> None:
    assert sorted(ORDINALS.values()) == list(range(1, 21))


# -- pronouns: one table (data/lexicon/pronouns.tsv), every reader's set derived from it ---------------------------

def test_the_pronoun_table_gives_each_reader_its_set() -> None:
    assert lexicon().pronouns == {"he": "person", "him": "person", "she": "person", "her": "person",
                                  "it": "group", "we": "group", "they": "group"}
    assert subject_pronouns() == {"i", "you", "he", "she", "it", "we", "they"}  # the attribution filter's features
    assert subject_pronouns(1) == {"i", "we"} and subject_pronouns(3) == {"he", "she", "it", "they"}
    assert {word for word in pronouns() if pronoun_sex(word) == "f"} == {"she", "her", "hers", "herself"}
    assert pronoun_sex("it") is None and pronoun_sex("they") is None and pronoun_sex("Shell") is None


@pytest.mark.parametrize(("text", "referent"), [
    ("he", "person"), ("Her", "person"), ("himself", "person"), ("We", "plural"), ("ourselves", "plural"),
    ("their", "plural"), ("its", "thing"), ("I", "speaker"), ("mine", "speaker"),
    ("you", None), ("yourself", None), ("Hermes", None),
])
def test_resolution_reads_what_a_pronoun_stands_for(text: str, referent: str | None) -> None:
    assert pronoun_referent(text) == referent


def test_a_pronoun_is_no_person_name() -> None:
    assert split_person_name("She") is None and split_person_name("Themselves") is None
    assert split_person_name("Sheila Hancock") is not None
