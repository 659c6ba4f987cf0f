"""Storage pipeline: hands items to :mod:`storage` in batches and records the run.

Thin on purpose: no SQL here. The pipeline opens the database (``PATENTWATCH_DB``),
starts a ``crawl_runs`` row, extracts each article's patent metrics
(:mod:`core.metrics`), saves articles ``PATENTWATCH_BATCH_SIZE`` at a time
in one transaction each, and on ``spider_closed`` records how the run ended with
the Scrapy stats. Stats: ``storage/new``, ``storage/duplicate``, ``storage/updated``,
``storage/unchanged``.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider

import storage
from core.health import run_checks
from core.locks import LockedError, SpiderLock
from core.metrics import EXTRACTOR_VERSION, extract_metrics
from core.notify import notify
from crawler.items import ArticleItem, IndicatorItem, RankingItem
from crawler.runlog import RUN_IDS
from storage import utc_now
from storage.runs import recent_stats
from storage.wipo import save_indicators, save_rankings

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from sqlite_utils import Database

logger = logging.getLogger(__name__)


def run_status(reason: str, errors: int, healthy: bool = True) -> str:
    """``finished``: complete, no errors, healthy; ``degraded``: a health check failed;
    ``failed``: errors or an early stop."""
    if reason != "finished" or errors:
        return "failed"
    return "finished" if healthy else "degraded"


class StoragePipeline:
    """Save articles through :func:`storage.save_articles`; own the run's ledger row."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path: str = crawler.settings.get("PATENTWATCH_DB")
        self.batch_size = crawler.settings.getint("PATENTWATCH_BATCH_SIZE", 50)
        self.trigger: str = crawler.settings.get("PATENTWATCH_TRIGGER", "manual")
        self.db: Database | None = None
        self.run_id: int | None = None
        self.lock: SpiderLock | None = None
        self.buffer: list[dict[str, Any]] = []
        self.wipo_buffer: list[Any] = []
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        name = self.crawler.spider.name if self.crawler.spider else "unknown"
        if not self.crawler.settings.getbool("PATENTWATCH_LOCK_HELD"):
            # `scrapy crawl` one-offs take the same lock as `patentwatch crawl` and the scheduler
            try:
                self.lock = SpiderLock(self.db_path, name).acquire()
            except LockedError as exc:
                logger.error("%s", exc)
                raise CloseSpider("already_running") from None
        try:
            self.db = storage.open_db(self.db_path)
            self.run_id = storage.start_run(self.db, name, utc_now(), self.trigger)
        except storage.StorageError as exc:
            logger.error("%s", exc)
            raise CloseSpider("storage_unavailable") from None
        RUN_IDS[name] = self.run_id
        self.crawler.stats.set_value("patentwatch/run_id", self.run_id)
        self.crawler.stats.set_value("patentwatch/db", self.db_path)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleItem):
            row = dataclasses.asdict(item)
            metrics = extract_metrics(item.body, item.institution, item.lang)
            row["metrics"] = [m.as_dict() for m in metrics]
            row["extractor_version"] = EXTRACTOR_VERSION
            self.crawler.stats.inc_value("metrics/extracted", len(metrics))
            self.buffer.append(row)
            if len(self.buffer) >= self.batch_size:
                self._flush()
        elif isinstance(item, RankingItem | IndicatorItem):
            self.wipo_buffer.append(item)
            if len(self.wipo_buffer) >= self.batch_size:
                self._flush_wipo()
        return item

    def _flush_wipo(self) -> None:
        if not self.wipo_buffer or self.db is None:
            return
        batch, self.wipo_buffer = self.wipo_buffer, []
        rankings = [dataclasses.asdict(i) for i in batch if isinstance(i, RankingItem)]
        indicators = [dataclasses.asdict(i) for i in batch if isinstance(i, IndicatorItem)]
        try:
            self.crawler.stats.inc_value("storage/rankings", save_rankings(self.db, rankings))
            self.crawler.stats.inc_value("storage/indicators", save_indicators(self.db, indicators))
        except storage.StorageError as exc:
            self.crawler.stats.inc_value("storage/failed", len(batch))
            logger.error("%s (%d WIPO rows not saved)", exc, len(batch))

    def close_spider(self, spider: Spider | None = None) -> None:
        self._flush()
        self._flush_wipo()

    def _flush(self) -> None:
        if not self.buffer or self.db is None:
            return
        batch, self.buffer = self.buffer, []
        try:
            counts = storage.save_articles(self.db, batch, self.run_id, utc_now())
        except storage.StorageError as exc:
            self.crawler.stats.inc_value("storage/failed", len(batch))
            logger.error("%s (%d articles not saved)", exc, len(batch))
            return
        for outcome, n in counts.items():
            self.crawler.stats.inc_value(f"storage/{outcome}", n)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.db is None or self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        errors = int(stats.get("log_count/ERROR", 0)) + int(stats.get("storage/failed", 0))
        counts = {
            "pages": stats.get("response_received_count", 0),
            "new_articles": stats.get("storage/new", 0),
            "updated_articles": stats.get("storage/updated", 0),
            "unchanged_articles": stats.get("storage/unchanged", 0),
            "errors": errors,
            "requests": stats.get("downloader/request_count", 0),
            "not_modified": stats.get("conditional/not_modified", 0),
            "skipped_seen": stats.get("incremental/skipped_seen", 0),
            "duplicates": stats.get("storage/duplicate", 0),
        }
        health = self._health(spider.name, stats)
        status = run_status(reason, errors, all(r.ok for r in health))
        self.crawler.stats.set_value("patentwatch/status", status)
        try:
            storage.finish_run(
                self.db,
                self.run_id,
                utc_now(),
                status,
                reason,
                counts,
                stats,
                health=[r.__dict__ for r in health],
                log_file=self.crawler.settings.get("LOG_FILE"),
            )
        except storage.StorageError as exc:
            logger.error("could not record the end of run %s: %s", self.run_id, exc)
        if status != "finished":
            self._notify(spider.name, status, reason, counts, health)
        self.db.close()
        self.db = None
        if self.lock:
            self.lock.release()

    def _health(self, spider: str, stats: dict[str, Any]) -> list[Any]:
        assert self.db is not None and self.run_id is not None
        settings = self.crawler.settings
        history = recent_stats(
            self.db, spider, settings.getint("PATENTWATCH_HEALTH_HISTORY", 10), self.run_id
        )
        results = run_checks(stats, history, settings)
        for result in results:
            if not result.ok:
                logger.error("health check failed: %s", result.line())
        return results

    def _notify(
        self, spider: str, status: str, reason: str, counts: dict[str, Any], health: list[Any]
    ) -> None:
        settings = self.crawler.settings
        command, url = (
            settings.get("PATENTWATCH_NOTIFY_COMMAND", ""),
            settings.get("PATENTWATCH_NOTIFY_URL", ""),
        )
        if command or url:
            summary = {
                "spider": spider,
                "run_id": self.run_id,
                "status": status,
                "finish_reason": reason,
                **counts,
                "failed_checks": [r.line() for r in health if not r.ok],
            }
            notify(summary, command, url)
