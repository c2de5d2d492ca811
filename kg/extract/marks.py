"""Attributions made by punctuation instead of a verb.

- Dash attributions: ``“Mr. Trump embodies the lasting legacy of racism.” ― Sonya Herridge`` (the quote, a dash,
  the speaker's name closing the line).
- Speaker colons: ``Erdogan: 'We will not step back'`` headlines and ``TRUMP: The deaths of ...`` transcripts (a
  short name-like phrase opening a paragraph, a colon, then what was said).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.frames import Frame, QuoteIndex, paragraph_of, trim

_DASH_NAME = re.compile(r"[ \t\u00a0]*[―—–]{1,2}|[ \t\u00a0]*--")
_NAME_END = re.compile(r"[\n,(]|$")
_MAX_NAME_WORDS = 6
_MAX_SPEAKER_TOKENS = 6
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def dash_frames(doc: Doc, quotes: QuoteIndex) -> list[Frame]:
    """``"..." ― Name``: the quote is the content, the dash the cue, the name up to the line end the source."""
    text = doc.text
    frames = []
    for quote in quotes.quotes:
        dash = _DASH_NAME.match(text, quote.end)
        if dash is None:
            continue
        name_start = dash.end()
        while name_start < len(text) and text[name_start] in " \t\u00a0":
            name_start += 1
        name_end = _NAME_END.search(text, name_start).start()
        name = text[name_start:name_end].rstrip(" .\u00a0\t")
        if not name or not name[0].isupper() or len(name.split()) > _MAX_NAME_WORDS:
            continue
        source = doc.char_span(name_start, name_start + len(name), alignment_mode="expand")
        cue = doc.char_span(dash.start(), dash.end(), alignment_mode="expand")
        if source is None or cue is None or not len(cue):
            continue
        dash_start = dash.start() + len(dash.group(0)) - len(dash.group(0).lstrip(" \t\u00a0"))
        frames.append(Frame(cue[0], (dash_start, dash.end()), source, [trim(text, quote.start, quote.end)],
                            True, "dash", {"lexicon": 0.8}))
    return frames


def colon_frames(doc: Doc, quotes: QuoteIndex) -> list[Frame]:
    """``Name: what they said``: a name-like phrase opening a paragraph, then a colon, then the content."""
    text = doc.text
    frames = []
    for token in doc:
        if token.text != ":":
            continue
        start, end = paragraph_of(text, token.idx)
        speaker = doc.char_span(start, token.idx, alignment_mode="expand")
        if speaker is None or not 0 < len(speaker) <= _MAX_SPEAKER_TOKENS:
            continue
        words = [t for t in speaker if t.is_alpha]
        if not words or not all(t.text[0].isupper() for t in words) or not any(t.pos_ == "PROPN" for t in words):
            continue
        if any(t.like_num for t in speaker) or quotes.containing(token.idx) is not None:
            continue  # "6:05 p.m." and colons inside quotes are not speakers
        if (start == 0 and all(t.is_upper for t in words)) or all(t.ent_type_ in _PLACE_LABELS for t in words):
            continue  # "YEREVAN: Armenian officials ...": a dateline opening the article, not a speaker
        content = trim(text, token.idx + 1, end)
        if content[1] - content[0] < 3:
            continue
        direct = quotes.containing(content[0] + 1) is not None
        frames.append(Frame(token, (token.idx, token.idx + 1), speaker, [content], direct, "speaker_colon",
                            {"lexicon": 0.5}))
    return frames
