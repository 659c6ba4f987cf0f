"""The hostile web: every fault a real spider meets, through the real pipeline into SQLite."""

from __future__ import annotations

import json
import resource
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cmd
from tests.hostile import FAULTS, GOOD_IDS, HostileServer

pytestmark = pytest.mark.integration

SITES = """
[sites.hostile_news]
institution = "Hostile University"
country = "CN"
lang = "en"
allowed_domains = ["hostile.edu.cn"]
start_urls = ["https://hostile.edu.cn/news.htm", "https://hostile.edu.cn/shell.htm"]
family = "vsb"
max_list_pages = 5

[sites.robotserr_news]
institution = "Robots Error University"
country = "CN"
allowed_domains = ["robotserr.edu.cn"]
start_urls = ["https://robotserr.edu.cn/news.htm"]
family = "vsb"
"""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("hostile")
    sites = tmp / "sites.toml"
    sites.write_text(SITES, encoding="utf-8")
    db = tmp / "hostile.db"
    with HostileServer() as server:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        proc = run_cmd(
            [
                "patentwatch",
                "--sites",
                str(sites),
                "crawl",
                "hostile_news",
                "robotserr_news",
                "--db",
                str(db),
                "-s",
                f"MIRROR_URL={server.url}",
                "-s",
                "DOWNLOAD_TIMEOUT=2",
                "-s",
                "RETRY_TIMES=4",
                "-s",
                "DOWNLOAD_MAXSIZE=2097152",
                "-s",
                "DOWNLOAD_WARNSIZE=0",
                "-s",
                f"PATENTWATCH_LOG_DIR={tmp / 'logs'}",
            ],
            timeout=300,
        )
        rss_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
        hits = dict(server.hits)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    runs = {r["spider"]: dict(r) for r in conn.execute("SELECT * FROM crawl_runs")}
    articles = [dict(r) for r in conn.execute("SELECT url, title, body, lang FROM articles")]
    skipped = [dict(r) for r in conn.execute("SELECT url, reason, status FROM skipped_pages")]
    conn.close()
    return {
        "proc": proc,
        "hits": hits,
        "runs": runs,
        "articles": articles,
        "skipped": skipped,
        "rss_mb": rss_mb,
    }


def stats(run: dict, spider: str = "hostile_news") -> dict:
    return json.loads(run["runs"][spider]["stats"])


def test_good_articles_stored_once_and_bad_ones_not(hostile_run: dict) -> None:
    stored = sorted(
        int(a["url"].rsplit("/", 1)[-1].split(".")[0])
        for a in hostile_run["articles"]
        if "hostile.edu.cn" in a["url"]
    )
    assert stored == sorted(GOOD_IDS), [FAULTS.get(i) for i in stored]


def test_no_mojibake_reaches_the_database(hostile_run: dict) -> None:
    chinese = [a for a in hostile_run["articles"] if a["title"].startswith("中文标题")]
    assert sorted(a["title"] for a in chinese) == ["中文标题", "中文标题三", "中文标题二"]
    for a in hostile_run["articles"]:
        assert "\ufffd" not in a["title"] + a["body"]
    assert all("专利" in a["body"] and a["lang"] == "zh" for a in chinese)
    assert stats(hostile_run).get("patentwatch/encoding/corrected", 0) >= 1


def test_faults_are_counted_with_their_reason(hostile_run: dict) -> None:
    s = stats(hostile_run)
    assert s.get("retry_after/waited", 0) >= 1  # 429 with Retry-After: waited, then stored
    assert s.get("retry/reason_count/503 Service Unavailable", 0) >= 2  # 503 burst, then recovery
    assert s.get("downloader/response_status_count/403", 0) >= 1
    assert s.get("downloader/response_status_count/404", 0) >= 1
    assert s.get("patentwatch/article/rejected/no_body", 0) >= 1
    assert s.get("patentwatch/article/rejected/error_page", 0) >= 2  # error page and login page
    assert any("TimeoutError" in k or "Timeout" in k for k in s), "slow response not timed out"
    assert s.get("patentwatch/list/empty", 0) >= 1  # the JS-only list shell
    assert s.get("robotstxt/forbidden", 0) >= 1
    run = hostile_run["runs"]["hostile_news"]
    assert run["finished_at"] and run["status"] in ("failed", "degraded") and run["errors"] >= 1
    assert "list_pages_have_links" in run["health"]


def test_redirects_traps_and_robots(hostile_run: dict) -> None:
    hits = hostile_run["hits"]
    assert hits.get("/private/info/1/99.htm", 0) == 0  # disallowed by robots.txt
    assert hits.get("/phish.htm", 0) == 0  # a redirect off the allowed domains is not followed
    assert hits.get("/info/1/12.htm", 0) <= 21  # the redirect loop ends (REDIRECT_MAX_TIMES)
    trap_pages = [p for p in hits if p.startswith("/news/")]
    # endless "next" chain with no counter: stops at the first page with nothing new on it
    assert trap_pages == ["/news/1.htm"]
    assert stats(hostile_run).get("patentwatch/list/stop/no_new_items") == 1
    assert (
        stats(hostile_run, "robotserr_news").get("response_received_count", 0) >= 1
    )  # robots.txt error: crawled


def test_huge_page_and_gzip_bomb_refused_with_memory_bounded(hostile_run: dict) -> None:
    s = stats(hostile_run)
    refused = sum(
        v
        for k, v in s.items()
        if "maxsize" in k.lower() or "max_size" in k.lower() or "bomb" in k.lower()
    )
    assert refused >= 1 or s.get("downloader/exception_count", 0) >= 2
    assert hostile_run["rss_mb"] < 500
    log = hostile_run["proc"].stderr + hostile_run["proc"].stdout
    assert (
        "hostile_news: FAILED" in hostile_run["proc"].stdout
        or "hostile_news: ok" in hostile_run["proc"].stdout
    )
    assert "Traceback" not in log


def test_expected_faults_are_skipped_pages_with_their_reason(hostile_run: dict) -> None:
    got = {
        (s["url"].removeprefix("https://hostile.edu.cn"), s["reason"], s["status"])
        for s in hostile_run["skipped"]
    }
    assert got == {
        ("/private/info/1/99.htm", "robots", None),
        ("/info/1/10.htm", "forbidden", 403),
        ("/info/1/11.htm", "not_found", 404),
        ("/info/1/12.htm", "redirect_loop", 302),
        ("/info/1/13.htm", "offsite_redirect", 302),
        ("/info/1/16.htm", "no_body", 200),
        ("/info/1/17.htm", "error_page", 200),
        ("/login.htm", "error_page", 200),  # /info/1/14.htm redirected to the login page
        ("/info/1/18.htm", "size_cap", None),
        ("/info/1/19.htm", "size_cap", 200),  # the gzip bomb, refused once decompressed
    }
    log_file = hostile_run["runs"]["hostile_news"]["log_file"]
    log = Path(log_file).read_text(encoding="utf-8")
    for s in hostile_run["skipped"]:  # one WARNING line each, naming the URL and the reason
        lines = [line for line in log.splitlines() if " WARNING: " in line and s["url"] in line]
        assert lines == [line for line in lines if f"skipped {s['url']}: {s['reason']}" in line]
        assert len(lines) == 1, lines
    assert "larger than download max size" not in log  # the skip line replaces Scrapy's
