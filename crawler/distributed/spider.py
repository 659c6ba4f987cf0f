"""The spider side of a worker: scrapy-redis's ``RedisMixin`` on the product's spiders.

:func:`distributed_spider` derives, from any product spider class, one whose ``start()``
reads the run's ``start_urls`` key (``async def start()`` yielding ``next_requests()``: Scrapy
2.16+ no longer calls ``start_requests()``), and whose idle hook ends the spider on the
coordinator's done flag or a stale run, never on scrapy-redis's idle timer (which counts from
the last time the start key was non-empty, not from the last activity).
"""

from __future__ import annotations

import time
from typing import Any

from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis.spiders import RedisMixin

from storage.stream import run_key


class DistributedSpiderMixin(RedisMixin):  # type: ignore[misc]  # scrapy-redis is untyped
    """Mixed in before the product spider class; ``pw_token`` and ``pw_worker`` are
    spider arguments given by the worker."""

    pw_token: str = ""
    pw_worker: str = ""
    max_idle_time = 0  # never close on scrapy-redis's timer: the done flag ends a run
    start_requests = None  # Scrapy 2.16+: start() only

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.redis_key = run_key(spider.pw_token, spider.name, "start_urls")
        spider.setup_redis(crawler)
        return spider

    async def start(self) -> Any:
        for request in self.next_requests():
            yield request

    def reset_idle_clock(self) -> None:
        self.spider_idle_start_time = int(time.time())

    def spider_idle(self) -> None:
        watch = getattr(self, "pw_watch", None)
        reason = watch.close_reason() if watch else None
        if reason:
            raise CloseSpider(reason)
        self.schedule_next_requests()
        raise DontCloseSpider


def distributed_spider(spidercls: type) -> type:
    """``spidercls`` with the mixin (same name and module: pickled callbacks are its methods)."""
    return type(
        spidercls.__name__,
        (DistributedSpiderMixin, spidercls),
        {"__module__": spidercls.__module__},
    )
