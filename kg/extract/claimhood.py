"""Whether an attribution is a claim: a communication or cognition act, not negated, with a speaker, saying something.

    reason = not_a_claim(doc, frame, lexicon, stance)   # None: a claim

PolNeAR marks as attributions what a reader of claims would not take for something said: actions ("made a
proposal", "ignored the reality"), passives with no speaker ("is expected to speak"), cues negated or refused
("did not deny", "declined to comment"). They stay attributions (``kg extract`` prints them with their reason);
only claims are stored.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.frames import Frame
from kg.extract.lexicon import Lexicon

#: A cue this reliable in PolNeAR train may take a plain noun phrase as what was said ("urged restraint").
SPEECH_ACT_PRECISION = 0.6
#: Curated stances of cues that take what they deny, allege or call for as a plain noun phrase.
CONFRONTATIONAL = ("deny", "accuse", "condemn", "demand", "warn", "threaten")
#: Prepositions that carry the act a cue charges someone with ("accused Y of Z", "blamed Y for Z").
_CHARGE_PREPS = frozenset({"of", "for", "over", "with"})
#: Frames found from punctuation that only reported speech makes (marks.py), whatever their cue token.
MARK_KINDS = ("dash", "speaker_colon")
#: Verbs of belief and report that, before "to be" or "to have", are a passive with its auxiliary left out ("a
#: revolver believed to be the murder weapon", "a man thought to have fled"): no one is named who believes or says.
_RAISING_CUES = frozenset({"believe", "think", "say", "know", "report", "allege", "rumour", "rumor", "understand",
                           "consider", "presume", "suppose", "estimate", "reckon", "fear"})
#: Verbs under which a speech act is only wanted or planned ("critics hope to convince the court that ..."): nothing
#: has been said yet. Not "try": "pollsters tried to tell us that the outcome was uncertain" did tell.
_UNPERFORMED = frozenset({"seek", "want", "hope", "plan", "intend", "aim", "prepare", "wish"})
#: Nouns of a power or an attempt to act: a cue under them ("the authority to call a special meeting", "a global
#: effort to acknowledge the genocide") has not been performed. Not "decision": "the campaign's decision to tell its
#: supporters that ..." reports that it told them.
_UNPERFORMED_NOUNS = frozenset({"authority", "power", "right", "ability", "capacity", "chance", "opportunity",
                                "freedom", "permission", "effort", "attempt", "bid", "plan", "intention", "pressure",
                                "willingness", "readiness", "need", "refusal"})
#: Modals that, with an "if" clause, make the speaker hypothetical ("If we lived in normal times, a reader would ask").
_HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "'d", "’d"})
#: Nouns that name an utterance or a piece of text without saying what it said: "added a note of caution", "noted
#: Bill Clinton's comments", "the release quotes the second sentence of that paragraph" report that, not what.
_UTTERANCE_NOUNS = frozenset({"note", "word", "comment", "remark", "thought", "caution", "message", "observation",
                              "reaction", "response", "sentence", "paragraph", "passage", "story", "piece", "news",
                              "tale", "anecdote", "speech", "statement"})
#: Particles after a cue that give the topic talked about, not what was said ("began to worry about X").
_TOPIC_PARTICLES = frozenset({"about", "on"})


def not_a_claim(doc: Doc, frame: Frame, lexicon: Lexicon, stance: str | None) -> str | None:
    """Why the frame is no claim, or None when it is one. ``stance`` None means the cue was negated or refused."""
    if not speech_act(frame, lexicon):
        return "not a speech act"
    if stance is None:
        return "negated or refused"
    if passive_without_agent(frame.cue) or reduced_passive(frame.cue):
        return "no speaker"
    if not performed(frame.cue):
        return "not performed"
    if court_plea(frame.cue):
        return "a plea in court"
    if not says_something(doc, frame, lexicon):
        return "says nothing"
    if topic_only(doc, frame, lexicon):
        return "a topic, not a claim"
    if stance == "assert" and bare_noun_phrase(doc, frame, lexicon):
        return "a topic, not a claim"
    return None


def speech_act(frame: Frame, lexicon: Lexicon) -> bool:
    """Only communication and cognition acts are claims: the cue's head lemma is one (data/lexicon/speech_acts.txt),
    or the frame comes from a mark that only speech makes (a dash or a speaker's colon before a quote). PolNeAR also
    marks actions as attributions ("made a proposal", "ignored the reality", "began a timetable"); a reader of the
    claims would not take them for something said."""
    if frame.kind in MARK_KINDS:
        return True
    cue = frame.cue
    return cue.lemma_.lower() in lexicon.speech_acts or cue.lower_ in lexicon.speech_acts


def passive_without_agent(cue: Token) -> bool:
    """"is expected to speak", "was accused of murdering", "Smith, accused of ...": a passive cue with no "by"
    names no speaker; its subject is who the act is about (PolNeAR keeps these as attributions without a source)."""
    if cue.tag_ != "VBN":
        return False
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in cue.children) or cue.dep_ == "acl"
    return passive and not any(child.dep_ == "agent" for child in cue.children)


def reduced_passive(cue: Token) -> bool:
    """"A .38-caliber revolver believed to be the murder weapon was recovered", "a man said to have fled": a verb
    of belief or report before "to be" / "to have", with no object, is a passive with its auxiliary left out (the
    parser often reads it as the revolver believing); its subject is what the belief is about."""
    if cue.lemma_.lower() not in _RAISING_CUES or cue.tag_ not in ("VBN", "VBD"):
        return False
    if any(child.dep_ in ("dobj", "dative", "agent") for child in cue.children):
        return False
    return any(child.dep_ == "xcomp" and child.i > cue.i and any(g.tag_ == "TO" for g in child.children)
               and (child.lemma_ == "be" or any(g.dep_ == "aux" and g.lemma_ in ("have", "be") for g in child.children))
               for child in cue.children)


def performed(cue: Token) -> bool:
    """Whether the speech act happened: not one only wanted or planned ("critics hope to convince the court"), a
    power or an attempt to act ("the authority to call a special meeting"), or a hypothetical speaker ("If we
    lived in normal times, a reader would now ask: ...")."""
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in _UNPERFORMED:
        return False
    if cue.dep_ == "acl" and cue.head.lemma_.lower() in _UNPERFORMED_NOUNS \
            and any(child.tag_ == "TO" for child in cue.children):
        return False
    modal = any(child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_MODALS for child in cue.children)
    conditional = any(child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                                    for g in child.children) for child in cue.children)
    return not (modal and conditional)


#: What a defendant pleads in court: "pleaded guilty", "pleads not guilty", "pleaded no contest", "pleaded innocent".
_PLEAS = frozenset({"guilty", "innocent", "contest"})


def court_plea(cue: Token) -> bool:
    """"Rudolph pleaded guilty to the bombings": a plea is an act of procedure in court, not a statement (and "plead"
    as a cue otherwise begs: "pleaded with the rebels to stop")."""
    return cue.lemma_.lower() == "plead" and any(t.lower_ in _PLEAS for t in cue.subtree if t.i > cue.i
                                                 and t.i - cue.i <= 3)


def says_something(doc: Doc, frame: Frame, lexicon: Lexicon) -> bool:
    """Content that can be true or false, or an act to condemn: a clause, a quotation, or a noun phrase that the cue
    takes as what was said. A bare agent is not ("Police charged [the protesters]"), and neither is a thing after a
    verb that is more often an action than speech ("Rebels pressed [their advance]", PolNeAR train precision 0.31)
    unless the noun names a claim or a hostile act ("denied [the allegations]", "condemned [the shelling]")."""
    if not frame.direct and all(_reporting_clause(doc, start, end, lexicon) for start, end in frame.content):
        return False
    if frame.direct or frame.kind not in ("verb", "complement", "tagger", "quote", "colon"):
        return True
    multiword_cue = frame.cue_span[1] > frame.cue.idx + len(frame.cue.text)  # "called for", "pointed out"
    particle = doc.text[frame.cue_span[0]:frame.cue_span[1]].split()[-1].lower()
    # what a cue of these stances takes as a plain noun phrase is what it is about: "denied [the story]",
    # "residents question [the official story]"
    confrontational = lexicon.stance(frame.cue.lemma_) in CONFRONTATIONAL + ("question",)
    for start, end in frame.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or doc.text[start] in "\"“'‘":
            return True
        root = span.root
        phrasal = f"{frame.cue.lemma_.lower()} {span[0].lower_}" in lexicon.stances  # "called [for calm]"
        if span[0].pos_ == "ADP" and span[0].lower_ != "as" and not phrasal and not multiword_cue \
                and not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in span):
            # "spoke [for the first time in court]", "urging [on fans in the stadium]": when, not what ("described
            # it [as an intentional act]" says what it was)
            continue
        if any(t.dep_ == "prep" and t.head.i == frame.cue.i and t.lower_ in _CHARGE_PREPS
               and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in t.children) for t in span):
            # "accused [Azerbaijan of an attack]", "blamed [Y for Z]": the act charged is the content ("called a
            # strike for Monday" charges no one)
            return True
        if root.pos_ in ("VERB", "AUX") or any(t.dep_ == "mark" or t.tag_ == "TO" for t in span[:2]) \
                or any(t.tag_ == "TO" and t.head.pos_ == "VERB" and t.head.dep_ != "relcl" for t in span):
            return True  # a clause: "(that) the talks failed", "to publish the advice", "anyone ... to call"
        if any(t.pos_ in ("VERB", "AUX") and t.head.i == root.i and t.dep_ in ("ccomp", "acl") for t in span) \
                and lexicon.cue_score(frame.cue.lemma_, "VERB") >= SPEECH_ACT_PRECISION:
            return True  # "accused Y of doing Z", "urged Y to Z" parsed below the noun
        if any(t.dep_ in ("oprd", "xcomp") and t.head.i == frame.cue.i for t in span):
            return True  # "called [him a perfect fit]", "named [her the model of the century]"
        lemma = root.lemma_.lower()
        if root.pos_ in ("PROPN", "PRON") or root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
                or lemma in lexicon.anonymous_nouns or lemma in lexicon.group_nouns \
                or root.lower_ in lexicon.title_words:
            continue  # someone spoken to or about ("a question for [the president]"), not something said
        cue = frame.cue.lemma_.lower()
        if cue in lexicon.action_cues and not lexicon.is_proposition_noun(lemma) \
                and f"{cue} {particle}" not in lexicon.stances:  # "called for [calm]" is a demand
            continue  # "spoke out about [the move]", "attacked [the village]": a topic or a target, not a claim
        topic = multiword_cue and particle in _TOPIC_PARTICLES
        if not confrontational and (lemma in _UTTERANCE_NOUNS or topic) \
                and not any(t.pos_ in ("VERB", "AUX") and not (topic and t.tag_ == "VBG") for t in span):
            # "added [a note of caution]", "began to worry about [Hardwicke's departure]", "talked about [bringing
            # communities together]", "first reported [the story]": that, or what about, not what
            continue
        if multiword_cue or confrontational or lexicon.is_proposition_noun(lemma) \
                or lexicon.cue_score(cue, "VERB") >= SPEECH_ACT_PRECISION:
            return True  # "alleged [three special circumstances]", "urged [restraint]", "denied [the claims]"
    return False


#: Verb tags of a finite clause: what was said about a topic, not the topic ("talked about how the plan would work").
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def topic_only(doc: Doc, frame: Frame, lexicon: Lexicon) -> bool:
    """A cue with "about" or "on" ("talked about", "writes about", "spoke on") whose content has no finite verb names
    what was talked about, not what was said: "talked about [bringing communities together]", "writes about [her
    calling to become a doctor]". A cue with a stance of its own keeps it ("warned about [the risks]", "called on [the
    president to act]")."""
    words = doc.text[frame.cue_span[0]:frame.cue_span[1]].split()
    first = doc.text[frame.content[0][0]:frame.content[0][1]].split()[:1]
    particle = words[-1].lower() if len(words) > 1 else first[0].lower() if first else ""
    if frame.direct or particle not in _TOPIC_PARTICLES:
        return False  # "talked about [X]" and "talked [about X]": the parse puts the particle on either side
    if lexicon.stance(frame.cue.lemma_, particle) != "assert":
        return False  # "called on [X to act]" demands, "warned about [the risks]" warns
    for start, end in frame.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.tag_ in _FINITE or t.is_quote for t in span):
            return False
    return True


def bare_noun_phrase(doc: Doc, frame: Frame, lexicon: Lexicon) -> bool:
    """Content with no verb anywhere that names no happening, reported by a cue with no stance of its own: "reports
    [his home in Santa Rosa]", "according to [the team-owned flagship radio station)]", "is adding [a mini display
    port]". An assertion is a proposition; a thing after "said" or "reports" is a topic or a fragment of one.
    Quotations, predications ("called [it a common ailment]", "declared [the election valid]") and happenings
    ("reported [a violation of the cease-fire]", "confirmed [the deaths]": data/lexicon/event_nouns.txt) stay."""
    if frame.direct:
        return False
    for start, end in frame.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any((t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) or t.tag_ == "MD"
                               or t.is_quote for t in span):
            return False  # a participle before a noun is no verb: "the [team-owned] flagship radio station"
        if any(t.dep_ in ("oprd", "xcomp", "ccomp") and t.head.i == frame.cue.i for t in span):
            return False
        heads = [t.lemma_.lower() for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
        if any(lemma in lexicon.event_nouns or lexicon.is_proposition_noun(lemma) for lemma in heads):
            return False  # each top of the phrase: "[Pashinyan's own recognition of X] [as part of Y]"
    return True


def _reporting_clause(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """A content part that is only the reporting clause of a quotation before it ("“...?” [she said years later],
    according to her official website"): a speech verb with nothing said inside the part; the quotation is her
    claim, not the website's."""
    before = doc.text[:start].rstrip(" ,\n")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.is_quote for t in span) or not before.endswith(("”", '"', "’", "'")):
        return False
    root = span.root
    return root.pos_ == "VERB" and root.lemma_.lower() in lexicon.speech_acts \
        and any(child.dep_ == "nsubj" and child.i >= span.start for child in root.children) \
        and not any(child.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "dative") and span.start <= child.i < span.end
                    for child in root.children)
