"""The generic extractor behind every fallback: trafilatura for text, htmldate for dates.

Used when a site's declared selectors miss (a redesign, an odd page), so the
crawl degrades to well-tested heuristics instead of storing empty fields.
"""

from __future__ import annotations

import logging

import trafilatura
from htmldate import find_date as htmldate_find_date

from core.extraction.text import clean_text

# htmldate and trafilatura log every page they cannot date or parse at INFO/WARNING.
logging.getLogger("htmldate").setLevel(logging.ERROR)
logging.getLogger("trafilatura").setLevel(logging.ERROR)


# Chosen on the article-extraction benchmark (../shared/aeb, bench/README.md):
# trafilatura's precision mode is the better extractor on most pages, but on some
# it drops most of the article; there its recall mode is right. Long precise
# output is trusted without the second pass, which keeps the fallback fast.
_ENOUGH_CHARS = 2500
_MIN_SHARE_OF_RECALL = 0.4


def _trafilatura(html: str, url: str | None, mode: str) -> str:
    precise = mode == "precision"
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        deduplicate=False,
        favor_precision=precise,
        favor_recall=not precise,
    )
    return text or ""


def body_text(html: str, url: str | None = None) -> str | None:
    """Main text of an article page, paragraphs separated by blank lines.

    Precision mode first; recall mode when precision kept under 40% of what recall finds.
    This is the product's generic extractor (``core.extraction.generic:body_text``).
    """
    text = _trafilatura(html, url, "precision")
    if len(text) < _ENOUGH_CHARS:
        recall = _trafilatura(html, url, "recall")
        if len(text) < _MIN_SHARE_OF_RECALL * len(recall):
            text = recall
    if not text:
        return None
    paras = [clean_text(line) for line in text.splitlines()]
    return "\n\n".join(p for p in paras if p) or None


def title(html: str) -> str | None:
    """The page title as trafilatura's metadata reads it."""
    meta = trafilatura.extract_metadata(html)
    return clean_text(meta.title) if meta and meta.title else None


def publish_date(html: str) -> str | None:
    """The original publication date (ISO), or None.

    The URL is deliberately not given to htmldate: WebPlus URLs carry the date the
    CMS record was created, which differs from the published date.
    """
    try:
        return htmldate_find_date(
            html, url=None, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):
        return None
