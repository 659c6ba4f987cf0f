"""Migration m017: an existing file gets the larger FTS5 hash, keeps its rows, and its
searches find what they found before (and what is stored after)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from storage import fts, open_db, save_articles
from storage.db import _configure, write_transaction
from storage.migrations import migrations
from storage.migrations.m017_fts_larger_hash import HASHSIZE
from tests.test_fts_merge import ITEMS, NOW, _found


def test_old_file_migrates_keeps_rows_and_finds_the_same(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    _configure(conn, 30)
    old = Database(conn)
    migrations.apply(old, stop_before="m017_fts_larger_hash")
    save_articles(old, ITEMS, None, NOW)
    before = _found(old)
    assert before == (["Cathode licence"], ["校园新闻"], ["校园新闻"])
    titles = [r[0] for r in old.execute("SELECT title FROM articles ORDER BY id")]
    for index in ("articles_fts", "articles_search"):
        config = dict(old.execute(f"SELECT k, v FROM {index}_config").fetchall())
        assert "hashsize" not in config
    conn.close()

    db = open_db(db_path)
    assert "m017_fts_larger_hash" in {m.name for m in migrations.applied(db)}
    for index in ("articles_fts", "articles_search"):
        config = dict(db.execute(f"SELECT k, v FROM {index}_config").fetchall())
        assert config["hashsize"] == HASHSIZE and config["automerge"] == 16, index
    assert [r[0] for r in db.execute("SELECT title FROM articles ORDER BY id")] == titles
    assert _found(db) == before
    # rows indexed the writer's way (queued, then one catch-up) are found too
    more = [
        {**ITEMS[0], "url": f"https://news.example.edu.cn/more/{k}.htm", "title": f"Cathode {k}"}
        for k in range(40)
    ]
    save_articles(db, more, None, NOW, index_text=False)
    assert fts.pending(db) == 40
    with write_transaction(db):
        assert fts.catch_up(db) == 40
    assert len(_found(db)[0]) == 41
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    db.close()
