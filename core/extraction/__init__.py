"""Page extraction: list pages, article pages and their fallbacks.

Pure functions over HTML (no Scrapy objects), so spiders, the site probe and
re-extraction from stored HTML share one parsing path.
"""

from __future__ import annotations

from core.extraction.article import ArticleFields, ListHint, extract_article, rejection
from core.extraction.listing import (
    Chain,
    ListEntry,
    Paging,
    article_entries,
    list_entries,
    next_page_decision,
    parse_list,
    parse_paging,
)

__all__ = [
    "ArticleFields",
    "Chain",
    "ListEntry",
    "ListHint",
    "Paging",
    "article_entries",
    "extract_article",
    "list_entries",
    "next_page_decision",
    "parse_list",
    "parse_paging",
    "rejection",
]
