"""scrapy-redis's scheduler and dupefilter under per-run keys, without deprecated calls.

Keys: ``pw:run:<RUN>:<spider>:requests`` (a priority queue of pickled requests) and
``…:dupefilter`` (a set of fingerprints from Scrapy's own ``crawler.request_fingerprinter``,
so ``REQUEST_FINGERPRINTER_*`` settings mean the same as in a local crawl). Nothing is
ever flushed by a worker: the coordinator drops a run's keys when the run is over.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy.utils.misc import load_object
from scrapy_redis import picklecompat
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.settings import check_settings
from storage.stream import run_key

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
QUEUE_CLASS = "scrapy_redis.queue.PriorityQueue"


class RunDupeFilter(RFPDupeFilter):  # type: ignore[misc]  # scrapy-redis is untyped
    """The run's fingerprint set, fingerprints from the crawler's fingerprinter."""

    def __init__(self, server: Any, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return str(self.fingerprinter.fingerprint(request).hex())

    def close(self, reason: str = "") -> None:
        """Kept: other workers of the run still use it."""


class RunScheduler(Scheduler):  # type: ignore[misc]
    """The shared frontier of one pass of one spider (``spider.pw_token``)."""

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_settings(crawler.settings)
        server = get_redis_from_settings(crawler.settings)
        server.ping()
        scheduler = cls(
            server=server,
            persist=True,
            flush_on_start=False,
            queue_cls=crawler.settings.get("SCHEDULER_QUEUE_CLASS") or QUEUE_CLASS,
            idle_before_close=0,
            serializer=picklecompat,
        )
        scheduler.crawler = crawler
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider: Spider) -> None:
        self.spider = spider
        token = str(spider.pw_token)  # type: ignore[attr-defined]
        self.queue = load_object(self.queue_cls)(
            server=self.server,
            spider=spider,
            key=run_key(token, spider.name, "requests"),
            serializer=self.serializer,
        )
        self.df = RunDupeFilter(
            self.server,
            run_key(token, spider.name, "dupefilter"),
            self.crawler.request_fingerprinter,
            self.crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )
        logger.info("joined run %s of %s: %d requests queued", token, spider.name, len(self.queue))

    def close(self, reason: str) -> None:
        """Never flush: the queue is the other workers' too (SCHEDULER_PERSIST is forced)."""

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop(0)
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
