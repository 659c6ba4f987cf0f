"""Downloader middlewares: conditional GETs, Retry-After waits, the allowed-hosts guard.

``ConditionalGetMiddleware``: for requests marked ``meta["conditional"] = True``
(list pages; stored articles on ``--refresh``), send ``If-None-Match`` / ``If-Modified-Since``
from the validators an earlier run stored, and store the new ones: through the storage
writer, after the records of their page (:mod:`crawler.middlewares.validators`). A ``304``
reaches the callback without a body, so nothing is parsed. Stats:
``conditional/sent``, ``conditional/not_modified``. Settings: ``PATENTWATCH_DB``,
``PATENTWATCH_CONDITIONAL_GET`` (default on).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

import storage
from crawler.database import crawl_db
from crawler.middlewares.validators import release_enabled, validators_of
from storage.incremental import get_validators

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class ConditionalGetMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("PATENTWATCH_CONDITIONAL_GET", True):
            raise NotConfigured
        self.crawler = crawler
        self.validators = validators_of(crawler)  # writes them (its own spider_closed)
        self.deferred = release_enabled(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    def _db(self) -> Any:
        return crawl_db(self.crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("conditional"):
            return
        try:
            etag, modified = get_validators(self._db(), request.url)
        except storage.StorageError:
            return
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1"))
        if modified:
            request.headers.setdefault(b"If-Modified-Since", modified.encode("latin-1"))
        if etag or modified:
            self.crawler.stats.inc_value("conditional/sent")

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        # Validators are recorded for every page the spider may ask about again
        # (meta "conditional" present, even False), and used when it is True.
        if "conditional" not in request.meta:
            return response
        if response.status == 304:
            self.crawler.stats.inc_value("conditional/not_modified")
            return response
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        if response.status == 200 and (etag or modified):
            row = (
                request.url,
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
                storage.utc_now(),
            )
            if self.deferred:  # saved once the page's items are through the pipeline
                self.validators.hold(request.meta, row)
            else:
                self.validators.release_now(row)
        return response


class RetryAfterMiddleware:
    """Back off before retries. ``Retry-After`` on 429/503: wait the time the server asks
    (up to ``PATENTWATCH_RETRY_AFTER_MAX`` seconds), then retry, at most
    ``PATENTWATCH_RETRY_AFTER_TIMES`` times. Other retryable statuses: wait
    ``PATENTWATCH_RETRY_BACKOFF`` × 2^(retries so far) seconds (capped by the same maximum)
    before Scrapy's RetryMiddleware re-queues the request. Stats: ``retry_after/waited``,
    ``retry_after/gave_up``, ``retry_backoff/waited``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("PATENTWATCH_RETRY_AFTER_MAX", 60.0)
        self.times = crawler.settings.getint("PATENTWATCH_RETRY_AFTER_TIMES", 3)
        self.backoff = crawler.settings.getfloat("PATENTWATCH_RETRY_BACKOFF", 1.0)
        self.codes = {int(c) for c in crawler.settings.getlist("RETRY_HTTP_CODES")}
        self.retries = crawler.settings.getint("RETRY_TIMES", 2)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Any:
        import asyncio

        header = response.headers.get(b"Retry-After")
        if response.status not in (429, 503) or not header:
            done = request.meta.get("retry_times", 0)
            if self.backoff and response.status in self.codes and done < self.retries:
                self.crawler.stats.inc_value("retry_backoff/waited")
                await asyncio.sleep(min(self.backoff * 2**done, self.max_wait))
            return response
        try:
            wait = float(header.decode("latin-1").strip())
        except ValueError:
            return response  # an HTTP date: leave it to the ordinary retry
        tries = request.meta.get("retry_after_times", 0)
        if tries >= self.times or wait > self.max_wait:
            self.crawler.stats.inc_value("retry_after/gave_up")
            return response
        self.crawler.stats.inc_value("retry_after/waited")
        await asyncio.sleep(wait)
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = tries + 1
        return retry


class AllowedHostsMiddleware:
    """No request leaves the spider's declared domains, and only http(s) is fetched.

    Scrapy's offsite filter lets ``dont_filter`` requests through (retries, and
    redirects of them); this guard has no such exception, so a redirect to another
    site is never followed whatever made it. Stat: ``allowed_hosts/refused``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AllowedHostsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        from urllib.parse import urlsplit

        from scrapy.exceptions import IgnoreRequest

        spider = spider or self.crawler.spider
        domains = [d.lower() for d in getattr(spider, "allowed_domains", None) or []]
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or (
            domains and not any(host == d or host.endswith("." + d) for d in domains)
        ):
            self.crawler.stats.inc_value("allowed_hosts/refused")
            logger.info("refused %s: outside %s", request.url, ", ".join(domains) or "http(s)")
            raise IgnoreRequest(f"outside the spider's domains: {request.url}")
