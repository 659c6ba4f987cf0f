"""Route a crawl to a local copy of the sites, keeping the real URLs (Scrapy add-on).

The folder layout and the server are in :mod:`core.mirror`. Settings: ``MIRROR_DIR``
(serve this folder) or ``MIRROR_URL`` (an already running server such as the
hostile test server); env ``PATENTWATCH_MIRROR`` sets ``MIRROR_DIR``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

from core.mirror import (
    MirrorError,
    MirrorServer,
    mirror_hosts,
    relative_path,
    url_to_path,
    validate_mirror,
)

__all__ = [
    "MirrorAddon",
    "MirrorDownloadHandler",
    "MirrorError",
    "MirrorServer",
    "url_to_path",
    "validate_mirror",
    "mirror_hosts",
    "relative_path",
]

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import Settings


class MirrorDownloadHandler(BaseDownloadHandler):
    """Download http(s) requests from the mirror; responses keep the real URL."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self._server: MirrorServer | None = None
        base = settings.get("MIRROR_URL") or ""
        if not base:
            self._server = MirrorServer(settings["MIRROR_DIR"]).start()
            base = self._server.url
        self._base = base.rstrip("/")
        self._http = HTTP11DownloadHandler.from_crawler(crawler)

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        local = f"{self._base}/{(parts.hostname or '').lower()}{parts.path or '/'}"
        if parts.query:
            local += "?" + parts.query
        response = await self._http.download_request(request.replace(url=local))
        self.crawler.stats.inc_value("mirror/responses")
        return response.replace(url=request.url)

    async def close(self) -> None:
        await self._http.close()
        if self._server:
            self._server.stop()


class MirrorAddon:
    """Scrapy add-on: when ``MIRROR_DIR``/``MIRROR_URL`` is set, crawl the mirror at full speed.

    Politeness delays exist for real hosts; the local copy needs none.
    """

    def update_settings(self, settings: Settings) -> None:
        if not (settings.get("MIRROR_DIR") or settings.get("MIRROR_URL")):
            return
        handlers = {
            "http": "crawler.mirror.MirrorDownloadHandler",
            "https": "crawler.mirror.MirrorDownloadHandler",
        }
        settings.set(
            "DOWNLOAD_HANDLERS", {**settings.getdict("DOWNLOAD_HANDLERS"), **handlers}, "cmdline"
        )
        settings.set("DOWNLOAD_DELAY", 0, "cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, "cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 16, "cmdline")
        settings.set("DOWNLOAD_DELAY_JITTER", 0, "cmdline")
        settings.set("PATENTWATCH_RETRY_BACKOFF", 0.0, "cmdline")
