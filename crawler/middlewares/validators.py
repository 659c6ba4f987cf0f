"""HTTP validators are saved after the records of their response, by the storage writer.

Why: a validator says "this page was stored as it is now"; the next run sends it, and a
304 skips the page. Saved before the page's records are committed (a crash in between, a
failed batch), it would hide that page from every later run. And written on the reactor
thread it waited for SQLite's write lock behind the writer's batches.

How: :class:`crawler.middlewares.downloader.ConditionalGetMiddleware` *holds* a
response's validator in its meta; :class:`ValidatorRelease` (a spider middleware) counts
the items the callback yields, and the ``item_scraped`` / ``item_dropped`` signals count
them out of the item pipeline (where the storage pipeline has handed them to the writer).
When every item of the response is through, its validator is *released* into a buffer
that goes to the writer (:func:`crawler.database.write`) every :data:`FLUSH_EVERY` rows
and at the end of the run: the writer commits everything queued before it first, so a
validator is never committed before its page's rows. An item that failed in the pipeline
(``item_error``) or a batch the writer could not store keeps the validator unsaved (the
next run simply fetches the page in full).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals

import storage
from crawler.database import crawl_writer, write
from storage.incremental import save_validators

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from sqlite_utils import Database

logger = logging.getLogger(__name__)
FLUSH_EVERY = 200
Row = tuple[str, str | None, str | None, str]  # url, etag, last_modified, checked_at
_HELD, _OUT, _DONE, _FAILED = "pw_validator", "pw_items_out", "pw_items_done", "pw_items_failed"
_ATTR = "_patentwatch_validators"
# the spider middleware that releases held validators (crawler/settings.py)
RELEASE_PATH = "crawler.middlewares.validators.ValidatorRelease"


class Validators:
    """One crawl's validators: held per response, released, then written in chunks."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.released: list[Row] = []
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.flush, signal=signals.spider_closed)

    def hold(self, meta: dict[str, Any], row: Row) -> None:
        meta[_HELD] = row

    def release_now(self, row: Row) -> None:
        """Without the spider middleware (custom settings): buffered at once, as before."""
        self._add(row)

    def callback_done(self, response: Response, items: int) -> None:
        response.meta[_OUT] = items
        self._maybe_release(response.meta)

    def item_scraped(self, item: Any, response: Response, spider: Any = None) -> None:
        self._count(response)

    def item_dropped(
        self, item: Any, response: Response, exception: Any = None, spider: Any = None
    ) -> None:
        self._count(response)

    def item_error(
        self, item: Any, response: Response, failure: Any = None, spider: Any = None
    ) -> None:
        if response is not None:
            response.meta[_FAILED] = True
            self._count(response)

    def _count(self, response: Response | None) -> None:
        if response is None or _HELD not in response.meta:
            return
        response.meta[_DONE] = response.meta.get(_DONE, 0) + 1
        self._maybe_release(response.meta)

    def _maybe_release(self, meta: dict[str, Any]) -> None:
        if _HELD not in meta or _OUT not in meta or meta.get(_DONE, 0) < meta[_OUT]:
            return
        row = meta.pop(_HELD)
        if meta.get(_FAILED):
            logger.debug("validator of %s not saved: an item of it failed", row[0])
            return
        self._add(row)

    def _add(self, row: Row) -> None:
        self.released.append(row)
        if len(self.released) >= FLUSH_EVERY:
            self.flush()

    def flush(self, spider: Any = None) -> None:
        rows, self.released = self.released, []
        if not rows:
            return
        try:
            write(self.crawler, lambda db: _save_unless_failed(db, rows, self.crawler))
        except storage.StorageError as exc:
            logger.warning("validators not saved: %s", exc)


def _save_unless_failed(db: Database, rows: list[Row], crawler: Crawler) -> None:
    """In the writer (or after it closed): a batch that failed may hold pages of these
    validators, so none is saved then (the next run fetches those pages in full)."""
    writer = crawl_writer(crawler)
    failed = writer.counts()["failed"] if writer else crawler.stats.get_value("storage/failed")
    if failed:
        logger.warning("%d validators not saved: a storage batch failed this run", len(rows))
        return
    save_validators(db, rows)


def validators_of(crawler: Crawler) -> Validators:
    """The crawl's validator buffer (created, with its signal handlers, on first use)."""
    found: Validators | None = getattr(crawler, _ATTR, None)
    if found is None:
        found = Validators(crawler)
        setattr(crawler, _ATTR, found)
    return found


def release_enabled(crawler: Crawler) -> bool:
    """Whether :class:`ValidatorRelease` runs in this crawl (else validators go at once)."""
    return crawler.settings.getwithbase("SPIDER_MIDDLEWARES").get(RELEASE_PATH) is not None


class ValidatorRelease:
    """Spider middleware: counts each response's items, then lets its validator go."""

    def __init__(self, crawler: Crawler) -> None:
        self.validators = validators_of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatorRelease:
        return cls(crawler)

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Any = None
    ) -> Iterable[Any]:
        items = 0
        for out in result:
            items += not isinstance(out, Request)
            yield out
        if _HELD in response.meta:
            self.validators.callback_done(response, items)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        items = 0
        async for out in result:
            items += not isinstance(out, Request)
            yield out
        if _HELD in response.meta:
            self.validators.callback_done(response, items)
