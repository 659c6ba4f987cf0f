"""Schedules as data, trigger arithmetic in a DST zone, the scheduler service, locks,
health checks, notifications and per-run logs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.health import run_checks
from core.locks import LockedError, SpiderLock
from crawler.settings import __dict__ as SETTINGS
from schedules.config import SHIPPED_SCHEDULES, Job, ScheduleError, load_schedules
from schedules.cron import crontab
from schedules.service import next_runs
from tests.conftest import REPO, run_cmd
from tests.sitegen import SITES_DIR

NEWS = {"neu_news", "dlut_news", "szu_news", "nefu_news", "nenu_news", "scut_news", "dlut_cn_news"}
SPIDERS = NEWS | {"wipo_pct"}
BERLIN = ZoneInfo("Europe/Berlin")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_schedules_load_with_every_spider_nightly() -> None:
    jobs = load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs
    nightly = {s for j in jobs if j.cron and j.cron.endswith("* * *") for s in j.spiders}
    assert nightly == NEWS
    assert any(j.spiders == ("wipo_pct",) and j.cron.endswith("mon") for j in jobs)  # WIPO weekly
    times = [j.cron for j in jobs if j.cron.endswith("* * *")]
    assert len(set(times)) == len(times)  # staggered


@pytest.mark.parametrize(
    ("job", "message"),
    [
        (
            'id = "a"\nspiders = ["nope"]\ncron = "0 2 * * *"',
            "job 'a': field 'spiders': unknown spider 'nope'",
        ),
        ('id = "a"\nspiders = ["neu_news"]\ncron = "61 2 * * *"', "job 'a': field 'cron'"),
        (
            'id = "a"\nspiders = ["neu_news"]\ncron = "0 2 * * *"\ntimezone = "Mars/Olympus"',
            "job 'a': field 'timezone': unknown time zone",
        ),
        ('id = "a"\nspiders = ["neu_news"]\ninterval = "fortnight"', "job 'a': field 'interval'"),
        (
            'id = "a"\nspiders = ["neu_news"]\ncron = "0 2 * * *"\ncolour = 1',
            "job 'a': unknown field 'colour'",
        ),
        ('id = "a"\nspiders = ["neu_news"]', "give exactly one of 'cron' or 'interval'"),
    ],
)
def test_bad_jobs_are_named(tmp_path: Path, job: str, message: str) -> None:
    path = write(tmp_path, f"[[job]]\n{job}\n")
    with pytest.raises(ScheduleError) as err:
        load_schedules(path, SPIDERS)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_cli_reports_a_bad_schedule_in_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[job]]\nid = "a"\nspiders = ["nope"]\ncron = "0 2 * * *"\n')
    proc = run_cmd(["patentwatch", "schedule", "show", "--file", str(path)])
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "unknown spider 'nope'" in proc.stderr


def test_trigger_arithmetic_across_daylight_saving() -> None:
    """A 02:30 job in Europe/Berlin: APScheduler fires at 01:30 UTC on the spring-forward
    night (02:30 does not exist) and twice on the fall-back night. The shipped schedules use
    Asia/Shanghai, which has no daylight saving."""
    job = Job(id="x", spiders=("neu_news",), timezone="Europe/Berlin", cron="30 2 * * *")
    trigger = job.trigger()
    spring = trigger.get_next_fire_time(None, datetime(2026, 3, 28, 3, 0, tzinfo=BERLIN))
    assert spring.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    after = trigger.get_next_fire_time(spring, spring)
    assert after.astimezone(UTC) == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)  # 02:30 CEST
    first = trigger.get_next_fire_time(None, datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN))
    second = trigger.get_next_fire_time(first, first)
    assert [first.astimezone(UTC), second.astimezone(UTC)] == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ]


def test_next_runs_with_frozen_now() -> None:
    jobs = load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs
    now = datetime(2026, 11, 22, 1, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    fires = {job.id: fire for job, fire in next_runs(jobs, now)}
    assert fires["neu_news-nightly"] == datetime(
        2026, 11, 22, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert fires["all-weekly-full"] == datetime(
        2026, 11, 22, 4, 0, tzinfo=ZoneInfo("Asia/Shanghai")
    )  # a Sunday


def test_crontab_lines_use_flock_logs_and_the_venv(tmp_path: Path) -> None:
    jobs = load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs
    text = crontab(
        jobs, REPO, Path(sys.executable), "/srv/pw.db", "/srv/logs", ZoneInfo("Asia/Shanghai")
    )
    line = next(ln for ln in text.splitlines() if "crawl dlut_news --trigger cron" in ln)
    assert line.startswith("15 2 * * * cd ")  # host in the jobs' zone: times unchanged
    assert "flock -n /srv/pw.db.locks/cron-dlut_news-nightly.lock" in line
    assert (
        f"{sys.executable} -m crawler crawl dlut_news" in line
        and ">> /srv/logs/cron-dlut_news-nightly.log 2>&1" in line
    )
    assert "CRON_TZ" not in text.replace("no CRON_TZ", "")  # Debian's and Ubuntu's cron ignore it


@pytest.mark.parametrize(
    ("stats", "failed"),
    [
        ({"patentwatch/list/empty": 1, "downloader/request_count": 3}, {"list_pages_have_links"}),
        ({"downloader/request_count": 10, "log_count/ERROR": 3}, {"error_rate"}),
        # every list page answered 404 on a first crawl: no history needed to call it degraded
        ({"patentwatch/list/requested": 3, "downloader/request_count": 4}, {"list_pages_fetched"}),
        ({"patentwatch/list/requested": 1, "patentwatch/list/not_modified": 1}, set()),
        (
            {
                "patentwatch/list/requested": 2,
                "patentwatch/list/pages": 2,
                "patentwatch/list/empty": 2,
            },
            {"list_pages_have_links", "list_links_found"},
        ),
        (
            {
                "item_scraped_count": 10,
                "patentwatch/field/published_at/selector": 5,
                "patentwatch/field/body/selector": 10,
            },
            {"date_coverage"},
        ),
        (
            {
                "item_scraped_count": 10,
                "patentwatch/field/published_at/selector": 10,
                "patentwatch/field/body/selector": 2,
                "patentwatch/field/body/fallback": 8,
            },
            {"selector_hits"},
        ),
        (
            {
                "item_scraped_count": 10,
                "patentwatch/field/published_at/list": 10,
                "patentwatch/field/body/selector": 10,
            },
            set(),
        ),
    ],
)
def test_health_checks(stats: dict, failed: set) -> None:
    results = run_checks(stats, [], SETTINGS)
    assert {r.check for r in results if not r.ok} == failed


def test_links_far_below_trailing_mean_fail() -> None:
    history = [{"patentwatch/list/links": 20}] * 5
    (result,) = [
        r
        for r in run_checks({"patentwatch/list/links": 2}, history, SETTINGS)
        if r.check == "links_vs_trailing_mean"
    ]
    assert not result.ok and result.value == pytest.approx(0.1)


def test_second_concurrent_run_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    with SpiderLock(db, "dlut_news"):
        proc = run_cmd(
            ["patentwatch", "crawl", "dlut_news", "--db", str(db), "--mirror", str(SITES_DIR)]
        )
    assert proc.returncode == 3
    assert proc.stderr.strip() == (
        f"patentwatch: spider 'dlut_news' is already running (pid {os.getpid()}; lock {db}.locks/dlut_news.lock)"
    )
    with pytest.raises(LockedError), SpiderLock(db, "x"), SpiderLock(db, "x"):
        pass


def test_stale_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from core.locks import SpiderLock; import time; SpiderLock({str(db)!r}, 'dlut_news').acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (db.parent / "pw.db.locks" / "dlut_news.lock").read_text() == str(
        holder.pid
    )  # stale pid left behind
    proc = run_cmd(
        ["patentwatch", "crawl", "dlut_news", "--db", str(db), "--mirror", str(SITES_DIR)]
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


class _Receiver(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Receiver.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.integration
def test_spider_yielding_nothing_is_degraded_exits_nonzero_and_notifies(tmp_path: Path) -> None:
    sites = tmp_path / "redesign.toml"
    sites.write_text(
        '[sites.nefu_news]\ninstitution = "Northeast Forestry University"\nallowed_domains = ["en.nefu.edu.cn"]\n'
        'start_urls = ["https://en.nefu.edu.cn/News.htm"]\nfamily = "vsb"\nlist_item = [".list-v2 li"]\n'
    )
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    db, logs = tmp_path / "pw.db", tmp_path / "logs"
    try:
        proc = run_cmd(
            [
                "patentwatch",
                "--sites",
                str(sites),
                "crawl",
                "nefu_news",
                "--db",
                str(db),
                "--mirror",
                str(SITES_DIR),
                "-s",
                f"PATENTWATCH_LOG_DIR={logs}",
                "-s",
                f"PATENTWATCH_NOTIFY_URL=http://127.0.0.1:{server.server_port}/hook",
            ]
        )
    finally:
        server.shutdown()
    assert proc.returncode == 1
    assert "nefu_news: DEGRADED (finished)" in proc.stdout  # the word `runs` uses
    conn = sqlite3.connect(db)
    status, health, log_file = conn.execute(
        "SELECT status, health, log_file FROM crawl_runs"
    ).fetchone()
    conn.close()
    assert status == "degraded"
    assert {c["check"] for c in json.loads(health) if not c["ok"]} == {
        "list_pages_have_links",
        "list_links_found",
    }
    assert _Receiver.received and _Receiver.received[-1]["status"] == "degraded"
    assert _Receiver.received[-1]["spider"] == "nefu_news"
    lines = Path(log_file).read_text().splitlines()
    assert any(
        "[run 1]" in ln and "health check failed: list_pages_have_links" in ln for ln in lines
    )
    report = run_cmd(["patentwatch", "health", "--db", str(db)])
    assert (
        report.returncode == 1
        and "nefu_news\trun #1" in report.stdout
        and "DEGRADED" in report.stdout
    )


def test_log_retention_keeps_the_newest(tmp_path: Path) -> None:
    from crawler.runlog import log_path

    for _ in range(5):
        log_path(tmp_path, ["dlut_news"], keep=3).write_text("x")
        time.sleep(0.001)
    assert len(list(tmp_path.glob("*-dlut_news.log"))) == 3


@pytest.mark.integration
def test_scheduler_runs_a_due_job_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    path = write(
        tmp_path,
        'timezone = "Europe/Berlin"\n[[job]]\nid = "dut-soon"\nspiders = ["dlut_news"]\ninterval = "2s"\n',
    )
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "patentwatch"),
            "schedule",
            "run",
            "--file",
            str(path),
            "--db",
            str(db),
            "--mirror",
            str(SITES_DIR),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        row = None
        while time.monotonic() < deadline and row is None:
            time.sleep(0.5)
            if db.exists():
                conn = sqlite3.connect(db)
                try:
                    row = conn.execute(
                        "SELECT trigger, status, new_articles FROM crawl_runs"
                        " WHERE status != 'running'"
                    ).fetchone()
                except sqlite3.OperationalError:
                    row = None  # the file exists but its first migration has not committed yet
                finally:
                    conn.close()
        assert row == ("schedule", "finished", 16)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out[-3000:]
    assert "scheduler stopped" in out
    conn = sqlite3.connect(db)
    state = conn.execute(
        "SELECT last_exit_code, next_run_at FROM schedule_state WHERE job_id = 'dut-soon'"
    ).fetchone()
    conn.close()
    # the last run may have been the one stopped by SIGTERM; the state is recorded either way
    assert state[0] is not None and state[1]


def test_a_run_missed_while_down_is_made_up_once(tmp_path: Path) -> None:
    from datetime import timedelta

    from schedules.jobs import record_state
    from schedules.service import build_scheduler, catch_up

    db = str(tmp_path / "pw.db")
    jobs = load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs
    now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    record_state(
        db, "neu_news-nightly", next_run_at=(now - timedelta(minutes=10)).isoformat()
    )  # within grace
    record_state(
        db, "dlut_news-nightly", next_run_at=(now - timedelta(days=2)).isoformat()
    )  # too late
    scheduler = build_scheduler(jobs, db)
    assert catch_up(scheduler, jobs, db, now, None) == ["neu_news-nightly"]
    job = scheduler.get_job("neu_news-nightly:catch-up")
    assert job.kwargs["spiders"] == ["neu_news"] and job.max_instances == 1 and job.coalesce
