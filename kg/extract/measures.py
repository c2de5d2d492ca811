"""What a figure counts: the measures lexicon (data/measures.tsv: predicates, counted nouns, units, event nouns) and
the syntax around a number that picks the measure: the unit after it ("44 days"), the noun it counts ("200 people",
"dozens of vehicles") and the predicate that says what happened to them ("killed", "five dead"). A number with no
measure is no figure (kg.extract.quantities drops it).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.extract.numbers import Figure
from kg.resources import resource

#: Qualifier words that are also prepositions: "died over 30 years", "under pressure from 20 countries".
PREPOSITION_QUALIFIERS = frozenset({"over", "under", "above", "below", "around", "about", "some"})


@dataclass(frozen=True)
class MeasureLexicon:
    """data/measures.tsv: predicates, counted nouns, units and event nouns."""

    verbs: dict[str, tuple[str, str]]  # lemma -> (measure, role)
    nouns: dict[str, tuple[str, bool]]  # lemma -> (measure, weak)
    units: dict[str, tuple[str, str]]  # word -> (measure, unit)
    events: frozenset[str]
    places: frozenset[str]
    physical: frozenset[str]  # units that make a figure a physical measurement, never a claim here
    names: frozenset[str]  # words that make a hyphenated number a name (".38-caliber", "32-bit")


@lru_cache(maxsize=1)
def measure_lexicon() -> MeasureLexicon:
    verbs, nouns, units, events, places, physical, names = {}, {}, {}, set(), set(), set(), set()
    for line in resource("data", "measures.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, pos, measure, role, unit = (line.split("\t") + ["-"] * 5)[:5]
        if pos == "verb":
            verbs[word] = (measure, role)
        elif pos == "noun":
            nouns[word] = (measure, role == "weak")
        elif pos == "unit":
            units[word] = (measure, unit)
        elif pos == "event":
            events.add(word)
        elif pos == "place":
            places.add(word)
        elif pos == "skip":
            physical.add(word)
        elif pos == "name":
            names.add(word)
    return MeasureLexicon(verbs, nouns, units, frozenset(events), frozenset(places), frozenset(physical),
                          frozenset(names))


def lemma_of(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def is_unit(token: Token) -> bool:
    units = measure_lexicon().units
    return lemma_of(token) in units or token.lower_.rstrip("s") in units


def is_event(token: Token) -> bool:
    events = measure_lexicon().events
    return lemma_of(token) in events or token.lower_ in events


@dataclass(frozen=True)
class Measured:
    measure: str
    counted: Token | None  # the counted noun ("people") or the unit word ("days")
    unit: str | None
    predicate: Token | None  # the verb that says what happened to them ("killed")
    nominal: Token  # the noun phrase head standing for the figure (the counted noun, or the number itself)


def _after_hyphen(doc: Doc, index: int) -> Token | None:
    """The word after a number, skipping the hyphen of "six-week"."""
    if index + 1 < len(doc) and doc[index + 1].text in ("-", "–") and index + 2 < len(doc):
        return doc[index + 2]
    return doc[index + 1] if index + 1 < len(doc) else None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _predicate(nominal: Token) -> Token | None:
    """The verb in data/measures.tsv that says what happened to the counted things, if any."""
    verbs = measure_lexicon().verbs
    candidates: list[Token] = [child for child in nominal.children if child.dep_ in ("acl", "amod", "relcl")]
    # ("prep": "killed about 230,000 people" with "about" parsed as a preposition, see measure_of)
    if nominal.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "conj", "appos", "npadvmod", "meta", "prep"):
        head = nominal.head
        if nominal.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN", "NUM"):  # "killed two women and a man"
            head = head.head
        candidates.append(head)
        # "recorded 24 people dead", "left five dead": the object's predicate adjective comes first.
        candidates += [child for child in head.children if child.dep_ in ("oprd", "acomp")]
        # "are believed to have been killed", "were shot and killed": raising verbs and shared subjects;
        # "had received treatment after being injured": a participle clause sharing the subject.
        shares_subject = nominal.dep_ in ("nsubj", "nsubjpass")
        clauses = list(head.children) + [c for p in head.children if p.dep_ == "prep" for c in p.children]
        candidates += [child for child in clauses if child.pos_ == "VERB" and not _has_subject(child)
                       and shares_subject and child.dep_ in ("xcomp", "conj", "advcl", "pcomp")]
    for candidate in candidates:
        lemma = lemma_of(candidate) if lemma_of(candidate) in verbs else candidate.lower_
        if lemma not in verbs:
            continue
        role = verbs[lemma][1]
        active_subject = nominal.dep_ == "nsubj" and candidate == nominal.head
        if role == "object" and active_subject and any(c.dep_ == "dobj" for c in candidate.children):
            continue  # "gunmen killed two people": the gunmen are not the dead
        relative = next((c for c in candidate.children if c.tag_ in ("WDT", "WP") and c.dep_ == "nsubj"), None)
        if role == "object" and candidate.dep_ == "relcl" and candidate.head == nominal and relative is not None:
            continue  # "a fire at one cafe that killed 25 people": the cafe did the killing
        return candidate
    return None


def _countable(noun: Token) -> bool:
    """A noun a number can count when no measure has a name for it: a common noun ("three boats", "10 fire engines",
    "12 magazines") or a plural name ("13 homers", "43 RBIs"), or the pronoun of a partitive ("537 of which"); not
    a unit of time or a currency (those are durations and money) and not a singular name ("Channel 4")."""
    if noun.pos_ == "PRON":
        return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.lower_ in ("which", "them", "whom", "those")
    if noun.pos_ == "PROPN":
        return noun.tag_ == "NNPS"
    return noun.pos_ == "NOUN" and not is_unit(noun)


def measure_of(doc: Doc, tokens: SpacySpan, figure: Figure) -> Measured | None:
    lex = measure_lexicon()
    root, last = tokens.root, tokens[-1]
    if figure.unit == "percent":
        # "about 10 percent of Donbas" is territory; "10% of voters" stays a percentage.
        of = next((t for t in doc[last.i + 1 : last.i + 3] if t.lower_ == "of"), None)
        place = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if place is not None and (place.ent_type_ in ("GPE", "LOC") or lemma_of(place) in lex.places):
            return Measured("territory", place, "percent", None, root)
        return Measured("percentage", place, "percent", None, root)
    if figure.currency_written:
        return Measured("money", None, figure.currency, None, root)
    if figure.unit in ("year", "decade", "century"):
        return Measured("duration", last, figure.unit, None, root)  # "decades of conflict", "a quarter-century"
    following = _after_hyphen(doc, last.i)
    if following is not None and (lemma_of(following) in lex.physical or following.lower_ in lex.physical):
        return Measured("count", following, lemma_of(following), None, following)  # "fell about 150 metres"
    if following is not None:
        pair = f"{lemma_of(following)} {lemma_of(doc[following.i + 1])}" if following.i + 1 < len(doc) else ""
        for word in (pair, lemma_of(following), following.lower_.rstrip("s")):
            if word in lex.units:
                measure, unit = lex.units[word]
                return Measured(measure, following, unit, None, following)
    # The counted noun: the head the number modifies ("200 people"), or "of" + noun ("dozens of vehicles").
    counted: Token | None = None
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and root.head.i > root.i:
        counted = root.head
    else:
        of = next((child for child in root.children if child.dep_ == "prep" and child.lower_ == "of"), None)
        pobj = next((child for child in of.children if child.dep_ == "pobj"), None) if of is not None else None
        counted = pobj
    if counted is not None and (lemma_of(counted) in lex.units or counted.lower_ in lex.units):
        measure, unit = lex.units.get(lemma_of(counted)) or lex.units[counted.lower_]
        return Measured(measure, counted, unit, None, counted)  # "hundreds of years"
    nominal = counted if counted is not None else root
    # "killed about 230,000 people" parsed with "about" as a preposition: the phrase is the prep's.
    holder = nominal
    if holder.dep_ == "pobj" and holder.head.lower_ in PREPOSITION_QUALIFIERS and holder.head.i < tokens.start + 1:
        holder = holder.head
    # "the arrest of two suspected gang members", "the deaths of 12 people": the noun the figure is "of" says
    if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.pos_ == "NOUN":
        owner = holder.head.head
        measure = lex.nouns.get(lemma_of(owner))
        if measure is not None and not measure[1] and measure[0] not in ("countries", "weapons", "buildings"):
            return Measured(measure[0], counted, None, None, nominal)
    # Adjectival heads stand for the predicate themselves: "five dead", "2 hurt", "16 injured".
    predicate = nominal if counted is not None and counted.lower_ in lex.verbs else _predicate(holder)
    if predicate is None and counted is not None and counted.head.head == root:
        predicate = _predicate(root)  # "killed tens of thousands of people": the verb governs "tens"
    if predicate is not None:
        lemma = lemma_of(predicate) if lemma_of(predicate) in lex.verbs else predicate.lower_
        return Measured(lex.verbs[lemma][0], counted, None, predicate, nominal)
    if counted is not None:
        for word in (lemma_of(counted), counted.lower_):
            if word in lex.nouns:
                return Measured(lex.nouns[word][0], counted, None, None, nominal)
        if _countable(counted):
            return Measured("count", counted, None, None, nominal)  # "up to 300 jobs", "three boats", "13 homers"
    # "the death toll rose to 10", "the death toll was 85" (parsed as an adjective complement): the figure is what
    # the subject (a measure noun) became.
    if root.dep_ in ("pobj", "attr", "acomp", "dobj") and counted is None:
        verb = root.head.head if root.dep_ == "pobj" else root.head
        # "the death toll rose to 10" (subject); "put the death toll of the shelling at 40" (object)
        for holder in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != root.i):
            if lemma_of(holder) in lex.nouns and not lex.nouns[lemma_of(holder)][1]:
                return Measured(lex.nouns[lemma_of(holder)][0], holder, None, None, root)
    return None
