"""Proper names in a parse: the run of tokens a name is, without its titles, and what kind of thing it names.

``Armenian Foreign Minister Ararat Mirzoyan`` -> the run "Ararat Mirzoyan" (``strip_titles``), its role "Foreign
Minister" (``role_in``) and affiliation Armenia (``affiliation_of``); "Surrey Police" ends in an institution's noun
(``institution_head``). Used by speakers.py (naming a source phrase) and references.py (what the article named).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.dates import TIME_ZONES
from kg.extract.lexicon import Lexicon
from kg.words import ROLE_MODIFIERS, forms_of_address

#: A role modifier (kg.words.ROLE_MODIFIERS) ending a phrase, up to two words before the title that follows it.
_ROLE_MODIFIER = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(ROLE_MODIFIERS))})(?:-|\s+)(?:[^\s-]+\s+){{0,2}}$",
                            re.IGNORECASE)

#: Entity labels of places, which never speak
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels that are not a person's
NOT_PERSON = PLACE_LABELS | {"ORG"}
#: Heads of institutions' names that the organisation nouns of the lexicon do not hold
_ORG_HEADS = frozenset({"chamber", "bank", "association", "federation", "league", "society", "corporation",
                        "inc", "ltd", "plc", "university", "college", "school", "hospital", "board", "bureau"})


def as_written(tokens: Sequence[Token]) -> str:
    """Tokens as the text writes them ("Kilroy-Silk", not "Kilroy - Silk")."""
    return "".join(t.text_with_ws for t in tokens).strip()


def name_tokens(head: Token) -> list[Token]:
    """The proper-name run a head noun belongs to ("Ararat Mirzoyan" in "... Minister Ararat Mirzoyan")."""
    if head.pos_ != "PROPN":
        return []
    doc = head.doc
    run = [head]
    index = head.i - 1
    # walks back within the sentence: stops once the token after ``index`` starts it
    while index >= 0 and not doc[index + 1].is_sent_start:
        if doc[index].pos_ == "PROPN" and doc[index].head.i in {t.i for t in run}:
            run.insert(0, doc[index])
            index -= 1
        elif doc[index].text == "-" and index > 0 and doc[index - 1].pos_ == "PROPN" \
                and not doc[index - 1].whitespace_ and not doc[index].whitespace_:
            run[:0] = [doc[index - 1], doc[index]]  # "Kilroy-Silk", "Al-Assad": one name
            index -= 2
        else:
            break
    return run


def strip_titles(run: list[Token], lexicon: Lexicon) -> list[Token]:
    """Drop leading title and nationality words tagged PROPN ("Armenian Foreign Minister Ararat Mirzoyan" ->
    "Ararat Mirzoyan"), and a leading possessive owner ("Trump's envoy Steve Witkoff")."""
    title_words = lexicon.title_words
    for index in range(len(run) - 1, 0, -1):
        if run[index - 1].dep_ == "case" or run[index].dep_ == "case":
            run = run[index + 1:] if run[index].dep_ == "case" else run[index:]
            break
    if run and institution_head(run[-1], lexicon):
        return run  # "Interior Department", "US Chamber": the words before an institution's head are its name
    while len(run) > 1 and (run[0].lower_ in title_words or run[0].text in lexicon.demonyms
                            or (run[0].text.isupper() and run[0].lower_ in TIME_ZONES)):
        run = run[1:]  # "At 10:30 a.m. PDT Ellen DeGeneres tweeted": the time zone is not her name
    titles = [index for index, token in enumerate(run[:-1])
              if token.lower_ in title_words or token.lower_.rstrip(".") in forms_of_address()]
    if titles:
        run = run[titles[-1] + 1:]  # "Former Pennsylvania Gov. Ed Rendell": the name starts after the last title
    while len(run) > 2 and run[-1].text in lexicon.post_nominals and run[-2].ent_type_ == "PERSON":
        run = run[:-1]  # "Anthony Russell QC", "Sarah Jones MP": the letters after a name are no part of it
    if len(run) > 1 and run[-1].ent_type_ == "PERSON":
        while len(run) > 1 and run[0].ent_type_ != "PERSON":
            run = run[1:]  # "Secretary of the Treasury Alan Whitby": "Treasury" is the office, not the name
        while len(run) > 2 and run[0].lower_ in lexicon.party_words:
            run = run[1:]  # "Tory Liam Fox", "Lib Dem Mark Oaten": the party is no part of the name
    return run


def in_headline(token: Token) -> bool:
    """A line in title case ("Inmate Escapes, Handcuffs Guards"): every word capitalised, so the parser takes
    verbs and nouns for names; no one there is a person to resolve "he" to."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    words = [word for word in text[start:end if end >= 0 else len(text)].split() if word[:1].isalpha()]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def institution_head(token: Token, lexicon: Lexicon) -> bool:
    """A word that ends institutions' names ("Police", "Ministry", "Bank"); the model's ORG label is not trusted
    for this (it tags "the Interior Dirk Kempthorne" ORG)."""
    return token.lower_ in lexicon.organization_nouns or token.lower_ in _ORG_HEADS


def with_of_phrase(run: list[Token]) -> list[Token]:
    """``Chamber`` -> ``Chamber of Commerce``: an institution's name goes on through "of" and a proper noun."""
    doc = run[-1].doc
    end = run[-1].i + 1
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end + 1].pos_ == "PROPN":
        # "Commission for Elections and Referenda of Turkmenistan": names joined by "and" and "of" go on
        last = end + 1
        while last + 1 < len(doc) and not doc[last + 1].is_sent_start and (
                doc[last + 1].pos_ == "PROPN" or (doc[last + 1].lower_ in ("and", "of", "for") and last + 2 < len(doc)
                                                  and doc[last + 2].pos_ == "PROPN")):
            last += 1
        return run + [doc[i] for i in range(end, last + 1)]
    return run


def role_in(text: str, lexicon: Lexicon) -> str | None:
    """The role a phrase gives someone: its longest title, with a modifier up to two words before it that makes it
    another office ("shadow chancellor", "former Tory chancellor", "ex-president": not the chancellor or the
    president)."""
    for pattern in lexicon.title_patterns:
        match = pattern.search(text)
        if match:
            modifier = _ROLE_MODIFIER.search(text, 0, match.start())
            return text[modifier.start() if modifier else match.start():match.end()]
    return None


def affiliation_of(phrase: Span, name: str, lexicon: Lexicon) -> str | None:
    for token in phrase:
        if token.dep_ == "poss" and token.pos_ == "PROPN" and token.text not in name:
            return as_written(name_tokens(token)) or token.text
    for token in phrase:
        if token.text in lexicon.demonyms and token.text not in name.split():
            return lexicon.demonyms[token.text]
    for token in phrase:
        if token.lower_ in ("at", "of", "with", "for") and token.head.pos_ in ("NOUN",):
            objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects:
                return as_written(name_tokens(objects[0]))
    return None


def written_name(token: Token, lexicon: Lexicon) -> str:
    """The name a proper noun belongs to, without the titles and forms of address before it ("Both Mr. King" ->
    "King"), as written."""
    run = strip_titles(name_tokens(token), lexicon) or [token]
    while len(run) > 1 and run[0].lower_ in ("both", "either", "neither", "all"):
        run = run[1:]
    return as_written(run)


def is_institution(run: list[Token], lexicon: Lexicon) -> bool:
    # NORP is not trusted: the model tags "Mirzoyan" NORP (DESIGN.md section 6).
    return bool(run) and (run[-1].lower_ in lexicon.organization_nouns or run[-1].ent_type_ == "ORG")


def looks_personal(token: Token) -> bool:
    return token.ent_type_ == "PERSON"


def single_kind(token: Token) -> str:
    if token.ent_type_ == "GPE":
        return "country"
    if token.ent_type_ in ("ORG", "NORP", "FAC"):
        return "organization"
    if token.ent_type_ == "PERSON":
        return "person"
    return "unknown"
