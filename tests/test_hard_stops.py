"""Hard stops and concurrency: kill -9, readers during writes, two writers, read-only and full disks;
and the extractors under random and adversarial input (hypothesis)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.extraction import ListHint, extract_article, parse_list
from core.metrics import METRICS, extract_metrics
from core.sites import load_sites
from crawler.mirror import MirrorServer
from tests.bigsite import build_site
from tests.conftest import REPO, expected, run_cmd
from tests.sitegen import SITES_DIR

BENCH_SITES = (
    (REPO / "bench" / "crawl.py").read_text().split('SITES = f"""', 1)[1].split('"""', 1)[0]
)


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.mark.integration
def test_kill_9_mid_run_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    site, sites, db = tmp_path / "site", tmp_path / "sites.toml", tmp_path / "pw.db"
    build_site(site, 300)
    sites.write_text(
        BENCH_SITES.replace("{{", "{").replace("}}", "}").replace("{HOST}", "bench.dlut.edu.cn")
    )
    env = {**os.environ, "PATENTWATCH_SITES": str(sites)}
    with MirrorServer(site) as server:
        cmd = [
            str(Path(sys.executable).parent / "scrapy"),
            "crawl",
            "bench_news",
            "-s",
            f"PATENTWATCH_DB={db}",
            "-s",
            f"MIRROR_URL={server.url}",
            "-s",
            "PATENTWATCH_BATCH_SIZE=2",
            "-s",
            "CONCURRENT_REQUESTS=2",
        ]
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if (
                db.exists()
                and count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'articles'")
                and count(db, "SELECT count(*) FROM articles") >= 20
            ):
                break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stored_before = count(db, "SELECT count(*) FROM articles")
        assert 20 <= stored_before < 300
        again = subprocess.run(
            cmd[:-2] + ["-a", "full=1"], cwd=REPO, env=env, capture_output=True, text=True
        )
    assert again.returncode == 0, again.stderr[-2000:]
    assert count(db, "SELECT count(*) FROM articles") == 300
    assert count(db, "SELECT count(DISTINCT url_key) FROM articles") == 300
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")] == [
        "aborted",
        "finished",
    ]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.integration
def test_long_reader_and_a_second_writer_do_not_block_a_crawl(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    run_cmd(["patentwatch", "crawl", "szu_news", "--mirror", str(SITES_DIR), "--db", str(db)])
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM articles").fetchone()[0]  # a snapshot held open
    with MirrorServer(SITES_DIR) as server:
        procs = [
            subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "scrapy"),
                    "crawl",
                    name,
                    "-s",
                    f"PATENTWATCH_DB={db}",
                    "-s",
                    f"MIRROR_URL={server.url}",
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for name in ("dlut_news", "neu_news")
        ]
        outs = [p.communicate(timeout=180)[0] for p in procs]
    assert (
        reader.execute("SELECT count(*) FROM articles").fetchone()[0] == before
    )  # its snapshot is stable
    reader.rollback()
    reader.close()
    for p, out in zip(procs, outs, strict=True):
        assert p.returncode == 0 and "database is locked" not in out, out[-2000:]
    sites = ("szu_news", "dlut_news", "neu_news")
    assert count(db, "SELECT count(*) FROM articles") == sum(len(expected(s)) for s in sites)
    assert count(db, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'") == 3


def _mount(args: list[str]) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_read_only_database_path_is_one_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not (
        _mount(["--bind", str(folder), str(folder)])
        and _mount(["-o", "remount,ro,bind", str(folder)])
    ):
        pytest.skip("this machine does not allow a read-only bind mount")
    try:
        proc = run_cmd(
            [
                "patentwatch",
                "crawl",
                "dlut_news",
                "--mirror",
                str(SITES_DIR),
                "--db",
                str(folder / "pw.db"),
            ]
        )
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("patentwatch: error: ")
        and "read" in lines[0].lower()
    )


def test_full_disk_fails_cleanly_without_corruption(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)]):
        pytest.skip("this machine does not allow a small tmpfs mount")
    try:
        proc = run_cmd(
            [
                "patentwatch",
                "crawl",
                "neu_news",
                "--mirror",
                str(SITES_DIR),
                "--db",
                str(folder / "pw.db"),
            ]
        )
        assert proc.returncode != 0
        assert (
            "database or disk is full" in proc.stderr + proc.stdout or "disk" in proc.stderr.lower()
        )
        assert "Traceback" not in proc.stderr
        conn = sqlite3.connect(folder / "pw.db")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


SITE = load_sites()["dlut_news"]
HTML_BITS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div id='vsb_content'>",
        "<form name='_newscontent_fromname'>",
        "<h3>",
        "<script>",
        "<!--",
        "<table><tr><td>",
        "&#0;",
        "&nbsp;",
        "<![CDATA[",
        "\x00",
        "第44位",
        "PCT",
        "3.95亿元",
        "ranked 44th",
        "<meta charset='gbk'>",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HTML_BITS, st.text(max_size=40)), max_size=60))
def test_article_extractor_never_raises(parts: list[str]) -> None:
    html = "".join(parts)
    url = "https://en.dlut.edu.cn/info/1027/1.htm"
    fields = extract_article(
        html or "<html></html>", url, SITE.template_for_article(url), ListHint("t", None)
    )
    assert isinstance(fields.body, str) and all(isinstance(v, str) for v in fields.sources.values())
    entries, nxt = parse_list(
        __import__("parsel").Selector(text=html or "<html></html>"), url, SITE.templates[0]
    )
    assert all(e.url.startswith("http") for e in entries)


WORDS = st.sampled_from(
    [
        "In 2019,",
        "NEU",
        "我校",
        "published",
        "53",
        "PCT applications",
        "ranked",
        "44th",
        "第",
        "位",
        "亿元",
        "million yuan",
        "top 50",
        "among global educational institutions",
        ".",
        "。",
        "，",
        "granted",
        "1,234",
        "二千三百件",
        "Huawei",
        "China",
        "\n\n",
        "%",
        "increase of",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=15)), max_size=80))
def test_metric_extractor_never_raises_or_returns_malformed_records(parts: list[str]) -> None:
    text = " ".join(parts)
    for m in extract_metrics(text, "Northeastern University"):
        assert m.metric in METRICS
        assert isinstance(m.value, int | float) and m.value == m.value  # not NaN
        assert m.year is None or 1980 <= m.year <= 2035
        assert 0 <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.evidence


def test_entities_are_not_resolved() -> None:
    """An external entity in a fetched page is never expanded (no local file reaches the database)."""
    html = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><form name='_newscontent_fromname'><h3>T</h3><div id='vsb_content'>"
        "<div class='v_news_content'><p>before &xxe; after</p></div></div></form></body></html>"
    )
    url = "https://en.dlut.edu.cn/info/1027/1.htm"
    fields = extract_article(html, url, SITE.template_for_article(url))
    assert "root:" not in fields.body and "before" in fields.body


def test_fetched_text_is_printed_as_data_in_the_report(tmp_path: Path) -> None:
    import storage
    from patentwatch.analysis import report

    db = storage.open_db(tmp_path / "r.db")
    storage.save_articles(
        db,
        [
            {
                "url": "https://x.edu.cn/1.htm",
                "site": "x",
                "institution": "[bold red]Evil[/] <script>alert(1)</script>",
                "title": "t",
                "published_at": "2020-01-01",
                "lang": "en",
                "body": "b",
                "fetched_at": "2020",
                "metrics": [
                    {
                        "institution": "[bold red]Evil[/] <script>alert(1)</script>",
                        "metric": "rank",
                        "value": 1,
                        "unit": "rank",
                        "year": 2020,
                        "evidence": "e",
                        "start": 0,
                        "end": 1,
                    }
                ],
                "extractor_version": "1",
            }
        ],
        None,
        "2020",
    )
    import io

    out = io.StringIO()
    report(db, out)
    db.close()
    assert (
        "[bold red]Evil[/] <script>alert(1)</script>" in out.getvalue()
    )  # shown literally, not as markup


def test_retries_back_off_exponentially() -> None:
    import asyncio

    from scrapy import Request, Spider
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.middlewares.downloader import RetryAfterMiddleware

    crawler = get_crawler(Spider, {"PATENTWATCH_RETRY_BACKOFF": 0.05, "RETRY_TIMES": 3})
    mw = RetryAfterMiddleware.from_crawler(crawler)
    waits = []
    for done in range(3):
        request = Request("https://x.edu.cn/a", meta={"retry_times": done})
        start = time.perf_counter()
        asyncio.run(
            mw.process_response(request, HtmlResponse(request.url, status=502, request=request))
        )
        waits.append(time.perf_counter() - start)
    assert waits[0] >= 0.05 and waits[1] >= 0.1 and waits[2] >= 0.2
    ok = Request("https://x.edu.cn/b")
    start = time.perf_counter()
    asyncio.run(mw.process_response(ok, HtmlResponse(ok.url, status=200, request=ok)))
    assert time.perf_counter() - start < 0.05
