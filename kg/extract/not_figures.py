"""Numbers that are no figures, whatever they count: years, dates, clock times, labels ("Article 5", "World War
Two"), scores ("88-72"), loose shares ("a half-hour show"), weights in pounds, a bare "one" that says "a"; and a
qualifier that is a preposition ("died over 30 years"). kg.extract.quantities asks these before it measures.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.dates import MONTHS, TIME_ZONES, WEEKDAYS
from kg.extract.measures import Measured, is_unit, measure_lexicon
from kg.extract.numbers import Figure, words_to_number

#: Words right before a number that make it a label, not an amount: "Article 5", "page 20", "Flight 370".
LABEL_WORDS = frozenset({"week", "article", "page", "chapter", "section", "paragraph", "no", "no.", "number", "room",
                         "flight", "route", "phase", "level", "class", "resolution", "grade", "category", "round",
                         "game", "episode", "version", "season", "line", "channel", "gate", "terminal", "platform",
                         "step"})


def is_label_or_date(doc: Doc, tokens: SpacySpan, figure: Figure, text: str) -> bool:
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
    if attached and after.text in ("-", "–") and last.i + 2 < len(doc) \
            and doc[last.i + 2].lower_ in measure_lexicon().names:
        return True  # ".38-caliber", "32-bit", "a five-alarm call": names; "a three-step program" is a figure
    if before is not None and before.lower_ in ("the", "these", "those", "both") and figure.kind == "words" \
            and not (after is not None and (is_unit(after) or _victims_word(after))):
        return True  # "the two villages", "the two sides": anaphora for things already counted
    return figure.kind == "words" and value == 1 and first.lower_ == "one" and after is not None \
        and after.lower_ == "of"  # "one of the sources"


#: What happened to people, said by a word before the noun: "the two wounded men", "the three injured workers".
_VICTIM_WORD_MEASURES = frozenset({"deaths", "injuries", "missing"})


def _victims_word(token: Token) -> bool:
    """An adjective or participle of data/measures.tsv's deaths, injuries or missing before a noun: a definite
    "the two wounded men" still counts the wounded (a count of victims is worth keeping, unlike "the two sides")."""
    verbs = measure_lexicon().verbs
    found = verbs.get(token.lower_) or verbs.get(token.lemma_.lower())
    return found is not None and found[0] in _VICTIM_WORD_MEASURES and token.dep_ == "amod" \
        and token.head.pos_ == "NOUN" and token.head.i > token.i


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


#: Words after "half" or "a third" that make it a share of something: "half the milk", "a third of those".
SHARE_FOLLOWERS = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "our", "your", "these", "those",
                             "all", "this", "that"})


def is_loose_share(text: str, figure: Figure) -> bool:
    """A share written in words ("half", "a third") is a figure only before what it is a share of: not "a half-hour
    show", "two and a half years", "the second half of 2012", "a third Boras client"."""
    if figure.kind != "vague" or figure.unit != "percent":
        return False
    after = re.match(r"\s+(\w+)", text[figure.end :])
    before = re.search(r"(\w+)\s*$", text[: figure.number_start])
    if after is None or after[1].lower() not in SHARE_FOLLOWERS:
        return True
    return before is not None and before[1].lower() in ("first", "second", "the", "and", "a", "an")


def is_weight(doc: Doc, figure: Figure) -> bool:
    """"weighing approximately 200 pounds": pounds after a verb of weighing are a weight, not sterling."""
    if figure.currency_written is None or figure.currency_written.lower().rstrip("s") != "pound":
        return False
    start = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    return start is not None and any(token.lemma_.lower() == "weigh" or token.lower_.startswith("weigh")
                                     for token in doc[max(0, start.start - 4) : start.start])


def is_determiner(number: SpacySpan, figure: Figure, measured: Measured) -> bool:
    """A bare "one" says "a": "tell one country", "(or lack of one)", "grow one day at a time", "would one day
    start"; it is a figure only when a predicate counts it ("He shot one man fatally") or a qualifier bounds it."""
    if figure.value != 1 or figure.qualifier is not None or figure.kind != "words" or measured.predicate is not None:
        return False
    return measured.measure != "duration" or measured.counted is None or measured.counted.dep_ == "npadvmod"


def qualifier_is_preposition(tokens: SpacySpan, figure: Figure, doc: Doc) -> bool:
    """"died over 30 years": "over" heads a prepositional phrase here, it does not qualify the number."""
    if figure.qualifier not in ("over", "under", "above", "below"):
        return False  # "about"/"around" + a bare number is approximate even when parsed as a preposition
    word = doc.char_span(figure.start, figure.start + len(figure.qualifier), alignment_mode="expand")
    return word is not None and len(word) == 1 and word[0].dep_ == "prep" and word[0].head not in tokens
