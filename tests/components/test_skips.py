"""Skips in-process: the middleware recognises each expected event, the extension records it."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse

from crawler.extensions.run_ledger import RunLedger
from crawler.extensions.skips import SkipsExtension, SkipsMiddleware

URL = "https://unit.edu.cn/info/1/5.htm"


@pytest.fixture
def parts(make_crawler):  # noqa: ANN201 - (crawler, ledger, extension, middleware)
    crawler = make_crawler(PATENTWATCH_HEARTBEAT=0, EXTENSIONS={})  # built by hand below
    crawler.spider.allowed_domains = ["unit.edu.cn"]
    ledger = RunLedger.from_crawler(crawler)
    ledger.spider_opened(crawler.spider)
    return (
        crawler,
        ledger,
        SkipsExtension.from_crawler(crawler),
        SkipsMiddleware.from_crawler(crawler),
    )


def _rows(crawler) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(crawler.settings["PATENTWATCH_DB"])
    rows = conn.execute(
        "SELECT run_id, url, reason, status FROM skipped_pages ORDER BY id"
    ).fetchall()
    conn.close()
    return rows


def _redirect(to: str, request: Request) -> HtmlResponse:
    return HtmlResponse(request.url, status=302, headers={"Location": to}, request=request)


def test_each_expected_event_is_one_warning_and_one_row(parts, caplog) -> None:
    crawler, ledger, ext, mw = parts
    caplog.set_level(logging.WARNING)
    req = Request(URL)
    with pytest.raises(IgnoreRequest):
        mw.process_exception(req, DownloadCancelledError("Expected to receive 62914560 bytes"))
    mw.process_exception(req, IgnoreRequest("Forbidden by robots.txt"))
    assert mw.process_response(req, HtmlResponse(URL, status=404, request=req)).status == 404
    robots = Request("https://unit.edu.cn/robots.txt")  # missing robots.txt: all allowed
    mw.process_response(robots, HtmlResponse(robots.url, status=404, request=robots))
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, _redirect(URL, req))  # back to itself
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, _redirect("https://elsewhere.example.org/x.htm", req))
    hop = req.replace(url="https://unit.edu.cn/b.htm", meta={"redirect_urls": [URL]})
    ext.request_dropped(hop.replace(url=URL))  # a redirect back to a URL already requested
    assert mw.process_response(hop, _redirect("/info/1/6.htm", hop)).status == 302  # on-site: kept
    ext.spider_closed(crawler.spider)
    run_id = crawler.stats.get_value("patentwatch/run_id")
    assert _rows(crawler) == [
        (run_id, URL, "size_cap", None),
        (run_id, URL, "robots", None),
        (run_id, URL, "not_found", 404),
        (run_id, URL, "redirect_loop", 302),
        (run_id, URL, "offsite_redirect", 302),
        (run_id, URL, "redirect_loop", None),
    ]
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert lines[0] == f"skipped {URL}: size_cap (over 8388608 bytes)"
    assert len(lines) == 6 and all(line.startswith(f"skipped {URL}: ") for line in lines)
    assert crawler.stats.get_value("patentwatch/skipped") == 6
    assert crawler.stats.get_value("patentwatch/skipped/redirect_loop") == 2
    ledger.spider_closed(crawler.spider, "finished")
    ledger.engine_stopped()


def test_other_exceptions_are_left_to_scrapy(parts) -> None:
    _, ledger, _, mw = parts
    assert mw.process_exception(Request(URL), TimeoutError("slow")) is None
    assert mw.process_exception(Request(URL), IgnoreRequest("Filtered duplicate")) is None
    ledger.engine_stopped()
