"""The fourth throughput pass (issue #19): the same stored values, reached more cheaply.

* an ASCII body's content hash is computed over bytes (no string per word): it must equal
  the definition (NFKC, whitespace runs collapsed, lower case) on any ASCII text;
* None and bytes parameters bind through identity adapters: stored values are unchanged;
* migration m018 (band keys in the signature row, bucket rows kept by triggers) upgrades a
  file of the previous version in place: the same bucket rows, the same lookups.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import unicodedata
from pathlib import Path

from sqlite_utils import Database

from storage import dedup, open_db, save_articles
from storage.articles import content_hash
from storage.db import _configure
from storage.migrations import migrations
from storage.migrations.m018_lsh_keys_in_signature_row import BANDS
from tests.test_storage import NOW, item


def by_definition(body: str) -> str:
    norm = " ".join(unicodedata.normalize("NFKC", body).split()).lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def test_ascii_content_hash_is_the_definition() -> None:
    rng = random.Random(19)
    pool = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7fAbZz09_,.;:!?-'\"()<>"
    samples = ["", " ", "   ", "\n\nTwo  PATENTS\t licensed.\x1c", "a" * 5 + " " * 1000 + "B"]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    for body in samples:
        assert body.isascii()
        assert content_hash(body) == by_definition(body), repr(body)
    # the non-ASCII path is the definition too, and ASCII and full-width forms still meet
    assert content_hash("Ｔwo  PATENTS，licensed") == by_definition("Ｔwo  PATENTS，licensed")
    assert content_hash("two patents, licensed") == content_hash("Ｔwo  PATENTS, licensed")


def test_none_and_bytes_parameters_are_stored_as_before(db_path) -> None:
    db = open_db(db_path)
    save_articles(db, [item(author=None, html="<p>Nine licences.</p>")], None, NOW)
    row = db.execute(
        "SELECT typeof(author), typeof(editor), author IS NULL FROM articles"
    ).fetchone()
    assert row == ("null", "null", 1)
    (kind, blob) = db.execute("SELECT typeof(html), html FROM article_html").fetchone()
    assert kind == "blob" and isinstance(blob, bytes) and len(blob) > 10
    (sig_kind,) = db.execute("SELECT typeof(signature) FROM article_minhash").fetchone()
    assert sig_kind == "blob"
    db.close()


# made-up bodies: two stories and an edited repost of the first
_STORIES = [
    "The chemistry school filed thirty invention patents this winter, most of them on"
    " solid electrolytes, and licensed four of them to a coastal battery maker for trials.",
    "The rowing club bought two new boats and will race them on the lake in May against"
    " crews from five other colleges, with a picnic for families on the shore afterwards.",
    "The chemistry school filed thirty invention patents this winter, most of them on"
    " solid electrolytes, and licensed four of them to a coastal battery maker for pilots.",
]


def _story(k: int, body: str) -> dict[str, object]:
    return item(url=f"https://news.example.edu.cn/info/{k}.htm", title=f"Story {k}", body=body)


KEYS = ", ".join(f"k{b}" for b in range(BANDS))


def _buckets(db: Database) -> list[tuple[int, int, int]]:
    return db.execute(
        "SELECT band, bucket, article_id FROM lsh_buckets ORDER BY 1, 2, 3"
    ).fetchall()


def test_m018_upgrades_a_file_of_the_previous_version(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    _configure(conn, 30)
    old = Database(conn)
    migrations.apply(old, stop_before="m018_lsh_keys_in_signature_row")
    assert save_articles(old, [_story(k, b) for k, b in enumerate(_STORIES)], None, NOW) == {
        "new": 2,
        "duplicate": 1,
    }
    before = _buckets(old)
    signatures = old.execute("SELECT article_id, signature FROM article_minhash").fetchall()
    conn.close()

    db = open_db(db_path)
    assert _buckets(db) == before and len(before) == 3 * dedup.BANDS
    rows = db.execute(f"SELECT article_id, signature, {KEYS} FROM article_minhash").fetchall()
    assert [(r[0], r[1]) for r in rows] == signatures
    for r in rows:  # each row's keys are its signature's band keys
        assert list(r[2:]) == dedup.band_keys(dedup.from_blob(r[1]))
    assert (
        db.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'lsh_buckets' AND type = 'index'"
            " AND sql IS NOT NULL"
        ).fetchall()
        == []
    )
    assert db.execute("PRAGMA foreign_key_list(lsh_buckets)").fetchall() == []
    assert [a for a, _ in dedup.find_near_duplicates(db, dedup.signature(_STORIES[2]))] == [3, 1]
    # a changed body re-indexes the article: its old bucket rows go, the new ones come
    changed = _story(1, "Eleven utility models for campus shuttle brakes were filed in June.")
    assert save_articles(db, [changed], None, NOW) == {"updated": 1}
    mine = {
        tuple(r) for r in db.execute("SELECT band, bucket FROM lsh_buckets WHERE article_id = 2")
    }
    assert mine == set(enumerate(dedup.band_keys(dedup.signature(changed["body"]))))
    assert dedup.find_near_duplicates(db, dedup.signature(_STORIES[1])) == []
    # a new repost still joins its cluster; deleting an article removes its bucket rows
    repost = _story(9, _STORIES[2].replace("pilots", "pilot lines"))
    assert save_articles(db, [repost], None, NOW) == {"duplicate": 1}
    db.execute("DELETE FROM articles WHERE id = 2")
    assert db.execute("SELECT count(*) FROM lsh_buckets WHERE article_id = 2").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM lsh_buckets").fetchone() == (3 * dedup.BANDS,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
