"""The spider side of a worker: scrapy-redis's ``RedisMixin`` on the product's spiders.

:func:`distributed_spider` derives, from any product spider class, one whose ``start()``
reads the run's ``start_urls`` key (``async def start()`` yielding ``next_requests()``: Scrapy
2.16+ no longer calls ``start_requests()``), whose seen-URL check asks the site's Redis set
(one SMISMEMBER per list page) instead of SQLite, and whose idle hook ends the spider on the
coordinator's done flag or a stale run, never on scrapy-redis's idle timer (which counts from
the last time the start key was non-empty, not from the last activity).
"""

from __future__ import annotations

import time
from typing import Any

from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis.spiders import RedisMixin

from core.urls import canonical_url
from storage.articles import url_key_of
from storage.stream import run_key, seen_key


class DistributedSpiderMixin(RedisMixin):
    """Mixed in before the product spider class; ``pw_token`` and ``pw_worker`` are
    spider arguments given by the worker."""

    pw_token: str = ""
    pw_worker: str = ""
    max_idle_time = 0  # never close on scrapy-redis's timer: the done flag ends a run
    start_requests = None  # type: ignore[assignment]  # Scrapy 2.16+: start() only

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)  # type: ignore[misc]
        spider.redis_key = run_key(spider.pw_token, spider.name, "start_urls")
        spider.setup_redis(crawler)
        return spider

    async def start(self) -> Any:
        for request in self.next_requests():
            yield request

    def known(self, urls: list[str]) -> set[str]:
        """The URLs among ``urls`` whose article the writer has stored (cache of SQLite)."""
        if not urls:
            return set()
        keys = [url_key_of(canonical_url(u)) for u in urls]
        site = getattr(getattr(self, "site", None), "name", self.name)  # type: ignore[attr-defined]
        found = self.server.smismember(seen_key(site), keys)  # type: ignore[union-attr]
        return {u for u, hit in zip(urls, found, strict=True) if int(hit)}

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
