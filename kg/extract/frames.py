"""Attribution frames from a dependency parse: a cue, its source and its content as token/character ranges.

A frame is the syntactic skeleton of one attributed statement, before it becomes a Claim (attribution.py adds the
claimant, stance and confidence). Shapes handled, each from real wire copy:
  - ``X said (that) ...`` / ``"...," X said`` / ``"...", said X, the ...``: the content is the ccomp clause, widened to
    the whole quotation it lies in (a multi-sentence quote is one clause for the parser, several sentences for us);
  - ``X told the council: "..."``: a colon after the cue hands the content to the quote that follows;
  - ``X accused Y of Z`` / ``X urged Y to Z`` / ``X called for Z`` / ``X denied Z``: the right-hand complements;
  - ``according to X, ...``: the rest of the sentence;
  - ``X's allegations that ...``: nominal cues with a that-clause.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon
from kg.extract.quotes import Quote

# Right-hand dependents that carry what was said when there is no clausal complement ("denied the allegations").
_COMPLEMENT_DEPS = frozenset({"dobj", "xcomp", "oprd", "attr", "acomp"})
# Prepositions whose object is the content ("called for a ceasefire", "accused Y of Z", "warned against ...").
_CONTENT_PREPS = frozenset({"for", "of", "against", "about", "on", "upon", "over"})
# Verbs whose direct object is the hearer, not the content ("told reporters", "asked the judge").
_HEARER_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_EDGE_PUNCT = " \t\r\n,;:—–-"
_GAP_CHARS = " \t\r\n,;:—–-.\"“”'"


@dataclass
class Frame:
    """One attribution found in the parse; offsets are characters into the doc text."""

    cue: Token  # head token of the cue
    cue_span: tuple[int, int]
    source: Span | None  # the source phrase as written
    content: list[tuple[int, int]]
    direct: bool
    kind: str  # verb | according | noun | colon
    features: dict[str, float] = field(default_factory=dict)


def char_span(tokens: list[Token] | Span) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and stray separators from the edges of a content range (quote marks stay: PolNeAR keeps them)."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


class QuoteIndex:
    """Where the quotations are, for "is this token inside a quote" and "which quotes touch this range"."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes

    def containing(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            if quote.start < offset < quote.end:
                return quote
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes if q.start < end and start < q.end]

    def after(self, offset: int, limit: int) -> Quote | None:
        for quote in self.quotes:
            if offset <= quote.start < limit:
                return quote
        return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue verb: its subject, the agent of a passive, or the subject of the verb it hangs from."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            # "Mirzoyan, who called for the meeting": PolNeAR marks "who" as the source; speakers.py names it.
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # "we are now being told": the hearer is the subject, the speaker is unwritten
    if depth < 3 and verb.head.i != verb.i:
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head  # "House Speaker Paul Ryan, admitting that ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return subject_of(verb.head.head, depth + 1)  # "He pitched himself to voters by telling them that ..."
        if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") or (verb.dep_ == "ccomp" and verb.tag_ == "VBG"):
            # "... and accused Azerbaijan of ...", "..., adding that ...", "is expected to announce"
            return subject_of(verb.head, depth + 1)
        if verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return subject_of(verb.head.head, depth + 1)  # "Pagliano was held in contempt for refusing to ..."
    return None


def source_phrase(doc: Doc, head: Token) -> Span:
    """The source as written: the subject's subtree, cut before a relative clause ("X, who ..., said")."""
    tokens = [t for t in head.subtree]
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.i > head.i:
            cut = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in cut and t.i < child.left_edge.i]
    # Never across a paragraph break: the parser runs a photo credit into the next paragraph's subject.
    paragraph = paragraph_of(doc.text, head.idx)
    tokens = [t for t in tokens if paragraph[0] <= t.idx < paragraph[1]]
    if not tokens:
        tokens = [head]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return doc[tokens[0].i : tokens[-1].i + 1]


def cue_extent(verb: Token) -> tuple[int, int]:
    """The cue as written: the verb with its particle ("called for", "pointed out"); "according to" as a pair."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.i == verb.i + 1 and child.lower_ in ("for", "to")):
            tokens.append(child)
    tokens.sort(key=lambda t: t.i)
    return char_span(tokens)


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _union_with_quotes(text: str, verb: Token, start: int, end: int, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """A clause widened to any quotation it overlaps (the parser sees one sentence of a three-sentence quote),
    but never to the quote the cue itself stands in ("... by saying Obama is not ..." inside someone's quote), and
    never past the cue's paragraph otherwise (the parser runs headlines into the first paragraph)."""
    low, high = paragraph_of(text, verb.idx)
    start, end = max(start, low), min(end, high)
    own = quotes.containing(verb.idx)
    for quote in quotes.overlapping(start, end):
        if quote != own:
            start, end = min(start, quote.start), max(end, quote.end)
    return [trim(text, start, end)] if end > start else []


def _clause_content(doc: Doc, verb: Token, quotes: QuoteIndex) -> list[tuple[int, int]]:
    text = doc.text
    parts: list[tuple[int, int]] = []
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and not (quotes.containing(verb.idx) and child.dep_ == "parataxis"):
            start, end = char_span(list(child.subtree))
            parts.extend(_union_with_quotes(text, verb, start, end, quotes))
    return _merge(parts)


def _merge(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(p for p in parts if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _colon_quote(doc: Doc, verb: Token, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """``Polyansky told the council: "..."``: the quote that opens right after a colon following the cue."""
    colon = next((t for t in verb.sent if t.i > verb.i and t.text == ":"), None)
    if colon is None:
        return []
    quote = quotes.after(colon.idx, colon.idx + 6)
    return [trim(doc.text, quote.start, quote.end)] if quote is not None else []


def _adjacent_quotes(doc: Doc, verb: Token, clause: tuple[int, int], quotes: QuoteIndex) -> list[tuple[int, int]]:
    """``"...," Aliyev said`` / ``said Peskov, "..."``: quotes touching the attribution clause, with nothing but
    punctuation between them and it (a quote elsewhere in the sentence belongs to another cue or to none)."""
    text = doc.text
    found = []
    for quote in quotes.overlapping(verb.sent.start_char, verb.sent.end_char + 2):
        if quote.start <= verb.idx < quote.end:
            continue
        gap = text[quote.end:clause[0]] if quote.end <= clause[0] else text[clause[1]:quote.start]
        if not gap.strip(_GAP_CHARS):
            found.append(trim(text, quote.start, quote.end))
    return found


def _complement_content(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """Right-hand complements: "denied [the allegations]", "accused [Y of Z]", "urged [Y to Z]"."""
    chosen: list[Token] = []
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in _COMPLEMENT_DEPS or (child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS):
            chosen.append(child)
        elif child.dep_ == "dative" and verb.lemma_ not in _HEARER_VERBS:
            chosen.append(child)
    if verb.lemma_ in _HEARER_VERBS and not any(c.dep_ in ("xcomp", "ccomp") for c in chosen):
        chosen = [c for c in chosen if c.dep_ != "dobj"]  # "told reporters" alone says nothing
    if not chosen:
        return []
    # "the wisdom of committing to Scott, who has never faced ...": PolNeAR stops before a comma + relative clause.
    tokens = [t for child in chosen for t in child.subtree if not _in_loose_relative(t, child)]
    start, end = char_span(sorted(tokens, key=lambda t: t.i))
    return [trim(doc.text, start, end)]


def _in_loose_relative(token: Token, top: Token) -> bool:
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.left_edge.i > 0 and node.doc[node.left_edge.i - 1].text == ",":
            return True
        node = node.head
    return False


def _parenthetical_content(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """``What Armenia has seen, Mirzoyan said, "is not ..."``: the cue interrupts the clause it reports."""
    if verb.dep_ not in ("parataxis", "advcl", "ccomp") or verb.head.i == verb.i:
        return []
    inner = {t.i for t in verb.subtree}
    outer = [t for t in verb.head.subtree if t.i not in inner]
    before = [t for t in outer if t.i < verb.left_edge.i]
    after = [t for t in outer if t.i > verb.right_edge.i]
    if not before or not after or verb.head.i < verb.left_edge.i and not before:
        return []
    parts = [trim(doc.text, *char_span(group)) for group in (before, after)]
    return [p for p in parts if p[1] - p[0] > 1]


def _preceding_clause(doc: Doc, verb: Token, subject: Token | None) -> list[tuple[int, int]]:
    """``Before Pakistan commits troops it wants assurances, three sources told Reuters.``: when the parser hangs
    the reported clause off the cue as an adverbial, the content is the sentence up to the comma before the source."""
    if subject is None or subject.i > verb.i:
        return []
    left = subject.left_edge.i
    if left - 1 <= verb.sent.start or doc[left - 1].text not in (",", "—", "–"):
        return []
    start, end = char_span(doc[verb.sent.start : left - 1])
    return [trim(doc.text, start, end)] if end - start > 10 else []


def _clause_extent(verb: Token, subject: Token | None) -> tuple[int, int]:
    tokens = [verb] + ([t for t in subject.subtree] if subject is not None else [])
    tokens += [c for c in verb.children if c.dep_ in ("aux", "advmod", "neg", "prt", "npadvmod", "dobj", "dative")
               for c in c.subtree]
    tokens.sort(key=lambda t: t.i)
    return char_span(tokens)


def verb_frame(doc: Doc, verb: Token, quotes: QuoteIndex) -> Frame | None:
    """A frame for a cue verb, or None when it has no content to report."""
    subject = subject_of(verb)
    kind = "verb"
    content = _clause_content(doc, verb, quotes)
    if not content:
        content = _colon_quote(doc, verb, quotes)
        kind = "colon"
    if not content:
        content = _complement_content(doc, verb)
        kind = "complement"
    if not content:
        content = _adjacent_quotes(doc, verb, _clause_extent(verb, subject), quotes)
        kind = "quote"
    if not content:
        content = _parenthetical_content(doc, verb)
        kind = "parenthetical"
    if not content:
        content = _preceding_clause(doc, verb, subject)
        kind = "preceding"
    if not content:
        return None
    source = source_phrase(doc, subject) if subject is not None else None
    direct = all(quotes.containing(s + 1) is not None or doc.text[s] in "\"“'" for s, _ in content)
    return Frame(verb, cue_extent(verb), source, content, direct, kind)


def according_frame(doc: Doc, according: Token) -> Frame | None:
    """``according to X, ...``: X is the source and the rest of the sentence the content."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
    if not objects:
        return None
    phrase = list(according.subtree)
    sentence = according.sent
    before = [t for t in sentence if t.i < phrase[0].i]
    after = [t for t in sentence if t.i > phrase[-1].i]
    parts = [trim(doc.text, *char_span(group)) for group in (before, after) if group]
    parts = [p for p in parts if p[1] - p[0] > 1]
    if not parts:
        return None
    cue_tokens = [according, to]
    return Frame(according, char_span(cue_tokens), source_phrase(doc, objects[0]), parts, False, "according")


def noun_frame(doc: Doc, noun: Token) -> Frame | None:
    """``X's allegations that ...``, ``the claim that ...``: a cue noun with a that-clause."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None:
        return None
    start, end = char_span(list(clause.subtree))
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    source = source_phrase(doc, owner) if owner is not None else None
    return Frame(noun, char_span([noun]), source, [trim(doc.text, start, end)], False, "noun")


def _safely(build, *args) -> Frame | None:  # type: ignore[no-untyped-def]
    """One odd parse (an empty span at a sentence edge, a Span the text cannot hold) loses that frame, never the
    article: the pipeline must keep going on whatever text it is given."""
    try:
        return build(*args)
    except (IndexError, ValueError):
        return None


def find_frames(doc: Doc, quotes: QuoteIndex, lexicon: Lexicon, threshold: float) -> list[Frame]:
    """Every cue in the doc (by the learned lexicon) that yields a frame."""
    frames = []
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            frame = _safely(according_frame, doc, token)
        elif token.pos_ in ("VERB", "AUX") and lexicon.cue_score(token.lemma_, "VERB") >= threshold:
            frame = _safely(verb_frame, doc, token, quotes)
        elif token.pos_ == "NOUN" and lexicon.cue_score(token.lemma_, "NOUN") >= threshold:
            frame = _safely(noun_frame, doc, token)
        else:
            continue
        if frame is not None:
            frame.features["lexicon"] = lexicon.cue_score(token.lemma_, "NOUN" if token.pos_ == "NOUN" else "VERB")
            frames.append(frame)
    return frames
