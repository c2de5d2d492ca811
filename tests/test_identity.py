"""A figure's scope and subject from its own syntax (kg/extract/identity.py; issue 16).

Sentences written for these tests in the style of the news the scope rules were seen in; the figure is the first
occurrence of the quoted text.
"""
from __future__ import annotations

import pytest

from kg.extract.identity import age_of, scope_of, subject_of


def figure(nlp, text: str, written: str):
    doc = nlp(text)
    start = text.index(written)
    return doc.char_span(start, start + len(written), alignment_mode="expand")


SCOPES = [
    ("More than 200 people were killed in the offensive.", "More than 200", "total"),
    ("Another four died in hospital on Sunday.", "four", "increment"),
    ("A further 20 soldiers were wounded.", "20", "increment"),
    ("Five more soldiers were killed overnight.", "Five", "increment"),
    ("The board approved an additional $15 million for repairs.", "$15 million", "increment"),
    ("Three others also died in the blast.", "Three", "increment"),
    ("Two of them managed to flee.", "Two", "part"),
    ("Police recovered three of the seven bullets.", "three", "part"),
    ("In July alone, the firm lost $300,000.", "$300,000", "part"),
    ("The officer, a 20-year veteran of the force, was suspended.", "20", "attribute"),
    ("The team made him an eight-year offer.", "eight", "attribute"),
    ("The singer Tara Reid, 33, entered a clinic.", "33", "attribute"),
    ("The striker earns about $4 million a year.", "$4 million", "attribute"),
    ("The pumps move 5,000 gallons per minute.", "5,000", "attribute"),
    ("The four-time champion retired.", "four", "attribute"),
    # an amount for each one of many, and a bound a rule sets, are no total of anything
    ("Each victim received $10,000 in compensation.", "$10,000", "attribute"),
    ("Each side lost about 200 soldiers in the battle.", "200", "attribute"),
    ("Every one of the 300 passengers survived the crash.", "300", "total"),
    ("The offence carries a maximum sentence of 20 years.", "20", "attribute"),
    ("The maximum penalty is 10 years in prison.", "10", "attribute"),
    ("Workers on the minimum wage of £6.50 will get a rise.", "£6.50", "attribute"),
    ("The government set a cap of 10,000 visas.", "10,000", "attribute"),
    ("The company lost $2bn last year.", "$2bn", "total"),
    # the kin of some of those counted are no count of them; the kin of a group named before are of all of it
    ("The parents of two Americans killed in the attacks have filed a lawsuit.", "two", "part"),
    ("The families of 20 victims met the minister on Monday.", "20", "part"),
    ("The families of the two wounded men requested privacy.", "two", "total"),
    # what one of something sells for
    ("The new laptop is priced at $1,299.", "$1,299", "attribute"),
    ("Prices start at $999 for the basic model.", "$999", "attribute"),
    ("The company was sold for $2bn.", "$2bn", "total"),
    # what something can hold is a property of it; what it held is a count
    ("The stadium can hold 60,000 fans.", "60,000", "attribute"),
    ("Police can hold suspects for 28 days without charge.", "28", "attribute"),
    ("The hall held 2,000 people on Saturday.", "2,000", "total"),
    # what a rule or a purpose requires is a threshold, not a count; not across a conjunct
    ("The program requires investors to create at least 10 jobs.", "10", "attribute"),
    ("The law requires companies with more than 50 employees to offer insurance.", "50", "attribute"),
    ("Candidates need at least 15 percent in the polls to qualify for the debates.", "15", "attribute"),
    ("The attack required months of planning and killed 20 people.", "20", "total"),
]


@pytest.mark.parametrize(("text", "written", "scope"), SCOPES)
def test_scope(nlp, text: str, written: str, scope: str) -> None:
    assert scope_of(figure(nlp, text, written)) == scope


SUBJECTS = [
    ("LG Card owes about $12bn to its creditors.", "$12bn", "LG Card"),
    ("The company's 5,000 workers went on strike.", "5,000", "The company"),
    ("The singer Tara Reid, 33, entered a clinic.", "33", "Tara Reid"),
    # an amount describes the thing it is the value of when the text names no holder, and whose thing it is first
    ("Palmer voters in 2010 approved a $3 million bond.", "$3 million", "bond"),
    ("Iran offered a reward of $125,000 for information.", "$125,000", "reward"),
    ("They signed Elton Brand to a five-year deal worth nearly $80 million last summer.", "$80 million", "deal"),
    # the price of what was bought describes what was bought
    ("HP bought EDS for $13.9 billion.", "$13.9 billion", "EDS"),
    ("EDS was bought by HP for $13.9 billion.", "$13.9 billion", "EDS"),
    ("Apple's $14.5 billion tax bill was upheld.", "$14.5 billion", "Apple"),
    # the words around an amount are no thing valued at it
    ("Donations have barreled past the $1billion mark.", "$1billion", None),
    # "it" is the organisation the sentences before name as their subject, and nothing else
    ("Acme Corp said on Monday it would cut jobs. It employs 5,000 people.", "5,000", "Acme Corp"),
    ("The plan was announced by Acme Corp on Monday. It costs $5 million.", "$5 million", None),
    # a country is never the subject by default, nor is the sentence subject of an event
    ("Russia sent nearly 2,000 peacekeepers to the region.", "2,000", None),
    ("Gunmen killed five people at the market.", "five", None),
    # a description in apposition after a name is that name's; not an object the parser hung on a name
    ("The Mysore, a 6,900-tonne destroyer, replaced the Tabar on patrol.", "6,900", "The Mysore"),
    # a figure in brackets after a name is that name's
    ("Bidders are the Baltimore Orioles (seven years, $150 million) and the Red Sox.", "$150 million",
     "the Baltimore Orioles"),
    # ... but a conversion in brackets is not the currency's (and the word in apposition is no crash)
    ("The star was the second best-paid actor in 2004, earning 3.55m Euros (£2.45m) .", "£2.45m", None),
    # a share is a share of the whole named after "of", not of an amount it is compared with
    ("However, 55 percent of respondents said neither party was competent.", "55", "respondents"),
    ("Unemployment there is at least 150 percent of the national average.", "150", None),
    ("Nearly 60 percent of them said no.", "60", None),
]


AGES = [
    # (sentence, figure as written, whose age, as written)
    ("Police said the 16-year-old Kimani Gray was shot.", "16", "Kimani Gray"),
    ("The 30-year-old congregation had moved into its new church.", "30", "congregation"),
    ("He shot Terence Crutcher, a 40-year-old unarmed black man.", "40", "Terence Crutcher"),
    ("Investigators say 59-year old Raj Chohan was hit.", "59", "Raj Chohan"),
    ("The victim, Benjamin David Banky, 40, of Vancouver was gunned down.", "40", "Benjamin David Banky"),
    ("Robert Pitman, 24, is accused of setting fire to the store.", "24", "Robert Pitman"),
    ("The actress died on Thursday at the age of 91, her spokesman said.", "91", "actress"),
    ("Bettie Page, the pin-up, has died at the age of 85 after a heart attack.", "85", "Bettie Page"),
    # a title before a name the parser split off: the name, not the title
    ("The 36-year-old champion Klitschko improved to 58-3.", "36", "Klitschko"),
    ("The 40-year-old American never recovered.", "40", "American"),
    ("Teixeira, who turns 29 on April 11, has averaged 30 home runs.", "29", "Teixeira"),
    ("The former dancer Ann Miller died at 81.", "81", "Ann Miller"),
    # "the 37-year-old" alone: the one person named before it
    ("Brian Nichols was sentenced on Saturday. It is unclear where the 37-year-old will serve time.", "37",
     "Brian Nichols"),
    # stated with "to be" of a person
    ("The crowd sang to his trainer Emanuel Steward, who was 68 on Saturday.", "68", "Emanuel Steward"),
    ("Ann Miller danced in 40 films. She was 81.", "81", "Ann Miller"),
]


@pytest.mark.parametrize(("text", "written"), [
    ("The final score was 3.", "3"),  # no person
    ("It was 85 in the shade.", "85"),
    ("He was 2 under par after the round.", "2"),  # another measure follows
])
def test_no_age_stated(nlp, text: str, written: str) -> None:
    assert age_of(figure(nlp, text, written)) is None


@pytest.mark.parametrize(("text", "written", "subject"), AGES)
def test_age(nlp, text: str, written: str, subject: str | None) -> None:
    from kg.extract.identity import age_of

    age = age_of(figure(nlp, text, written))
    assert age is not None and (age.subject[0] if age.subject else None) == subject
    assert scope_of(figure(nlp, text, written)) == "attribute"


def test_age_of_a_subject_shared_with_the_verb_before(nlp) -> None:
    # the parse of a long sentence in ECB+ 4_2ecb, "Page, the pin-up whose romps ... titillated a generation ..., has
    # died at the age of 85": "died" hangs on "titillated" as its conjunct, so the subject is the one they share
    from spacy.tokens import Doc

    words = ["Page", "whose", "films", "thrilled", "fans", ",", "has", "died", "at", "the", "age", "of", "85", "."]
    heads = [3, 2, 3, 3, 3, 3, 7, 3, 7, 10, 8, 10, 11, 3]
    deps = ["nsubj", "poss", "nsubj", "ROOT", "dobj", "punct", "aux", "conj", "prep", "det", "pobj", "prep", "pobj",
            "punct"]
    pos = ["PROPN", "PRON", "NOUN", "VERB", "NOUN", "PUNCT", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "NUM", "PUNCT"]
    lemmas = ["Page", "whose", "film", "thrill", "fan", ",", "have", "die", "at", "the", "age", "of", "85", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    age = age_of(doc[12:13])
    assert age is not None and age.subject is not None and age.subject[0] == "Page"


@pytest.mark.parametrize("text, written", [
    ("Tara Reid, ³³, entered a clinic.", "³³"),  # superscript digits pass str.isdigit but are no number: no crash
    ("The firm employs 40 people in Vancouver.", "40"),
    ("He lives at 9 Downing Street.", "9"),
    ("Three years later, the company moved to Dublin.", "Three"),
])
def test_not_an_age(nlp, text: str, written: str) -> None:
    from kg.extract.identity import age_of

    assert age_of(figure(nlp, text, written)) is None


@pytest.mark.parametrize(("text", "written", "subject"), SUBJECTS)
def test_subject(nlp, text: str, written: str, subject: str | None) -> None:
    found = subject_of(figure(nlp, text, written), money="$" in written)
    assert (found[0] if found else None) == subject


DURATIONS = [
    # the noun a hyphenated figure modifies, without the figure's unit
    ("The Red Sox made an eight-year offer to Teixeira.", "eight", "offer"),
    ("Inmates are allowed one 15-minute telephone call a month.", "15", "telephone call"),
    ("He was imprisoned on three 10-year sentences.", "10", "sentences"),
    # the subject of the verb a duration is the length of, through a relative pronoun; never a pronoun or a country
    ("DiLeo has spent 19 seasons with the 76ers.", "19", "DiLeo"),
    ("The dictator Saparmurat Niyazov, who ruled Turkmenistan for two decades, died in 2006.", "two",
     "Saparmurat Niyazov"),
    ("He played 15 seasons in the NBA.", "15", None),  # nobody named before "He"
    ("Maurice Cheeks was fired on Saturday. He played 15 seasons in the NBA.", "15", "Maurice Cheeks"),
    # two people named before "he": no guess
    ("Cheeks met Stefanski on Friday. He played 15 seasons in the NBA.", "15", None),
    # ... unless the text kept one of them as the subject of its sentences, the only person its last sentence names
    ("Billy King hired Maurice Cheeks in 2005. Maurice Cheeks was fired on Saturday. He had coached the 76ers. "
     "He played 15 seasons in the NBA.", "15", "Maurice Cheeks"),
    ("Billy King hired Maurice Cheeks in 2005. He played 15 seasons in the NBA.", "15", None),
    ("Russia has occupied the region for eight years.", "eight", None),
]


@pytest.mark.parametrize(("text", "written", "subject"), DURATIONS)
def test_duration_subject(nlp, text: str, written: str, subject: str | None) -> None:
    found = subject_of(figure(nlp, text, written), duration=True)
    assert (found[0] if found else None) == subject


PIPELINE = [
    # (sentence, figure as written, event as written or None, subject or None)
    ("The Red Sox offered more than $240 million for the first baseman.", "more than $240 million", None,
     "The Red Sox"),
    ("The 2020 war killed more than 5,600 people.", "more than 5,600", "The 2020 war", None),
    # a country that is the sentence subject is neither the event nor the subject by default
    ("Russia deployed nearly 2,000 peacekeepers.", "nearly 2,000", None, None),
    # no event in the figure's own syntax: the event noun of its clause
    ("Turnout reached 93.87 percent in the election, officials said.", "93.87 percent", "the election", None),
    # ... and an event the figure's own noun phrase names, when the parse hangs it there
    ("Authorities said turnout reached 93.87 percent in the election.", "93.87 percent", "the election", None),
    ("Police made 12 arrests at the rally on Sunday.", "12", "the rally", None),
    # a description and the name after it, read by the parser as two subjects: the name
    ("An outstanding defensive player, Cheeks played in four All-Star games.", "four", None, "Cheeks"),
    # the day of an event: "day six of the revolt" (a rank, never compared), not "day three of his trip"
    ("Day six of the Greek youth revolt began with riots.", "Day six", "the Greek youth revolt", None),
    ("On day three of his trip, he met the king.", "day three", None, None),
    # what happened to people with no event in its sentence: the article's main event, nearest mention before it;
    # never the clause's subject ("police")
    ("The shooting began at noon. Police said the shooting was random. Police said two were wounded.", "two",
     "the shooting", None),
    # money is left to its own syntax: "the meeting" is not what a contract offer is worth
    ("At the meeting, the Red Sox offer was worth in excess of $160 million.", "in excess of $160 million", None,
     "the Red Sox offer"),
    ("Tom Steyer gave more than $38 million to the groups.", "more than $38 million", None, "Tom Steyer"),
    # the event noun must belong to the figure's own verb, not to a clause that verb governs
    ("Two of the sources said Sharif would meet Trump on the sidelines of the meeting.", "Two", None, None),
    # an article about several incidents has no main event to tie a figure to
    ("The offensive began on Tuesday. The war ended in 2020. The attack on Friday was brief. Five were killed "
     "Wednesday by troops.", "Five", None, None),
    # a hyphenated figure describes the noun it modifies, not the event its clause names
    ("The developers ran a fraudulent scheme, according to a 52-count civil complaint.", "52", None, "complaint"),
    # arrests follow from acts of their own: not tied to the article's main event when their sentence names none
    ("The shooting began at noon. Police said the shooting was random. Police said two were arrested.", "two",
     None, None),
    # the verb the counted noun undergoes, when it names a happening: what the figure counts the victims of
    ("A man suspected of shooting three people was arrested on Monday.", "three", "shooting", None),
    ("Government forces bombarded 12 villages before dawn.", "12", "bombarded", None),
    ("Three boats were raided by the coastguard.", "Three", "raided", None),
    # ... not a predicate of the measure ("arrested" says what happened to them, not in which event), and not a
    # verb whose common sense is no event ("operates", "fired")
    ("Police arrested 12 protesters near the station.", "12", None, None),
    ("The airline operates 42 aircraft on its routes.", "42", None, "The airline"),
    # a participle's figure counts what the main clause's subject did when that subject is an event; a force that
    # acted is no event and not what the figure describes
    ("Violence has wracked the city since Saturday, leaving at least 70 people injured.", "at least 70", "Violence",
     None),
    ("Naval forces came to the rescue of the ship, capturing 23 of the raiders.", "23", None, None),
    # the items listed with a figure are not its event: "assault" of "assault rifles" names none
    ("The rebels had seven AK-47 assault rifles, two other rifles and 13 magazines.", "13", None, "The rebels"),
    # an amount or a time is never what a figure describes
    ("A short time later they evacuated the building, about 15 miles north of Detroit.", "about 15", None, None),
    # an event noun in a clause inside the figure's own counts victims ("three died after a fire destroyed ..."),
    # not people or things that merely share the sentence with it
    ("Up to 1,000 parishioners will worship in a school after a fire destroyed the church.", "Up to 1,000", None,
     None),
    ("Three people died after a fire destroyed the church.", "Three", "a fire", None),
    ("The agency sent eight experts to monitor the election.", "eight", None, "The agency"),
    # a figure that is one of the subjects is not described by the others
    ("The mayor, her husband and up to 1,000 residents will march on Sunday.", "up to 1,000", None, None),
]


@pytest.mark.parametrize(("text", "written", "event", "subject"), PIPELINE)
def test_a_figure_counts_an_event_or_describes_a_subject(nlp, text: str, written: str, event: str | None,
                                                         subject: str | None) -> None:
    from kg.extract import extract
    from kg.types import Article

    [quantity] = [c.quantity for c in extract(nlp(text), Article(text=text, origin="test")).claims
                  if c.quantity is not None and c.quantity.span.of(text) == written]
    assert (quantity.event, quantity.subject) == (event, subject)
