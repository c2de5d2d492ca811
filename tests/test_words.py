"""kg.words is the one home of the English words several stages read: every reader agrees with it."""
from __future__ import annotations

import pytest

from kg.extract.numbers import find_figures, words_to_number
from kg.resolve.events import duration_days
from kg.words import NUMBER_WORDS, ORDINALS, SCALES


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
