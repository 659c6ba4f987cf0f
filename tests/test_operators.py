"""What an operator sees: progress while a crawl runs, one-line refusals, honest health on a
first crawl, notifications with where to look, and tests that leave the checkout alone."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bigsite import SITES as BENCH_SITES
from tests.bigsite import build_site
from tests.conftest import REPO, SCRATCH, run_cmd
from tests.sitegen import SITES_DIR

PATENTWATCH = str(Path(sys.executable).parent / "patentwatch")


@pytest.mark.parametrize(
    "command",
    [["runs"], ["health"], ["institutions", "unresolved"], ["reextract"], ["export", "metrics"]],
)
def test_read_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "patentwtach.db"
    proc = run_cmd(["patentwatch", *command, "--db", str(typo)])
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"patentwatch: error: database {typo} does not exist (run a crawl or `make demo` first)"
    )
    assert not typo.exists()


@pytest.mark.integration
def test_the_same_spider_named_twice_runs_once(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    proc = run_cmd(
        [
            "patentwatch",
            "crawl",
            "nefu_news",
            "nefu_news",
            "--db",
            str(db),
            "--mirror",
            str(SITES_DIR),
        ]
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("nefu_news: ok (finished)") == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT spider, status FROM crawl_runs").fetchall() == [
        ("nefu_news", "finished")
    ]
    conn.close()


@pytest.mark.integration
def test_crawl_logs_go_to_the_test_folder_not_the_checkout(tmp_path: Path) -> None:
    """Tests set PATENTWATCH_LOG_DIR to a temporary folder (conftest): a crawl run the way
    every test runs one writes its log there, never into the checkout's data/logs/."""
    proc = run_cmd(
        ["patentwatch", "crawl", "nefu_news", "--db", str(tmp_path / "pw.db")]
        + ["--mirror", str(SITES_DIR)]
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (log,) = re.findall(r"log: (\S+\.log)", proc.stderr)[-1:]
    assert Path(log).is_file() and Path(log).resolve().is_relative_to(SCRATCH.resolve())
    assert not Path(log).resolve().is_relative_to(REPO.resolve())
    assert "nefu_news" in Path(log).read_text()


@pytest.mark.integration
def test_a_first_crawl_whose_list_pages_all_404_is_degraded_and_notifies(tmp_path: Path) -> None:
    """A wrong start URL on a first crawl: no history to compare with, no errors, yet the
    run is degraded, exits 1, and the hook (run through a shell) says where to look."""
    sites = tmp_path / "moved.toml"
    sites.write_text(
        '[sites.nefu_news]\ninstitution = "Northeast Forestry University"\n'
        'allowed_domains = ["en.nefu.edu.cn"]\nstart_urls = ["https://en.nefu.edu.cn/OldNews.htm"]\n'
        'family = "vsb"\n'
    )
    db, out = tmp_path / "pw.db", tmp_path / "hook.json"
    env = {
        "HOOK_OUT": str(out),
        # shell syntax on purpose: a variable, a redirection and a pipe
        "PATENTWATCH_NOTIFY_COMMAND": 'cat | tee "$HOOK_OUT" > /dev/null',
    }
    proc = run_cmd(
        ["patentwatch", "--sites", str(sites), "crawl", "nefu_news", "--db", str(db)]
        + ["--mirror", str(SITES_DIR)],
        env=env,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "nefu_news: DEGRADED (finished), 0 new" in proc.stdout
    conn = sqlite3.connect(db)
    status, health, log_file = conn.execute(
        "SELECT status, health, log_file FROM crawl_runs"
    ).fetchone()
    conn.close()
    assert status == "degraded"
    assert [c["check"] for c in json.loads(health) if not c["ok"]] == ["list_pages_fetched"]
    summary = json.loads(out.read_text())
    assert summary["status"] == "degraded" and summary["spider"] == "nefu_news"
    assert summary["database"] == str(db.resolve()) and summary["log_file"] == log_file
    assert summary["host"] == os.uname().nodename
    assert summary["failed_checks"] == ["list_pages_fetched: 0 (must be >= 1) FAILED"]


def _bench_site(tmp_path: Path, n: int) -> tuple[Path, dict[str, str]]:
    build_site(tmp_path / "site", n)
    sites = tmp_path / "sites.toml"
    sites.write_text(BENCH_SITES)
    return tmp_path / "site", {**os.environ, "PATENTWATCH_SITES": str(sites)}


def _crawl(db: Path, site: Path) -> list[str]:
    return [PATENTWATCH, "crawl", "bench_news", "--db", str(db), "--mirror", str(site)]


@pytest.mark.integration
def test_a_crawl_on_a_pipe_prints_its_run_log_and_progress_lines(tmp_path: Path) -> None:
    site, env = _bench_site(tmp_path, 150)
    db = tmp_path / "pw.db"
    env |= {"PATENTWATCH_PROGRESS_INTERVAL": "0.5"}
    proc = subprocess.Popen(
        [*_crawl(db, site), "-s", "CONCURRENT_REQUESTS=2", "-s", "PATENTWATCH_HEARTBEAT=0.5"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    live: tuple[int, int] | None = None
    while proc.poll() is None:  # the run's row shows its counts while it runs (heartbeat)
        time.sleep(0.2)
        try:
            conn = sqlite3.connect(db, timeout=5)
            row = conn.execute("SELECT status, requests FROM crawl_runs").fetchone()
            conn.close()
        except sqlite3.OperationalError:
            continue
        if row and row[0] == "running" and row[1] > 0:
            live = (row[1], 0)
    stdout, stderr = proc.communicate()
    assert proc.returncode == 0, stderr[-2000:]
    assert live is not None and live[0] > 0
    lines = stderr.splitlines()
    starts = [re.fullmatch(r"bench_news: run #(\d+) started; log: (\S+\.log)", ln) for ln in lines]
    m = next(s for s in starts if s)
    assert starts.index(m) == 0, lines[:3]  # before any progress line
    assert m.group(1) == "1" and Path(m.group(2)).is_file()
    progress = [
        re.match(r"bench_news: (\d+) pages, (\d+) new, (\d+) errors, [\d.]+ pages/s", ln)
        for ln in lines
    ]
    pages = [int(p.group(1)) for p in progress if p]
    assert len(pages) >= 2 and pages == sorted(pages) and pages[-1] > pages[0]
    assert "bench_news: ok (finished), 150 new" in stdout


@pytest.mark.integration
def test_on_a_terminal_the_progress_line_is_redrawn_in_place(tmp_path: Path) -> None:
    site, env = _bench_site(tmp_path, 80)
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [*_crawl(tmp_path / "pw.db", site), "-s", "CONCURRENT_REQUESTS=2"],
        cwd=REPO,
        # redraws every 50 ms: two of them however fast the machine crawls 80 pages
        env={**env, "PATENTWATCH_PROGRESS_TTY_INTERVAL": "0.05"},
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([primary], [], [], 1.0)
        if ready:
            try:
                data = os.read(primary, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(primary)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    assert re.search(r"bench_news: run #1 started; log: \S+\.log\r?\n", text)
    redraws = re.findall(r"\r\x1b\[Kbench_news: (\d+) pages, \d+ new, \d+ errors", text)
    assert len(redraws) >= 2 and int(redraws[-1]) > int(redraws[0])
    assert "bench_news: ok (finished), 80 new" in text
