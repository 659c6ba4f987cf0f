"""The ``metrics`` table: figures extracted from an article, synchronised as a whole.

An article's metrics are always brought up to date together in the caller's
transaction (unchanged rows kept with their ids, vanished rows deleted, new rows
inserted), so a re-extraction never leaves a mix of old and new.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.institutions import resolve

METRIC_COLUMNS = (
    "institution",
    "metric",
    "value",
    "unit",
    "year",
    "period",
    "scope",
    "basis",
    "qualifier",
    "currency",
    "evidence",
    "start_offset",
    "end_offset",
)


@dataclass
class ArticleMetrics:
    """One article's extracted figures, to be stored by :func:`replace_metrics_batch`."""

    article_id: int
    records: Iterable[Mapping[str, Any]]
    version: str
    country: str | None = "CN"
    new: bool = False  # inserted in this transaction: nothing stored to compare with


def replace_metrics(
    db: Database,
    article_id: int,
    records: Iterable[Mapping[str, Any]],
    version: str,
    now: str,
    country: str | None = "CN",
) -> int:
    """Make an article's stored metrics equal ``records``; call inside a write transaction.

    Ids are stable: a stored row whose content (every column of ``METRIC_COLUMNS``)
    is extracted again keeps its id and only gets the new ``extractor_version`` and
    ``extracted_at``; rows no longer extracted are deleted and new ones inserted.
    Saved links and ``claims_vs_wipo.metric_id`` keep pointing at the same figure.
    Returns the number of records the article now has.
    """
    return replace_metrics_batch(db, [ArticleMetrics(article_id, records, version, country)], now)


def replace_metrics_batch(db: Database, batch: list[ArticleMetrics], now: str) -> int:
    """:func:`replace_metrics` for several articles at once: one statement per kind of
    change for the whole batch (a crawl batch used to run three statements per figure).

    Per article the order is the single-article one (kept rows updated, new rows inserted,
    then vanished rows deleted), so new ids exceed every stored one and the summary
    triggers (``metric_groups``) see the same sequence. Returns the number of records.
    """
    stored = _stored(db, [a.article_id for a in batch if not a.new])
    institutions: dict[tuple[str | None, str | None], int | None] = {}
    updates, inserts = [], []
    for art in batch:
        mine = stored.get(art.article_id)
        for rec in art.records:
            values = [rec.get(c) for c in _RECORD_KEYS]
            name = values[0]
            if (name, art.country) not in institutions:
                # news sites are Chinese universities: CN breaks ties ("Northeastern University")
                institutions[name, art.country] = resolve(db, name, art.country)
            inst = institutions[name, art.country]
            same = mine.get(_content_key(values)) if mine else None
            if same:
                updates.append((inst, art.version, now, same.pop(0)))
            else:
                inserts.append((art.article_id, *values, inst, art.version, now))
    db.conn.executemany(
        "UPDATE metrics SET institution_id = ?, extractor_version = ?, extracted_at = ?"
        " WHERE id = ?",
        updates,
    )
    db.conn.executemany(f"INSERT INTO metrics ({_INSERT_COLUMNS}) VALUES ({_MARKS})", inserts)
    gone = [(i,) for mine in stored.values() for ids in mine.values() for i in ids]
    db.conn.executemany("DELETE FROM metrics WHERE id = ?", gone)
    return len(updates) + len(inserts)


# a record's keys for METRIC_COLUMNS (the offsets are ``start``/``end`` in a record)
_RECORD_KEYS = tuple(
    {"start_offset": "start", "end_offset": "end"}.get(c, c) for c in METRIC_COLUMNS
)
_INSERT_COLUMNS = ", ".join(
    ("article_id", *METRIC_COLUMNS, "institution_id", "extractor_version", "extracted_at")
)
_MARKS = ", ".join("?" for _ in range(len(METRIC_COLUMNS) + 4))


def _stored(db: Database, article_ids: list[int]) -> dict[int, dict[tuple[Any, ...], list[int]]]:
    """Stored metric ids of each article, by content, in id order."""
    out: dict[int, dict[tuple[Any, ...], list[int]]] = {}
    select = ", ".join(("article_id", "id", *METRIC_COLUMNS))
    for lo in range(0, len(article_ids), 500):  # under SQLite's 999 parameters
        part = article_ids[lo : lo + 500]
        marks = ", ".join("?" for _ in part)
        for row in db.execute(
            f"SELECT {select} FROM metrics WHERE article_id IN ({marks}) ORDER BY id", part
        ).fetchall():
            out.setdefault(row[0], {}).setdefault(_content_key(row[2:]), []).append(row[1])
    return out


def _content_key(values: Iterable[Any]) -> tuple[Any, ...]:
    """Comparable content of a row: numbers as floats (SQLite NUMERIC may give int or float)."""
    return tuple(float(v) if isinstance(v, int | float) else v for v in values)


def metric_keys(db: Database, article_id: int) -> set[tuple[Any, ...]]:
    """The (institution, metric, value, year) tuples stored for an article."""
    rows = db.execute(
        "SELECT institution, metric, value, year FROM metrics WHERE article_id = ?", [article_id]
    ).fetchall()
    return {tuple(r) for r in rows}


def iter_article_texts(
    db: Database, batch: int = 500
) -> Iterator[tuple[int, str, str | None, str | None, str | None]]:
    """(id, body, institution, lang, published_at) of every article, streamed in id order."""
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, body, institution, lang, published_at FROM articles WHERE id > ?"
            " ORDER BY id LIMIT ?",
            [last, batch],
        ).fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]
