"""The near-duplicate index's bulk build (re-index) gives exactly the rows and indexes the
row-at-a-time path gives, on a real SQLite file."""

from __future__ import annotations

import numpy as np
import pytest
from sqlite_utils import Database

from storage import dedup, open_db, save_articles
from storage.db import write_transaction

NOW = "2026-01-01T00:00:00+00:00"

# made-up bodies: three distinct stories and an edited repost of the first
STORIES = [
    "The engineering faculty filed forty invention patents this spring, most of them on"
    " battery cathodes, and licensed two of them to a regional carmaker for pilot lines.",
    "A new library wing opens next month with quiet rooms, a map archive and a cafe run by"
    " students from the hospitality course, who will also give weekend tours.",
    "Rowing crews from six universities raced on the river on Saturday; the home team won"
    " the eights by two lengths after a close start and a strong final five hundred metres.",
    "The engineering faculty filed forty invention patents this spring, most of them on"
    " battery cathodes, and licensed two of them to a regional carmaker for trial lines.",
    "",  # no shingles: never indexed
]


def _item(k: int, body: str) -> dict[str, object]:
    return {
        "url": f"https://news.example.edu.cn/info/{k}.htm",
        "site": "made_up",
        "title": f"Story {k}",
        "lang": "en",
        "body": body,
        "fetched_at": NOW,
        "sources": {},
    }


def _index_rows(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    minhash = db.execute(
        "SELECT article_id, signature, scheme FROM article_minhash ORDER BY article_id"
    ).fetchall()
    buckets = db.execute("SELECT band, bucket, article_id FROM lsh_buckets ORDER BY 1, 2, 3")
    return minhash, buckets.fetchall()


def _lsh_indexes(db: Database) -> list[tuple[str, str]]:
    """The near-duplicate index's own indexes and triggers (m018: triggers on the signatures)."""
    sql = (
        "SELECT name, sql FROM sqlite_master WHERE (tbl_name = 'lsh_buckets' AND type = 'index')"
        " OR (tbl_name = 'article_minhash' AND type = 'trigger')"
    )
    return sorted(db.execute(sql).fetchall())


_KEPT = ["lsh_buckets_ad", "lsh_buckets_ai", "lsh_buckets_au"]  # m018: no second index


def test_band_key_matrix_is_band_keys_row_by_row() -> None:
    sigs = np.stack([dedup.signature(s) for s in STORIES[:4]])
    matrix = dedup.band_key_matrix(sigs)
    assert matrix.shape == (4, dedup.BANDS)
    for row, sig in zip(matrix.tolist(), sigs, strict=True):
        assert row == dedup.band_keys(sig)
    by_id = dedup.band_keys_of({7: sigs[0], 3: sigs[1]})
    assert by_id == {7: dedup.band_keys(sigs[0]), 3: dedup.band_keys(sigs[1])}
    assert dedup.band_keys_of({}) == {}


def test_rebuild_gives_the_rows_and_indexes_of_the_incremental_path(db_path) -> None:
    db = open_db(db_path)
    save_articles(db, [_item(k, body) for k, body in enumerate(STORIES)], None, NOW)
    incremental, indexes = _index_rows(db), _lsh_indexes(db)
    assert len(incremental[0]) == 4 and len(incremental[1]) == 4 * dedup.BANDS
    assert [name for name, _ in indexes] == _KEPT
    db.execute("DELETE FROM lsh_buckets")
    db.execute("DELETE FROM article_minhash")
    assert dedup.rebuild_index(db) == 4
    assert _index_rows(db) == incremental
    assert _lsh_indexes(db) == indexes
    assert db.execute("SELECT name FROM temp.sqlite_master").fetchall() == []
    # the rebuilt index finds the repost of story 0 (article 1)
    found = dedup.find_near_duplicates(db, dedup.signature(STORIES[3]), exclude=4)
    assert [a for a, _ in found] == [1]
    # an article's deletion removes its bucket rows through the rebuilt triggers
    assert dedup.find_near_duplicates(db, dedup.signature(STORIES[1]))[0][0] == 2
    db.execute("DELETE FROM articles WHERE id = 2")
    assert db.execute("SELECT count(*) FROM lsh_buckets WHERE article_id = 2").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM lsh_buckets").fetchone()[0] == 3 * dedup.BANDS
    assert dedup.find_near_duplicates(db, dedup.signature(STORIES[1])) == []
    db.close()


def test_a_failed_bulk_build_leaves_the_old_index(db_path) -> None:
    db = open_db(db_path)
    save_articles(db, [_item(k, body) for k, body in enumerate(STORIES)], None, NOW)
    before = _index_rows(db)
    with pytest.raises(RuntimeError), write_transaction(db), dedup.BulkIndex(db) as bulk:
        bulk.add([(1, dedup.signature(STORIES[0]))])
        raise RuntimeError("disk gone")
    assert _index_rows(db) == before
    assert [n for n, _ in _lsh_indexes(db)] == _KEPT
    assert db.execute("SELECT name FROM temp.sqlite_master").fetchall() == []
    db.close()
