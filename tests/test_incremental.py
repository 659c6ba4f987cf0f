"""Nightly crawls fetch only what is new: seen articles skipped, early paging stop, 304s."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from crawler.mirror import MirrorServer
from tests.conftest import run_cmd
from tests.sitegen import Story, load_corpus, render_site, write_site

pytestmark = pytest.mark.integration

NEW_STORY = Story(
    site="dlut_news",
    template="dlut_new",
    url="https://en.dlut.edu.cn/info/1103/3101.htm",
    title="DUT Tops Liaoning Universities in Invention Patents Granted in 2024",
    date="2025-01-20",
    body="In 2024, DUT was granted 2,215 invention patents, ranking first among universities in Liaoning Province.",
)


def make_mirror(root: Path, stories: list[Story]) -> Path:
    write_site(render_site(stories), root)
    return root


def crawl(db: Path, mirror: Path, *extra: str) -> sqlite3.Row:
    with MirrorServer(mirror) as server:
        proc = run_cmd(
            [
                "scrapy",
                "crawl",
                "dlut_news",
                "-s",
                f"PATENTWATCH_DB={db}",
                "-s",
                f"MIRROR_URL={server.url}",
                *extra,
            ]
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    return row


def article_requests(run: sqlite3.Row) -> int:
    import json

    stats = json.loads(run["stats"])
    return (
        stats.get("downloader/request_count", 0)
        - stats.get("robotstxt/request_count", 0)
        - (stats.get("patentwatch/list/pages", 0) + stats.get("patentwatch/list/not_modified", 0))
    )


def test_second_night_costs_only_page_one(tmp_path: Path) -> None:
    mirror = make_mirror(tmp_path / "site", load_corpus())
    db = tmp_path / "pw.db"
    first = crawl(db, mirror)
    assert (first["new_articles"], first["requests"]) == (16, 20)
    second = crawl(db, mirror)  # with conditional GET: page 1 answers 304
    assert (second["requests"], second["not_modified"], second["new_articles"]) == (2, 1, 0)
    assert article_requests(second) == 0
    third = crawl(
        db, mirror, "-s", "PATENTWATCH_CONDITIONAL_GET=0"
    )  # without: page 1 parsed, all known
    assert (third["requests"], third["skipped_seen"], article_requests(third)) == (2, 6, 0)
    assert json_stat(third, "incremental/stopped_early") == 1
    assert first["requests"] / 100 < 1 and second["requests"] <= 0.1 * first["requests"]


def json_stat(run: sqlite3.Row, key: str) -> int:
    import json

    return json.loads(run["stats"]).get(key, 0)


def test_one_new_article_costs_one_article_request(tmp_path: Path) -> None:
    stories = load_corpus()
    db = tmp_path / "pw.db"
    crawl(db, make_mirror(tmp_path / "before", stories))
    run = crawl(db, make_mirror(tmp_path / "after", [*stories, NEW_STORY]))
    assert run["new_articles"] == 1
    assert article_requests(run) == 1
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT title, published_at FROM articles WHERE url = ?", [NEW_STORY.url]
    ).fetchone() == (NEW_STORY.title, "2025-01-20")
    conn.close()


def test_full_walks_every_page_and_refresh_catches_edits(tmp_path: Path) -> None:
    stories = load_corpus()
    db = tmp_path / "pw.db"
    crawl(db, make_mirror(tmp_path / "v1", stories))
    edited = [
        dataclasses.replace(s, body=s.body.replace("53", "54"))
        if s.url.endswith("/1810.htm")
        else s
        for s in stories
    ]
    run = crawl(db, make_mirror(tmp_path / "v2", edited), "-a", "full=1", "-a", "refresh=1")
    assert json_stat(run, "patentwatch/list/pages") == 3
    assert run["updated_articles"] == 1
    assert run["not_modified"] == 15
    conn = sqlite3.connect(db)
    (old_body,) = conn.execute("SELECT body FROM article_versions").fetchone()
    assert "is up to 53" in old_body
    values = {
        r[0]
        for r in conn.execute(
            "SELECT value FROM metrics m JOIN articles a ON a.id = m.article_id"
            " WHERE a.url LIKE '%/1810.htm' AND metric = 'pct_applications_published'"
        )
    }
    assert values == {54}
    conn.close()


def test_refresh_alone_revalidates_every_stored_article_and_stores_the_edit(
    tmp_path: Path,
) -> None:
    """`--refresh` without `--full`: page 1 answers 304 (nothing new), yet every stored
    article is re-validated from the database and the edited one is stored."""
    stories = load_corpus()
    db = tmp_path / "pw.db"
    crawl(db, make_mirror(tmp_path / "v1", stories))
    edited = [
        dataclasses.replace(s, body=s.body.replace("53", "54"))
        if s.url.endswith("/1810.htm")
        else s
        for s in stories
    ]
    run = crawl(db, make_mirror(tmp_path / "v2", edited), "-a", "refresh=1")
    assert run["updated_articles"] == 1 and run["new_articles"] == 0
    assert json_stat(run, "incremental/article_not_modified") == 15
    conn = sqlite3.connect(db)
    (body,) = conn.execute("SELECT body FROM articles WHERE url LIKE '%/1810.htm'").fetchone()
    (old_body,) = conn.execute("SELECT body FROM article_versions").fetchone()
    conn.close()
    assert "is up to 54" in body and "is up to 53" in old_body
