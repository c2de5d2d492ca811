"""What one article names, for the speakers it refers back to: ``SpeakerIndex``.

``Bayramov`` -> Jeyhun Bayramov (the fullest form the article writes); ``he`` -> the nearest earlier person who spoke
or was the subject of a sentence; ``it``, ``the company``, ``the bank`` -> the nearest named organisation the noun
fits; ``the coach``, ``the actress`` -> the one person the article gave that title or description; ``the statement``
-> who issued it. Built once per article by attribution.py; speakers.py asks it when a source phrase names no one.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon
from kg.extract.names import (PLACE_LABELS, as_written, in_headline, institution_head, looks_personal, name_tokens,
                              role_in, single_kind, strip_titles, with_of_phrase)
from kg.extract.quotes import Quote, find_quotes
from kg.types import Mention
from kg.words import pronoun_sex, pronouns, title_sex

#: Where a named speaker can stand ("Zelensky said", "spoke to Zelensky", "met Zelensky", "an aide, Zelensky")
_SUBJECT_DEPS = ("nsubj", "pobj", "dobj", "appos")
#: How far back (characters) "it" or "the company" looks for the organisation it stands for: about two paragraphs.
ANTECEDENT_WINDOW = 1500


#: The abbreviated titles news style writes before a name (AP style), and the noun a later description uses:
#: "Vermont Sen. Bernie Sanders ... The senator said".
TITLE_ABBREVIATIONS = {"sen.": "senator", "rep.": "representative", "gov.": "governor", "lt.": "lieutenant",
                       "gen.": "general", "col.": "colonel", "capt.": "captain", "sgt.": "sergeant", "maj.": "major",
                       "adm.": "admiral", "cmdr.": "commander", "det.": "detective", "insp.": "inspector",
                       "supt.": "superintendent", "atty.": "attorney", "pres.": "president", "sec.": "secretary",
                       "amb.": "ambassador", "prof.": "professor", "dr.": "doctor", "rev.": "reverend"}


class SpeakerIndex:
    """Names seen in one article, for surname-only and pronoun speakers. ``quotes`` are the article's quotations
    (found in its text when not given)."""


    def __init__(self, doc: Doc, lexicon: Lexicon, quotes: Sequence[Quote] | None = None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        # closed quotations only: one left open runs to its paragraph's end, over the narrator's words too
        found = sorted((quote for quote in (find_quotes(doc.text) if quotes is None else quotes) if quote.closed),
                       key=lambda quote: quote.start)
        self._quote_starts = [quote.start for quote in found]
        self._quote_ends = [quote.end for quote in found]
        # surname -> fullest name (most tokens) written for it; first/fullest form wins, as a reader would read it.
        self.full_names: dict[str, str] = {}
        # full names the model tagged as a person where they were written in full: "Meyer penned a letter", tagged
        # an organisation, is still Stephenie Meyer
        self.person_names: set[str] = set()
        # Token objects are made only for the tokens the loops below can use (making one for every token, twice,
        # was most of this index's time)
        pos, dep = doc.to_array([POS, DEP]).T
        strings = doc.vocab.strings
        # a line in title case capitalises verbs and nouns as well, so its name runs go last and only give a surname
        # the body never writes in full ("Gold Star Mom Corners Obama On ..." is no fuller name of Barack Obama)
        heads = numpy.flatnonzero((pos == PROPN) & (dep != strings["compound"])).tolist()
        titled_lines = {i for i in heads if in_headline(doc[i])}
        body_keys: set[str] = set()
        for i in [i for i in heads if i not in titled_lines] + [i for i in heads if i in titled_lines]:
            run = strip_titles(name_tokens(doc[i]), lexicon)
            # Only person-like names: "Ethnic Armenians" (a headline) or "Nagorno-Karabakh" are not surnames.
            # nor a title: "a movie, The Notorious Bettie Page," is no fuller name of Bettie Page (a person's
            # name takes no article)
            titled = bool(run) and (run[0].lower_ == "the" or (run[0].i > 0 and doc[run[0].i - 1].lower_ == "the"))
            if len(run) >= 2 and run[-1].tag_ == "NNP" and not any(t.ent_type_ in PLACE_LABELS for t in run) \
                    and not titled and run[-1].ent_type_ != "WORK_OF_ART":
                key = run[-1].text
                if i in titled_lines and key in body_keys:
                    continue
                if i not in titled_lines:
                    body_keys.add(key)
                if len(run) > len(self.full_names.get(key, "").split()):
                    self.full_names[key] = as_written(run)
                if run[-1].ent_type_ == "PERSON":
                    self.person_names.add(as_written(run))
        # (offset, resolved mention, plural) of speakers, in text order
        self.speakers: list[tuple[int, Mention, bool]] = []
        self._sexes: dict[str, Counter[str]] | None = None
        self._described: list[tuple[int, Mention, frozenset[str]]] | None = None
        self._org_words: list[tuple[int, Mention, frozenset[str]]] | None = None
        # Named organisations and people wherever they stand, for "it said", "the company said", "the coach said".
        self.named: list[tuple[int, Mention]] = [
            (ent.start_char, Mention(name, "organization" if ent.label_ == "ORG" else "person"))
            for ent in doc.ents if ent.label_ in ("ORG", "PERSON") and len(name := _trimmed(ent)) > 1]
        # Named people who are subjects of any verb ("Zelensky spoke to reporters. ... he said"): the fallback.
        # with the start of the quotation they stand in (None outside quotes) and whether they stand in reported
        # speech: see resolve_pronoun
        self.subjects: list[tuple[int, Mention, int | None, bool]] = []
        countries = set(lexicon.demonyms.values())
        for i in numpy.flatnonzero(numpy.isin(dep, [strings[d] for d in _SUBJECT_DEPS])).tolist():
            token = doc[i]
            if token.dep_ == "nsubj" and token.tag_ == "WP" and token.head.dep_ == "relcl":
                # "Prime Minister Nikola Pashinyan, who has refused to step down. He described ...": the name a
                # relative "who" stands for is the subject of that clause.
                token = token.head.head
            if token.dep_ in _SUBJECT_DEPS and token.pos_ == "PROPN" and not in_headline(token) \
                    and (token.ent_type_ not in PLACE_LABELS | {"ORG"} or self.surname_of_person(token)
                         or (token.ent_type_ == "ORG" and self.referred_to_as_person(token.text))) \
                    and (token.dep_ == "nsubj" or any(child.tag_ == "WP" for child in token.subtree)):
                full = name_tokens(token)
                run = strip_titles(full, lexicon)
                written = as_written(run)
                if run and written not in countries and run[-1].lower_ not in lexicon.organization_nouns:
                    # keep the title written before the name: it is what ties "Nikola" to "Nikol" Pashinyan later
                    role = role_in(as_written(full[: len(full) - len(run)]), lexicon)
                    self.subjects.append((token.idx, Mention(self.fullest(written), "person", role=role),
                                          self.quote_at(token.idx), _in_reported_clause(token)))

    def surname_of_person(self, token: Token) -> bool:
        """A lone surname whose full form the article gives as a person's ("Meyer" after "Stephenie Meyer"),
        whatever the model tagged it here."""
        full = self.full_names.get(token.text)
        return full is not None and full != token.text and full in self.person_names \
            and len(name_tokens(token)) == 1

    def quote_at(self, offset: int) -> int | None:
        """The start of the quotation ``offset`` falls inside, None outside quotations."""
        index = bisect_right(self._quote_starts, offset) - 1
        return self._quote_starts[index] if index >= 0 and offset < self._quote_ends[index] else None

    def _tally_sexes(self) -> dict[str, Counter[str]]:
        """How the article refers to each surname: "Mr"/"Mrs" before it, or he/she (him, her) later in the same
        sentence with no other person named in between ("Clinton to recover from her bout"). Used only to keep
        "he said" from resolving to a woman the article calls "she", and the reverse."""
        tally: dict[str, Counter[str]] = defaultdict(Counter)
        last_person: Token | None = None
        for token in self.doc:
            if token.is_sent_start:
                last_person = None
            before = self.doc[token.i - 1] if token.i > 0 else None
            if token.pos_ == "PROPN" and before is not None and (sex := title_sex(before.lower_)):
                run = name_tokens(token.head) if token.head.pos_ == "PROPN" else [token]
                tally[(run or [token])[-1].text][sex] += 2  # "Mr Houston", "Dame Judi Dench"
            if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
                last_person = token
            elif (sex := pronoun_sex(token.lower_)) and last_person is not None and token.pos_ == "PRON":
                tally[last_person.text][sex] += 1
            reported = pronoun_sex(token.lower_) or ("n" if token.lower_ == "it" else None)
            if reported and token.dep_ == "nsubj" and token.head.dep_ == "ccomp":
                # "Guzel said she had come": the reported clause's "she" is the speaker, whatever the model tagged
                # the name (a single foreign name is often ORG); "Yahoo said it would" counts against a person
                speaker = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
                if speaker is not None and speaker.pos_ == "PROPN" and speaker.ent_type_ not in PLACE_LABELS \
                        and len(name_tokens(speaker)) == 1:
                    tally[speaker.text][reported] += 1
        return tally

    def referred_to_as_person(self, name: str) -> bool:
        """The article calls ``name`` "he" or "she" (:meth:`sex_of`) and never "it" in a clause it reports ("Yahoo
        said it would")."""
        counts = self._references(name)
        return self.sex_of(name) in ("m", "f") and not (counts and counts["n"])

    def _references(self, name: str) -> Counter[str] | None:
        """How the article refers to ``name``'s last word (:meth:`_tally_sexes`, worked out once)."""
        if self._sexes is None:
            self._sexes = self._tally_sexes()
        return self._sexes.get(name.split()[-1]) if name.split() else None

    def sex_of(self, name: str) -> str | None:
        """"m" or "f" when the article's own references agree at least two to one, else None. A reported "it" ("X
        said it was important") is no evidence either way: it is rarely the speaker."""
        counts = self._references(name)
        counts = Counter({sex: count for sex, count in counts.items() if sex != "n"}) if counts else None
        if not counts:
            return None
        (top, first), *rest = counts.most_common()
        return top if not rest or first >= 2 * rest[0][1] else None

    def remember(self, offset: int, mention: Mention, plural: bool = False) -> None:
        if mention.kind in ("person", "organization", "country", "anonymous", "group"):
            self.speakers.append((offset, mention, plural))

    def earlier(self, name: str) -> Mention | None:
        """The latest speaker already named ``name``, to carry its role and affiliation to "Bayramov said"."""
        for _, mention, _ in reversed(self.speakers):
            if mention.name == name:
                return mention
        return None

    def fullest(self, name: str) -> str:
        parts = name.split()
        if len(parts) == 1 and parts[0] in self.full_names:
            return self.full_names[parts[0]]
        return name

    def resolve_description(self, head: Token) -> Mention | None:
        """``the company``, ``the bank``, ``it``: the nearest earlier named organisation whose name holds the noun or
        that the article described with it ("Deutsche Bank ... the bank", "RT, the Russian network, ... the
        network"); for "it" and a noun any organisation may be called ("the company", "the organisation"), else
        the nearest earlier named organisation, a speaker first (``Tesco said ... it said``), within
        ``ANTECEDENT_WINDOW`` characters. None when the article names none there, and for a noun that says what
        kind of body it is ("the network", "the police") when no organisation was named or described so: the New
        York Times is not "the network", and the medical examiner's office is not "the police"."""
        if head.pos_ != "PRON":
            named = self.named_with(head)
            if named is not None or head.lemma_.lower() not in self.lexicon.generic_organization_nouns:
                return named
        for offset, mention, plural in reversed(self.speakers):
            if offset < head.idx - ANTECEDENT_WINDOW:
                break
            if offset < head.idx and not plural and mention.kind in ("organization", "country"):
                return mention
        for offset, mention in reversed(self.named):
            if head.idx - ANTECEDENT_WINDOW <= offset < head.idx and mention.kind == "organization" \
                    and not _inside(offset, head):
                return self.earlier(mention.name) or mention
        return None

    def named_with(self, head: Token, any_word: bool = True) -> Mention | None:
        """The nearest earlier organisation, within ``ANTECEDENT_WINDOW`` characters, whose name holds ``head``'s
        noun ("Surrey Police" for "police", "Ministry of Defence" for "the ministry") or that the article described
        with it ("RT, the Russian network", "the CBS television network" for "the network"). With ``any_word``
        False, only the name's last word counts ("International Monetary Fund" for "the fund")."""
        word = head.lemma_.lower()
        if self._org_words is None:
            self._org_words = self._organisations()
        for offset, mention, name_words, kind_words in reversed(self._org_words):
            if head.idx - ANTECEDENT_WINDOW <= offset < head.idx and not _inside(offset, head) \
                    and word in (name_words | kind_words if any_word else kind_words):
                return self.earlier(mention.name) or mention
        return None

    def _organisations(self) -> list[tuple[int, Mention, frozenset[str], frozenset[str]]]:
        """Named organisations with the words that may stand for them: their name's words, and the words that say
        what kind of body they are (the name's last word, their appositives' nouns, the noun the name modifies:
        "the RT America television network"). A name is an organisation's when the model says so, when it ends in
        an institution's noun ("Surrey Police", which the model calls a person), or when an appositive calls it one
        ("RT, the Russian network"). Headlines are left out: in title case "Killing by the Police" reads as a name."""
        found = []
        for token in self.doc:
            if token.pos_ != "PROPN" or token.ent_type_ in PLACE_LABELS or in_headline(token):
                continue
            described = token.head.lemma_.lower() if token.head.pos_ == "NOUN" else ""
            if token.dep_ == "compound" and not (token.ent_type_ == "ORG" and self.doc[token.i + 1].pos_ != "PROPN"
                                                 and described in self.lexicon.organization_nouns):
                continue  # a word inside a name, or a person's name before a noun ("the Obama administration")
            run = name_tokens(token)
            kinds = {c.lemma_.lower() for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
            if token.dep_ == "compound":
                kinds.add(described)
            institution = institution_head(token, self.lexicon) or bool(kinds & self.lexicon.organization_nouns)
            if run and (token.ent_type_ == "ORG" or institution):
                found.append((run[0].idx, Mention(as_written(run), "organization"),
                              frozenset(t.lower_ for t in run), frozenset(kinds | {run[-1].lemma_.lower()})))
        return found

    def resolve_document(self, head: Token) -> Mention | None:
        """``the message``, ``this press release``: who issued the nearest earlier document of the same kind that
        the article names an issuer for ("a message from the Central Commission", "the Department sent out this
        press release", "Meyer penned a letter"); None when no such document is named."""
        for token in reversed(self.doc[: head.i]):
            if token.idx < head.idx - ANTECEDENT_WINDOW:
                break
            if token.lemma_.lower() != head.lemma_.lower():
                continue
            issuer = self.issuer_of(token)
            if issuer is not None:
                return issuer
        return None

    def issuer_of(self, document: Token) -> Mention | None:
        """Who issued this document, when the text names them (``_issuer``)."""
        run = _issuer(document, self.lexicon)
        if run is None:
            return None
        name = self.fullest(as_written(run))
        before = self.earlier(name)
        if before is not None:
            return before
        if looks_personal(run[-1]):
            return Mention(name, "person")
        institution = any(institution_head(t, self.lexicon) for t in run) or run[-1].ent_type_ == "ORG"
        return Mention(name, "organization" if institution else single_kind(run[-1]))

    def resolve_title(self, head: Token) -> Mention | None:
        """``the coach``, ``the minister``: an earlier speaker given that title (``Foreign Minister X ... the minister
        said``), else the one person the same sentence names; None when that is not clear."""
        word = head.lower_
        for offset, mention, plural in reversed(self.speakers):
            if offset < head.idx and not plural and mention.kind == "person" and mention.role \
                    and word in mention.role.lower().split():
                return mention
        sentence = head.sent
        people = {mention.name for offset, mention in self.named
                  if sentence.start_char <= offset < head.idx and mention.kind == "person"}
        if len(people) == 1:
            name = self.fullest(people.pop())
            return self.earlier(name) or Mention(name, "person")
        return None

    def resolve_described(self, head: Token) -> Mention | None:
        """``the actress``, ``the 24-year-old singer``: the one named person the article described with that noun
        before ("Actress Lindsay Lohan", "Lohan, the actress,", "The singer, Amy Winehouse,"); None when no one
        was, or more than one person was."""
        if self._described is None:
            self._described = self._descriptions()
        word = head.lemma_.lower()
        people = {mention.name: mention for offset, mention, words in self._described
                  if head.idx - ANTECEDENT_WINDOW <= offset < head.idx and word in words}
        if len(people) != 1:
            return None
        mention = people.popitem()[1]
        return self.earlier(mention.name) or mention

    def _descriptions(self) -> list[tuple[int, Mention, frozenset[str]]]:
        found = []
        for token in self.doc:
            if token.ent_type_ not in ("PERSON", "") or token.pos_ != "PROPN" or token.dep_ == "compound":
                continue
            run = strip_titles(name_tokens(token), self.lexicon)
            if not run or (token.ent_type_ != "PERSON" and len(run) < 2):
                continue  # a name the model did not tag is a full name ("The singer, Ana Ruiz,")
            words = {t.lemma_.lower() for t in token.subtree if t.i < run[0].i and t.dep_ == "compound"
                     and t.ent_type_ != "PERSON" and t.pos_ in ("NOUN", "PROPN")}
            words |= {TITLE_ABBREVIATIONS[word] for word in words if word in TITLE_ABBREVIATIONS}  # "Sen." senator
            words |= {c.lemma_.lower() for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
            if token.dep_ == "appos" and token.head.pos_ == "NOUN":
                words.add(token.head.lemma_.lower())
            if words:
                found.append((token.idx, Mention(self.fullest(as_written(run)), "person"), frozenset(words)))
        return found

    def resolve_pronoun(self, pronoun: Token, content: Sequence[tuple[int, int]] = ()) -> Mention | None:
        """The nearest earlier speaker that fits the pronoun (a person for he/she, a group or body for they/it);
        for he/she, a named person who is the subject of a nearer sentence wins ("Zelensky spoke. ... he said"),
        unless that sentence is someone's words (a quotation, the pronoun's own aside, or reported speech).
        No one named inside ``content``, what the pronoun's speaker said, is that speaker ("“I'm sad that Catherine
        is not continuing,” she wrote")."""
        wanted = self.lexicon.pronouns.get(pronoun.lower_)
        if wanted is None:
            return None
        found: tuple[int, Mention] | None = None
        sex = pronoun_sex(pronoun.lower_)
        singular = pronouns()[pronoun.lower_].plural is False
        for offset, mention, plural in reversed(self.speakers):
            if offset >= pronoun.idx or (sex and self.sex_of(mention.name) not in (sex, None)) \
                    or _within(offset, content):
                continue
            if wanted == "person" and not plural and mention.kind in ("person", "anonymous"):
                found = (offset, mention)  # "a close aide of Sharif ... he said" is the aide
                break
            if wanted == "group" and (plural or mention.kind in ("organization", "country", "group")) \
                    and not (plural and singular):
                return mention  # "it" is not the "authorities" who spoke before
        if pronoun.lower_ == "it":
            return self.resolve_description(pronoun)
        if wanted == "person":
            quote = self.quote_at(pronoun.idx)
            for offset, mention, quoted, reported in reversed(self.subjects):
                if (quoted is not None or reported) and (quoted is None or quoted != quote) \
                        or _within(offset, content):
                    # someone a quotation or reported speech talks about ("Mr. Lee said the local 67th Precinct had
                    # grown ... he said") is not who the narrator says spoke next; inside one quotation, the
                    # speaker's own words may name who "he" is ("“I believe Brian Nichols did not win. In his own
                    # words, he said ...”")
                    continue
                if offset < pronoun.idx and pronoun.sent.start_char > offset and (found is None or offset > found[0]) \
                        and not (sex and self.sex_of(mention.name) not in (sex, None)):
                    return self.earlier(mention.name) or mention
        return found[1] if found else None


def _issuer(document: Token, lexicon: Lexicon) -> list[Token] | None:
    """Who issued a document the text names: "a message from [the Central Commission ...]", "[Tesco]'s
    statement", "the [Interior Department] press release", "[the Department of Interior] sent out this release"."""
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            named = [t for t in child.children if t.dep_ == "pobj" and t.pos_ == "PROPN"]
            if named:
                return _named_run(named[0], lexicon)
        if child.dep_ in ("poss", "compound") and child.pos_ == "PROPN":
            return _named_run(child, lexicon)
    verb = document.head
    if document.dep_ == "dobj" and verb.pos_ == "VERB":
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
        if subject is not None:
            return _named_run(subject, lexicon)
    return None


def _named_run(token: Token, lexicon: Lexicon) -> list[Token] | None:
    run = strip_titles(name_tokens(token), lexicon)
    if run and institution_head(run[-1], lexicon):
        run = with_of_phrase(run)
    return run or None


def _trimmed(entity: Span) -> str:
    """An entity's text without the words a name never ends with: "Police at" of "Police at first told workers"."""
    end = entity.end
    while end > entity.start and entity.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT"):
        end -= 1
    return entity.doc[entity.start:end].text


def _in_reported_clause(token: Token) -> bool:
    """A name inside a complement clause, as in what someone reports ("Mr. Lee said the local 67th Precinct had
    grown more open"): someone the speaker talks about, not someone the narrator brings on."""
    return any(ancestor.dep_ == "ccomp" for ancestor in token.ancestors)


def _within(offset: int, parts: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in parts)


def _inside(offset: int, token: Token) -> bool:
    return token.idx <= offset < token.idx + len(token.text)
