"""Metrics pipeline: extract each article's patent metrics before it is stored.

Kept apart from storage so the same records reach the local SQLite writer and
the distributed stream with their metrics already attached.

``PATENTWATCH_METRICS_WORKERS`` (default 1 on a machine with two or more CPUs, else 0)
processes run the extractor (:mod:`.metrics_pool`): it is pure Python, so in the reactor
thread it stalls downloading and parsing for 2-4 ms per patent-dense article, and a thread
could not help (the GIL). With 0 it runs in the reactor thread as it always did.

An article whose extraction fails (an exception, a dead worker, a call over
:attr:`MetricsPipeline.timeout`) is stored without metrics and named in a warning:
never lost, never holding up the crawl. ``patentwatch reextract`` fills its metrics in
later. Stats: ``metrics/extracted`` (records), ``metrics/failed`` (articles),
``metrics/in_flight_max`` (most articles waiting for a worker at once: how far Scrapy's
scraper lets items overlap; CONCURRENT_ITEMS only bounds one response's items).
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from scrapy.utils.asyncio import is_asyncio_available
from scrapy.utils.misc import load_object

from core.metrics import EXTRACTOR_VERSION
from core.records import ArticleRecord
from crawler.pipelines import metrics_pool

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class MetricsPipeline:
    # seconds an article may wait for its metrics (queueing included) before its worker is
    # killed as stuck: far above the ~3 ms an article takes, so only a hang reaches it
    timeout = 60.0

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.workers = crawler.settings.getint("PATENTWATCH_METRICS_WORKERS", 0)
        # the function that extracts (dotted path): the product's, or one of the user's
        self.extractor = crawler.settings.get(
            "PATENTWATCH_METRICS_EXTRACTOR", metrics_pool.DEFAULT_EXTRACTOR
        )
        # checked now (a wrong path fails the crawl at start), imported when first run here:
        # with the pool the worker imports it, and the default's ~0.9 s of compiled
        # patterns stays out of the crawl process (10% of its CPU at 2,000 pages)
        _check_importable(self.extractor)
        self._extract: Any = None
        self.pool: metrics_pool.MetricsPool | None = None
        self.in_flight = 0  # articles handed to a worker and not back yet

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MetricsPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        """The pool lives from spider open to close (shared by the crawlers of one process);
        its workers start now, so they are ready when the first article arrives."""
        if self.workers > 0 and _asyncio_loop():
            self.pool = metrics_pool.acquire(self.workers)
        elif self.workers > 0:
            logger.warning(
                "PATENTWATCH_METRICS_WORKERS needs the asyncio reactor: extracting in-thread"
            )

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.pool is not None:
            metrics_pool.release(self.pool)
            self.pool = None

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """The item itself (in-thread extraction), or an awaitable of it (Scrapy awaits it
        while other responses are downloaded and parsed)."""
        if not isinstance(item, ArticleRecord):
            return item
        if self.pool is None or not self.pool.usable:
            return self._in_thread(item)
        try:
            future = self.pool.submit(
                item.body, item.institution, item.lang, item.published_at, self.extractor
            )
        except BrokenProcessPool as exc:  # gave up restarting: today's path from here on
            logger.error("metrics workers keep dying (%s): extracting in the crawl process", exc)
            return self._in_thread(item)
        self.in_flight += 1
        self.crawler.stats.max_value("metrics/in_flight_max", self.in_flight)
        return self._offloaded(item, future)

    def extract(self) -> Any:
        """The extractor function, imported on first use in this process."""
        if self._extract is None:
            self._extract = load_object(self.extractor)
        return self._extract

    def _in_thread(self, item: ArticleRecord) -> ArticleRecord:
        try:
            # the publication date dates "last year" and 去年 when the text gives no year
            metrics = self.extract()(item.body, item.institution, item.lang, item.published_at)
        except Exception as exc:  # one bad article must not cost the article itself
            self._failed(item, exc)
        else:
            self._attach(item, [m.as_dict() for m in metrics], EXTRACTOR_VERSION)
        return item

    async def _offloaded(
        self, item: ArticleRecord, future: Future[tuple[list[dict[str, Any]], str]]
    ) -> ArticleRecord:
        try:
            records, version = await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            if self.pool is not None:
                self.pool.kill()  # stuck in one call: the next article gets a fresh worker
            self._failed(item, TimeoutError(f"no metrics after {self.timeout:g} s"))
        except Exception as exc:  # raised in the worker, or the worker died
            self._failed(item, exc)
        else:
            self._attach(item, records, version)
        finally:
            self.in_flight -= 1
        return item

    def _attach(self, item: ArticleRecord, records: list[dict[str, Any]], version: str) -> None:
        item.metrics = records
        item.extractor_version = version
        self.crawler.stats.inc_value("metrics/extracted", len(records))

    def _failed(self, item: ArticleRecord, exc: BaseException) -> None:
        """Stored without metrics (``extractor_version`` stays None): visible, recoverable."""
        self.crawler.stats.inc_value("metrics/failed")
        reason = "worker process died" if isinstance(exc, BrokenProcessPool) else repr(exc)
        logger.warning("metrics not extracted for %s (%s): stored without them", item.url, reason)


def _check_importable(path: str) -> None:
    """Raise what :func:`load_object` would for a path whose module cannot be found, without
    running the module (its attribute is looked up on first use)."""
    module, _, name = path.rpartition(".")
    if not module or not name:
        raise ValueError(f"Error loading object '{path}': not a full path")
    try:
        found = importlib.util.find_spec(module)
    except ModuleNotFoundError:
        found = None
    if found is None:
        raise ModuleNotFoundError(f"No module named {module!r} (PATENTWATCH_METRICS_EXTRACTOR)")


def _asyncio_loop() -> bool:
    """Whether results can be awaited as asyncio futures (Scrapy's default reactor); with
    another reactor, or none, extraction stays in the crawl thread."""
    try:
        return is_asyncio_available()
    except RuntimeError:  # no reactor installed and no running loop
        return False
