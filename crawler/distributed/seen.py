"""The seen-URL middleware of a worker: asks the site's Redis set, not SQLite.

Same decisions as :class:`crawler.middlewares.seen.SeenUrlsMiddleware` (skip stored
articles, stop paging at a page of stored ones); only the lookup differs: one SMISMEMBER
per list page on ``pw:seen:<site>``, which the writer fills after each commit and rebuilds
from SQLite when its count disagrees. A URL missing from the cache is merely fetched again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.urls import canonical_url
from crawler.distributed.settings import connect
from crawler.middlewares.seen import SeenUrlsMiddleware
from storage.articles import url_key_of
from storage.stream import seen_key

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class RedisSeenUrlsMiddleware(SeenUrlsMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.r = connect(crawler.settings["PATENTWATCH_REDIS_URL"])

    def known(self, urls: Iterable[str]) -> dict[str, int]:
        """Stored URLs from the site's seen set. The set holds no article ids: 0 stands in,
        and workers keep no walk watermark (the coordinator's runs do), so all are trusted."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return {}
        spider = self.crawler.spider
        site = str(
            getattr(getattr(spider, "site", None), "name", None) or getattr(spider, "name", "")
        )
        keys = [url_key_of(canonical_url(u)) for u in wanted]
        hits = self.r.smismember(seen_key(site), keys)
        return {u: 0 for u, hit in zip(wanted, hits, strict=True) if int(hit)}
