"""Adding a site without code: probe → save → crawl, and ``sites check``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.probe import detect_family, fetch, probe
from crawler.mirror import MirrorServer
from tests.conftest import expected, run_cmd
from tests.sitegen import SITES_DIR

FIELDS = ("url", "title", "published_at", "author", "editor", "source", "views", "body")


@pytest.mark.parametrize(
    ("url", "family"),
    [
        ("https://neunews.neu.edu.cn/217/list.htm", "webplus"),
        ("https://en.szu.edu.cn/xwdt.htm", "vsb"),
        ("https://en.scut.edu.cn/list.jsp?id=20", "custom"),
    ],
)
def test_family_fingerprints(url: str, family: str) -> None:
    assert detect_family(fetch(url, SITES_DIR)) == family


@pytest.mark.integration
@pytest.mark.parametrize(
    ("url", "site", "host_prefix"),
    [
        ("https://neunews.neu.edu.cn/217/list.htm", "neu_news", "https://neunews.neu.edu.cn/20"),
        ("https://en.szu.edu.cn/xwdt.htm", "szu_news", "https://en.szu.edu.cn/"),
        ("https://en.nefu.edu.cn/News.htm", "nefu_news", "https://en.nefu.edu.cn/"),
        ("https://en.scut.edu.cn/list.jsp?id=20", "scut_news", "https://en.scut.edu.cn/"),
    ],
)
def test_probed_entry_crawls_the_copy_unedited(
    tmp_path: Path, url: str, site: str, host_prefix: str
) -> None:
    saved = tmp_path / "list.html"
    saved.write_text(fetch(url, SITES_DIR), encoding="utf-8")
    out = run_cmd(
        [
            "patentwatch",
            "sites",
            "probe",
            url,
            "--file",
            str(saved),
            "--mirror",
            str(SITES_DIR),
            "--name",
            "probed_site",
        ]
    )
    assert out.returncode == 0, out.stderr
    sites_file = tmp_path / "my_sites.toml"
    sites_file.write_text(out.stdout, encoding="utf-8")
    db = tmp_path / "probed.db"
    with MirrorServer(SITES_DIR) as server:
        crawl = run_cmd(
            [
                "scrapy",
                "crawl",
                "probed_site",
                "-s",
                f"PATENTWATCH_SITES={sites_file}",
                "-s",
                f"PATENTWATCH_DB={db}",
                "-s",
                f"MIRROR_URL={server.url}",
            ]
        )
    assert crawl.returncode == 0 and "Traceback" not in crawl.stderr, crawl.stderr[-2000:]
    want = sorted(
        tuple(i[f] for f in FIELDS) for i in expected(site) if str(i["url"]).startswith(host_prefix)
    )
    conn = sqlite3.connect(db)
    got = conn.execute(f"SELECT {', '.join(FIELDS)} FROM articles ORDER BY url").fetchall()
    conn.close()
    assert got == want


def test_probe_output_is_a_valid_entry(tmp_path: Path) -> None:
    from core.sites import SHIPPED_SITES, load_sites

    result = probe(
        "https://en.scut.edu.cn/list.jsp?id=20",
        fetch("https://en.scut.edu.cn/list.jsp?id=20", SITES_DIR),
        SITES_DIR,
        "scut_probe",
    )
    path = tmp_path / "s.toml"
    path.write_text(result.toml(), encoding="utf-8")
    site = load_sites([SHIPPED_SITES, path])["scut_probe"]
    assert site.templates[0].family == "custom"
    assert site.templates[0].matches_article("https://en.scut.edu.cn/detail.jsp?id=62064")


def test_sites_list_prints_names_first() -> None:
    out = run_cmd(["patentwatch", "sites", "list"])
    names = [line.split("\t")[0] for line in out.stdout.splitlines()]
    assert {"neu_news", "dlut_news", "szu_news", "nefu_news", "nenu_news", "scut_news"} <= set(
        names
    )


def test_sites_check_reports_ok_and_template_drift(tmp_path: Path) -> None:
    ok = run_cmd(["patentwatch", "sites", "check", "dlut_news", "--mirror", str(SITES_DIR)])
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().endswith("dlut_news: ok")
    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[sites.nefu_news]\ninstitution = "Northeast Forestry University"\nallowed_domains = ["en.nefu.edu.cn"]\n'
        'start_urls = ["https://en.nefu.edu.cn/News.htm"]\nfamily = "vsb"\nbody = [".article-body-v2"]\n'
        'meta = [".meta-v2"]\n'
    )
    bad = run_cmd(
        [
            "patentwatch",
            "--sites",
            str(broken),
            "sites",
            "check",
            "nefu_news",
            "--mirror",
            str(SITES_DIR),
        ]
    )
    assert bad.returncode == 1
    assert "selectors missed body (generic fallback used)" in bad.stdout
    assert "nefu_news: 2 problem(s)" in bad.stdout


# --------------------------------------------------------------------------- real templates


def test_probe_finds_a_custom_templates_title_and_meta_line(tmp_path: Path) -> None:
    """WebPlus with its own article template: title in a div, meta line in another, a
    header date before the title, a sidebar of dated links and a deadline in the text."""
    from core.extraction import ListHint, extract_article
    from core.sites import load_sites
    from tests import trapsite

    mirror = trapsite.write_mirror(tmp_path / "mirror")
    start = f"https://{trapsite.HOST}/xwzx/list.htm"
    result = probe(start, fetch(start, mirror), mirror, "hlut_news")
    assert result.family == "webplus"
    assert result.overrides["title"] == ["div.article_title"]
    assert result.overrides["meta"] == ["div.article_info"]
    first = trapsite.stories()[0]
    assert result.samples["published_at"] == f"{first.page_date} (from selector)"
    path = tmp_path / "s.toml"
    path.write_text(result.toml(), encoding="utf-8")
    site = load_sites([path])["hlut_news"]
    for story in trapsite.stories():
        url = f"https://{trapsite.HOST}{story.path}"
        got = extract_article(
            trapsite.article_page(story),
            url,
            site.template_for_article(url),
            ListHint(story.title, story.list_date),
            site.lang,
        )
        assert (got.published_at, got.sources["published_at"]) == (story.page_date, "selector")
        assert got.date_disagrees == (story.list_date != story.page_date)
        assert (got.title, got.source, got.views) == (story.title, "科技处", 10)


META_FORMS = [
    ("发布时间：2025-05-09", "2025-05-09"),
    ("发布日期: 2025/05/09", "2025-05-09"),
    ("更新时间：2025年05月09日", "2025-05-09"),
    ("日期：2025年5月9日 浏览：31", "2025-05-09"),
    ("Date: 09 May 2025", "2025-05-09"),
    ("Posted May 9, 2025 by the News Office", "2025-05-09"),
    ("来源：宣传部 时间: 2024-11-20 阅读:10", "2024-11-20"),
]


@pytest.mark.parametrize(("line", "date"), META_FORMS)
def test_discover_meta_takes_the_labelled_date_near_the_title(line: str, date: str) -> None:
    from parsel import Selector

    from core.discovery import discover_meta, title_node
    from core.extraction.meta import parse_meta

    html = (
        "<html><body><div class='topbar'>今天是 2025年06月30日 星期一</div>"
        "<ul class='side'><li><a href='/a.htm'>Older story</a> 2024-01-02</li></ul>"
        "<div class='art'><div class='headline'>A New Patent Office Opens on Campus</div>"
        f"<div class='line-a'><span>{line}</span></div>"
        "<div class='txt'><p>Applications close on 2025-12-31, the office said.</p></div></div>"
        "<div class='foot'>Copyright 2025</div></body></html>"
    )
    sel = Selector(text=html)
    css = discover_meta(sel, title_node(sel, "A New Patent Office Opens on Campus"), "div.txt")
    assert css == "div.line-a"
    assert parse_meta(" ".join(sel.css(css + " ::text").getall())).date == date


def test_probe_guesses_the_institution_and_says_so() -> None:
    from parsel import Selector

    from core.discovery import guess_institution

    def guess(head: str, body: str = "") -> tuple[str, str]:
        html = f"<html><head>{head}</head><body>{body}</body></html>"
        return guess_institution(Selector(text=html), "https://en.example.edu.cn/news.htm")

    assert guess('<meta property="og:site_name" content="Harbin Institute of Technology">') == (
        "Harbin Institute of Technology",
        "og:site_name",
    )
    assert guess("<title>News-Shenzhen University</title>") == ("Shenzhen University", "<title>")
    assert guess("<title>新闻网</title>", "<div class='ft'>版权所有 © 2024 东北林业大学</div>") == (
        "东北林业大学",
        "the footer's copyright line",
    )
    name, where = guess("<title>News</title>")
    assert where == "nowhere" and "en.example.edu.cn" in name
