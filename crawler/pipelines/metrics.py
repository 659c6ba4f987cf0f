"""Metrics pipeline: extract each article's patent metrics before it is stored.

Kept apart from storage so the same records reach the local SQLite writer and
the distributed stream with their metrics already attached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.metrics import EXTRACTOR_VERSION, extract_metrics
from core.records import ArticleRecord

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class MetricsPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MetricsPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleRecord):
            # the publication date dates "last year" and 去年 when the text gives no year
            metrics = extract_metrics(item.body, item.institution, item.lang, item.published_at)
            item.metrics = [m.as_dict() for m in metrics]
            item.extractor_version = EXTRACTOR_VERSION
            self.crawler.stats.inc_value("metrics/extracted", len(metrics))
        return item
