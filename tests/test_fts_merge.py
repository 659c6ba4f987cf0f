"""Migration m016: the full-text indexes merge less often; what a search finds is unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from core.search import match_query
from storage import open_db, save_articles
from storage.db import _configure
from storage.migrations import migrations

NOW = "2026-03-01T00:00:00+00:00"
ITEMS = [
    {
        "url": f"https://news.example.edu.cn/info/{k}.htm",
        "site": "made_up",
        "title": title,
        "lang": lang,
        "body": body,
        "fetched_at": NOW,
    }
    for k, (title, lang, body) in enumerate(
        [
            ("Cathode licence", "en", "The chemistry school licensed its cathode coating patents."),
            ("校园新闻", "zh", "学校今年获得发明专利授权一百余项，并与企业签订转让合同。"),
            ("Rowing", "en", "The rowing club won the regatta on a windy Saturday."),
        ]
    )
]


def _found(db: Database) -> tuple[list[str], list[str], list[str]]:
    trigram = "SELECT a.title FROM articles_fts f JOIN articles a ON a.id = f.rowid"
    words = "SELECT a.title FROM articles_search s JOIN articles a ON a.id = s.rowid"
    return (
        [r[0] for r in db.execute(f"{trigram} WHERE articles_fts MATCH 'athod' ORDER BY 1")],
        [r[0] for r in db.execute(f"{words} WHERE articles_search MATCH ? ORDER BY 1", ["专利"])],
        [
            r[0]
            for r in db.execute(
                f"{words} WHERE articles_search MATCH ? ORDER BY 1", [match_query("转让合同")]
            )
        ],
    )


def test_indexes_merge_less_and_find_the_same_rows(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    _configure(conn, 30)
    old = Database(conn)
    migrations.apply(old, stop_before="m016_fts_merge_less")
    save_articles(old, ITEMS, None, NOW)
    before = _found(old)
    assert before == (["Cathode licence"], ["校园新闻"], ["校园新闻"])
    conn.close()
    db = open_db(db_path)
    for index in ("articles_fts", "articles_search"):
        config = dict(db.execute(f"SELECT k, v FROM {index}_config").fetchall())
        assert config["automerge"] == 16, index
    assert _found(db) == before
    save_articles(
        db,
        [
            {
                **ITEMS[2],
                "url": "https://news.example.edu.cn/9.htm",
                "title": "Cathode 2",
                "body": "A second cathode story about the coating line.",
            }
        ],
        None,
        NOW,
    )
    assert _found(db)[0] == ["Cathode 2", "Cathode licence"]
    db.close()
