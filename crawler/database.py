"""One database handle per crawl, shared by the crawl's components on the reactor thread,
and the crawl's storage writer thread, for writes that must not wait on the reactor.

The run ledger, the seen-URL middleware, conditional GETs and the storage
pipeline all ask :func:`crawl_db`; the first call opens the file
(``PATENTWATCH_DB``) and the run ledger closes it when the spider has closed.
The storage pipeline registers its :class:`storage.Writer` (:func:`set_crawl_writer`)
while it runs, so the run ledger's heartbeat is written by that thread (one writing
connection; the reactor never waits for the write lock while a batch commits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import storage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlite_utils import Database

_ATTR = "_patentwatch_db"
_WRITER = "_patentwatch_writer"


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


def set_crawl_writer(crawler: Crawler, writer: storage.Writer | None) -> None:
    """Register the crawl's running writer (None when it stops)."""
    setattr(crawler, _WRITER, writer)


def crawl_writer(crawler: Crawler) -> storage.Writer | None:
    """The crawl's running storage writer, if one has started."""
    writer: storage.Writer | None = getattr(crawler, _WRITER, None)
    return writer
