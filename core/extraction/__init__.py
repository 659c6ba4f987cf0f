"""Page extraction: list pages, article pages and their fallbacks.

Pure functions over HTML (no Scrapy objects), so spiders, the site probe and
re-extraction from stored HTML share one parsing path.
"""

from __future__ import annotations

from core.extraction.article import ArticleFields, ListHint, extract_article
from core.extraction.listing import ListEntry, parse_list

__all__ = ["ArticleFields", "ListEntry", "ListHint", "extract_article", "parse_list"]
