"""Numeric claims: each figure in a parsed article becomes a Claim whose Quantity is an interval tied to what it measures.

``Mirzoyan said the offensive ... killed more than 200 people`` gives deaths in (200, inf) of "the offensive", claimed
by Mirzoyan; ``The 2020 war killed over 6,700 people.`` gives the narrator's deaths in (6700, inf) of "The 2020 war".
Figures come from :mod:`kg.extract.numbers` (bounds from data/qualifiers.tsv); the measure comes from the predicate
or the counted noun (data/measures.tsv); a figure with no known measure is dropped, which is what keeps years,
page counts, "20-point plan" and "two villages" out. Money carries its ISO 4217 currency, read with the article's
countries (:mod:`kg.extract.currency`: "24.2 trillion pesos" in an article about Colombia is COP) and dropped when the
text does not say which; conversions in brackets are alternatives of one figure. Differences ("230 fewer", "up 11%",
"from £79.60 to £105.45") are kept as changes. Time phrases ("three years later") are never figures, and a duration
is one only when it is the length of an event ("44 days of fighting", "a 10-day strike").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg import geo
from kg.dates import MONTHS, TIME_ZONES, WEEKDAYS, parse_iso, resolve_time
from kg.extract import currency
from kg.extract.identity import Age, age_of, modified_noun, scope_of, subject_of
from kg.extract.numbers import Figure, find_figures, rules, words_to_number
from kg.extract.ranks import rank_quantities
from kg.resources import resource
from kg.types import Article, Claim, Mention, Quantity, Span

# Words right before a number that make it a label, not an amount: "Article 5", "page 20", "Flight 370".
LABEL_WORDS = frozenset({"week", "article", "page", "chapter", "section", "paragraph", "no", "no.", "number", "room", "flight",
                         "route", "phase", "level", "class", "resolution", "grade", "category", "round", "game",
                         "episode", "version", "season", "line", "channel", "gate", "terminal", "platform", "step"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis", "xcomp"})
# Qualifier words that are also prepositions: "died over 30 years", "under pressure from 20 countries".
PREPOSITION_QUALIFIERS = frozenset({"over", "under", "above", "below", "around", "about", "some"})


@dataclass(frozen=True)
class Lexicon:
    """data/measures.tsv: predicates, counted nouns, units and event nouns."""

    verbs: dict[str, tuple[str, str]]  # lemma -> (measure, role)
    nouns: dict[str, tuple[str, bool]]  # lemma -> (measure, weak)
    units: dict[str, tuple[str, str]]  # word -> (measure, unit)
    events: frozenset[str]
    places: frozenset[str]
    physical: frozenset[str]  # units that make a figure a physical measurement, never a claim here
    names: frozenset[str]  # words that make a hyphenated number a name (".38-caliber", "32-bit")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
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
    return Lexicon(verbs, nouns, units, frozenset(events), frozenset(places), frozenset(physical), frozenset(names))


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


# ---- what is not a quantity claim -------------------------------------------------------------------------------

def _is_label_or_date(doc: Doc, tokens: SpacySpan, figure: Figure, text: str) -> bool:
    """Years, dates, clock times, ages and labels ("Article 5", "World War Two") are not amounts."""
    first, last = tokens[0], tokens[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    written = text[figure.number_start : figure.end]
    value = figure.value
    in_words = figure.currency_written is not None and figure.currency_written.isalpha()
    if value is not None and (figure.unit is None or in_words) and figure.qualifier is None and value == int(value) \
            and 1800 <= value <= 2100 and "," not in written:
        return True  # "the 2020 war", "in 1994", "in 2006 dollars": a year (a count that size is written "2,000")
    for neighbour in (before, after):
        if neighbour is not None and neighbour.lower_.rstrip(".") in MONTHS and neighbour.text[:1].isupper():
            return True  # "Nov. 10", "September 21", "28 November 2025"
    if figure.kind == "words" and first.text[:1].isupper() and not first.is_sent_start:
        return True  # a capitalised number word mid-sentence is a title or name: "Million Dollar Baby"
    if re.fullmatch(r"0\d{3}", written):
        return True  # "0947 GMT": a clock time written as four digits
    if written.lower() == "zero" and after is not None and after.text in ("-", "–"):
        return True  # "zero-day", "zero-tolerance"
    if after is not None and (after.lower_ in ("am", "pm", "a.m.", "p.m.", "o'clock") or after.lower_ in TIME_ZONES
                              or after.text == ":" or re.match(r"\d{1,2}(am|pm)$", after.lower_)):
        return True
    if re.match(r"\s?(?:am|pm|[ap]\.\s?m\.|gmt|hrs)(?!\w)|:\s?\d\d", text[figure.end : figure.end + 6], re.IGNORECASE) \
            or re.search(r"\d:\s?$", text[max(0, figure.number_start - 4) : figure.number_start]):
        return True  # "around 9.35am", "1:30 p.m.", and as some corpora space them: "4: 08 p. m."
    if re.match(r"[A-Za-z]", text[figure.end : figure.end + 1]) and figure.unit is None:
        return True  # a number run into a word is part of a name: "76ers", "4G", "1990s"
    if after is not None and after.lower_.endswith("ies") and words_to_number(after.lower_[:-3] + "y") is not None:
        return True  # "the late nineteen eighties"
    if after is not None and after.lower_ == "block" or written == "911":
        return True  # an address ("the 12000 block of Joliet Avenue"), the emergency number ("a 911 caller")
    if _is_score(text, figure):
        return True
    if re.match(r"\s*-?\s*years?\s*-?\s*old\b|\s*years?\s+of\s+age\b", text[figure.end : figure.end + 14]):
        return True  # "a 36-year-old man"
    if re.search(r"\d{4}[-–]$", text[max(0, figure.number_start - 5) : figure.number_start]):
        return True  # "the 2002-03 season": the end of a span of years
    if before is not None and before.lower_.rstrip(".") in LABEL_WORDS:
        return True
    if any(token.lower_ in ("aged", "age", "ages") for token in doc[max(0, first.i - 4) : first.i]):
        return True  # "aged 45", "at the age of 95", "seven children aged from one to 12 years"
    if before is not None and figure.qualifier is None and before.pos_ == "PROPN" and before.text[:1].isupper() \
            and before.lower_ not in WEEKDAYS \
            and (before.dep_ != "nsubj" or first.head == before):
        return True  # "World War Two", "Voyager 2", "Article 5" (but not "Mirzoyan 200")
    attached = after is not None and after.idx == last.idx + len(last)
    if attached and after.text in ("-", "–") and last.i + 2 < len(doc) and doc[last.i + 2].lower_ in lexicon().names:
        return True  # ".38-caliber", "32-bit", "a five-alarm call": names; "a three-step program" is a figure
    if before is not None and before.lower_ in ("the", "these", "those", "both") and figure.kind == "words" \
            and not (after is not None and _is_unit(after)):
        return True  # "the two villages", "the two sides": anaphora for things already counted
    return figure.kind == "words" and value == 1 and first.lower_ == "one" and after is not None \
        and after.lower_ == "of"  # "one of the sources"


#: Nouns after a pair of numbers joined by a hyphen that make it a score or a win-loss record ("an 18-30 start",
#: "the Owls' 88-72 win"), not a range.
SCORE_NOUNS = frozenset({"win", "victory", "loss", "defeat", "lead", "start", "record", "finish", "draw", "tie",
                         "season", "rout", "triumph", "score", "aggregate"})


def _is_score(text: str, figure: Figure) -> bool:
    """"88-72", "58-3", "an 18-30 start": pairs in score notation (no spaces around the hyphen) are no figures when
    the first is larger (no range is written that way) or a score noun follows."""
    pair = re.compile(r"(\d+)[-–](\d+)")
    for start in range(max(0, figure.number_start - 6), figure.number_start + 1):
        match = pair.match(text, start)
        if match is None or not (match.start() <= figure.number_start < match.end()) \
                or (start > 0 and text[start - 1].isdigit()):
            continue
        following = re.match(r"\s+(\w+)", text[match.end() :])
        return int(match[1]) > int(match[2]) or (following is not None and following[1].lower() in SCORE_NOUNS)
    return False


def _is_physical(token: Token) -> bool:
    physical = lexicon().physical
    return _lemma(token) in physical or token.lower_ in physical


def _is_unit(token: Token) -> bool:
    units = lexicon().units
    return _lemma(token) in units or token.lower_.rstrip("s") in units


# ---- what is counted --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Measured:
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
    verbs = lexicon().verbs
    candidates: list[Token] = [child for child in nominal.children if child.dep_ in ("acl", "amod", "relcl")]
    # ("prep": "killed about 230,000 people" with "about" parsed as a preposition, see _measure)
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
        lemma = _lemma(candidate) if _lemma(candidate) in verbs else candidate.lower_
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
    return noun.pos_ == "NOUN" and not _is_unit(noun)


def _measure(doc: Doc, tokens: SpacySpan, figure: Figure) -> _Measured | None:
    lex = lexicon()
    root, last = tokens.root, tokens[-1]
    if figure.unit == "percent":
        # "about 10 percent of Donbas" is territory; "10% of voters" stays a percentage.
        of = next((t for t in doc[last.i + 1 : last.i + 3] if t.lower_ == "of"), None)
        place = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if place is not None and (place.ent_type_ in ("GPE", "LOC") or _lemma(place) in lex.places):
            return _Measured("territory", place, "percent", None, root)
        return _Measured("percentage", place, "percent", None, root)
    if figure.currency_written:
        return _Measured("money", None, figure.currency, None, root)
    if figure.unit in ("year", "decade", "century"):
        return _Measured("duration", last, figure.unit, None, root)  # "decades of conflict", "a quarter-century"
    following = _after_hyphen(doc, last.i)
    if following is not None and (_lemma(following) in lex.physical or following.lower_ in lex.physical):
        return _Measured("count", following, _lemma(following), None, following)  # "fell about 150 metres"
    if following is not None:
        pair = f"{_lemma(following)} {_lemma(doc[following.i + 1])}" if following.i + 1 < len(doc) else ""
        for word in (pair, _lemma(following), following.lower_.rstrip("s")):
            if word in lex.units:
                measure, unit = lex.units[word]
                return _Measured(measure, following, unit, None, following)
    # The counted noun: the head the number modifies ("200 people"), or "of" + noun ("dozens of vehicles").
    counted: Token | None = None
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and root.head.i > root.i:
        counted = root.head
    else:
        of = next((child for child in root.children if child.dep_ == "prep" and child.lower_ == "of"), None)
        pobj = next((child for child in of.children if child.dep_ == "pobj"), None) if of is not None else None
        counted = pobj
    if counted is not None and (_lemma(counted) in lex.units or counted.lower_ in lex.units):
        measure, unit = lex.units.get(_lemma(counted)) or lex.units[counted.lower_]
        return _Measured(measure, counted, unit, None, counted)  # "hundreds of years"
    nominal = counted if counted is not None else root
    # "killed about 230,000 people" parsed with "about" as a preposition: the phrase is the prep's.
    holder = nominal
    if holder.dep_ == "pobj" and holder.head.lower_ in PREPOSITION_QUALIFIERS and holder.head.i < tokens.start + 1:
        holder = holder.head
    # "the arrest of two suspected gang members", "the deaths of 12 people": the noun the figure is "of" says
    if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.pos_ == "NOUN":
        owner = holder.head.head
        measure = lex.nouns.get(_lemma(owner))
        if measure is not None and not measure[1] and measure[0] not in ("countries", "weapons", "buildings"):
            return _Measured(measure[0], counted, None, None, nominal)
    # Adjectival heads stand for the predicate themselves: "five dead", "2 hurt", "16 injured".
    predicate = nominal if counted is not None and counted.lower_ in lex.verbs else _predicate(holder)
    if predicate is None and counted is not None and counted.head.head == root:
        predicate = _predicate(root)  # "killed tens of thousands of people": the verb governs "tens"
    if predicate is not None:
        lemma = _lemma(predicate) if _lemma(predicate) in lex.verbs else predicate.lower_
        return _Measured(lex.verbs[lemma][0], counted, None, predicate, nominal)
    if counted is not None:
        for word in (_lemma(counted), counted.lower_):
            if word in lex.nouns:
                return _Measured(lex.nouns[word][0], counted, None, None, nominal)
        if _countable(counted):
            return _Measured("count", counted, None, None, nominal)  # "up to 300 jobs", "three boats", "13 homers"
    # "the death toll rose to 10": the figure is what the subject (a measure noun) became.
    if root.dep_ in ("pobj", "attr", "dobj") and counted is None:
        verb = root.head.head if root.dep_ == "pobj" else root.head
        # "the death toll rose to 10" (subject); "put the death toll of the shelling at 40" (object)
        for holder in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != root.i):
            if _lemma(holder) in lex.nouns and not lex.nouns[_lemma(holder)][1]:
                return _Measured(lex.nouns[_lemma(holder)][0], holder, None, None, root)
    return None


# ---- what the figure measures -----------------------------------------------------------------------------------

def _phrase(token: Token, keep: Token | None = None, drop: Token | None = None) -> tuple[int, int]:
    """Token range of a noun phrase: its subtree without relative clauses, appositions and conjuncts, except
    ``keep`` (the relative clause a pronoun came through) and never the branch ``drop`` (the figure's own clause)."""
    excluded: set[int] = set()
    for child in token.children:
        if child == keep:
            continue
        if child.dep_ in ("relcl", "acl", "appos", "conj", "cc", "advcl", "punct") and child.i > token.i:
            excluded.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ != "of" and child.i > token.i:
            excluded.update(t.i for t in child.subtree)  # "the Board of Peace [at the World Economic Forum]"
    if keep is not None:  # "fighting that began in late September [and left 5,600 killed]": not the conjunct
        for child in keep.children:
            if child.dep_ in ("conj", "cc") and child.i > keep.i:
                excluded.update(t.i for t in child.subtree)
    if drop is not None:
        excluded.update(t.i for t in drop.subtree)
        excluded.update(t.i for t in drop.head.children if t.dep_ == "cc" and t.i < drop.i)
    indices = [t.i for t in token.subtree if t.i not in excluded]
    start, end = min(indices), max(indices) + 1
    doc = token.doc
    while start < end and (doc[start].dep_ in ("prep", "cc", "punct", "mark") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _antecedent(token: Token) -> tuple[Token, Token | None]:
    """A relative pronoun's antecedent, climbed through "of" to the head noun ("44 days of fighting that ...")."""
    clause = token.head
    while token.tag_ in ("WDT", "WP") and clause.dep_ in ("ccomp", "xcomp", "conj") and clause.head.pos_ == "VERB":
        clause = clause.head  # "the bombing ..., which he said killed seven"
    if token.tag_ in ("WDT", "WP") and clause.dep_ == "relcl":
        relcl = clause
        noun = relcl.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return noun, relcl
    return token, None


def _subject(verb: Token) -> Token | None:
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "The 2020 war killed over 6,700 people" parsed as a noun phrase with a participle
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head  # "the offensive targeted ..., killed 200 and wounded 400": conjuncts share the subject


def _subject_event(doc: Doc, verb: Token, inside: set[int]) -> tuple[int, int] | None:
    """The verb's subject as the event ("The 2020 war killed ..."), through conjuncts and relative pronouns."""
    subject = _subject(verb)
    if subject is None or (subject.pos_ == "PRON" and subject.tag_ not in ("WDT", "WP")):
        return None
    noun, relcl = _antecedent(subject)
    if noun.tag_ in ("WDT", "WP"):
        return None  # a relative pronoun whose clause the parse lost
    if noun.i in inside:
        return None
    own_clause = (relcl is not None and verb != relcl) or verb.head == noun  # "war killed ..." parsed as acl
    start, end = _phrase(noun, keep=relcl, drop=verb if own_clause else None)
    if inside & set(range(start, end)):  # "an attack that left three servicemen wounded": not the figure's clause
        start, end = _phrase(noun)
    if inside & set(range(start, end)):
        return None  # the figure is inside the subject: "a contingent of 2,000 peacekeepers was sent"
    first_event = next((t for t in doc[start:end] if _lemma(t) in lexicon().events), None)
    if relcl is None and first_event is not None and _lemma(noun) not in lexicon().events:
        end = first_event.i + 1  # misparse "the offensive targeted critical infrastructure" -> "the offensive"
    return start, end


def _is_event(token: Token) -> bool:
    events = lexicon().events
    return _lemma(token) in events or token.lower_ in events


def _duration_event(unit: Token) -> tuple[int, int] | None:
    """The event a duration is the length of: "44 days of fighting", "a six-week war", "a blockade ... for the last 10
    months", "the strike lasted 10 days". None for any other duration ("a 20-year veteran", "died over 30 years",
    "sentenced to 10 years"): it is no figure here."""
    if unit.dep_ in ("compound", "amod", "npadvmod", "nmod") and unit.head.pos_ == "NOUN" and _is_event(unit.head):
        return _phrase(unit.head)  # "a six-week war with Armenia", "a 10-day strike"
    for child in unit.children:
        target = next((c for c in child.children if c.dep_ == "pobj"), None) if child.lower_ == "of" else None
        if child.dep_ == "prep" and target is not None and _is_event(target):
            # "44 days of fighting that began in late September"
            return _phrase(unit, keep=next((c for c in unit.subtree if c.dep_ == "relcl"), None))
    subject = None
    if unit.dep_ == "pobj" and unit.head.lower_ == "for":
        # "a blockade ... deprived Nagorno-Karabakh of supplies for the last 10 months"
        verb = unit.head.head if unit.head.head.pos_ in ("VERB", "AUX") else None
        subject = _subject(verb) if verb is not None else None
        if subject is None:  # the parse hung "for" on a noun: the last subject before it in the sentence
            subject = next((t for t in reversed(unit.doc[unit.sent.start : unit.head.i]) if t.dep_ == "nsubj"), None)
    elif unit.dep_ in ("npadvmod", "dobj", "attr") and _lemma(unit.head) in ("last", "continue", "drag"):
        subject = _subject(unit.head)  # "the strike lasted 10 days"
    if subject is not None and _is_event(subject):
        return _phrase(subject)
    return None


def _event(doc: Doc, measured: _Measured, figure_tokens: SpacySpan) -> tuple[int, int] | None:
    lex = lexicon()
    inside = {t.i for t in measured.nominal.subtree} | {t.i for t in figure_tokens}
    if measured.measure == "duration":
        return _duration_event(measured.counted) if measured.counted is not None else None
    counted = measured.counted
    of_event = next((c for c in counted.children if c.dep_ == "prep" and c.lower_ == "of"), None) \
        if counted is not None and counted.i not in inside else None
    for target in (of_event.children if of_event is not None else ()):
        if target.dep_ == "pobj" and _lemma(target) in lex.events:
            return _phrase(target)  # "the death toll of the shelling"
    verb = measured.predicate if measured.predicate is not None and measured.predicate.pos_ in ("VERB", "AUX") \
        else next((a for a in measured.nominal.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    if measured.predicate is not None and verb.dep_ == "acl" and verb.head == measured.nominal:
        verb = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb)  # "left 5,600 people killed"
    found = _subject_event(doc, verb, inside)
    if found is not None:
        return found
    # No usable subject: an event noun elsewhere in the clause ("to escape the offensive", "in a large protest").
    for token in verb.subtree:  # of this verb, not of a clause it governs ("Two of the sources said ... the meeting")
        if token.i not in inside and _lemma(token) in lex.events and token.pos_ in ("NOUN", "PROPN") \
                and not _in_reported_clause(token, verb):
            while token.dep_ == "compound":
                token = token.head
            return _phrase(token)
    # "an attack ... that left three servicemen wounded": the clause above, if its subject is an event.
    if verb.dep_ in ("ccomp", "oprd", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        above = _subject_event(doc, verb.head, inside)
        if above is not None and any(_lemma(t) in lex.events for t in doc[above[0] : above[1]]):
            return above
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in inside), None)
    return _phrase(obj) if obj is not None else None  # "have signed its founding charter"


def _resolve_possessive(doc: Doc, sentence: SpacySpan, start: int, end: int) -> tuple[int, int]:
    """"its founding charter" names nothing: use the nearest earlier object or subject naming something in the
    sentence ("Since Trump launched the Board of Peace ..., at least 19 countries have signed its founding charter")."""
    if doc[start].lower_ not in ("its", "their"):
        return start, end
    for token in reversed(doc[sentence.start : start]):
        if token.dep_ in ("dobj", "nsubj") and token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "DATE"):
            return _phrase(token)
    return start, end


# ---- when -------------------------------------------------------------------------------------------------------

def _event_time(doc: Doc, event: tuple[int, int] | None, clause: SpacySpan, figures: list[tuple[int, int]],
                published: date | None) -> str | None:
    if event is not None:
        found = resolve_time(doc[event[0] : event[1]].text, published)
        if found:
            return found
    for entity in doc.ents:
        if entity.label_ not in ("DATE", "TIME") or not (clause.start <= entity.start and entity.end <= clause.end):
            continue
        if any(entity.start_char < end and start < entity.end_char for start, end in figures):
            continue  # "for at least five years" is the figure, not its date
        found = resolve_time(entity.text, published)
        if found:
            return found
    return None


# ---- claims -----------------------------------------------------------------------------------------------------

def _clause(tokens: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The smallest clause holding the figure: the subtree of the nearest clause-heading verb."""
    for ancestor in tokens.root.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ in CLAUSE_DEPS and ancestor.dep_ != "xcomp":
            indices = [t.i for t in ancestor.subtree]
            start, end = max(min(indices), sentence.start), min(max(indices) + 1, sentence.end)
            doc = sentence.doc
            while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
                start += 1
            while end > start and doc[end - 1].is_punct:
                end -= 1
            return doc[start:end]
    return sentence


def _narrator(article: Article) -> Mention:
    return Mention(name=article.wire_service or article.publisher or "narrator", kind="narrator", span=None)


def _holder(attributed: Sequence[Claim], start: int, end: int) -> tuple[Claim, Span] | None:
    """The attributed claim whose content holds the figure (the smallest, when quotes nest)."""
    best: tuple[Claim, Span] | None = None
    for claim in attributed:
        for part in claim.content:
            if part.start <= start and end <= part.end and (best is None or
                                                             part.end - part.start < best[1].end - best[1].start):
                best = (claim, part)
    return best


def _is_preposition(tokens: SpacySpan, figure: Figure, doc: Doc) -> bool:
    """"died over 30 years": "over" heads a prepositional phrase here, it does not qualify the number."""
    if figure.qualifier not in ("over", "under", "above", "below"):
        return False  # "about"/"around" + a bare number is approximate even when parsed as a preposition
    word = doc.char_span(figure.start, figure.start + len(figure.qualifier), alignment_mode="expand")
    return word is not None and len(word) == 1 and word[0].dep_ == "prep" and word[0].head not in tokens


@dataclass(frozen=True)
class _MoneyContext:
    """What an article says about its currencies: the countries it names (ISO 3166 codes) and the currencies it
    writes in a form that names them alone ("US$", "Australian dollars"): see kg.extract.currency.resolve."""

    countries: tuple[str, ...]
    explicit: frozenset[str]


def _money_context(doc: Doc, figures: Sequence[Figure]) -> _MoneyContext:
    if not any(f.currency_written for figure in figures for f in (figure, *figure.alternatives)):
        return _NO_MONEY  # most articles: no need to look up every capitalised word as a country
    countries: dict[str, None] = {}
    # Entity labels are unreliable here ("The central bank of Colombia" as one ORG): every entity and every
    # capitalised word is asked, as a name ("Colombia") and as an adjective ("the Colombian government").
    names = [entity.text for entity in doc.ents] + [token.text for token in doc
                                                     if token.is_title and token.pos_ in ("PROPN", "ADJ")]
    for name in names:
        found = geo.country(name)
        if found is None and (country_name := geo.demonym_country(name)) is not None:
            found = geo.country(country_name)
        if found is not None:
            countries[found.code] = None
    explicit = set()
    for figure in figures:
        for written in [figure.currency_written] + [a.currency_written for a in figure.alternatives]:
            codes = currency.candidates(written) if written else frozenset()
            if len(codes) == 1 and currency.default(written) is None:
                explicit |= codes
    return _MoneyContext(tuple(countries), frozenset(explicit))


_NO_MONEY = _MoneyContext((), frozenset())


def _in_currency(figure: Figure, context: _MoneyContext) -> Figure | None:
    """The figure with its currency read in the article's context; None for money in a currency the text does not
    name ("24.2 trillion pesos" in an article naming no peso country): a wrong currency is worse than none."""
    if not figure.currency_written:
        return figure
    code = currency.resolve(figure.currency_written, context.countries, context.explicit)
    if code is None:
        return None
    alternatives = tuple(a for a in (_in_currency(a, context) for a in figure.alternatives) if a is not None)
    return replace(figure, currency=code, unit=code, alternatives=alternatives)


def _alternative(figure: Figure) -> Quantity:
    """A conversion in brackets, as a Quantity of its own currency."""
    return Quantity(measure="money", low=figure.low, high=figure.high, low_inclusive=figure.low_inclusive,
                    high_inclusive=figure.high_inclusive, span=Span(figure.start, figure.text_end or figure.end),
                    qualifier=figure.qualifier, unit=figure.currency, point=figure.value, currency=figure.currency)


def _described(written: SpacySpan, event_span: Span | None, named: SpacySpan | None,
               duration: bool = False) -> dict[str, object]:
    """The entity the figure describes, only when it measures no event (issue 16: one or the other): from the
    figure's own syntax (kg.extract.identity), else the clause's subject when that names someone or something."""
    if event_span is not None:
        return {}
    found = subject_of(written, duration)
    if found is None and named is not None and named.root.ent_type_ not in ("GPE", "NORP", "LOC") \
            and geo.country_of(named.text) is None and named.root.pos_ != "PRON":
        found = named.text, Span(named.start_char, named.end_char)
    if found is None or not _names_a_subject(written.doc, found[1]):
        return {}
    return {"subject": found[0], "subject_span": found[1]}



#: Entity labels of phrases that are amounts or times, never what a figure describes ("a short time later").
_NOT_SUBJECTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})


def _names_a_subject(doc: Doc, span: Span) -> bool:
    """A subject names someone or something ("27 companies" does): not an amount ("a $5.3 million debt", "more than
    $38m"), a time ("a short time") or a pronoun ("none")."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None or phrase.root.like_num or any(token.is_currency for token in phrase):
        return False
    if phrase.root.ent_type_ in _NOT_SUBJECTS or phrase.root.pos_ == "PRON" or phrase.root.lower_ in ("none", "time"):
        return False
    return not _is_unit(phrase.root)


def _names_an_event(phrase: SpacySpan) -> bool:
    """An event is named by an event word ("the offensive", "Saturday's shooting", "the deal"), not by who took
    part in it ("the Orioles", "Pirates", "Alaska Gov. Sarah Palin")."""
    return any(_is_event(token) for token in phrase) or phrase.root.pos_ == "VERB"


def _day_rank(doc: Doc, figure: Figure, sentence: SpacySpan) -> tuple[Quantity, SpacySpan, float]:
    """"Day six of the revolt", "day 100 of the war": the place of a day in a sequence, a rank (never compared)."""
    start = doc[doc.char_span(figure.number_start, figure.end, alignment_mode="expand").start - 1].idx
    quantity = Quantity(measure="rank", low=figure.value, high=figure.value, low_inclusive=True, high_inclusive=True,
                        span=Span(start, figure.end), counted="day", point=figure.value)
    return quantity, _clause(doc.char_span(start, figure.end, alignment_mode="expand") or sentence, sentence), 0.6


def _age_quantity(doc: Doc, figure: Figure, age: Age, sentence: SpacySpan) -> tuple[Quantity, SpacySpan, float]:
    """An age ("a 30-year-old", "Tara Reid, 33,"): kept as an attribute of whom it describes, never compared."""
    end = max(age.end or figure.end, figure.end)
    quantity = Quantity(
        measure="age", low=figure.low, high=figure.high, low_inclusive=figure.low_inclusive,
        high_inclusive=figure.high_inclusive, span=Span(figure.start, end), qualifier=figure.qualifier,
        unit=age.unit, point=figure.value, scope="attribute",
        subject=age.subject[0] if age.subject else None, subject_span=age.subject[1] if age.subject else None)
    return quantity, _clause(doc.char_span(figure.start, end, alignment_mode="expand") or sentence, sentence), 0.7


#: Parts of a contest: "44 seconds of the seventh round" is the length of part of an event, not an item's term.
CONTEST_PARTS = frozenset({"round", "half", "quarter", "period", "inning", "game", "match", "fight", "bout", "set",
                           "overtime"})


def _term_of_item(unit: Token | None) -> bool:
    """"six weeks of paid leave": a duration "of" a thing (not of an event, an activity such as "protesting", or a
    part of a contest) is the term of that thing."""
    if not _of_follows(unit):
        return False
    of = unit.doc[unit.i + 1]
    target = next((c for c in of.children if c.dep_ == "pobj"), None)
    return target is not None and target.pos_ == "NOUN" and target.tag_ != "VBG" and not target.lower_.endswith("ing") \
        and not _is_event(target) and _lemma(target) not in CONTEST_PARTS


def _of_follows(token: Token | None) -> bool:
    return token is not None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of"


#: Words after "half" or "a third" that make it a share of something: "half the milk", "a third of those".
SHARE_FOLLOWERS = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "our", "your", "these", "those",
                             "all", "this", "that"})


def _is_loose_share(text: str, figure: Figure) -> bool:
    """A share written in words ("half", "a third") is a figure only before what it is a share of: not "a half-hour
    show", "two and a half years", "the second half of 2012", "a third Boras client"."""
    if figure.kind != "vague" or figure.unit != "percent":
        return False
    after = re.match(r"\s+(\w+)", text[figure.end :])
    before = re.search(r"(\w+)\s*$", text[: figure.number_start])
    if after is None or after[1].lower() not in SHARE_FOLLOWERS:
        return True
    return before is not None and before[1].lower() in ("first", "second", "the", "and", "a", "an")


def _is_weight(doc: Doc, figure: Figure) -> bool:
    """"weighing approximately 200 pounds": pounds after a verb of weighing are a weight, not sterling."""
    if figure.currency_written is None or figure.currency_written.lower().rstrip("s") != "pound":
        return False
    start = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    return start is not None and any(token.lemma_.lower() == "weigh" or token.lower_.startswith("weigh")
                                     for token in doc[max(0, start.start - 4) : start.start])


def _is_determiner(number: SpacySpan, figure: Figure, measured: _Measured) -> bool:
    """A bare "one" says "a": "tell one country", "(or lack of one)", "grow one day at a time", "would one day
    start"; it is a figure only when a predicate counts it ("He shot one man fatally") or a qualifier bounds it."""
    if figure.value != 1 or figure.qualifier is not None or figure.kind != "words" or measured.predicate is not None:
        return False
    return measured.measure != "duration" or measured.counted is None or measured.counted.dep_ == "npadvmod"


#: Measures of what happened to people in an incident: a figure of these counts an event, never describes a subject.
VICTIM_MEASURES = frozenset({"deaths", "injuries", "casualties", "displaced", "arrests", "missing"})
#: Victims of the article's main event when their sentence names none; not arrests or the displaced, which follow
#: from acts of their own (arrests at the protests after a shooting, flight from a war's front).
ARTICLE_EVENT_MEASURES = frozenset({"deaths", "injuries", "casualties", "missing"})


def _clause_event(doc: Doc, clause: SpacySpan, inside: set[int]) -> tuple[int, int] | None:
    """The event noun of the figure's clause nearest to it ("turnout reached 93.87 percent in the election")."""
    anchor = min(inside)
    verb = _nearest_verb(clause.doc[anchor])
    # an event noun of the figure's own verb, not one inside a clause it governs ("Two of the sources said ... on
    # the sidelines of the meeting")
    candidates = [t for t in clause if t.i not in inside and t.pos_ == "NOUN" and _is_event(t)
                  and (verb is None or not _in_reported_clause(t, verb))]
    if not candidates:
        return None
    token = min(candidates, key=lambda t: abs(t.i - anchor))
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head
    return _phrase(token)


def _nearest_verb(token: Token) -> Token | None:
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _in_reported_clause(token: Token, verb: Token) -> bool:
    """``token`` sits in a clause ``verb`` reports or runs on into ("said [Sharif would meet ... the meeting]"), not
    in one that goes with it ("fled their homes [to escape the offensive]")."""
    for ancestor in [token, *token.ancestors]:
        if ancestor == verb:
            return False
        if ancestor.dep_ in ("ccomp", "parataxis"):
            return True
    return False


def main_event(doc: Doc) -> str | None:
    """The article's main event: the event noun it names most often ("shooting" in a story naming "the shooting"
    three times), when it names it at least twice and at least as often as all other event nouns together; None
    otherwise."""
    counts: dict[str, int] = {}
    for token in doc:
        if token.pos_ == "NOUN" and _is_event(token):
            counts[_lemma(token)] = counts.get(_lemma(token), 0) + 1
    best = max(counts.items(), key=lambda item: item[1], default=None)
    if best is None or best[1] < 2 or best[1] < 0.5 * sum(counts.values()):
        return None  # an article about several incidents ("the offensive", "the war", "the attack") has no main one
    return best[0]


def _article_event(doc: Doc, lemma: str, at: int) -> tuple[int, int] | None:
    """The mention of the article's main event nearest to the figure, in its sentence or before it."""
    sentence = doc[at].sent
    mentions = [t for t in doc if t.pos_ == "NOUN" and _lemma(t) == lemma and t.i < sentence.end]
    if not mentions:
        return None
    token = min(mentions, key=lambda t: (not (sentence.start <= t.i), abs(t.i - at)))
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head
    return _phrase(token)


def _figure_quantity(doc: Doc, sentence: SpacySpan, figure: Figure, published: date | None,
                     figures: list[tuple[int, int]], money: _MoneyContext,
                     article_event: str | None = None) -> tuple[Quantity, SpacySpan, float] | None:
    if _is_weight(doc, figure):
        written = doc.text[figure.number_start : figure.end]
        end = figure.number_start + len(written[: written.lower().rfind("pound")].rstrip())
        figure = replace(figure, end=end, currency=None, currency_written=None, unit=None, alternatives=())
    located = _in_currency(figure, money)
    if located is None:
        return None
    figure = located
    number = doc.char_span(figure.number_start, figure.end, alignment_mode="expand")
    if number is None:
        return None
    age = age_of(number) if figure.unit is None and figure.change is None else None
    if age is not None:
        return _age_quantity(doc, figure, age, sentence)
    if figure.time_phrase:
        return None  # "three years later", "two or three years ago", "a decade on"
    if number.start > 0 and doc[number.start - 1].lower_ == "day" and figure.qualifier is None \
            and figure.value is not None and figure.unit is None:
        return _day_rank(doc, figure, sentence)  # "Day six of the Greek youth revolt"
    if _is_label_or_date(doc, number, figure, doc.text) or _is_loose_share(doc.text, figure):
        return None
    if _is_preposition(number, figure, doc):
        # Re-read the bare number: the qualifier window now starts at the number, so the default rule applies.
        plain = find_figures(doc.text[figure.number_start : figure.end])[0]
        figure = replace(figure, start=figure.number_start, value=plain.value, low=plain.low, high=plain.high,
                         low_inclusive=plain.low_inclusive, high_inclusive=plain.high_inclusive, qualifier=None)
    measured = _measure(doc, number, figure)
    if measured is None or _is_determiner(number, figure, measured):
        return None
    written = doc.char_span(figure.start, figure.end, alignment_mode="expand") or number
    if figure.qualifier is not None and figure.text_end and figure.change is None:
        # "$3million or more [apiece]": the words of a qualifier after the figure are part of what is written
        written = doc.char_span(figure.start, figure.text_end, alignment_mode="expand") or written
    modified = modified_noun(written)
    # "a 52-count complaint", "a two-party basis": a hyphenated figure describes the noun it modifies, not an event
    # of its clause (unless that noun is the event: "a six-week war")
    describes_item = modified is not None and not _is_event(modified) and measured.measure not in VICTIM_MEASURES
    event = None if describes_item else _event(doc, measured, written)  # never a word of the figure
    if event is not None:
        event = _resolve_possessive(doc, sentence, *event)
        if event[1] <= event[0]:
            event = None
    named = None
    if event is not None and measured.measure != "duration" and not _names_an_event(doc[event[0]:event[1]]):
        # "The Red Sox offered more than $240m", "Pirates hold about a dozen ships": the clause's subject is who the
        # figure is about, not an event; it becomes the figure's subject (never a country or a place)
        named, event = doc[event[0]:event[1]], None
        if measured.measure == "count" and (named.root.dep_ not in ("nsubj", "nsubjpass") or
                                            measured.nominal.dep_ in ("nsubj", "nsubjpass")):
            # a count of things no measure names is described by its own syntax only: the object of its verb is
            # not what "Three sources told Reuters" or "two men robbed the bank" counts
            named = None
    clause = _clause(number, sentence)
    basis = "syntax"
    if event is None and measured.measure not in ("duration", "money") and not describes_item:
        # no event in the figure's own syntax: the event noun of its clause ("turnout reached 93.87 percent in the
        # election"), else, for what happened to people, the article's main event ("two were wounded" in a story
        # about a shooting); a subject named instead is kept only when the clause names no event. Money is left to
        # its own syntax: an amount is a price, a debt or a deal's worth more often than the cost of an incident
        inside = {t.i for t in measured.nominal.subtree} | {t.i for t in written}
        event, basis = _clause_event(doc, clause, inside), "clause"
        if event is None and measured.measure in ARTICLE_EVENT_MEASURES and article_event is not None:
            event, basis = _article_event(doc, article_event, written.start), "article"
        if event is not None or measured.measure in VICTIM_MEASURES:
            named = None  # "police said one was dead": the police are not what the figure describes
    scope = scope_of(written)
    if measured.unit in lexicon().physical and scope == "total" and not _of_follows(measured.counted):
        scope = "attribute"  # "6-feet tall", "about 40 miles north of Anchorage"; not "100,000 pounds of cheese"
    if scope == "part" and measured.measure == "percentage":
        scope = "total"  # "a third of those with jobs": a share is the whole of what it says
    if scope == "total" and measured.measure == "duration" and event is None and _term_of_item(measured.counted):
        scope = "attribute"  # "six weeks of paid leave": the term of an item, not the length of an event
    if scope == "attribute" and measured.measure == "duration" and event is not None:
        scope = "total"  # "a six-week war", "a 10-day strike": the length of an event is its total, not a property
    event_span = Span(doc[event[0]].idx, doc[event[1] - 1].idx + len(doc[event[1] - 1])) if event else None
    quantity = Quantity(
        measure=measured.measure, low=figure.low, high=figure.high, low_inclusive=figure.low_inclusive,
        high_inclusive=figure.high_inclusive, span=Span(figure.start, figure.text_end or figure.end),
        qualifier=figure.qualifier, counted=measured.counted.text if measured.counted is not None else None,
        unit=measured.unit or figure.unit, point=figure.value,
        event=event_span.of(doc.text) if event_span else None, event_span=event_span,
        event_time=_event_time(doc, event, clause, figures, published),
        currency=figure.currency if measured.measure == "money" else None,
        alternatives=tuple(_alternative(a) for a in figure.alternatives) if measured.measure == "money" else (),
        change=figure.change, change_from=figure.change_from, scope=scope,
        **_described(written, event_span, named, measured.measure == "duration"))
    confidence = 0.8 if measured.predicate is not None else 0.5 if measured.counted is not None and \
        lexicon().nouns.get(_lemma(measured.counted), ("", False))[1] else 0.7
    if event is not None and basis == "article":
        confidence -= 0.2  # tied to the article's main event, not by its own sentence
    return quantity, clause, confidence


def _shared_qualifiers(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """A qualifier before two figures joined by "and" bounds both ("averaged more than 30 home runs and 100 RBIs",
    "more than $38million and $23 million, respectively"), when only nouns stand between them; not "more than 200
    killed and 30 injured"."""
    shared = list(figures)
    for index in range(1, len(shared)):
        first, second = shared[index - 1], shared[index]
        if second.qualifier is not None or first.qualifier is None or second.value is None \
                or first.change is not None or second.change is not None \
                or rules().get(first.qualifier, None) is None or rules()[first.qualifier].kind != "qualifier":
            continue
        gap = doc.char_span(first.text_end or first.end, second.start, alignment_mode="expand")
        if gap is None or not len(gap) or gap[-1].lower_ != "and" \
                or not all(t.pos_ in ("NOUN", "PROPN") for t in gap[:-1]):
            continue
        again = find_figures(f"{first.qualifier} {doc.text[second.number_start : second.end]}")
        if len(again) != 1 or again[0].qualifier != first.qualifier:
            continue
        shared[index] = replace(second, low=again[0].low, high=again[0].high, low_inclusive=again[0].low_inclusive,
                                high_inclusive=again[0].high_inclusive, qualifier=first.qualifier)
    return shared


def extract_quantities(doc: Doc, article: Article, attributed: Sequence[Claim]) -> list[Claim]:
    """Every figure in ``doc`` with a known measure, as a claim of whoever put it forward (else the narrator)."""
    published = parse_iso(article.published)
    by_sentence = [(sentence, [figure.shifted(sentence.start_char) for figure in find_figures(sentence.text)])
                   for sentence in doc.sents]
    money = _money_context(doc, [figure for _, found in by_sentence for figure in found])
    article_event = main_event(doc)
    claims: list[Claim] = []
    for sentence, found in by_sentence:
        found = _shared_qualifiers(doc, found)
        spans = [(f.number_start, f.end) for f in found]
        made = [m for m in (_figure_quantity(doc, sentence, figure, published, spans, money, article_event)
                            for figure in found) if m is not None]
        taken = [(f.start, f.text_end or f.end) for f in found]
        made += [(quantity, _clause(doc[token.i : token.i + 1], sentence), 0.6)
                 for quantity, token in rank_quantities(sentence, taken)]
        for quantity, clause, confidence in sorted(made, key=lambda m: m[0].span.start):
            sentence_span = Span(sentence.start_char, sentence.end_char)
            content = Span(clause.start_char, clause.end_char)
            holder = _holder(attributed, quantity.span.start, quantity.span.end)
            if holder is not None:
                claim, part = holder
                content = Span(max(content.start, part.start), min(content.end, part.end))
                claims.append(Claim(claimant=claim.claimant, stance=claim.stance, content=(content,),
                                    sentence=sentence_span, cue=claim.cue, direct_quote=claim.direct_quote,
                                    confidence=confidence, quantity=quantity, about=claim.about,
                                    extractor="quantities"))
            else:
                claims.append(Claim(claimant=_narrator(article), stance="assert", content=(content,),
                                    sentence=sentence_span, cue=None, narrator=True, confidence=confidence,
                                    quantity=quantity, extractor="quantities"))
    return claims
