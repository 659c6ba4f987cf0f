"""The seen-URL spider middleware: stored articles are not fetched again, paging stops early."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

import storage
from crawler.database import close_crawl_db, crawl_db
from crawler.middlewares.seen import SeenUrlsMiddleware

LIST = "https://news.example.edu.cn/list.htm"


def _store(crawler, urls: list[str]) -> None:
    rows = [
        {
            "url": u,
            "site": "unit_news",
            "institution": "Example University",
            "title": f"Story {i}",
            "body": f"Body of story {i} " * 20,
            "lang": "en",
            "fetched_at": "2026-01-01T00:00:00Z",
        }
        for i, u in enumerate(urls)
    ]
    storage.save_articles(crawl_db(crawler), rows, None, "2026-01-01T00:00:00Z")


def _page(urls: list[str]) -> list[Request]:
    out = [Request(u, meta={"article": True}) for u in urls]
    out.append(Request(LIST + "?page=2", meta={"list_page": True}))
    return out


def _run(crawler, outputs: list[Request]) -> list[Request]:
    mw = SeenUrlsMiddleware.from_crawler(crawler)
    response = HtmlResponse(LIST, body=b"<html></html>")
    return list(mw.process_spider_output(response, outputs))


def test_stored_articles_dropped_and_paging_continues_while_some_are_new(make_crawler) -> None:
    crawler = make_crawler()
    a, b = "https://news.example.edu.cn/a.htm", "https://news.example.edu.cn/b.htm"
    _store(crawler, [a])
    kept = _run(crawler, _page([a, b]))
    assert [r.url for r in kept] == [b, LIST + "?page=2"]
    assert crawler.stats.get_value("incremental/skipped_seen") == 1
    close_crawl_db(crawler)


def test_a_page_of_stored_articles_stops_paging(make_crawler) -> None:
    crawler = make_crawler()
    urls = [f"https://news.example.edu.cn/{n}.htm" for n in range(3)]
    _store(crawler, urls)
    assert _run(crawler, _page(urls)) == []
    assert crawler.stats.get_value("incremental/stopped_early") == 1
    close_crawl_db(crawler)


def test_refresh_revalidates_stored_articles_conditionally(make_crawler) -> None:
    crawler = make_crawler()
    crawler.spider.refresh = True
    url = "https://news.example.edu.cn/a.htm"
    _store(crawler, [url])
    kept = _run(crawler, [Request(url, meta={"article": True, "conditional": False})])
    assert [r.url for r in kept] == [url] and kept[0].meta["conditional"] is True
    close_crawl_db(crawler)


def test_full_walk_keeps_paging(make_crawler) -> None:
    crawler = make_crawler()
    crawler.spider.full = True
    url = "https://news.example.edu.cn/a.htm"
    _store(crawler, [url])
    assert [r.url for r in _run(crawler, _page([url]))] == [LIST + "?page=2"]
    close_crawl_db(crawler)
