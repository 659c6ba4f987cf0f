"""Every fixture page of every declared site against its expected item, field by field."""

from __future__ import annotations

import gzip

import pytest
from parsel import Selector

from core.extraction import ListHint, extract_article, parse_list
from core.mirror import url_to_path
from core.sites import Site, load_sites
from tests.conftest import expected
from tests.sitegen import SITES_DIR

SITES = load_sites()
FIELDS = ("title", "published_at", "author", "editor", "source", "views", "lang", "body")


def read_page(url: str) -> str:
    path = SITES_DIR / url_to_path(url)
    return gzip.decompress(path.with_name(path.name + ".gz").read_bytes()).decode("utf-8")


def walk_lists(site: Site) -> tuple[list[str], dict[str, ListHint]]:
    """Follow each start URL's pagination; return list pages visited and hints per article."""
    visited, hints = [], {}
    for url in site.start_urls:
        while url:
            visited.append(url)
            entries, url = parse_list(
                Selector(text=read_page(url)), url, site.template_for_list(url)
            )
            hints.update({e.url: ListHint(title=e.title, date=e.date) for e in entries})
    return visited, hints


@pytest.mark.parametrize("name", sorted(SITES))
def test_lists_reach_every_article(name: str) -> None:
    _, hints = walk_lists(SITES[name])
    assert sorted(hints) == sorted(item["url"] for item in expected(name))


def test_neu_pagination_counts_up_and_vsb_counts_down() -> None:
    neu, _ = walk_lists(SITES["neu_news"])
    assert neu == [
        "https://neunews.neu.edu.cn/217/list.htm",
        "https://neunews.neu.edu.cn/217/list2.htm",
        "https://neunews.neu.edu.cn/mtdd.htm",
        "https://neunews.neu.edu.cn/mtdd/1.htm",
    ]
    dut, _ = walk_lists(SITES["dlut_news"])
    assert dut == [
        "https://en.dlut.edu.cn/xwdt/xw.htm",
        "https://en.dlut.edu.cn/xwdt/xw/2.htm",
        "https://en.dlut.edu.cn/xwdt/xw/1.htm",
    ]


def test_list_keeps_full_title_from_a_title() -> None:
    url = "https://neunews.neu.edu.cn/217/list.htm"
    entries, _ = parse_list(
        Selector(text=read_page(url)), url, SITES["neu_news"].template_for_list(url)
    )
    by_url = {e.url: e for e in entries}
    entry = by_url["https://neunews.neu.edu.cn/2021/0511/c218a72615/page.htm"]
    assert entry.title == "The 98th Anniversary Celebration Conference of NEU Held in Hunnan Campus"
    assert entry.date == "2021-05-14"


@pytest.mark.parametrize(
    ("name", "url"),
    [(name, item["url"]) for name in sorted(SITES) for item in expected(name)],
)
def test_article_fields(name: str, url: str) -> None:
    site = SITES[name]
    _, hints = walk_lists(site)
    want = next(i for i in expected(name) if i["url"] == url)
    got = extract_article(
        read_page(url), url, site.template_for_article(url), hints.get(url), site.lang
    )
    assert {f: getattr(got, f) for f in FIELDS} == {f: want[f] for f in FIELDS}
    assert got.sources == want["sources"]


def test_seed_articles_exact() -> None:
    """The two source stories: dates from the meta line / date line, not from the URL."""
    neu_url = "https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm"
    neu = extract_article(
        read_page(neu_url), neu_url, SITES["neu_news"].template_for_article(neu_url)
    )
    assert neu.title == "NEU Approved as a High-value Patent Cultivation Center of Liaoning"
    assert neu.published_at == "2020-08-04"  # the URL says 2020/0813
    assert (neu.author, neu.editor, neu.source, neu.views) == (
        None,
        "Lei Chang, Yuhui Wang",
        "NEU",
        11,
    )
    assert "更新日期" not in neu.body and "浏览次数" not in neu.body
    assert "applied for 301 international patents and has been granted 32" in neu.body

    dut_url = "https://en.dlut.edu.cn/info/1027/1810.htm"
    dut = extract_article(
        read_page(dut_url), dut_url, SITES["dlut_news"].template_for_article(dut_url)
    )
    assert dut.published_at == "2019-04-02"
    assert dut.author == "Liu Jianing"
    assert dut.body.startswith(
        "Recently, the World Intellectual Property Organization (WIPO) released data"
    )
    assert "Clicks" not in dut.body and "Position:" not in dut.body


def test_selector_miss_falls_back_and_says_so() -> None:
    url = "https://en.dlut.edu.cn/info/1103/2590.htm"
    site = SITES["dlut_news"]
    got = extract_article(
        read_page(url), url, site.template_for_article(url), ListHint("T", "2022-08-22")
    )
    assert got.sources == {"title": "list", "body": "fallback", "published_at": "list"}
    assert got.body.startswith(
        "From August 18 to 20, the International Conference on Ocean Engineering"
    )
    assert "Copyright" not in got.body
