"""Items to the Redis Stream the single writer consumes, with backpressure.

Metrics are extracted on the workers by the metrics pipeline before this one (the
CPU-heavy part scales out); the writer only stores. When the stream's backlog (entries not yet stored: the writer deletes what it has
committed) passes ``PATENTWATCH_STREAM_MAX_BACKLOG``, ``process_item`` awaits, Scrapy's
scraper slot fills and the engine stops taking responses, instead of filling Redis's memory.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from scrapy.utils.asyncio import sleep

from core.records import ArticleRecord
from crawler.distributed.settings import connect
from crawler.items import IndicatorItem, RankingItem
from storage.stream import STREAM, Record, encode_record

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
KIND_OF = {ArticleRecord: "article", RankingItem: "ranking", IndicatorItem: "indicator"}


class StreamPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_backlog = crawler.settings.getint("PATENTWATCH_STREAM_MAX_BACKLOG", 1000)
        self.r = connect(crawler.settings["PATENTWATCH_REDIS_URL"])

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StreamPipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        kind = KIND_OF.get(type(item))
        if kind is None:
            return item
        data = dataclasses.asdict(item)
        spider = self.crawler.spider
        token = str(spider.pw_token)  # type: ignore[union-attr]
        record = Record(kind, int(token.split(".")[0]), spider.name, data)  # type: ignore[union-attr]
        pipe = self.r.pipeline(transaction=False)
        pipe.xadd(STREAM, encode_record(record))
        pipe.xlen(STREAM)
        _, length = pipe.execute()
        self.crawler.stats.inc_value("stream/added")
        if length > self.max_backlog:
            await self._wait_for_writer()
        return item

    async def _wait_for_writer(self) -> None:
        self.crawler.stats.inc_value("stream/backpressure")
        logger.info("stream backlog above %d: waiting for the writer", self.max_backlog)
        while int(self.r.xlen(STREAM)) > self.max_backlog:
            await sleep(0.2)
