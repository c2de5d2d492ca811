"""Attributed-claim extraction: real sentence shapes from the sample articles and the claims they must give."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.attribution import extract_attributions
from kg.extract.quotes import find_quotes
from kg.namespaces import STANCES
from kg.types import MENTION_KINDS, Article, Claim


def claims_of(nlp, text: str) -> list[Claim]:
    return extract_attributions(nlp(text), Article(text=text, origin="test"))


def find(claims: list[Claim], text: str, cue: str) -> Claim:
    """The claim whose cue reads ``cue``; fails with the cues that were found."""
    for claim in claims:
        if claim.cue is not None and claim.cue.of(text) == cue:
            return claim
    raise AssertionError(f"no claim with cue {cue!r}; found {[c.cue.of(text) for c in claims if c.cue]}")


# (text, claimant name, cue as written, stance, content starts with)
SHAPES = [
    ("Armenian Foreign Minister Ararat Mirzoyan accused Azerbaijan of an “unprovoked and well-planned military "
     "attack,” launched to coincide with this week’s annual meeting of world leaders.",
     "Ararat Mirzoyan", "accused", "accuse", "Azerbaijan of an"),
    ("Foreign Minister Jeyhun Bayramov spoke to the council on Thursday. "
     "Bayramov strongly denied the allegations of ethnic cleansing.",
     "Jeyhun Bayramov", "denied", "deny", "the allegations of ethnic cleansing"),
    ("“Armenia shouldn’t try to start it all over again,” Aliyev said during a meeting with top diplomats.",
     # a "should" said is a call to act (kg/extract/stance.py): here, to stop
     "Aliyev", "said", "demand", "“Armenia shouldn’t try"),
    ("Russia’s deputy UN ambassador, Dmitry Polyansky, told the council: “We need to develop a gradual roadmap to "
     "integrate the population of Nagorno-Karabakh into the constitutional order of Azerbaijan.”",
     "Dmitry Polyansky", "told", "demand", "“We need to develop"),
    ("Before Pakistan commits to sending troops to Gaza it wants assurances from the United States that it will be "
     "a peacekeeping mission, three sources told Reuters.",
     "three sources", "told", "assert", "Before Pakistan commits"),
    ('"We are ready to send troops. Let me make it clear that our troops could only be part of a peace mission in '
     'Gaza," said one of the sources, a close aide of Sharif.',
     "one of the sources, a close aide of Sharif", "said", "assert", '"We are ready to send troops.'),
    ("A Turkish diplomatic source told Reuters that Fidan, during the talks, would call for determined steps to "
     "resolve the Palestinian issue.",
     # a future act of someone else, reported: a prediction (bench/dev/README.md, "Stance, in detail")
     "A Turkish diplomatic source", "told", "predict", "that Fidan, during the talks"),
    ("In a phone call Thursday with Aliyev, Russian President Vladimir Putin also urged that the rights and security "
     "of the Armenians in Nagorno-Karabakh should be guaranteed, according to the Tass news agency.",
     "Vladimir Putin", "urged", "demand", "that the rights and security"),
    ("In a phone call Thursday with Aliyev, Russian President Vladimir Putin also urged that the rights and security "
     "of the Armenians in Nagorno-Karabakh should be guaranteed, according to the Tass news agency.",
     "the Tass news agency", "according to", "assert", "In a phone call Thursday"),
    ("“Undoubtedly, Karabakh is Azerbaijan’s internal business,” said Kremlin spokesman Dmitry Peskov.",
     "Dmitry Peskov", "said", "assert", "“Undoubtedly, Karabakh"),
    ("French Foreign Minister Catherine Colonna condemned Azerbaijan’s offensive and said it is essential that the "
     "ceasefire is respected.",
     "Catherine Colonna", "condemned", "condemn", "Azerbaijan’s offensive"),
    ("Azerbaijan’s Defense Ministry said in a statement late Saturday that its forces thwarted Armenian "
     "“provocations” and restored the cease-fire.",
     "Azerbaijan’s Defense Ministry", "said", "assert", "that its forces thwarted"),
    ("Azerbaijan’s leader threatened to crush Armenian forces with an “iron fist.”",
     "Azerbaijan’s leader", "threatened", "threaten", "to crush Armenian forces"),
    ("Catherine Colonna met Aliyev. What is at stake, Colonna said, is whether the ethnic Armenians can continue "
     "living there.",
     "Catherine Colonna", "said", "assert", "What is at stake"),
    ("Meanwhile, protesters rallied in Yerevan, demanding that authorities defend Armenians in Nagorno-Karabakh.",
     "protesters", "demanding", "demand", "that authorities defend"),
    # The cue hangs from a preposition: the speaker is the subject of the verb above it.
    ("Trump recently pitched himself to African-Americans by telling them that their lives are about as terrible "
     "as can be.",
     "Trump", "telling", "assert", "that their lives"),
    # A name the tagger cuts short ("[Bill de] Blasio") or reads as content is the source, whole.
    ("Firefighters were injured by an explosion that Mayor Bill de Blasio described as “an intentional act.”",
     "Bill de Blasio", "described", "assert", "as “an intentional act"),
    # A tagged source that starts at the possessive keeps its owner.
    ("Five Russian peacekeepers were killed in the region Wednesday, the Kremlin reported. Azerbaijan's "
     "prosecutor-general's office later said five Russian peacekeepers were shot and killed.",
     "Azerbaijan's prosecutor-general's office", "said", "assert", "five Russian peacekeepers were shot"),
]


@pytest.mark.parametrize(("text", "name", "cue", "stance", "content_start"), SHAPES)
def test_attribution_shapes(nlp, text: str, name: str, cue: str, stance: str, content_start: str) -> None:
    claim = find(claims_of(nlp, text), text, cue)
    assert claim.claimant.name == name
    assert claim.stance == stance
    assert claim.content[0].of(text).startswith(content_start)
    assert claim.extractor.startswith("attribution")


def test_denial_content_is_exactly_what_was_denied(nlp) -> None:
    text = "Foreign Minister Jeyhun Bayramov spoke. Bayramov strongly denied the allegations of ethnic cleansing."
    claim = find(claims_of(nlp, text), text, "denied")
    assert [part.of(text) for part in claim.content] == ["the allegations of ethnic cleansing"]
    assert claim.claimant.span is not None and claim.claimant.span.of(text) == "Bayramov"


def test_role_and_affiliation_from_the_title(nlp) -> None:
    text = ("Armenian Foreign Minister Ararat Mirzoyan accused Azerbaijan of an “unprovoked and well-planned military "
            "attack.”")
    claimant = find(claims_of(nlp, text), text, "accused").claimant
    assert (claimant.kind, claimant.role, claimant.affiliation) == ("person", "Foreign Minister", "Armenia")


def test_appositive_name_with_role(nlp) -> None:
    text = "Russia’s deputy UN ambassador, Dmitry Polyansky, told the council: “We need a gradual roadmap.”"
    claim = find(claims_of(nlp, text), text, "told")
    assert claim.claimant.role == "deputy UN ambassador"
    assert claim.claimant.affiliation == "Russia"
    assert claim.direct_quote


@pytest.mark.parametrize("text", [
    "Before Pakistan commits troops it wants assurances from the United States, three government sources told Reuters.",
    '"We are ready to send troops," said one of the sources, a close aide of Sharif.',
])
def test_anonymous_sources(nlp, text: str) -> None:
    cue = "told" if "told" in text else "said"
    claimant = find(claims_of(nlp, text), text, cue).claimant
    assert claimant.kind == "anonymous"
    assert claimant.name != "Sharif"


def test_nested_attribution_puts_the_subject_in_about(nlp) -> None:
    text = ("A Turkish diplomatic source told Reuters that Fidan, during the talks, would call for determined steps "
            "to resolve the Palestinian issue.")
    claim = find(claims_of(nlp, text), text, "told")
    assert claim.claimant.kind == "anonymous"
    assert "Fidan" in [mention.name for mention in claim.about]


def test_pronoun_resolves_to_nearest_named_speaker(nlp) -> None:
    text = ("Foreign Minister Jeyhun Bayramov addressed the council on Thursday. Bayramov said the offensive was over. "
            "He said the talks with Nagorno-Karabakh will continue.")
    claims = claims_of(nlp, text)
    pronoun = [c for c in claims if c.claimant.span is not None and c.claimant.span.of(text) == "He"]
    assert pronoun, "the 'He said' claim is missing"
    assert pronoun[0].claimant.name == "Jeyhun Bayramov"
    assert pronoun[0].claimant.kind == "person"


def test_a_one_word_name_the_article_calls_she_is_a_person(nlp) -> None:
    # the model tags many one-word foreign names ORG; "Aynur said she had come" says she is a person, so her quote's
    # "she said" is hers and not the last named woman's
    text = ("“We hope for a better future,” Valentina Ivanova, an election official, told reporters. In a village "
            "outside the capital, 25-year-old Aynur said she had come to vote. “I voted for our neighbour,” she said.")
    claims = claims_of(nlp, text)
    last = max(claims, key=lambda c: c.cue.start if c.cue else -1)
    assert (last.claimant.name, last.claimant.kind) == ("Aynur", "person")


def test_a_person_described_by_age_is_the_one_named_near(nlp) -> None:
    # "said the 29-year-old on the eve of ...": the time of the saying is not the speaker, and the age describes the
    # one person the sentences before name
    text = ("Golf champion Maria Sanchez has been made an honorary life member of the European Tour. “I have "
            "goosebumps,” said the 29-year-old on the eve of the final in Madrid.")
    claim = find(claims_of(nlp, text), text, "said")
    assert (claim.claimant.name, claim.claimant.kind) == ("Maria Sanchez", "person")
    alone = "“It was chaos,” said the 45-year-old after the crash."
    assert [c.claimant.name for c in claims_of(nlp, alone)] == ["the 45-year-old"]  # no one to stand for


def test_the_giant_is_the_company_named_before(nlp) -> None:
    # "the oil giant", "the software giant": news calls any large company so
    text = "Shell reported record profits on Thursday. The oil giant said demand would rise next year."
    claim = find(claims_of(nlp, text), text, "said")
    assert (claim.claimant.name, claim.claimant.kind) == ("Shell", "organization")


def test_an_organisation_the_article_calls_it_stays_one(nlp) -> None:
    text = "Yahoo said it would cut 600 jobs. Yahoo said he had resigned on Friday."
    assert {(c.claimant.name, c.claimant.kind) for c in claims_of(nlp, text)} == {("Yahoo", "organization")}


def test_pronoun_after_anonymous_source_stays_anonymous(nlp) -> None:
    text = ('Sharif wants clarity. "We are ready to send troops," said one of the sources, a close aide of Sharif. '
            '"We will not be part of any other role," he said.')
    claims = claims_of(nlp, text)
    last = max(claims, key=lambda c: c.cue.start if c.cue else -1)
    assert last.claimant.span is not None and last.claimant.span.of(text) == "he"
    assert last.claimant.kind == "anonymous"


def test_split_quote_is_one_claim_with_two_parts(nlp) -> None:
    text = ('Zelensky spoke to reporters. "And it is already a compromise on our part," he said. '
            '"We will not give up more."')
    claim = find(claims_of(nlp, text), text, "said")
    parts = [part.of(text) for part in claim.content]
    assert parts == ['"And it is already a compromise on our part,"', '"We will not give up more."']
    assert claim.direct_quote
    assert claim.claimant.name == "Zelensky"


def test_a_following_quote_is_not_taken_by_a_verb_that_is_no_speech(nlp) -> None:
    # the tagger reads "extended" as the cue of the quote before it; a verb that is no speech act owns no quote
    text = ('"I got caught but I\'m OK," Thompson said in the ring. "He\'s strong and he\'s champion for a reason." '
            'Klitschko extended his reign over the division.')
    claim = find(claims_of(nlp, text), text, "said")
    assert [part.of(text) for part in claim.content] == ['"I got caught but I\'m OK,"',
                                                        '"He\'s strong and he\'s champion for a reason."']


def test_quote_split_by_attribution_mid_sentence(nlp) -> None:
    text = '"Today they have the responsibility," Colonna said, "for the fate of the population."'
    claim = find(claims_of(nlp, text), text, "said")
    assert len(claim.content) == 2
    assert claim.content[1].of(text).startswith('"for the fate')


def test_multi_paragraph_quote_continues(nlp) -> None:
    text = ('“The local forces were never strong,” Olesya Vartanyan, an analyst at the International Crisis Group, '
            'told The Associated Press.\n“So it was quite obvious that any military action would lead to defeat.”')
    claim = find(claims_of(nlp, text), text, "told")
    assert claim.claimant.name == "Olesya Vartanyan"
    assert claim.claimant.affiliation == "International Crisis Group"
    assert len(claim.content) == 2


def test_typo_closing_mark_does_not_swallow_the_article(nlp) -> None:
    # From the sample: a closer typed where an opener belongs ('conflict.” It must be ...').
    text = ("“Armenia shouldn’t try to start it all over again,” Aliyev said during a meeting with diplomats who "
            "mediated the conflict.” It must be very cautious.”\nSeparatist officials said the military attacked.")
    claims = claims_of(nlp, text)
    aliyev = find(claims, text, "said")
    assert aliyev.content[0].of(text) == "“Armenia shouldn’t try to start it all over again,”"
    assert any(c.claimant.name == "Separatist officials" for c in claims)


@pytest.mark.parametrize("text", [
    'He said: "this quote never closes. And the article goes on\n\nNext paragraph, Smith said the vote was fair.',
    '"Unopened close" he said." And "more " "',
    '“““ ””” " said',
    "",
    "“",
    'The minister said "',
])
def test_unbalanced_quotes_never_crash(nlp, text: str) -> None:
    for claim in claims_of(nlp, text):
        assert all(0 <= part.start < part.end <= len(text) for part in claim.content)


def test_unclosed_quote_stops_at_its_paragraph(nlp) -> None:
    text = 'Smith said: "this quote never closes.\n\nJones told reporters the vote was fair.'
    claims = claims_of(nlp, text)
    smith = find(claims, text, "said")
    assert "\n" not in smith.content_text(text)
    assert find(claims, text, "told").claimant.name == "Jones"


@pytest.mark.parametrize("text", [
    "“Azerbaijan is acting on its own territory,” said Kremlin spokesman Dmitry Peskov.",
    '"Azerbaijan is acting on its own territory," said Kremlin spokesman Dmitry Peskov.',
    "''Azerbaijan is acting on its own territory,'' said Kremlin spokesman Dmitry Peskov.",
])
def test_curly_straight_and_doubled_apostrophe_quotes(nlp, text: str) -> None:
    claim = find(claims_of(nlp, text), text, "said")
    assert claim.direct_quote
    assert "acting on its own territory" in claim.content_text(text)
    assert claim.claimant.name == "Dmitry Peskov"


def test_claims_are_well_formed_on_a_sample_article(nlp) -> None:
    from kg.resources import resource

    path = resource("data", "samples", "000_1a73df577a7449e6.txt")
    text = path.read_text(encoding="utf-8")
    claims = claims_of(nlp, text)
    assert len(claims) > 40
    for claim in claims:
        assert claim.stance in STANCES
        assert claim.claimant.kind in MENTION_KINDS
        assert 0.0 <= claim.confidence <= 1.0
        assert claim.cue is not None and 0 <= claim.cue.start < claim.cue.end <= len(text)
        assert claim.sentence.start <= claim.content[0].start and claim.content[-1].end <= claim.sentence.end
        assert not claim.narrator
    names = {claim.claimant.name for claim in claims}
    assert {"Ararat Mirzoyan", "Jeyhun Bayramov", "Dmitry Polyansky", "Vladimir Putin"} <= names
    assert "Mirzoyan" not in names  # surname-only mentions carry the full name


def test_doc_must_match_article(nlp) -> None:
    with pytest.raises(ValueError, match="not made from this article"):
        extract_attributions(nlp("One text."), Article(text="Another text.", origin="x.txt"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "“", "”", "''", "'", " said ", " he ", "Smith", ",", ".", "\n", " war ",
                                 " told ", ":", "according to"]), max_size=30))
def test_any_mix_of_quote_marks_is_safe(nlp, pieces: list[str]) -> None:
    text = "".join(pieces)
    quotes = find_quotes(text)
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)
    assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))
    for claim in claims_of(nlp, text):
        assert all(0 <= part.start < part.end <= len(text) for part in claim.content)
        if claim.claimant.span is not None:
            assert 0 <= claim.claimant.span.start < claim.claimant.span.end <= len(text)


def test_tagger_reads_the_parse_without_changing_it(nlp):
    """The span tagger scores the host doc; its BIO labels must never replace the parser's tags."""
    text = "Azerbaijan’s Defense Ministry said in a statement late Saturday that its forces thwarted an attack."
    doc = nlp(text)
    before = [token.tag_ for token in doc]
    claims = extract_attributions(doc, Article(text=text, origin="test"))
    assert [token.tag_ for token in doc] == before
    claim = find(claims, text, "said")
    assert claim.content[0].of(text).startswith("that its forces thwarted")


def test_tagger_links_content_to_the_governing_cue_not_a_nearer_tag(nlp):
    """"said in a statement late Saturday that ...": "Saturday" once got a CUE tag and, being nearer, the content."""
    text = "Azerbaijan’s Defense Ministry said in a statement late Saturday that its forces restored the cease-fire."
    claims = claims_of(nlp, text)
    assert all(claim.cue.of(text) != "Saturday" for claim in claims if claim.cue is not None)


class _FixedPipe:
    """A stand-in tagger pipe whose model gives the same logits for every token."""

    def __init__(self, labels: list[str], logits: list[float]) -> None:
        import numpy

        self.labels = labels
        row = numpy.asarray(logits, dtype="float32")
        self.model = type("Model", (), {"predict": staticmethod(lambda docs: [numpy.tile(row, (len(docs[0]), 1))])})


def test_taggers_average_their_members_probabilities(nlp):
    import numpy

    from kg.extract.attribution_tagger import Taggers

    doc = nlp("He said so.")
    labels = ["O", "B-CUE"]
    sure = Taggers([_FixedPipe(labels, [0.0, 10.0])]).probabilities(doc)
    assert sure.shape == (len(doc), 2) and numpy.allclose(sure.sum(axis=1), 1.0) and sure[0, 1] > 0.99
    split = Taggers([_FixedPipe(labels, [0.0, 10.0]), _FixedPipe(labels, [10.0, 0.0])]).probabilities(doc)
    assert numpy.allclose(split, 0.5, atol=1e-3)
    with pytest.raises(ValueError, match="labels"):
        Taggers([_FixedPipe(labels, [0.0, 1.0]), _FixedPipe(["O", "B-SRC"], [0.0, 1.0])])


@pytest.mark.parametrize("text, name, affiliation", [
    # whose a title is does not speak: the attorney, the spokesman and the lawyer do (issue 15, "wrong mouth")
    ("Lindsay Lohan's attorney said the actress checked into a rehab facility.", "Lindsay Lohan's attorney",
     "Lindsay Lohan"),
    ("Putin's spokesman said the talks had failed.", "Putin's spokesman", "Putin"),
    ("Putin's spokesman Dmitry Peskov said the talks had failed.", "Dmitry Peskov", "Putin"),
    ("Armenia's foreign minister said the offensive killed more than 200 people.", "Armenia's foreign minister",
     "Armenia"),
])
def test_a_possessor_is_not_the_speaker(nlp, text: str, name: str, affiliation: str) -> None:
    claim = find(claims_of(nlp, text), text, "said")
    assert (claim.claimant.name, claim.claimant.affiliation) == (name, affiliation)


def test_the_cues_own_subject_speaks_when_the_tagger_reads_more(nlp) -> None:
    # the tagger's source ran from "m." of a dateline into the subject; the parse's subject of "said" speaks
    text = "Updated 4:08 p.m. ET Lindsay Lohan's attorney said Thursday the actress had checked into a clinic."
    claim = find(claims_of(nlp, text), text, "said")
    assert claim.claimant.name.endswith("Lindsay Lohan's attorney")
