"""One database handle per crawl, shared by the crawl's components on the reactor thread.

The run ledger, the seen-URL middleware, conditional GETs and the storage
pipeline all ask :func:`crawl_db`; the first call opens the file
(``PATENTWATCH_DB``) and the run ledger closes it when the spider has closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import storage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlite_utils import Database

_ATTR = "_patentwatch_db"


def crawl_db(crawler: Crawler) -> Database:
    """The crawl's database, opened (and migrated) on first use."""
    db: Database | None = getattr(crawler, _ATTR, None)
    if db is None:
        db = storage.open_db(crawler.settings.get("PATENTWATCH_DB"))
        setattr(crawler, _ATTR, db)
    return db


def close_crawl_db(crawler: Crawler) -> None:
    db: Database | None = getattr(crawler, _ATTR, None)
    if db is not None:
        db.close()
        setattr(crawler, _ATTR, None)
