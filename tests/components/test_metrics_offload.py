"""Metric extraction in a worker process (``PATENTWATCH_METRICS_WORKERS``): the same records
as in the reactor thread, and an article whose extraction fails (an exception, a killed
worker, a call that never ends) stored without metrics and named in a warning."""

from __future__ import annotations

import asyncio
import inspect
import logging
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from scrapy.crawler import Crawler

from core.records import ArticleRecord
from core.sites import load_sites
from crawler.database import close_crawl_db, crawl_db
from crawler.mirror import MirrorServer
from crawler.pipelines.metrics import MetricsPipeline
from crawler.pipelines.metrics_pool import MetricsPool
from crawler.pipelines.storage import StoragePipeline
from tests.bigsite import SITES as BENCH_SITES
from tests.bigsite import build_site
from tests.components.failing_extractor import TRIGGER
from tests.conftest import REPO
from tests.processes import alive, descendants
from tests.sitegen import load_corpus

FAILING = "tests.components.failing_extractor.extract"  # raises on a body holding TRIGGER
GOOD = "Example University was granted 42 invention patents in 2024, the university said."
BAD = f"{TRIGGER} Example University was granted 7 invention patents in 2024."


def _record(n: int, body: str, institution: str = "Example University") -> ArticleRecord:
    return ArticleRecord(
        url=f"https://news.example.edu.cn/info/{n}.htm",
        site="unit_news",
        institution=institution,
        fetched_at="2026-01-01T00:00:00Z",
        title=f"Story {n}",
        published_at="2025-03-01",
        body=body,
    )


def _corpus() -> list[ArticleRecord]:
    """The bundled sites' articles (tests/fixtures/corpus.toml), with their sites' institutions."""
    sites = load_sites()
    return [
        ArticleRecord(
            url=s.url,
            site=s.site,
            institution=sites[s.site].institution,
            fetched_at="2026-01-01T00:00:00Z",
            title=s.title,
            published_at=s.date,
            lang=sites[s.site].lang,
            body="\n".join(s.paragraphs),
        )
        for s in load_corpus()
    ]


def _slow_body() -> str:
    """A patent-dense text that takes the extractor well over a second (the corpus, 40 times)."""
    return "\n".join(r.body for r in _corpus()) * 40


def _run(
    crawler: Crawler, items: list[ArticleRecord], during: Callable[[MetricsPipeline], None]
) -> tuple[list[ArticleRecord], MetricsPipeline]:
    """Items through the metrics pipeline in a running asyncio loop, as in a crawl;
    ``during`` runs once every item is handed over (they are in flight then)."""
    pipe = MetricsPipeline.from_crawler(crawler)

    async def main() -> list[ArticleRecord]:
        pipe.open_spider()
        try:
            pending = [pipe.process_item(item) for item in items]
            during(pipe)
            return [await r if inspect.isawaitable(r) else r for r in pending]
        finally:
            pipe.close_spider()

    return asyncio.run(main()), pipe


def _no_op(pipe: MetricsPipeline) -> None:
    del pipe


@pytest.fixture(autouse=True, scope="module")
def _stop_resource_tracker() -> Iterator[None]:
    """Spawned pools start multiprocessing's resource tracker, which lives as long as its
    parent: a crawl's ends with the crawl, but pytest outlives this module and its
    suite-wide check would count the tracker as a process left running."""
    yield
    from multiprocessing import resource_tracker

    resource_tracker._resource_tracker._stop()  # type: ignore[attr-defined]


def test_a_worker_process_gives_the_metrics_of_the_reactor_thread(make_crawler) -> None:
    items = _corpus()
    in_thread, _ = _run(make_crawler(PATENTWATCH_METRICS_WORKERS=0), _corpus(), _no_op)
    seen_workers: list[multiprocessing.process.BaseProcess] = []
    offloaded, pipe = _run(
        make_crawler(PATENTWATCH_METRICS_WORKERS=1),
        items,
        lambda p: seen_workers.extend(multiprocessing.active_children()),
    )
    assert [i.metrics for i in offloaded] == [i.metrics for i in in_thread]
    assert [i.extractor_version for i in offloaded] == [i.extractor_version for i in in_thread]
    assert sum(len(i.metrics) for i in offloaded) >= 40  # the corpus states figures
    assert seen_workers, "no worker process ran the extraction"
    assert pipe.crawler.stats.get_value("metrics/extracted") == sum(
        len(i.metrics) for i in offloaded
    )
    assert pipe.crawler.stats.get_value("metrics/failed") is None
    # closed with the spider: no worker left behind
    assert not any(alive(p.pid) for p in seen_workers if p.pid is not None)


def test_workers_off_extracts_in_the_reactor_thread(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_METRICS_WORKERS=0)
    pipe = MetricsPipeline.from_crawler(crawler)
    pipe.open_spider()
    item = pipe.process_item(_record(0, GOOD))  # the item itself, not an awaitable
    assert isinstance(item, ArticleRecord)
    assert [m["value"] for m in item.metrics] == [42]
    assert pipe.pool is None
    pipe.close_spider()


@pytest.mark.parametrize("workers", [0, 1])
def test_an_article_the_extractor_raises_on_is_stored_without_metrics(
    make_crawler, caplog: pytest.LogCaptureFixture, workers: int
) -> None:
    crawler = make_crawler(
        PATENTWATCH_METRICS_WORKERS=workers,
        PATENTWATCH_BATCH_SIZE=50,
        PATENTWATCH_BATCH_SECONDS=0,
        PATENTWATCH_METRICS_EXTRACTOR=FAILING,
    )
    crawl_db(crawler)
    storage = StoragePipeline.from_crawler(crawler)
    with caplog.at_level(logging.WARNING, logger="crawler.pipelines.metrics"):
        items, _ = _run(crawler, [_record(0, BAD), _record(1, GOOD)], _no_op)
    for item in items:
        storage.process_item(item)
    storage.close_spider()
    close_crawl_db(crawler)

    bad, good = items
    assert bad.metrics == [] and bad.extractor_version is None
    assert [m["value"] for m in good.metrics] == [42]  # the crawl went on
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(bad.url in m and "RuntimeError" in m for m in warned), warned
    assert crawler.stats.get_value("metrics/failed") == 1
    assert _stored_metrics(crawler) == {bad.url: 0, good.url: 1}


def _stored_metrics(crawler: Crawler) -> dict[str, int]:
    conn = sqlite3.connect(crawler.settings["PATENTWATCH_DB"])
    rows = conn.execute(
        "SELECT a.url, count(m.id) FROM articles a LEFT JOIN metrics m ON m.article_id = a.id"
        " GROUP BY a.url"
    ).fetchall()
    conn.close()
    return dict(rows)


def _kill_workers(pipe: MetricsPipeline) -> None:
    """SIGKILL the pool's processes from outside, as the kernel's OOM killer would."""
    deadline = time.monotonic() + 30
    while not multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)
    for proc in multiprocessing.active_children():
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)


def test_a_killed_worker_costs_its_articles_metrics_not_the_articles(
    make_crawler, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler(PATENTWATCH_METRICS_WORKERS=1)
    pipe = MetricsPipeline.from_crawler(crawler)
    slow = _record(0, _slow_body())

    async def main() -> tuple[ArticleRecord, ArticleRecord]:
        pipe.open_spider()  # in the running loop, as Scrapy calls it
        pending = pipe.process_item(slow)
        pipe.send()  # in the worker now, not waiting for others to share its call
        _kill_workers(pipe)
        lost: ArticleRecord = await pending
        after: ArticleRecord = await pipe.process_item(_record(1, GOOD))  # a fresh worker
        return lost, after

    with caplog.at_level(logging.WARNING):
        try:
            lost, after = asyncio.run(main())
        finally:
            restarts = pipe.pool.restarts if pipe.pool else -1
            pipe.close_spider()
    assert lost is slow and lost.metrics == [] and lost.extractor_version is None
    assert any(slow.url in r.getMessage() and "died" in r.getMessage() for r in caplog.records)
    assert [m["value"] for m in after.metrics] == [42]
    assert restarts == 1
    assert crawler.stats.get_value("metrics/failed") == 1
    assert not multiprocessing.active_children()


def test_an_article_past_the_timeout_is_stored_without_metrics_and_its_worker_replaced(
    make_crawler, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler(PATENTWATCH_METRICS_WORKERS=1)
    pipe = MetricsPipeline.from_crawler(crawler)
    pipe.timeout = 0.5  # the slow body needs seconds

    async def main() -> tuple[ArticleRecord, ArticleRecord]:
        pipe.open_spider()
        stuck: ArticleRecord = await pipe.process_item(_record(0, _slow_body()))
        pipe.timeout = 60.0
        after: ArticleRecord = await pipe.process_item(_record(1, GOOD))
        return stuck, after

    with caplog.at_level(logging.WARNING):
        try:
            stuck, after = asyncio.run(main())
        finally:
            pipe.close_spider()
    assert stuck.metrics == [] and stuck.extractor_version is None
    assert any(stuck.url in r.getMessage() and "0.5 s" in r.getMessage() for r in caplog.records)
    assert [m["value"] for m in after.metrics] == [42]
    assert pipe.crawler.stats.get_value("metrics/failed") == 1
    assert not multiprocessing.active_children()


@pytest.mark.integration
def test_sigterm_mid_crawl_leaves_no_worker_process(tmp_path: Path) -> None:
    site, sites, db = tmp_path / "site", tmp_path / "sites.toml", tmp_path / "pw.db"
    build_site(site, 300)
    sites.write_text(BENCH_SITES)
    env = {**os.environ, "PATENTWATCH_SITES": str(sites)}
    with MirrorServer(site) as server:
        cmd = [str(Path(sys.executable).parent / "scrapy"), "crawl", "bench_news"]
        cmd += ["-s", f"PATENTWATCH_DB={db}", "-s", f"MIRROR_URL={server.url}"]
        cmd += ["-s", "PATENTWATCH_METRICS_WORKERS=1", "-s", "CONCURRENT_REQUESTS=2"]
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            workers.update(descendants(proc.pid))
            if workers and _articles(db) >= 20:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert workers, "the crawl started no worker process"
    assert proc.returncode == 0, err[-2000:]
    assert not [pid for pid in workers if alive(pid)]
    assert "Traceback" not in err, err[-2000:]


def _articles(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def test_the_spiders_of_one_process_share_one_pool(make_crawler) -> None:
    first = MetricsPipeline.from_crawler(make_crawler(PATENTWATCH_METRICS_WORKERS=1))
    second = MetricsPipeline.from_crawler(make_crawler(PATENTWATCH_METRICS_WORKERS=1))

    async def main() -> list[ArticleRecord]:
        first.open_spider()
        second.open_spider()
        assert first.pool is second.pool
        got = [
            await first.process_item(_record(0, GOOD)),
            await second.process_item(_record(1, GOOD)),
        ]
        workers = multiprocessing.active_children()
        first.close_spider()  # the other spider still uses the pool
        assert workers and all(alive(p.pid) for p in workers if p.pid is not None)
        got.append(await second.process_item(_record(2, GOOD)))
        second.close_spider()
        return got

    items = asyncio.run(main())
    assert [[m["value"] for m in i.metrics] for i in items] == [[42], [42], [42]]
    assert not multiprocessing.active_children()


def test_closing_does_not_wait_for_a_worker_busy_on_a_long_article() -> None:
    pool = MetricsPool(1)
    body = _slow_body()
    future = pool.submit(body, "Northeastern University", "en", None)
    started = time.monotonic()
    while not future.running() and time.monotonic() - started < 30:
        time.sleep(0.01)
    busy_from = time.monotonic()
    pool.close(timeout=0.2)
    assert time.monotonic() - busy_from < 1.0  # the slow body alone takes seconds
    assert future.done()
    assert not multiprocessing.active_children()


def test_articles_share_a_call_to_the_worker(make_crawler, monkeypatch) -> None:
    """Articles handed over together go in batches of BATCH (each call to the pool wakes
    three threads of the crawl process); each still gets its own records."""
    from crawler.pipelines import metrics as metrics_pipeline

    sizes: list[int] = []
    original = MetricsPool.submit_batch

    def counted(self: MetricsPool, calls: list, extractor: str) -> object:
        sizes.append(len(calls))
        return original(self, calls, extractor)

    monkeypatch.setattr(MetricsPool, "submit_batch", counted)
    items = [_record(n, GOOD) for n in range(metrics_pipeline.BATCH + 3)]
    done, _ = _run(make_crawler(PATENTWATCH_METRICS_WORKERS=1), items, _no_op)
    assert sizes == [metrics_pipeline.BATCH, 3]
    assert [[m["value"] for m in i.metrics] for i in done] == [[42]] * len(items)
