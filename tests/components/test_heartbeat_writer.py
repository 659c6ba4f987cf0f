"""The run ledger's heartbeat goes through the storage writer thread once records flow, so
the reactor thread never waits for SQLite's write lock (real SQLite file, real writer)."""

from __future__ import annotations

import sqlite3

from core.records import ArticleRecord
from crawler.database import crawl_writer
from crawler.extensions.health import HealthMonitor
from crawler.extensions.run_ledger import RunLedger
from crawler.pipelines.storage import StoragePipeline


def _record(n: int) -> ArticleRecord:
    return ArticleRecord(
        url=f"https://news.example.edu.cn/beat/{n}.htm",
        site="unit_news",
        institution="Example University",
        fetched_at="2026-01-01T00:00:00Z",
        title=f"Heartbeat story {n}",
        published_at="2025-03-01",
        body=f"A made-up note number {n} about a robotics seminar held in the east hall.",
    )


def _run_row(path: str) -> tuple[str, int, int]:
    conn = sqlite3.connect(path)
    row = conn.execute(
        "SELECT status, pages, new_articles FROM crawl_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    return row


def test_heartbeat_is_written_by_the_writer_while_another_connection_holds_the_lock(
    make_crawler,
) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0, PATENTWATCH_BATCH_SECONDS=0)
    path = crawler.settings["PATENTWATCH_DB"]
    ledger, health = RunLedger.from_crawler(crawler), HealthMonitor.from_crawler(crawler)
    ledger.spider_opened(crawler.spider)
    pipeline = StoragePipeline.from_crawler(crawler)
    pipeline.process_item(_record(1))
    writer = crawl_writer(crawler)
    assert writer is not None and writer is pipeline.writer
    pipeline.flush()
    crawler.stats.set_value("response_received_count", 3)
    crawler.stats.set_value("storage/new", 1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # an analyst's tool holding the write lock
    ledger.heartbeat()  # on the reactor thread: returns at once, the writer waits for the lock
    assert _run_row(path) == ("running", 0, 0)
    other.execute("COMMIT")
    other.close()
    writer.flush()
    assert _run_row(path) == ("running", 3, 1)
    pipeline.close_spider(crawler.spider)
    assert crawl_writer(crawler) is None
    health.spider_closed(crawler.spider, "finished")
    ledger.spider_closed(crawler.spider, "finished")
    ledger.engine_stopped()
    assert _run_row(path) == ("finished", 3, 1)


def test_heartbeat_before_any_record_is_written_directly(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0)
    path = crawler.settings["PATENTWATCH_DB"]
    ledger = RunLedger.from_crawler(crawler)
    ledger.spider_opened(crawler.spider)
    assert crawl_writer(crawler) is None
    crawler.stats.set_value("response_received_count", 2)
    ledger.heartbeat()
    assert _run_row(path) == ("running", 2, 0)
    ledger.spider_closed(crawler.spider, "finished")
    ledger.engine_stopped()
