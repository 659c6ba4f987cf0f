"""Metrics pipeline: extract each article's patent metrics before it is stored.

Kept apart from storage so the same records reach the local SQLite writer and
the distributed stream with their metrics already attached.

``PATENTWATCH_METRICS_WORKERS`` (default 1 on a machine with two or more CPUs, else 0)
processes run the extractor (:mod:`.metrics_pool`): it is pure Python, so in the reactor
thread it stalls downloading and parsing for 2-4 ms per patent-dense article, and a thread
could not help (the GIL). With 0 it runs in the reactor thread as it always did.

An article whose extraction fails (an exception, a dead worker, a call over
:attr:`MetricsPipeline.timeout`) is stored without metrics and named in a warning:
never lost, never holding up the crawl (a dead or stuck worker costs the metrics of every
article handed to it and not back yet: its whole batch, and any queued behind it).
``patentwatch reextract`` fills their metrics in later. Stats: ``metrics/extracted`` (records), ``metrics/failed`` (articles),
``metrics/in_flight_max`` (most articles waiting for a worker at once: how far Scrapy's
scraper lets items overlap; CONCURRENT_ITEMS only bounds one response's items),
``metrics/calls`` (calls to a worker: articles go in batches of up to :data:`BATCH`).
"""

from __future__ import annotations

import asyncio
import functools
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

# Articles go to a worker in batches: each call to a process pool wakes three threads of
# the crawl process (the pool's manager and feeder, the event loop's) and pickles its own
# message; the scraper keeps ~150 articles in flight, so waiting 20 ms for others costs no
# throughput (A/B at 4,000 articles: ~9 articles a call, crawl process -0.4 ms CPU a page).
BATCH = 16  # articles per call
BATCH_WAIT_S = 0.02  # the longest an article waits for others to share its call


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
        self._batch: list[tuple[ArticleRecord, asyncio.Future[metrics_pool.Outcome]]] = []
        self._timer: asyncio.TimerHandle | None = None

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
        self.send()  # nothing is left by then (Scrapy closes once every item is through)
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
        self.in_flight += 1
        self.crawler.stats.max_value("metrics/in_flight_max", self.in_flight)
        return self._offloaded(item, self._gather(item))

    def _gather(self, item: ArticleRecord) -> asyncio.Future[metrics_pool.Outcome]:
        """The article joins the batch for the next call to a worker: sent when it holds
        :data:`BATCH` articles or its first is :data:`BATCH_WAIT_S` old."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[metrics_pool.Outcome] = loop.create_future()
        self._batch.append((item, future))
        if len(self._batch) >= BATCH:
            self.send()
        elif self._timer is None:
            self._timer = loop.call_later(BATCH_WAIT_S, self.send)
        return future

    def send(self) -> None:
        """Hand the gathered articles to a worker now, in one call (in this thread once the
        pool gave up restarting: every article keeps its metrics)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        calls: list[metrics_pool.Call] = [
            (i.body, i.institution, i.lang, i.published_at) for i, _ in batch
        ]
        try:
            done = asyncio.wrap_future(self._submit(calls))
        except BrokenProcessPool as exc:  # gave up restarting: today's path from here on
            logger.error("metrics workers keep dying (%s): extracting in the crawl process", exc)
            _deliver(batch, metrics_pool.extract_batch(calls, self.extractor))
            return
        self.crawler.stats.inc_value("metrics/calls")
        done.add_done_callback(functools.partial(_delivered, batch))

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

    def _submit(self, calls: list[metrics_pool.Call]) -> Future[list[metrics_pool.Outcome]]:
        """One call to the pool; a pool found dead at this moment is restarted once (the
        articles were never in it), one that gave up raises BrokenProcessPool."""
        if self.pool is None:
            raise BrokenProcessPool("the metrics pool is closed")
        try:
            return self.pool.submit_batch(calls, self.extractor)
        except BrokenProcessPool:
            if not self.pool.usable:
                raise
            return self.pool.submit_batch(calls, self.extractor)

    async def _offloaded(
        self, item: ArticleRecord, future: asyncio.Future[metrics_pool.Outcome]
    ) -> ArticleRecord:
        try:
            outcome = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            if self.pool is not None:
                self.pool.kill()  # stuck in one call: the next article gets a fresh worker
            self._failed(item, TimeoutError(f"no metrics after {self.timeout:g} s"))
        else:
            if isinstance(outcome, BaseException):  # raised in the worker, or it died
                self._failed(item, outcome)
            else:
                self._attach(item, *outcome)
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


def _delivered(
    batch: list[tuple[ArticleRecord, asyncio.Future[metrics_pool.Outcome]]],
    done: asyncio.Future[list[metrics_pool.Outcome]],
) -> None:
    """A worker's answer for a batch, handed to each article's future; a batch that failed
    as a whole (the worker died) fails each of its articles with that error."""
    if done.cancelled():
        _deliver(batch, [asyncio.CancelledError()] * len(batch))
    elif (error := done.exception()) is not None:
        _deliver(batch, [error] * len(batch))
    else:
        _deliver(batch, done.result())


def _deliver(
    batch: list[tuple[ArticleRecord, asyncio.Future[metrics_pool.Outcome]]],
    outcomes: list[metrics_pool.Outcome],
) -> None:
    for (_, future), outcome in zip(batch, outcomes, strict=True):
        if not future.done():  # an article that timed out was cancelled already
            future.set_result(outcome)


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
