"""Ranks: an ordinal that places someone or something in an order a claim could state ("Philadelphia's 21st head
coach", "the fifth Sixers coach in four years", "the fourth-highest win total", "the sixth seed", "stopped in the
sixth round"), as figures of measure "rank" (issue 16).

"first" is never one (bench/dev/FIGURES.md: "the first time", "first-ever", "first baseman" are words, not figures),
nor is an ordinal that labels a part of a sequence or a place ("the second floor", "third baseman", "117th Street",
"the 79th Oscars", "1st degree murder", "the second half": nouns of data/measures.tsv with pos "sequence"), a date
("September 30th") or a capitalised ordinal in a name ("the Twelfth Doctor"). An ordinal before "anniversary" is an
age ("the 160th anniversary"). A rank describes a subject (who holds it, when a copula says so: "Cheeks will be the
fifth Sixers coach") and is never tied to an event, so numeric contradictions never compare ranks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.dates import MONTHS
from kg.extract.identity import person_before, stands_for_a_person
from kg.resources import resource
from kg.types import Quantity, Span
from kg.words import ORDINALS

_DIGIT_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def sequence_nouns() -> frozenset[str]:
    """data/measures.tsv rows of pos "sequence": nouns an ordinal labels rather than ranks."""
    words = set()
    for line in resource("data", "measures.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and not line.startswith("#") and fields[1] == "sequence":
            words.add(fields[0])
    return frozenset(words)


def ordinal_value(token: Token) -> int | None:
    """2 for "second" or "2nd"; None for "first", "1st" and anything that is no ordinal."""
    value = ORDINALS.get(token.lower_)
    if value is None:
        match = _DIGIT_ORDINAL.match(token.text)
        value = int(match.group(1)) if match else None
    return value if value is not None and value > 1 else None


def _following(token: Token) -> Token | None:
    """The word the ordinal stands before, over the hyphen of "fourth-highest"."""
    doc = token.doc
    index = token.i + 1
    if index < len(doc) and doc[index].text in ("-", "–") and not token.whitespace_:
        index += 1
    return doc[index] if index < len(doc) else None


def _is_rank(token: Token) -> bool:
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = _following(token)
    if before is not None and before.lower_.rstrip(".") in MONTHS:
        return False  # "September 30th"
    if token.text[:1].isupper() and not token.is_sent_start:
        return False  # "the Twelfth Doctor"
    if after is not None and (after.lemma_.lower() in sequence_nouns() or after.lower_ in sequence_nouns()):
        return False  # "the second floor", "third baseman", "the fourth quarter"
    if token.text[:1].isdigit() and after is not None and after.text[:1].isupper():
        return False  # "117th Street", "the 79th Oscars"
    hyphen = token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–") and not token.whitespace_
    if hyphen and (after is None or not (after.tag_ == "JJS" or after.lower_.endswith("est"))):
        return False  # "the fourth-highest win total" ranks; "eleventh-hour" is an idiom
    if after is None or after.is_punct or after.lower_ == "of":
        return before is not None and before.lower_ == "the"  # "dropped Thompson again in the sixth,"
    return after.pos_ in ("NOUN", "PROPN", "ADJ", "ADV") or after.lower_ in ("straight", "consecutive")


def _holder(token: Token) -> tuple[str, Span] | None:
    """Who holds the rank: whose it is ("Blair's third term", "his 40th birthday": the one person named near), the
    name it stands in apposition to ("Federer, the second seed,"), or the subject when a copula says so ("Cheeks
    will be the fifth Sixers coach")."""
    noun = token.head if token.head.pos_ in ("NOUN", "PROPN") else None
    while noun is not None and noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun is None:
        return None
    owner = next((child for child in noun.children if child.dep_ == "poss"), None)
    held = _owner(owner) if owner is not None else None
    if held is not None:
        return held
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head.i < noun.i \
            and noun.head.ent_type_ not in ("GPE", "NORP", "LOC"):
        return _name(noun.head)
    if noun.dep_ in ("attr", "oprd"):
        verb = noun.head  # "Cheeks will be the fifth Sixers coach", "Cheeks became the fifth NBA coach fired"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
        verb = noun.head.head  # "Cheeks will be introduced as Philadelphia's 21st head coach"
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN") or subject.ent_type_ in ("GPE", "NORP", "LOC"):
        return None
    return _name(subject)


def _owner(owner: Token) -> tuple[str, Span] | None:
    """A rank's possessor: a name ("Blair's"), or for "his"/"her" the one person named near (kg.extract.identity)."""
    if stands_for_a_person(owner.lower_):
        return person_before(owner)
    if owner.pos_ != "PROPN" or owner.ent_type_ in ("GPE", "NORP", "LOC"):
        return None  # "Britain's second city" is no one's rank to hold
    return _name(owner)


def _name(head: Token) -> tuple[str, Span]:
    """``head`` with the compound words before it ("Sixers coach Maurice Cheeks")."""
    start = head
    while start.i > 0 and start.nbor(-1).pos_ in ("PROPN", "NOUN") and start.nbor(-1).dep_ == "compound" \
            and start.nbor(-1).head == head:
        start = start.nbor(-1)
    begin, end = start.idx, head.idx + len(head.text)
    return head.doc.text[begin:end], Span(begin, end)


def rank_quantities(sentence: SpacySpan, taken: list[tuple[int, int]]) -> list[tuple[Quantity, Token]]:
    """Every rank in ``sentence`` outside the character spans ``taken`` by other figures, with its ordinal."""
    found: list[tuple[Quantity, Token]] = []
    for token in sentence:
        value = ordinal_value(token)
        if value is None or any(start < token.idx + len(token.text) and token.idx < end for start, end in taken):
            continue
        if not _is_rank(token):
            continue
        after = _following(token)
        span = Span(token.idx, token.idx + len(token.text))
        if after is not None and after.lower_ == "anniversary":
            found.append((Quantity(measure="age", low=value, high=value, low_inclusive=True, high_inclusive=True,
                                   span=span, unit="year", point=value, scope="attribute"), token))
            continue
        holder = _holder(token)
        found.append((Quantity(measure="rank", low=value, high=value, low_inclusive=True, high_inclusive=True,
                               span=span, counted=after.text if after is not None and not after.is_punct else None,
                               point=value, scope="total", subject=holder[0] if holder else None,
                               subject_span=holder[1] if holder else None), token))
    return found
