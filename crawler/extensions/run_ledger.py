"""The run ledger: one ``crawl_runs`` row per run, its lock, and a heartbeat while it runs.

On ``spider_opened`` it takes the per-spider lock (unless ``patentwatch crawl``
already holds it: ``PATENTWATCH_LOCK_HELD``) and starts the run row with the log
file's path; every ``PATENTWATCH_HEARTBEAT`` seconds it writes the run's counters
(through the storage writer thread once records flow, so the reactor never waits on
SQLite), so ``patentwatch runs`` shows a live run and a killed one keeps what it did; on
``spider_closed`` (after the health monitor has judged the run) it records how
the run ended and releases the lock; the crawl's database handle is closed when the
engine stops, after every component's own ``spider_closed`` work.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.utils.asyncio import create_looping_call

import storage
from core.locks import LockedError, SpiderLock
from crawler.database import close_crawl_db, crawl_db, crawl_writer
from crawler.runlog import RUN_IDS
from storage.runs import error_count, run_counts, run_status, update_counts

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RunLedger:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.lock: SpiderLock | None = None
        self.interval = crawler.settings.getfloat("PATENTWATCH_HEARTBEAT", 5.0)
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLedger:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        # closed last: other components' spider_closed handlers may still write
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        db_path = settings.get("PATENTWATCH_DB")
        if not settings.getbool("PATENTWATCH_LOCK_HELD"):
            # `scrapy crawl` one-offs take the same lock as `patentwatch crawl` and the scheduler
            try:
                self.lock = SpiderLock(db_path, spider.name).acquire()
            except LockedError as exc:
                logger.error("%s", exc)
                raise CloseSpider("already_running") from None
        try:
            self.run_id = storage.start_run(
                crawl_db(self.crawler),
                spider.name,
                storage.utc_now(),
                settings.get("PATENTWATCH_TRIGGER", "manual"),
                log_file=settings.get("LOG_FILE"),
            )
        except storage.StorageError as exc:
            logger.error("%s", exc)
            raise CloseSpider("storage_unavailable") from None
        RUN_IDS[spider.name] = self.run_id
        self.crawler.stats.set_value("patentwatch/run_id", self.run_id)
        self.crawler.stats.set_value("patentwatch/db", db_path)
        logger.info("run %s started (database %s)", self.run_id, db_path)
        if self.interval > 0:
            self.task = create_looping_call(self.heartbeat)
            self.task.start(self.interval, now=False)

    def heartbeat(self) -> None:
        """Write the run's counters as they are now: through the storage writer once it
        runs (the reactor never waits for the write lock), else on this thread."""
        if self.run_id is None:
            return
        run_id, counts = self.run_id, run_counts(self.crawler.stats.get_stats())
        now = storage.utc_now()
        writer = crawl_writer(self.crawler)
        if writer is not None:
            future = writer.offer(lambda db: update_counts(db, run_id, counts, now))
            if future is None:  # the writer is behind: the next beat carries newer counts
                logger.debug("run %s heartbeat skipped: storage writer busy", run_id)
            else:
                future.add_done_callback(self._beat_done)
            return
        try:
            update_counts(crawl_db(self.crawler), run_id, counts, now)
        except storage.StorageError as exc:  # a busy database: the next beat tries again
            logger.warning("run %s heartbeat not recorded: %s", run_id, exc)

    def _beat_done(self, future: Future[None]) -> None:
        """In the writer thread: a failed heartbeat is a warning (the next beat tries again)."""
        exc = future.exception()
        if exc is not None:
            logger.warning("run %s heartbeat not recorded: %s", self.run_id, exc)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        try:
            if self.run_id is not None:
                self._finish(reason)
        finally:
            if self.lock:
                self.lock.release()

    def engine_stopped(self) -> None:
        close_crawl_db(self.crawler)

    def _finish(self, reason: str) -> None:
        assert self.run_id is not None
        stats = self.crawler.stats.get_stats()
        status = stats.get("patentwatch/status") or run_status(reason, error_count(stats))
        self.crawler.stats.set_value("patentwatch/status", status)
        try:
            storage.finish_run(
                crawl_db(self.crawler),
                self.run_id,
                storage.utc_now(),
                status,
                reason,
                run_counts(stats),
                stats,
                health=stats.get("patentwatch/health"),
                log_file=self.crawler.settings.get("LOG_FILE"),
            )
        except storage.StorageError as exc:
            logger.error("could not record the end of run %s: %s", self.run_id, exc)
