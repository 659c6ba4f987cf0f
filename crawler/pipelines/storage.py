"""Storage pipeline: hands records to a :class:`storage.Writer` thread. No SQL here.

The writer (its own connection, in its own thread) commits a batch when it holds
``PATENTWATCH_BATCH_SIZE`` records **or** its oldest record is
``PATENTWATCH_BATCH_SECONDS`` old, so a killed crawl loses at most the last few
seconds of work (those pages are simply fetched again), and parsing and downloading
never wait on SQLite, MinHash or compression. Stats (copied from the writer's counts
about every second and at close): ``storage/new``, ``storage/duplicate``,
``storage/updated``, ``storage/unchanged``, ``storage/failed``, ``storage/rankings``,
``storage/indicators``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

import storage
from core.records import ArticleRecord
from crawler.database import set_crawl_writer
from crawler.items import IndicatorItem, RankingItem

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
# writer outcome -> stats key (WIPO rows keep their plural names)
_STAT = {"ranking": "rankings", "indicator": "indicators"}


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """An item class's field names, once: ``dataclasses.fields`` filters the class's field
    table again on every call (on the reactor thread, per item)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class StoragePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("PATENTWATCH_BATCH_SIZE", 50)
        self.max_age = crawler.settings.getfloat("PATENTWATCH_BATCH_SECONDS", 3.0)
        self.writer: storage.Writer | None = None
        self.reported: Counter[str] = Counter()  # writer counts already copied to stats
        self.task: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        # keeps storage/* stats (and so the run ledger's heartbeat) current while items flow
        self.task = create_looping_call(self._sync_stats)
        self.task.start(1.0, now=False)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleRecord):
            kind = "article"
        elif isinstance(item, RankingItem):
            kind = "ranking"
        elif isinstance(item, IndicatorItem):
            kind = "indicator"
        else:
            return item
        writer = self._writer()
        if writer is None:
            self.crawler.stats.inc_value("storage/failed")
        else:
            # shallow: asdict() deep-copies every metric dict (~2 ms per batch of 50)
            writer.put(kind, {name: getattr(item, name) for name in _field_names(type(item))})
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.writer is not None:
            set_crawl_writer(self.crawler, None)
            self._sync_stats(self.writer.close())  # commits the rest, indexes queued text
            self.writer = None

    def _flush_if_old(self) -> None:
        """The writer commits old batches itself; this only copies its counts to the stats."""
        self._sync_stats()

    def flush(self) -> None:
        """Wait until everything handed over so far is committed."""
        if self.writer is not None:
            self.writer.flush()
        self._sync_stats()

    def _writer(self) -> storage.Writer | None:
        """The writer thread, started with the first record (the run id is known by then)."""
        if self.writer is None:
            run_id = self.crawler.stats.get_value("patentwatch/run_id")
            try:
                self.writer = storage.Writer(
                    self.crawler.settings.get("PATENTWATCH_DB"),
                    int(run_id) if run_id is not None else None,
                    batch_size=self.batch_size,
                    # 0: commit by size only
                    max_age_s=self.max_age if self.max_age > 0 else float("inf"),
                ).start()
            except storage.StorageError as exc:
                logger.error("%s (records not saved)", exc)
                return None
            set_crawl_writer(self.crawler, self.writer)
        return self.writer

    def _sync_stats(self, counts: Counter[str] | None = None) -> None:
        if counts is None:
            if self.writer is None:
                return
            counts = self.writer.counts()
        for outcome, n in counts.items():
            if n != self.reported[outcome]:
                key = _STAT.get(outcome, outcome)
                self.crawler.stats.inc_value(f"storage/{key}", n - self.reported[outcome])
        self.reported = counts
