"""One spider per declared news site, all sharing :class:`SiteNewsSpider`.

Each ``[sites.NAME]`` in ``sites.toml`` (and in the user's ``PATENTWATCH_SITES``
file) becomes a spider class named ``NAME`` in this module, so ``scrapy list``
shows it and ``scrapy crawl NAME`` runs it, like a hand-written spider.

The spider holds no state of its own beyond its site declaration: what has been
seen lives in the database, so the same spider can run on many machines
(scrapy-redis) without disagreeing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse

from crawler.extraction import ListHint, extract_article, parse_list
from crawler.items import ArticleItem
from crawler.sites import Site, load_sites
from crawler.urls import canonical_url


class SiteNewsSpider(scrapy.Spider):
    """Crawl a news site's list pages and articles as its :class:`Site` declares."""

    site: ClassVar[Site]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = list(self.site.allowed_domains)
        self.start_urls = list(self.site.start_urls)

    async def start(self) -> Any:
        for url in self.site.start_urls:
            yield scrapy.Request(url, callback=self.parse, cb_kwargs={"page_no": 1})

    def parse(self, response: Response, page_no: int = 1) -> Iterator[scrapy.Request]:
        """A list page: follow its articles, then its next page (bounded by max_list_pages)."""
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("patentwatch/list/not_html")
            return
        template = self.site.template_for_list(response.url)
        entries, next_url = parse_list(response.selector, response.url, template)
        self.crawler.stats.inc_value("patentwatch/list/pages")
        if not entries:
            self.crawler.stats.inc_value("patentwatch/list/empty")
            self.logger.warning("list page %s has no article links", response.url)
        for entry in entries:
            yield scrapy.Request(
                entry.url,
                callback=self.parse_article,
                cb_kwargs={"hint": ListHint(title=entry.title, date=entry.date)},
            )
        if next_url and page_no < self.site.max_list_pages:
            yield scrapy.Request(next_url, callback=self.parse, cb_kwargs={"page_no": page_no + 1})

    def parse_article(self, response: Response, hint: ListHint) -> Iterator[ArticleItem]:
        """An article page: extract its fields through the site's template."""
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("patentwatch/article/not_html")
            return
        template = self.site.template_for_article(response.url)
        fields = extract_article(response.selector, response.url, template, hint, self.site.lang)
        for name, source in fields.sources.items():
            self.crawler.stats.inc_value(f"patentwatch/field/{name}/{source}")
        if not fields.body:
            self.crawler.stats.inc_value("patentwatch/article/empty_body")
            self.logger.warning("no article text found at %s", response.url)
        yield ArticleItem(
            url=canonical_url(response.url),
            site=self.site.name,
            institution=self.site.institution,
            title=fields.title,
            published_at=fields.published_at,
            body=fields.body,
            lang=fields.lang,
            fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
            author=fields.author,
            editor=fields.editor,
            source=fields.source,
            views=fields.views,
            fetched_url=response.url,
            html=response.text,
            sources=fields.sources,
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
