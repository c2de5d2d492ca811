"""Reading and segmentation: the sample dumps, HTML, JSON Lines, stdin, duplicates and bad input."""
from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import decode, read_paths
from kg.resources import resource_dir
from kg.segment import split_dump

SAMPLES = resource_dir("data") / "samples"

EXPECTED_HEADLINES = [
    "Azerbaijan Claims Full Control of Breakaway Region and Holds Initial Talks with Ethnic Armenians",
    "Pakistan PM Sharif to Seek Clarity on Troops for Gaza in US Visit",
    "Türkiye Pleased with Alignment Steps by Syria, Kurdish Forces, Erdogan Says",
    "Turkish FM to Attend Trump’s Board of Peace Meeting in Washington, Italy as ‘Observer’",
    "Armenians, Azerbaijan trade blame over breach of Nagorno-Karabakh peace deal",
    "Ukraine drops NATO goal as Trump envoy sees progress in peace talks",
]


def articles(*paths: str | Path) -> list:
    return [item for item in read_paths([str(p) for p in paths]) if not isinstance(item, InputError)]


def test_samples_split_into_six_articles_with_their_headlines() -> None:
    found = articles(SAMPLES)
    assert [a.title for a in found] == EXPECTED_HEADLINES


def test_body_first_article_gets_trailing_headline_link_and_highlights() -> None:
    first = articles(SAMPLES / "004_6cdc2fb2081e99a3.txt")[0]
    assert first.text.startswith("YEREVAN: Armenian officials and Azerbaijan on Saturday accused each other")
    assert first.text.rstrip().endswith("prevented Azerbaijan from taking over all of Nagorno-Karabakh.")
    assert first.links == ("https://arab.news/zyvja",)
    assert first.highlights[1] == "Deal was major shock for Armenians, triggering protests calling for resignation of PM"
    assert first.dateline == "YEREVAN"


def test_captions_markers_and_bullets_are_metadata_not_body() -> None:
    for article in articles(SAMPLES):
        lines = article.text.splitlines()
        assert "TT" not in lines
        assert not any(line.startswith("- ") for line in lines)
        for caption in article.captions:
            assert caption not in article.text
        assert article.title not in lines
    sharif = articles(SAMPLES)[1]
    assert sharif.captions and "REUTERS/Evelyn Hockstein" in sharif.captions[0]
    ukraine = articles(SAMPLES)[5]
    assert "‘CRITICAL MOMENT’" in ukraine.text.splitlines()  # a crosshead stays where it stood, a line of its own
    assert "Germany’s Defense Minister Boris Pistorius" in ukraine.text


BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
#: Lines a scraper leaves that are no part of any article.
MARKERS = {"TT"}


def kept_lines(path: Path) -> tuple[list[str], int]:
    """The non-blank lines of ``path`` that none of its articles keeps (text, headline, captions, highlights,
    links), and how many articles it gave."""
    found = articles(path)
    kept = "\n".join("\n".join([a.text, a.title or "", *a.captions, *a.highlights, *a.links]) for a in found)
    lines = decode(path.read_bytes(), str(path)).splitlines()
    lost = [line.strip() for line in lines if line.strip() and line.strip() not in MARKERS
            and re.sub(r"^(?:[-•*▪●–]|\d+[.)])\s+", "", line.strip()) not in kept]
    return lost, len(found)


def test_nothing_read_is_lost_from_the_samples() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        assert kept_lines(path)[0] == [], path.name


@pytest.mark.slow
def test_nothing_read_is_lost_from_any_bbc_file() -> None:
    if not BBC.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BBC} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"{BBC} is not here (it is in CI)")
    files = sorted(BBC.rglob("*.txt"))
    assert len(files) == 2225
    read = {path.relative_to(BBC).as_posix(): kept_lines(path) for path in files}
    assert {name: lost for name, (lost, _) in read.items() if lost} == {}
    split = [name for name, (_, count) in read.items() if count > 1]
    assert len(split) <= 3, split  # a headline-like line with a body of its own mid-article ("A sad day for music")


def test_a_list_stays_in_its_article_and_a_question_can_be_a_headline() -> None:
    text = ("Is this the end of the high street?\n\nShops closed across the country, the survey said.\n\n"
            "The budget included:\n\n- Increased spending on primary education to 71.56bn rupees ($1.6bn)\n"
            "- Increased spending on health to 102.8bn rupees ($2.35bn)\n\nThe minister said it was fair.\n")
    found = list(split_dump(text, "list.txt"))
    assert len(found) == 1
    assert found[0].title == "Is this the end of the high street?"
    assert "- Increased spending on health to 102.8bn rupees ($2.35bn)" in found[0].text.splitlines()
    assert found[0].text.splitlines()[-1] == "The minister said it was fair."


def test_each_article_has_a_stable_content_hash() -> None:
    first = articles(SAMPLES)
    second = articles(SAMPLES)
    assert [a.content_hash for a in first] == [a.content_hash for a in second]
    assert len({a.content_hash for a in first}) == 6


def test_an_article_repeated_or_truncated_inside_a_dump_is_one_article() -> None:
    text = (SAMPLES / "000_1a73df577a7449e6.txt").read_text(encoding="utf-8")
    assert len(list(split_dump(text + "\n\n\n" + text, "twice.txt"))) == 4
    body = articles(SAMPLES)[1].text
    truncated = "Some Headline Here\n\n" + body[: len(body) // 2].rsplit("\n", 1)[0]
    assert len(list(split_dump(text + "\n\n\n" + truncated, "trunc.txt"))) == 4


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text("""<!doctype html><html><head><title>Site | Story</title>
<meta property="og:title" content="Ceasefire breached, officials say">
<meta property="article:published_time" content="2020-12-12T10:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/story">
<script>var x = "said the script";</script></head>
<body><nav>Home | World</nav><article><h1>Ceasefire breached, officials say</h1>
<p>Officials said the ceasefire was breached on Friday.</p><figure><figcaption>A photo</figcaption></figure>
<p>Azerbaijan denied the claim.<p>Unclosed paragraph & entity.</article><footer>© 2020</footer></body></html>""",
                    encoding="utf-8")
    [article] = articles(page)
    assert article.title == "Ceasefire breached, officials say"
    assert article.published == "2020-12-12T10:00:00Z"
    assert article.url == "https://example.org/story"
    assert article.publisher == "Example News"
    assert article.text.splitlines() == ["Officials said the ceasefire was breached on Friday.",
                                         "Azerbaijan denied the claim.", "Unclosed paragraph & entity."]


def test_jsonl_with_metadata_and_a_bad_line_in_the_middle(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [json.dumps({"text": "Officials said 20 people were killed.", "title": "One", "url": "https://e.org/1",
                        "published": "2023-09-21", "publisher": "AP"}),
            "{not json",
            json.dumps({"title": "no text"}),
            json.dumps({"text": "Police said 46 people were arrested."})]
    feed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_paths([str(feed)]))
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [a.title for a in good] == ["One", None]
    assert good[0].published == "2023-09-21" and good[0].date_source == "metadata" and good[0].publisher == "AP"
    assert [str(e) for e in bad] == [f"{feed}:2: invalid JSON (Expecting property name enclosed in double quotes "
                                     f"at column 2)", f"{feed}:3: no \"text\" field with article text"]


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (SAMPLES / "004_6cdc2fb2081e99a3.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [a.title for a in articles("-")] == EXPECTED_HEADLINES[4:]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary file (NUL bytes), not text"),
])
def test_bad_files_say_why(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(read_paths([str(path)]))
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: {reason}"


def test_invalid_utf8_falls_back_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Headline\n\nThe minister said the caf\xe9 was closed.".encode("latin-1"))
    [article] = articles(path)
    assert "café" in article.text


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    odd = tmp_path / "image.png"
    odd.write_bytes(b"\x89PNG")
    missing = tmp_path / "nope.txt"
    errors = [str(e) for e in read_paths([str(missing), str(odd)])]
    assert errors == [f"{missing}: no such file or directory",
                      f"{odd}: unknown file type '.png' (use .txt, .html, .json, .jsonl or --format)"]


def test_directories_are_read_recursively_and_skip_non_article_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Headline One\n\nThe minister said it rained.", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")  # a symlink loop must not hang the walk
    assert [a.title for a in articles(tmp_path)] == ["Headline One"]
