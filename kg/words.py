"""English words that more than one stage reads, each kind in one place.

Closed classes of the language (number words) are typed constants here; the lists that are open or tuned live in
data/ and are read by the stage that owns them (reporting verbs, titles, measure nouns: data/lexicon/,
data/measures.tsv). This module imports nothing heavy: extraction, resolution and the report stage all read it.
"""
from __future__ import annotations

#: Cardinal number words below twenty ("seventeen"), the tens ("seventy") and the scale words.
ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
#: Every number written as one word below a hundred: "six" in "a six-week war", "forty" in "forty days".
NUMBER_WORDS = {**ONES, **TENS}
#: Ordinal words up to "twentieth" ("first" included: kg.extract.ranks decides that it is never a rank).
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
