"""The run ledger and the health monitor: a run's row from start to finish, its status, its lock."""

from __future__ import annotations

import sqlite3

import pytest
from scrapy.exceptions import CloseSpider

from core.locks import SpiderLock
from crawler.extensions.health import HealthMonitor
from crawler.extensions.run_ledger import RunLedger


def _row(crawler) -> dict[str, object]:
    conn = sqlite3.connect(crawler.settings["PATENTWATCH_DB"])
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    conn.close()
    return row


def _open(crawler) -> tuple[RunLedger, HealthMonitor]:
    health, ledger = HealthMonitor.from_crawler(crawler), RunLedger.from_crawler(crawler)
    ledger.spider_opened(crawler.spider)
    return ledger, health


def _close(crawler, ledger: RunLedger, health: HealthMonitor, reason: str = "finished") -> None:
    health.spider_closed(crawler.spider, reason)
    ledger.spider_closed(crawler.spider, reason)
    ledger.engine_stopped()


def test_run_row_records_start_heartbeat_and_finish(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0, LOG_FILE="/var/log/pw/run.log")
    ledger, health = _open(crawler)
    start = _row(crawler)
    assert start["status"] == "running" and start["log_file"] == "/var/log/pw/run.log"
    for key, n in [
        ("response_received_count", 7),
        ("storage/new", 5),
        ("patentwatch/list/pages", 2),
        ("patentwatch/list/links", 5),
        ("downloader/request_count", 8),
    ]:
        crawler.stats.set_value(key, n)
    ledger.heartbeat()
    beat = _row(crawler)
    assert (beat["status"], beat["pages"], beat["new_articles"], beat["requests"]) == (
        "running",
        7,
        5,
        8,
    )
    _close(crawler, ledger, health)
    end = _row(crawler)
    assert end["status"] == "finished" and end["new_articles"] == 5 and end["finished_at"]


def test_an_error_fails_the_run(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0)
    ledger, health = _open(crawler)
    crawler.stats.set_value("log_count/ERROR", 1)
    _close(crawler, ledger, health)
    assert _row(crawler)["status"] == "failed"


def test_a_failed_health_check_degrades_the_run(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0)
    ledger, health = _open(crawler)
    crawler.stats.set_value("patentwatch/list/pages", 1)
    crawler.stats.set_value("patentwatch/list/empty", 1)  # a list page with no article links
    _close(crawler, ledger, health)
    row = _row(crawler)
    assert row["status"] == "degraded"
    assert '"check": "list_pages_have_links"' in str(row["health"])


def test_a_held_lock_closes_the_spider_before_a_run_starts(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0)
    with SpiderLock(crawler.settings["PATENTWATCH_DB"], "unit_news"):
        ledger = RunLedger.from_crawler(crawler)
        with pytest.raises(CloseSpider) as stopped:
            ledger.spider_opened(crawler.spider)
    assert stopped.value.reason == "already_running"
    assert ledger.run_id is None
