"""Full-text indexes filled a chunk at a time, off the per-row write path.

Why: the trigram index (``articles_fts``) tokenises every 3-character window of a
body; with a trigger per row it was ~75% of a batch's storage time (measured in
``bench/storage_views.py``: 195 upserts/s with the trigger, 900 without). Since
migration m013 a trigger only queues the article in ``fts_pending`` (one small
insert); :func:`catch_up` indexes the queued rows in one statement per index. A
large chunk is also cheaper per row than many small ones (FTS5 writes one segment
per statement and merges fewer of them).

Who calls :func:`catch_up`: :func:`storage.articles.save_articles` at the end of each
batch unless told not to (so a plain caller sees its rows searchable at once); the
background :class:`storage.writer.Writer` every few seconds and when it stops, in
chunks, so a crawl's search index lags by seconds. A row updated while still queued
is indexed once with its latest text; a row already indexed is removed from the index
(with its old text, as FTS5 external-content tables require) before it is queued again.
"""

from __future__ import annotations

from sqlite_utils import Database

# (index table, SQL for its columns from a row alias r): raw text for the trigram index;
# the analysts' word index (articles_search, m010) indexes pw_search_terms() of the text.
INDEXES = {
    "articles_fts": ("{r}.title", "{r}.body"),
    "articles_search": ("pw_search_terms({r}.title)", "pw_search_terms({r}.body)"),
}


def present(db: Database) -> list[str]:
    """The full-text indexes of :data:`INDEXES` this database has."""
    names = set(db.table_names())
    return [name for name in INDEXES if name in names]


def _values(index: str, r: str) -> str:
    return ", ".join(col.format(r=r) for col in INDEXES[index])


def trigger_sql(indexes: list[str]) -> list[str]:
    """The queueing triggers for ``indexes`` (used by migration m013 and later re-installs)."""
    unqueued = "NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = OLD.id)"
    forget = " ".join(
        f"INSERT INTO {ix} ({ix}, rowid, title, body) SELECT 'delete', OLD.id, {_values(ix, 'OLD')}"
        f" WHERE {unqueued};"
        for ix in indexes
    )
    return [
        "CREATE TRIGGER fts_queue_ai AFTER INSERT ON articles BEGIN"
        " INSERT OR IGNORE INTO fts_pending (article_id) VALUES (NEW.id); END",
        "CREATE TRIGGER fts_queue_au AFTER UPDATE OF title, body ON articles BEGIN"
        f" {forget} INSERT OR IGNORE INTO fts_pending (article_id) VALUES (NEW.id); END",
        "CREATE TRIGGER fts_queue_ad AFTER DELETE ON articles BEGIN"
        f" {forget} DELETE FROM fts_pending WHERE article_id = OLD.id; END",
    ]


def pending(db: Database) -> int:
    """Articles waiting to be indexed."""
    return int(db.execute("SELECT count(*) FROM fts_pending").fetchone()[0])


def catch_up(db: Database, limit: int | None = None) -> int:
    """Index up to ``limit`` queued articles (all if None); call inside a write transaction.

    :returns: how many were indexed
    """
    sql = "SELECT article_id FROM fts_pending ORDER BY article_id"
    ids = [r[0] for r in db.execute(sql + (f" LIMIT {int(limit)}" if limit else ""))]
    if not ids:
        return 0
    top = ids[-1]
    for ix in present(db):
        db.execute(
            f"INSERT INTO {ix} (rowid, title, body) SELECT a.id, {_values(ix, 'a')}"
            " FROM fts_pending p JOIN articles a ON a.id = p.article_id WHERE p.article_id <= ?",
            [top],
        )
    db.execute("DELETE FROM fts_pending WHERE article_id <= ?", [top])
    return len(ids)
