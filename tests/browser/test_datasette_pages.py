"""Datasette as a person sees it: headless Chromium at 1400 × 1000 over ``patentwatch serve``.

Each page is screenshotted into ``test-artifacts/browser/`` (the paths are printed at
the end) and checked for what matters on the first screen: the first rows of data
within it, no raw Markdown, the evidence sentence readable, Chinese drawn as glyphs.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import VIEWPORT
from tests.conftest import REPO
from tests.serving import served

pytestmark = pytest.mark.integration

ARTIFACTS = REPO / "test-artifacts" / "browser"
SCREEN_BOTTOM = VIEWPORT["height"]
SCREEN_RIGHT = VIEWPORT["width"]
SHOTS: list[Path] = []

# Draws each Chinese character of the first cell that has some on its own canvas, in
# the cell's font: real glyphs differ from one another and leave ink; missing glyphs
# ("tofu") are all the same box. Two unassigned code points are the control: they
# must come out identical, or the method could not tell tofu from glyphs.
CJK_PROBE = """(selector) => {
  const cell = [...document.querySelectorAll(selector)]
    .find(el => /[\\u4e00-\\u9fff]/.test(el.innerText));
  if (!cell) return null;
  const style = getComputedStyle(cell);
  const draw = (ch) => {
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const ctx = canvas.getContext('2d');
    ctx.font = `32px ${style.fontFamily}`;
    ctx.textBaseline = 'top';
    ctx.fillText(ch, 4, 4);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  const chars = [...new Set(cell.innerText.match(/[\\u4e00-\\u9fff]/g))].slice(0, 6);
  const images = chars.map(draw);
  const box = cell.getBoundingClientRect();
  return {
    chars: chars.join(''),
    distinct: new Set(images).size,
    inked: images.filter(img => /[1-9]/.test(img)).length,
    control_same: draw('\\u0378') === draw('\\u0379'),
    width: box.width, height: box.height,
  };
}"""


@pytest.fixture(scope="module")
def site(demo_db: Path) -> Iterator[str]:
    """The demo database served by ``patentwatch serve``; yields the database's URL."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with served(demo_db) as (_proc, base):
        yield f"{base}/{demo_db.stem}"


@pytest.fixture(scope="module", autouse=True)
def print_screenshots(pytestconfig: pytest.Config) -> Iterator[None]:
    yield
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\nDatasette screenshots (1400 x 1000):")
        for shot in SHOTS:
            print(f"  {shot}")


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    tab = browser_context.new_page()
    yield tab
    tab.close()


def visit(page: Any, url: str, name: str) -> str:
    """Open ``url``, keep a screenshot of the first screen, return the visible text."""
    page.goto(url, wait_until="load")
    shot = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(shot))
    SHOTS.append(shot)
    text = page.inner_text("body")
    assert "`" not in text, f"{name}: raw Markdown backticks on the page"
    assert "Traceback" not in text and "Error 500" not in text, name
    return text


def first_row_top(page: Any) -> float:
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0, "no rows of data"
    return rows.first.bounding_box()["y"]


def visible_width(box: dict[str, float]) -> float:
    """How much of an element's width lies on the first screen."""
    return max(0.0, min(box["x"] + box["width"], SCREEN_RIGHT) - max(box["x"], 0.0))


def assert_evidence_readable(page: Any) -> str:
    cell = page.locator("td.col-evidence").first
    box = cell.bounding_box()
    assert box["y"] < SCREEN_BOTTOM, "the evidence starts below the first screen"
    assert visible_width(box) >= 250, f"evidence is a sliver: {box}"
    return cell.inner_text()


def assert_chinese_drawn(page: Any, selector: str = "td") -> None:
    probe = page.evaluate(CJK_PROBE, selector)
    assert probe, "no Chinese text on the page"
    assert probe["control_same"], "the tofu control failed: the probe cannot judge"
    assert probe["distinct"] == len(probe["chars"]) >= 2, f"Chinese drawn as tofu: {probe}"
    assert probe["inked"] == len(probe["chars"]), probe
    assert probe["width"] > 20 and probe["height"] > 10, probe


def api(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


def test_index_and_database_hide_the_machinery(page: Any, site: str) -> None:
    index = visit(page, site.rsplit("/", 1)[0] + "/", "index")
    assert "patentwatch: university patent news and WIPO PCT statistics" in index
    database = visit(page, site, "database")
    for table in ("articles", "metrics", "pct_rankings", "claims_vs_wipo"):
        assert table in database
    for machinery in ("lsh_buckets", "article_minhash", "_sqlite_migrations", "articles_fts_"):
        assert machinery not in database, f"{machinery} is listed"
    assert "hidden tables" in database
    assert "Start with articles: the news, one row per article" in database
    for title in ("Metrics for one institution", "All claims that differ from WIPO"):
        assert title in database


def test_articles_table_starts_on_the_first_screen(page: Any, site: str) -> None:
    text = visit(page, f"{site}/articles", "articles")
    assert "One row per article (canonical URL)." in text
    assert first_row_top(page) < SCREEN_BOTTOM
    assert page.locator("dl.column-descriptions").is_hidden()
    body = page.locator("td.col-body").first
    assert body.bounding_box()["height"] < 260, "the full body makes a tall row"
    assert body.inner_text().endswith("…"), "long bodies are truncated in the list"
    assert "site" in text and "lang" in text  # facets
    # the column details are one click away, not in the way
    page.get_by_text("Columns", exact=True).first.click()
    details = page.locator("details.pw-columns dl")
    assert details.is_visible()
    assert "the crawl_runs row that last saved it" in details.inner_text()
    page.screenshot(path=str(ARTIFACTS / "articles-columns-open.png"))
    SHOTS.append(ARTIFACTS / "articles-columns-open.png")


def test_metrics_table_shows_the_evidence(page: Any, site: str) -> None:
    text = visit(page, f"{site}/metrics", "metrics")
    assert first_row_top(page) < SCREEN_BOTTOM
    assert_evidence_readable(page)
    for facet in ("metric", "year", "institution"):
        assert page.locator(f'.facet-info[data-column="{facet}"]').count() == 1, facet
    # foreign keys show the article's title and the institution's name, not bare ids
    first = api(f"{site}/metrics.json?_shape=array&_size=1&_labels=on")[0]
    assert first["article_id"]["label"] in text
    assert first["institution_id"]["label"] in text


def test_one_metric_row_shows_its_whole_sentence(page: Any, site: str) -> None:
    row = api(f"{site}/metrics.json?_shape=array&metric=contract_amount&_size=1")[0]
    visit(page, f"{site}/metrics/{row['id']}", "metric-row")
    evidence = page.locator("td.col-evidence").first
    assert evidence.inner_text().strip() == row["evidence"]
    assert visible_width(evidence.bounding_box()) >= 250


STORED = [
    ("universities_by_pct_rank", {"year": "2019"}, ["UNIVERSITY OF CALIFORNIA", "PR/2020/848"]),
    ("claims_differing_from_wipo", {}, ["Shenzhen University", "258", "252"]),
    (
        "metrics_for_institution",
        {"institution": "大连理工大学"},
        ["Dalian University of Technology"],
    ),
    ("rank_history_for_institution", {"institution": "DLUT"}, ["Dalian University of Technology"]),
    ("search_articles", {"text": "知识产权"}, ["dlut_cn_news"]),
]


@pytest.mark.parametrize(("query", "params", "expect"), STORED, ids=[q[0] for q in STORED])
def test_stored_query_pages(
    page: Any, site: str, query: str, params: dict[str, str], expect: list[str]
) -> None:
    url = f"{site}/{query}" + ("?" + urllib.parse.urlencode(params) if params else "")
    text = visit(page, url, f"query-{query}")
    assert first_row_top(page) < SCREEN_BOTTOM
    for needle in expect:
        assert needle in text, f"{query}: {needle!r} not shown"
    if page.locator("td.col-evidence").count():
        assert_evidence_readable(page)
    if query in ("metrics_for_institution", "search_articles"):
        assert_chinese_drawn(page)


def test_search_box_finds_chinese_and_english(page: Any, site: str) -> None:
    visit(page, f"{site}/articles", "search-before")
    page.fill("#_search", "知识产权")
    page.press("#_search", "Enter")
    page.wait_for_load_state("load")
    text = visit(page, page.url, "search-chinese")
    assert "2 rows" in text
    assert first_row_top(page) < SCREEN_BOTTOM
    assert_chinese_drawn(page, "td.col-title")
    english = visit(page, f"{site}/articles?_search=PCT+applications", "search-english")
    assert first_row_top(page) < SCREEN_BOTTOM
    assert "SZU Stays Third Among Global Educational Institutions" in english
