"""The stance of a claim: the cue's own stance (data/lexicon/stances.tsv), turned by how the cue is used.

    stance = stance_of(frame, lexicon)   # None: the frame reports no claim

- **negation**: a negated cue reports nothing ("did not deny", "would not say", "has not commented"): no claim;
- **refusal**: a cue under a verb of refusing ("declined to comment", "refused to say") reports nothing; a verb of
  refusing as the cue, with a call or an infinitive, denies it ("has resisted calls to publish the full advice");
- **request**: "ask" with a hearer and an infinitive is a demand ("asked the providers to hand over the data"); with
  "whether", "if" or a question mark it questions;
- **concession**: "accept", "admit", "concede", "acknowledge" concede (the table).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extract.frames import Frame
from kg.extract.lexicon import Lexicon, word_list

_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_QUESTION_MARKS = frozenset({"whether", "if"})
_WH_WORDS = frozenset({"why", "how", "what", "who", "when", "where", "which"})


@lru_cache(maxsize=1)
def refusal_verbs() -> frozenset[str]:
    return frozenset(word_list("refusals.txt"))


def stance_of(doc: Doc, frame: Frame, lexicon: Lexicon) -> str | None:
    """The claim's stance, or None when the cue is negated or refused and so reports no claim."""
    cue = frame.cue
    if _negated(cue) or _refused(cue):
        return None
    lemma = cue.lemma_.lower()
    particle = next((c.lower_ for c in cue.children if c.dep_ in ("prt", "prep") and c.i == cue.i + 1), None)
    stance = lexicon.stance(lemma, particle)
    content = doc.text[frame.content[0][0]:frame.content[-1][1]]
    if lemma == "ask":
        first = content.lstrip("\"“ ").split(" ", 1)[0].lower()
        if first in _QUESTION_MARKS or first in _WH_WORDS or content.rstrip("\"” ").endswith("?"):
            return "question"
        if particle == "for" or re.search(r"\bto [a-z]", content):
            return "demand"  # "asked for the public's help", "asked the providers to hand over the data"
    if lemma in refusal_verbs():
        root = doc.char_span(frame.content[0][0], frame.content[0][1], alignment_mode="expand")
        noun = root.root.lemma_.lower() if root is not None else ""
        # "has resisted calls to publish", "rejected the claims": a refusal of something said denies it; "refused
        # to be photographed", "declined to comment" refuse an act, and say nothing
        return "deny" if noun in lexicon.proposition_nouns else None
    return stance


def _negated(cue: Token) -> bool:
    """"did not deny", "would not say", "never said": the cue or its auxiliary chain carries a negation."""
    return any(child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in _NEGATIONS)
               for child in cue.children)


def _refused(cue: Token) -> bool:
    """"declined to comment", "refused to say": the cue is the infinitive of a verb of refusing."""
    head = cue.head
    return cue.dep_ in ("xcomp", "ccomp") and head.i != cue.i and head.lemma_.lower() in refusal_verbs()
