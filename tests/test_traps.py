"""A site copy the spiders were never tuned on: probe it, crawl it, meet its trap and its skips.

The site (``tests/trapsite.py``) declares three list pages, then keeps a "next" link
into an endless chain and injects list items that link to list pages; among its
articles are a 60 MiB page (declared, and streamed without a length), a 404, a robots.txt exclusion, a redirect loop and a
redirect off the site. The entry is the probe's output, saved unedited.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from core.probe import fetch, probe
from tests.conftest import run_cmd
from tests.trapsite import HOST, SKIPS, TrapSiteServer, is_trap, stories, write_mirror

pytestmark = pytest.mark.integration
START = f"https://{HOST}/xwzx/list.htm"


@pytest.fixture(scope="module")
def trap_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("trap")
    mirror = write_mirror(tmp / "mirror")
    sites = tmp / "sites.toml"
    sites.write_text(probe(START, fetch(START, mirror), mirror, "hlut_news").toml(), "utf-8")
    db = tmp / "trap.db"
    with TrapSiteServer() as server:
        proc = run_cmd(
            [
                "patentwatch",
                "--sites",
                str(sites),
                "crawl",
                "hlut_news",
                "--db",
                str(db),
                "-s",
                f"MIRROR_URL={server.url}",
                "-s",
                f"PATENTWATCH_LOG_DIR={tmp / 'logs'}",
            ],
            timeout=300,
        )
        hits = dict(server.hits)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    run = dict(conn.execute("SELECT * FROM crawl_runs").fetchone())
    articles = [dict(r) for r in conn.execute("SELECT * FROM articles ORDER BY url")]
    skipped = [dict(r) for r in conn.execute("SELECT * FROM skipped_pages ORDER BY id")]
    conn.close()
    log = Path(run["log_file"]).read_text(encoding="utf-8") if run["log_file"] else ""
    return {
        "proc": proc,
        "hits": hits,
        "run": run,
        "stats": json.loads(run["stats"]),
        "articles": articles,
        "skipped": skipped,
        "log": log,
        "db": db,
    }


def test_trap_fetches_at_most_10_pages_and_stores_none(trap_run: dict[str, Any]) -> None:
    trap_hits = {p: n for p, n in trap_run["hits"].items() if is_trap(p)}
    assert sum(trap_hits.values()) <= 10, sorted(trap_hits)
    assert not any(p.startswith("/xwzx/list4") for p in trap_run["hits"])  # past page 3 of 3
    want = {f"https://{HOST}{s.path}": s.title for s in stories()}
    got = {a["url"]: a["title"] for a in trap_run["articles"]}
    assert got == want  # every real article, nothing else ("往期归档" list pages never stored)
    assert trap_run["stats"]["patentwatch/list/pages"] == 3
    assert trap_run["stats"].get("patentwatch/list/stop/declared_last") == 1


def test_list_pages_served_under_article_urls_are_rejected(trap_run: dict[str, Any]) -> None:
    rejected = [s for s in trap_run["skipped"] if s["reason"] == "list_page"]
    assert rejected and all(re.search(r"/2024/1001/c1201a990\d\d/", s["url"]) for s in rejected)
    assert trap_run["stats"]["patentwatch/article/rejected/list_page"] == len(rejected)


def test_dates_come_from_the_article_meta_line(trap_run: dict[str, Any]) -> None:
    by_url = {a["url"]: a for a in trap_run["articles"]}
    for story in stories():
        row = by_url[f"https://{HOST}{story.path}"]
        assert row["published_at"] == story.page_date, story.title
        assert json.loads(row["field_sources"])["published_at"] == "selector"
    disagree = sum(s.list_date != s.page_date for s in stories())
    assert disagree == 6 and trap_run["stats"]["patentwatch/date/list_disagrees"] == disagree


def test_60_mib_page_and_other_skips_leave_the_run_finished(trap_run: dict[str, Any]) -> None:
    proc, run = trap_run["proc"], trap_run["run"]
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "hlut_news: ok (finished)" in proc.stdout
    assert run["status"] == "finished" and run["errors"] == 0
    assert "Traceback" not in trap_run["log"] + proc.stderr
    assert " ERROR: " not in trap_run["log"]
    reasons = {s["url"].removeprefix(f"https://{HOST}"): s["reason"] for s in trap_run["skipped"]}
    assert {p: reasons.get(p) for p in SKIPS} == {
        "/2024/1101/c1201a90060/page.htm": "size_cap",
        "/2024/1101/c1201a90061/page.htm": "not_found",
        "/2024/1102/c1201a90062/page.htm": "robots",
        "/2024/1101/c1201a90063/page.htm": "redirect_loop",
        "/2024/1101/c1201a90064/page.htm": "offsite_redirect",
        "/2024/1101/c1201a90065/page.htm": "size_cap",  # streamed, no Content-Length
    }
    statuses = {s["reason"]: s["status"] for s in trap_run["skipped"]}
    assert statuses["not_found"] == 404 and statuses["offsite_redirect"] == 302
    assert all(s["run_id"] == run["id"] for s in trap_run["skipped"])


def test_each_skip_is_one_warning_line_naming_url_and_reason(trap_run: dict[str, Any]) -> None:
    warnings = [line for line in trap_run["log"].splitlines() if " WARNING: " in line]
    for skip in trap_run["skipped"]:
        lines = [w for w in warnings if skip["url"] in w]
        assert len(lines) == 1, (skip, lines)
        assert f"skipped {skip['url']}: {skip['reason']}" in lines[0]
    assert trap_run["stats"]["patentwatch/skipped/size_cap"] == 2
    assert trap_run["stats"]["patentwatch/skipped"] == len(trap_run["skipped"])


def test_runs_n_lists_the_runs_skipped_pages(
    trap_run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from patentwatch.cli import main

    run_id = trap_run["run"]["id"]
    assert main(["runs", str(run_id), "--db", str(trap_run["db"])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"#{run_id}\thlut_news\t") and "\tfinished\t" in out[0]
    assert out[1] == (
        "skipped pages: 9 (list_page 3, not_found 1, offsite_redirect 1, redirect_loop 1,"
        " robots 1, size_cap 2)"
    )
    huge = f"https://{HOST}/2024/1101/c1201a90060/page.htm"
    assert f"  size_cap\t-\t{huge}\tover 8388608 bytes" in out
    assert main(["runs", "999", "--db", str(trap_run["db"])]) == 2
    assert capsys.readouterr().err.strip() == (
        "patentwatch: error: no run #999 in the database (see `patentwatch runs`)"
    )
