"""``wipo_pct``: WIPO's PCT statistics.

Sources (real URLs on wipo.int; more are configuration: ``PATENTWATCH_WIPO_URLS``):
the yearly press releases whose annexes list the top PCT applicants
(educational institutions among them; as HTML tables, lists, or XLSX/CSV
attachments, which are followed; PDF annexes are logged as skipped), the PCT
Newsletter's yearly filings by origin, and IP Statistics Data Center CSV exports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response, TextResponse

from core import wipo
from crawler.items import IndicatorItem, RankingItem
from storage import utc_now

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


class WipoPctSpider(scrapy.Spider):
    name = "wipo_pct"
    allowed_domains = ["wipo.int"]

    async def start(self) -> Any:
        extra = self.settings.getlist("PATENTWATCH_WIPO_URLS")
        for url in [*PRESS_RELEASES, *NEWSLETTERS, *IPSTATS_EXPORTS, *extra]:
            yield scrapy.Request(
                url,
                callback=self.route,
                meta={"conditional": True, "handle_httpstatus_list": [304]},
            )

    def route(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.crawler.stats.inc_value("wipo/not_modified")
            return
        url = response.url
        if url.lower().split("?")[0].endswith(".csv"):
            yield from self.parse_ipstats(response)
        elif "/newslett/" in url:
            yield from self.parse_newsletter(response)
        else:
            yield from self.parse_release(response)

    def parse_release(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        release = wipo.parse_release(response.text, response.url)
        for ranking in release.rankings:
            yield self._ranking(ranking, response.url, release.release_no)
        for href in release.skipped:
            self.crawler.stats.inc_value("wipo/pdf_skipped")
            self.logger.info(
                "skipped PDF annex %s (PDF is out of scope)", urljoin(response.url, href)
            )
        for href in release.attachments:
            yield response.follow(
                href,
                callback=self.parse_attachment,
                cb_kwargs={"year": release.data_year, "release_no": release.release_no},
            )
        if not release.rankings and not release.attachments:
            self.logger.warning("no top-applicant table, list or annex found in %s", response.url)

    def parse_attachment(
        self, response: Response, year: int, release_no: str | None
    ) -> Iterator[Any]:
        try:
            if response.url.lower().split("?")[0].endswith(".xlsx"):
                rows = wipo.parse_ranking_xlsx(response.body, year)
            else:
                rows = wipo.parse_ranking_csv(response.body, year)
        except (ValueError, KeyError, OSError) as exc:
            self.logger.error("unreadable annex %s: %s", response.url, exc)
            return
        for ranking in rows:
            yield self._ranking(ranking, response.url, release_no)

    def parse_newsletter(self, response: Response) -> Iterator[Any]:
        if isinstance(response, TextResponse):
            for ind in wipo.parse_newsletter(response.text):
                yield IndicatorItem(
                    **dataclasses.asdict(ind), source_url=response.url, fetched_at=utc_now()
                )

    def parse_ipstats(self, response: Response) -> Iterator[Any]:
        try:
            indicators = wipo.parse_ipstats_csv(response.body)
        except ValueError as exc:
            self.logger.error("unreadable IP statistics export %s: %s", response.url, exc)
            return
        for ind in indicators:
            yield IndicatorItem(
                **dataclasses.asdict(ind), source_url=response.url, fetched_at=utc_now()
            )

    def _ranking(self, ranking: wipo.Ranking, url: str, release_no: str | None) -> RankingItem:
        self.crawler.stats.inc_value(f"wipo/rankings/{ranking.category}")
        return RankingItem(
            **dataclasses.asdict(ranking),
            source_url=url,
            fetched_at=utc_now(),
            release_no=release_no,
        )
