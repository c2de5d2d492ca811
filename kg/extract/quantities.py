"""Numeric claims: each figure in a parsed article becomes a Claim whose Quantity is an interval tied to what it
measures.

``Mirzoyan said the offensive ... killed more than 200 people`` gives deaths in (200, inf) of "the offensive", claimed
by Mirzoyan; ``The 2020 war killed over 6,700 people.`` gives the narrator's deaths in (6700, inf) of "The 2020 war".
Figures come from :mod:`kg.extract.numbers` (bounds from data/qualifiers.tsv); the measure comes from the predicate
or the counted noun (data/measures.tsv); a figure with no known measure is dropped, which is what keeps years,
page counts, "20-point plan" and "two villages" out. Money carries its ISO 4217 currency, read with the article's
countries (:mod:`kg.extract.currency`: "24.2 trillion pesos" in an article about Colombia is COP) and dropped when the
text does not say which; conversions in brackets are alternatives of one figure. Differences ("230 fewer", "up 11%",
"from £79.60 to £105.45") are kept as changes. Time phrases ("three years later") are never figures, and a duration
is one only when it is the length of an event ("44 days of fighting", "a 10-day strike"). A figure of what will,
would or could be ("up to 10,000 jobs could be lost") is a forecast: its claim predicts (:mod:`kg.extract.mood`).

This module ties the parts together, per figure: whether it is one (:mod:`kg.extract.not_figures`), what it counts
(:mod:`kg.extract.measures`), what it measures and when (:mod:`kg.extract.measured_events`), what it covers and
describes (:mod:`kg.extract.identity`), and who puts it forward.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg import geo
from kg.dates import parse_iso
from kg.extract import currency
from kg.extract.identity import (PENALTY_VERBS, Age, age_of, clause_subject_of, hypothetical_figure, modified_noun,
                                 priced_term, scope_of, subject_of)
from kg.extract.measured_events import (VICTIM_MEASURES, clause_event, event_after_of, event_time, figure_event,
                                        figure_tokens_and_list, main_event, main_event_mention, names_an_event,
                                        resolve_possessive)
from kg.extract.measures import is_event, is_unit, lemma_of, measure_lexicon, measure_of
from kg.extract.not_figures import (is_determiner, is_label_or_date, is_loose_share, is_weight,
                                    qualifier_is_preposition)
from kg.extract.numbers import Figure, find_figures, rules
from kg.extract.ranks import rank_quantities
from kg.namespaces import FACTUAL_STANCES
from kg.types import Article, Claim, Mention, Quantity, Span

CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis", "xcomp"})


def _coordinated_with(token: Token | None, other: Token) -> bool:
    """``token`` is a conjunct of ``other`` ("Palin, her husband and 1,000 parishioners": the parser may hang the
    list on an apposition); a figure in apposition itself restates its subject ("the money -- $500.8 million --")."""
    if token is None or token.dep_ != "conj":
        return False
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
        if token == other:
            return True
    return False


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
               duration: bool = False, money: bool = False, victims: bool = False) -> dict[str, object]:
    """The entity the figure describes, only when it measures no event (issue 16: one or the other): from the
    figure's own syntax (kg.extract.identity), else the clause's subject when that names someone or something. A
    count of victims with no event keeps none: "police said one was dead" does not describe the police."""
    if event_span is not None:
        return {}
    found = subject_of(written, duration, money)
    if found is not None and not _names_a_subject(written.doc, found[1]):
        found = None
    if found is None and named is not None and named.root.ent_type_ not in ("GPE", "NORP", "LOC") \
            and geo.country_of(named.text) is None and named.root.pos_ != "PRON":
        found = named.text, Span(named.start_char, named.end_char)
    if found is None and not victims:
        found = clause_subject_of(written)  # nothing closer: who or what the clause is about
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
    return not is_unit(phrase.root)


def _day_rank(doc: Doc, figure: Figure, sentence: SpacySpan) -> tuple[Quantity, SpacySpan, float]:
    """"Day six of the revolt", "day 100 of the war": the place of a day in a sequence, a rank (never compared)."""
    number = doc.char_span(figure.number_start, figure.end, alignment_mode="expand")
    start = doc[number.start - 1].idx
    event = event_after_of(number[-1])
    event_span = Span(doc[event[0]].idx, doc[event[1] - 1].idx + len(doc[event[1] - 1])) if event else None
    quantity = Quantity(measure="rank", low=figure.value, high=figure.value, low_inclusive=True, high_inclusive=True,
                        span=Span(start, figure.end), counted="day", point=figure.value,
                        event=event_span.of(doc.text) if event_span else None, event_span=event_span)
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
        and not is_event(target) and lemma_of(target) not in CONTEST_PARTS


def _penalty_term(unit: Token | None) -> bool:
    """The duration is the term of a penalty: the object of a verb of penalty, or after its "to" or "for"."""
    if unit is None:
        return False
    verb = unit.head.head if unit.dep_ == "pobj" and unit.head.lower_ in ("to", "for") else \
        unit.head if unit.dep_ in ("dobj", "npadvmod") else None
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in PENALTY_VERBS


def _of_follows(token: Token | None) -> bool:
    return token is not None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of"


#: Victims of the article's main event when their sentence names none; not arrests or the displaced, which follow
#: from acts of their own (arrests at the protests after a shooting, flight from a war's front).
ARTICLE_EVENT_MEASURES = frozenset({"deaths", "injuries", "casualties", "missing"})


def _figure_quantity(doc: Doc, sentence: SpacySpan, figure: Figure, published: date | None,
                     figures: list[tuple[int, int]], money: _MoneyContext,
                     article_event: str | None = None) -> tuple[Quantity, SpacySpan, float] | None:
    if is_weight(doc, figure):
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
    if is_label_or_date(doc, number, figure, doc.text) or is_loose_share(doc.text, figure):
        return None
    if qualifier_is_preposition(number, figure, doc):
        # Re-read the bare number: the qualifier window now starts at the number, so the default rule applies.
        plain = find_figures(doc.text[figure.number_start : figure.end])[0]
        figure = replace(figure, start=figure.number_start, value=plain.value, low=plain.low, high=plain.high,
                         low_inclusive=plain.low_inclusive, high_inclusive=plain.high_inclusive, qualifier=None)
    measured = measure_of(doc, number, figure)
    if measured is None or is_determiner(number, figure, measured):
        return None
    written = doc.char_span(figure.start, figure.end, alignment_mode="expand") or number
    if figure.qualifier is not None and figure.text_end and figure.change is None:
        # "$3million or more [apiece]": the words of a qualifier after the figure are part of what is written
        written = doc.char_span(figure.start, figure.text_end, alignment_mode="expand") or written
    modified = modified_noun(written)
    # "a 52-count complaint", "a two-party basis": a hyphenated figure describes the noun it modifies, not an event
    # of its clause (unless that noun is the event: "a six-week war")
    describes_item = modified is not None and not is_event(modified) and measured.measure not in VICTIM_MEASURES
    event = None if describes_item else figure_event(doc, measured, written)  # never a word of the figure
    if event is not None:
        event = resolve_possessive(doc, sentence, *event)
        if event[1] <= event[0]:
            event = None
    named = None
    if event is not None and measured.measure != "duration" and not names_an_event(doc[event[0]:event[1]]):
        # "The Red Sox offered more than $240m", "Pirates hold about a dozen ships": the clause's subject is who the
        # figure is about, not an event; it becomes the figure's subject (never a country or a place)
        named, event = doc[event[0]:event[1]], None
        if _coordinated_with(measured.nominal, named.root):
            named = None  # "Sarah Palin, her husband and up to 1,000 parishioners": the figure is one of the subjects
        elif measured.measure == "count" and (named.root.dep_ not in ("nsubj", "nsubjpass") or
                                              measured.nominal.dep_ in ("nsubj", "nsubjpass")):
            # a count of things no measure names is described by its own syntax only: the object of its verb is
            # not what "Three sources told Reuters" or "two men robbed the bank" counts
            named = None
        elif measured.nominal.dep_ in ("nsubj", "nsubjpass") and named.root.dep_ in ("dobj", "attr", "oprd"):
            # what the counted do something to does not describe them: "Nearly 5,000 protesters surprised
            # officials", "About 300 workers occupied the factory"
            named = None
    clause = _clause(number, sentence)
    basis = "syntax"
    if event is None and measured.measure not in ("duration", "money") and not describes_item:
        # no event in the figure's own syntax: the event noun of its clause ("turnout reached 93.87 percent in the
        # election"), else, for what happened to people, the article's main event ("two were wounded" in a story
        # about a shooting); a subject named instead is kept only when the clause names no event. Money is left to
        # its own syntax: an amount is a price, a debt or a deal's worth more often than the cost of an incident
        inside = figure_tokens_and_list(measured.nominal, written)
        event, basis = clause_event(doc, clause, inside, measured.measure in VICTIM_MEASURES), "clause"
        if event is None and measured.measure in ARTICLE_EVENT_MEASURES and article_event is not None:
            event, basis = main_event_mention(doc, article_event, written.start), "article"
        if event is not None or measured.measure in VICTIM_MEASURES:
            named = None  # "police said one was dead": the police are not what the figure describes
    scope = scope_of(written)
    if measured.unit in measure_lexicon().physical and scope == "total" and not _of_follows(measured.counted):
        scope = "attribute"  # "6-feet tall", "about 40 miles north of Anchorage"; not "100,000 pounds of cheese"
    if scope == "part" and measured.measure == "percentage":
        scope = "total"  # "a third of those with jobs": a share is the whole of what it says
    if scope == "total" and measured.measure == "duration" and event is None and measured.counted is not None \
            and (_term_of_item(measured.counted) or priced_term(measured.counted)):
        scope = "attribute"  # "six weeks of paid leave", "(seven years, $150m)": the term of an item, not an event's
    penalty = measured.measure == "duration" and _penalty_term(measured.counted)
    if penalty:
        scope = "attribute"  # "sentenced to 10 years for the murder": the term of a penalty, not the murder's length
    if scope == "attribute" and measured.measure == "duration" and event is not None and not penalty:
        scope = "total"  # "a six-week war", "a 10-day strike": the length of an event is its total, not a property
    event_span = Span(doc[event[0]].idx, doc[event[1] - 1].idx + len(doc[event[1] - 1])) if event else None
    quantity = Quantity(
        measure=measured.measure, low=figure.low, high=figure.high, low_inclusive=figure.low_inclusive,
        high_inclusive=figure.high_inclusive, span=Span(figure.start, figure.text_end or figure.end),
        qualifier=figure.qualifier, counted=measured.counted.text if measured.counted is not None else None,
        unit=measured.unit or figure.unit, point=figure.value,
        event=event_span.of(doc.text) if event_span else None, event_span=event_span,
        event_time=event_time(doc, event, clause, figures, published),
        currency=figure.currency if measured.measure == "money" else None,
        alternatives=tuple(_alternative(a) for a in figure.alternatives) if measured.measure == "money" else (),
        change=figure.change, change_from=figure.change_from, scope=scope,
        **_described(written, event_span, named, measured.measure == "duration", measured.measure == "money",
                     measured.measure in VICTIM_MEASURES))
    confidence = 0.8 if measured.predicate is not None else 0.5 if measured.counted is not None and \
        measure_lexicon().nouns.get(lemma_of(measured.counted), ("", False))[1] else 0.7
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


def _forecast(doc: Doc, quantity: Quantity) -> bool:
    """A figure of what will, would or could be ("Up to 10,000 jobs could be lost", "the toll is expected to rise to
    1,000"): its claim foresees it (stance predict), and it is neither compared nor reconciled as a count. Ages and
    ranks are never compared, so they are left as they are."""
    if quantity.measure in ("age", "rank"):
        return False
    written = doc.char_span(quantity.span.start, quantity.span.end, alignment_mode="expand")
    return written is not None and hypothetical_figure(written)


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
            forecast = _forecast(doc, quantity)
            if holder is not None:
                claim, part = holder
                content = Span(max(content.start, part.start), min(content.end, part.end))
                stance = "predict" if forecast and claim.stance in FACTUAL_STANCES else claim.stance
                claims.append(Claim(claimant=claim.claimant, stance=stance, content=(content,),
                                    sentence=sentence_span, cue=claim.cue, direct_quote=claim.direct_quote,
                                    confidence=confidence, quantity=quantity, about=claim.about,
                                    extractor="quantities"))
            else:
                claims.append(Claim(claimant=_narrator(article), stance="predict" if forecast else "assert",
                                    content=(content,), sentence=sentence_span, cue=None, narrator=True,
                                    confidence=confidence, quantity=quantity, extractor="quantities"))
    return claims
