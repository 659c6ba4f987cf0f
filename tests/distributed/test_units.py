"""Distributed mode's parts on their own: key layout, refused settings, request pickling for
every spider, slot claims, and the writer's state machine (fakeredis where no persistence or
crash is involved; the real server where the writer is killed between COMMIT and XACK)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import fakeredis
import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy_redis import picklecompat
from scrapy_redis.queue import PriorityQueue

import storage
from crawler.distributed.spider import distributed_spider
from crawler.distributed.worker import claim_slot
from storage.stream import (
    GROUP,
    STREAM,
    Record,
    StreamWriter,
    decode_record,
    encode_record,
    run_key,
    run_keys,
    seen_key,
    sync_seen,
)
from tests.distributed.conftest import RedisServer, patentwatch
from tests.sitegen import SITES_DIR

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")


def settings() -> Any:
    from patentwatch.runner import project_settings

    return project_settings(None)


def test_per_run_keys() -> None:
    assert run_key("12", "szu_news", "requests") == "pw:run:12:szu_news:requests"
    assert run_key("12.2", "szu_news", "dupefilter") == "pw:run:12.2:szu_news:dupefilter"
    assert "pw:run:12:szu_news:start_urls" in run_keys("12", "szu_news")
    assert seen_key("neu_news") == "pw:seen:neu_news"


@pytest.mark.parametrize(
    ("setting", "word"),
    [("SCHEDULER_PERSIST=False", "first worker"), ("SCHEDULER_FLUSH_ON_START=True", "late worker")],
)
def test_dangerous_scrapy_redis_settings_are_refused(setting: str, word: str) -> None:
    # refused before any connection: the URL points nowhere
    proc = patentwatch(["worker", "--redis", "redis://127.0.0.1:9/0", "-s", setting])
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and word in proc.stderr and "refused" in proc.stderr


def _list_response(host: str, path: str) -> HtmlResponse:
    body = gzip.decompress((SITES_DIR / host / f"{path}.gz").read_bytes())
    url = f"https://{host}/{path}"
    # tied to its request, as every response a spider sees is (paging state rides in meta)
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=Request(url))


def test_requests_of_every_spider_survive_the_redis_queue() -> None:
    """Start requests and followed article requests, pickled into Redis and back, keep their
    callback, cb_kwargs and meta (callbacks must be spider methods: no lambdas)."""
    from patentwatch.distributed import start_requests

    r = fakeredis.FakeRedis()
    names = ["dlut_news", "neu_news", "szu_news", "wipo_pct"]
    arrived = []
    for name in names:
        spider, requests = start_requests(settings(), name, full=False)
        if name == "szu_news":
            spider.crawler.stats = MemoryStatsCollector(spider.crawler)
            requests += list(spider.parse(_list_response("en.szu.edu.cn", "xwdt.htm")))
        worker_spider = distributed_spider(type(spider))(pw_token="1", pw_worker="w")
        queue = PriorityQueue(r, spider, f"q:{name}", picklecompat)
        for request in requests:
            queue.push(request)
        back = PriorityQueue(r, worker_spider, f"q:{name}", picklecompat)
        got = [back.pop() for _ in requests]
        arrived += got
        key = lambda q: q.url  # noqa: E731
        for sent, came in zip(sorted(requests, key=key), sorted(got, key=key), strict=True):
            assert came.url == sent.url and came.meta == sent.meta
            assert came.callback.__name__ == sent.callback.__name__
            assert came.callback.__self__ is worker_spider
            assert came.cb_kwargs == sent.cb_kwargs
    hints = [q.cb_kwargs["hint"] for q in arrived if "hint" in q.cb_kwargs]
    assert len(hints) >= 3 and all(h.title and h.date for h in hints)
    assert "2021-03-18" in {
        h.date for h in hints
    }  # the list page's dates travel with them  # the list page's titles travel with them


def test_slots_per_site() -> None:
    r = fakeredis.FakeRedis(decode_responses=True)
    assert claim_slot(r, "5", "szu_news", "a", limit=1)
    assert not claim_slot(r, "5", "szu_news", "b", limit=1)
    assert claim_slot(r, "5", "szu_news", "a", limit=1)  # a worker rejoining keeps its slot
    assert claim_slot(r, "5", "neu_news", "b", limit=1)
    assert claim_slot(r, "5", "szu_news", "b", limit=2)


def _article(n: int, site: str = "szu_news") -> dict[str, Any]:
    # distinct words per story, or the near-duplicate index would (rightly) cluster them
    words = ["sensor", "alloy", "enzyme", "robot", "laser", "polymer", "vaccine", "battery"]
    body = " ".join(f"{words[(n + k) % 8]}{n}{k}" for k in range(80))
    return {
        "url": f"https://en.szu.edu.cn/info/9/{n}.htm",
        "site": site,
        "institution": "Shenzhen University",
        "title": f"Made-up story {n}",
        "published_at": f"2024-05-0{1 + n % 9}",
        "body": body,
        "lang": "en",
        "fetched_at": "2024-05-10T00:00:00+00:00",
        "country": "CN",
    }


def _push(r: Any, n: int, run_id: int | None = None) -> list[str]:
    return [
        r.xadd(STREAM, encode_record(Record("article", run_id, "szu_news", _article(i))))
        for i in range(n)
    ]


def _titles(db: Any) -> list[str]:
    return [row[0] for row in db.execute("SELECT title FROM articles ORDER BY title")]


def test_record_round_trip_and_foreign_entries() -> None:
    record = Record("article", 3, "szu_news", _article(1))
    assert decode_record(encode_record(record)) == record
    assert decode_record({"kind": "article", "data": "{not json"}) is None
    assert decode_record({"kind": "video", "data": "{}"}) is None


def test_writer_stores_acknowledges_and_fills_the_seen_set(tmp_path: Path) -> None:
    r = fakeredis.FakeRedis(decode_responses=True)
    db = storage.open_db(tmp_path / "w.db")
    writer = StreamWriter(r, db, consumer="w1", batch=4, block_ms=1)
    _push(r, 6)
    r.xadd(STREAM, {"kind": "article", "data": "[1, 2"})  # not ours: recorded and skipped
    while writer.step():
        pass
    assert _titles(db) == [f"Made-up story {i}" for i in range(6)]
    assert writer.counts == {"new": 6, "invalid": 1}
    assert writer.drained() and r.xlen(STREAM) == 0
    assert r.scard(seen_key("szu_news")) == 6
    assert r.sismember(seen_key("szu_news"), "en.szu.edu.cn/info/9/3.htm")


class CrashAfterCommit(StreamWriter):
    """A writer killed between the SQLite COMMIT and the XACK (fault injection)."""

    def _after_commit(self, ids: list[str], records: list[Record]) -> None:
        raise SystemExit("killed")


def test_writer_killed_between_commit_and_ack(redis_server: RedisServer, tmp_path: Path) -> None:
    r = redis_server.client()
    r.flushall()
    db = storage.open_db(tmp_path / "w.db")
    ids = _push(r, 5)
    with pytest.raises(SystemExit):
        CrashAfterCommit(r, db, consumer="w1", batch=3, block_ms=1).step()
    assert len(_titles(db)) == 3 and r.xpending(STREAM, GROUP)["pending"] == 3
    writer = StreamWriter(r, db, consumer="w1", batch=3, block_ms=1)
    while writer.step():
        pass
    assert _titles(db) == [f"Made-up story {i}" for i in range(5)]
    stored = db.execute("SELECT entry_id, outcome FROM stream_entries ORDER BY entry_id").fetchall()
    assert [e for e, _ in stored] == sorted(ids) and {o for _, o in stored} == {"new"}
    assert writer.counts == {"new": 2}  # the 3 committed entries were only acknowledged
    assert writer.drained()


def test_dead_writers_entries_are_adopted(redis_server: RedisServer, tmp_path: Path) -> None:
    r = redis_server.client()
    r.flushall()
    db = storage.open_db(tmp_path / "w.db")
    _push(r, 4)
    StreamWriter(r, db, consumer="dead", batch=4)  # creates the group
    r.xreadgroup(GROUP, "dead", {STREAM: ">"}, count=4)  # read, then the process died
    writer = StreamWriter(r, db, consumer="other", batch=10, block_ms=1, claim_idle_ms=0)
    while writer.step():
        pass
    assert len(_titles(db)) == 4 and writer.drained()


def test_seen_set_rebuilt_when_counts_disagree(tmp_path: Path) -> None:
    r = fakeredis.FakeRedis(decode_responses=True)
    db = storage.open_db(tmp_path / "w.db")
    storage.save_articles(db, [_article(i) for i in range(3)], None, "2024-05-10T00:00:00+00:00")
    assert sync_seen(db, r, ["neu_news"]) == ["szu_news"]  # empty cache: rebuilt
    assert sync_seen(db, r) == []  # agrees now
    r.srem(seen_key("szu_news"), "en.szu.edu.cn/info/9/1.htm")
    r.sadd(seen_key("neu_news"), "stale.example/1")
    assert sync_seen(db, r, ["neu_news"]) == ["neu_news", "szu_news"]
    assert r.smembers(seen_key("szu_news")) == {f"en.szu.edu.cn/info/9/{i}.htm" for i in range(3)}
    assert not r.exists(seen_key("neu_news"))
    assert json.loads(json.dumps(sorted(r.smembers(seen_key("szu_news")))))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "szu_news", "--workers", "2"], "--workers needs --redis"),
        (["crawl", "szu_news", "--redis", "redis://127.0.0.1:9/0"], "cannot reach Redis"),
        (["crawl", "szu_news", "--redis", "tcp://x"], "bad Redis URL"),
        (["ingest", "--redis", "redis://127.0.0.1:9/0"], "cannot reach Redis"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    proc = patentwatch([*args, "--db", str(tmp_path / "x.db")])
    assert proc.returncode == 2 and message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_remote_worker_that_is_closing_is_not_counted_lost(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    """A worker on another machine sees the done flag up to a heartbeat later: the
    coordinator waits for its end before counting losses (else it starts a second pass
    that nobody joins: the finished worker leaves it as a newer run)."""
    from threading import Timer

    from patentwatch.distributed import Coordinator, SpiderRun
    from storage.stream import WRITER_HEARTBEAT

    r = redis_server.client()
    r.flushall()
    s = settings()
    s.set("PATENTWATCH_DB", str(tmp_path / "c.db"))
    coordinator = Coordinator(s, redis_server.url, ["szu_news"], workers=0)
    r.set(WRITER_HEARTBEAT, coordinator.writer.identity)  # an ingest serves: spawn none
    run = SpiderRun("szu_news", 1, lock=None, tokens=["1"])  # type: ignore[arg-type]

    def key(what: str) -> str:
        return run_key("1", "szu_news", what)

    r.sadd(key("workers"), "far:closing", "far:dead", "far:hung")
    r.set(key("hb:far:closing"), "idle:0", ex=10)
    r.set(key("hb:far:hung"), "idle:0", ex=10)

    def close() -> None:  # what the worker's RunWatch.closed does, a moment later
        r.hset(key("closed"), "far:closing", "finished")
        r.delete(key("hb:far:closing"))

    Timer(0.4, close).start()
    coordinator.wait_closed([run], timeout=1.2)
    assert r.hget(key("closed"), "far:closing") == "finished"
    coordinator.count_lost([run])
    assert run.lost_workers == 2  # the dead one (no heartbeat) and the hung one (timed out)
