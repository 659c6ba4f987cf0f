"""Real spiders, run with ``scrapy crawl`` in a subprocess, through the real pipeline into SQLite.

Parametrized over ``scrapy list``: a spider without fixtures fails here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.metrics import EXTRACTOR_VERSION
from crawler.mirror import MirrorServer
from tests.conftest import expected, run_cmd
from tests.sitegen import EXPECTED_DIR, SITES_DIR

pytestmark = pytest.mark.integration

SPIDERS = run_cmd(["scrapy", "list"]).stdout.split()
COLUMNS = ("url", "title", "published_at", "author", "editor", "source", "views", "lang", "body")


def crawl(spider: str, db: Path, server: MirrorServer) -> None:
    proc = run_cmd(
        ["scrapy", "crawl", spider, "-s", f"PATENTWATCH_DB={db}", "-s", f"MIRROR_URL={server.url}"]
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]


def spider_start_urls(spider: str) -> tuple[str, ...]:
    from core.sites import load_sites

    return load_sites()[spider].start_urls


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_scrapy_list_shows_the_declared_sites() -> None:
    assert {"neu_news", "dlut_news"} <= set(SPIDERS)


NEWS_SPIDERS = [s for s in SPIDERS if s != "wipo_pct"]


@pytest.mark.parametrize("spider", SPIDERS)
def test_every_spider_has_fixtures(spider: str) -> None:
    path = EXPECTED_DIR / f"{spider}.json"
    assert path.exists(), (
        f"no expected items for {spider}: add its pages to tests/fixtures/corpus.toml and run python -m tests.sitegen"
    )
    for item in expected(spider):
        host = urlsplit(str(item.get("url", "https://www.wipo.int/"))).hostname
        assert (SITES_DIR / str(host)).is_dir(), f"no mirror folder for {host}"


def test_wipo_spider_stores_expected_rankings(tmp_path: Path, mirror_server: MirrorServer) -> None:
    db = tmp_path / "wipo.db"
    crawl("wipo_pct", db, mirror_server)
    want = sorted(
        (i["year"], i["rank"] or 0, i["applicant"], i["published"] or 0)
        for i in expected("wipo_pct")
    )
    got = rows(
        db,
        "SELECT year, coalesce(rank, 0), applicant, coalesce(published, 0) FROM pct_rankings ORDER BY 1, 2, 3",
    )
    assert sorted(got) == want


@pytest.mark.parametrize("spider", NEWS_SPIDERS)
def test_crawl_stores_expected_articles_once(
    spider: str, tmp_path: Path, mirror_server: MirrorServer
) -> None:
    db = tmp_path / "crawl.db"
    crawl(spider, db, mirror_server)
    want = sorted(tuple(item[c] for c in COLUMNS) for item in expected(spider))
    got = rows(db, f"SELECT {', '.join(COLUMNS)} FROM articles ORDER BY url")
    assert got == want
    run = rows(
        db, "SELECT spider, status, new_articles + duplicates, errors, trigger FROM crawl_runs"
    )
    assert run == [(spider, "finished", len(want), 0, "manual")]  # a copy counts as a duplicate

    crawl(spider, db, mirror_server)  # a second run must not duplicate anything
    assert rows(db, "SELECT count(*) FROM articles") == [(len(want),)]
    # ... and fetches no article: every list page answers 304 or holds only stored articles
    (second,) = rows(db, "SELECT status, new_articles, requests FROM crawl_runs WHERE id = 2")
    assert second == (
        "finished",
        0,
        len(spider_start_urls(spider)) + 1,
    )  # robots.txt + page 1 of each list
    html_rows = rows(db, "SELECT count(*) FROM article_html")
    assert html_rows == [(len(want),)]


def test_seed_articles_in_db(tmp_path: Path, mirror_server: MirrorServer) -> None:
    db = tmp_path / "seeds.db"
    crawl("dlut_news", db, mirror_server)
    crawl("neu_news", db, mirror_server)
    seeds = rows(
        db,
        "SELECT site, published_at, author, editor FROM articles WHERE url IN ("
        "'https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm', 'https://en.dlut.edu.cn/info/1027/1810.htm')"
        " ORDER BY site",
    )
    assert seeds == [
        ("dlut_news", "2019-04-02", "Liu Jianing", None),
        ("neu_news", "2020-08-04", None, "Lei Chang, Yuhui Wang"),
    ]


def test_crawl_extracts_seed_metrics_with_provenance(
    tmp_path: Path, mirror_server: MirrorServer
) -> None:
    db = tmp_path / "metrics.db"
    crawl("dlut_news", db, mirror_server)
    crawl("neu_news", db, mirror_server)
    got = set(
        rows(
            db,
            "SELECT m.institution, m.metric, m.value, m.year FROM metrics m JOIN articles a ON a.id = m.article_id"
            " WHERE a.url IN ('https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm',"
            " 'https://en.dlut.edu.cn/info/1027/1810.htm')",
        )
    )
    neu, dut = "Northeastern University", "Dalian University of Technology"
    assert got == {
        (neu, "international_patent_applications", 301, None),
        (neu, "international_patents_granted", 32, None),
        (neu, "rank", 50, 2019),
        (neu, "patents_transferred", 165, None),
        (neu, "contract_amount", 395000000, None),
        (neu, "other", 2395800, None),
        (dut, "pct_applications_published", 53, 2018),
        (dut, "rank", 44, 2018),
        (dut, "rank", 8, 2018),
        (dut, "rank", 836, 2018),
        (dut, "other", 6, None),
    }
    # every number is traceable to its sentence in the stored body
    for body, start, end, evidence in rows(
        db,
        "SELECT a.body, m.start_offset, m.end_offset, m.evidence FROM metrics m JOIN articles a ON a.id = m.article_id",
    ):
        assert body[start:end] == evidence
    assert rows(db, "SELECT DISTINCT extractor_version FROM metrics") == [(EXTRACTOR_VERSION,)]
