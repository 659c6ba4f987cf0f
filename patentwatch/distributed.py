"""Distributed mode's coordinator: ``patentwatch crawl --redis URL --workers N``.

It takes each spider's run lock in Redis (redis-py ``Lock``, extended while the run lasts),
records the runs in ``crawl_runs``, seeds each spider's own start requests into the per-run
queue, starts N local worker processes (none with ``--workers 0``: workers started elsewhere
join) and the single writer unless one is running, and declares a pass done when its queue
is empty and every live worker has been idle for a moment. Then it waits until the writer has
stored every item. A worker that died loses its in-flight requests and every page only they
would have found (scrapy-redis has no lease on popped requests), so any abnormal worker end
is followed by a second pass with a fresh dupefilter that walks every list page; stored
articles are skipped, so it is cheap. Exit codes are a local crawl's: 0, 1 (a run failed),
2 (a user's mistake), 3 (already running).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redis.exceptions import RedisError
from redis.lock import Lock
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader
from scrapy_redis import picklecompat
from scrapy_redis.connection import get_redis
from scrapy_redis.queue import PriorityQueue

import storage
from core.health import run_checks
from core.notify import notify
from core.sites import load_sites
from crawler.distributed.settings import DistributedSettingsError, check_settings, connect
from crawler.distributed.worker import strict_deprecations
from crawler.runlog import log_path
from storage.runs import error_count, recent_stats, run_counts, run_status
from storage.stream import (
    WRITER_HEARTBEAT,
    backlog,
    current_key,
    lock_key,
    pending_count,
    run_key,
    run_keys,
    run_outcomes,
    sync_seen,
    writer_identity,
)

logger = logging.getLogger(__name__)
LOCK_TTL = 30.0
SETTLE = 1.0  # seconds every worker must stay idle, queue empty, before a pass is done
MAX_PASSES = 3
WRITER_RESTARTS = 5


class AlreadyRunning(Exception):
    """Another coordinator holds the spider's run lock (exit code 3)."""


@dataclass
class SpiderRun:
    name: str
    run_id: int
    lock: Lock
    tokens: list[str] = field(default_factory=list)
    lost_workers: int = 0

    @property
    def token(self) -> str:
        return self.tokens[-1]


def python_cmd(*args: str) -> list[str]:
    """``patentwatch ARGS`` with this interpreter (the same build on every process)."""
    return [sys.executable, "-m", "patentwatch", *args]


class Writer:
    """The coordinator's writer process, restarted if it dies (its entries stay pending)."""

    def __init__(self, r: Any, url: str, db_path: str, log: Path | None) -> None:
        self.r, self.url, self.db_path, self.log = r, url, db_path, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        db = storage.open_db(db_path)
        self.identity = writer_identity(db)
        db.close()

    def ensure(self) -> None:
        serving = self.r.get(WRITER_HEARTBEAT)
        if self.proc is None and serving:
            if serving != self.identity:  # its items would land in another database
                raise DistributedSettingsError(
                    f"a writer for {serving} already consumes this Redis's stream:"
                    " use one Redis (or DB number) per database"
                )
            return  # a `patentwatch ingest` for this database serves the stream
        if self.proc is not None and self.proc.poll() is None:
            return
        if self.proc is not None:
            self.restarts += 1
            logger.warning("writer exited with %s: restarting it", self.proc.returncode)
            if self.restarts > WRITER_RESTARTS:
                raise storage.StorageError("the writer keeps failing; see its log")
        self.proc = spawn(python_cmd("ingest", "--redis", self.url, "--db", self.db_path), self.log)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def spawn(cmd: list[str], log: Path | None) -> subprocess.Popen[bytes]:
    out = log.open("ab") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    finally:
        if log:
            out.close()  # type: ignore[union-attr]


def start_requests(settings: Settings, name: str, full: bool) -> tuple[Any, list[Any]]:
    """The spider's own start requests (callbacks, cb_kwargs and meta kept), and the spider."""
    spidercls = get_spider_loader(settings).load(name)
    spider = spidercls.from_crawler(Crawler(spidercls, settings), full="1" if full else "")

    async def collect() -> list[Any]:
        return [request async for request in spider.start()]

    return spider, asyncio.run(collect())


def seed(r_bytes: Any, settings: Settings, run: SpiderRun, full: bool) -> int:
    """Push the start requests into the pass's queue, as the workers' scheduler stores them."""
    spider, requests = start_requests(settings, run.name, full)
    queue = PriorityQueue(
        server=r_bytes,
        spider=spider,
        key=run_key(run.token, run.name, "requests"),
        serializer=picklecompat,
    )
    for request in requests:
        queue.push(request)
    return len(requests)


def assign(names: Sequence[str], workers: int, per_site: int) -> list[list[str]]:
    """Spiders of each local worker: each spider on min(per_site, workers) workers."""
    plan: list[list[str]] = [[] for _ in range(workers)]
    for j, name in enumerate(names):
        for t in range(min(per_site, workers)):
            plan[(j + t) % workers].append(name)
    return [spiders for spiders in plan if spiders]


class Coordinator:
    def __init__(
        self,
        settings: Settings,
        url: str,
        names: Sequence[str],
        workers: int,
        overrides: Sequence[str] = (),
    ) -> None:
        check_settings(settings)
        strict_deprecations(settings)
        self.settings, self.url, self.names = settings, url, list(names)
        self.workers, self.overrides = workers, list(overrides)
        self.r = connect(url)
        self.r_bytes = get_redis(url=url)
        self.db_path = str(settings["PATENTWATCH_DB"])
        self.log_dir = settings.get("PATENTWATCH_LOG_DIR") or ""
        self.writer = Writer(self.r, url, self.db_path, self._log("writer"))
        self.runs: list[SpiderRun] = []
        self.local: dict[str, tuple[subprocess.Popen[bytes], list[str]]] = {}

    def _log(self, tag: str) -> Path | None:
        if not self.log_dir:
            return None
        keep = self.settings.getint("PATENTWATCH_LOG_KEEP", 30)
        return log_path(self.log_dir, [f"distributed-{tag}"], keep)

    # ------------------------------------------------------------------ run lifecycle

    def acquire(self, db: Any) -> None:
        """Take every spider's lock, or none (then :class:`AlreadyRunning`)."""
        trigger = self.settings.get("PATENTWATCH_TRIGGER", "manual")
        locks: list[Lock] = []
        for name in self.names:
            lock = Lock(self.r, lock_key(name), timeout=LOCK_TTL, thread_local=False)
            if not lock.acquire(blocking=False):
                for held in locks:
                    held.release()
                raise AlreadyRunning(
                    f"spider {name!r} is already running (Redis lock {lock_key(name)})"
                )
            locks.append(lock)
        for name, lock in zip(self.names, locks, strict=True):
            run_id = storage.start_run(db, name, storage.utc_now(), trigger)
            self.runs.append(SpiderRun(name, run_id, lock))

    def check_server(self) -> None:
        """Warn when Redis may evict keys: an evicted queue or stream entry is lost work."""
        try:
            policy = self.r.config_get("maxmemory-policy").get("maxmemory-policy", "")
        except RedisError:  # CONFIG disabled (managed Redis): nothing to check
            return
        if policy and policy != "noeviction":
            logger.warning(
                "Redis maxmemory-policy is %s: set noeviction, or work may be lost", policy
            )

    def run(self) -> bool:
        """The whole crawl; True when every spider's run finished cleanly."""
        self.check_server()
        db = storage.open_db(self.db_path)
        try:
            self.acquire(db)
            sync_seen(db, self.r, load_sites())
            todo = list(self.runs)
            for pass_no in range(1, MAX_PASSES + 1):
                self.run_pass(todo, pass_no)
                todo = [run for run in todo if run.lost_workers]
                if not todo:
                    break
                logger.warning("a worker died: pass %d for %s", pass_no + 1, [r.name for r in todo])
            return self.finish(db)
        finally:
            self.writer.stop()
            self.cleanup()
            db.close()

    def run_pass(self, runs: list[SpiderRun], pass_no: int) -> None:
        for run in runs:
            run.tokens.append(str(run.run_id) if pass_no == 1 else f"{run.run_id}.{pass_no}")
            run.lost_workers = 0
            # a second pass walks every list page: a lost request may be any page of the list
            full = pass_no > 1 or self.settings.getbool("PATENTWATCH_FULL")
            refresh = self.settings.getbool("PATENTWATCH_REFRESH")
            options = {"full": int(full), "refresh": int(refresh)}
            self.r.hset(run_key(run.token, run.name, "options"), mapping=options)
            n = seed(self.r_bytes, self.settings, run, full)
            self.r.set(current_key(run.name), run.token)
            logger.info("%s: pass %d (run %s), %d start requests", run.name, pass_no, run.token, n)
        self.writer.ensure()
        self.start_local(runs)
        self.wait_done(runs)
        self.wait_local()
        self.wait_closed(runs)
        self.wait_drained()
        self.count_lost(runs)

    def start_local(self, runs: list[SpiderRun]) -> None:
        per_site = max(1, self.settings.getint("PATENTWATCH_WORKERS_PER_SITE", 1))
        self.local = {}
        for i, spiders in enumerate(assign([r.name for r in runs], self.workers, per_site)):
            sets = [arg for pair in self.overrides for arg in ("-s", pair)]
            cmd = python_cmd("worker", "--redis", self.url, *spiders, *sets)
            proc = spawn(cmd, self._log(f"worker{i + 1}"))
            self.local[f"{socket.gethostname()}:{proc.pid}"] = (proc, spiders)  # = worker_id()

    def tick(self) -> None:
        for run in self.runs:
            run.lock.reacquire()
        self.writer.ensure()
        time.sleep(0.3)

    # ------------------------------------------------------------------ done, drained, lost

    def live_states(self, run: SpiderRun) -> list[str]:
        """``idle``/``busy`` of each of the pass's workers that is still alive."""
        states = []
        for wid in self.r.smembers(run_key(run.token, run.name, "workers")):
            proc = self.local.get(wid, (None, []))[0]
            if proc is not None and proc.poll() is not None:
                continue  # a local worker that exited: dead at once, not after its heartbeat
            beat = self.r.get(run_key(run.token, run.name, f"hb:{wid}"))
            if beat is not None:  # None: closed, or its heartbeat expired (dead)
                states.append(beat.partition(":")[0])
        return states

    def local_alive(self, name: str) -> bool:
        return any(p.poll() is None and name in spiders for p, spiders in self.local.values())

    def pass_done(self, run: SpiderRun, idle_since: dict[str, float]) -> bool:
        """Queue empty and every live worker idle for SETTLE seconds; or, with local workers,
        every worker gone (the next pass takes over what they left)."""
        states = self.live_states(run)
        if self.workers and not states and not self.local_alive(run.name):
            return True
        queued = self.r.zcard(run_key(run.token, run.name, "requests")) + self.r.llen(
            run_key(run.token, run.name, "start_urls")
        )
        joined = self.r.scard(run_key(run.token, run.name, "workers"))
        if queued or not joined or "busy" in states:
            idle_since.pop(run.name, None)
            return False
        first = idle_since.setdefault(run.name, time.monotonic())
        return not states or time.monotonic() - first >= SETTLE

    def wait_done(self, runs: list[SpiderRun]) -> None:
        active, idle_since = list(runs), dict[str, float]()
        while active:
            for run in list(active):
                if self.pass_done(run, idle_since):
                    self.r.set(run_key(run.token, run.name, "done"), "1")
                    active.remove(run)
            self.tick()

    def wait_local(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while any(p.poll() is None for p, _ in self.local.values()):
            if time.monotonic() > deadline:
                for proc, _ in self.local.values():
                    if proc.poll() is None:
                        proc.kill()
            self.tick()

    def unclosed(self, run: SpiderRun) -> list[str]:
        """Workers of the pass still alive (heartbeat) that have not recorded their end."""
        closed = self.r.hgetall(run_key(run.token, run.name, "closed"))
        left = []
        for wid in self.r.smembers(run_key(run.token, run.name, "workers")) - closed.keys():
            proc = self.local.get(wid, (None, []))[0]
            if proc is not None and proc.poll() is not None:
                continue  # a local worker that exited: gone, whatever it recorded
            if self.r.exists(run_key(run.token, run.name, f"hb:{wid}")):
                left.append(wid)
        return left

    def wait_closed(self, runs: list[SpiderRun], timeout: float = 60.0) -> None:
        """Let every live worker see the done flag and record its end before losses are
        counted. A worker on another machine notices the flag up to a heartbeat later and
        then closes its spider; counted before that, it would look lost, and the pass
        repeated for a worker that had finished (and that, seeing a newer run, leaves)."""
        deadline = time.monotonic() + timeout
        while any(self.unclosed(run) for run in runs) and time.monotonic() < deadline:
            self.tick()

    def wait_drained(self) -> None:
        while backlog(self.r) or pending_count(self.r):
            self.tick()

    def count_lost(self, runs: list[SpiderRun]) -> None:
        """Workers that joined a pass and never recorded their end: died mid-run."""
        for run in runs:
            joined = self.r.smembers(run_key(run.token, run.name, "workers"))
            closed = self.r.hgetall(run_key(run.token, run.name, "closed"))
            lost = [w for w in joined if w not in closed]
            lost += [w for w, why in closed.items() if why not in ("finished", "stale_run")]
            for proc, spiders in self.local.values():
                if proc.returncode not in (0, None) and run.name in spiders:
                    lost.append(f"pid {proc.pid}")
            run.lost_workers = len(set(lost))
            if lost:
                logger.warning(
                    "%s: %d worker(s) lost in run %s", run.name, len(set(lost)), run.token
                )

    # ------------------------------------------------------------------ record

    def merged_stats(self, run: SpiderRun) -> dict[str, Any]:
        stats: Counter[str] = Counter()
        for token in run.tokens:
            for name, value in self.r.hgetall(run_key(token, run.name, "stats")).items():
                stats[name] += int(value)
        return {**stats, "patentwatch/passes": len(run.tokens)}

    def finish(self, db: Any) -> bool:
        ok = True
        for run in self.runs:
            ok &= finish_one(db, self.settings, run, self.merged_stats(run))
        return ok

    def cleanup(self) -> None:
        for run in self.runs:
            if self.r.get(current_key(run.name)) in run.tokens:
                self.r.delete(current_key(run.name))
            for token in run.tokens:
                self.r.delete(*run_keys(token, run.name))
            try:
                run.lock.release()
            except Exception:  # expired or taken over: nothing of ours to release
                logger.warning("run lock of %s was already gone", run.name)


def finish_one(db: Any, settings: Settings, run: SpiderRun, stats: dict[str, Any]) -> bool:
    """Record the run as a local crawl does: counts, health checks, status, a notification
    when it went wrong; print one line."""
    outcomes = run_outcomes(db, run.run_id)
    for outcome, n in outcomes.items():
        stats[f"storage/{outcome}"] = n
    stats["storage/failed"] = outcomes.get("invalid", 0)
    reason = "finished" if not run.lost_workers else "worker_lost"
    history = recent_stats(
        db, run.name, settings.getint("PATENTWATCH_HEALTH_HISTORY", 10), run.run_id
    )
    health = run_checks(stats, history, settings)
    for result in health:
        if not result.ok:
            logger.error("%s: health check failed: %s", run.name, result.line())
    status = run_status(reason, error_count(stats), all(h.ok for h in health))
    stats.update({"finish_reason": reason, "patentwatch/status": status})
    counts = run_counts(stats)
    storage.finish_run(
        db,
        run.run_id,
        storage.utc_now(),
        status,
        reason,
        counts,
        stats,
        [h.__dict__ for h in health],
    )
    if status != "finished":
        notify_failure(settings, run, status, reason, counts, health)
    print(
        f"{run.name}: {'ok' if status == 'finished' else status.upper()} ({reason}, run {run.run_id},"
        f" {len(run.tokens)} pass{'es' if len(run.tokens) > 1 else ''}), {counts['new_articles']} new,"
        f" {counts['updated_articles']} updated, {counts['unchanged_articles']} unchanged,"
        f" {counts['duplicates']} duplicates, {counts['skipped_seen']} skipped as seen,"
        f" {counts['requests']} requests, {counts['errors']} errors"
    )
    return status == "finished"


def notify_failure(
    settings: Settings,
    run: SpiderRun,
    status: str,
    reason: str,
    counts: dict[str, int],
    health: list[Any],
) -> None:
    """The local health monitor's notification, for a distributed run."""
    command = settings.get("PATENTWATCH_NOTIFY_COMMAND", "")
    url = settings.get("PATENTWATCH_NOTIFY_URL", "")
    if command or url:
        summary = {"spider": run.name, "run_id": run.run_id, "status": status}
        summary |= {"finish_reason": reason, **counts}
        summary["failed_checks"] = [h.line() for h in health if not h.ok]
        notify(summary, command, url)


# ---------------------------------------------------------------------- entry points


def coordinate(
    settings: Settings,
    url: str,
    names: Sequence[str],
    workers: int,
    mirror: str | None = None,
    overrides: Sequence[str] = (),
) -> bool:
    """``patentwatch crawl --redis URL --workers N``: True when every run finished cleanly.

    :raises AlreadyRunning: a spider's Redis lock is held by another coordinator
    """
    from core.mirror import MirrorServer, validate_mirror

    overrides = list(overrides)
    server = None
    if mirror:
        hosts = sorted({h for n in names if n in load_sites() for h in load_sites()[n].hosts})
        validate_mirror(Path(mirror), hosts)
        server = MirrorServer(mirror).start()
        settings.set("MIRROR_URL", server.url, priority="cmdline")
        overrides.append(f"MIRROR_URL={server.url}")
    try:
        return Coordinator(settings, url, names, workers, overrides).run()
    finally:
        if server is not None:
            server.stop()
