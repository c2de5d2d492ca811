"""The contradictions report page in a real browser (issue 19 item 2): headless Chromium lays the sample store's
report out at a phone's 390 px and a desktop's 1280 px, and the test reads the layout back.

How: a copy of the page is loaded in an iframe of the width wanted (headless Chromium will not make its window
narrower than 500 px, an iframe can be), a small script in the frame's parent measures the laid-out page and writes
the measurements into the DOM as JSON, and ``chromium --dump-dom`` prints that DOM. Screenshots of the whole page at
both widths are written as PNG files (into KG_REPORT_SCREENSHOTS when set, else the test's temporary folder).

No browser: the test skips with a message, except where CI is "true", where it fails (CI installs Chromium).
"""
from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.slow

#: Debian's package installs /usr/bin/chromium; other systems name it chromium-browser.
BROWSERS = ("chromium", "chromium-browser")
#: Flags for a headless browser that touches no network and no profile of its own (run as root in containers).
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--disable-extensions", "--mute-audio"]
PHONE, DESKTOP = (390, 844), (1280, 800)
#: The report's fixed generation time (SOURCE_DATE_EPOCH): 2025-12-02T10:40:00Z.
EPOCH = "1764672000"
#: The background colours of the three highlights (kg/report.py's style sheet), as a screenshot shows them.
MARK_COLOURS = {"claimant": (0xcf, 0xe0, 0xff), "cue": (0xd4, 0xf2, 0xda), "content": (0xff, 0xf0, 0xa3)}

# Runs in the page that holds the report in an iframe; writes what it measured into <pre id=measured>.
MEASURE = """
const frame = document.getElementById('report');
const measure = () => {
  const doc = frame.contentDocument, win = frame.contentWindow, root = doc.documentElement;
  const box = (el) => { const r = el.getBoundingClientRect();
                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
                                height: r.height}; };
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).replace(/ /g, '.') : '');
  const texts = [];
  for (const el of doc.body.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own) texts.push({element: name(el), size: parseFloat(win.getComputedStyle(el).fontSize)});
  }
  const overflowing = Array.from(doc.body.querySelectorAll('*'))
    .filter((el) => box(el).right > root.clientWidth + 0.5 || box(el).left < -0.5).map(name);
  const section = (id) => { const el = doc.getElementById(id);
    return el && {box: box(el), parent: el.parentElement.tagName.toLowerCase(),
                  cards: Array.from(el.querySelectorAll('article.card')).map((card) => card.id)}; };
  const result = {
    viewport: root.clientWidth, innerWidth: win.innerWidth, scrollWidth: root.scrollWidth,
    bodyScrollWidth: doc.body.scrollWidth, scrollHeight: root.scrollHeight,
    viewportMeta: (doc.querySelector('meta[name=viewport]') || {}).content || null,
    bodyFontSize: parseFloat(win.getComputedStyle(doc.body).fontSize), texts: texts, overflowing: overflowing,
    contradictions: section('contradictions'), revisions: section('revisions'),
    cards: Array.from(doc.querySelectorAll('article.card')).map((card) => ({
      id: card.id,
      claims: Array.from(card.querySelectorAll('li.claim')).map((claim) => ({
        id: claim.dataset.claim, box: box(claim),
        links: Array.from(claim.querySelectorAll('a[href]')).map((a) => ({href: a.getAttribute('href'),
                                                                          box: box(a)})),
        source: claim.querySelector('.src').textContent,
        marks: Array.from(claim.querySelectorAll('mark')).map((m) => ({mark: m.className, text: m.textContent,
          background: win.getComputedStyle(m).backgroundColor}))}))})),
  };
  document.getElementById('measured').textContent = JSON.stringify(result);
};
if (frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentDocument.body
    && frame.contentDocument.getElementById('contradictions')) measure();
else frame.addEventListener('load', measure);
"""

# Runs in a page that shows a screenshot as <img id=shot>; ``wanted`` maps names to [r, g, b].
COUNT_PIXELS = """
const shot = document.getElementById('shot');
const count = () => {
  const canvas = document.createElement('canvas');
  canvas.width = shot.naturalWidth; canvas.height = shot.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(shot, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) drawn++;
    seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  const present = Object.keys(wanted).filter((name) => seen.has((wanted[name][0] << 16) | (wanted[name][1] << 8)
                                                                  | wanted[name][2]));
  document.getElementById('measured').textContent = JSON.stringify({
    width: canvas.width, height: canvas.height, pixels: data.length / 4, drawn: drawn, present: present});
};
if (shot.complete) count(); else shot.addEventListener('load', count);
"""


def chromium() -> str:
    """The browser, or a skip (a failure where CI is "true": there it must be installed)."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    message = (f"no Chromium here (none of {', '.join(BROWSERS)} on PATH; on Debian: apt-get install chromium): "
               "the report page was not rendered in a browser")
    if os.environ.get("CI") == "true":
        pytest.fail(message + ", and CI must render it")
    pytest.skip(message)


def run_browser(browser: str, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        done = subprocess.run([browser, *HEADLESS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def report(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample store's report: its JSON, and its HTML page written to a file."""
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        outputs = {fmt: runner.invoke(app, ["contradictions", "--store", str(sample_store), "--format", fmt],
                                      catch_exceptions=False) for fmt in ("json", "html")}
    for result in outputs.values():
        assert result.exit_code == 0, result.stderr
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(outputs["html"].stdout, encoding="utf-8")
    return {"json": json.loads(outputs["json"].stdout), "page": page}


def in_browser(browser: str, harness: Path, body: str, script: str, window: tuple[int, int]) -> dict[str, Any]:
    """Load a page of ``body`` and ``script`` (which writes JSON into ``<pre id=measured>``) and return that JSON."""
    harness.write_text(f"<!doctype html><html><head><meta charset=utf-8></head><body style='margin:0'>{body}"
                       f"<pre id=measured></pre><script>{script}</script></body></html>", encoding="utf-8")
    dom = run_browser(browser, f"--window-size={window[0]},{window[1]}", "--virtual-time-budget=5000", "--dump-dom",
                      harness.as_uri())
    found = re.search(r"<pre id=\"measured\">(.*?)</pre>", dom, re.S)
    assert found and found.group(1), f"the script in {harness.name} wrote nothing"
    return json.loads(html.unescape(found.group(1)))


def measure(browser: str, page: Path, width: int, height: int) -> dict[str, Any]:
    """Lay ``page`` out in a ``width`` x ``height`` frame and return what :data:`MEASURE` read from it."""
    frame = (f"<iframe id=report style='border:0;display:block;width:{width}px;height:{height}px' "
             f"srcdoc=\"{html.escape(page.read_text(encoding='utf-8'))}\"></iframe>")
    return in_browser(browser, page.with_name(f"measure-{width}.html"), frame, MEASURE,
                      (max(width, 500) + 20, height + 100))


def screenshot(browser: str, page: Path, width: int, height: int) -> Path:
    """A PNG of the whole page, ``width`` wide and at least ``height`` high."""
    folder = Path(os.environ.get("KG_REPORT_SCREENSHOTS") or page.parent)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"report_{width}.png"
    target.unlink(missing_ok=True)
    run_browser(browser, f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri())
    assert target.is_file(), f"Chromium wrote no screenshot at {width} px"
    return target


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def pixels(browser: str, png: Path, colours: dict[str, tuple[int, int, int]], harness: Path) -> dict[str, Any]:
    """What :data:`COUNT_PIXELS` reads from the screenshot: its size, how many pixels differ from the top-left one
    (the page's background) and which of ``colours`` it holds. The browser decodes the PNG (a data: URL, which
    leaves the canvas readable), so the test needs no image library."""
    source = "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
    wanted = json.dumps({name: list(rgb) for name, rgb in colours.items()})
    return in_browser(browser, harness, f"<img id=shot src=\"{source}\">",
                      f"const wanted = {wanted};\n{COUNT_PIXELS}", (800, 600))


@pytest.fixture(scope="module")
def browser() -> str:
    return chromium()


@pytest.fixture(scope="module")
def layouts(browser: str, report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {width: measure(browser, report["page"], width, height) for width, height in (PHONE, DESKTOP)}


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]])
def test_the_page_fits_the_width_and_reads(layouts: dict[int, dict[str, Any]], width: int) -> None:
    layout = layouts[width]
    assert layout["viewport"] == width  # the frame really was this wide
    assert layout["scrollWidth"] <= layout["viewport"] and layout["bodyScrollWidth"] <= layout["viewport"], \
        f"the page scrolls sideways at {width} px"
    assert layout["overflowing"] == [], f"these stick out at {width} px: {layout['overflowing'][:10]}"
    assert layout["bodyFontSize"] >= 14
    small = [text for text in layout["texts"] if text["size"] < 14]
    assert layout["texts"] and small == [], f"text under 14 px at {width} px: {small[:10]}"
    assert layout["viewportMeta"] == "width=device-width, initial-scale=1"


def test_every_card_links_its_articles_and_names_publisher_and_date(layouts: dict[int, dict[str, Any]],
                                                                      report: dict[str, Any]) -> None:
    items = report["json"]["contradictions"] + report["json"]["revisions"]
    claims = {claim["id"]: claim for item in items for claim in item["claims"]}
    assert any(claim["source"]["url"] for claim in claims.values())  # the samples do have a URL to link
    for layout in layouts.values():
        shown = [claim for card in layout["cards"] for claim in card["claims"]]
        assert sorted(claim["id"] for claim in shown) == sorted(
            claim["id"] for item in items for claim in item["claims"])
        for claim in shown:
            source = claims[claim["id"]]["source"]
            if source["url"]:
                [link] = claim["links"]
                assert link["href"] == source["url"] and link["box"]["width"] > 0 and link["box"]["height"] > 0
            else:
                assert claim["links"] == []  # no made-up link where the article's URL is not known
            assert source["published"] in claim["source"]
            assert (source["publisher"] or "publisher unknown") in claim["source"]


def test_revisions_have_their_own_section_after_the_contradictions(layouts: dict[int, dict[str, Any]],
                                                                   report: dict[str, Any]) -> None:
    def card_ids(items: list[dict[str, Any]]) -> list[str]:
        return [item["id"].rsplit("/", 1)[-1] for item in items]

    assert report["json"]["revisions"], "the samples hold a revised toll"
    for layout in layouts.values():
        contradictions, revisions = layout["contradictions"], layout["revisions"]
        assert revisions["parent"] == contradictions["parent"] == "main"  # side by side, neither inside the other
        assert contradictions["cards"] == card_ids(report["json"]["contradictions"])
        assert revisions["cards"] == card_ids(report["json"]["revisions"])
        assert revisions["box"]["top"] >= contradictions["box"]["bottom"]


def test_claimant_cue_and_content_are_marked_apart(layouts: dict[int, dict[str, Any]],
                                                   report: dict[str, Any]) -> None:
    items = report["json"]["contradictions"] + report["json"]["revisions"]
    claims = {claim["id"]: claim for item in items for claim in item["claims"]}
    for layout in layouts.values():
        shown = [claim for card in layout["cards"] for claim in card["claims"]]
        colours = {mark["mark"]: mark["background"] for claim in shown for mark in claim["marks"]}
        assert set(colours) == {"claimant", "cue", "content"}
        assert len(set(colours.values())) == 3  # three distinct highlights
        for claim in shown:
            sentence, spans = claims[claim["id"]]["sentence"], claims[claim["id"]]["spans"]
            # each part the claim has is marked, and what is marked lies inside a span of its kind
            assert {mark["mark"] for mark in claim["marks"]} == {kind for kind, found in spans.items() if found}
            for mark in claim["marks"]:
                assert any(mark["text"].strip() in sentence[start:end] for start, end in spans[mark["mark"]]), \
                    (mark, sentence)


def test_claims_sit_side_by_side_on_a_desktop_and_stack_on_a_phone(layouts: dict[int, dict[str, Any]]) -> None:
    def pairs(width: int) -> list[tuple[dict[str, float], dict[str, float]]]:
        return [(card["claims"][0]["box"], card["claims"][1]["box"]) for card in layouts[width]["cards"]
                if len(card["claims"]) >= 2]

    assert pairs(1280) and pairs(390)

    assert all(first["top"] == second["top"] and first["right"] <= second["left"] for first, second in pairs(1280))
    assert all(second["top"] >= first["bottom"] for first, second in pairs(390))


@pytest.mark.parametrize("size", [PHONE, DESKTOP])
def test_screenshots_show_the_page(browser: str, report: dict[str, Any], layouts: dict[int, dict[str, Any]],
                                   size: tuple[int, int]) -> None:
    width, height = size
    full_height = max(height, int(layouts[width]["scrollHeight"]))
    path = screenshot(browser, report["page"], width, full_height)
    assert png_size(path) == (width, full_height)
    shown = pixels(browser, path, MARK_COLOURS, report["page"].with_name(f"pixels-{width}.html"))
    assert (shown["width"], shown["height"]) == (width, full_height)
    assert shown["drawn"] > shown["pixels"] * 0.02, f"{path} is almost blank ({shown['drawn']} drawn pixels)"
    assert sorted(shown["present"]) == sorted(MARK_COLOURS), f"{path} lacks highlights"


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_no_browser_skips_but_fails_in_ci(monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no Chromium here"):
        chromium()
