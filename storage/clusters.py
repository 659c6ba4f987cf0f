"""Duplicate clusters whose root does not depend on crawl order.

A cluster is a connected component of the "same story" relation: an equal content
hash, or an estimated Jaccard similarity at or above :data:`storage.dedup.THRESHOLD`.
Each arriving article is compared with every article stored before it and merges
all the clusters it touches, so whatever the arrival order the same components
form (the relation itself does not depend on order). The root of a component, the
one row with ``duplicate_of IS NULL``, is its earliest *published* copy, then the
earliest seen (first_seen, then id); an undated copy comes after every dated one.
When an earlier-published copy arrives later, the cluster is re-rooted: the other
copies' ``duplicate_of`` moves to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from storage import dedup


def link_new(
    db: Database,
    article_id: int,
    row: Mapping[str, Any],
    sig: dedup.Signature,
    keys: list[int] | None = None,
    same_hash: Iterable[int] | None = None,
) -> bool:
    """Put a just-inserted article into the clusters of the earlier articles it copies.

    :param same_hash: ids of the stored articles with its content hash, when the caller
        looked them up for a whole batch (:func:`same_hash_ids`); ids not below
        ``article_id`` are ignored
    :returns: whether it joined an existing cluster (a copy of a story already stored)
    """
    if same_hash is None:
        same_hash = same_hash_ids(db, [row["content_hash"]]).get(row["content_hash"], [])
    matches = {a for a in same_hash if a < article_id}
    matches |= {a for a, _ in dedup.find_near_duplicates(db, sig, keys=keys, before=article_id)}
    if not matches:
        return False
    merge(db, {article_id, *matches})
    return True


def same_hash_ids(db: Database, hashes: Iterable[str]) -> dict[str, list[int]]:
    """Ids of the stored articles with each content hash, in one query per 500 hashes
    (a batch's new articles asked one statement each before)."""
    wanted = sorted(set(hashes))
    found: dict[str, list[int]] = {}
    for lo in range(0, len(wanted), 500):  # under SQLite's 999 parameters
        part = wanted[lo : lo + 500]
        marks = ", ".join("?" for _ in part)
        for content, article_id in db.execute(
            f"SELECT content_hash, id FROM articles WHERE content_hash IN ({marks})", part
        ):
            found.setdefault(content, []).append(int(article_id))
    return found


def _sort_key(member: tuple[Any, ...]) -> tuple[bool, str, str, int]:
    article_id, published_at, first_seen, _ = member
    return (published_at is None, published_at or "", first_seen or "", article_id)


def merge(db: Database, ids: Iterable[int]) -> int:
    """Merge the clusters of ``ids`` into one rooted at its earliest copy; returns that root."""
    wanted = sorted(set(ids))
    marks = ", ".join("?" for _ in wanted)
    roots = [
        int(r[0])
        for r in db.execute(
            f"SELECT DISTINCT coalesce(duplicate_of, id) FROM articles WHERE id IN ({marks})",
            wanted,
        )
    ]
    root_marks = ", ".join("?" for _ in roots)
    members = db.execute(
        "SELECT id, published_at, first_seen, duplicate_of FROM articles"
        f" WHERE id IN ({root_marks}) OR duplicate_of IN ({root_marks})",
        [*roots, *roots],
    ).fetchall()
    root = int(min(members, key=_sort_key)[0])
    moves = [
        (None if m[0] == root else root, m[0])
        for m in members
        if m[3] != (None if m[0] == root else root)
    ]
    db.conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?", moves)
    return root
