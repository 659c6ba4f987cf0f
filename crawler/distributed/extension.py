"""A worker's link to the coordinator: registration, heartbeats, done flag, stale runs, stats.

Every second the worker writes ``pw:run:<RUN>:<spider>:hb:<worker>`` (expiring): ``idle`` or
``busy`` with the time of its last activity (a response or an item, which also resets
scrapy-redis's idle clock). The coordinator declares a pass done when the queue is empty and
every live worker has been idle for a while; it sets the ``done`` flag and the worker closes
(``finished``). A worker whose run is no longer the spider's current one closes with
``stale_run``. On close it adds its numeric stats to the run's ``stats`` hash.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.distributed.settings import connect
from storage.stream import current_key, run_key

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
HEARTBEAT_TTL = 10


class RunWatch:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("PATENTWATCH_WORKER_HEARTBEAT", 0.5)
        self.r: Any = None
        self.loop: Any = None
        self.last_activity = time.time()
        self.reason: str | None = None
        for handler, signal in (
            (self.opened, signals.spider_opened),
            (self.closed, signals.spider_closed),
            (self.active, signals.response_received),
            (self.active, signals.item_scraped),
        ):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunWatch:
        return cls(crawler)

    def _key(self, what: str) -> str:
        spider = self.crawler.spider
        return run_key(spider.pw_token, spider.name, what)  # type: ignore[union-attr]

    def opened(self, spider: Any) -> None:
        self.r = connect(self.crawler.settings["PATENTWATCH_REDIS_URL"])
        spider.pw_watch = self
        self.r.sadd(self._key("workers"), spider.pw_worker)
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.interval, now=True)

    def active(self, *args: Any, **kwargs: Any) -> None:
        self.last_activity = time.time()
        spider = self.crawler.spider
        if spider is not None and hasattr(spider, "reset_idle_clock"):
            spider.reset_idle_clock()

    def close_reason(self) -> str | None:
        """``finished`` once the coordinator says so, ``stale_run`` when a newer run began."""
        if self.reason is None:
            spider = self.crawler.spider
            current = self.r.get(current_key(spider.name))  # type: ignore[union-attr]
            if current != spider.pw_token:  # type: ignore[union-attr]
                self.reason = "stale_run"
                logger.warning(
                    "run %s of %s is not the current one (%s): closing",
                    spider.pw_token,  # type: ignore[union-attr]
                    spider.name,  # type: ignore[union-attr]
                    current or "none",
                )
            elif self.r.exists(self._key("done")):
                self.reason = "finished"
        return self.reason

    def beat(self) -> None:
        engine = self.crawler.engine
        if engine is None or self.crawler.spider is None:
            return
        idle = engine.spider_is_idle()
        if not idle:
            self._wake(engine)
        state = f"{'idle' if idle else 'busy'}:{self.last_activity:.3f}"
        self.r.set(self._key(f"hb:{self.crawler.spider.pw_worker}"), state, ex=HEARTBEAT_TTL)  # type: ignore[attr-defined]
        reason = self.close_reason()
        if reason and not getattr(self, "_closing", False):
            self._closing = True
            deferred_from_coro(engine.close_spider_async(reason=reason))

    @staticmethod
    def _wake(engine: Any) -> None:
        """Let the engine look at the shared queue now: an idle engine polls its scheduler
        only every 5 s, and another worker may have queued requests since. (Engine
        internals: without them, the 5-s heartbeat still does it.)"""
        nextcall = getattr(getattr(engine, "_slot", None), "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.r is None:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        pipe = self.r.pipeline(transaction=True)
        for name, value in stats.items():
            if isinstance(value, int) and not isinstance(value, bool):
                pipe.hincrby(self._key("stats"), name, value)
        pipe.hset(self._key("closed"), spider.pw_worker, reason)
        pipe.delete(self._key(f"hb:{spider.pw_worker}"))
        pipe.execute()
