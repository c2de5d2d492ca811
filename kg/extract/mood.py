"""Whether a clause says what is or was, or what will, would or could be: the words of the future, of possibility
and of intent that the stance rules (kg.extract.stance) and the figures (kg.extract.quantities) both read.

    hypothetical(verb)   # True for "could rise to 500", "would be cancelled", "is expected to reach 1,000"

A figure in such a clause is a forecast, a plan or a condition, not a count of what happened: "the death toll could
rise to 500" does not contradict "300 people were killed", and it is not one of the reports `kg figures` reconciles.
"""
from __future__ import annotations

from spacy.tokens import Token

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
#: Possibility about the past ("as many as 1,000 may have died") is an estimate of what happened, not a forecast.
_ESTIMATING = frozenset({"may", "might"})


def hypothetical(verb: Token | None, hops: int = 3) -> bool:
    """Whether ``verb``'s clause puts forward what will, would or could be: a modal of the future, of possibility or
    of condition on it ("could rise to 500", "would be cancelled", "will cut 5,000 jobs"; not "may have died"), an
    "if" or "unless" clause, "is going to", or an open complement of a word of expecting, intending or likelihood
    ("is expected to reach 1,000", "plans to cut 500 jobs", "is likely to rise"), up through ``hops`` complements."""
    for _ in range(hops):
        if verb is None:
            return False
        modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"}
        if verb.tag_ == "MD":
            modals.add(verb.lower_)
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
