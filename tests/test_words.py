"""kg.words is the one home of the English words several stages read: every reader agrees with it."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.extract.lexicon import lexicon
from kg.propositions import stem
from kg.extract.numbers import find_figures, words_to_number
from kg.resolve.events import duration_days
from kg.resolve.names import pronoun_referent, split_person_name, title_gender, words_before_names
from kg.words import (NUMBER_WORDS, ORDINALS, SCALES, forms_of_address, pronoun_sex, pronouns, singular,
                      subject_pronouns, title_sex, title_words)


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


# -- titles and forms of address: titles.txt, honorifics.tsv, name_prefixes.txt -----------------------------------

def test_honorifics_give_the_forms_of_address_and_the_sex_they_tell() -> None:
    assert forms_of_address() == {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lord", "lady"}
    assert [title_sex(word) for word in ("Mrs.", "Dame", "King", "duchess", "Dr", "Minister")] == \
        ["f", "f", "m", "f", None, None]
    assert title_gender("Britain's Queen") == "female" and title_gender("Turkish President") is None


def test_resolution_drops_titles_and_honorifics_before_a_name_but_keeps_names_ending_in_a_title_word() -> None:
    assert split_person_name("Rev Jesse Jackson") == replace(split_person_name("Jesse Jackson"), prefix="Rev")
    assert split_person_name("Former Foreign Minister Jack Straw").display == "Jack Straw"
    assert {"rev", "duchess", "minister", "actress"} <= words_before_names()
    # a word of a title may end a name that stays whole: "Pakistan's High Commissioner" is no "Commissioner"
    assert not {"commissioner", "executive"} & words_before_names()
    assert {"commissioner", "executive"} <= title_words()


# -- the one plural stemmer ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("plural", "stem"), [
    ("allegations", "allegation"), ("atrocities", "atrocity"), ("clashes", "clash"), ("breaches", "breach"),
    ("taxes", "tax"), ("businesses", "business"), ("strikes", "strike"), ("massacres", "massacre"),
    ("press", "press"), ("news", "news"), ("this", "this"), ("clash", "clash"),
])
def test_singular(plural: str, stem: str) -> None:
    assert singular(plural) == stem


def test_every_reader_of_plurals_uses_the_one_stemmer() -> None:
    assert stem("clashes") == stem("clash") == "clash"  # polarity's key terms
    assert stem("Azerbaijan's") == "azerbaijan"
    assert lexicon().is_proposition_noun("clashes") and lexicon().is_proposition_noun("stories")
    assert not lexicon().is_proposition_noun("clashe")
    assert "clashe" not in lexicon().proposition_nouns  # the old stemmer's workaround row is gone
