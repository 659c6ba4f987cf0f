"""Walk watermarks: an interrupted crawl never silently loses the rest of a site.

Early stopping ("every article on this list page is stored, so are the older ones")
and the 304 shortcut ("page 1 is unchanged, so nothing is new") hold only for what
a *completed* walk saw. On ``spider_opened`` (after the run ledger has started the
run) this extension opens the spider's walk (:func:`storage.incremental.open_walk`)
and puts what earlier walks allow into the stats, where the components read it:

* ``patentwatch/walk/watermark``: articles with ids up to this were stored by
  completed walks; the seen-URL middleware stops paging only at a list page whose
  articles are all stored *and* include one of those;
* ``patentwatch/walk/resumed``: the previous walk was interrupted (killed, stopped
  by SIGTERM, a list page failed); list pages are then fetched without validators,
  since the ones recorded by the interrupted run vouch for nothing below them.

On ``spider_closed`` a walk that completed (:func:`storage.incremental.walk_completed`)
moves the watermark up to everything stored so far; any other end leaves it open. Both
writes go through :func:`crawler.database.write` (the storage writer's thread while it
runs; in practice neither meets one: it starts with the first record and has committed
everything and closed before ``spider_closed``, which is what the watermark needs).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals

import storage
from crawler.database import write, write_and_wait
from storage.incremental import WalkState, complete_walk, open_walk, walk_completed

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
WATERMARK, RESUMED = "patentwatch/walk/watermark", "patentwatch/walk/resumed"


def walks_lists(spider: Spider) -> bool:
    """Only spiders that page through list pages have a walk (not WIPO's)."""
    return getattr(spider, "site", None) is not None


class WalkWatermarks:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WalkWatermarks:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        stat = self.crawler.stats.get_value("patentwatch/run_id")
        if stat is None or not walks_lists(spider):
            return
        run_id = int(stat)
        try:
            now = storage.utc_now()
            state: WalkState = write_and_wait(
                self.crawler, lambda db: open_walk(db, spider.name, run_id, now)
            )
        except storage.StorageError as exc:
            logger.warning("walk watermark unavailable, trusting nothing stored: %s", exc)
            self.crawler.stats.set_value(RESUMED, True)
            return
        self.crawler.stats.set_value(WATERMARK, state.watermark)
        self.crawler.stats.set_value(RESUMED, state.interrupted)
        if state.interrupted:
            logger.warning(
                "the previous walk of %s did not complete: paging on past what it stored, to "
                "articles stored by the last completed walk (%s) or the end of the list",
                spider.name,
                f"up to article #{state.watermark}" if state.watermark else "none yet",
            )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        run_id = self.crawler.stats.get_value("patentwatch/run_id")
        if run_id is None or not walks_lists(spider):
            return
        if not walk_completed(self.crawler.stats.get_stats(), reason):
            logger.info("walk of %s not complete (%s): the next run walks on", spider.name, reason)
            return
        try:
            now, run = storage.utc_now(), int(run_id)
            write(self.crawler, lambda db: complete_walk(db, spider.name, run, now))
        except storage.StorageError as exc:
            logger.warning("walk watermark not moved (the next run walks further): %s", exc)
