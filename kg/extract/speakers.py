"""Who a source phrase names: the claimant Mention with its fullest name, kind, role and affiliation.

``Armenian Foreign Minister Ararat Mirzoyan`` -> Ararat Mirzoyan, person, Foreign Minister, Armenia;
``Russia's deputy UN ambassador, Dmitry Polyansky`` -> Dmitry Polyansky (the appositive holds the name);
``one of the sources, a close aide of Sharif`` -> anonymous (Sharif is who the aide serves, not who spoke);
``Bayramov`` -> Jeyhun Bayramov (the fullest earlier form); ``he`` -> the nearest earlier person who spoke.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.dates import TIME_ZONES
from kg.extract.lexicon import Lexicon
from kg.extract.quotes import Quote, find_quotes
from kg.types import Mention
from kg.types import Span as TextSpan
from kg.words import forms_of_address, pronoun_sex, pronouns, title_sex

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PERSON = _PLACE_LABELS | {"ORG"}
#: Heads of institutions' names that the organisation nouns of the lexicon do not hold
_ORG_HEADS = frozenset({"chamber", "bank", "association", "federation", "league", "society", "corporation",
                        "inc", "ltd", "plc", "university", "college", "school", "hospital", "board", "bureau"})
#: Where a named speaker can stand ("Zelensky said", "spoke to Zelensky", "met Zelensky", "an aide, Zelensky")
_SUBJECT_DEPS = ("nsubj", "pobj", "dobj", "appos")
#: How far back (characters) "it" or "the company" looks for the organisation it stands for: about two paragraphs.
ANTECEDENT_WINDOW = 1500
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


def _written(tokens: Sequence[Token]) -> str:
    """Tokens as the text writes them ("Kilroy-Silk", not "Kilroy - Silk")."""
    return "".join(t.text_with_ws for t in tokens).strip()


def name_tokens(head: Token) -> list[Token]:
    """The proper-name run a head noun belongs to ("Ararat Mirzoyan" in "... Minister Ararat Mirzoyan")."""
    if head.pos_ != "PROPN":
        return []
    doc = head.doc
    run = [head]
    index = head.i - 1
    # walks back within the sentence: stops once the token after ``index`` starts it
    while index >= 0 and not doc[index + 1].is_sent_start:
        if doc[index].pos_ == "PROPN" and doc[index].head.i in {t.i for t in run}:
            run.insert(0, doc[index])
            index -= 1
        elif doc[index].text == "-" and index > 0 and doc[index - 1].pos_ == "PROPN" \
                and not doc[index - 1].whitespace_ and not doc[index].whitespace_:
            run[:0] = [doc[index - 1], doc[index]]  # "Kilroy-Silk", "Al-Assad": one name
            index -= 2
        else:
            break
    return run


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
        for i in numpy.flatnonzero((pos == PROPN) & (dep != strings["compound"])).tolist():
            run = _strip_titles(name_tokens(doc[i]), lexicon)
            # Only person-like names: "Ethnic Armenians" (a headline) or "Nagorno-Karabakh" are not surnames.
            if len(run) >= 2 and run[-1].tag_ == "NNP" and not any(t.ent_type_ in _PLACE_LABELS for t in run):
                key = run[-1].text
                if len(run) > len(self.full_names.get(key, "").split()):
                    self.full_names[key] = _written(run)
                if run[-1].ent_type_ == "PERSON":
                    self.person_names.add(_written(run))
        # (offset, resolved mention, plural) of speakers, in text order
        self.speakers: list[tuple[int, Mention, bool]] = []
        self._sexes: dict[str, Counter[str]] | None = None
        self._described: list[tuple[int, Mention, frozenset[str]]] | None = None
        self._org_words: list[tuple[int, Mention, frozenset[str]]] | None = None
        # Named organisations and people wherever they stand, for "it said", "the company said", "the coach said".
        self.named: list[tuple[int, Mention]] = [
            (ent.start_char, Mention(ent.text, "organization" if ent.label_ == "ORG" else "person"))
            for ent in doc.ents if ent.label_ in ("ORG", "PERSON") and len(ent.text) > 1]
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
            if token.dep_ in _SUBJECT_DEPS and token.pos_ == "PROPN" and not _in_headline(token) \
                    and (token.ent_type_ not in _PLACE_LABELS | {"ORG"} or self.surname_of_person(token)) \
                    and (token.dep_ == "nsubj" or any(child.tag_ == "WP" for child in token.subtree)):
                full = name_tokens(token)
                run = _strip_titles(full, lexicon)
                written = _written(run)
                if run and written not in countries and run[-1].lower_ not in lexicon.organization_nouns:
                    # keep the title written before the name: it is what ties "Nikola" to "Nikol" Pashinyan later
                    role = _role(_written(full[: len(full) - len(run)]), lexicon)
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
        return tally

    def sex_of(self, name: str) -> str | None:
        """"m" or "f" when the article's own references agree at least two to one, else None."""
        if self._sexes is None:
            self._sexes = self._tally_sexes()
        counts = self._sexes.get(name.split()[-1]) if name.split() else None
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
            if token.pos_ != "PROPN" or token.ent_type_ in _PLACE_LABELS or _in_headline(token):
                continue
            described = token.head.lemma_.lower() if token.head.pos_ == "NOUN" else ""
            if token.dep_ == "compound" and not (token.ent_type_ == "ORG" and self.doc[token.i + 1].pos_ != "PROPN"
                                                 and described in self.lexicon.organization_nouns):
                continue  # a word inside a name, or a person's name before a noun ("the Obama administration")
            run = name_tokens(token)
            kinds = {c.lemma_.lower() for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
            if token.dep_ == "compound":
                kinds.add(described)
            institution = _institution_head(token, self.lexicon) or bool(kinds & self.lexicon.organization_nouns)
            if run and (token.ent_type_ == "ORG" or institution):
                found.append((run[0].idx, Mention(_written(run), "organization"),
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
        name = self.fullest(_written(run))
        before = self.earlier(name)
        if before is not None:
            return before
        if _looks_personal(run[-1]):
            return Mention(name, "person")
        institution = any(_institution_head(t, self.lexicon) for t in run) or run[-1].ent_type_ == "ORG"
        return Mention(name, "organization" if institution else _single_kind(run[-1]))

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
            run = _strip_titles(name_tokens(token), self.lexicon)
            if not run or (token.ent_type_ != "PERSON" and len(run) < 2):
                continue  # a name the model did not tag is a full name ("The singer, Ana Ruiz,")
            words = {t.lemma_.lower() for t in token.subtree if t.i < run[0].i and t.dep_ == "compound"
                     and t.ent_type_ != "PERSON" and t.pos_ in ("NOUN", "PROPN")}
            words |= {c.lemma_.lower() for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
            if token.dep_ == "appos" and token.head.pos_ == "NOUN":
                words.add(token.head.lemma_.lower())
            if words:
                found.append((token.idx, Mention(self.fullest(_written(run)), "person"), frozenset(words)))
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
    run = _strip_titles(name_tokens(token), lexicon)
    if run and _institution_head(run[-1], lexicon):
        run = _with_of_phrase(run)
    return run or None


def _strip_titles(run: list[Token], lexicon: Lexicon) -> list[Token]:
    """Drop leading title and nationality words tagged PROPN ("Armenian Foreign Minister Ararat Mirzoyan" ->
    "Ararat Mirzoyan"), and a leading possessive owner ("Trump's envoy Steve Witkoff")."""
    title_words = lexicon.title_words
    for index in range(len(run) - 1, 0, -1):
        if run[index - 1].dep_ == "case" or run[index].dep_ == "case":
            run = run[index + 1:] if run[index].dep_ == "case" else run[index:]
            break
    if run and _institution_head(run[-1], lexicon):
        return run  # "Interior Department", "US Chamber": the words before an institution's head are its name
    while len(run) > 1 and (run[0].lower_ in title_words or run[0].text in lexicon.demonyms
                            or (run[0].text.isupper() and run[0].lower_ in TIME_ZONES)):
        run = run[1:]  # "At 10:30 a.m. PDT Ellen DeGeneres tweeted": the time zone is not her name
    titles = [index for index, token in enumerate(run[:-1])
              if token.lower_ in title_words or token.lower_.rstrip(".") in forms_of_address()]
    if titles:
        run = run[titles[-1] + 1:]  # "Former Pennsylvania Gov. Ed Rendell": the name starts after the last title
    if len(run) > 1 and run[-1].ent_type_ == "PERSON":
        while len(run) > 1 and run[0].ent_type_ != "PERSON":
            run = run[1:]  # "Secretary of the Treasury Alan Whitby": "Treasury" is the office, not the name
    return run


def _in_reported_clause(token: Token) -> bool:
    """A name inside a complement clause, as in what someone reports ("Mr. Lee said the local 67th Precinct had
    grown more open"): someone the speaker talks about, not someone the narrator brings on."""
    return any(ancestor.dep_ == "ccomp" for ancestor in token.ancestors)


def _in_headline(token: Token) -> bool:
    """A line in title case ("Inmate Escapes, Handcuffs Guards"): every word capitalised, so the parser takes
    verbs and nouns for names; no one there is a person to resolve "he" to."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    words = [word for word in text[start:end if end >= 0 else len(text)].split() if word[:1].isalpha()]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


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
    return _written(tokens) or phrase.text


def _institution_head(token: Token, lexicon: Lexicon) -> bool:
    """A word that ends institutions' names ("Police", "Ministry", "Bank"); the model's ORG label is not trusted
    for this (it tags "the Interior Dirk Kempthorne" ORG)."""
    return token.lower_ in lexicon.organization_nouns or token.lower_ in _ORG_HEADS


def _with_of_phrase(run: list[Token]) -> list[Token]:
    """``Chamber`` -> ``Chamber of Commerce``: an institution's name goes on through "of" and a proper noun."""
    doc = run[-1].doc
    end = run[-1].i + 1
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end + 1].pos_ == "PROPN":
        # "Commission for Elections and Referenda of Turkmenistan": names joined by "and" and "of" go on
        last = end + 1
        while last + 1 < len(doc) and not doc[last + 1].is_sent_start and (
                doc[last + 1].pos_ == "PROPN" or (doc[last + 1].lower_ in ("and", "of", "for") and last + 2 < len(doc)
                                                  and doc[last + 2].pos_ == "PROPN")):
            last += 1
        return run + [doc[i] for i in range(end, last + 1)]
    return run


def _role(text: str, lexicon: Lexicon) -> str | None:
    for pattern in lexicon.title_patterns:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def _affiliation(phrase: Span, name: str, lexicon: Lexicon) -> str | None:
    for token in phrase:
        if token.dep_ == "poss" and token.pos_ == "PROPN" and token.text not in name:
            return _written(name_tokens(token)) or token.text
    for token in phrase:
        if token.text in lexicon.demonyms and token.text not in name.split():
            return lexicon.demonyms[token.text]
    for token in phrase:
        if token.lower_ in ("at", "of", "with", "for") and token.head.pos_ in ("NOUN",):
            objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects:
                return _written(name_tokens(objects[0]))
    return None


def _within(offset: int, parts: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in parts)


def _inside(offset: int, token: Token) -> bool:
    return token.idx <= offset < token.idx + len(token.text)


def written_name(token: Token, lexicon: Lexicon) -> str:
    """The name a proper noun belongs to, without the titles and forms of address before it ("Both Mr. King" ->
    "King"), as written."""
    run = _strip_titles(name_tokens(token), lexicon) or [token]
    while len(run) > 1 and run[0].lower_ in ("both", "either", "neither", "all"):
        run = run[1:]
    return _written(run)


def whole_phrase(phrase: Span) -> Span:
    """The noun phrase a source span belongs to, without what is not the speaker: a span cut inside a word or a
    compound ("its co" of "its co-chairman") grows to its head's phrase; relative and participle clauses ("The five
    unions meeting Mr Prescott"), dates and times ("on Saturday") and coordination are cut away."""
    doc = phrase.doc
    head = phrase.root
    while head.pos_ != "PROPN" and head.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "punct") \
            and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i \
            and head.head.i - phrase.end <= 3:
        head = head.head
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "cc", "conj", "npadvmod") and child.i > head.i:
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.i > head.i and any(
                t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
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
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "case"):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return phrase
    end = tokens[-1].i + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1  # "Its co" of "Its co-chairman": a phrase never stops inside a hyphenated word
    return doc[tokens[0].i : end]


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
                                     or antecedent.root.ent_type_ in _PLACE_LABELS):
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
        # (only a person's name: "the chairman of the House Natural Resources Committee" is not the committee)
        candidates += [t for t in phrase if t.pos_ == "PROPN" and t.dep_ != "compound" and t.i != head.i
                       and t.ent_type_ not in _NOT_PERSON | {"NORP"} and not _institution_head(t, lexicon)]
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
        run = _strip_titles(name_tokens(candidate), lexicon)
        if run and all(t.lower_ in lexicon.title_words for t in run) and index.fullest(_written(run)) == _written(run):
            continue  # a title alone ("Secretary", "Sgt") is nobody's name; "King" after "Larry King" is his
        if run and _institution_head(run[-1], lexicon):
            run = _with_of_phrase(run)  # "US Chamber of Commerce", "Ministry of Defence"
            owner = next((c for c in candidate.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if owner is not None:  # "Azerbaijan's Defense Ministry" is not any defence ministry
                run = [t for t in phrase.doc[owner.left_edge.i : run[-1].i + 1] if t.pos_ != "DET"]
        written = _written(run)
        known = bool(run) and (len(run) >= 2 or index.fullest(written) != written)
        if run and (known or not _is_institution(run, lexicon)):
            name = index.fullest(written)
            rest = phrase.text.replace(written, " ")
            if written in lexicon.demonyms.values():
                kind = "country"  # "If Azerbaijan wants ...": the model may call a country a PERSON
            else:
                # "Deutsche Bank" is two words, but an organisation: the model's label decides unless it is a person's
                kind = "person" if _looks_personal(run[-1]) or (known and run[-1].ent_type_ not in _NOT_PERSON) \
                    or (len(run) == 1 and index.surname_of_person(run[-1])) else _single_kind(run[-1])
                if _institution_head(candidate, lexicon):
                    kind = "organization"  # "Surrey Police", "Defence Ministry", "US Chamber of Commerce"
            role, affiliation = _role(rest, lexicon), _affiliation(phrase, name, lexicon)
            before = index.earlier(name)
            if before is not None:
                # "police chief William J. Bratton ... Bratton said": the article told us who he is
                kind = "person" if "person" in (kind, before.kind) else kind if before.kind == "unknown" \
                    else before.kind
                role, affiliation = role or before.role, affiliation or before.affiliation
            return Mention(name, kind, span, role, affiliation)
    definite = phrase[0].lower_ in _DEFINITE and not any(t.pos_ == "PROPN" for t in phrase)
    if definite and _institution_head(head, lexicon):
        resolved = index.resolve_description(head)  # "Deutsche Bank said ... the bank said"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    if definite and head.pos_ == "NOUN" and not _institution_head(head, lexicon):
        # "England coach Andy Robinson ... the coach said"; "Actress Lindsay Lohan ... the actress said"; "the
        # International Monetary Fund ... the fund said"
        resolved = (index.resolve_title(head) if head.lower_ in lexicon.title_words else None) \
            or index.resolve_described(head) or index.named_with(head, any_word=False)  # "IMF ... the fund"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    for candidate in candidates + [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for c in c.children if c.dep_ == "pobj"]:
        if candidate.lemma_.lower() in lexicon.anonymous_nouns or candidate.lower_ in lexicon.anonymous_nouns:
            return Mention(phrase.text, "anonymous", span, _role(phrase.text, lexicon),
                           _affiliation(phrase, "", lexicon))
    if len(phrase) == 1 and head.pos_ == "NOUN" and _institution_head(head, lexicon):
        resolved = index.named_with(head)  # "Surrey Police said ... police said"
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
    if head.lower_ in lexicon.organization_nouns or _is_institution(name_tokens(head), lexicon):
        # "ProPublica, a nonprofit investigative news organization": the name, not its appositive description
        run = name_tokens(head) if head.pos_ == "PROPN" else []
        if run:
            run = _with_of_phrase(run)
        name = _written(run) if run else _without_appositive(phrase)
        return Mention(name, "organization", span, None, _affiliation(phrase, name, lexicon))
    if head.lower_ in lexicon.group_nouns:
        return Mention(phrase.text, "group", span)
    if head.pos_ == "PROPN":
        return Mention(phrase.text, _single_kind(head), span)
    # "Azerbaijan's top diplomat", "the president": kept as written; the resolver links descriptions to names.
    role = _role(phrase.text, lexicon)
    kind = "person" if role is not None and head.lower_ in lexicon.title_words else "unknown"
    return Mention(phrase.text, kind, span, role, _affiliation(phrase, "", lexicon))


def quoted_as_saying(cue: Token) -> Span | None:
    """``People quoted him as saying``: the one quoted (the cue's object) spoke; whoever quotes only passes it on.
    None for any other cue."""
    if cue.lemma_.lower() != "quote" or not any(
            child.dep_ == "prep" and child.lower_ == "as" and any(g.lower_ == "saying" for g in child.children)
            for child in cue.children):
        return None
    quoted = next((child for child in cue.children if child.dep_ == "dobj"), None)
    return None if quoted is None else cue.doc[quoted.left_edge.i : quoted.right_edge.i + 1]


def source_of_relative(pronoun: Token) -> Span:
    """The noun phrase a relative pronoun stands for, without the relative clause itself."""
    noun = pronoun.head.head
    tokens = [t for t in noun.subtree if t.i < pronoun.head.left_edge.i and not t.is_punct] or [noun]
    return noun.doc[tokens[0].i : tokens[-1].i + 1]


def _is_institution(run: list[Token], lexicon: Lexicon) -> bool:
    # NORP is not trusted: the model tags "Mirzoyan" NORP (DESIGN.md section 6).
    return bool(run) and (run[-1].lower_ in lexicon.organization_nouns or run[-1].ent_type_ == "ORG")


def _looks_personal(token: Token) -> bool:
    return token.ent_type_ == "PERSON"


def _single_kind(token: Token) -> str:
    if token.ent_type_ == "GPE":
        return "country"
    if token.ent_type_ in ("ORG", "NORP", "FAC"):
        return "organization"
    if token.ent_type_ == "PERSON":
        return "person"
    return "unknown"
