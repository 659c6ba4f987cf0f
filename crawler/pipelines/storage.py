"""Storage pipeline: hands records to :mod:`storage` in batches. No SQL here.

A batch is committed when it holds ``PATENTWATCH_BATCH_SIZE`` records **or** its
oldest record is ``PATENTWATCH_BATCH_SECONDS`` old, so a killed crawl loses at
most the last few seconds of work (those pages are simply fetched again).
Stats: ``storage/new``, ``storage/duplicate``, ``storage/updated``,
``storage/unchanged``, ``storage/failed``, ``storage/rankings``, ``storage/indicators``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

import storage
from core.records import ArticleRecord
from crawler.database import crawl_db
from crawler.items import IndicatorItem, RankingItem
from storage.wipo import save_indicators, save_rankings

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class StoragePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("PATENTWATCH_BATCH_SIZE", 50)
        self.max_age = crawler.settings.getfloat("PATENTWATCH_BATCH_SECONDS", 3.0)
        self.articles: list[dict[str, Any]] = []
        self.wipo: list[Any] = []
        self.oldest: float | None = None  # monotonic time of the oldest buffered record
        self.task: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        if self.max_age > 0:
            # commits a batch that has gone quiet: no record arrives to trigger the age check
            self.task = create_looping_call(self._flush_if_old)
            self.task.start(self.max_age, now=False)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleRecord):
            self.articles.append(dataclasses.asdict(item))
        elif isinstance(item, RankingItem | IndicatorItem):
            self.wipo.append(item)
        else:
            return item
        if self.oldest is None:
            self.oldest = time.monotonic()
        if len(self.articles) + len(self.wipo) >= self.batch_size:
            self.flush()
        else:
            self._flush_if_old()
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.flush()

    def _flush_if_old(self) -> None:
        if self.max_age <= 0 or self.oldest is None:
            return  # 0: commit by size only
        if time.monotonic() - self.oldest >= self.max_age:
            self.flush()

    def flush(self) -> None:
        """Commit everything buffered (articles, then WIPO rows)."""
        self.oldest = None
        articles, self.articles = self.articles, []
        wipo, self.wipo = self.wipo, []
        if articles:
            self._save_articles(articles)
        if wipo:
            self._save_wipo(wipo)

    def _run_id(self) -> int | None:
        run_id = self.crawler.stats.get_value("patentwatch/run_id")
        return int(run_id) if run_id is not None else None

    def _save_articles(self, batch: list[dict[str, Any]]) -> None:
        try:
            counts = storage.save_articles(
                crawl_db(self.crawler), batch, self._run_id(), storage.utc_now()
            )
        except storage.StorageError as exc:
            self.crawler.stats.inc_value("storage/failed", len(batch))
            logger.error("%s (%d articles not saved)", exc, len(batch))
            return
        for outcome, n in counts.items():
            self.crawler.stats.inc_value(f"storage/{outcome}", n)

    def _save_wipo(self, batch: list[Any]) -> None:
        rankings = [dataclasses.asdict(i) for i in batch if isinstance(i, RankingItem)]
        indicators = [dataclasses.asdict(i) for i in batch if isinstance(i, IndicatorItem)]
        db = crawl_db(self.crawler)
        try:
            self.crawler.stats.inc_value("storage/rankings", save_rankings(db, rankings))
            self.crawler.stats.inc_value("storage/indicators", save_indicators(db, indicators))
        except storage.StorageError as exc:
            self.crawler.stats.inc_value("storage/failed", len(batch))
            logger.error("%s (%d WIPO rows not saved)", exc, len(batch))
