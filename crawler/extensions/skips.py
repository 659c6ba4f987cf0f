"""Skipped pages: expected events logged as one WARNING line each, counted, and recorded.

A page the crawl correctly does not store is not an error: a response over
``DOWNLOAD_MAXSIZE`` (by its ``Content-Length``, while streaming, or once
decompressed), a URL robots.txt excludes, a 404/410 (or a 403 from a WAF), a
redirect loop, a redirect off the site's domains, a fetched page that is a list
page or has no body. Each becomes one line ``skipped URL: REASON (detail)``, the
stat ``patentwatch/skipped/REASON`` and a ``skipped_pages`` row of the run, and
the run stays ``finished``: without this, Scrapy logs a size-cap refusal as an
ERROR with a traceback (the run failed, ``crawl`` exited 1), and a redirect loop
or an off-site redirect left no line naming the URL at all.

Components:

* :class:`SkipsExtension`: the one recorder. Listens to :data:`page_skipped`
  (sent by :func:`report_skip`) and to ``request_dropped`` (a redirect back to a
  URL already requested, dropped by the duplicate filter, is a loop), logs, counts,
  and writes the rows at the end of the run (the run id comes from the stat
  ``patentwatch/run_id``; no run, no rows).
* :class:`SkipsMiddleware`: the downloader middleware that recognises skips
  Scrapy reports as exceptions or lets pass silently, and turns the exceptions into
  ``IgnoreRequest`` so they no longer log ERRORs.
* :class:`SkipAwareHttpCompressionMiddleware`: Scrapy's decompression with its
  "exceeded DOWNLOAD_MAXSIZE during decompression" refusal (a gzip bomb) reported.

Rows go through the crawl's storage writer while it runs (:func:`crawler.database.write`:
the reactor never waits for SQLite's write lock), else to the crawl's database handle.
Settings: ``PATENTWATCH_SKIP_STATUSES`` (default 403, 404, 410).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from twisted.internet.defer import CancelledError

import storage
from crawler.database import write
from storage.skips import save_skips

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

# Sent with url=, reason=, status=, detail= for every page a run chose not to store.
page_skipped = object()
_STATUS_REASONS = {403: "forbidden", 404: "not_found", 410: "not_found"}
_FLUSH_EVERY = 500
# Scrapy's own lines for the size cap; the skip line replaces them (one line per skip).
_SCRAPY_SIZE_LOGGERS = (
    "scrapy.core.downloader.handlers.http11",
    "scrapy.downloadermiddlewares.httpcompression",
)


def report_skip(
    crawler: Crawler, url: str, reason: str, status: int | None = None, detail: str = ""
) -> None:
    """Report one skipped page (from a spider callback or a component)."""
    crawler.signals.send_catch_log(
        page_skipped, url=url, reason=reason, status=status, detail=detail
    )


class _SizeCapLines(logging.Filter):
    """Drops Scrapy's "larger than download max size" warnings: the skip line says it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("download max size" in message or "exceeded DOWNLOAD_MAXSIZE" in message)


class SkipsExtension:
    """Log, count and record every skipped page of a run."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.rows: list[dict[str, Any]] = []
        crawler.signals.connect(self.page_skipped, signal=page_skipped)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        for name in _SCRAPY_SIZE_LOGGERS:
            target = logging.getLogger(name)
            if not any(isinstance(f, _SizeCapLines) for f in target.filters):
                target.addFilter(_SizeCapLines())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipsExtension:
        return cls(crawler)

    def page_skipped(self, url: str, reason: str, status: int | None, detail: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"patentwatch/skipped/{reason}")
        stats.inc_value("patentwatch/skipped")
        logger.warning("skipped %s: %s%s", url, reason, f" ({detail})" if detail else "")
        self.rows.append(
            {
                "url": url,
                "reason": reason,
                "status": status,
                "detail": detail or None,
                "skipped_at": storage.utc_now(),
            }
        )
        if len(self.rows) >= _FLUSH_EVERY:
            self._flush()

    def request_dropped(self, request: Request, spider: Spider | None = None) -> None:
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:  # redirected back to a URL of its own chain: a loop
            self.page_skipped(chain[0], "redirect_loop", None, f"redirects back to {request.url}")

    def _flush(self) -> None:
        stats = self.crawler.stats
        run_id = stats.get_value("patentwatch/run_id") if stats else None
        rows, self.rows = self.rows, []
        if not rows or run_id is None:
            return  # no run ledger (a bare component test): the log line and the stat remain
        rows = [{**row, "run_id": run_id} for row in rows]
        try:
            write(self.crawler, lambda db: save_skips(db, rows))
        except storage.StorageError as exc:
            logger.warning("%d skipped pages not recorded: %s", len(rows), exc)

    def spider_closed(self, spider: Spider | None = None) -> None:
        self._flush()


def _is_size_cap(exception: BaseException) -> bool:
    return isinstance(exception, DownloadCancelledError | CancelledError)


class SkipsMiddleware:
    """Downloader middleware: size cap, robots, redirect loops and off-site redirects,
    404/410/403 reported as skips (see the module docstring).

    Sits above RedirectMiddleware (so it sees the raw 3xx) and below DownloaderStats
    (so ``downloader/response_status_count`` still counts every response).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        statuses = crawler.settings.getlist("PATENTWATCH_SKIP_STATUSES", [403, 404, 410])
        self.statuses = {int(s) for s in statuses}
        self.max_redirects = crawler.settings.getint("REDIRECT_MAX_TIMES", 20)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipsMiddleware:
        return cls(crawler)

    def _domains(self) -> list[str]:
        spider = self.crawler.spider
        return [d.lower() for d in getattr(spider, "allowed_domains", None) or []]

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        origin = (request.meta.get("redirect_urls") or [request.url])[0]
        if 300 <= response.status < 400 and b"Location" in response.headers:
            # only redirects RedirectMiddleware would follow (not those a spider handles)
            handled = response.status in request.meta.get("handle_httpstatus_list", ())
            if not (request.meta.get("dont_redirect") or handled):
                self._check_redirect(request, response, origin)
        # a missing robots.txt means "all allowed", not a skipped page
        elif response.status in self.statuses and urlsplit(request.url).path != "/robots.txt":
            reason = _STATUS_REASONS.get(response.status, f"http_{response.status}")
            report_skip(self.crawler, request.url, reason, response.status)
        return response

    def _check_redirect(self, request: Request, response: Response, origin: str) -> None:
        location = (response.headers.get(b"Location") or b"").decode("latin-1").strip()
        target = urljoin(request.url, location)
        chain = request.meta.get("redirect_urls") or []
        if target == request.url or target in chain or len(chain) >= self.max_redirects:
            report_skip(self.crawler, origin, "redirect_loop", response.status, f"to {target}")
            raise IgnoreRequest(f"redirect loop at {request.url}")
        host = (urlsplit(target).hostname or "").lower()
        domains = self._domains()
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            report_skip(self.crawler, origin, "offsite_redirect", response.status, f"to {target}")
            raise IgnoreRequest(f"redirect off the site's domains: {target}")

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        if _is_size_cap(exception):
            limit = request.meta.get("download_maxsize") or self.crawler.settings.getint(
                "DOWNLOAD_MAXSIZE"
            )
            report_skip(self.crawler, request.url, "size_cap", None, f"over {limit} bytes")
            raise IgnoreRequest(f"larger than DOWNLOAD_MAXSIZE: {request.url}") from exception
        if isinstance(exception, IgnoreRequest) and "robots.txt" in str(exception):
            report_skip(self.crawler, request.url, "robots")


class SkipAwareHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, with its size-cap refusal (a gzip bomb) reported as a skip."""

    def __init__(self, stats: Any = None, *, crawler: Crawler | None = None) -> None:
        super().__init__(stats, crawler=crawler)
        self._skips_crawler = crawler

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Any:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if "DOWNLOAD_MAXSIZE" in str(exc) and self._skips_crawler is not None:
                report_skip(
                    self._skips_crawler,
                    request.url,
                    "size_cap",
                    response.status,
                    "over DOWNLOAD_MAXSIZE once decompressed",
                )
            raise
