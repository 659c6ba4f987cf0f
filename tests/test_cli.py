"""The ``patentwatch`` command: crawls, the demo, and one-line errors with non-zero exits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cmd
from tests.sitegen import SITES_DIR


def test_crawl_with_mirror_exit_zero(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    proc = run_cmd(
        [
            "patentwatch",
            "crawl",
            "dlut_news",
            "--mirror",
            str(SITES_DIR),
            "--db",
            str(db),
            "--trigger",
            "cron",
        ]
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (
        "dlut_news: ok (finished), 16 new, 0 updated, 0 unchanged, 0 duplicates, 0 skipped as seen, 20 requests, 0 errors"
        in proc.stdout
    )
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT trigger, status FROM crawl_runs").fetchall() == [
        ("cron", "finished")
    ]
    conn.close()


def test_demo_prints_summary(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    proc = run_cmd(["patentwatch", "demo", "--db", str(db)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (
        "dlut_news      16  2018-01-02 .. 2023-12-18  Dalian University of Technology"
        in proc.stdout
    )
    assert "neu_news       16  2020-05-29 .. 2025-12-30  Northeastern University" in proc.stdout
    assert f"Database: {db.resolve()}" in proc.stdout
    again = run_cmd(["patentwatch", "demo", "--db", str(db)])
    assert again.returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (46, 46)
    conn.close()


def test_python_m_crawler_is_the_same_command() -> None:
    proc = run_cmd(["python", "-m", "crawler", "--help"])
    assert proc.returncode == 0
    assert "crawl" in proc.stdout and "demo" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["crawl", "no_such_spider"],
            "unknown spider 'no_such_spider' (known: dlut_cn_news, dlut_news, nefu_news, nenu_news, neu_news, scut_news, szu_news, wipo_pct; groups: @all, @news",
        ),
        (
            ["crawl", "dlut_news", "--db", "/proc/no/such/dir/x.db"],
            "cannot create folder for database",
        ),
        (["crawl", "dlut_news", "--db", "/tmp"], "is a folder, not a file"),
        (
            ["crawl", "dlut_news", "--mirror", "/no/such/mirror"],
            "mirror folder /no/such/mirror does not exist",
        ),
        (["crawl", "neu_news", "--mirror", "{empty}"], "has no host folders"),
        (
            ["crawl", "neu_news", "--mirror", "{dlut_only}"],
            "has no folder for host neunews.neu.edu.cn",
        ),
        (["crawl", "dlut_news", "--db", "{junk}"], "file is not a database"),
        (["--sites", "{bad_sites}", "crawl"], "unknown field 'colour'"),
        (["crawl", "-s", "NOVALUE"], "-s expects NAME=VALUE"),
    ],
)
def test_user_mistakes_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "dlut_only" / "en.dlut.edu.cn").mkdir(parents=True)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 50)
    (tmp_path / "bad.toml").write_text(
        '[sites.x]\ninstitution = "X"\nallowed_domains = ["x.edu.cn"]\nstart_urls = ["https://x.edu.cn/"]\n'
        'family = "vsb"\ncolour = "red"\n'
    )
    subs = {
        "{empty}": tmp_path / "empty",
        "{dlut_only}": tmp_path / "dlut_only",
        "{junk}": tmp_path / "junk.db",
        "{bad_sites}": tmp_path / "bad.toml",
    }
    argv = [str(subs.get(a, a)) for a in args]
    if "--db" not in argv and argv[0] == "crawl":
        argv += ["--db", str(tmp_path / "ok.db")]
    proc = run_cmd(["patentwatch", *argv])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("patentwatch: error: ")
    assert message in lines[0]
