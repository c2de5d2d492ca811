"""Untrusted text cannot break out: property tests (hypothesis) over IRIs, literals, query parameters, the HTML report,
the readers and the extractors.

Generated articles mix real sample sentences with quote marks (balanced or not), figures, reporting cues, layout
lines from scraped dumps and random Unicode. No exception may escape, and every span an extractor reports must lie
inside its article's text.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.html import parse_html
from kg.namespaces import MEASURES, STANCES, article_iri, mint
from kg.pipeline import process
from kg.rdf import article_quads, claim_iri, default_agent_iri, name_key, publisher_iri
from kg.read import FORMATS, MAX_ARTICLE_CHARS, parse_text, read_paths
from kg.resources import resource_dir
from kg.segment import split_dump
from kg.store import Store, open_store
from kg.types import MENTION_KINDS, Article, Claim, Extraction, Mention, Quantity, Span, content_hash

pytestmark = pytest.mark.slow  # hypothesis searches

runner = CliRunner()
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=int(__import__("os").environ.get("KG_FUZZ_EXAMPLES", 250)), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z“\"])")


def kg(*args: object) -> "CliRunner.invoke":
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _sample_sentences() -> list[str]:
    sentences: list[str] = []
    for article in read_paths([str(resource_dir("data") / "samples")]):
        assert not isinstance(article, InputError)
        sentences += [s.strip() for s in SENTENCE.split(article.text.replace("\n", " ")) if s.strip()]
    return sentences


SENTENCES = _sample_sentences()

# -- IRIs and literals -----------------------------------------------------------------------------------------------

def _round_trips(quads: list[ox.Quad]) -> None:
    """The quads survive N-Quads serialisation and parsing, and a write through the store's SPARQL update."""
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(text, format=ox.RdfFormat.N_QUADS)) == set(quads)
    graph = quads[0].graph_name.value
    store = Store(None)
    store.replace_graph(graph, quads)
    assert set(store.quads(graph)) == set(quads)


@FAST
@given(kind=st.text(min_size=1), parts=st.lists(st.text(), max_size=4))
def test_minted_iris_are_valid_and_round_trip(kind: str, parts: list[str]) -> None:
    iri = mint(kind, *parts)
    node = ox.NamedNode(iri)  # raises on anything that is not an IRI
    assert node.value == iri and iri.isascii()
    assert not re.search(r"[\s<>\"{}|\\^`]", iri)
    literal = ox.Literal(" ".join([kind, *parts]))
    _round_trips([ox.Quad(node, node, literal, node)])


@FAST
@given(text=st.text(min_size=1), name=st.text(), kind=st.sampled_from(MENTION_KINDS))
def test_iris_made_from_names_are_valid(text: str, name: str, kind: str) -> None:
    article = Article(text, "fuzz.txt")
    for iri in (article_iri(content_hash(text)), default_agent_iri(Mention(name, kind), article), publisher_iri(name),
                claim_iri(article, 3), mint("event", name_key(name))):
        assert ox.NamedNode(iri).value == iri


_unicode = st.text(max_size=40)
# "+ 0.0" turns -0.0 into 0.0: see test_a_negative_zero_bound_is_stored_as_mapped for that case.
_bound = st.floats(-1e9, 1e9).map(lambda value: value + 0.0)
_optional = st.none() | _unicode


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """An extraction whose every name, phrase and metadata field is arbitrary text, with spans inside the text."""
    text = draw(st.text(min_size=1, max_size=200))

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        return Span(start, draw(st.integers(start, len(text))))

    def mention() -> Mention:
        return Mention(draw(_unicode), draw(st.sampled_from(MENTION_KINDS)), draw(st.none() | st.just(span())),
                       role=draw(_optional), affiliation=draw(_optional))

    article = Article(text, draw(_unicode), title=draw(_optional), url=draw(_optional | st.just("https://x.org/a b")),
                      published=draw(_optional | st.sampled_from(["2020-12-01", "2023-09-21T10:00:00+04:00"])),
                      publisher=draw(_optional), wire_service=draw(_optional), dateline=draw(_optional),
                      captions=tuple(draw(st.lists(_unicode, max_size=2))))
    claims = []
    for _ in range(draw(st.integers(1, 3))):
        quantity = None
        if draw(st.booleans()):
            quantity = Quantity(draw(st.sampled_from(MEASURES)), draw(st.none() | _bound),
                                draw(st.none() | _bound), draw(st.booleans()), draw(st.booleans()),
                                span(), qualifier=draw(_optional), counted=draw(_optional), unit=draw(_optional),
                                event=draw(_optional), event_time=draw(_optional))
        claims.append(Claim(mention(), draw(st.sampled_from(STANCES)), (span(),), span(), cue=span(),
                            quantity=quantity, about=(mention(),), confidence=draw(st.floats(-2, 2))))
    return Extraction(article, tuple(claims), (mention(),))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(extraction=extractions())
def test_every_term_the_mapping_makes_from_arbitrary_text_round_trips(extraction: Extraction) -> None:
    quads = article_quads(extraction, extractor_version="fuzz")
    _round_trips(quads)
    texts = [q.object.value for q in quads if q.predicate.value.endswith("#text")]
    assert texts == [extraction.article.text]  # the article text comes back exactly, escaped on the way


def test_a_negative_zero_bound_is_stored_as_mapped() -> None:
    text = "Officials said -0 people died."
    figure = Quantity("deaths", -0.0, -0.0, True, True, Span(15, 17))
    claim = Claim(Mention("Officials", "group", Span(0, 9)), "assert", (Span(15, 29),), Span(0, 30), quantity=figure)
    _round_trips(article_quads(Extraction(Article(text, "zero.txt"), (claim,)), extractor_version="fuzz"))


# -- query parameters reach SPARQL only as bound terms ---------------------------------------------------------------

HOSTILE = ['"} ; DROP ALL ; #', "') } ; DROP ALL ; #", '" . } DELETE WHERE { ?s ?p ?o } #', "\\\" } CLEAR ALL #",
           "x\" ) ) } } ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #", "<urn:x> } ; DROP ALL ; SELECT * { <urn:y>",
           "\n}\nDROP ALL\n#", "%22%7D%20DROP%20ALL", "\\u0022 } DROP ALL #", "'''", "Bayramov\" || true || \""]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inject")
    feed = folder / "two.jsonl"
    feed.write_text("\n".join(json.dumps({"text": text, "title": title}) for text, title in [
        ("Azerbaijan's foreign minister Jeyhun Bayramov denied the allegations. He said about 100 civilians were "
         "evacuated.", "Baku denies"),
        ("\"<script>alert(1)</script> More than 5,600 people were killed in the 2020 war,\" the health ministry said.",
         "Toll <script>alert(2)</script> rises"),
        ("Officials in Baku said about 3,000 people were killed in the 2020 war.", "A lower toll")]) + "\n",
        encoding="utf-8")
    store = folder / "store"
    assert kg("ingest", "--store", store, "--quiet", "--workers", 1, feed).exit_code == 0
    return store


def _snapshot(store: Path) -> set[str]:
    with open_store(store, create=False) as opened:
        return {str(quad) for quad in opened.quads()}


def test_hostile_filter_and_param_values_cannot_change_the_store(small_store: Path) -> None:
    before = _snapshot(small_store)
    assert len(before) > 100
    for value in HOSTILE:
        for args in (("claims", "--by", value), ("claims", "--about", value), ("claims", "--by", value, "--format",
                                                                               "json"),
                     ("query", "article", "--param", f"article={value}"),
                     ("query", "SELECT ?x ?n WHERE { ?x <https://schema.org/headline> ?n }", "--param", f"n={value}")):
            result = kg(*args, "--store", small_store)
            # A value that looks like an IRI but is not one is refused (exit 2), and so is an article parameter that
            # names no article; everything else is a string. Messages may quote the value, never a SPARQL error.
            assert result.exit_code == 0 or (result.exit_code == 2 and (
                "not a valid IRI" in result.stderr or result.stderr.startswith("kg: no article "))), \
                (args, result.stderr)
            assert "SPARQL" not in result.stderr and "Traceback" not in result.stderr
        assert json.loads(kg("claims", "--by", value, "--format", "json", "--store", small_store).stdout) == \
            {"claims": []}
    assert _snapshot(small_store) == before
    found = json.loads(kg("claims", "--by", "bayramov", "--format", "json", "--store", small_store).stdout)["claims"]
    assert found and all("Bayramov" in claim["claimant"] for claim in found)  # the filter does work


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(by=st.text(max_size=30), about=st.text(max_size=30))
def test_arbitrary_filter_text_is_only_ever_a_string(small_store: Path, by: str, about: str) -> None:
    from kg.claims import list_claims

    with open_store(small_store) as opened:
        before = opened.triple_count()
        claims = list_claims(opened, by=by, about=about)
        for claim in claims:  # whatever matched really contains the text
            if about:
                assert about.lower() in (claim["text"] + " " + (claim["sentence"] or "")).lower()
        assert opened.triple_count() == before


def test_article_text_is_escaped_in_the_html_report(small_store: Path) -> None:
    result = kg("contradictions", "--store", small_store, "--format", "html")
    assert result.exit_code == 0
    page = result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the planted text is in the report, as text
    assert "<script" not in page.lower() and "alert(2)</script>" not in page


# -- readers and extractors never raise, and spans stay inside the text ------------------------------------------

QUOTES = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "\"\"", "“”"]
CUES = [" said", " told reporters", ", according to officials", " denied", " accused Baku of", ", he said.",
        " said on Monday that", " warned", "; ", ": "]
FIGURES = ["more than 200", "nearly 2,000", "at least 19", "about 2,000", "dozens of", "44 days", "5,600",
           "1.5 million", "between 100 and 200", "10-15", "½", "٣٠٠", "2020", "-3", "9" * 30]
LAYOUT = ["\n", "\n\n", "TT\n", "https://arab.news/abc\n", "- ", "• ", "YEREVAN: ", "BAKU (AP) — ", "\r\n", "\t",
          "\u00a0", "\u2028", "\x00", "\ufeff", "<p>", "</p>", "&amp;", "{", "}", "[", "]"]
pieces = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(QUOTES), st.sampled_from(CUES),
                   st.sampled_from(FIGURES), st.sampled_from(LAYOUT), st.text(max_size=12),
                   st.from_regex(r"[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9})?", fullmatch=True))
news_like = st.lists(pieces, min_size=1, max_size=14).map(" ".join)


@FAST
@given(text=news_like | st.text(max_size=300), fmt=st.sampled_from(FORMATS))
def test_readers_never_raise_and_never_invent_text(text: str, fmt: str) -> None:
    items = list(parse_text(text, "fuzz", fmt))
    assert items
    for item in items:
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason
            continue
        assert item.text.strip() and len(item.text) <= MAX_ARTICLE_CHARS
        item.text.encode("utf-8")  # no lone surrogates: it can be hashed and stored
        if fmt == "text":
            for line in item.text.splitlines():
                assert line in text  # segmenting only ever selects lines of the input


@FAST
@given(text=news_like | st.text(max_size=300))
def test_segmenting_and_html_never_raise(text: str) -> None:
    for article in split_dump(text, "fuzz"):
        assert article.text.strip()
        assert article.title is None or article.title in text
    page = parse_html(text, "fuzz.html")
    page.text.encode("utf-8")
    assert page.title is None or page.title.strip() == page.title


@FAST
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "title", "url", "published", "publisher", "body"]),
                                        st.text(max_size=40) | st.integers() | st.none() | st.lists(st.text()),
                                        max_size=6), max_size=4),
       broken=st.sampled_from(["", "{", "[1, 2", "\"\\ud800\"", "{\"text\": \"\\udfff said\"}", "[" * 5000]))
def test_json_readers_take_any_records_and_broken_lines(records: list[dict[str, object]], broken: str) -> None:
    lines = [json.dumps(record) for record in records]
    lines.insert(len(lines) // 2, broken)
    for item in parse_text("\n".join(lines), "fuzz.jsonl", "jsonl"):
        if isinstance(item, Article):
            content_hash(item.text)  # hashable: no lone surrogates survive
    list(parse_text(json.dumps(records), "fuzz.json", "json"))


def _spans(extraction: Extraction) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = []
    for mention in extraction.mentions:
        if mention.span:
            found.append(("mention", mention.span))
    for claim in extraction.claims:
        found += [("sentence", claim.sentence)] + [("content", part) for part in claim.content]
        found += [("cue", claim.cue)] if claim.cue else []
        found += [("claimant", claim.claimant.span)] if claim.claimant.span else []
        found += [("about", mention.span) for mention in claim.about if mention.span]
        if claim.quantity is not None:
            found.append(("quantity", claim.quantity.span))
            found += [("event", claim.quantity.event_span)] if claim.quantity.event_span else []
    return found


@SLOW
@given(texts=st.lists(news_like.filter(str.strip), min_size=1, max_size=3))
def test_extractors_never_raise_and_keep_spans_inside_the_text(nlp: object, texts: list[str]) -> None:
    articles = [Article(text, f"fuzz{index}.txt") for index, text in enumerate(texts)]
    results = list(process(articles))
    assert len(results) == len(articles)
    for article, result in zip(articles, results):
        # process() turns an extractor exception into an InputError; here that is a failure, not a pass.
        assert isinstance(result, Extraction), result
        for role, span in _spans(result):
            assert 0 <= span.start <= span.end <= len(article.text), (role, span, article.text)
        article_quads(result, extractor_version="fuzz")  # and the mapping accepts every span
