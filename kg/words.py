"""English words that more than one stage reads, each kind in one place: number words, personal pronouns, titles
and forms of address, the words of mood (modals, intending, expecting) and the one light plural stemmer
(:func:`singular`).

Number words are typed constants here; the others are tables in data/lexicon/ (pronouns.tsv, titles.txt,
honorifics.tsv), from which each reader derives the set it needs. Lists that one stage owns stay with it (reporting
verbs, measure nouns: data/lexicon/, data/measures.tsv). This module imports nothing heavy: extraction, resolution
and the report stage all read it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import resource

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


# Words of mood, read by the stance rules (kg.extract.stance) and the figures (kg.extract.mood): whether a clause
# says what is, or what will, would or could be.

#: Modals of the future ("will", "'ll", "wo" of "won't", "shall").
FUTURE_MODALS = frozenset({"will", "'ll", "’ll", "wo", "shall"})
#: Modals of possibility.
POSSIBILITY_MODALS = frozenset({"could", "might", "may"})
#: Modals of what would be, should be or must be: a condition, a counterfactual, an obligation ("would be cancelled",
#: "should release 200 prisoners", "must pay £5,000").
CONDITIONAL_MODALS = frozenset({"would", "'d", "’d", "should", "must"})
#: Verbs of intending: "plans to", "intends to" put forward what the subject will do.
INTENT_VERBS = frozenset({"plan", "intend", "vow", "pledge", "promise", "aim"})
#: Words of likelihood: "is likely to", "is set to", "probably".
LIKELIHOOD = frozenset({"likely", "unlikely", "probably", "certain", "bound", "set"})
#: Verbs and adjectives whose open complement has not happened: "is expected to rise to 1,000", "wants to hire 200",
#: "threatened to cut 1,000 jobs", "is due to receive £5m". Not "estimate": "is estimated to have killed 2,000" is a
#: figure of what happened.
EXPECTING = frozenset({"expect", "forecast", "project", "predict", "anticipate", "want", "hope", "seek",
                       "threaten", "propose", "due"}) | INTENT_VERBS | LIKELIHOOD


def singular(word: str) -> str:
    """The light plural stem that every comparison of nouns uses, on a lower-case word: "allegations" ->
    "allegation", "atrocities" -> "atrocity", "clashes" -> "clash", "taxes" -> "tax", "strikes" -> "strike"; words of
    four letters or fewer and words in "ss" ("press") stay as they are. No dictionary: "headaches" -> "headach"."""
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def rows(*parts: str) -> list[list[str]]:
    """The rows of a tab-separated word list in data/ (``rows("lexicon", "pronouns.tsv")``), each field stripped;
    blank lines and ``#`` comments skipped."""
    text = resource("data", *parts).read_text(encoding="utf-8")
    return [[field.strip() for field in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


# -- pronouns --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pronoun:
    """A personal pronoun as data/lexicon/pronouns.tsv describes it."""

    word: str
    person: int  # 1, 2 or 3
    plural: bool | None  # None when the form says neither ("you")
    sex: str | None  # "m", "f", "n" ("it"), None when unmarked
    cases: frozenset[str]  # subject, object, possessive, independent, reflexive
    speaker: str | None  # what it stands for as a speaker ("he said": a person; "they said": a group), else None

    @property
    def stands_for(self) -> str:
        """What resolution links it to: "speaker" (I), "hearer" (you), "plural" (we, they), "thing" (it) or
        "person" (he, she)."""
        if self.person == 2:
            return "hearer"
        if self.plural:
            return "plural"
        if self.person == 1:
            return "speaker"
        return "thing" if self.sex == "n" else "person"


@lru_cache(maxsize=1)
def pronouns() -> dict[str, Pronoun]:
    """Every personal pronoun form, lower case: ``pronouns()["her"]``."""
    return {row[0]: Pronoun(row[0], int(row[1]), {"sg": False, "pl": True}.get(row[2]), _marked(row[3]),
                            frozenset(row[4].split(",")), _marked(row[5])) for row in rows("lexicon", "pronouns.tsv")}


def _marked(field: str) -> str | None:
    return None if field == "-" else field


def pronoun_sex(word: str) -> str | None:
    """"m" for he, him, his, himself; "f" for she, her, hers, herself; else None."""
    pronoun = pronouns().get(word)
    return pronoun.sex if pronoun is not None and pronoun.sex in ("m", "f") else None


@lru_cache(maxsize=None)
def subject_pronouns(person: int | None = None) -> frozenset[str]:
    """The subject forms ("he", "they"), of one grammatical person when ``person`` is given."""
    return frozenset(word for word, pronoun in pronouns().items()
                     if "subject" in pronoun.cases and person in (None, pronoun.person))


# -- titles and forms of address -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    """The role titles of data/lexicon/titles.txt ("Deputy Prime Minister", "Sgt."), longest first."""
    return tuple(sorted((row[0] for row in rows("lexicon", "titles.txt")), key=len, reverse=True))


#: Words before a role that make it another office: a shadow or former chancellor is not the chancellor.
ROLE_MODIFIERS = frozenset({"deputy", "vice", "former", "ex", "shadow", "assistant", "junior", "acting"})


@lru_cache(maxsize=1)
def party_words() -> frozenset[str]:
    """Words for a political party or its members written before a person's name (data/lexicon/party_words.txt),
    lower case: "tory", "lib", "dem", "democrat"."""
    return frozenset(row[0].lower() for row in rows("lexicon", "party_words.txt"))


def names_a_party(words: Iterable[str]) -> bool:
    """Whether lower-case ``words`` are a party's name alone: "lib dems", "the tories", "liberal democrats"."""
    words = list(words)
    words = words[1:] if words[:1] == ["the"] else words
    return bool(words) and all(word in party_words() for word in words)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of every title, lower-cased ("foreign", "minister", ...), plus "pm"; with and without a final
    full stop ("Sgt." and "Sgt": the tokenizer splits it off)."""
    words = {word.lower() for title in titles() for word in title.split()} | {"pm"}
    return frozenset(words | {word.rstrip(".") for word in words})


@dataclass(frozen=True)
class Honorific:
    """A form of address or a rank (data/lexicon/honorifics.tsv)."""

    word: str  # lower case, no full stop: "mr"
    sex: str | None  # "m", "f", or None when it tells neither ("Dr")
    address: bool  # a form of address ("Mr", "Dame"), not a rank ("King", "Duchess")


@lru_cache(maxsize=1)
def honorifics() -> dict[str, Honorific]:
    return {row[0]: Honorific(row[0], _marked(row[1]), row[2] == "address")
            for row in rows("lexicon", "honorifics.tsv")}


@lru_cache(maxsize=1)
def forms_of_address() -> frozenset[str]:
    """"mr", "mrs", "dr", "sir", ...: the honorifics that are forms of address."""
    return frozenset(word for word, honorific in honorifics().items() if honorific.address)


def title_sex(word: str) -> str | None:
    """"m" or "f" when an honorific tells it ("Mrs", "Sir", "Queen"; case and a final full stop ignored), else None."""
    honorific = honorifics().get(word.lower().rstrip("."))
    return honorific.sex if honorific is not None else None
