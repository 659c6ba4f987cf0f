"""``patentwatch worker``: a Scrapy process over the shared frontier, on any machine.

It joins the current run of each named spider (all spiders with a run in progress when none
is named), taking one of the ``PATENTWATCH_WORKERS_PER_SITE`` slots of the site (default 1:
Scrapy's per-domain politeness is per process, so k workers on a site send k times the rate;
where k > 1, ``DOWNLOAD_DELAY`` is multiplied by k). It pushes items to the Redis Stream and
never opens the SQLite file. ``--wait`` lets a worker started by systemd wait for the night's
run instead of exiting when none is in progress.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import warnings
from collections.abc import Sequence
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader

from crawler.distributed.settings import connect, worker_settings
from crawler.distributed.spider import distributed_spider
from storage.stream import current_key, run_key

logger = logging.getLogger(__name__)
CLEAN_ENDS = ("finished", "stale_run")


def strict_deprecations(settings: Settings) -> None:
    """``PATENTWATCH_STRICT_DEPRECATIONS``: Scrapy deprecation warnings raise (CI)."""
    if settings.getbool("PATENTWATCH_STRICT_DEPRECATIONS"):
        warnings.simplefilter("error", ScrapyDeprecationWarning)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def current_runs(r: Any, names: Sequence[str]) -> dict[str, str]:
    """spider -> token of its current pass, for the named spiders (or all with one)."""
    if names:
        return {n: tok for n in names if (tok := r.get(current_key(n)))}
    found = {}
    for key in r.scan_iter(match=current_key("*"), count=500):
        token = r.get(key)
        if token:
            found[key.split(":", 2)[2]] = token
    return found


def claim_slot(r: Any, token: str, spider: str, wid: str, limit: int) -> bool:
    """Join the spider's pass unless ``limit`` workers already did (atomic: WATCH/MULTI)."""
    key = run_key(token, spider, "workers")

    def attempt(pipe: Any) -> bool:
        joined = pipe.sismember(key, wid)
        full = pipe.scard(key) >= limit and not joined
        pipe.multi()
        if not full:
            pipe.sadd(key, wid)
        return not full

    return bool(r.transaction(attempt, key, value_from_callable=True))


def join_runs(r: Any, names: Sequence[str], wid: str, limit: int, wait: float) -> dict[str, str]:
    """The passes this worker joins, waiting up to ``wait`` seconds for one to begin."""
    deadline = time.monotonic() + wait
    while True:
        # a pass already declared done is winding down: wait for the next one instead
        runs = {
            n: t for n, t in current_runs(r, names).items() if not r.exists(run_key(t, n, "done"))
        }
        joined = {n: t for n, t in sorted(runs.items()) if claim_slot(r, t, n, wid, limit)}
        if joined or time.monotonic() >= deadline:
            return joined
        time.sleep(0.5)


def run_worker(settings: Settings, url: str, names: Sequence[str], wait: float = 0.0) -> int:
    """Crawl the joined passes; 0 when each ended finished (or stale), 1 otherwise."""
    worker_settings(settings, url)  # refuses dangerous settings before touching Redis
    strict_deprecations(settings)
    r = connect(url)
    per_site = max(1, settings.getint("PATENTWATCH_WORKERS_PER_SITE", 1))
    if per_site > 1:
        delay = settings.getfloat("DOWNLOAD_DELAY") * per_site
        settings.set("DOWNLOAD_DELAY", delay, "cmdline")
    wid = worker_id()
    joined = join_runs(r, names, wid, per_site, wait)
    if not joined:
        print(f"worker {wid}: no run to join ({', '.join(names) or 'any spider'})")
        return 0
    loader = get_spider_loader(settings)
    process = CrawlerProcess(settings)
    for name, token in joined.items():
        cls = distributed_spider(loader.load(name))
        # --full/--refresh of the coordinator, or a second pass (which walks every list page)
        options = r.hgetall(run_key(token, name, "options"))
        full, refresh = options.get("full", "0"), options.get("refresh", "0")
        process.crawl(cls, pw_token=token, pw_worker=wid, full=full, refresh=refresh)
    crawlers = list(process.crawlers)
    process.start()
    ends = {
        c.spider.name if c.spider else "?": c.stats.get_value("finish_reason") for c in crawlers
    }
    for name, reason in ends.items():
        print(f"worker {wid}: {name} run {joined.get(name)} ended {reason}")
    return 0 if all(reason in CLEAN_ENDS for reason in ends.values()) else 1
