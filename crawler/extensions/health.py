"""The health monitor: judge a run when it closes, and tell someone when it went wrong.

Spidermon's shape: the checks are a table of data (:mod:`core.health`) run over
the run's stats and the spider's recent history; a failed check makes the run
``degraded``. The verdict goes into the stats (``patentwatch/status``,
``patentwatch/health``) for the run ledger, which records it; a run that did not
finish cleanly is sent to ``PATENTWATCH_NOTIFY_COMMAND`` / ``PATENTWATCH_NOTIFY_URL``.
Enabled before the run ledger (lower order in ``EXTENSIONS``) so it judges first.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals

import storage
from core.health import Result, run_checks
from core.notify import notify, run_summary
from crawler.database import crawl_db
from storage.runs import error_count, recent_stats, run_counts, run_status

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class HealthMonitor:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HealthMonitor:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        run_id = stats.get("patentwatch/run_id")
        if run_id is None:
            return  # the run never started (locked, database unusable): nothing to judge
        results = self._checks(spider.name, stats, int(run_id))
        status = run_status(reason, error_count(stats), all(r.ok for r in results))
        self.crawler.stats.set_value("patentwatch/status", status)
        self.crawler.stats.set_value("patentwatch/health", [r.__dict__ for r in results])
        if status != "finished":
            self._notify(spider.name, int(run_id), status, reason, stats, results)

    def _checks(self, spider: str, stats: dict[str, Any], run_id: int) -> list[Result]:
        settings = self.crawler.settings
        try:
            history = recent_stats(
                crawl_db(self.crawler),
                spider,
                settings.getint("PATENTWATCH_HEALTH_HISTORY", 10),
                run_id,
            )
        except storage.StorageError as exc:
            logger.warning("health history unavailable: %s", exc)
            history = []
        results = run_checks(stats, history, settings)
        for result in results:
            if not result.ok:
                logger.error("health check failed: %s", result.line())
        return results

    def _notify(
        self,
        spider: str,
        run_id: int,
        status: str,
        reason: str,
        stats: dict[str, Any],
        results: list[Result],
    ) -> None:
        settings = self.crawler.settings
        command = settings.get("PATENTWATCH_NOTIFY_COMMAND", "")
        url = settings.get("PATENTWATCH_NOTIFY_URL", "")
        if command or url:
            summary = run_summary(
                spider,
                run_id,
                status,
                reason,
                run_counts(stats),
                [r.line() for r in results if not r.ok],
                database=str(settings.get("PATENTWATCH_DB") or ""),
                log_file=settings.get("LOG_FILE"),
            )
            notify(summary, command, url)
