"""Whether a clause says what is or was, or what will, would or could be, read from the words of mood in kg.words
(modals of the future, of possibility and of condition; words of expecting and intending).

    hypothetical(verb)   # True for "could rise to 500", "would be cancelled", "is expected to reach 1,000"

A figure in such a clause is a forecast, a plan or a condition, not a count of what happened: "the death toll could
rise to 500" does not contradict "300 people were killed", and it is not one of the reports `kg figures` reconciles.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.words import CONDITIONAL_MODALS, EXPECTING, FUTURE_MODALS, POSSIBILITY_MODALS

#: Possibility about the past ("as many as 1,000 may have died") is an estimate of what happened, not a forecast.
_ESTIMATING = frozenset({"may", "might"})


def modals_of(verb: Token) -> set[str]:
    """The modals on ``verb`` (its auxiliaries tagged MD), and the verb itself when it is one ("he will")."""
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if verb.tag_ == "MD":
        modals.add(verb.lower_)
    return modals


def hypothetical(verb: Token | None, hops: int = 3) -> bool:
    """Whether ``verb``'s clause puts forward what will, would or could be: a modal of the future, of possibility or
    of condition on it ("could rise to 500", "would be cancelled", "will cut 5,000 jobs"; not "may have died"), an
    "if" or "unless" clause, "is going to", or an open complement of a word of expecting, intending or likelihood
    ("is expected to reach 1,000", "plans to cut 500 jobs", "is likely to rise"), up through ``hops`` complements."""
    for _ in range(hops):
        if verb is None:
            return False
        modals = modals_of(verb)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        if modals & (FUTURE_MODALS | POSSIBILITY_MODALS | CONDITIONAL_MODALS) \
                and not (perfect and modals <= _ESTIMATING):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
            return True
        head = verb.head
        if verb.dep_ != "xcomp" or head.i == verb.i:
            return False
        if head.lemma_.lower() in EXPECTING or (head.lemma_ == "go" and head.tag_ == "VBG") \
                or any(c.dep_ == "acomp" and c.lower_ in EXPECTING for c in head.children):
            return True  # "is expected to", "plans to", "is going to", "is likely to", "is due to"
        verb = head
    return False
