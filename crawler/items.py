"""Items yielded by the spiders: the record dataclasses of :mod:`core.records`.

Scrapy carries dataclass instances as items; articles are
:class:`core.records.ArticleRecord` (re-exported here as ``ArticleItem``).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.records import ArticleRecord

ArticleItem = ArticleRecord
__all__ = ["ArticleItem", "ArticleRecord", "IndicatorItem", "RankingItem"]


@dataclass
class RankingItem:
    """One row of a WIPO top-PCT-applicants table (``pct_rankings``)."""

    year: int
    category: str
    rank: int | None
    applicant: str
    country: str | None
    published: int | None
    source_url: str
    fetched_at: str
    published_prev: int | None = None
    change: int | None = None
    position_change: int | None = None
    rank_overall: int | None = None
    tied: bool = False
    release_no: str | None = None


@dataclass
class IndicatorItem:
    """One value of a WIPO country-level indicator (``pct_indicators``)."""

    indicator: str
    origin: str
    office: str
    year: int
    value: float | None
    source_url: str
    fetched_at: str
