"""Who a source phrase names: the claimant Mention with its fullest name, kind, role and affiliation.

``Armenian Foreign Minister Ararat Mirzoyan`` -> Ararat Mirzoyan, person, Foreign Minister, Armenia;
``Russia's deputy UN ambassador, Dmitry Polyansky`` -> Dmitry Polyansky (the appositive holds the name);
``one of the sources, a close aide of Sharif`` -> anonymous (Sharif is who the aide serves, not who spoke);
``Bayramov`` -> Jeyhun Bayramov (the fullest earlier form); ``he`` -> the nearest earlier person who spoke.

The article's names, for the references a phrase makes back to them ("he", "the company", "the coach"), are
references.py's ``SpeakerIndex``; the name runs, titles and kinds of single phrases are names.py's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.extract.identity import person_before
from kg.extract.names import (NOT_PERSON, PLACE_LABELS, affiliation_of, as_written, in_headline, institution_head,
                              is_institution, looks_personal, name_tokens, role_in, single_kind, strip_titles,
                              with_of_phrase)
from kg.extract.references import SpeakerIndex
from kg.types import Claim, Mention
from kg.types import Span as TextSpan
from kg.words import names_a_party

#: Determiners that make a description point back at something named ("the company", "this firm").
_DEFINITE = frozenset({"the", "this", "that"})
#: Words a speaker's phrase never starts with.
_FUNCTION_WORDS = frozenset({"of", "for", "by", "to", "from", "in", "on", "at", "with", "and", "or", "but", "as",
                             "than", "if", "whether", "because", "while", "so", "'s", "’s"})
#: Words that are never a speaker's name on their own.
_NOT_NAMES = frozenset({"i", "me", "you", "we", "us", "they", "them", "it", "he", "him", "she", "her", "this", "that",
                        "these", "those", "who", "whom", "which", "what", "one", "there", "here", "someone",
                        "something", "anyone", "everyone", "nobody", "none", "all", "both", "each", "some", "many",
                        "others", "other", "another", "its", "his", "their", "our", "my", "your", "the", "a", "an"})


def whole_phrase(phrase: Span) -> Span:
    """The noun phrase a source span belongs to, without what is not the speaker: a span cut inside a word or a
    compound ("its co" of "its co-chairman") grows to its head's phrase; relative and participle clauses ("The five
    unions meeting Mr Prescott"), dates and times ("on Saturday") and coordination are cut away."""
    doc = phrase.doc
    head = phrase.root
    while head.pos_ != "PROPN" and head.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "punct") \
            and head.head.i != head.i and head.head.i > head.i and head.head.i - phrase.end <= 3 \
            and (head.head.pos_ in ("NOUN", "PROPN")
                 or head.head.pos_ == "ADJ" and head.head.dep_ in ("nsubj", "nsubjpass")):  # "the 29-year-old"
        head = head.head
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "cc", "conj", "npadvmod") and child.i > head.i:
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.i > head.i and (_circumstance(child) or any(
                t.ent_type_ in ("DATE", "TIME") for t in child.subtree)):
            drop.update(t.i for t in child.subtree)
    for token in head.subtree:
        # "A spokesman for Reporters Without Borders, which tracks press freedom"; "reports from Ashgabat,
        # Turkmenistan's capital": a clause or a description of a word inside the phrase is not the speaker's
        described = token.dep_ == "appos" and token.pos_ != "PROPN" and token.head.dep_ == "pobj"
        if (token.dep_ == "relcl" or described) and token.i > head.i and token.left_edge.i > 0 \
                and doc[token.left_edge.i - 1].text == ",":
            drop.update(t.i for t in token.subtree)
            drop.add(token.left_edge.i - 1)
    tokens = [t for t in head.subtree if t.i not in drop and (not drop or t.i < min(drop) or t.i < head.i)]
    relative = next((t.i for t in tokens if t.i > head.i and t.lower_ in ("who", "which", "whose")
                     and t.i > 0 and doc[t.i - 1].text == ","), None)
    if relative is not None:  # ", who has so far created games ...", however the parser hung it
        tokens = [t for t in tokens if t.i < relative - 1]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "case"
                               or tokens[-1].pos_ in ("ADP", "DET", "CCONJ")):
        tokens.pop()  # "'s"; "Police at" of "Police at first told workers": a phrase never ends in "at" or "the"
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return phrase
    end = tokens[-1].i + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1  # "Its co" of "Its co-chairman": a phrase never stops inside a hyphenated word
    return doc[tokens[0].i : end]


#: "the 29-year-old": a person described by age alone.
_AGE_NOMINAL = re.compile(r"(?i)^the\s+\d{1,3}\s*-\s*year\s*-\s*old$")

#: Prepositions that say when or amid what someone spoke, never who ("said the 29-year-old after the match"), and
#: the time nouns that make "on" do so ("on the eve of the Open").
_CIRCUMSTANCE_PREPOSITIONS = frozenset({"after", "before", "during", "following", "ahead", "amid", "since", "until"})
_TIME_NOUNS = frozenset({"eve", "day", "morning", "afternoon", "evening", "night", "weekend", "occasion"})


def _circumstance(preposition: Token) -> bool:
    """A prepositional phrase of time or occasion the parser hung on the speaker's noun."""
    if preposition.lower_ in _CIRCUMSTANCE_PREPOSITIONS:
        return True
    target = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return preposition.lower_ == "on" and target is not None and target.lemma_.lower() in _TIME_NOUNS


def conjuncts(phrase: Span) -> list[Span]:
    """``Britain and France said``: one phrase per side when every side is a name; ``[phrase]`` when there is no
    coordination; ``[]`` when a side is not a name ("Armenian officials and Azerbaijan"): which side said what is
    then not clear, and no claim is better than a wrong one."""
    head = whole_phrase(phrase).root
    sides = [head]
    while any(child.dep_ == "conj" for child in sides[-1].children):  # "A, B and C": each conj hangs off the last
        sides.append(next(child for child in sides[-1].children if child.dep_ == "conj"))
    if len(sides) == 1:
        return [phrase]
    if not all(side.pos_ == "PROPN" for side in sides):
        return []
    doc = phrase.doc
    out = []
    for side in sides:
        run = name_tokens(side) or [side]
        out.append(doc[run[0].i : run[-1].i + 1])
    return out


def placed(mention: Mention, index: SpeakerIndex) -> Mention:
    """A claimant that names a country is a country, whatever the model said ("If Azerbaijan wants ..."); one that
    names a city or a region is a place (kind "place"), which never speaks: "Park City, which sees its population
    rise". A one-word place the article also uses as a person's surname ("Houston said", Mr Houston) stays."""
    if mention.kind in ("anonymous", "group", "narrator") or not mention.name[:1].isupper():
        return mention
    found = geo.place(mention.name)
    if found is None:
        return mention
    if found.kind == "country":
        return Mention(mention.name, "country", mention.span, mention.role, mention.affiliation)
    if " " not in mention.name and (mention.name in index.full_names or index.sex_of(mention.name)):
        return mention
    return Mention(mention.name, "place", mention.span)


def is_speaker_name(mention: Mention) -> bool:
    """A claimant a reader can take as someone who spoke: never a bare pronoun or determiner ("It", "The", "'s"),
    and never a fragment that holds no noun of its own ("its co")."""
    words = mention.name.split()
    if not words or not mention.name[:1].isalnum():
        return False
    folded = [word.lower().strip(".,'’") for word in words]
    if words[0].islower() and folded[0] in _FUNCTION_WORDS:
        return False  # "of that blaze", "for the team": a phrase cut from the middle of a clause
    if mention.kind == "person" and mention.name.islower() and " " not in mention.name:
        return False  # "ben" cut from a longer word: a name is written with a capital
    if len(mention.name) <= 2 and not mention.name.isupper():
        return False  # "Co" of "Co-Worker"; "UN", "EU" stay
    return not all(word in _NOT_NAMES for word in folded) and len(mention.name) > 1


def mention_for(phrase: Span, index: SpeakerIndex, content: Sequence[tuple[int, int]] = ()) -> Mention:
    """The claimant Mention for a source phrase; ``span`` is where this mention stands (the pronoun for "he");
    ``content`` is what the source said (character ranges), where a pronoun's antecedent is never sought."""
    lexicon = index.lexicon
    while len(phrase) > 1 and (phrase[-1].pos_ in ("ADP", "DET", "CCONJ") or phrase[-1].is_punct):
        phrase = phrase[:-1]  # "Sanders on" of "Sanders on Tuesday said": the date was cut, not its preposition
    span = TextSpan(phrase.start_char, phrase.end_char)  # the source as written stays the evidence
    lead = 0
    while lead < len(phrase) and phrase[lead].pos_ == "PROPN":
        lead += 1
    if 0 < lead < len(phrase) - 1 and phrase[lead].text == ",":
        phrase = phrase[:lead]  # "Philip Wride, who co-manages the team,": the name before the comma
    if phrase.root.pos_ in ("VERB", "AUX") or any(t.dep_ == "relcl" and t.head.i == phrase.root.i
                                                  and t.i < phrase.root.i for t in phrase):
        # a clause tagged as the source ("which had all increased file destruction", "... Bush pledge to ensure
        # that ..."): no one is named there
        return Mention("", "unknown", span)
    if not (len(phrase) == 1 and phrase.root.pos_ == "PRON"):
        phrase = whole_phrase(phrase)  # the name is read from the speaker's own phrase
        if phrase.root.dep_ == "relcl" or any(t.dep_ == "relcl" and t.i < phrase.root.i for t in phrase):
            return Mention("", "unknown", span)  # "which had all increased file destruction": a clause
    head = phrase.root
    if head.lower_ in lexicon.pronouns and len(phrase) == 1:
        resolved = index.resolve_pronoun(head, content)
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
        kind = "person" if lexicon.pronouns[head.lower_] == "person" else "unknown"
        return Mention(head.text, kind, span)
    # The name may be the head ("Minister Ararat Mirzoyan") or an appositive ("ambassador, Dmitry Polyansky").
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        # "Mirzoyan, who called for ...": PolNeAR's source is "who"; the claimant is the noun it refers to.
        antecedent = source_of_relative(head)
        named = mention_for(antecedent, index)
        if head.lower_ != "who" and (named.kind not in ("organization", "group", "anonymous")
                                     or antecedent.root.ent_type_ in PLACE_LABELS):
            # "Park City, which sees its population rise", "the OTC Bulletin Board, which lists equities": a thing
            # or a place that "which" stands for is the subject of a verb, not a speaker.
            return Mention(head.text, "unknown", span)
        return Mention(named.name, named.kind, span, named.role, named.affiliation)
    if head.lower_ in lexicon.document_nouns and head.text.islower():  # "a statement", not "The Washington Post"
        # "A statement from Waitrose", "this L.A. Times story", "The Interior Department's press release", "The
        # Department sent out this press release announcing ...": the document speaks for whoever issued it; "a
        # message from the Commission said ... the message said": for who issued the one before
        issuer = index.issuer_of(head) or (index.resolve_document(head) if phrase[0].lower_ in _DEFINITE else None)
        if issuer is not None:
            return Mention(issuer.name, issuer.kind, span, issuer.role, issuer.affiliation)
    candidates = [head] + [c for c in head.children if c.dep_ == "appos"]
    if head.lower_ in lexicon.title_words:
        # "Secretary of the Interior Dirk Kempthorne", "Chief of Detectives Charlie Beck": the person the title names
        # (only a person's name: "the chairman of the House Natural Resources Committee" is not the committee; nor
        # whose the title is: "Lindsay Lohan's attorney", "Putin's spokesman" are not Lohan and Putin)
        candidates += [t for t in phrase if t.pos_ == "PROPN" and t.dep_ not in ("compound", "poss") and t.i != head.i
                       and t.ent_type_ not in NOT_PERSON | {"NORP"} and not institution_head(t, lexicon)]
    if head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i:
        candidates.insert(0, head.head)  # "John C. Cerar, the former commander ..., said": the name speaks
    last = phrase[-1]
    abbreviated = last.text[:1].isupper() and len(last) <= 5 and not last.whitespace_ and last.i + 1 < len(
        last.doc) and last.doc[last.i + 1].text == "."
    if last.lower_ in lexicon.title_words and (len(phrase) == 1 or abbreviated):
        # "Sgt. Marty Earley said", "according to Troy police Lt. Gerry Scherlinck": the tokenizer cut the title
        # off at its dot, and the name after it is the speaker (not after "... a defense attorney. Nichols")
        after = _name_after(last)
        if after is not None:
            candidates = [after]
    for candidate in candidates:
        run = strip_titles(name_tokens(candidate), lexicon)
        if run and all(t.lower_ in lexicon.title_words for t in run) \
                and index.fullest(as_written(run)) == as_written(run):
            continue  # a title alone ("Secretary", "Sgt") is nobody's name; "King" after "Larry King" is his
        if run and institution_head(run[-1], lexicon):
            run = with_of_phrase(run)  # "US Chamber of Commerce", "Ministry of Defence"
            owner = next((c for c in candidate.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if owner is not None:  # "Azerbaijan's Defense Ministry" is not any defence ministry
                run = [t for t in phrase.doc[owner.left_edge.i : run[-1].i + 1] if t.pos_ != "DET"]
        written = as_written(run)
        known = bool(run) and (len(run) >= 2 or index.fullest(written) != written)
        # "25-year-old Guzel said she had come": the article calls a one-word name "she" or "he", so it is a person's
        # whatever the model tagged it (a foreign name is often ORG)
        referred = len(run) == 1 and index.referred_to_as_person(written) and not institution_head(run[-1], lexicon)
        if run and (known or referred or not is_institution(run, lexicon)):
            name = index.fullest(written)
            rest = phrase.text.replace(written, " ")
            if written in lexicon.demonyms.values():
                kind = "country"  # "If Azerbaijan wants ...": the model may call a country a PERSON
            else:
                # "Deutsche Bank" is two words, but an organisation: the model's label decides unless it is a person's
                kind = "person" if looks_personal(run[-1]) or (known and run[-1].ent_type_ not in NOT_PERSON) \
                    or (len(run) == 1 and index.surname_of_person(run[-1])) or referred else single_kind(run[-1])
                if institution_head(candidate, lexicon) or names_a_party(t.lower_ for t in run):
                    # "Surrey Police", "Defence Ministry", "US Chamber of Commerce"; a party: "Liberal Democrats"
                    kind = "organization"
            role, affiliation = role_in(rest, lexicon), affiliation_of(phrase, name, lexicon)
            before = index.earlier(name)
            if before is not None:
                # "police chief William J. Bratton ... Bratton said": the article told us who he is
                kind = "person" if "person" in (kind, before.kind) else kind if before.kind == "unknown" \
                    else before.kind
                role, affiliation = role or before.role, affiliation or before.affiliation
            return Mention(name, kind, span, role, affiliation)
    full = index.full_names.get(head.text) if len(phrase) == 1 and head.text[:1].isupper() else None
    if full is not None and full != head.text and full in index.person_names:
        # "Bernie Sanders ... Sanders said": the tagger read the surname at the start of a sentence as a noun
        before = index.earlier(full)
        return Mention(full, "person", span, before.role if before else None, before.affiliation if before else None)
    definite = phrase[0].lower_ in _DEFINITE and not any(t.pos_ == "PROPN" for t in phrase)
    if definite and institution_head(head, lexicon):
        resolved = index.resolve_description(head)  # "Deutsche Bank said ... the bank said"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    if definite and head.pos_ == "NOUN" and not institution_head(head, lexicon):
        # "England coach Andy Robinson ... the coach said"; "Actress Lindsay Lohan ... the actress said"; "the
        # International Monetary Fund ... the fund said"
        resolved = (index.resolve_title(head) if head.lower_ in lexicon.title_words else None) \
            or index.resolve_described(head) or index.named_with(head, any_word=False)  # "IMF ... the fund"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    for candidate in candidates + [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for c in c.children if c.dep_ == "pobj"]:
        if candidate.lemma_.lower() in lexicon.anonymous_nouns or candidate.lower_ in lexicon.anonymous_nouns:
            return Mention(phrase.text, "anonymous", span, role_in(phrase.text, lexicon),
                           affiliation_of(phrase, "", lexicon))
    if len(phrase) == 1 and head.pos_ == "NOUN" and institution_head(head, lexicon):
        resolved = index.named_with(head)  # "Surrey Police said ... police said"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    if head.lower_ in lexicon.organization_nouns or is_institution(name_tokens(head), lexicon):
        # "ProPublica, a nonprofit investigative news organization": the name, not its appositive description
        run = name_tokens(head) if head.pos_ == "PROPN" else []
        if run:
            run = with_of_phrase(run)
        name = as_written(run) if run else _without_appositive(phrase)
        return Mention(name, "organization", span, None, affiliation_of(phrase, name, lexicon))
    if head.lower_ in lexicon.group_nouns:
        return Mention(phrase.text, "group", span)
    if head.pos_ == "PROPN":
        return Mention(phrase.text, single_kind(head), span)
    if _AGE_NOMINAL.match(phrase.text):
        named = person_before(head)  # "Trevor Immelman ... “...,” said the 29-year-old": the one person named near
        if named is not None:
            before = index.earlier(named[0])
            return Mention(named[0], "person", span, before.role if before else None,
                           before.affiliation if before else None)
    # "Azerbaijan's top diplomat", "the president": kept as written; the resolver links descriptions to names.
    role = role_in(phrase.text, lexicon)
    kind = "person" if role is not None and head.lower_ in lexicon.title_words else "unknown"
    return Mention(phrase.text, kind, span, role, affiliation_of(phrase, "", lexicon))


def quoted_as_saying(cue: Token) -> Span | None:
    """``People quoted him as saying``: the one quoted (the cue's object) spoke; whoever quotes only passes it on.
    None for any other cue."""
    if cue.lemma_.lower() != "quote" or not any(
            child.dep_ == "prep" and child.lower_ == "as" and any(g.lower_ == "saying" for g in child.children)
            for child in cue.children):
        return None
    quoted = next((child for child in cue.children if child.dep_ == "dobj"), None)
    return None if quoted is None else cue.doc[quoted.left_edge.i : quoted.right_edge.i + 1]


def passed_on(cue: Token, source: Span) -> Span | None:
    """``“...,” she said years later, according to her official website``: the source found for "said" is who passed
    the words on ("according to"); the verb's own subject spoke them. That subject, else None."""
    if cue.pos_ != "VERB" or not any(t.lower_ == "to" and t.head.lower_ == "according" and t.i < source.start
                                     for t in cue.doc[max(source.start - 2, 0) : source.start]):
        return None
    subject = next((child for child in cue.children if child.dep_ == "nsubj" and child.tag_ not in ("WP", "WDT")),
                   None)
    if subject is None or source.start <= subject.i < source.end:
        return None
    return cue.doc[subject.left_edge.i : subject.right_edge.i + 1]


def source_of_relative(pronoun: Token) -> Span:
    """The noun phrase a relative pronoun stands for, without the relative clause itself."""
    noun = pronoun.head.head
    tokens = [t for t in noun.subtree if t.i < pronoun.head.left_edge.i and not t.is_punct] or [noun]
    return noun.doc[tokens[0].i : tokens[-1].i + 1]


def _name_after(title: Token) -> Token | None:
    """The head of the person's name right after a title and its dot ("Sgt" "." "Marty Earley")."""
    doc = title.doc
    index = title.i + 1
    if index < len(doc) and doc[index].text == ".":
        index += 1
    last = index
    while last < len(doc) and doc[last].ent_type_ == "PERSON" and doc[last].pos_ == "PROPN":
        last += 1
    return doc[last - 1] if last > index else None


def _without_appositive(phrase: Span) -> str:
    """"the company, a unit of X" -> "the company": a description up to its first appositive comma."""
    head = phrase.root
    cut = min((child.left_edge.i for child in head.children if child.dep_ == "appos" and child.i > head.i),
              default=phrase.end)
    tokens = [t for t in phrase if t.i < cut]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return as_written(tokens) or phrase.text


#: Nouns that describe anyone: "one man who says he called 911" may be the witness named next.
_ANYONE = frozenset({"man", "woman", "person", "resident", "neighbour", "neighbor", "member"})
#: How many sentences after the lede the delayed name may come.
_DELAY_SENTENCES = 2


def delayed_identification(doc: Doc, found: list[tuple[Claim, str | None]]) -> list[tuple[Claim, str | None]]:
    """News leads often name a speaker only by a description and give the name in the next sentence or two (the
    "delayed identification" of the lede): "A publicist says Tara Reid has checked herself into rehab. Jack Ketsoyan
    said Friday that ..."; "A former Democratic National Committee chairman says ... “Now is the time ...,” said
    Don Fowler". A lede claim whose claimant is a description (an indefinite one, or any in the headline) takes the
    claimant of the first claim after it when that claim is a named person's, no one else spoke in between, it
    comes within two sentences of the lede, and the person is not given another role ("police chief" is not "a
    witness"). Only the first sentences of the article are leads: a description later on stays a description."""
    sentences = list(doc.sents)
    if not sentences:
        return found
    # the lede: the first sentence, after the headline when the text opens with one (a line or two, then a blank one)
    first_break = doc.text.find("\n\n")
    opening = doc.text[:first_break].strip() if first_break > 0 else ""
    headline = bool(opening) and opening.count("\n") <= 1 and len(opening.split()) <= 30
    lede_start = first_break + 2 if headline else 0
    lede_end = next((sentence.end_char for sentence in sentences if sentence.end_char > lede_start + 1),
                    len(doc.text))
    out = list(found)
    for index, (claim, reason) in enumerate(found):
        if reason is not None or claim.cue is None or claim.cue.start >= lede_end \
                or not _described_only(doc, claim.claimant, lede_start):
            continue
        cue = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        if cue is None or not (cue.root.tag_ in ("VBZ", "VBP") or in_headline(cue.root)):
            continue  # the lede that delays the name reports in the present: "A publicist says ..."
        described = doc.char_span(claim.claimant.span.start, claim.claimant.span.end, alignment_mode="expand")
        # the description's nouns: "Member of House panel" is a member whatever the parse makes its head
        nouns = {t.lemma_.lower() for t in described if t.pos_ in ("NOUN", "PROPN") and not t.ent_type_}
        limit = _sentence_after(sentences, claim.cue.start, _DELAY_SENTENCES)
        for later, later_reason in found[index + 1:]:
            if later_reason is not None or later.cue is None or later.cue.start <= claim.cue.start:
                continue
            if later.cue.start < lede_end and _described_only(doc, later.claimant, lede_start):
                continue  # the headline's speaker described again in the lede: "A former DNC chairman says ..."
            if later.cue.start >= limit or later.claimant.kind != "person" \
                    or _described_only(doc, later.claimant, lede_start):
                break  # someone else spoke first, or no name came in time
            role = set((later.claimant.role or "").lower().split())
            if role and not nouns & (role | _ANYONE):
                break
            out[index] = (replace(claim, claimant=Mention(later.claimant.name, "person", claim.claimant.span,
                                                          later.claimant.role, later.claimant.affiliation)), None)
            break
    return out


def _described_only(doc: Doc, mention: Mention, lede_start: int = 0) -> bool:
    """A claimant given by a description with no name in it: "A publicist", "one man", "Former DNC chairman",
    "Member of House panel" (a headline before ``lede_start``)."""
    if mention.span is None or mention.kind not in ("person", "unknown", "anonymous"):
        return False
    phrase = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if phrase is None or any(t.ent_type_ == "PERSON" for t in phrase):
        return False
    headline_noun = phrase.root.pos_ == "PROPN" and not phrase.root.ent_type_ and phrase.start_char < lede_start
    if phrase.root.pos_ != "NOUN" and not headline_noun:  # a headline capitalises its nouns: "Member of House panel"
        return False
    first = phrase[0].lower_
    if first in ("a", "an", "one"):
        return True
    # a bare description opens a headline ("Former DNC chairman calls for ..."), never "the company"
    return first not in _DEFINITE and phrase[0].pos_ != "DET" and (in_headline(phrase.root) or phrase.start == 0
                                                                    or phrase.start_char < lede_start)


def _sentence_after(sentences: list[Span], offset: int, count: int) -> int:
    """Where the ``count``-th sentence after the one holding ``offset`` ends."""
    for number, sentence in enumerate(sentences):
        if sentence.start_char <= offset < sentence.end_char:
            return sentences[min(number + count, len(sentences) - 1)].end_char
    return offset
