"""Walk watermarks in the components: only what a completed walk stored stops paging."""

from __future__ import annotations

from scrapy import Request

import storage
from crawler.database import close_crawl_db, crawl_db
from crawler.extensions.walks import RESUMED, WATERMARK, WalkWatermarks
from tests.components.test_seen import LIST, _page, _run, _store

URLS = [f"https://news.example.edu.cn/{n}.htm" for n in range(4)]


def _walk(crawler, run_id: int) -> WalkWatermarks:
    crawler.spider.site = object()  # a list-walking spider (WIPO's has no site)
    crawler.stats.set_value("patentwatch/run_id", run_id)
    ext = WalkWatermarks.from_crawler(crawler)
    ext.spider_opened(crawler.spider)
    return ext


def test_articles_of_an_interrupted_walk_do_not_stop_paging(make_crawler) -> None:
    crawler = make_crawler()
    _walk(crawler, 1)
    _store(crawler, URLS[2:])  # the older page, stored by run 1...
    WalkWatermarks.from_crawler(crawler).spider_closed(crawler.spider, "finished")  # ...complete
    ext = _walk(crawler, 2)
    _store(crawler, URLS[:2])  # run 2 stores the newest page and is killed (no spider_closed)
    ext = _walk(crawler, 3)
    assert crawler.stats.get_value(RESUMED) is True
    assert crawler.stats.get_value(WATERMARK) == 2
    # page 1 holds only run 2's articles: walk on (no articles fetched again)
    assert [r.url for r in _run(crawler, _page(URLS[:2]))] == [LIST + "?page=2"]
    assert crawler.stats.get_value("incremental/walked_past_interrupted") == 1
    # page 2 holds run 1's: the completed walk covered everything older
    assert _run(crawler, _page(URLS[2:])) == []
    assert crawler.stats.get_value("incremental/stopped_early") == 1
    ext.spider_closed(crawler.spider, "finished")
    row = (
        crawl_db(crawler)
        .execute("SELECT completed_run_id, watermark, open_run_id FROM walk_watermarks")
        .fetchone()
    )
    assert tuple(row) == (3, 4, None)
    close_crawl_db(crawler)


def test_a_run_stopped_by_sigterm_leaves_the_walk_open(make_crawler) -> None:
    crawler = make_crawler()
    ext = _walk(crawler, 1)
    _store(crawler, URLS[:1])
    ext.spider_closed(crawler.spider, "shutdown")
    _walk(crawler, 2)
    assert crawler.stats.get_value(RESUMED) is True and crawler.stats.get_value(WATERMARK) is None
    # nothing is trusted yet: even an all-stored page pages on
    assert [r.url for r in _run(crawler, _page(URLS[:1]))] == [LIST + "?page=2"]
    close_crawl_db(crawler)


def test_refresh_queues_every_stored_article_of_the_site(make_crawler) -> None:
    import asyncio

    from crawler.middlewares.seen import SeenUrlsMiddleware

    crawler = make_crawler()
    _store(crawler, URLS[:3])

    class Site:
        name = "unit_news"

    crawler.spider.site = Site()
    crawler.spider.refresh = True
    crawler.spider.refresh_request = lambda url, title, date: Request(
        url, meta={"conditional": True, "title": title}
    )

    async def start():  # the spider's own start request
        yield Request(LIST)

    async def collect() -> list[Request]:
        mw = SeenUrlsMiddleware.from_crawler(crawler)
        return [r async for r in mw.process_start(start())]

    got = asyncio.run(collect())
    assert [r.url for r in got] == [LIST, *URLS[:3]]
    assert [r.meta.get("title") for r in got[1:]] == ["Story 0", "Story 1", "Story 2"]
    assert all(r.meta["conditional"] for r in got[1:])
    assert storage  # the same real SQLite file the crawl uses
    close_crawl_db(crawler)
