"""Crawl benchmarks on a generated site in DUT's real page layout, served on 127.0.0.1.

* server: requests/s the local server answers alone (so it is not the bottleneck);
* bare: a bare Scrapy spider following the same links, yielding raw pages, no pipeline;
* plain: the spider a user would write instead of the product: CSS selectors for title,
  date and body, items inserted with sqlite-utils ``insert_all`` in batches of 50, no
  dedup, metrics, history or raw HTML;
* full: the product (extraction, metrics, dedup, SQLite), ratios full/bare and full/plain;
* recrawl: requests of a second run over the unchanged site / requests of the first;
* memory: peak RSS of the full crawl's process;
* CPU per page: each crawl's own and its children's (``os.wait4``), and the product's split
  between the crawl process itself and its metrics worker.

``BENCH_ARTICLES`` sets the site size (default 10,000).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import report
from crawler.mirror import MirrorServer
from tests.bigsite import HOST, SITES

REPO = Path(__file__).resolve().parent.parent
BARE = """
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
from parsel import Selector
from core.extraction import parse_list
from core.sites import load_sites

site = load_sites()["bench_news"]

class Bare(scrapy.Spider):
    name = "bare"
    allowed_domains = list(site.allowed_domains)
    start_urls = list(site.start_urls)

    def parse(self, response):
        entries, nxt = parse_list(response.selector, response.url, site.template_for_list(response.url))
        for e in entries:
            yield scrapy.Request(e.url, callback=self.page)
        if nxt:
            yield scrapy.Request(nxt)

    def page(self, response):
        yield {"url": response.url, "size": len(response.text)}

process = CrawlerProcess({"MIRROR_URL": sys.argv[1], "ADDONS": {"crawler.mirror.MirrorAddon": 100},
    "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS": 16, "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False, "DOWNLOAD_HANDLERS": {"file": None, "s3": None, "ftp": None}})
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
print(json.dumps({k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float))}))
"""

PLAIN = """
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
from sqlite_utils import Database

class Plain(scrapy.Spider):
    name = "plain"
    allowed_domains = ["HOST"]
    start_urls = ["https://HOST/xwdt/xw.htm"]

    def parse(self, response):
        for href in response.css("ul.news-list li a::attr(href)").getall():
            yield response.follow(href, callback=self.article)
        nxt = response.css("span.p_next a::attr(href)").get()
        if nxt:
            yield response.follow(nxt)

    def article(self, response):
        yield {
            "url": response.url,
            "title": response.css('form[name="_newscontent_fromname"] h3::text').get(),
            "date": response.css(".content-info::text").re_first(r"[A-Z][a-z]+ \\d+, \\d{4}"),
            "body": "\\n\\n".join(response.css(".v_news_content p::text").getall()),
        }

class SqlitePipeline:
    def open_spider(self, spider=None):
        self.db, self.rows = Database(sys.argv[2]), []

    def process_item(self, item, spider=None):
        self.rows.append(dict(item))
        if len(self.rows) >= 50:
            self.db["articles"].insert_all(self.rows, pk="url", replace=True)
            self.rows = []
        return item

    def close_spider(self, spider=None):
        if self.rows:
            self.db["articles"].insert_all(self.rows, pk="url", replace=True)

process = CrawlerProcess({"MIRROR_URL": sys.argv[1], "ADDONS": {"crawler.mirror.MirrorAddon": 100},
    "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS": 16, "TELNETCONSOLE_ENABLED": False,
    "ITEM_PIPELINES": {SqlitePipeline: 300},
    "REMOTE_CONTROL_ENABLED": False, "DOWNLOAD_HANDLERS": {"file": None, "s3": None, "ftp": None}})
crawler = process.create_crawler(Plain)
process.crawl(crawler)
process.start()
print(json.dumps({k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float))}))
""".replace("HOST", HOST)


def server_rate(url: str, seconds: float = 3.0) -> float:
    """Requests/s the mirror server answers to 4 client threads (urllib, no parsing)."""
    count, stop = [0], time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < stop:
            with urllib.request.urlopen(f"{url}/{HOST}/info/1027/100001.htm") as resp:
                resp.read()
            count[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / seconds


@dataclass
class Run:
    """One child crawl: wall seconds, stdout, its own peak RSS (MB) and CPU seconds (its
    own and its reaped children's, e.g. the metrics worker; ``own_cpu`` is the crawl
    process alone: every thread of it, the reactor's and the storage writer's)."""

    wall: float
    out: str
    rss_mb: float
    cpu: float
    own_cpu: float = 0.0
    pages: int = 0
    stored: int = 0


def run(cmd: list[str], env: dict[str, str]) -> Run:
    """Run a child; its peak RSS and CPU come from os.wait4 (its own, not all children's).

    CPU seconds per page do not depend on what else the machine runs; wall-clock rates do.
    The crawl process's own share is read from ``/proc/PID/stat`` once it has exited but
    before it is reaped (``WNOWAIT``): exact, where polling a live process misses its end.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.DEVNULL, text=True
        )
        own = _exited_own_cpu(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise subprocess.CalledProcessError(proc.returncode, cmd)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(elapsed, out.read(), usage.ru_maxrss / 1024, cpu, own if own >= 0 else cpu)


def _exited_own_cpu(pid: int) -> float:
    """CPU seconds of the process itself (not its children), once it has exited; -1 where
    /proc cannot tell (not Linux)."""
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    # fields after the command name: state is [0], utime [11], stime [12] (proc(5))
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _count(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    (n,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    conn.close()
    return int(n)


def main() -> None:
    n = int(os.environ.get("BENCH_ARTICLES", "10000"))
    with tempfile.TemporaryDirectory() as tmp:
        root, sites, db = Path(tmp) / "site", Path(tmp) / "sites.toml", Path(tmp) / "bench.db"
        # Built in a child process: a child's peak RSS counts the parent it was forked from,
        # so the parent must stay small for the crawl's own figure to be its own.
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"from pathlib import Path; from tests.bigsite import build_site; build_site(Path({str(root)!r}), {n})",
            ],
            cwd=REPO,
            check=True,
        )
        sites.write_text(SITES, encoding="utf-8")
        env = {
            **os.environ,
            "PATENTWATCH_SITES": str(sites),
            "PATENTWATCH_LOG_DIR": str(Path(tmp) / "logs"),
        }
        with MirrorServer(root) as server:
            served = server_rate(server.url)
            bare, plain = anchors(server.url, Path(tmp), env)
            full, first, second, stored = product(server.url, db, env)
    figures: dict[str, float | int] = {"articles": n, "server_requests_per_s": served}
    for name, r in (("bare", bare), ("plain", plain), ("pipeline", full)):
        figures[f"{name}_pages_per_s"] = r.pages / r.wall
        figures[f"{name}_cpu_ms_per_page"] = 1000 * r.cpu / r.pages
    # the crawl process alone, and the metrics worker (the product's only child process)
    figures["pipeline_crawl_process_cpu_ms_per_page"] = 1000 * full.own_cpu / full.pages
    figures["pipeline_worker_cpu_ms_per_page"] = 1000 * (full.cpu - full.own_cpu) / full.pages
    figures["pipeline_vs_bare_ratio"] = (full.pages / full.wall) / (bare.pages / bare.wall)
    figures["pipeline_vs_plain_ratio"] = (full.pages / full.wall) / (plain.pages / plain.wall)
    # the same ratios from CPU per page: what the machine's other load cannot move
    figures["pipeline_vs_bare_cpu_ratio"] = (bare.cpu / bare.pages) / (full.cpu / full.pages)
    figures["pipeline_vs_plain_cpu_ratio"] = (plain.cpu / plain.pages) / (full.cpu / full.pages)
    figures.update(
        articles_stored=stored,
        plain_articles_stored=plain.stored,
        first_run_requests=first,
        second_run_requests=second,
        recrawl_request_fraction=second / first,
        crawl_peak_rss_mb=full.rss_mb,
    )
    report("crawl", figures)


def _stats(r: Run) -> dict[str, Any]:
    return dict(json.loads(r.out.strip().splitlines()[-1]))


def anchors(url: str, tmp: Path, env: dict[str, str]) -> tuple[Run, Run]:
    """The bare spider and the plain spider a user would write, on the same site."""
    # Run from files: Scrapy reads each callback's source (inspect), which `-c` code lacks,
    # and every page then raised and logged a traceback instead of yielding its item.
    bare_py, plain_py, plain_db = tmp / "bare.py", tmp / "plain.py", tmp / "plain.db"
    bare_py.write_text(BARE, encoding="utf-8")
    plain_py.write_text(PLAIN, encoding="utf-8")
    bare = run([sys.executable, str(bare_py), url], env)
    bare.pages = _stats(bare)["response_received_count"]
    plain = run([sys.executable, str(plain_py), url, str(plain_db)], env)
    plain.pages = _stats(plain)["response_received_count"]
    plain.stored = _count(plain_db)
    return bare, plain


def product(url: str, db: Path, env: dict[str, str]) -> tuple[Run, int, int, int]:
    """The product's crawl, then a second run over the unchanged site: (first run, requests
    of the first and of the second run, articles stored)."""
    import sqlite3

    pw = [sys.executable, "-m", "crawler", "crawl", "bench_news", "--db", str(db)]
    pw += ["-s", f"MIRROR_URL={url}", "-s", "LOG_LEVEL=WARNING"]
    full = run(pw, env)
    conn = sqlite3.connect(db)
    first, full.pages, stored = conn.execute(
        "SELECT requests, pages, (SELECT count(*) FROM articles) FROM crawl_runs ORDER BY id"
    ).fetchone()
    run(pw, env)
    (second,) = conn.execute("SELECT requests FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    return full, int(first), int(second), int(stored)


if __name__ == "__main__":
    main()
