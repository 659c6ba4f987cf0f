"""One spider per declared news site, all sharing :class:`SiteNewsSpider`.

Each ``[sites.NAME]`` in ``sites.toml`` (and in the user's ``PATENTWATCH_SITES``
file) becomes a spider class named ``NAME`` in this module, so ``scrapy list``
shows it and ``scrapy crawl NAME`` runs it, like a hand-written spider.

Nights fetch only what is new: list pages are always fetched (conditionally:
an unchanged page answers 304 and is not parsed); the seen-URL spider middleware
(:mod:`crawler.middlewares.seen`) drops requests for articles already stored and
stops paging at the first list page whose articles are all stored. ``-a full=1``
(``--full``) walks every list page; ``-a refresh=1`` (``--refresh``) re-fetches
stored articles conditionally to catch edits.

Paging believes the page's own counter, not a lone "next" link: it stops at the
last page the site declares, at a page already fetched, at a page with nothing new,
and at ``max_list_pages`` (:func:`core.extraction.next_page_decision`; what earlier
pages said travels in the request's meta). Only list items whose URL is an article
URL of the site are fetched, and a fetched page that is a list page, has no body or
is an error page is skipped (:mod:`crawler.extensions.skips`), never stored.

The spider holds no state of its own beyond its site declaration and never
touches the database: what has been seen lives in storage, asked by the
middleware, so the same spider can run on many machines (scrapy-redis).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse

import storage
from core.encoding import decode_html
from core.extraction import (
    Chain,
    ListHint,
    article_entries,
    extract_article,
    list_entries,
    next_page_decision,
    parse_paging,
    rejection,
)
from core.records import ArticleRecord
from core.sites import Site, load_sites
from core.urls import canonical_url
from crawler.extensions.skips import report_skip

_TRUE = ("1", "true", "yes", "on")
_CHAIN = "patentwatch_chain"  # request meta: what earlier pages of this list said


def page_text(response: TextResponse, stats: Any) -> str:
    """The page as text, re-decoded when its declared encoding is wrong (counted in stats)."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    m = re.search(r"charset=([\w-]+)", content_type, re.I)
    text, used = decode_html(response.body, m.group(1) if m else None)
    if m and used.lower() != m.group(1).lower():
        stats.inc_value("patentwatch/encoding/corrected")
    return text


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in _TRUE


class SiteNewsSpider(scrapy.Spider):
    """Crawl a news site's list pages and articles as its :class:`Site` declares."""

    site: ClassVar[Site]

    def __init__(self, *args: Any, full: Any = None, refresh: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = list(self.site.allowed_domains)
        self.start_urls = list(self.site.start_urls)
        self.full = _flag(full)
        self.refresh = _flag(refresh)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteNewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.full = spider.full or crawler.settings.getbool("PATENTWATCH_FULL")
        spider.refresh = spider.refresh or crawler.settings.getbool("PATENTWATCH_REFRESH")
        return spider

    def _list_request(self, url: str, chain: Chain) -> scrapy.Request:
        # --full must parse every page, so it sends no validators (a 304 has nothing to parse);
        # nor does a run resuming an interrupted walk: the validators that run recorded vouch
        # for nothing below the pages it reached (crawler/extensions/walks.py).
        stats = self._crawl_stats()
        resumed = bool(stats and stats.get_value("patentwatch/walk/resumed"))
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self._list_failed,
            cb_kwargs={"page_no": chain.page_no},
            # list_page: the seen-URL middleware may drop it when the page before held only
            # stored articles (crawler/middlewares/seen.py)
            meta={
                "conditional": not (self.full or resumed),
                "list_page": True,
                "handle_httpstatus_list": [304],
                _CHAIN: chain,
            },
        )

    def _list_failed(self, failure: Any) -> None:
        """A list page that did not answer ends the walk there: counted, so the run's walk
        is not taken as complete (the next run walks on), and logged with its reason."""
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # robots.txt or the allowed-hosts guard: policy, not a failure
        self.crawler.stats.inc_value("patentwatch/list/failed")
        self.logger.warning("list page %s failed: %s", failure.request.url, failure.value)

    def refresh_request(
        self, url: str, title: str | None = None, date: str | None = None
    ) -> scrapy.Request:
        """A conditional re-fetch of a stored article (``--refresh``): an edit is stored.
        The stored title and date stand in for the list page's hint."""
        return scrapy.Request(
            url,
            callback=self.parse_article,
            cb_kwargs={"hint": ListHint(title=title, date=date)},
            meta={"conditional": True, "handle_httpstatus_list": [304]},
        )

    def _crawl_stats(self) -> Any:
        """The crawl's stats, or None for a spider built outside a crawl (the distributed
        coordinator builds the start requests it seeds into the shared queue)."""
        try:
            return self.crawler.stats
        except RuntimeError:
            return None

    async def start(self) -> Any:
        stats = self._crawl_stats()
        for url in self.site.start_urls:
            if stats is not None:
                # counted for the health check "a list page answered" (core/health.py)
                stats.inc_value("patentwatch/list/requested")
            yield self._list_request(url, Chain())

    def parse(self, response: Response, page_no: int = 1) -> Iterator[scrapy.Request]:
        """A list page: follow its article links, then its next page while the page's own
        paging says there is one."""
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("patentwatch/list/not_modified")
            return  # unchanged since the last run: nothing new on it, so nothing new after it
        if not isinstance(response, TextResponse):
            stats.inc_value("patentwatch/list/not_html")
            return
        chain: Chain = response.meta.get(_CHAIN) or Chain(page_no=page_no)
        template = self.site.template_for_list(response.url)
        selector = Selector(text=page_text(response, stats))
        paging = parse_paging(selector, response.url, template)
        entries, others = article_entries(
            list_entries(selector, response.url, template), self.site, paging, chain
        )
        stats.inc_value("patentwatch/list/pages")
        stats.inc_value("patentwatch/list/not_article", len(others))
        for other in others:
            self.logger.debug("not an article URL of %s: %s", self.site.name, other.url)
        if not entries:
            stats.inc_value("patentwatch/list/empty")
            self.logger.warning("list page %s has no article links", response.url)
        stats.inc_value("patentwatch/list/links", len(entries))
        for entry in entries:
            # article: the seen-URL middleware drops it when the article is already stored
            yield scrapy.Request(
                entry.url,
                callback=self.parse_article,
                cb_kwargs={"hint": ListHint(title=entry.title, date=entry.date)},
                meta={"article": True, "conditional": False, "handle_httpstatus_list": [304]},
            )
        urls = [e.url for e in entries]
        nxt, why = next_page_decision(
            response.url, paging, chain, len(chain.new_items(urls)), self.site.max_list_pages
        )
        stats.inc_value(f"patentwatch/list/stop/{why}" if nxt is None else "patentwatch/list/next")
        if nxt:
            yield self._list_request(nxt, chain.advance(response.url, paging, urls))

    def parse_article(self, response: Response, hint: ListHint) -> Iterator[ArticleRecord]:
        """An article page: extract its fields through the site's template."""
        if response.status == 304:
            self.crawler.stats.inc_value("incremental/article_not_modified")
            return
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("patentwatch/article/not_html")
            return
        template = self.site.template_for_article(response.url)
        html = page_text(response, self.crawler.stats)
        selector = Selector(text=html)
        fields = extract_article(selector, response.url, template, hint, self.site.lang)
        reason = rejection(selector, fields, template)
        if reason:
            # a list page, an empty 200, an error or login page served as 200: not stored
            self.crawler.stats.inc_value(f"patentwatch/article/rejected/{reason}")
            report_skip(self.crawler, response.url, reason, response.status)
            return
        if fields.date_disagrees:
            # the page's own meta line won; a list paired with the wrong items shows up here
            self.crawler.stats.inc_value("patentwatch/date/list_disagrees")
            self.logger.info(
                "%s: list date %s, page date %s (page kept)",
                response.url,
                hint.date,
                fields.published_at,
            )
        for name, source in fields.sources.items():
            self.crawler.stats.inc_value(f"patentwatch/field/{name}/{source}")
        yield ArticleRecord.from_fields(
            fields,
            url=canonical_url(response.url),
            site=self.site.name,
            institution=self.site.institution,
            fetched_at=storage.utc_now(),
            fetched_url=response.url,
            html=html,
            country=self.site.country,
        )


def _spider_class(site: Site) -> type[SiteNewsSpider]:
    class_name = "".join(part.capitalize() for part in site.name.split("_")) + "Spider"
    return type(
        class_name, (SiteNewsSpider,), {"name": site.name, "site": site, "__module__": __name__}
    )


def _register() -> None:
    for site in load_sites().values():
        cls = _spider_class(site)
        globals()[cls.__name__] = cls


_register()
