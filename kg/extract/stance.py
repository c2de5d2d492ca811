"""The stance of a claim: the cue's own stance (data/lexicon/stances.tsv), turned by how the cue is used.

    stance = stance_of(frame, lexicon)   # None: the frame reports no claim

- **negation**: a negated cue reports nothing ("did not deny", "would not say", "has not commented"): no claim
  (except a negated belief, below);
- **refusal**: a cue under a verb of refusing ("declined to comment", "refused to say") reports nothing; a verb of
  refusing as the cue, with a call or an infinitive, denies it ("has resisted calls to publish the full advice");
- **request**: "ask" with a hearer and an infinitive is a demand ("asked the providers to hand over the data"); with
  "whether", "if" or a question mark it questions;
- **concession**: "accept", "admit", "concede", "acknowledge" concede (the table);
- **negated belief**: "don't believe", "do not think" deny the content;
- **modals** under a cue with no stance of its own ("said", "announced"): "should", "must", "need to" demand;
  "will", "is likely to", "is expected to" predict, "we will", "plans to" promise; a reported "would" is a
  backshifted "will";
- **advice, obligation, command**: "would be wise to", "it's time to", "the U.S. has to", a quotation opening with
  an imperative, "ordered them to" demand; a possible harm ("could put the case at risk") warns;
- **performatives**: the speaker doing a stance act in the first person under a neutral cue ("We condemn this
  attack", "we welcome the decision", "I reject that", "the government said it rejected the claims") takes that act's
  stance; "we do not accept", "I don't agree" deny;
- **rebuttals**: content that calls something said false ("that is not true", "the allegations are baseless", "the
  report was wrong") denies it;
- **feelings** the speaker states of themselves: "we are thrilled to have X host" praises, "I wasn't pleased"
  condemns; verbs of complaining condemn (the table).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.frames import Frame
from kg.extract.lexicon import Lexicon
from kg.extract.mood import modals_of
from kg.words import FUTURE_MODALS, INTENT_VERBS, LIKELIHOOD, POSSIBILITY_MODALS, singular, subject_pronouns

_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_QUESTION_MARKS = frozenset({"whether", "if"})
#: Cognition cues whose negation denies the content ("do not believe", "don't think").
_BELIEFS = frozenset({"believe", "think"})
_DIRECTIVE_MODALS = frozenset({"should", "must", "ought"})
_WH_WORDS = frozenset({"why", "how", "what", "who", "when", "where", "which"})
#: "I think", "I believe": the opinion's clause carries the mood.
_OPINIONS = frozenset({"think", "believe", "guess", "suppose", "hope", "reckon"})
#: Verbs no one promises: "it would take weeks", "he would be ready" foresee.
_STATES = frozenset({"be", "have", "take", "cost", "mean", "need", "seem", "appear", "become", "remain", "get"})
_CHANCES = frozenset({"chance", "likelihood", "probability", "prospect"})
#: Cues that direct their hearer when an infinitive follows: "told workers to stay", "ordered them to stop".
_DIRECTING = frozenset({"tell", "order", "instruct", "command"})
#: Judgements of a course of action that recommend it: "would be wise to prepare", "would be a fool not to".
_ADVICE = frozenset({"wise", "unwise", "mistaken", "mistake", "fool", "foolish", "smart", "prudent", "sensible",
                     "imperative", "essential", "vital", "crucial"})
#: Verbs and nouns of harm: a possible harm ("could trigger it", "could put the case at risk") warns.
_HARM_VERBS = frozenset({"trigger", "harm", "hurt", "damage", "endanger", "jeopardize", "jeopardise", "undermine",
                         "threaten", "destroy", "kill", "spark", "provoke", "worsen", "derail", "cripple", "wreck",
                         "devastate", "disrupt", "collapse", "fail", "suffer"})
_HARM_NOUNS = frozenset({"risk", "danger", "jeopardy", "harm", "damage", "crisis", "disaster", "chaos", "violence",
                         "collapse", "recession", "catastrophe"})
#: What "would be ..." judges rather than foresees: "would be wise to", "would be a mistake".
_JUDGEMENTS = frozenset({"wise", "unwise", "mistaken", "mistake", "fool", "foolish", "good", "better", "best",
                         "great", "nice", "happy", "glad", "pleased", "willing", "ready", "right", "wrong",
                         "appropriate", "inappropriate", "helpful", "idea"})


def stance_of(doc: Doc, frame: Frame, lexicon: Lexicon) -> str | None:
    """The claim's stance, or None when the cue is negated or refused and so reports no claim."""
    cue = frame.cue
    negated, refused = _negated(cue), _refused(cue, lexicon)
    if negated and cue.lemma_.lower() in _BELIEFS and not refused:
        return "deny"  # "some don't believe Gray had a gun" denies it
    if negated or refused:
        return None
    lemma = cue.lemma_.lower()
    particle = _particle(cue)
    stance = lexicon.stance(lemma, particle)
    content = doc.text[frame.content[0][0]:frame.content[-1][1]]
    if lemma == "ask":
        first = content.lstrip("\"“ ").split(" ", 1)[0].lower()
        if first in _QUESTION_MARKS or first in _WH_WORDS or content.rstrip("\"” ").endswith("?"):
            return "question"
        if particle == "for" or re.search(r"\bto [a-z]", content):
            return "demand"  # "asked for the public's help", "asked the providers to hand over the data"
    if lemma in _DIRECTING and any(c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children)
                                   for c in cue.children):
        return "demand"  # "police told workers to stay in their offices", "ordered them to stop"
    if stance == "assert" and lemma not in lexicon.refusal_verbs:
        return _modal_stance(doc, frame, lexicon) or stance  # "said", "announced", "tweeted": the content's mood speaks
    if lemma in lexicon.refusal_verbs:
        root = doc.char_span(frame.content[0][0], frame.content[0][1], alignment_mode="expand")
        noun = root.root.lemma_.lower() if root is not None else ""
        cue_words = doc.text[frame.cue_span[0]:frame.cue_span[1]].lower().split()
        if any(lexicon.is_proposition_noun(word) for word in cue_words[1:]):
            noun = cue_words[-1]  # the cue holds the call: "has resisted calls [to publish the advice]"
        # "has resisted calls to publish", "rejected the claims": a refusal of something said denies it; "refused
        # to be photographed", "declined to comment" refuse an act, and say nothing
        return "deny" if lexicon.is_proposition_noun(noun) else None
    return stance


def _modal_stance(doc: Doc, frame: Frame, lexicon: Lexicon) -> str | None:
    """What a cue with no stance of its own ("said", "announced") puts forward, read from the content's main verb:

    - "should", "must", "need to" demand (not "I must announce");
    - "will", "is going to", "is likely to", "is expected to", "no chance ... will", "probably", a content verb
      "expect" predict; they promise when the speaker is the one who will act: "we will", "we are going to", and
      in reported speech a subject that can be the speaker ("Smith said he will appeal", "officials said they
      expect to reopen", "Clark said her group would sue"; not "police said he would be charged");
    - "plans to", "intends to", "vows to" promise;
    - a reported "would" is a backshifted "will": "he said he would resign" promises, "said the talks would fail"
      predicts. A wish ("would like") or a judgement ("would be wise to", "would be a mistake") is neither;
    - "probably", "likely" about the past ("he probably realized") guess, and foresee nothing.
    """
    span = doc.char_span(frame.content[0][0], frame.content[0][1], alignment_mode="expand")
    if span is None:
        return None
    roots = [t for t in span if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or not span.start <= t.head.i
                                                                  < span.end or t.dep_ in ("ccomp", "ROOT"))][:1]
    if not roots:
        return None
    verb = roots[0]
    opinion = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    if verb.lemma_ in _OPINIONS and opinion is not None:
        verb = opinion  # "I think by Friday she'll be out there": what is thought is the content
    modals = modals_of(verb)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")), None)
    person = subject.lower_ if subject is not None else ""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children)),
                      None)
    if (modals & _DIRECTIVE_MODALS and person != "i") or (verb.lemma_ == "need" and any(c.tag_ == "TO" for c in
                                                                                     verb.subtree)):
        return "demand"
    if _advises(verb) or _obliges(verb) or (frame.direct and _imperative(verb, span)):
        # "the party would be wise to set up a process", "now is the time for leaders to act", "the U.S. has to
        # keep Moscow out", "“Draw on home equity now,” he suggested"
        return "demand"
    if modals & POSSIBILITY_MODALS and _harms(verb):
        return "warn"  # "releasing details could put the case at risk", "any incident could trigger it"
    acts = _agentive(infinitive if verb.lemma_ == "go" and infinitive is not None else verb)
    speaker = person in subject_pronouns(1) or (not frame.direct and acts and _may_be_speaker(subject, frame,
                                                                                             lexicon))
    if modals & FUTURE_MODALS and "wo" not in modals or (verb.lemma_ == "go" and verb.tag_ == "VBG"
                                                          and infinitive is not None):
        if speaker:
            return "promise"
        return "predict" if person not in ("it", "there") or verb.lemma_ != "be" else None
    if not modals and verb.lemma_ in INTENT_VERBS and infinitive is not None:
        return "promise"  # "the campaign plans to make the records public"
    if (not modals and verb.lemma_ == "expect" and infinitive is not None and _agentive(infinitive)
            and _may_be_speaker(subject, frame, lexicon)):
        return "promise"  # "officials said they expect to hold services at the school"
    if not modals and _predicts(verb):
        return "predict"
    performed = _performed(verb, subject, modals, frame, lexicon)
    if performed is not None:
        return performed
    if "would" in modals and not frame.direct and not _judgement(verb):
        # "he said he would resign": a reported "I will"; "said the talks would fail": a reported "will"
        return "promise" if speaker else "predict"
    if not modals:
        return _rebutted(verb, subject, lexicon) or _feeling(verb, subject, frame, lexicon)
    return None


#: Stance verbs whose first-person use is mostly no speech act: "we attacked their positions", "we pressed on".
_NOT_PERFORMED = frozenset({"attack", "blast", "slam", "charge", "press", "commit", "project", "estimate", "expect",
                            "ask", "insist"})
#: Verbs whose negation by the speaker refuses what is put to them: "we do not accept these findings", "I don't agree".
_ASSENTS = frozenset({"accept", "agree", "believe", "think", "buy"})
#: Verbs of assent that concede only what was said or found: "we accept the findings", not "I accept this award".
_CONCEDING_OBJECTS = frozenset({"responsibility", "blame", "mistake", "error", "fault", "verdict", "ruling",
                                "finding", "decision", "criticism", "result", "point", "conclusion"})


def _performed(verb: Token, subject: Token | None, modals: set[str], frame: Frame, lexicon: Lexicon) -> str | None:
    """The stance of a stance act the speaker performs in the content under a neutral cue: "“We condemn this
    attack,” the ministry said" condemns, "we welcome the decision" praises, "I reject that" and "the government said
    it rejected the claims" deny; the act done now in the first person ("we condemn", "I have always disagreed", "I
    want to thank"), or in reported speech by a subject that can be the speaker. A negated assent ("we do not accept
    these findings", "I don't agree") denies; another negated act reports none (None: the cue's own stance)."""
    if subject is None:
        return None
    if verb.lemma_ in ("want", "like", "wish") and modals <= {"would", "'d"}:
        act = next((c for c in verb.children if c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children)), None)
        if act is None:
            return None
        verb, modals = act, set()  # "I want to thank the fire brigade", "we would like to thank"
    if modals:
        return None
    lemma = verb.lemma_.lower()
    first = subject.lower_ in subject_pronouns(1)
    # "the government said it rejected the claims"; not "he said they accused him": after a person, "they" and "it"
    # may be others doing the act
    spoken_for = frame.source is not None and (frame.source.root.ent_type_ == "PERSON"
                                               or frame.source.root.lower_ in ("he", "she", "who"))
    reported = not frame.direct and verb.tag_ in ("VBD", "VBZ", "VBP") and subject.pos_ == "PRON" \
        and _may_be_speaker(subject, frame, lexicon) and not (spoken_for and subject.lower_ in ("they", "it"))
    now = verb.tag_ in ("VBP", "VB") or (verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children)) \
        or (verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("am", "are", "'m", "'re", "’m", "’re")
                                       for c in verb.children))
    if not ((first and now) or reported) or lemma in _NOT_PERFORMED:
        return None
    stance = lexicon.stance(lemma, _particle(verb))
    if any(c.dep_ == "neg" for c in verb.children):
        return "deny" if lemma in _ASSENTS else None
    conceded = any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and singular(c.lower_) in _CONCEDING_OBJECTS)
                   for c in verb.children)
    if stance == "concede" and lemma == "accept" and not conceded:
        return None  # "I accept this award" concedes nothing
    return stance if stance != "assert" else None


#: Predicates that call what was said false: "the allegations are baseless", "it's a lie".
_FALSE = frozenset({"untrue", "false", "baseless", "unfounded", "groundless", "lie", "fabrication", "fabricated",
                    "inaccurate", "incorrect", "bogus", "erroneous", "unsubstantiated", "untruthful", "falsehood"})
#: Predicates of truth: negated, they deny ("that is not true", "that is not the case").
_TRUE = frozenset({"true", "accurate", "correct", "truthful", "case"})
#: Predicates that deny only what was said or written ("the report was wrong", "that's rubbish"), and judge anything
#: else ("it was wrong to invade", "the price is ridiculous", "the service was rubbish", "the film is fiction").
_WRONG = frozenset({"wrong", "exaggerated", "overblown", "ridiculous", "absurd", "laughable", "speculation",
                    "nonsense", "rubbish", "misleading", "fiction"})


def _rebutted(verb: Token, subject: Token | None, lexicon: Lexicon) -> str | None:
    """"deny" when the content calls something said false: "That is simply not true", "the allegations were
    baseless", "these claims are false and misleading", "the report was wrong", "it is not true that ..."; not a
    judgement of an act ("it was wrong to invade Iraq") and not "it is true that ..."."""
    if not _copula(verb) or subject is None:
        return None
    predicate = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
    if predicate is None:
        return None
    word, negated = predicate.lemma_.lower(), any(c.dep_ == "neg" for c in verb.children)
    if any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in (*verb.children, *predicate.children)):
        # an extraposed clause: "it is not true that ..." denies it; "it was wrong to invade" judges an act and "it
        # is true that ..." grants a point
        return "deny" if word in _TRUE and negated and subject.lower_ == "it" else None
    said = subject.lower_ in ("that", "this", "it") or lexicon.is_proposition_noun(subject.lemma_.lower()) \
        or lexicon.is_proposition_noun(subject.lower_)
    if word == "case" and not any(c.lower_ == "the" for c in predicate.children):
        return None  # "that is not the case"; not "a case"
    if (word in _FALSE and not negated) or (word in _TRUE and negated and said) or (word in _WRONG and not negated
                                                                                   and said):
        return "deny"
    return None


#: What a speaker feels about something, said of themselves: gladness, pride and gratitude approve of it ("We are
#: thrilled to have Ellen DeGeneres host", "we are very grateful to the fire service"); outrage and disappointment
#: disapprove. Sorrow and shock are left out: "we are saddened by his death" mourns, it condemns no one.
_APPROVING = frozenset({"thrilled", "delighted", "excited", "honored", "honoured", "proud", "grateful", "thankful",
                        "pleased", "glad", "happy", "overjoyed", "elated"})
_DISAPPROVING = frozenset({"disappointed", "appalled", "outraged", "disgusted", "dismayed", "angry", "furious",
                           "frustrated", "horrified", "incensed"})
#: "It is an honor to welcome back ...": an approval said as what the occasion is to the speaker.
_HONOURS = frozenset({"honor", "honour", "privilege", "pleasure", "delight"})


def _feeling(verb: Token, subject: Token | None, frame: Frame, lexicon: Lexicon) -> str | None:
    """praise or condemn when the content is the speaker saying how they feel ("we are thrilled to ...", "I wasn't
    pleased", "it is an honor to ..."); None otherwise, and for anyone else's feelings ("the family was angry")."""
    if verb.lemma_ not in ("be", "feel") or subject is None:
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    if subject.lower_ == "it" and not negated and any(c.dep_ == "attr" and c.lemma_.lower() in _HONOURS
                                                      for c in verb.children):
        return "praise"
    speaker = subject.lower_ in subject_pronouns(1) or (not frame.direct and subject.pos_ == "PRON"
                                                        and _may_be_speaker(subject, frame, lexicon))
    feeling = next((c for c in verb.children if c.dep_ == "acomp"), None)
    if not speaker or feeling is None:
        return None
    word = feeling.lower_
    then = next((c for c in feeling.children if c.dep_ == "xcomp"), None)
    if then is not None and not (then.lemma_ in ("have", "welcome", "see")
                                 and any(t.pos_ == "PROPN" for t in then.subtree if t.i > then.i)):
        return None  # "I am so excited to be hosting the Oscars": looking forward to one's own act approves of no one
    if word in _APPROVING:
        return "condemn" if negated else "praise"  # "I wasn't pleased" disapproves
    if word in _DISAPPROVING and not negated:
        return "condemn"
    return None


def _particle(verb: Token) -> str | None:
    """The particle or preposition right after a verb, which makes a phrasal cue: "called [for]", "called [on]"."""
    return next((c.lower_ for c in verb.children if c.dep_ in ("prt", "prep") and c.i == verb.i + 1), None)


def _copula(verb: Token) -> bool:
    """"be" in any form; the tagger leaves the lemma of "It’s" as written."""
    return verb.lemma_ == "be" or verb.lower_ in ("’s", "'s")


def _advises(verb: Token) -> bool:
    """A judgement that recommends an act: "would be wise to", "would be mistaken to proceed without", "would be a
    fool not to prepare", "it is essential to"; "now is the time (for X) to" (the guideline's "it is time to")."""
    if not _copula(verb):
        return False
    judged = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
    advice = any(c.lemma_.lower() in _ADVICE or c.lower_ in _ADVICE for c in judged)
    if advice and (any(t.tag_ == "TO" for c in judged for t in c.subtree)
                   or any(c.dep_ in ("xcomp", "advcl") and any(g.tag_ == "TO" for g in c.children)
                          for c in verb.children)):
        return True
    timed = [c for c in verb.children if c.dep_ in ("acomp", "attr", "nsubj") and c.lemma_.lower() == "time"]
    infinitive = any(c.dep_ in ("xcomp", "advcl", "ccomp") and any(g.tag_ == "TO" for g in c.children)
                     for c in verb.children)  # "It's time [to create a fair tax system]"
    return bool(timed) and (infinitive or any(any(t.tag_ == "TO" for t in c.subtree) for c in timed)) \
        and not any(c.dep_ == "neg" for c in verb.children)


def _obliges(verb: Token) -> bool:
    """"has to", "have to" with an act: an obligation put on someone now ("the U.S. has to keep Moscow out of
    elections"); not negated ("you don't have to pay"), not the speaker's own ("I have to say")."""
    if verb.lemma_ != "have" or verb.tag_ not in ("VBZ", "VBP") \
            or any(c.dep_ in ("neg", "aux", "mark") for c in verb.children):
        return False  # not "you'll have to pay", "had to", "that he has to ...": a forecast, a past, a description
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ == "i" or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].tag_ != "TO":
        return False  # "has to" together: "they have adequate resources to secure the city" obliges no one
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children)


def _imperative(verb: Token, content: Span) -> bool:
    """A quotation that opens with a command: the base form first, with no subject ("Draw on home equity now",
    "Do what you can", "Don't wait")."""
    first = next((t for t in content if not t.is_punct and not t.is_space), None)
    if first is None or not (first.is_sent_start or first.i == 0 or first.doc[first.i - 1].is_quote):
        return False  # a quotation cut inside a sentence ("... [make] decisions") is no command
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return False
    if first == verb:
        return True
    # "Don't wait": the auxiliary and its negation before the verb
    return first.lower_ == "do" and first.head == verb and first.i + 1 < len(first.doc) \
        and first.doc[first.i + 1].dep_ == "neg"


def _harms(verb: Token) -> bool:
    """The possible act is a harm: a verb of harm, or its object or complement names one ("put the case at risk")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if verb.lemma_.lower() in _HARM_VERBS:
        return True
    return any(t.lemma_.lower() in _HARM_NOUNS for c in verb.children if c.dep_ in ("dobj", "prep", "attr")
               for t in c.subtree)


def _agentive(verb: Token) -> bool:
    """An act someone does: not a state ("would be", "will take weeks") and not a passive ("would be charged")."""
    return verb.lemma_ not in _STATES and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


#: Possessives and the subject pronoun they stand for: "her group would sue" is the speaker's if "she" could be.
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "i"}


def _may_be_speaker(subject: Token | None, frame: Frame, lexicon: Lexicon) -> bool:
    """Whether the reported clause's subject can be the speaker or the speaker's own side: "he" or "she" after a
    person (not after "police"), "they" or "it" after anyone; "her group", "their company" likewise. Names and other
    nouns are not: "Police said Smith would appear in court" foresees Smith's act."""
    if subject is None or frame.source is None:
        return False
    word = subject.lower_
    possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject.pos_ != "PRON" and possessor is not None:
        word = _POSSESSIVE_PRONOUNS.get(possessor.lower_, "")
    if word in subject_pronouns(1):
        return True
    source = frame.source.root
    personal = (source.ent_type_ == "PERSON" or source.lower_ in ("he", "she", "who")
                or (source.tag_ in ("NN", "NNP") and source.lower_ not in lexicon.organization_nouns
                    and source.ent_type_ not in ("ORG", "GPE", "NORP", "FAC")))
    if word in ("he", "she"):
        return personal and (source.lower_ not in ("he", "she") or source.lower_ == word)
    # "they" and "it" after a person may be the government or company the person speaks for ("May suggested that it
    # would withdraw from the single market")
    return word in ("they", "it")


def _predicts(verb: Token) -> bool:
    """"is likely to", "is expected to", "probably", "there is no chance", "he expects her to recover"."""
    if verb.lemma_ == "expect" and any(c.dep_ in ("ccomp", "xcomp", "dobj", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children)):
        return False  # "he probably realized", "they have likely left": a guess about the past
    return any((c.dep_ in ("acomp", "advmod") and c.lower_ in LIKELIHOOD and not _compared(c))
               or (c.dep_ == "attr" and c.lemma_ in _CHANCES) for c in verb.children)


def _compared(likely: Token) -> bool:
    """"more likely than whites to oppose", "less likely to vote": who is more prone to something than others, a
    comparison that foresees nothing (a superlative is left alone: "most likely to be affected" may foresee)."""
    return any((c.dep_ == "advmod" and c.lower_ in ("more", "less"))
               or (c.dep_ == "prep" and c.lower_ == "than") for c in likely.children)


def _judgement(verb: Token) -> bool:
    """"would like to", "would be wise to", "would be a mistake": a wish or a judgement, not a reported "will"."""
    if verb.lemma_ in ("like", "love", "prefer", "want", "appear", "seem"):
        return True
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lemma_ in _JUDGEMENTS
                                       for c in verb.children)


def _negated(cue: Token) -> bool:
    """"did not deny", "would not say", "never said": the cue or its auxiliary chain carries a negation."""
    return any(child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in _NEGATIONS)
               for child in cue.children)


def _refused(cue: Token, lexicon: Lexicon) -> bool:
    """"declined to comment", "refused to say": the cue is the infinitive of a verb of refusing."""
    head = cue.head
    return cue.dep_ in ("xcomp", "ccomp") and head.i != cue.i and head.lemma_.lower() in lexicon.refusal_verbs
