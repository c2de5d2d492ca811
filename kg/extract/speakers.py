"""Who a source phrase names: the claimant Mention with its fullest name, kind, role and affiliation.

``Armenian Foreign Minister Ararat Mirzoyan`` -> Ararat Mirzoyan, person, Foreign Minister, Armenia;
``Russia's deputy UN ambassador, Dmitry Polyansky`` -> Dmitry Polyansky (the appositive holds the name);
``one of the sources, a close aide of Sharif`` -> anonymous (Sharif is who the aide serves, not who spoke);
``Bayramov`` -> Jeyhun Bayramov (the fullest earlier form); ``he`` -> the nearest earlier person who spoke.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon
from kg.types import Mention
from kg.types import Span as TextSpan

_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Where a named speaker can stand ("Zelensky said", "spoke to Zelensky", "met Zelensky", "an aide, Zelensky")
_SUBJECT_DEPS = ("nsubj", "pobj", "dobj", "appos")
_GROUP_HEADS = frozenset({"people", "protesters", "residents", "voters", "critics", "supporters", "members"})


def name_tokens(head: Token) -> list[Token]:
    """The proper-name run a head noun belongs to ("Ararat Mirzoyan" in "... Minister Ararat Mirzoyan")."""
    if head.pos_ != "PROPN":
        return []
    doc = head.doc
    run = [head]
    index = head.i - 1
    # walks back within the sentence: stops once the token after ``index`` starts it
    while index >= 0 and not doc[index + 1].is_sent_start and doc[index].pos_ == "PROPN" \
            and doc[index].head.i in {t.i for t in run}:
        run.insert(0, doc[index])
        index -= 1
    return run


class SpeakerIndex:
    """Names seen in one article, for surname-only and pronoun speakers."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        # surname -> fullest name (most tokens) written for it; first/fullest form wins, as a reader would read it.
        self.full_names: dict[str, str] = {}
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
                    self.full_names[key] = " ".join(t.text for t in run)
        # (offset, resolved mention, plural) of speakers, in text order
        self.speakers: list[tuple[int, Mention, bool]] = []
        # Named people who are subjects of any verb ("Zelensky spoke to reporters. ... he said"): the fallback.
        self.subjects: list[tuple[int, Mention]] = []
        countries = set(lexicon.demonyms.values())
        for i in numpy.flatnonzero(numpy.isin(dep, [strings[d] for d in _SUBJECT_DEPS])).tolist():
            token = doc[i]
            if token.dep_ == "nsubj" and token.tag_ == "WP" and token.head.dep_ == "relcl":
                # "Prime Minister Nikola Pashinyan, who has refused to step down. He described ...": the name a
                # relative "who" stands for is the subject of that clause.
                token = token.head.head
            if token.dep_ in _SUBJECT_DEPS and token.pos_ == "PROPN" \
                    and token.ent_type_ not in _PLACE_LABELS | {"ORG"} \
                    and (token.dep_ == "nsubj" or any(child.tag_ == "WP" for child in token.subtree)):
                full = name_tokens(token)
                run = _strip_titles(full, lexicon)
                written = " ".join(t.text for t in run)
                if run and written not in countries and run[-1].lower_ not in lexicon.organization_nouns:
                    # keep the title written before the name: it is what ties "Nikola" to "Nikol" Pashinyan later
                    role = _role(" ".join(t.text for t in full[: len(full) - len(run)]), lexicon)
                    self.subjects.append((token.idx, Mention(self.fullest(written), "person", role=role)))

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

    def resolve_pronoun(self, pronoun: Token) -> Mention | None:
        """The nearest earlier speaker that fits the pronoun (a person for he/she, a group or body for they/it);
        for he/she, a named person who is the subject of a nearer sentence wins ("Zelensky spoke. ... he said")."""
        wanted = self.lexicon.pronouns.get(pronoun.lower_)
        if wanted is None:
            return None
        found: tuple[int, Mention] | None = None
        for offset, mention, plural in reversed(self.speakers):
            if offset >= pronoun.idx:
                continue
            if wanted == "person" and not plural and mention.kind in ("person", "anonymous"):
                found = (offset, mention)  # "a close aide of Sharif ... he said" is the aide
                break
            if wanted == "group" and (plural or mention.kind in ("organization", "country", "group")):
                return mention
        if wanted == "person":
            for offset, mention in reversed(self.subjects):
                if offset < pronoun.idx and pronoun.sent.start_char > offset and (found is None or offset > found[0]):
                    return self.earlier(mention.name) or mention
        return found[1] if found else None


def _strip_titles(run: list[Token], lexicon: Lexicon) -> list[Token]:
    """Drop leading title and nationality words tagged PROPN ("Armenian Foreign Minister Ararat Mirzoyan" ->
    "Ararat Mirzoyan"), and a leading possessive owner ("Trump's envoy Steve Witkoff")."""
    title_words = lexicon.title_words
    for index in range(len(run) - 1, 0, -1):
        if run[index - 1].dep_ == "case" or run[index].dep_ == "case":
            run = run[index + 1:] if run[index].dep_ == "case" else run[index:]
            break
    while len(run) > 1 and (run[0].lower_ in title_words or run[0].text in lexicon.demonyms):
        run = run[1:]
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
            return " ".join(t.text for t in name_tokens(token)) or token.text
    for token in phrase:
        if token.text in lexicon.demonyms and token.text not in name.split():
            return lexicon.demonyms[token.text]
    for token in phrase:
        if token.lower_ in ("at", "of", "with", "for") and token.head.pos_ in ("NOUN",):
            objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects:
                return " ".join(t.text for t in name_tokens(objects[0]))
    return None


def mention_for(phrase: Span, index: SpeakerIndex) -> Mention:
    """The claimant Mention for a source phrase; ``span`` is where this mention stands (the pronoun for "he")."""
    lexicon = index.lexicon
    head = phrase.root
    span = TextSpan(phrase.start_char, phrase.end_char)
    if head.lower_ in lexicon.pronouns and len(phrase) == 1:
        resolved = index.resolve_pronoun(head)
        if resolved is not None:
            return Mention(resolved.name, resolved.kind, span, resolved.role, resolved.affiliation)
        kind = "person" if lexicon.pronouns[head.lower_] == "person" else "unknown"
        return Mention(head.text, kind, span)
    # The name may be the head ("Minister Ararat Mirzoyan") or an appositive ("ambassador, Dmitry Polyansky").
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        # "Mirzoyan, who called for ...": PolNeAR's source is "who"; the claimant is the noun it refers to.
        named = mention_for(source_of_relative(head), index)
        return Mention(named.name, named.kind, span, named.role, named.affiliation)
    candidates = [head] + [c for c in head.children if c.dep_ == "appos"]
    for candidate in candidates:
        run = _strip_titles(name_tokens(candidate), lexicon)
        written = " ".join(t.text for t in run)
        known = bool(run) and (len(run) >= 2 or index.fullest(written) != written)
        if run and (known or not _is_institution(run, lexicon)):
            name = index.fullest(written)
            rest = phrase.text.replace(written, " ")
            if written in lexicon.demonyms.values():
                kind = "country"  # "If Azerbaijan wants ...": the model may call a country a PERSON
            else:
                kind = "person" if known or _looks_personal(run[0]) else _single_kind(run[0])
            role, affiliation = _role(rest, lexicon), _affiliation(phrase, name, lexicon)
            before = index.earlier(name)
            if before is not None:
                role, affiliation = role or before.role, affiliation or before.affiliation
            return Mention(name, kind, span, role, affiliation)
    for candidate in candidates + [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for c in c.children if c.dep_ == "pobj"]:
        if candidate.lemma_.lower() in lexicon.anonymous_nouns or candidate.lower_ in lexicon.anonymous_nouns:
            return Mention(phrase.text, "anonymous", span, _role(phrase.text, lexicon),
                           _affiliation(phrase, "", lexicon))
    if head.lower_ in lexicon.organization_nouns or _is_institution(name_tokens(head), lexicon):
        return Mention(phrase.text, "organization", span, None, _affiliation(phrase, phrase.text, lexicon))
    if head.lower_ in _GROUP_HEADS:
        return Mention(phrase.text, "group", span)
    if head.pos_ == "PROPN":
        return Mention(phrase.text, _single_kind(head), span)
    # "Azerbaijan's top diplomat", "the president": kept as written; the resolver links descriptions to names.
    role = _role(phrase.text, lexicon)
    kind = "person" if role is not None and head.lower_ in lexicon.title_words else "unknown"
    return Mention(phrase.text, kind, span, role, _affiliation(phrase, "", lexicon))


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
