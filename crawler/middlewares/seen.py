"""Seen-URL spider middleware: nights fetch only what is new (scrapy-deltafetch's shape).

The spider marks what it yields: ``meta["article"]`` on an article request,
``meta["list_page"]`` on a next-page request. For each list page's output this
middleware looks the article URLs up in the database in one query, drops the
requests for stored articles (``incremental/skipped_seen``; on ``--refresh``
they go ahead as conditional GETs instead), and drops the next-page request
when every article on the page was already stored (``incremental/stopped_early``)
unless the spider walks in full. The spider itself never touches the database.

Only a completed walk is trusted (:mod:`crawler.extensions.walks`): paging stops at
an all-stored page only if one of its articles was stored by a completed walk (id
up to ``patentwatch/walk/watermark``), so after a killed or stopped run the walk goes
on past what that run stored. On ``--refresh`` every stored article of the site is
re-validated from the database (conditional GETs), not only those on pages walked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

from scrapy import Request

from core.urls import canonical_url
from crawler.database import crawl_db
from storage.articles import url_key_of
from storage.incremental import WalkState, known_url_ids, refresh_urls

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class SeenUrlsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenUrlsMiddleware:
        return cls(crawler)

    def known(self, urls: Iterable[str]) -> dict[str, int]:
        """The URLs among ``urls`` whose article is already stored, with its article id."""
        keys = {url: url_key_of(canonical_url(url)) for url in urls}
        found = known_url_ids(crawl_db(self.crawler), keys.values())
        return {url: found[key] for url, key in keys.items() if key in found}

    def walk(self) -> WalkState:
        """What earlier walks let this run trust (set by the walk-watermark extension;
        without it, everything stored is trusted, as before watermarks)."""
        stats = self.crawler.stats
        if stats.get_value("patentwatch/walk/resumed") is None:
            return WalkState(2**63 - 1, False)
        return WalkState(
            stats.get_value("patentwatch/walk/watermark"),
            bool(stats.get_value("patentwatch/walk/resumed")),
        )

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The spider's start requests, then on ``--refresh`` one conditional request per
        stored article of the site (the spider builds it: ``refresh_request``)."""
        async for request in start:
            yield request
        spider = self.crawler.spider
        site = getattr(spider, "site", None)
        if not getattr(spider, "refresh", False) or site is None:
            return
        urls = refresh_urls(crawl_db(self.crawler), site.name)
        self.crawler.stats.set_value("incremental/refresh_queued", len(urls))
        for url, title, date in urls:
            yield spider.refresh_request(url, title, date)  # type: ignore[union-attr]

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        # A list page's output is small (one page of links): buffer it to decide on paging.
        outputs = [item async for item in result]
        for out in self._filter(outputs):
            yield out

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterable[Any]:
        yield from self._filter(list(result))

    def _filter(self, outputs: list[Any]) -> Iterable[Any]:
        articles = [o for o in outputs if isinstance(o, Request) and o.meta.get("article")]
        if not articles:
            yield from outputs
            return
        spider = self.crawler.spider
        refresh = bool(getattr(spider, "refresh", False))
        full = bool(getattr(spider, "full", False))
        stats = self.crawler.stats
        known = self.known(r.url for r in articles)
        walk = self.walk()
        # every article stored, and one of them by a completed walk: the older pages are too
        covered = not ({r.url for r in articles} - known.keys()) and any(
            walk.trusted(i) for i in known.values()
        )
        if not ({r.url for r in articles} - known.keys()) and not covered:
            stats.inc_value("incremental/walked_past_interrupted")
        for out in outputs:
            if isinstance(out, Request) and out.meta.get("article") and out.url in known:
                if not refresh:
                    stats.inc_value("incremental/skipped_seen")
                    continue
                out.meta["conditional"] = True  # re-validate a stored article, store edits
            elif isinstance(out, Request) and out.meta.get("list_page") and covered and not full:
                stats.inc_value("incremental/stopped_early")
                continue
            yield out
