"""``wipo_pct``: WIPO's PCT statistics.

Sources (real URLs on wipo.int; more are configuration: ``PATENTWATCH_WIPO_URLS``):
the yearly press releases whose annexes list the top PCT applicants
(educational institutions among them; as HTML tables, lists, or XLSX/CSV/ZIP
attachments, which are followed; PDF annexes are logged as skipped), the PCT
Newsletter's yearly filings by origin, and IP Statistics Data Center exports.

Every request is conditional (the validators an earlier run stored are sent),
annexes included: a release page that answers 304 is not parsed, and the annexes
it linked last time (``wipo_files``) are asked about directly, so an annex WIPO
corrected in place is still picked up while unchanged files cost a 304 each.
A file or page that yields no rows is a WARNING naming it and what was looked
for, counted in ``wipo/empty``: never a silent zero.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

import storage
from core import wipo
from core.wipo.tables import category_of
from crawler.database import crawl_db
from crawler.items import IndicatorItem, RankingItem
from storage import utc_now
from storage.wipo import WipoFile, linked_files, record_file

PRESS_RELEASES = [
    "https://www.wipo.int/pressroom/en/articles/2015/article_0004.html",  # 2014 data
    "https://www.wipo.int/pressroom/en/articles/2018/article_0002.html",  # 2017 data
    "https://www.wipo.int/pressroom/en/articles/2019/article_0004.html",  # 2018 data
    "https://www.wipo.int/pressroom/en/articles/2020/article_0005.html",  # 2019 data, PR/2020/848
    "https://www.wipo.int/pressroom/en/articles/2021/article_0003.html",  # 2020 data
    "https://www.wipo.int/pressroom/en/articles/2024/article_0002.html",  # 2023 data
]
NEWSLETTERS = ["https://www.wipo.int/pct/en/newslett/2023/article_0001.html"]
# A Data Center export ("Download" in the IP Statistics Data Center); configuration.
IPSTATS_EXPORTS = ["https://www3.wipo.int/ipstats/exports/pct_applications_by_origin.csv"]
_CONDITIONAL = {"conditional": True, "handle_httpstatus_list": [304]}


class WipoPctSpider(scrapy.Spider):
    name = "wipo_pct"
    allowed_domains = ["wipo.int"]

    def _store(self) -> Any:
        """The crawl's database (shared, closed by the run ledger), for the record of files
        read; None when it cannot be opened: the crawl still runs, it only forgets which
        annexes a release linked."""
        try:
            return crawl_db(self.crawler)
        except storage.StorageError as exc:
            self.logger.warning("WIPO file record unavailable: %s", exc)
            return None

    async def start(self) -> Any:
        extra = self.settings.getlist("PATENTWATCH_WIPO_URLS")
        for url in [*PRESS_RELEASES, *NEWSLETTERS, *IPSTATS_EXPORTS, *extra]:
            yield scrapy.Request(url, callback=self.route, meta=dict(_CONDITIONAL))

    def route(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.crawler.stats.inc_value("wipo/not_modified")
            yield from self._known_annexes(response.url)
            return
        if wipo.kind_of(response.body) != "html":
            yield from self.parse_file(response, None, None)
        elif "/newslett/" in response.url:
            yield from self.parse_newsletter(response)
        else:
            yield from self.parse_release(response)

    def _known_annexes(self, page_url: str) -> Iterator[scrapy.Request]:
        """An unchanged release: ask about the annexes it linked last time (each a 304
        unless WIPO replaced the file)."""
        db = self._store()
        for annex in linked_files(db, page_url) if db else []:
            yield self._annex_request(annex.url, page_url, annex.data_year, annex.release_no)

    def _annex_request(
        self, url: str, parent: str, year: int | None, release_no: str | None
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_annex,
            meta=dict(_CONDITIONAL),
            cb_kwargs={"parent": parent, "year": year, "release_no": release_no},
        )

    def parse_release(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        release = wipo.parse_release(response.text, response.url)
        for ranking in release.rankings:
            yield self._ranking(ranking, response.url, release.release_no)
        for href in release.skipped:
            self.crawler.stats.inc_value("wipo/pdf_skipped")
            self.logger.info("skipped PDF annex %s (PDF is out of scope)", response.urljoin(href))
        for href in release.attachments:
            url = response.urljoin(href)
            yield self._annex_request(url, response.url, release.data_year, release.release_no)
        if not release.rankings and not release.attachments:
            # an annex page: its tables, found by their headers (warns when it has none)
            yield from self.parse_file(response, release.data_year, None)
            return
        self._record(response, "release", (len(release.rankings), 0), release_no=release.release_no)

    def parse_annex(
        self, response: Response, parent: str, year: int | None, release_no: str | None
    ) -> Iterator[Any]:
        if response.status == 304:
            self.crawler.stats.inc_value("wipo/not_modified")
            return
        # an annex whose own title names no category takes the one its URL names
        # ("…_annex_education.csv"); its year, the release's data year
        fallback = category_of(response.url.rsplit("/", 1)[-1].replace("_", " "))
        yield from self.parse_file(response, year, fallback, parent, release_no)

    def parse_file(
        self,
        response: Response,
        year: int | None,
        category: str | None,
        parent: str | None = None,
        release_no: str | None = None,
    ) -> Iterator[Any]:
        """An annex or an export, in whatever format it came."""
        try:
            parsed = wipo.parse_file(response.body, response.url, year, category)
        except wipo.NoWipoTable as exc:
            self._empty(response.url, str(exc))
            parsed = wipo.Parsed("empty")
        except (ValueError, KeyError, OSError) as exc:  # a damaged workbook or archive
            self._empty(response.url, f"unreadable ({exc})")
            parsed = wipo.Parsed("unreadable")
        for ranking in parsed.rankings:
            yield self._ranking(ranking, response.url, release_no or parsed.release_no)
        for ind in parsed.indicators:
            yield self._indicator(ind, response.url)
        counts = (len(parsed.rankings), len(parsed.indicators))
        self._record(response, parsed.kind, counts, parent, release_no, year)

    def parse_newsletter(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        indicators = wipo.parse_newsletter(response.text)
        if not indicators:
            self._empty(response.url, "'PCT Filings in YYYY' with '1. Country 12,345 25.1%' lines")
        for ind in indicators:
            yield self._indicator(ind, response.url)
        self._record(response, "newsletter", (0, len(indicators)))

    def _empty(self, url: str, looked_for: str) -> None:
        self.crawler.stats.inc_value("wipo/empty")
        self.logger.warning("no WIPO rows in %s: %s", url, looked_for)

    def _record(
        self,
        response: Response,
        kind: str,
        counts: tuple[int, int],
        parent: str | None = None,
        release_no: str | None = None,
        year: int | None = None,
    ) -> None:
        db = self._store()
        if db is None:
            return
        sha1 = hashlib.sha1(response.body).hexdigest()
        file = WipoFile(response.url, sha1, kind, *counts, parent, release_no, year)
        try:
            record_file(db, file, utc_now())
        except storage.StorageError as exc:
            self.logger.warning("WIPO file %s not recorded: %s", response.url, exc)

    def _indicator(self, ind: wipo.Indicator, url: str) -> IndicatorItem:
        self.crawler.stats.inc_value("wipo/indicators")
        return IndicatorItem(**dataclasses.asdict(ind), source_url=url, fetched_at=utc_now())

    def _ranking(self, ranking: wipo.Ranking, url: str, release_no: str | None) -> RankingItem:
        self.crawler.stats.inc_value(f"wipo/rankings/{ranking.category}")
        return RankingItem(
            **dataclasses.asdict(ranking),
            source_url=url,
            fetched_at=utc_now(),
            release_no=release_no,
        )
