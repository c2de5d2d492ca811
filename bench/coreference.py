"""Cross-document coreference on ECB+ with gold mentions: how well kg.resolve clusters entities and events.

ECB+ (Cybulska & Vossen 2014; ../shared/corpora/ecbplus, CROMER XML, read in place) has 982 news documents in 43
topics with gold within- and cross-document coreference; this bench reads all but the four topics reserved for
acceptance (8, 20, 37 and 41). This bench feeds the *gold mention spans* to our
resolvers and lets them decide the clusters, so it measures resolution alone, not mention detection:

- entities: HUMAN_PART_* and LOC_* markables become kg.types.Mention (name = the span text, kind from the tag);
  kg.resolve.Resolver links them, one article per document, in a fixed order.
- events: ACTION_* / NEG_ACTION_* markables become kg.resolve.EventMention (phrase, head lemma from spaCy, times
  from TIME_DATE markables in the same sentence, places and participants = the *resolved* entity ids of the
  LOC_* / HUMAN_PART_* markables in that sentence); kg.resolve.EventResolver clusters them.

Only the sentences listed in ECBplus_coreference_sentences.csv are scored (the release's advice); mentions with
no coreference link are gold singletons. Scores: MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), micro-averaged
over all mentions. Baselines beside them: exact folded string (entities) and same head lemma (events).
``--scope topic`` (default) runs one resolver per gold topic, as most ECB+ papers do ("gold topics");
``--scope corpus`` runs one resolver over all 982 documents, which is what the pipeline really does.

    /work/venv/bin/python bench/coreference.py [--corpus DIR] [--scope topic|corpus] [--json]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.resolve import EventMention, EventResolver, Resolver
from kg.resolve.names import fold
from kg.types import Mention, Span

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ecbplus"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import RESERVED_ECB_TOPICS  # noqa: E402
ENTITY_KINDS = {"HUMAN_PART_PER": "person", "HUMAN_PART_ORG": "organization", "HUMAN_PART_GPE": "country",
                "HUMAN_PART_GENERIC": "group", "HUMAN_PART": "unknown", "HUMAN_PART_MET": "unknown",
                "HUMAN_PART_VEH": "unknown", "HUMAN_PART_FAC": "unknown",
                "LOC_GEO": "country", "LOC_FAC": "organization", "LOC_OTHER": "organization"}


@dataclass
class GoldMention:
    doc: str
    m_id: str
    tag: str
    text: str
    sentence: int
    start: int  # character offsets in the space-joined document text
    end: int
    gold: str  # gold cluster id

    @property
    def key(self) -> tuple[str, str]:
        return self.doc, self.m_id


@dataclass
class GoldDoc:
    name: str  # "1_10ecbplus"
    topic: str
    mentions: list[GoldMention]


def _detokenize(tokens: list[str]) -> str:
    return re.sub(r" (?=[.,;:!?)]|'s\b|’s\b|n't\b)|(?<=\() ", "", " ".join(tokens))


def read_corpus(corpus: Path) -> list[GoldDoc]:
    """Every annotated document with its gold mentions in the selected sentences, in a fixed order."""
    selected: dict[str, set[int]] = defaultdict(set)
    with open(corpus / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    docs = []
    for path in sorted((corpus / "ECB+").glob("*/*.xml"), key=_doc_order):
        name = path.stem
        if name not in selected or _doc_order(path)[0] in RESERVED_ECB_TOPICS:
            continue  # topics 8, 20, 37 and 41 are reserved for acceptance: never read here
        docs.append(_read_doc(path, name, selected[name]))
    return docs


def _doc_order(path: Path) -> tuple[int, int, int]:
    topic, _, rest = path.stem.partition("_")
    number = int(re.match(r"\d+", rest).group(0))
    return int(topic), int("plus" in rest), number


def _read_doc(path: Path, name: str, sentences: set[int]) -> GoldDoc:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int, int, str]] = {}
    position = 0
    for token in root.iter("token"):
        text = token.text or ""
        offsets[token.get("t_id")] = (int(token.get("sentence")), position, position + len(text), text)
        position += len(text) + 1
    anchored: dict[str, tuple[str, list[str]]] = {}
    for markable in root.find("Markables") or []:
        anchors = [anchor.get("t_id") for anchor in markable.findall("token_anchor")]
        if anchors:
            anchored[markable.get("m_id")] = (markable.tag, anchors)
    gold: dict[str, str] = {}
    for relation in root.find("Relations") or []:
        cluster = relation.get("note") if relation.tag == "CROSS_DOC_COREF" else f"{name}/intra/{relation.get('r_id')}"
        for source in relation.findall("source"):
            gold[source.get("m_id")] = cluster
    mentions = []
    for m_id, (tag, anchors) in anchored.items():
        parts = sorted((offsets[t_id] for t_id in anchors if t_id in offsets), key=lambda part: part[1])
        if not parts or parts[0][0] not in sentences:
            continue
        mentions.append(GoldMention(name, m_id, tag, _detokenize([part[3] for part in parts]), parts[0][0],
                                    parts[0][1], parts[-1][2], gold.get(m_id, f"{name}/single/{m_id}")))
    mentions.sort(key=lambda mention: (mention.start, mention.end, int(mention.m_id)))
    return GoldDoc(name, name.split("_")[0], mentions)


def _is_entity(tag: str) -> bool:
    return tag in ENTITY_KINDS


def _is_event(tag: str) -> bool:
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def _scopes(docs: list[GoldDoc], scope: str) -> list[list[GoldDoc]]:
    if scope == "corpus":
        return [docs]
    groups: dict[str, list[GoldDoc]] = defaultdict(list)
    for doc in docs:
        groups[doc.topic].append(doc)
    return [groups[topic] for topic in sorted(groups, key=int)]


def resolve_entities(docs: list[GoldDoc], scope: str) -> dict[tuple[str, str], str]:
    """System entity clusters: one Resolver per scope, documents in corpus order."""
    system: dict[tuple[str, str], str] = {}
    for index, group in enumerate(_scopes(docs, scope)):
        resolver = Resolver()
        for doc in group:
            by_mention: dict[Mention, GoldMention] = {}
            for gold in doc.mentions:
                if _is_entity(gold.tag):
                    by_mention[Mention(gold.text, ENTITY_KINDS[gold.tag], Span(gold.start, gold.end))] = gold
            for mention, entity_id in resolver.add(doc.name, list(by_mention)).items():
                system[by_mention[mention].key] = f"{index}:{entity_id}"
    return system


def head_lemmas(docs: list[GoldDoc]) -> dict[tuple[str, str], str]:
    """The head lemma of each event mention (first verb, else last noun, else last token), from spaCy."""
    from kg.nlp import load

    nlp = load()
    events = [mention for doc in docs for mention in doc.mentions if _is_event(mention.tag)]
    disabled = [name for name in nlp.pipe_names if name in ("parser", "ner")]
    lemmas = {}
    for mention, parsed in zip(events, nlp.pipe((m.text for m in events), disable=disabled, batch_size=512)):
        verbs = [token for token in parsed if token.pos_ in ("VERB", "AUX")]
        nouns = [token for token in parsed if token.pos_ in ("NOUN", "PROPN")]
        head = verbs[0] if verbs else (nouns[-1] if nouns else parsed[-1] if len(parsed) else None)
        lemmas[mention.key] = (head.lemma_ if head is not None else mention.text).lower()
    return lemmas


def resolve_events(docs: list[GoldDoc], scope: str, entities: dict[tuple[str, str], str],
                   lemmas: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """System event clusters, with the sentence's times, places and resolved participants as context."""
    system: dict[tuple[str, str], str] = {}
    for index, group in enumerate(_scopes(docs, scope)):
        resolver = EventResolver()
        for doc in group:
            by_sentence: dict[int, list[GoldMention]] = defaultdict(list)
            for mention in doc.mentions:
                by_sentence[mention.sentence].append(mention)
            for mention in doc.mentions:
                if not _is_event(mention.tag):
                    continue
                context = by_sentence[mention.sentence]
                times = [other.text for other in context if other.tag == "TIME_DATE"]
                places = tuple(entities[other.key] for other in context if other.tag.startswith("LOC_"))
                people = tuple(entities[other.key] for other in context
                               if other.tag.startswith("HUMAN_PART") and other.key in entities)
                event = EventMention(mention.text, doc.name, event_time=times[0] if times else None,
                                     places=places, participants=people, kind=lemmas.get(mention.key))
                system[mention.key] = f"{index}:{resolver.add(event)}"
    return system


def baseline(docs: list[GoldDoc], scope: str, keep, label) -> dict[tuple[str, str], str]:
    """Same label (folded string or head lemma) within a scope = same cluster."""
    system = {}
    for index, group in enumerate(_scopes(docs, scope)):
        for doc in group:
            for mention in doc.mentions:
                if keep(mention.tag):
                    system[mention.key] = f"{index}:{label(mention)}"
    return system


# -- scoring (MUC: Vilain et al. 1995; B-cubed: Bagga & Baldwin 1998; CEAF-e: Luo 2005; CoNLL = their mean) ------
Cluster = set[tuple[str, str]]
HUNGARIAN_LIMIT = 400  # bigger overlap components fall back to a greedy matching (flagged in the output)


def _prf(numerator_p: float, denominator_p: float, numerator_r: float, denominator_r: float) -> dict[str, float]:
    precision = numerator_p / denominator_p if denominator_p else 0.0
    recall = numerator_r / denominator_r if denominator_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _muc_part(keys: list[Cluster], responses: list[Cluster]) -> tuple[int, int]:
    where = {mention: index for index, cluster in enumerate(responses) for mention in cluster}
    numerator = sum(len(cluster) - len({where.get(mention, mention) for mention in cluster}) for cluster in keys)
    return numerator, sum(len(cluster) - 1 for cluster in keys)


def muc(gold: list[Cluster], system: list[Cluster]) -> dict[str, float]:
    recall_num, recall_den = _muc_part(gold, system)
    precision_num, precision_den = _muc_part(system, gold)
    return _prf(precision_num, precision_den, recall_num, recall_den)


def b_cubed(gold: list[Cluster], system: list[Cluster]) -> dict[str, float]:
    gold_of = {mention: cluster for cluster in gold for mention in cluster}
    system_of = {mention: cluster for cluster in system for mention in cluster}
    precision = sum(len(cluster & gold_of[mention]) / len(cluster) for cluster in system for mention in cluster)
    recall = sum(len(cluster & system_of[mention]) / len(cluster) for cluster in gold for mention in cluster)
    return _prf(precision, len(system_of), recall, len(gold_of))


def _hungarian_max(weights: list[list[float]]) -> float:
    """Maximum-weight assignment (rows <= columns), O(n^2 m) with potentials (the e-maxx formulation)."""
    rows, cols = len(weights), len(weights[0])
    inf = float("inf")
    u, v, match, way = [0.0] * (rows + 1), [0.0] * (cols + 1), [0] * (cols + 1), [0] * (cols + 1)
    for row in range(1, rows + 1):
        match[0], col0 = row, 0
        minv, used = [inf] * (cols + 1), [False] * (cols + 1)
        while match[col0]:
            used[col0], row0, delta, col1 = True, match[col0], inf, 0
            for col in range(1, cols + 1):
                if not used[col]:
                    current = -weights[row0 - 1][col - 1] - u[row0] - v[col]
                    if current < minv[col]:
                        minv[col], way[col] = current, col0
                    if minv[col] < delta:
                        delta, col1 = minv[col], col
            for col in range(cols + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            match[col0], col0 = match[col1], col1
    return sum(weights[match[col] - 1][col - 1] for col in range(1, cols + 1) if match[col])


def ceaf_e(gold: list[Cluster], system: list[Cluster]) -> tuple[dict[str, float], bool]:
    """CEAF-e with phi4; the optimal matching is solved per connected component of the cluster-overlap graph."""
    system_of = {mention: index for index, cluster in enumerate(system) for mention in cluster}
    links: dict[int, set[int]] = defaultdict(set)
    for gold_index, cluster in enumerate(gold):
        for mention in cluster:
            if mention in system_of:
                links[gold_index].add(system_of[mention])
    back: dict[int, set[int]] = defaultdict(set)
    for gold_index, system_indexes in links.items():
        for system_index in system_indexes:
            back[system_index].add(gold_index)
    seen: set[int] = set()
    similarity, approximate = 0.0, False
    for start in links:
        if start in seen:
            continue
        component_gold, component_system, frontier = {start}, set(), [start]
        while frontier:  # breadth-first over gold -> system -> gold
            gold_index = frontier.pop()
            for system_index in links[gold_index] - component_system:
                component_system.add(system_index)
                new = back[system_index] - component_gold
                component_gold |= new
                frontier += list(new)
        seen |= component_gold
        left, right = sorted(component_gold), sorted(component_system)
        if len(left) > len(right):
            left, right = right, left
            pairs = [[2 * len(system[a] & gold[b]) / (len(system[a]) + len(gold[b])) for b in right] for a in left]
        else:
            pairs = [[2 * len(gold[a] & system[b]) / (len(gold[a]) + len(system[b])) for b in right] for a in left]
        if len(left) <= HUNGARIAN_LIMIT:
            similarity += _hungarian_max(pairs)
        else:
            approximate = True
            taken: set[int] = set()
            for score, a, b in sorted(((pairs[a][b], a, b) for a in range(len(left)) for b in range(len(right))
                                       if pairs[a][b] > 0), reverse=True):
                if a not in taken and -b - 1 not in taken:
                    similarity += score
                    taken |= {a, -b - 1}
    return _prf(similarity, len(system), similarity, len(gold)), approximate


def score_all(gold: list[Cluster], system: list[Cluster]) -> dict[str, object]:
    ceafe, approximate = ceaf_e(gold, system)
    scores: dict[str, object] = {"muc": muc(gold, system), "b3": b_cubed(gold, system), "ceafe": ceafe,
                                 "system_clusters": len(system)}
    scores["conll_f1"] = round((scores["muc"]["f1"] + scores["b3"]["f1"] + ceafe["f1"]) / 3, 4)
    if approximate:
        scores["ceafe_approx"] = True
    return scores


def _clusters(assignment: dict[tuple[str, str], str]) -> list[set[tuple[str, str]]]:
    grouped: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, cluster in assignment.items():
        grouped[cluster].add(key)
    return list(grouped.values())


def evaluate(corpus: Path, scope: str, with_events: bool = True) -> dict[str, object]:
    started = time.perf_counter()
    docs = read_corpus(corpus)
    gold_entities = {m.key: m.gold for d in docs for m in d.mentions if _is_entity(m.tag)}
    gold_events = {m.key: m.gold for d in docs for m in d.mentions if _is_event(m.tag)}
    system_entities = resolve_entities(docs, scope)
    result: dict[str, object] = {
        "corpus": str(corpus), "scope": scope, "documents": len(docs),
        "input": "gold mention spans; clusters decided by kg.resolve",
        "entities": {
            "mentions": len(gold_entities), "gold_clusters": len(set(gold_entities.values())),
            "kg.resolve": score_all(_clusters(gold_entities), _clusters(system_entities)),
            "baseline_exact_string": score_all(_clusters(gold_entities), _clusters(
                baseline(docs, scope, _is_entity, lambda m: fold(m.text) or m.text))),
        },
    }
    if with_events:
        lemmas = head_lemmas(docs)
        system_events = resolve_events(docs, scope, system_entities, lemmas)
        result["events"] = {
            "mentions": len(gold_events), "gold_clusters": len(set(gold_events.values())),
            "kg.resolve": score_all(_clusters(gold_events), _clusters(system_events)),
            "baseline_same_lemma": score_all(_clusters(gold_events), _clusters(
                baseline(docs, scope, _is_event, lambda m: lemmas[m.key]))),
        }
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def render(result: dict[str, object]) -> str:
    lines = [f"ECB+ cross-document coreference ({result['documents']} documents, scope: {result['scope']})",
             f"input: {result['input']}", ""]
    for part in ("entities", "events"):
        if part not in result:
            continue
        block = result[part]
        lines.append(f"{part}: {block['mentions']} gold mentions in {block['gold_clusters']} gold clusters")
        lines.append(f"  {'system':<24} {'MUC F1':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'CEAFe':>6} {'CoNLL':>6}")
        for name, scores in block.items():
            if isinstance(scores, dict):
                lines.append(f"  {name:<24} {scores['muc']['f1']:7.3f} {scores['b3']['precision']:6.3f} "
                             f"{scores['b3']['recall']:6.3f} {scores['b3']['f1']:6.3f} {scores['ceafe']['f1']:6.3f} "
                             f"{scores['conll_f1']:6.3f}{'  (CEAF-e approx.)' if scores.get('ceafe_approx') else ''}")
        lines.append("")
    lines.append(f"took {result['seconds']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ECB+ folder (default: %(default)s)")
    parser.add_argument("--scope", choices=("topic", "corpus"), default="topic",
                        help="one resolver per gold topic, or one over all documents")
    parser.add_argument("--no-events", action="store_true", help="entities only (skips loading spaCy)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (args.corpus / "ECBplus_coreference_sentences.csv").is_file():
        print(f"error: {args.corpus} is not the ECB+ folder (no ECBplus_coreference_sentences.csv); "
              f"pass --corpus", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, args.scope, with_events=not args.no_events)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
