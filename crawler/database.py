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

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import storage
from storage.db import BUSY_TIMEOUT_S

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


def write(crawler: Crawler, fn: Callable[[Database], Any]) -> Future[Any] | None:
    """Run a small write ``fn(db)`` for a component (validators, skipped pages, walks).

    While the crawl's writer runs, ``fn`` goes to its thread, after everything queued
    before it is committed (the reactor does not wait for the write lock; order with the
    records is kept); a failure there is logged as a warning. Before the first record or
    after the writer closed (every record committed), it runs here on the crawl's handle,
    and a :class:`storage.StorageError` is the caller's.

    :returns: the writer's future, or None when ``fn`` ran here
    """
    writer = crawl_writer(crawler)
    if writer is not None:
        future = writer.call(fn)
        future.add_done_callback(_warn_on_failure)
        return future
    fn(crawl_db(crawler))
    return None


def write_and_wait(crawler: Crawler, fn: Callable[[Database], Any]) -> Any:
    """:func:`write` for a component that needs the result (the walk's state at the start);
    raises :class:`storage.StorageError` whichever thread ran it."""
    writer = crawl_writer(crawler)
    if writer is None:
        return fn(crawl_db(crawler))
    try:
        return writer.call(fn).result(timeout=BUSY_TIMEOUT_S * 2)
    except TimeoutError:
        raise storage.StorageError("the storage writer did not answer in time") from None


def _warn_on_failure(future: Future[Any]) -> None:
    exc = future.exception()
    if exc is not None:
        import logging

        logging.getLogger(__name__).warning("write not recorded: %s", exc)
