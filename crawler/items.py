"""Items yielded by the spiders (dataclasses: typed fields with defaults)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    """One fetched news article, as the storage pipeline receives it.

    ``html`` is the raw page, kept (compressed in storage) for re-extraction;
    ``sources`` says which path produced each field (selector, list, title_tag,
    fallback).
    """

    url: str
    site: str
    institution: str
    title: str | None
    published_at: str | None
    body: str
    lang: str
    fetched_at: str
    author: str | None = None
    editor: str | None = None
    source: str | None = None
    views: int | None = None
    fetched_url: str | None = None
    html: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    country: str = ""  # the site's country: decides between same-named institutions


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
    field: str = ""  # technology/field breakdown of IP Statistics exports ('' = none)
