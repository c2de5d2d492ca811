"""What a figure is a figure of, beyond its number: its scope, and the entity it describes when no event is involved.

    scope = scope_of(figure_tokens)                 # "total" | "part" | "increment" | "attribute"
    subject = subject_of(figure_tokens)             # ("LG Card", Span) or None

Two figures may only be compared when they have the same identity (issue 16; DESIGN.md section 2): "another four
died in hospital" adds to a toll (increment), "seven injured in one province" is part of one, "a 20-year veteran" is
a property of one person (attribute), and none of them contradicts a total. Each rule reads the figure's own syntax:

- **increment**: "another", "a further", "additional", "more" on the figure or its noun ("five more soldiers"),
  "also" on its verb ("three others also died");
- **attribute**: a figure in a hyphenated modifier ("a 20-year veteran", "an eight-year offer", "30-year-old"), a
  rate ("$4m a year", "per barrel", "apiece", "annually"), an amount for each of many ("each victim received
  $10,000"), a bound a rule sets ("a maximum sentence of 20 years", "a cap of 10,000"), a unit price ("priced at
  $1,299", "prices start at $999"), a capacity ("can hold 60,000 fans"), a requirement ("requires investors to
  create at least 10 jobs"), "N-time" ("four-time champion"); the term of a penalty ("sentenced to 10 years",
  kg.extract.quantities);
- **part**: a partitive ("two of them", "three of the seven", "537 of which"), "alone" ("in July alone"), the kin of
  some of those counted ("the parents of two Americans killed");
- **total** otherwise.

The subject is the owner the clause names for a figure of holdings or money ("LG Card owes $12bn", "Jet has 42
aircraft", "the company's 5,000 workers"), the name a description or a bracket stands beside ("The Mysore, a
6,900-tonne destroyer", "the Orioles (seven years, $150 million)") or the whole a share is of ("55 percent of
respondents"); never a country or the sentence subject by default: without such a reading there is none, and the
figure is left out of comparisons that need one.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract import currency
from kg.extract.measured_events import subject_child
from kg.extract.measures import is_unit, lemma_of, measure_lexicon
from kg.extract.mood import hypothetical
from kg.types import Span
from kg.words import pronouns

SCOPES = ("total", "part", "increment", "attribute")
_INCREMENT_WORDS = frozenset({"another", "further", "additional", "more", "extra"})
_RATE_WORDS = frozenset({"per", "apiece", "annually", "yearly", "monthly", "weekly", "daily", "each"})
_RATE_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "share", "barrel", "head", "person",
                         "ton", "tonne", "gallon", "litre", "liter", "kilo", "kg", "pound", "mile", "season", "game"})
#: Adjectives that make what a figure measures a rate or an average ("the average weekly benefit"); not "annual",
#: which also names a year's total ("annual revenue of $5bn").
_RATE_ADJECTIVES = frozenset({"average", "median", "mean", "weekly", "monthly", "daily", "hourly"})
#: Verbs of requiring: what they require is a threshold, not a count ("requires investors to create 10 jobs").
_REQUIRING = frozenset({"require", "mandate", "oblige", "obligate", "compel", "stipulate"})
#: Verbs of what something can hold: "can hold 60,000 fans", "can carry 300 passengers".
_HOLDING_CAPACITY = frozenset({"hold", "carry", "seat", "accommodate", "house", "fit", "take", "store", "handle"})
#: Nouns of what one of something costs: "prices start at $999", "the fare is $2.50".
_PRICE_NOUNS = frozenset({"price", "fare", "fee", "ticket"})
#: Determiners of one of many: "each victim received $10,000" is an amount per victim.
_DISTRIBUTIVES = frozenset({"each", "every"})
#: Nouns and modifiers of a bound a rule sets: "a maximum sentence of 20 years", "a cap of 10,000", "the limit".
_BOUND_NOUNS = frozenset({"maximum", "minimum", "max", "min", "limit", "cap", "ceiling", "threshold", "quota"})
#: People named as someone's kin or counsel: "the parents of two Americans killed" are the parents of some victims.
_KIN = frozenset({"family", "relative", "parent", "mother", "father", "widow", "widower", "child", "son", "daughter",
                  "sibling", "brother", "sister", "wife", "husband", "spouse", "friend", "lawyer", "attorney",
                  "loved"})
_PARTITIVE_PRONOUNS = frozenset({"them", "whom", "which", "those", "these", "us"})
#: Verbs of buying: an amount paid "for" something describes what was bought (bench/dev/FIGURES.md: an acquisition
#: price is a figure of the company bought).
_BUYING_VERBS = frozenset({"buy", "acquire", "purchase"})
#: Verbs of a penalty whose term a duration gives: "sentenced to 10 years", "jailed for six months", "banned for
#: three years" (bench/dev/FIGURES.md: the length of a sentence or a suspension is an attribute of the one punished).
PENALTY_VERBS = frozenset({"sentence", "jail", "imprison", "ban", "suspend", "bar", "disqualify", "expel"})
#: Verbs whose subject owns or owes the figure ("LG Card owes $12bn", "Jet has 42 aircraft").
#: Verbs of giving, getting and scoring too: "Steyer gave more than $38m", "Teixeira hit .358 with 13 homers".
_HOLDING_VERBS = frozenset({"have", "own", "owe", "employ", "earn", "make", "lose", "post", "report", "hold",
                            "raise", "spend", "pay", "borrow", "invest", "cost", "value", "worth", "operate", "run",
                            "give", "donate", "contribute", "receive", "collect", "gain", "sell", "buy", "control",
                            "amass", "accumulate", "total", "hit", "score", "average", "win", "record", "count"})


#: "a 30-year-old", "59-year old", "five years old", "a six-month-old baby": the figure is an age in that unit.
_AGE_AFTER = re.compile(r"\s*-?\s*(?P<unit>year|month|week|day)s?\s*-?\s*old\b|\s*years?\s+of\s+age\b",
                        re.IGNORECASE)
#: Entity labels that never name whose age a bare "Name, 33," is (the parser's PERSON is unreliable on news names).
_NOT_AGED = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "ORDINAL", "PERCENT"})


@dataclass(frozen=True)
class Age:
    """A figure that is an age (issue 16: an attribute, kept and never compared), and whose, when the syntax says."""

    unit: str
    subject: tuple[str, Span] | None
    end: int | None = None  # where the written age ends when words follow the number ("-year-old")


def age_of(figure: SpacySpan) -> Age | None:
    """The figure as an age: "a 30-year-old congregation", "16-year-old Kimani Gray", "Tara Reid, 33,", "aged 45",
    "at the age of 91", "dies at 91", "who turns 29"; None when it is no age."""
    doc = figure.doc
    first, last = figure[0], figure[-1]
    if not all(token.like_num for token in figure) or not first.text.replace(",", "").isdecimal() and first.pos_ != "NUM":
        return None
    after = _AGE_AFTER.match(doc.text, last.idx + len(last.text))
    if after is not None:
        old = next((t for t in doc[last.i + 1 : last.i + 7] if t.lower_ in ("old", "age")), None)
        owner = old.head if old is not None and old.head.i > old.i and old.head.pos_ in ("NOUN", "PROPN") else None
        if owner is not None and owner.dep_ == "appos" and owner.head.pos_ == "PROPN" and owner.head.i < owner.i:
            owner = owner.head  # "Terence Crutcher, a 40-year-old unarmed black man"
        if owner is not None and owner.pos_ == "PROPN":
            following = next((c for c in owner.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            owner = following or owner
        elif owner is not None and owner.i + 1 < len(doc) and doc[owner.i + 1].pos_ == "PROPN" \
                and doc[owner.i + 1].ent_type_ not in _NOT_AGED:
            owner = _name_run_end(doc[owner.i + 1])  # "the 36-year-old champion Klitschko": the name after the title
        subject = _written(owner) if owner is not None else None
        if owner is None and old is not None and old.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
            subject = person_before(old)  # "where the 37-year-old will serve time": the one person named before
        return Age(after["unit"].lower() if after["unit"] else "year", subject, after.end())
    person = _age_of(figure)
    if person is not None:
        return Age("year", _tokens_written(person))
    before = [t.lower_ for t in doc[max(0, first.i - 4) : first.i]]
    verb = _governing_verb(figure.root, hops=4)  # "died at the age of 91": 91 -> of -> age -> at -> died
    at_age = before[-4:] == ["at", "the", "age", "of"] or before[-1:] == ["aged"]
    died_at = before[-1:] == ["at"] and verb is not None and verb.lemma_.lower() == "die" \
        and (last.i + 1 == len(doc) or not doc[last.i + 1].is_alpha)  # "dies at 91", not "died at 9 Downing St"
    turns = verb is not None and verb.lemma_.lower() == "turn" and figure.root.dep_ in ("dobj", "attr", "oprd") \
        and verb.i == first.i - 1
    if not (at_age or died_at or turns):
        return _stated_age(figure, verb)
    if before[-1:] == ["aged"] and first.i >= 2 and doc[first.i - 2].pos_ in ("PROPN", "NOUN"):
        return Age("year", _written(doc[first.i - 2]))
    holder = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if holder is None and verb is not None and verb.dep_ == "conj":  # "Page, the pin-up whose ..., has died at 85"
        holder = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if holder is not None and holder.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        holder = verb.head  # "Teixeira, who turns 29 on April 11"
    if holder is not None:  # "Hollywood's Mermaid, Esther Williams dies at 91": the name in apposition
        holder = next((c for c in holder.children if c.dep_ == "appos" and c.pos_ == "PROPN"), holder)
    if holder is not None and (holder.pos_ not in ("PROPN", "NOUN") or holder.ent_type_ in ("GPE", "NORP", "LOC")):
        holder = None
    return Age("year", _written(holder) if holder is not None else None)


#: Words that may follow a stated age in its clause: "She was 85.", "who was 68 on Saturday", "He was 33 when ...".
_AFTER_STATED_AGE = frozenset({".", ",", ";", ":", "—", "–", "when", "on", "at", "in", "and", "but"})


def _stated_age(figure: SpacySpan, verb: Token | None) -> Age | None:
    """An age stated with "to be" of a person: "She was 85.", "Emanuel Steward, who was 68 on Saturday"; not "the
    toll was 85" nor "it was 85" (no person), nor "he was 2 under par" (a word of another measure follows)."""
    doc = figure.doc
    first, last = figure[0], figure[-1]
    if verb is None or verb.lemma_.lower() != "be" or figure.root.head != verb or figure.root.dep_ not in ("attr",
                                                                                                        "acomp"):
        return None
    if len(figure) != 1 or not first.text.isdecimal() or not 0 < int(first.text) < 120:
        return None
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ not in _AFTER_STATED_AGE:
        return None
    holder = subject_child(verb)
    if holder is not None and holder.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        holder = verb.head  # "Steward, who was 68"
    if holder is None:
        return None
    if holder.lower_ in ("he", "she"):
        return Age("year", person_before(holder))
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= holder.i < e.end), None)
    return Age("year", _tokens_written(person)) if person is not None else None


def _tokens_written(tokens: Sequence[Token] | SpacySpan) -> tuple[str, Span]:
    """A run of tokens as the text writes it, with where it stands."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return tokens[0].doc.text[start:end], Span(start, end)


def _name_run_end(token: Token) -> Token:
    """The last word of the run of proper nouns that starts at ``token`` ("Wladimir Klitschko")."""
    doc = token.doc
    while token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].ent_type_ not in _NOT_AGED:
        token = doc[token.i + 1]
    return token


def _written(noun: Token, after: int = -1) -> tuple[str, Span]:
    """A noun with the compound words before it ("Kimani Gray", "Vancouver man", "box office take"), as written;
    none at or before token ``after`` (the unit of "a 10-year [sentence]")."""
    start = noun
    while start.i > after + 1 and start.nbor(-1).dep_ in ("compound", "flat") \
            and start.i <= start.nbor(-1).head.i <= noun.i \
            and (noun.pos_ != "PROPN" or start.nbor(-1).pos_ == "PROPN") \
            and not any(c.dep_ == "nummod" for c in start.nbor(-1).children):  # not the "year" of "a five-year deal"
        start = start.nbor(-1)
    begin, end = start.idx, noun.idx + len(noun.text)
    return noun.doc.text[begin:end], Span(begin, end)


def scope_of(figure: SpacySpan) -> str:
    """The figure's scope from the words around it (see the module docstring)."""
    if age_of(figure) is not None:
        return "attribute"
    doc = figure.doc
    first, last = figure[0], figure[-1]
    after = doc[last.i + 1 : min(last.i + 4, len(doc))]
    before = doc[max(first.i - 3, 0) : first.i]
    noun = _counted(figure)
    if _attribute(figure, after, noun):
        return "attribute"
    if _increment(figure, before, after, noun):
        return "increment"
    if _part(figure, after) or _kin_of(noun):
        return "part"
    return "total"


def subject_of(figure: SpacySpan, duration: bool = False, money: bool = False) -> tuple[str, Span] | None:
    """The entity a figure describes, as written, with where it stands; None otherwise. In order: whose age it is;
    the owner of the counted noun ("the company's 5,000 workers"); the noun a hyphenated figure modifies ("a
    three-year deal", "a 15-minute telephone call"); the subject of a verb of holding ("LG Card owes $12bn"); for a
    ``duration``, the subject of the verb it is the length of ("DiLeo has spent 19 seasons with the 76ers", "Niyazov,
    who ruled for two decades"); for ``money``, first the thing the amount is the value of ("a $3 million bond", "a
    deal worth $80m", "a reward of $125,000")."""
    age = age_of(figure)
    if age is not None:
        return age.subject
    noun = _counted(figure)
    valued = _valued(figure) if money else None
    if valued is not None:
        noun = valued  # whose it is comes first ("Apple's $14.5 billion tax bill"); else the thing itself
    owner = next((child for child in noun.children if child.dep_ == "poss"), None) if noun is not None else None
    if owner is None and noun is not None:
        owner = _modified(figure, noun)
        if owner is not None and owner.dep_ == "appos" and owner.head.pos_ == "PROPN" \
                and owner.doc[owner.left_edge.i - 1].text == ",":
            owner = owner.head  # "The Mysore, a 6,900-tonne destroyer": the name the description is in apposition to
        elif owner is not None:
            return _written(owner, after=noun.i)
    if owner is None:
        owner = _bracketed_after(noun if noun is not None else figure.root)
    if owner is None:
        verb = _governing_verb(noun if noun is not None else figure.root)
        if verb is not None and money and verb.lemma_.lower() in _BUYING_VERBS \
                and (noun is None or noun.dep_ == "pobj") and subject_child(verb) is not None:
            # the price of what was bought describes what was bought: "HP bought EDS for $13.9bn", "EDS was bought"
            owner = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        elif verb is not None and duration and verb.lemma_.lower() in PENALTY_VERBS:
            # the one the penalty is given to: "he was sentenced to 10 years", "the judge jailed him for six months"
            owner = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        elif verb is not None and (duration or verb.lemma_.lower() in _HOLDING_VERBS):
            owner = _clause_subject(verb)
    if owner is None and noun is not None and _is_percent(noun):
        owner = _whole_of(noun)  # "55 percent of respondents", "70 percent of black children"
    if owner is not None and (stands_for_a_person(owner.lower_) or owner.lower_ in ("it", "its")):
        return _owner_written(owner)  # the one a pronoun stands for, or no one
    found = _owner_written(owner) if owner is not None else None
    # an amount whose holder the text does not name describes the thing it is the value of ("approved a $3 million
    # bond")
    return found if found is not None or valued is None else _written(valued)


def hypothetical_figure(figure: SpacySpan) -> bool:
    """The figure is put forward as what will, would or could be (kg.extract.mood), read on the verb of the noun it
    counts: "Up to 10,000 jobs could be lost", "the toll is expected to rise to 1,000", "if 500 people die". Not a
    quantity the text takes as there already, with "the" or a possessive before it ("was going to stop making
    payments on its $300,000 debt", "could festoon the 100,000 pounds of cheese")."""
    doc = figure.doc
    before = doc[figure.start - 1] if figure.start > 0 else None
    if before is not None and (before.lower_ in ("the", "its", "their", "his", "her", "our", "these", "those")
                               or before.tag_ == "POS"):
        return False
    noun = _counted(figure)
    return hypothetical(_governing_verb(noun if noun is not None else figure.root))


def _owner_written(owner: Token) -> tuple[str, Span] | None:
    """Who or what ``owner`` names, as written: the person "he" or "his" stands for ("He played 15 seasons in the
    NBA"), the organisation "it" or "its" stands for ("It borrowed $2 million"), or the noun phrase up to its head;
    None for any other pronoun and for a place: a country is never the subject by default ("Russia" is not what
    "2,000 peacekeepers" counts)."""
    if stands_for_a_person(owner.lower_):
        return person_before(owner)
    if owner.lower_ in ("it", "its"):
        return _organisation_before(owner)
    if owner.pos_ not in ("PROPN", "NOUN") or owner.ent_type_ in ("GPE", "NORP", "LOC"):
        return None
    tokens = [t for t in owner.subtree if t == owner or (t.dep_ not in ("relcl", "acl", "appos", "punct", "case")
                                                          and t.i <= owner.i)]
    start, end = tokens[0].idx, owner.idx + len(owner.text)
    return owner.doc.text[start:end], Span(start, end)


def clause_subject_of(figure: SpacySpan) -> tuple[str, Span] | None:
    """The subject of the clause a figure stands in, for a figure nothing closer ties to an event or an entity:
    "Philadelphia won [18] of its next 23 games", "Teixeira hit .358 with [13] homers", "He was paid [$3 million]"
    (the person "he" stands for). None when the figure is in that subject ("[Three] sources told Reuters"), for an
    expletive ("There have been nearly 100 attacks"), any pronoun but he, she and it, and a place."""
    noun = _counted(figure)
    verb = _governing_verb(noun if noun is not None else figure.root)
    # only an open complement or a conjunct takes the subject above: a figure in a clause below a verb ("said that
    # [...]", "by paying [...]") is not described by who speaks or acts there
    owner = _clause_subject(verb, ("xcomp", "conj")) if verb is not None else None
    if owner is None or owner.dep_ == "expl" or any(token in figure for token in owner.subtree):
        return None
    return _owner_written(owner)


def _clause_subject(verb: Token, above: tuple[str, ...] = ("xcomp", "pcomp", "conj", "ccomp")) -> Token | None:
    """The subject of ``verb``'s clause: its own; for a clause of an ``above`` kind that has none, the one above (an
    open complement, a conjunct, a gerund after a preposition, a complement clause: "the company reports having 987
    subsidiaries", "raised $20m and spent $15m"); for a relative "who", the name it stands for ("Niyazov, who ruled
    Turkmenistan for two decades")."""
    owner = subject_child(verb)
    if owner is None and verb.dep_ in above and verb.head.pos_ in ("VERB", "AUX"):
        owner = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if owner is not None and owner.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        owner = verb.head
    return owner


#: Nouns of amounts themselves and of the words around one: "a total of $5m", "in excess of $160m", "in the $75
#: million range", "past the $1billion mark" name no thing valued at that amount.
_AMOUNT_NOUNS = frozenset({"total", "sum", "amount", "figure", "estimate", "average", "minimum", "maximum", "tally",
                           "price", "cost", "value", "excess", "range", "region", "neighbourhood", "neighborhood",
                           "mark", "level", "threshold", "milestone", "barrier"})


def _valued(figure: SpacySpan) -> Token | None:
    """The noun an amount of money is the value of: the noun it modifies ("a $3 million bond", "its $5.3m debt"), or
    the noun it hangs on through "of" or "worth" ("a reward of $125,000", "a deal worth nearly $80 million"); None
    for a noun that is an amount itself ("a total of $5m") or a unit."""
    head = figure[-1] if figure[-1].like_num else figure.root
    while head.dep_ in ("compound", "quantmod", "nmod") and head.head.i in range(figure.start, figure.end):
        head = head.head
    target = None
    if head.dep_ in ("nummod", "compound", "amod", "nmod") and head.head.pos_ == "NOUN" and head.head.i > head.i:
        target = head.head  # "a $3 million bond"
    elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        target = head.head.head  # "a reward of $125,000"
    elif head.dep_ == "npadvmod" and head.head.lower_ == "worth" and head.head.head.pos_ == "NOUN":
        target = head.head.head  # "a deal worth nearly $80 million"
    if target is None or lemma_of(target) in _AMOUNT_NOUNS or is_unit(target) or target.is_currency:
        return None
    return target


def _age_of(figure: SpacySpan) -> list[Token] | None:
    """The person whose age the figure is: "Tara Reid, 33,", "LuAnn Johnson, 66, of Burnsville", "aged 33"."""
    doc = figure.doc
    first, last = figure[0], figure[-1]
    if len(figure) != 1 or not first.like_num or first.i < 2:
        return None
    if doc[first.i - 1].lower_ == "aged" and doc[first.i - 2].pos_ in ("PROPN", "NOUN"):
        return [doc[first.i - 2]]
    follows_comma = doc[first.i - 1].text == ","
    closes = last.i + 1 >= len(doc) or doc[last.i + 1].text in (",", ")", ".", ";", "―", "—", "–")
    name = doc[first.i - 2]
    young_enough = first.text.isdecimal() and 0 < int(first.text) < 120
    if follows_comma and closes and young_enough and name.pos_ == "PROPN" and name.ent_type_ not in _NOT_AGED:
        run = [name]  # "Robert Pitman, 24,", "Crutcher, 40 ―": PERSON or unlabelled (news names are often missed)
        while run[0].i > 0 and doc[run[0].i - 1].pos_ == "PROPN" and doc[run[0].i - 1].ent_type_ not in _NOT_AGED \
                and doc[run[0].i - 1].text != ",":
            run.insert(0, doc[run[0].i - 1])
        return run
    return None


def _counted(figure: SpacySpan) -> Token | None:
    """The noun the figure quantifies ("200 [people]", "$4.5bn [bail-out]"), or None."""
    head = figure[-1] if figure[-1].like_num else figure.root  # "roughly 60-page": the number, not "roughly"
    if head.pos_ in ("NOUN", "PROPN") and head.i not in range(figure.start, figure.end):
        return head
    if head.dep_ in ("nummod", "quantmod", "compound", "amod") and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    return head if head.pos_ in ("NOUN", "PROPN") else None


_NOT_PEOPLE = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART",
                         "LAW", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})


def stands_for_a_person(word: str) -> bool:
    """he, she, him, her, his: a pronoun of one person that can say whose a figure is (kg.words)."""
    pronoun = pronouns().get(word)
    return pronoun is not None and pronoun.stands_for == "person" \
        and bool(pronoun.cases & {"subject", "object", "possessive"})


def _sentences_before(token: Token, count: int = 2) -> list[SpacySpan]:
    """The ``count`` sentences before ``token``'s own, in text order (fewer near the start of the text): where the
    person or organisation a pronoun stands for is looked for."""
    sentences = list(token.doc.sents)
    index = next(i for i, sentence in enumerate(sentences) if sentence.start <= token.i < sentence.end)
    return sentences[max(0, index - count) : index]


def person_before(pronoun: Token) -> tuple[str, Span] | None:
    """The person a "he" or "his" stands for: a possessive's own clause subject when that is a named person ("Cheeks
    was starting his fourth season"); else the one person the text names in the pronoun's sentence before it or in
    the two sentences before that; None when it names none or several (no guess between two people)."""
    doc = pronoun.doc
    if pronoun.dep_ == "poss":
        own = _clause_subject_person(pronoun)
        if own is not None:
            return own
    before = _sentences_before(pronoun)
    window_start = (before[0] if before else pronoun.sent).start
    people = [entity for entity in doc.ents if entity.label_ == "PERSON" and window_start <= entity.start
              and entity.end <= pronoun.i]
    surnames = {entity[-1].lower_ for entity in people}
    # the parser misses names ("Cheeks met Stefanski"): any capitalised subject or object that is no place or
    # organisation may be another person, and then there is no telling which one the pronoun means
    surnames |= {token.lower_ for token in doc[window_start : pronoun.i]
                 if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss") and token.text[:1].isupper()
                 and token.pos_ in ("PROPN", "NOUN") and token.ent_type_ not in _NOT_PEOPLE
                 and not (token.ent_type_ == "PERSON" and token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ ==
                          "PERSON" and doc[token.i + 1].ent_iob_ == "I")}
    if len(surnames) != 1 or not people:
        return _subject_before(pronoun)
    # the fullest way the text writes that person before the pronoun ("Maurice Cheeks" for "Cheeks")
    surname = next(iter(surnames))
    forms = [entity for entity in doc.ents if entity.label_ == "PERSON" and entity[-1].lower_ == surname
             and entity.end <= pronoun.i]
    fullest = max(forms, key=len)
    return fullest.text, Span(fullest.start_char, fullest.end_char)


def _clause_subject_person(possessive: Token) -> tuple[str, Span] | None:
    """The named person who is the subject of the clause a possessive pronoun stands in (a verb's subject, or the
    subject of the verb it is a conjunct of), written as the PERSON entity that holds it."""
    verb = next((a for a in possessive.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = subject_child(verb) if verb is not None else None
    if subject is None and verb is not None and verb.dep_ == "conj":
        subject = subject_child(verb.head)
    if subject is None or subject.i > possessive.i:
        return None
    entity = next((e for e in possessive.doc.ents if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
    return (entity.text, Span(entity.start_char, entity.end_char)) if entity is not None else None


def _subject_before(pronoun: Token) -> tuple[str, Span] | None:
    """The person a "he" or "his" stands for when the sentences before name several: the one the text keeps as its
    subject. Going back from the pronoun over main clauses whose subject is another such pronoun, the first clause
    that names a person gives it when its subject is the only person it names, and leaves it open (None) otherwise."""
    doc = pronoun.doc
    for sentence in reversed(_sentences_before(pronoun)):
        subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        named = [e for e in doc.ents if e.label_ == "PERSON" and sentence.start <= e.start < sentence.end]
        if subject is not None and stands_for_a_person(subject.lower_):
            continue  # "He ... . He ... . His 15 seasons": the same one, named further back
        entity = next((e for e in named if e.start <= subject.i < e.end), None) if subject is not None else None
        if entity is not None and len({e[-1].lower_ for e in named}) == 1:  # "King hired Cheeks. He ...": open
            fullest = max((e for e in doc.ents if e.label_ == "PERSON" and e[-1].lower_ == entity[-1].lower_
                           and e.end <= pronoun.i), key=len)
            return fullest.text, Span(fullest.start_char, fullest.end_char)
        if named:
            return None
    return None


def _organisation_before(pronoun: Token) -> tuple[str, Span] | None:
    """The organisation an "it" or "its" stands for: the subject of the sentences before it, when the nearest main
    clause subject there (through earlier "it" subjects) is a named organisation; None when it is anything else ("It
    costs $5m" after "The plan was announced by Acme" is the plan, not Acme)."""
    doc = pronoun.doc
    for sentence in reversed(_sentences_before(pronoun)):
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        if subject.lower_ == "it":
            continue
        entity = next((e for e in doc.ents if e.start <= subject.i < e.end), None)
        if entity is None or entity.label_ != "ORG":
            return None
        return entity.text, Span(entity.start_char, entity.end_char)
    return None


def modified_noun(figure: SpacySpan) -> Token | None:
    """The noun a hyphenated figure modifies ("program" in "a three-step program"), or None."""
    noun = _counted(figure)
    return _modified(figure, noun) if noun is not None else None


def _modified(figure: SpacySpan, unit: Token) -> Token | None:
    """The noun a hyphenated figure modifies: "deal" in "a three-year deal", "program" in "a three-step program"."""
    last = figure[-1]
    doc = figure.doc
    hyphenated = unit.i == last.i + 2 and doc[last.i + 1].text in ("-", "–") and not last.whitespace_
    # written apart, a unit of time in the singular still makes the two words a modifier: "a new 20 year sentence"
    # (a count of a unit is plural: "20 years in prison"); not a share, which is as often the whole of what it
    # modifies ("93 percent turnout") as a property of it ("a 4.5 percent margin of error")
    apart = unit.i == last.i + 1 and unit.lower_ == lemma_of(unit) and not unit.lower_.endswith("s") \
        and measure_lexicon().units.get(unit.lower_, ("",))[0] == "duration"
    if not (hyphenated or apart):
        return None
    head = unit.head
    while head.dep_ in ("amod", "compound") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "a 13-inch [black-and-white] television"
    if head.i > unit.i and head.pos_ in ("NOUN", "PROPN") and unit.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return head
    return None


def priced_term(unit: Token) -> bool:
    """A length in the brackets after a name, beside an amount of money: "the Orioles (seven years, $140-150
    million)" is the term of an offer, not the length of anything that happened."""
    if _bracketed_after(unit) is None:
        return False
    doc = unit.doc
    opening = next((i for i in range(unit.i, -1, -1) if doc[i].text == "("), unit.i)
    closing = next((i for i in range(unit.i, len(doc)) if doc[i].text == ")"), len(doc))
    return any(token.is_currency or currency.candidates(token.text) for token in doc[opening:closing])


def _bracketed_after(nominal: Token) -> Token | None:
    """The name a bracketed figure stands after: "the Baltimore Orioles (seven years, $140-150 million)"."""
    while nominal.dep_ == "appos" and nominal.head.pos_ != "PROPN" and nominal.head.i < nominal.i:
        nominal = nominal.head  # "(seven years, $140-150 million)": the second is in apposition to the first
    head = nominal.head
    if nominal.dep_ != "appos" or head.pos_ != "PROPN" or head.i >= nominal.i or is_unit(head) \
            or currency.candidates(head.text) or head.like_num:
        return None  # "3.55m Euros (£2.45m)": a conversion, not whose the amount is
    between = nominal.doc[head.i + 1 : nominal.left_edge.i]
    return head if len(between) and between[0].text == "(" and all(t.text != ")" for t in between) else None


#: What a share above or beside a whole is compared with, not a part of: "150 percent of the national average".
_COMPARED_AMOUNTS = _AMOUNT_NOUNS | {"rate", "pay", "income", "salary", "wage"}


def _is_percent(noun: Token) -> bool:
    units = measure_lexicon().units
    unit = units.get(lemma_of(noun)) or units.get(noun.lower_)
    return unit is not None and unit[0] == "percentage"


def _whole_of(share: Token) -> Token | None:
    """What a share is a share of: the noun after "of" ("55 percent of respondents"); not a number ("10 percent of
    $5m"), a pronoun ("60 percent of them") or an amount it is compared with ("150 percent of the average")."""
    of = next((c for c in share.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.pos_ not in ("NOUN", "PROPN") or whole.like_num or is_unit(whole) \
            or lemma_of(whole) in _COMPARED_AMOUNTS:
        return None  # "150 percent of the national average": a ratio to an amount, not a part of a whole
    return whole


def _governing_verb(token: Token, hops: int = 3) -> Token | None:
    """The first verb at or above ``token``, at most ``hops`` steps up the parse."""
    node = token
    for _ in range(hops + 1):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _attribute(figure: SpacySpan, after: SpacySpan, noun: Token | None) -> bool:
    doc = figure.doc
    last = figure[-1]
    # "a 20-year veteran", "an eight-year offer", "a 30-year-old": the figure and its unit modify a noun
    if last.i + 2 < len(doc) and doc[last.i + 1].text == "-" and not last.whitespace_:
        unit = doc[last.i + 2]
        if unit.lower_ in ("time", "times") or (unit.i + 1 < len(doc) and doc[unit.i + 1].text == "-") \
                or unit.dep_ in ("amod", "compound", "nmod") or unit.head.pos_ in ("NOUN", "PROPN") \
                and unit.head.i > unit.i:
            return True
    if "-" in figure.text and figure.text.rstrip(".").lower().endswith(("-old", "-time")):
        return True
    if noun is not None and noun.i == last.i + 1 and _modified(figure, noun) is not None:
        return True  # "a new 20 year sentence": the hyphen left out
    words = [t.lower_ for t in after]
    if words and words[0] in _RATE_WORDS:
        return True  # "$3m apiece", "5,000 gallons per minute"
    if len(words) >= 2 and words[0] in ("a", "an", "each", "every") and words[1] in _RATE_NOUNS:
        return True  # "$4 million a year", "eight hours a day"
    if noun is not None and len(words) >= 3 and words[1] in ("a", "per", "each") and words[2] in _RATE_NOUNS:
        return True  # "10,000 visas a year"
    token = noun if noun is not None else figure.root
    # "a maximum sentence of 20 years", "The speed limit is 70 mph", "priced at $1,299"
    return _bound(token) or _rate_clause(token) or _unit_price(token) or _capacity(token) or _required(token)


def _rate_clause(token: Token) -> bool:
    """The figure's verb makes it a rate: "has averaged more than 30 home runs", "About 10,000 visas are awarded
    annually", "driven in at least 105 RBIs in each of the last five seasons"."""
    verb = _governing_verb(token)
    if verb is None:
        return False
    if verb.lemma_.lower() == "average":
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    holders = subjects + [token]
    if any(child.lower_ in _RATE_ADJECTIVES and child.dep_ in ("amod", "compound") for holder in holders
           for child in holder.children):
        return True  # "The average weekly benefit is $300", "a median income of $50,000"
    if any((subject.lower_ in _DISTRIBUTIVES or any(c.dep_ == "det" and c.lower_ in _DISTRIBUTIVES
                                                    for c in subject.children))
           and token not in subject.subtree for subject in subjects):
        return True  # "Each victim received $10,000", "every household will pay £100": an amount for one of many
    for child in verb.subtree:
        if child.dep_ == "advmod" and child.head == verb and child.lower_ in _RATE_WORDS:
            return True
        if child.lower_ in ("each", "every", "per") and child.dep_ in ("det", "pobj", "nsubj", "dobj") \
                and child.head.i != token.i and (child.head.lemma_.lower() in _RATE_NOUNS or child.dep_ == "pobj"
                                                 and any(t.lemma_.lower() in _RATE_NOUNS for t in child.subtree)):
            return True
    return False


def _required(token: Token, hops: int = 4) -> bool:
    """The figure is what a rule or a purpose requires, not what is: "The program requires investors to create at
    least 10 jobs", "companies with more than 50 employees" in what a law requires, "Candidates need at least 15
    percent in the polls to qualify" (bench/dev/FIGURES.md: thresholds and requirements of a rule are attributes)."""
    node = token
    for _ in range(hops):
        if node.dep_ in ("conj", "ROOT") or node.head.i == node.i:
            return False  # not across a conjunct: "required months of planning and killed 20 people"
        ancestor = node = node.head
        lemma = ancestor.lemma_.lower()
        if ancestor.pos_ == "VERB" and lemma in _REQUIRING:
            return True
        if ancestor.pos_ == "VERB" and lemma == "need" and any(
                c.dep_ in ("xcomp", "advcl") and any(g.tag_ == "TO" for g in c.children) for c in ancestor.children):
            return True  # "need at least 15 percent to qualify": a requirement with its purpose
    return False


def _capacity(token: Token) -> bool:
    """What something can hold, carry or seat is a property of it: "The stadium can hold 60,000 fans", "the plane,
    which can carry 300 passengers" (bench/dev/FIGURES.md: sizes and structural properties are attributes)."""
    verb = _governing_verb(token)
    return verb is not None and verb.lemma_.lower() in _HOLDING_CAPACITY \
        and any(c.dep_ == "aux" and c.lower_ == "can" for c in verb.children)


def _unit_price(token: Token) -> bool:
    """The amount is what one of something sells for: "is priced at $1,299", "will retail for $599", "prices start
    at $999", "the fare is $2.50" (bench/dev/FIGURES.md: per-unit prices are attributes)."""
    verb = _governing_verb(token)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("price", "retail"):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    priced = any(lemma_of(subject) in _PRICE_NOUNS for subject in subjects)
    return priced and (lemma in ("start", "begin") or (lemma == "be" and token.dep_ in ("attr", "acomp")))


def _bound(token: Token) -> bool:
    """The figure is a bound a rule sets, not an amount that is: "of" after a noun of a limit ("a maximum sentence
    of 20 years", "a cap of 10,000 visas", "a minimum wage of £6") or a copula's complement whose subject is one
    ("The maximum penalty is 10 years")."""
    def is_bound(noun: Token) -> bool:
        return lemma_of(noun) in _BOUND_NOUNS or any(c.dep_ in ("amod", "compound") and c.lower_ in _BOUND_NOUNS
                                                     for c in noun.children)

    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and is_bound(head.head):
        return True
    return token.dep_ in ("attr", "acomp") and head.lemma_ == "be" \
        and any(c.dep_ in ("nsubj", "nsubjpass") and is_bound(c) for c in head.children)


def _kin_of(noun: Token | None) -> bool:
    """The counted are named in passing as the kin of someone else's ("the parents of two Americans killed in the
    attacks", "the families of 20 victims"): some of the victims, not their number. Not a group named before ("the
    families of the two wounded men" are the families of all of them)."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of" or is_unit(noun):
        return False  # not "a friend of 30 years"
    if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children):
        return False
    return noun.head.head.pos_ == "NOUN" and lemma_of(noun.head.head) in _KIN


def _increment(figure: SpacySpan, before: SpacySpan, after: SpacySpan, noun: Token | None) -> bool:
    if any(t.lower_ in _INCREMENT_WORDS and t.lower_ != "more" for t in before):
        return True  # "another four", "a further 20", "an additional $15 million"
    if after and after[0].lower_ == "more" and after[0].dep_ in ("amod", "advmod", "nummod", "quantmod"):
        return True  # "five more soldiers"
    if noun is not None and any(child.lower_ in ("additional", "further", "extra") for child in noun.children):
        return True  # "two additional life sentences"
    verb = _governing_verb(noun if noun is not None else figure.root)
    return verb is not None and any(child.lower_ == "also" and child.dep_ == "advmod" for child in verb.children)


def _part(figure: SpacySpan, after: SpacySpan) -> bool:
    words = [t.lower_ for t in after]
    if len(words) >= 2 and words[0] == "of" and words[1] in _PARTITIVE_PRONOUNS:
        return True  # "two of them", "537 of which"
    if len(words) >= 3 and words[0] == "of" and words[1] in ("the", "its", "their") and after[2].like_num:
        return True  # "three of the seven bullets"
    return any(t.lower_ == "alone" and t.dep_ == "advmod" for t in figure.root.sent)  # "In July alone, ..."
