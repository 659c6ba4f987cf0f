"""The metrics and storage pipelines: metrics attached, batches committed by size or by age."""

from __future__ import annotations

import sqlite3
import time

from core.records import ArticleRecord
from crawler.database import close_crawl_db, crawl_db
from crawler.pipelines.metrics import MetricsPipeline
from crawler.pipelines.storage import StoragePipeline

BODY = (
    "Example University was granted 42 invention patents in 2024, the university said. "
    "Its technology transfer office signed new licence agreements with local companies."
)

OTHER = [
    "",
    "The library opened a reading room for graduate students, with long hours in exam weeks.",
    "A choir from the music school toured three provinces and sang at a harbour festival.",
]


def _record(n: int) -> ArticleRecord:
    return ArticleRecord(
        url=f"https://news.example.edu.cn/{n}.htm",
        site="unit_news",
        institution="Example University",
        fetched_at="2026-01-01T00:00:00Z",
        title=f"Patents story {n}",
        published_at=f"2025-01-0{n + 1}",
        body=BODY if n == 0 else OTHER[n % len(OTHER)],
    )


def _eventually(check, timeout: float = 10.0) -> bool:  # noqa: ANN001 - a predicate
    """Storage runs in the writer thread: wait for it rather than assume it is done."""
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(check())


def _stored(crawler) -> list[tuple[str, str]]:
    conn = sqlite3.connect(crawler.settings["PATENTWATCH_DB"])
    rows = conn.execute("SELECT title, published_at FROM articles ORDER BY id").fetchall()
    conn.close()
    return rows


def test_metrics_pipeline_attaches_metrics_with_their_sentence(make_crawler) -> None:
    crawler = make_crawler()
    item = MetricsPipeline.from_crawler(crawler).process_item(_record(0))
    assert item.extractor_version
    granted = [m for m in item.metrics if m["value"] == 42]
    assert granted and "granted 42 invention patents" in granted[0]["evidence"]


def test_a_full_batch_is_committed(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_BATCH_SIZE=2, PATENTWATCH_BATCH_SECONDS=0)
    pipe = StoragePipeline.from_crawler(crawler)
    crawl_db(crawler)  # the database exists from the start of the crawl
    pipe.process_item(_record(0))
    assert _stored(crawler) == []
    pipe.process_item(_record(1))
    assert _eventually(
        lambda: (
            _stored(crawler)
            == [("Patents story 0", "2025-01-01"), ("Patents story 1", "2025-01-02")]
        )
    )
    pipe.close_spider()
    assert crawler.stats.get_value("storage/new") == 2
    close_crawl_db(crawler)


def test_an_old_batch_is_committed_before_it_is_full(make_crawler) -> None:
    crawler = make_crawler(PATENTWATCH_BATCH_SIZE=50, PATENTWATCH_BATCH_SECONDS=0.2)
    pipe = StoragePipeline.from_crawler(crawler)
    crawl_db(crawler)  # the database exists from the start of the crawl
    pipe.process_item(_record(0))
    assert _stored(crawler) == []
    # no further record arrives: the writer commits the batch when it is 0.2 s old
    assert _eventually(lambda: _stored(crawler) == [("Patents story 0", "2025-01-01")])
    pipe.process_item(_record(1))
    pipe.close_spider()
    assert len(_stored(crawler)) == 2
    close_crawl_db(crawler)
