"""Distributed crawls end to end: real redis-server, real worker and writer processes, real
SQLite, the bundled copy of the sites (plus copies of one story) on 127.0.0.1.

Each test compares with what a single-machine crawl of the same copy stores.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.distributed.conftest import STRICT, VENV_BIN, RedisServer, patentwatch
from tests.distributed.sites import mirror_with_copies, stored

pytestmark = pytest.mark.integration
SUBSET = ["dlut_news", "neu_news", "szu_news"]  # the larger sites and the one with copies


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mirror_with_copies(tmp_path_factory.mktemp("mirror") / "sites")


@pytest.fixture(scope="module")
def reference(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A single-machine crawl of every spider over the same copy."""
    db = tmp_path_factory.mktemp("reference") / "local.db"
    proc = patentwatch(["crawl", "--mirror", str(mirror), "--db", str(db), "-s", _logs(db)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    return db


def _logs(db: Path) -> str:
    return f"PATENTWATCH_LOG_DIR={db.parent / 'logs'}"


def crawl_args(url: str, mirror: Path, db: Path, spiders: list[str], workers: int = 2) -> list[str]:
    return [
        "crawl",
        *spiders,
        "--redis",
        url,
        "--workers",
        str(workers),
        "--mirror",
        str(mirror),
        "--db",
        str(db),
        "-s",
        STRICT,
        "-s",
        _logs(db),
        "-s",
        "PATENTWATCH_WORKERS_PER_SITE=2",  # both workers share each frontier
    ]


def start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(VENV_BIN / "patentwatch"), *args],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def children(pid: int, word: str) -> list[int]:
    """Child processes of ``pid`` whose command line has ``word`` (worker, ingest)."""
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for kid in kids:
        try:
            if word in Path(f"/proc/{kid}/cmdline").read_bytes().decode().split("\0"):
                found.append(int(kid))
        except OSError:
            continue
    return found


def wait_for(condition: Callable[[], Any], timeout: float = 120, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def runs(db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]
    finally:
        conn.close()


def entries(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT outcome, count(*) FROM stream_entries GROUP BY outcome"))
    finally:
        conn.close()


def added(run: dict[str, Any]) -> int:
    return int(json.loads(run["stats"]).get("stream/added", 0))


def test_two_workers_store_what_one_machine_stores(
    redis_url: str, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    proc = patentwatch(crawl_args(redis_url, mirror, db, []))
    assert proc.returncode == 0, proc.stderr[-3000:] + proc.stdout
    got, want = stored(db), stored(reference)
    assert got["articles"] == want["articles"]
    assert got["clusters"] == want["clusters"]
    copies = [f"https://en.szu.edu.cn/info/1010/{n}.htm" for n in (1418, 1998, 1999)]
    assert copies in want["clusters"]  # the story and its two copies: one cluster
    assert got["metrics"] == want["metrics"]
    assert got["stored_twice"] == 0
    outcomes = entries(db)  # every stream entry stored exactly once: new or duplicate
    assert outcomes.get("new", 0) + outcomes.get("duplicate", 0) == len(want["articles"])
    dups = sum(len(c) - 1 for c in want["clusters"])
    assert outcomes["duplicate"] == dups and "unchanged" not in outcomes
    assert {r["status"] for r in runs(db)} == {"finished"}
    szu = next(r for r in runs(db) if r["spider"] == "szu_news")
    local_szu = next(r for r in runs(reference) if r["spider"] == "szu_news")
    assert (szu["new_articles"], szu["duplicates"]) == (
        local_szu["new_articles"],
        local_szu["duplicates"],
    )
    assert szu["duplicates"] >= 2
    local = sqlite3.connect(reference)
    wipo = local.execute("SELECT count(*) FROM pct_rankings").fetchone()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM pct_rankings").fetchone() == wipo


def test_killed_worker_second_pass_gives_the_same_set(
    redis_server: RedisServer, redis_url: str, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    args = crawl_args(redis_url, mirror, db, SUBSET) + ["-s", "CONCURRENT_REQUESTS=2"]
    coordinator = start(args)
    r = redis_server.client()
    workers = wait_for(lambda: children(coordinator.pid, "worker"), what="workers")
    # the first item is in the stream: the worker is mid-run, with requests in flight
    wait_for(
        lambda: r.exists("pw:items") and r.xinfo_stream("pw:items")["last-generated-id"] != "0-0"
    )
    os.kill(workers[0], signal.SIGKILL)
    out, err = coordinator.communicate(timeout=240)
    assert coordinator.returncode == 0, err[-3000:] + out
    got, want = stored(db, SUBSET), stored(reference, SUBSET)
    assert got["articles"] == want["articles"] and got["clusters"] == want["clusters"]
    assert got["stored_twice"] == 0
    passes = [json.loads(r["stats"])["patentwatch/passes"] for r in runs(db)]
    assert max(passes) == 2, passes  # the killed worker's spiders had a second pass


def test_killed_writer_restarted_loses_and_duplicates_nothing(
    redis_server: RedisServer, redis_url: str, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    # a small backlog bound: with the writer dead, the workers' pipelines wait for it
    args = crawl_args(redis_url, mirror, db, SUBSET) + ["-s", "PATENTWATCH_STREAM_MAX_BACKLOG=3"]
    coordinator = start(args)
    writer = wait_for(lambda: children(coordinator.pid, "ingest"), what="writer")[0]
    # killed after its first commit, while entries are still queued or pending
    wait_for(lambda: db.exists() and sum(entries(db).values()) > 0, what="a first commit")
    os.kill(writer, signal.SIGKILL)
    out, err = coordinator.communicate(timeout=240)
    assert coordinator.returncode == 0, err[-3000:] + out
    got, want = stored(db, SUBSET), stored(reference, SUBSET)
    assert got["articles"] == want["articles"] and got["clusters"] == want["clusters"]
    assert got["metrics"] == want["metrics"]
    outcomes = entries(db)
    assert "unchanged" not in outcomes  # no entry was stored a second time
    assert sum(outcomes.values()) == sum(added(r) for r in runs(db))  # none lost
    assert redis_server.client().xlen("pw:items") == 0
    assert sum(json.loads(r["stats"]).get("stream/backpressure", 0) for r in runs(db)) > 0


def test_redis_restarted_from_aof_then_seen_set_rebuilt(
    aof_server: RedisServer, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    first = patentwatch(crawl_args(aof_server.url, mirror, db, SUBSET))
    assert first.returncode == 0, first.stderr[-3000:]
    time.sleep(1.5)  # appendfsync everysec
    aof_server.stop(signal.SIGKILL)
    aof_server.start()  # same folder, same port: state read back from the append-only file
    r = aof_server.client()
    neu = [a for a in stored(reference, ["neu_news"])["articles"]]
    assert r.scard("pw:seen:neu_news") == len(neu) > 0
    # the last second before a crash may be lost: here the whole cache of one site is
    r.delete("pw:seen:szu_news")
    second = patentwatch(crawl_args(aof_server.url, mirror, db, SUBSET))
    assert second.returncode == 0, second.stderr[-3000:]
    szu_stored = len(stored(reference, ["szu_news"])["articles"])
    assert r.scard("pw:seen:szu_news") == szu_stored  # rebuilt from SQLite before the night
    got, want = stored(db, SUBSET), stored(reference, SUBSET)
    assert got["articles"] == want["articles"] and got["clusters"] == want["clusters"]
    szu = [run for run in runs(db) if run["spider"] == "szu_news"][-1]
    assert szu["new_articles"] == 0 and szu["skipped_seen"] > 0
    stats = json.loads(szu["stats"])  # the rebuilt cache spared every article request
    lists, robots = stats["patentwatch/list/pages"], stats.get("robotstxt/response_count", 0)
    assert stats["response_received_count"] == lists + robots


def test_second_night_fetches_only_list_pages(
    redis_url: str, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    assert patentwatch(crawl_args(redis_url, mirror, db, SUBSET)).returncode == 0
    proc = patentwatch(crawl_args(redis_url, mirror, db, SUBSET))
    assert proc.returncode == 0, proc.stderr[-3000:]
    night = runs(db)[len(SUBSET) :]
    for run in night:
        stats = json.loads(run["stats"])
        robots = stats.get("robotstxt/response_count", 0)
        lists = stats.get("patentwatch/list/pages", 0)
        assert stats["response_received_count"] == lists + robots, (run["spider"], stats)
        assert lists >= 1 and run["new_articles"] == 0 and run["skipped_seen"] > 0
    assert stored(db, SUBSET)["articles"] == stored(reference, SUBSET)["articles"]


def test_second_coordinator_yields_one_run(
    redis_server: RedisServer, redis_url: str, mirror: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dist.db"
    first = start(crawl_args(redis_url, mirror, db, ["szu_news"]))
    wait_for(lambda: redis_server.client().exists("pw:lock:szu_news"), what="the run lock")
    other_db = tmp_path / "other.db"  # another machine's coordinator: only Redis is shared
    second = patentwatch(crawl_args(redis_url, mirror, other_db, ["szu_news"]))
    assert second.returncode == 3, second.stderr
    assert "already running" in second.stderr and "pw:lock:szu_news" in second.stderr
    out, err = first.communicate(timeout=240)
    assert first.returncode == 0, err[-3000:]
    assert [r["spider"] for r in runs(db)] == ["szu_news"]
    assert not other_db.exists() or runs(other_db) == []


def test_worker_with_stale_run_id_closes(
    redis_server: RedisServer, redis_url: str, tmp_path: Path
) -> None:
    r = redis_server.client()
    r.set("pw:current:szu_news", "41")
    db = tmp_path / "never.db"
    worker = start(
        ["worker", "szu_news", "--redis", redis_url, "-s", STRICT], {"PATENTWATCH_DB": str(db)}
    )
    wait_for(lambda: r.keys("pw:run:41:szu_news:hb:*"), what="the worker's heartbeat")
    r.set("pw:current:szu_news", "42")  # a newer run began
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err[-3000:]
    assert "szu_news run 41 ended stale_run" in out
    assert (
        r.hget("pw:run:41:szu_news:closed", next(iter(r.smembers("pw:run:41:szu_news:workers"))))
        == "stale_run"
    )
    assert not db.exists()


def test_workers_zero_waits_for_a_worker_started_elsewhere(
    redis_url: str, mirror: Path, reference: Path, tmp_path: Path
) -> None:
    """``--workers 0``: the coordinator seeds and waits; a worker started on its own (as on
    another machine: its own copy of the sites, no database) joins and does the crawl."""
    worker_db = tmp_path / "worker-never-opens.db"
    worker = start(
        ["worker", "szu_news", "--redis", redis_url, "--wait", "120", "-s", STRICT]
        + ["-s", f"MIRROR_DIR={mirror}"],
        {"PATENTWATCH_DB": str(worker_db)},
    )
    db = tmp_path / "dist.db"
    proc = patentwatch(crawl_args(redis_url, mirror, db, ["szu_news"], workers=0))
    out, err = worker.communicate(timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert worker.returncode == 0 and "szu_news run 1 ended finished" in out, err[-2000:]
    got, want = stored(db, ["szu_news"]), stored(reference, ["szu_news"])
    assert got["articles"] == want["articles"] and got["clusters"] == want["clusters"]
    assert not worker_db.exists()
