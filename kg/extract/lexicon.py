"""The word lists the attribution extractor reads, loaded once from data/lexicon/.

cues_learned.tsv is written by bench/train_attribution.py from PolNeAR train; the other files are curated, and
demonyms come from kg.geo (countryinfo plus data/lexicon/demonyms.tsv).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kg import geo
from kg.words import party_words, pronouns, rows, singular, title_words, titles

def _rows(name: str) -> list[list[str]]:
    return rows("lexicon", name)


def word_list(name: str) -> list[str]:
    """The first column of a word list in data/lexicon/, comments and blank lines skipped."""
    return [row[0] for row in _rows(name)]


def _lower_set(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in word_list(name))


@dataclass(frozen=True)
class Lexicon:
    cue_precision: dict[tuple[str, str], float]  # (lemma, coarse POS) -> how often it heads a cue in train
    cue_count: dict[tuple[str, str], int]
    stances: dict[str, str]  # cue lemma or "lemma particle" -> stance
    anonymous_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    generic_organization_nouns: frozenset[str]  # "the company", "the organisation": any organisation (references.py)
    titles: tuple[str, ...]  # longest first (kg.words.titles)
    demonyms: dict[str, str]  # "Armenian" -> "Armenia" (kg.geo: countryinfo plus data/lexicon/demonyms.tsv)
    pronouns: dict[str, str]  # "he" -> "person", "they" -> "group": what a pronoun speaker stands for (kg.words)
    speech_acts: frozenset[str]  # lemmas of communication and cognition acts: the cues that make claims
    action_cues: frozenset[str]  # cues whose first sense is a physical act ("attack", "charge", "press")
    document_nouns: frozenset[str]  # documents that speak for who issued them ("a statement from Waitrose")
    group_nouns: frozenset[str]  # unnamed groups of people ("protesters")
    refusal_verbs: frozenset[str]  # "decline", "refuse", "resist" (kg/extract/stance.py)
    not_speaker_nouns: frozenset[str]  # nouns of no person or group (WordNet 3.0, bench/not_speaker_nouns.py)
    source_nouns: frozenset[str]  # findings and media claims are attributed to ("a survey found", "state media said")
    event_nouns: frozenset[str]  # nouns of a happening: "violation", "death" (WordNet 3.0, bench/event_nouns.py)

    def can_speak(self, noun: str, lemma: str) -> bool:
        """A description headed by this common noun can name a speaker: WordNet gives it a person or group sense,
        or does not know it ("gamer"), or it is one of the lexicon's own speaker words (documents, findings and media,
        organisations, groups, anonymous sources, titles). "his best response", "racial issues" or "a focal point
        for demonstrators" cannot."""
        if noun.lower() in self.speaker_words or lemma.lower() in self.speaker_words:
            return True
        return lemma.lower() not in self.not_speaker_nouns  # WordNet lists base forms: "plans" is read as "plan"

    @cached_property
    def speaker_words(self) -> frozenset[str]:
        """The lexicon's own words for speakers, whatever WordNet says: documents, findings and media, organisations,
        groups, anonymous sources, titles."""
        return (self.document_nouns | self.source_nouns | self.organization_nouns | self.group_nouns
                | self.anonymous_nouns | self.generic_organization_nouns | self.title_words)

    @property
    def title_words(self) -> frozenset[str]:
        """Every word of every title, lower-cased ("foreign", "minister", ...), plus "pm" (kg.words.title_words)."""
        return title_words()

    @cached_property
    def party_words(self) -> frozenset[str]:
        """Words for a party or its members written before a person's name (data/lexicon/party_words.txt), lower
        case: "Tory", "Lib Dem", "Democrat"."""
        return party_words()

    @cached_property
    def post_nominals(self) -> frozenset[str]:
        """Letters written after a person's name (data/lexicon/post_nominals.txt), as written: "QC", "MP", "OBE"."""
        return frozenset(word_list("post_nominals.txt"))

    @cached_property
    def title_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Each title as a whole-word, case-blind pattern, longest title first."""
        return tuple(re.compile(rf"(?<!\w){re.escape(title)}(?!\w)", re.IGNORECASE) for title in self.titles)

    @cached_property
    def proposition_nouns(self) -> frozenset[str]:
        """Nouns that name something said or a hostile act ("allegation", "shelling"), as the lists in
        data/contradiction/ write them: see :meth:`is_proposition_noun`."""
        return frozenset(row[0].lower() for name in ("claim_nouns.txt", "hostile_acts.txt")
                         for row in rows("contradiction", name))

    def is_proposition_noun(self, word: str) -> bool:
        """A cue's object that is one of :attr:`proposition_nouns`, singular or plural (kg.words.singular: "the
        allegations", "the shelling", "calls"), is what was said or condemned."""
        return word in self.proposition_nouns or singular(word) in self.proposition_nouns

    def cue_score(self, lemma: str, pos: str) -> float:
        return self.cue_precision.get((lemma.lower(), pos), 0.0)

    def stance(self, lemma: str, particle: str | None = None) -> str:
        lemma = lemma.lower()
        if particle and f"{lemma} {particle.lower()}" in self.stances:
            return self.stances[f"{lemma} {particle.lower()}"]
        return self.stances.get(lemma, "assert")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    learned = _rows("cues_learned.tsv")
    return Lexicon(
        cue_precision={(row[0], row[1]): float(row[2]) for row in learned},
        cue_count={(row[0], row[1]): int(row[3]) for row in learned},
        stances={row[0]: row[1] for row in _rows("stances.tsv")},
        anonymous_nouns=frozenset(row[0].lower() for row in _rows("anonymous_nouns.txt")),
        organization_nouns=frozenset(row[0].lower() for row in _rows("organization_nouns.txt")),
        generic_organization_nouns=_lower_set("generic_organization_nouns.txt"),
        titles=titles(),
        demonyms=geo.demonyms(),
        pronouns={word: pronoun.speaker for word, pronoun in pronouns().items() if pronoun.speaker},
        speech_acts=_lower_set("speech_acts.txt"),
        action_cues=_lower_set("action_cues.txt"),
        document_nouns=_lower_set("document_nouns.txt"),
        group_nouns=_lower_set("group_nouns.txt"),
        refusal_verbs=_lower_set("refusals.txt"),
        not_speaker_nouns=_lower_set("not_speaker_nouns.txt"),
        source_nouns=_lower_set("source_nouns.txt"),
        event_nouns=_lower_set("event_nouns.txt"),
    )
