"""Items yielded by the spiders: the record dataclasses of :mod:`core.records`.

Scrapy carries dataclass instances as items. The names below are the records
themselves (not copies), kept for code that says "item".
"""

from __future__ import annotations

from core.records import ArticleRecord, IndicatorRecord, RankingRecord

ArticleItem = ArticleRecord
RankingItem = RankingRecord
IndicatorItem = IndicatorRecord
__all__ = [
    "ArticleItem",
    "ArticleRecord",
    "IndicatorItem",
    "IndicatorRecord",
    "RankingItem",
    "RankingRecord",
]
