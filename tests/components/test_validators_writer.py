"""HTTP validators go through the storage writer, and only after their page's records
(real SQLite file, real writer thread, the project's middlewares and pipeline)."""

from __future__ import annotations

import sqlite3

from scrapy import Request, signals
from scrapy.http import HtmlResponse

from core.records import ArticleRecord
from crawler.database import crawl_db, crawl_writer
from crawler.middlewares.downloader import ConditionalGetMiddleware
from crawler.middlewares.validators import ValidatorRelease, validators_of
from crawler.pipelines.storage import StoragePipeline

URL = "https://news.example.edu.cn/info/1071/77.htm"


def _record(url: str = URL) -> ArticleRecord:
    return ArticleRecord(
        url=url,
        site="unit_news",
        institution="Example University",
        fetched_at="2026-01-01T00:00:00Z",
        title="A made-up licence story",
        published_at="2025-05-02",
        body="The made-up institute licensed 7 patents to a ship builder in May.",
    )


def _fetched(url: str, etag: str) -> tuple[Request, HtmlResponse]:
    request = Request(url, meta={"conditional": False})
    response = HtmlResponse(
        url, body=b"<html><p>page</p></html>", headers={"ETag": etag}, request=request
    )
    return request, response


def _rows(path: str, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _setup(make_crawler):  # noqa: ANN001, ANN202 - fixtures
    crawler = make_crawler(PATENTWATCH_BATCH_SECONDS=0)
    crawl_db(crawler)  # the file, migrated (the run ledger opens it in a crawl)
    middleware = ConditionalGetMiddleware.from_crawler(crawler)
    release = ValidatorRelease.from_crawler(crawler)
    pipeline = StoragePipeline.from_crawler(crawler)
    return crawler, middleware, release, pipeline


def test_validator_is_saved_by_the_writer_after_its_article(make_crawler) -> None:
    crawler, middleware, release, pipeline = _setup(make_crawler)
    path = crawler.settings["PATENTWATCH_DB"]
    request, response = _fetched(URL, '"v1-77"')
    assert middleware.process_response(request, response) is response
    item = _record()
    outputs = list(release.process_spider_output(response, [item]))  # the callback's output
    assert outputs == [item] and validators_of(crawler).released == []  # held: item in flight
    pipeline.process_item(item)  # handed to the writer thread
    writer = crawl_writer(crawler)
    assert writer is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # an analyst's tool holding the write lock
    crawler.signals.send_catch_log(
        signals.item_scraped, item=item, response=response, spider=crawler.spider
    )
    validators_of(crawler).flush()  # returns at once: the writer waits for the lock
    assert _rows(path, "SELECT url FROM http_validators") == []
    other.execute("COMMIT")
    other.close()
    writer.flush()
    assert _rows(path, "SELECT url, title FROM articles") == [(URL, "A made-up licence story")]
    assert _rows(path, "SELECT url, etag FROM http_validators") == [(URL, '"v1-77"')]
    pipeline.close_spider(crawler.spider)


def test_a_page_without_items_releases_its_validator_at_once(make_crawler) -> None:
    crawler, middleware, release, pipeline = _setup(make_crawler)
    path = crawler.settings["PATENTWATCH_DB"]
    list_url = "https://news.example.edu.cn/list/1.htm"
    request, response = _fetched(list_url, '"list-1"')
    middleware.process_response(request, response)
    follow = Request("https://news.example.edu.cn/info/1071/78.htm")
    assert list(release.process_spider_output(response, [follow])) == [follow]
    assert [r[:2] for r in validators_of(crawler).released] == [(list_url, '"list-1"')]
    validators_of(crawler).flush()  # what its spider_closed handler does
    # no writer ever started (no record): written on the crawl's handle, at the end
    assert _rows(path, "SELECT url, etag FROM http_validators") == [(list_url, '"list-1"')]


def test_a_failed_item_keeps_its_validator_unsaved(make_crawler) -> None:
    crawler, middleware, release, pipeline = _setup(make_crawler)
    path = crawler.settings["PATENTWATCH_DB"]
    request, response = _fetched(URL, '"v2-77"')
    middleware.process_response(request, response)
    item = _record()
    list(release.process_spider_output(response, [item]))
    crawler.signals.send_catch_log(
        signals.item_error, item=item, response=response, spider=crawler.spider, failure=None
    )
    validators_of(crawler).flush()  # what its spider_closed handler does
    assert validators_of(crawler).released == []
    assert _rows(path, "SELECT count(*) FROM http_validators") == [(0,)]


def test_a_page_of_two_items_waits_for_both(make_crawler) -> None:
    crawler, middleware, release, pipeline = _setup(make_crawler)
    request, response = _fetched(URL, '"v3-77"')
    middleware.process_response(request, response)
    first, second = _record(), _record(URL.replace("77", "79"))
    list(release.process_spider_output(response, [first, second]))
    for n, item in enumerate((first, second)):
        assert len(validators_of(crawler).released) == 0, n
        pipeline.process_item(item)
        crawler.signals.send_catch_log(
            signals.item_scraped, item=item, response=response, spider=crawler.spider
        )
    assert [r[1] for r in validators_of(crawler).released] == ['"v3-77"']
    pipeline.close_spider(crawler.spider)
    validators_of(crawler).flush()  # what its spider_closed handler does
    path = crawler.settings["PATENTWATCH_DB"]
    assert _rows(path, "SELECT count(*) FROM articles") == [(2,)]
    assert _rows(path, "SELECT etag FROM http_validators") == [('"v3-77"',)]
