"""How a name is written, taken apart: folding, titles and roles, given names and surname, small edit distances.

``fold`` lives in :mod:`kg.geo` (extraction compares place names with it too) and is re-exported here.

Pure string functions and the word lists they use (data, not ``if`` chains). Nothing here knows about entities;
:mod:`kg.resolve.entities` decides what the comparisons mean.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.geo import fold
from kg.words import ROLE_MODIFIERS, honorifics, pronouns, rows, title_sex

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
#: "Azerbaijan's", "the Joneses'"; not the apostrophe inside "O'Brien" or "D'Amato"
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_TOKEN = re.compile(r"[^\s,;:()\"]+")

#: Role phrases as news writes them -> one canonical role. "top diplomat" is how wire copy avoids repeating
#: "Foreign Minister" (the AP Bayramov story).
ROLE_SYNONYMS: dict[str, str] = {
    "foreign minister": "foreign minister", "fm": "foreign minister", "top diplomat": "foreign minister",
    "foreign secretary": "foreign minister", "minister of foreign affairs": "foreign minister",
    "chief diplomat": "foreign minister",
    "prime minister": "prime minister", "pm": "prime minister", "premier": "prime minister",
    "president": "president", "head of state": "president",
    "defense minister": "defence minister", "defence minister": "defence minister",
    "minister of defense": "defence minister", "minister of defence": "defence minister",
    "defense secretary": "defence minister", "defence secretary": "defence minister",
    "chancellor": "chancellor", "secretary of state": "secretary of state",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "envoy": "envoy", "special envoy": "envoy", "ambassador": "ambassador", "deputy un ambassador": "ambassador",
    "leader": "leader", "adviser": "adviser", "advisor": "adviser", "aide": "adviser", "analyst": "analyst",
    "lawmaker": "lawmaker", "senator": "lawmaker", "congressman": "lawmaker", "mp": "lawmaker",
    "king": "monarch", "queen": "monarch", "pope": "pope", "governor": "governor", "mayor": "mayor",
}

#: "Azerbaijan's leader" may be its president, prime minister or chancellor: roles a vaguer one stands for.
ROLE_COVERS: dict[str, frozenset[str]] = {
    "leader": frozenset({"president", "prime minister", "chancellor", "leader", "monarch"}),
    "foreign minister": frozenset({"foreign minister", "secretary of state"}),
    "secretary of state": frozenset({"foreign minister", "secretary of state"}),
}

#: Lowercase particles that belong inside a name ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = frozenset("von van der den de del della da dos du la le al el bin ibn bint ben ter".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


@lru_cache(maxsize=1)
def words_before_names() -> frozenset[str]:
    """Words written before a person's name that are not part of it: the honorifics (kg.words.honorifics: "Mrs",
    "King") and the titles and descriptions of data/lexicon/name_prefixes.txt ("minister", "actress", "former")."""
    return frozenset(honorifics()) | frozenset(row[0] for row in rows("lexicon", "name_prefixes.txt"))


def pronoun_referent(text: str) -> str | None:
    """What a pronoun stands for in resolution (kg.words.Pronoun.stands_for): "person" (he, her), "plural" (we,
    them), "thing" (it), "speaker" (I); None for any other text, and for "you": the reader or the one spoken to is
    no one in the article to link it to."""
    pronoun = pronouns().get(fold(text))
    return pronoun.stands_for if pronoun is not None and pronoun.person != 2 else None


def strip_possessive(text: str) -> str:
    """``Azerbaijan's`` -> ``Azerbaijan``; ``Moscow’s role`` -> ``Moscow role``."""
    return _POSSESSIVE.sub("", text.translate(_APOSTROPHES))


def loose_surname(surname: str) -> str:
    """A transliteration-tolerant key: doubled letters collapsed, ``-iy``/``-yy`` endings merged.

    ``Zelenskyy``, ``Zelenskiy`` and ``Zelensky`` share a key; so do ``Polyanskiy`` and ``Polyansky``.
    """
    key = re.sub(r"(.)\1+", r"\1", fold(surname).replace(" ", ""))
    return re.sub(r"(iy|yi|ii|ij)$", "y", key)


def edit_distance(left: str, right: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (adjacent swaps count 1), stopping early once above ``limit``."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(right) + 1))
    for i, left_char in enumerate(left, 1):
        current = [i] + [0] * len(right)
        for j, right_char in enumerate(right, 1):
            cost = 0 if left_char == right_char else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left_char == right[j - 2] and left[i - 2] == right_char:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


#: How many words before a role a modifier (kg.words.ROLE_MODIFIERS: a deputy prime minister is not the prime
#: minister) may stand: "former Tory chancellor", "shadow home secretary".
_MODIFIER_REACH = 3
#: Prepositions after which a role phrase describes someone else: "spokesman for the prime minister".
_ROLE_COMPLEMENT = re.compile(r"\s(?:for|to|at|with|from|in|under|of the|of his|of her)\s.*$")
_ROLE_HEAD = re.compile(r"[a-z]+$")


def canonical_role(text: str | None) -> str | None:
    """``Foreign Minister`` / ``FM`` / ``top diplomat`` -> ``foreign minister``; None for no known role.

    The role is the head of the phrase: the known phrase that ends last before any complement (``The prime
    minister's official spokesman`` is a spokesman; ``adviser to the president`` an adviser), longest on a tie.
    A modifier before it makes another office: ``Deputy Prime Minister`` -> ``deputy prime minister``, and so it
    does over a party's or a country's name: ``former Tory chancellor`` -> ``former chancellor`` (not the
    chancellor).
    """
    if not text:
        return None
    folded = " " + _ROLE_COMPLEMENT.sub("", fold(text)) + " "
    best: tuple[int, int, str, str] | None = None
    for phrase, role in ROLE_SYNONYMS.items():
        start = folded.rfind(f" {phrase} ")
        if start >= 0:
            candidate = (start + len(phrase), len(phrase), phrase, role)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    end, length, _, role = best
    before = folded[: end - length].split()
    modifier = next((word for word in reversed(before[-_MODIFIER_REACH:]) if word in ROLE_MODIFIERS), None)
    if modifier is not None and not role.startswith(modifier + " "):
        return f"{modifier} {role}"
    return role


def role_head(text: str | None) -> str | None:
    """The office a role phrase names, known or not: ``canonical_role``, else its last word before any complement
    (``chief economist at Barclays`` -> ``economist``). For telling two people apart, never for naming anyone."""
    known = canonical_role(text)
    if known or not text:
        return known
    match = _ROLE_HEAD.search(_ROLE_COMPLEMENT.sub("", fold(strip_possessive(text))))
    return match.group() if match else None


def roles_compatible(left: str, right: str) -> bool:
    """Same canonical role, or one is the vaguer word for the other (``leader`` ~ ``president``)."""
    if left == right:
        return True
    return right in ROLE_COVERS.get(left, frozenset()) or left in ROLE_COVERS.get(right, frozenset())


def role_covers(description: str, held: str) -> bool:
    """Whether someone who holds ``held`` may be called by ``description``: ``leader`` covers a president, but
    ``prime minister`` does not cover a party leader (the BBC story where "the prime minister" became Michael
    Howard, leader of the opposition)."""
    return description == held or held in ROLE_COVERS.get(description, frozenset())


def title_gender(prefix: str) -> str | None:
    """``male`` / ``female`` from an honorific in the words before a name (``Mrs``: "Mrs Howard" is not "Mr
    Howard"; kg.words.title_sex), else None."""
    for word in fold(prefix).split():
        if sex := title_sex(word):
            return {"m": "male", "f": "female"}[sex]
    return None


@dataclass(frozen=True)
class PersonName:
    """A person's name split the way comparisons need it; all parts folded."""

    given: tuple[str, ...]  # ("recep", "tayyip"); empty for "Erdogan"
    surname: str  # "erdogan"; "von der leyen" keeps its particles
    prefix: str  # the words before the name as written: "Turkish President"
    display: str  # the name alone as written: "Tayyip Erdogan"

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname))


def _is_name_token(token: str) -> bool:
    bare = token.strip(".'-")
    return bool(bare) and bare[0].isupper() and fold(bare) not in words_before_names()


def split_person_name(text: str) -> PersonName | None:
    """``Turkish President Tayyip Erdogan`` -> given ("tayyip",), surname "erdogan", prefix "Turkish President".

    The name is the trailing run of capitalised tokens after the last title or lowercase word (so ``Kremlin
    spokesman Dmitry Peskov`` gives ``Dmitry Peskov``); returns None when no name is left (``Azerbaijan's top
    diplomat``) or the text is a pronoun.
    """
    tokens = _TOKEN.findall(strip_possessive(text).strip())
    while tokens and fold(tokens[-1]) in NAME_SUFFIXES:
        tokens.pop()
    if not tokens or pronoun_referent(" ".join(tokens)) is not None:
        return None
    start = len(tokens)
    while start > 0:
        token = tokens[start - 1]
        if _is_name_token(token):
            start -= 1
            continue
        # "von der" in "Ursula von der Leyen": particles belong to the name only if a name continues before them.
        before = start - 1
        while before >= 0 and tokens[before].lower() in NAME_PARTICLES:
            before -= 1
        if start < len(tokens) and before < start - 1 and before >= 0 and _is_name_token(tokens[before]):
            start = before + 1
            continue
        break
    name_tokens = tokens[start:]
    if not name_tokens:
        return None
    # The surname takes the particles directly before the last token ("von der Leyen").
    surname_start = len(name_tokens) - 1
    while surname_start > 0 and name_tokens[surname_start - 1].lower() in NAME_PARTICLES:
        surname_start -= 1
    given = tuple(fold(token) for token in name_tokens[:surname_start] if fold(token))
    surname = fold(" ".join(name_tokens[surname_start:]))
    if not surname:
        return None
    return PersonName(given, surname, " ".join(tokens[:start]), " ".join(name_tokens))


def given_match(left: tuple[str, ...], right: tuple[str, ...]) -> str:
    """How two lists of given names relate: ``same``, ``subset``, ``initial``, ``near``, ``absent`` or ``different``.

    ``subset`` covers ``Tayyip`` vs ``Recep Tayyip``; ``near`` is a small spelling difference in the first given
    name (``Nikola`` vs ``Nikol``), which only counts as the same person when roles or affiliations agree.
    """
    if not left or not right:
        return "absent"
    if left == right:
        return "same"
    if set(left) <= set(right) or set(right) <= set(left):
        return "subset"
    first_left, first_right = left[0], right[0]
    if (len(first_left) == 1 and first_right.startswith(first_left)) or \
            (len(first_right) == 1 and first_left.startswith(first_right)):
        return "initial"
    shorter = min(len(first_left), len(first_right))
    if shorter >= 4 and edit_distance(first_left, first_right, 2) <= (1 if shorter < 7 else 2):
        return "near"
    return "different"


def initials(text: str) -> str:
    """``Syrian Democratic Forces`` -> ``sdf``: for matching an organisation's acronym to its full name."""
    words = [word for word in fold(text).split() if word not in {"of", "the", "and", "for", "de", "des"}]
    return "".join(word[0] for word in words)


_LEADING_WORDS = frozenset("at in to from into on of for by near the a an".split())
_SPELLING = {"centre": "center", "defence": "defense", "organisation": "organization", "programme": "program",
             "theatre": "theater"}


def org_key(name: str) -> str:
    """How an organisation or place name is compared: ``at the Betty Ford Centre in Rancho Mirage, Calif`` ->
    ``betty ford center``; ``People.com`` -> ``people``. Leading prepositions and articles (gold spans and
    extractors include them), a trailing ``in <place>`` and British spellings are dropped."""
    words = fold(strip_possessive(name)).split()
    while len(words) > 1 and words[0] in _LEADING_WORDS:
        words = words[1:]
    if "in" in words[1:]:
        words = words[: words.index("in", 1)]
    if len(words) > 1 and words[-1] == "com":
        words = words[:-1]
    return " ".join(_SPELLING.get(word, word) for word in words)
