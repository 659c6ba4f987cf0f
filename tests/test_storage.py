"""Storage: migrations on open, idempotent batched upserts, versions, the run ledger."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import StorageError, content_hash, finish_run, open_db, save_articles, start_run
from storage.articles import load_html

NOW = "2026-01-01T00:00:00+00:00"
LATER = "2026-01-02T00:00:00+00:00"


def item(url: str = "https://en.dlut.edu.cn/info/1027/1810.htm", **kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "url": url,
        "site": "dlut_news",
        "institution": "Dalian University of Technology",
        "title": "PCT ranking",
        "published_at": "2019-04-02",
        "author": "Liu Jianing",
        "editor": None,
        "source": None,
        "views": None,
        "lang": "en",
        "body": "DUT published 53 PCT applications.",
        "fetched_at": NOW,
        "fetched_url": url,
        "html": "<html><p>DUT published 53</p></html>",
        "sources": {"title": "selector"},
    }
    return {**base, **kw}


def test_open_applies_migrations_and_wal(fresh_db) -> None:
    assert {"articles", "crawl_runs", "article_html", "article_versions"} <= set(
        fresh_db.table_names()
    )
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    cols = {c.name: c.type for c in fresh_db["articles"].columns}
    assert cols["views"] == "INTEGER" and cols["published_at"] == "TEXT"


def test_reopen_is_idempotent(db_path: Path) -> None:
    open_db(db_path).close()
    db = open_db(db_path)
    from storage.migrations import migrations

    applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(migrations._migrations) >= 2
    db.close()


def test_save_is_idempotent(fresh_db) -> None:
    assert save_articles(fresh_db, [item()], None, NOW) == {"new": 1}
    assert save_articles(fresh_db, [item(views=99)], None, LATER) == {"unchanged": 1}
    row = fresh_db.execute(
        "SELECT count(*), max(first_seen), max(last_seen), max(views) FROM articles"
    ).fetchone()
    assert row == (1, NOW, LATER, 99)
    assert load_html(fresh_db, 1) == "<html><p>DUT published 53</p></html>"


def test_changed_body_is_an_update_with_previous_version_kept(fresh_db) -> None:
    save_articles(fresh_db, [item()], None, NOW)
    counts = save_articles(
        fresh_db, [item(body="DUT published 141 PCT applications.")], None, LATER
    )
    assert counts == {"updated": 1}
    assert (
        fresh_db.execute("SELECT body FROM articles").fetchone()[0]
        == "DUT published 141 PCT applications."
    )
    old = fresh_db.execute("SELECT body, replaced_at FROM article_versions").fetchall()
    assert old == [("DUT published 53 PCT applications.", LATER)]


def test_content_hash_ignores_whitespace_and_width() -> None:
    assert content_hash("PCT，53  件") == content_hash("PCT,53 件")
    assert content_hash("53 PCT") != content_hash("54 PCT")


def test_failed_batch_writes_nothing(fresh_db) -> None:
    bad = item(url="https://en.dlut.edu.cn/info/1027/2.htm")
    del bad["fetched_at"]
    with pytest.raises(KeyError):
        save_articles(fresh_db, [item(), bad], None, NOW)
    assert fresh_db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_runs_ledger_and_aborted_detection(fresh_db) -> None:
    run = start_run(fresh_db, "dlut_news", NOW, "cron")
    finish_run(
        fresh_db, run, LATER, "finished", "finished", {"pages": 20, "new_articles": 16}, {"a": 1}
    )
    row = fresh_db.execute(
        "SELECT trigger, status, pages, new_articles, stats FROM crawl_runs"
    ).fetchone()
    assert row == ("cron", "finished", 20, 16, '{"a": 1}')
    # A run whose process died (pid gone) is marked aborted by the next start.
    fresh_db.execute(
        "INSERT INTO crawl_runs (spider, started_at, status, pid, host) "
        "SELECT 'dlut_news', ?, 'running', 2147483646, host FROM crawl_runs WHERE id = ?",
        [NOW, run],
    )
    start_run(fresh_db, "dlut_news", LATER)
    statuses = [r[0] for r in fresh_db.execute("SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["finished", "aborted", "running"]


def test_foreign_file_and_folder_give_clear_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="file is not a database"):
        open_db(junk)
    with pytest.raises(StorageError, match="is a folder"):
        open_db(tmp_path)


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('patentwatch', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer patentwatch"):
        open_db(db_path)


def test_metrics_saved_with_new_articles_and_replaced_on_update(fresh_db) -> None:
    metric = {
        "institution": "Dalian University of Technology",
        "metric": "pct_applications_published",
        "value": 53,
        "unit": "applications",
        "year": 2018,
        "evidence": "DUT published 53 PCT applications.",
        "start": 0,
        "end": 35,
    }
    save_articles(fresh_db, [item(metrics=[metric], extractor_version="1")], None, NOW)
    assert fresh_db.execute("SELECT metric, value, year, start_offset FROM metrics").fetchall() == [
        ("pct_applications_published", 53, 2018, 0)
    ]
    save_articles(
        fresh_db,
        [item(body="DUT published 141 PCT applications.", metrics=[], extractor_version="1")],
        None,
        LATER,
    )
    assert fresh_db.execute("SELECT count(*) FROM metrics").fetchone()[0] == 0


def fts_hits(db, phrase: str) -> list[str]:  # noqa: ANN001 - sqlite_utils.Database
    rows = db.execute(
        "SELECT a.title FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
        " WHERE articles_fts MATCH ? ORDER BY a.id",
        [f'"{phrase}"'],
    )
    return [r[0] for r in rows]


def test_full_text_index_follows_batches_edits_and_deletes(fresh_db) -> None:
    from storage import fts

    first = item(title="Zeolite membranes licensed", body="Seven zeolite patents were licensed.")
    other = item(
        url="https://en.dlut.edu.cn/info/1027/2.htm",
        title="Tidal turbine trials",
        body="A tidal turbine blade passed sea trials.",
    )
    save_articles(fresh_db, [first, other], None, NOW, index_text=False)
    assert fts.pending(fresh_db) == 2 and fts_hits(fresh_db, "zeolite") == []
    from storage.db import write_transaction

    with write_transaction(fresh_db):
        assert fts.catch_up(fresh_db, limit=1) == 1
    assert fts_hits(fresh_db, "zeolite") == ["Zeolite membranes licensed"]
    assert fts_hits(fresh_db, "turbine") == []
    # an edit of an indexed row and of a queued row: each ends up indexed once, with new text
    edited = {**first, "body": "Nine perovskite patents were licensed."}
    save_articles(fresh_db, [edited, {**other, "title": "Tidal blade trials"}], None, LATER)
    assert fts.pending(fresh_db) == 0
    assert fts_hits(fresh_db, "zeolite") == ["Zeolite membranes licensed"]  # title kept it
    assert fts_hits(fresh_db, "perovskite") == ["Zeolite membranes licensed"]
    assert fts_hits(fresh_db, "seven") == []
    assert fts_hits(fresh_db, "tidal") == ["Tidal blade trials"]
    fresh_db.execute("DELETE FROM articles WHERE title = 'Tidal blade trials'")
    assert fts_hits(fresh_db, "tidal") == []
    fresh_db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_text_queued_by_another_tool_is_indexed_on_open(db_path: Path) -> None:
    db = open_db(db_path)
    save_articles(db, [item(title="Quantum dot patent sold")], None, NOW, index_text=False)
    db.close()
    db = open_db(db_path)
    assert fts_hits(db, "quantum") == ["Quantum dot patent sold"]
    db.close()


def test_outcomes_come_back_in_item_order_and_a_repeated_url_updates(fresh_db) -> None:
    from storage.articles import save_articles_outcomes

    a = item()
    b = item(url="https://en.dlut.edu.cn/info/1027/3.htm", body="DUT licensed 12 patents.")
    again = {**a, "body": "DUT published 54 PCT applications."}
    outcomes = save_articles_outcomes(fresh_db, [a, b, again, b], None, NOW)
    assert outcomes == ["new", "new", "updated", "unchanged"]
    rows = fresh_db.execute("SELECT url, body FROM articles ORDER BY id").fetchall()
    assert rows == [
        ("https://en.dlut.edu.cn/info/1027/1810.htm", "DUT published 54 PCT applications."),
        ("https://en.dlut.edu.cn/info/1027/3.htm", "DUT licensed 12 patents."),
    ]


def test_content_hash_is_stable_across_releases() -> None:
    """Stored hashes decide "changed": a new way of computing them must give the same digest."""
    text = "  DUT filed\u00a053 PCT，applications\n\n in\u30002018 "
    assert content_hash(text) == "b755b9fa80a4b3cebf061899a52e9e34d8228e79b217e339478330007c1d29df"
