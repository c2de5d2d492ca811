"""What a figure measures: the event its syntax names ("The 2020 war killed over 6,700 people", "44 days of fighting",
"the death toll of the shelling"), else the event noun of its clause or the article's main event, as a token range;
and the time that event refers to (kg.dates.resolve_time).
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.dates import resolve_time
from kg.extract.measures import Measured, is_event, lemma_of, measure_lexicon

#: Prepositions that tie a figure's noun phrase to the event it counts in: "40 dead in the attack", "turnout of 93
#: percent in the election", "injuries during the protest".
_EVENT_PREPOSITIONS = frozenset({"in", "during", "from", "at"})


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


def subject_child(verb: Token) -> Token | None:
    """The verb's subject. Of two, where the parser read a description and the name after it as two subjects ("An
    outstanding defensive player, Cheeks played"), the name; otherwise the first."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        first = subjects[0]
        comma = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
        named = next((s for s in subjects[1:] if s.pos_ == "PROPN" and comma is not None and comma.text == ","
                      and s.left_edge.i == comma.i + 1), None)
        return named or first
    return subjects[0] if subjects else None


def _subject(verb: Token) -> Token | None:
    while True:
        subject = subject_child(verb)
        if subject is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "The 2020 war killed over 6,700 people" parsed as a noun phrase with a participle
        if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
            # "Violence has wracked Greece, ... leaving at least 70 people injured": an event that is the main
            # clause's subject did what its participle says; a person or a force there is an agent, not an event
            # ("Indian naval forces came to the rescue ..., capturing 23 of the raiders")
            main = _subject(verb.head)
            return main if main is not None and is_event(main) else None
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
    first_event = next((t for t in doc[start:end] if lemma_of(t) in measure_lexicon().events), None)
    if relcl is None and first_event is not None and lemma_of(noun) not in measure_lexicon().events:
        end = first_event.i + 1  # misparse "the offensive targeted critical infrastructure" -> "the offensive"
    return start, end


def _duration_event(unit: Token) -> tuple[int, int] | None:
    """The event a duration is the length of: "44 days of fighting", "a six-week war", "a blockade ... for the last 10
    months", "the strike lasted 10 days". None for any other duration ("a 20-year veteran", "died over 30 years",
    "sentenced to 10 years"): it is no figure here."""
    if unit.dep_ in ("compound", "amod", "npadvmod", "nmod") and unit.head.pos_ == "NOUN" and is_event(unit.head):
        return _phrase(unit.head)  # "a six-week war with Armenia", "a 10-day strike"
    for child in unit.children:
        target = next((c for c in child.children if c.dep_ == "pobj"), None) if child.lower_ == "of" else None
        if child.dep_ == "prep" and target is not None and is_event(target):
            # "44 days of fighting that began in late September"
            return _phrase(unit, keep=next((c for c in unit.subtree if c.dep_ == "relcl"), None))
    subject = None
    if unit.dep_ == "pobj" and unit.head.lower_ == "for":
        # "a blockade ... deprived Nagorno-Karabakh of supplies for the last 10 months"
        verb = unit.head.head if unit.head.head.pos_ in ("VERB", "AUX") else None
        subject = _subject(verb) if verb is not None else None
        if subject is None:  # the parse hung "for" on a noun: the last subject before it in the sentence
            subject = next((t for t in reversed(unit.doc[unit.sent.start : unit.head.i]) if t.dep_ == "nsubj"), None)
    elif unit.dep_ in ("npadvmod", "dobj", "attr") and lemma_of(unit.head) in ("last", "continue", "drag"):
        subject = _subject(unit.head)  # "the strike lasted 10 days"
    if subject is not None and is_event(subject):
        return _phrase(subject)
    return None


def figure_tokens_and_list(nominal: Token, figure_tokens: SpacySpan) -> set[int]:
    """The figure's own words and noun phrase, with the list it is one item of: "seized seven AK-47 assault rifles,
    two other rifles and 13 magazines" names no event in "assault rifles" for "two"."""
    head = nominal
    while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "NUM"):
        head = head.head
    return {t.i for t in nominal.subtree} | {t.i for t in figure_tokens} | (
        {t.i for t in head.subtree} if head != nominal or any(c.dep_ == "conj" for c in nominal.children) else set())


#: Measures of what happened to people in an incident: a figure of these counts an event, never describes a subject.
VICTIM_MEASURES = frozenset({"deaths", "injuries", "casualties", "displaced", "arrests", "missing"})


def figure_event(doc: Doc, measured: Measured, figure_tokens: SpacySpan) -> tuple[int, int] | None:
    lex = measure_lexicon()
    inside = figure_tokens_and_list(measured.nominal, figure_tokens)
    if measured.measure == "duration":
        return _duration_event(measured.counted) if measured.counted is not None else None
    counted = measured.counted
    of_event = next((c for c in counted.children if c.dep_ == "prep" and c.lower_ == "of"), None) \
        if counted is not None and counted.i not in inside else None
    for target in (of_event.children if of_event is not None else ()):
        if target.dep_ == "pobj" and lemma_of(target) in lex.events:
            return _phrase(target)  # "the death toll of the shelling"
    # "93.87 percent in the election", "deaths during the offensive": an event the figure's own noun phrase names
    for preposition in (c for c in measured.nominal.children if c.dep_ == "prep" and c.lower_ in _EVENT_PREPOSITIONS):
        target = next((c for c in preposition.children if c.dep_ == "pobj"), None)
        if target is not None and target.pos_ == "NOUN" and lemma_of(target) in lex.events:
            return _phrase(target)
    verb = measured.predicate if measured.predicate is not None and measured.predicate.pos_ in ("VERB", "AUX") \
        else next((a for a in measured.nominal.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    if measured.predicate is not None and verb.dep_ == "acl" and verb.head == measured.nominal:
        verb = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb)  # "left 5,600 people killed"
    if measured.predicate is None and _undergoes(measured.nominal, verb) and is_event_verb(verb):
        return verb.i, verb.i + 1  # "suspected of shooting three people", "three boats were attacked"
    found = _subject_event(doc, verb, inside)
    if found is not None:
        return found
    # No usable subject: an event noun elsewhere in the clause ("to escape the offensive", "in a large protest").
    for token in verb.subtree:  # of this verb, not of a clause it governs ("Two of the sources said ... the meeting")
        if token.i not in inside and lemma_of(token) in lex.events and token.pos_ in ("NOUN", "PROPN") \
                and not _in_reported_clause(token, verb) \
                and (measured.measure in VICTIM_MEASURES or not _in_subordinate_clause(token, verb)):
            while token.dep_ == "compound":
                token = token.head
            return _phrase(token)
    # "an attack ... that left three servicemen wounded": the clause above, if its subject is an event.
    if verb.dep_ in ("ccomp", "oprd", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        above = _subject_event(doc, verb.head, inside)
        if above is not None and any(lemma_of(t) in lex.events for t in doc[above[0] : above[1]]):
            return above
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in inside
                and not inside & {t.i for t in c.subtree}), None)  # not the list the figure is in
    return _phrase(obj) if obj is not None else None  # "have signed its founding charter"


#: Verbs whose noun is an event word but whose common sense is another: "fired Jim O'Brien", "operates 42
#: aircraft", "talked to three people", "demonstrated two features", "rallied 3 percent".
_OTHER_SENSE_VERBS = frozenset({"fire", "operate", "talk", "demonstrate", "rally"})


def is_event_verb(verb: Token) -> bool:
    """A verb that names a happening of the kind the measures lexicon lists as event nouns: the noun itself ("attack",
    "raid", "protest", "crash") or its regular derivation ("shoot" -> "shooting", "stab" -> "stabbing", "occupy" ->
    "occupation", "erupt" -> "eruption", "bombard" -> "bombardment"). Predicates of a measure ("killed", "arrested",
    "fled") say what happened to the counted people, not which event it was, and are never events here."""
    lemma = lemma_of(verb)
    lex = measure_lexicon()
    if verb.pos_ != "VERB" or lemma in lex.verbs or lemma in _OTHER_SENSE_VERBS or len(lemma) < 3:
        return False
    forms = {lemma, lemma + "ing", lemma + lemma[-1] + "ing", lemma + "ion", lemma + "ment", lemma[:-1] + "ion",
             lemma[:-1] + "ation", lemma + "ation"}
    return bool(forms & lex.events)


def _undergoes(nominal: Token, verb: Token) -> bool:
    """The figure's noun phrase is what ``verb`` is done to: its object or passive subject, or a conjunct of one
    ("shooting three people", "three boats were raided", "attacked two ships and three boats")."""
    while nominal.dep_ == "conj" and nominal.head != verb:
        nominal = nominal.head
    return nominal.head == verb and nominal.dep_ in ("dobj", "nsubjpass")


def event_after_of(token: Token) -> tuple[int, int] | None:
    """The event named right after ``token`` through "of": "day six [of the Greek youth revolt]", "day 100 of the
    war"; None when what follows "of" names no event."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of":
        return None
    target = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
    if target is None or target.pos_ not in ("NOUN", "PROPN") or not is_event(target):
        return None
    return _phrase(target)


def resolve_possessive(doc: Doc, sentence: SpacySpan, start: int, end: int) -> tuple[int, int]:
    """"its founding charter" names nothing: use the nearest earlier object or subject naming something in the
    sentence ("Since Trump launched the Board of Peace ..., at least 19 countries have signed its founding charter")."""
    if doc[start].lower_ not in ("its", "their"):
        return start, end
    for token in reversed(doc[sentence.start : start]):
        if token.dep_ in ("dobj", "nsubj") and token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "DATE"):
            return _phrase(token)
    return start, end


def names_an_event(phrase: SpacySpan) -> bool:
    """An event is named by an event word ("the offensive", "Saturday's shooting", "the deal"), not by who took
    part in it ("the Orioles", "Pirates", "Alaska Gov. Sarah Palin")."""
    return any(is_event(token) for token in phrase) or phrase.root.pos_ == "VERB"


#: Dependencies of a clause inside another: "worship [after a fire destroyed the church]", "sent experts [to
#: monitor the poll]", "schools remain occupied [after the strike shut down the country]". Not an open complement,
#: which shares its subject: "2.5 million people were eligible [to vote in the election]".
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "ccomp", "pcomp", "csubj", "parataxis"})


def clause_event(doc: Doc, clause: SpacySpan, inside: set[int], victims: bool = True) -> tuple[int, int] | None:
    """The event noun of the figure's clause nearest to it ("turnout reached 93.87 percent in the election"). Only
    for ``victims`` (the dead, the injured: "three died [after the attack]") may it stand in a clause inside the
    figure's own: "up to 1,000 parishioners will worship [after a fire destroyed the church]" does not count fire."""
    anchor = min(inside)
    verb = _nearest_verb(clause.doc[anchor])
    # an event noun of the figure's own verb, not one inside a clause it governs ("Two of the sources said ... on
    # the sidelines of the meeting")
    candidates = [t for t in clause if t.i not in inside and t.pos_ == "NOUN" and is_event(t)
                  and (verb is None or not _in_reported_clause(t, verb))
                  and (victims or not _in_subordinate_clause(t, clause.root))]
    if not candidates:
        return None
    token = min(candidates, key=lambda t: abs(t.i - anchor))
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head
    return _phrase(token)


def _in_subordinate_clause(token: Token, root: Token) -> bool:
    """``token`` stands in a clause below ``root``'s own (its way up to ``root`` passes a subordinate clause's verb)."""
    for ancestor in token.ancestors:
        if ancestor == root:
            return False
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ in _SUBORDINATE:
            return True
    return False


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
        if token.pos_ == "NOUN" and is_event(token):
            counts[lemma_of(token)] = counts.get(lemma_of(token), 0) + 1
    best = max(counts.items(), key=lambda item: item[1], default=None)
    if best is None or best[1] < 2 or best[1] < 0.5 * sum(counts.values()):
        return None  # an article about several incidents ("the offensive", "the war", "the attack") has no main one
    return best[0]


def main_event_mention(doc: Doc, lemma: str, at: int) -> tuple[int, int] | None:
    """The mention of the article's main event nearest to the figure, in its sentence or before it."""
    sentence = doc[at].sent
    mentions = [t for t in doc if t.pos_ == "NOUN" and lemma_of(t) == lemma and t.i < sentence.end]
    if not mentions:
        return None
    token = min(mentions, key=lambda t: (not (sentence.start <= t.i), abs(t.i - at)))
    while token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head
    return _phrase(token)


def event_time(doc: Doc, event: tuple[int, int] | None, clause: SpacySpan, figures: list[tuple[int, int]],
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
