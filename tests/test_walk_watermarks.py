"""Walk watermarks on a real SQLite file: what completed walks stored is trusted, the rest is not."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

import storage
from storage.articles import url_key_of
from storage.incremental import (
    WalkState,
    complete_walk,
    known_url_ids,
    open_walk,
    refresh_urls,
    save_validators,
    walk_completed,
)
from tests.test_dedup import NOW, item


def store(db: Database, n: int, first: int = 0) -> list[str]:
    urls = [f"https://en.dlut.edu.cn/info/1027/{5000 + i}.htm" for i in range(first, first + n)]
    for url in urls:
        storage.save_articles(
            db, [item(url, f"Made-up story number {url[-8:-4]} about sensors.")], None, NOW
        )
    return urls


def test_a_walk_that_did_not_complete_is_not_trusted(fresh_db: Database) -> None:
    assert open_walk(fresh_db, "dlut_news", 1, NOW) == WalkState(None, False)  # first walk ever
    first = store(fresh_db, 3)
    watermark = complete_walk(fresh_db, "dlut_news", 1, NOW)
    state = open_walk(fresh_db, "dlut_news", 2, NOW)  # run 2 begins...
    assert state.watermark == watermark and not state.interrupted
    later = store(fresh_db, 2, first=3)  # ...stores two articles and is killed
    state = open_walk(fresh_db, "dlut_news", 3, NOW)
    assert state.interrupted and state.watermark == watermark
    ids = known_url_ids(fresh_db, [url_key_of(u) for u in first + later])
    trusted = {k for k, article_id in ids.items() if state.trusted(article_id)}
    assert trusted == {url_key_of(u) for u in first}
    complete_walk(fresh_db, "dlut_news", 3, NOW)
    state = open_walk(fresh_db, "dlut_news", 4, NOW)
    assert not state.interrupted and all(state.trusted(i) for i in ids.values())


def test_only_a_finished_run_without_failed_list_pages_completes_its_walk() -> None:
    assert walk_completed({"patentwatch/list/pages": 5}, "finished")
    assert not walk_completed({"patentwatch/list/pages": 5}, "shutdown")  # SIGTERM
    assert not walk_completed(
        {"patentwatch/list/pages": 2, "patentwatch/list/failed": 1}, "finished"
    )


def test_existing_databases_start_from_their_history(tmp_path: Path) -> None:
    """m012 on a database with runs: the last finished run is the completed walk; a later
    run that was killed leaves the walk open."""
    path = tmp_path / "old.db"
    db = storage.open_db(path)
    store(db, 2)
    db.execute("DROP TABLE walk_watermarks")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_walk_watermarks'")
    db.execute(
        "INSERT INTO crawl_runs (id, spider, started_at, finished_at, status, finish_reason)"
        " VALUES (1, 'dlut_news', '2025', '2026-06-01', 'finished', 'finished'),"
        " (2, 'dlut_news', '2026-07-01', '2026-07-01', 'aborted', NULL),"
        " (3, 'neu_news', '2026-07-01', '2026-07-01', 'failed', 'shutdown')"
    )
    db.conn.commit()
    db.close()
    db = storage.open_db(path)
    rows = {r["spider"]: r for r in db.query("SELECT * FROM walk_watermarks")}
    db.close()
    assert (rows["dlut_news"]["completed_run_id"], rows["dlut_news"]["open_run_id"]) == (1, 2)
    assert rows["dlut_news"]["watermark"] == 2
    assert (rows["neu_news"]["completed_run_id"], rows["neu_news"]["open_run_id"]) == (None, 3)


def test_refresh_revalidates_every_stored_article_of_the_site(fresh_db: Database) -> None:
    urls = store(fresh_db, 3)
    linked = urls[1].replace("https://", "http://")
    storage.save_articles(
        fresh_db, [item(urls[1], "Made-up story number 5001 about sensors.", linked)], None, NOW
    )
    save_validators(fresh_db, [(linked, '"v1"', None, NOW)])
    got = [url for url, title, date in refresh_urls(fresh_db, "dlut_news")]
    assert got == [urls[0], linked, urls[2]]  # the variant with validators: a conditional GET
    assert refresh_urls(fresh_db, "neu_news") == []
