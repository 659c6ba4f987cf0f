"""Record dataclasses: the schema source for every row kind the crawl produces.

Parsers and spiders build these, Scrapy carries them as items (Scrapy supports
dataclass items), and :mod:`storage` derives its column lists from them with
:func:`columns`, so a field is declared once. A field stored as a column of the
row kind's table carries ``metadata=COLUMN``; every other field says where it
goes in ``stored_as`` (a test checks both against the real schema).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from core.wipo.model import Indicator, Ranking

COLUMN = {"column": True}


def column(default: Any = dataclasses.MISSING) -> Any:
    """A field stored under its own name as a column of the record's table."""
    if default is dataclasses.MISSING:
        return field(metadata=COLUMN)
    return field(default=default, metadata=COLUMN)


def stored_as(where: str, **kwargs: Any) -> Any:
    """A field kept elsewhere than a same-named column (``where`` names the place)."""
    return field(metadata={"stored_as": where}, **kwargs)


def columns(record_type: type) -> tuple[str, ...]:
    """The fields of ``record_type`` that are columns of its table, in declaration order:
    every field but those that say they are stored elsewhere."""
    return tuple(f.name for f in dataclasses.fields(record_type) if not f.metadata.get("stored_as"))


@dataclass
class ArticleRecord:
    """One fetched news article (table ``articles``; its page, URLs and metrics beside it)."""

    url: str = column()  # canonical URL (the first one seen stays the article's URL)
    site: str = column()
    institution: str = column()
    fetched_at: str = stored_as("articles.fetched_at (set on every save)")
    title: str | None = column(None)
    published_at: str | None = column(None)
    author: str | None = column(None)
    editor: str | None = column(None)
    source: str | None = column(None)
    views: int | None = column(None)
    lang: str = column("en")
    body: str = column("")
    fetched_url: str | None = stored_as("article_urls.url", default=None)
    html: str = stored_as("article_html.html (compressed)", default="")
    sources: dict[str, str] = stored_as("articles.field_sources (JSON)", default_factory=dict)
    # the site's country: decides between same-named institutions (metrics.institution_id)
    country: str = stored_as("metrics.institution_id (resolution)", default="")
    # filled by the metrics pipeline before storage
    metrics: list[dict[str, Any]] = stored_as("metrics rows", default_factory=list)
    extractor_version: str | None = stored_as("metrics.extractor_version", default=None)

    @classmethod
    def from_fields(cls, extracted: Any, **context: Any) -> ArticleRecord:
        """A record from an extraction result (any object with this record's field names)."""
        names = {f.name for f in dataclasses.fields(cls)} - set(context)
        values = {n: getattr(extracted, n) for n in names if hasattr(extracted, n)}
        return cls(**values, **context)


@dataclass
class RankingRecord(Ranking):
    """A WIPO top-applicants row as the parsers give it, with where it was read
    (table ``pct_rankings``; ``institution_id`` is resolved on save)."""

    source_url: str = ""
    fetched_at: str = ""
    release_no: str | None = None


@dataclass
class IndicatorRecord(Indicator):
    """A WIPO indicator value as the parsers give it, with where it was read
    (table ``pct_indicators``)."""

    source_url: str = ""
    fetched_at: str = ""
