"""The ``metrics`` table: figures extracted from an article, synchronised as a whole.

An article's metrics are always brought up to date together in the caller's
transaction (unchanged rows kept with their ids, vanished rows deleted, new rows
inserted), so a re-extraction never leaves a mix of old and new.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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
    stored: dict[tuple[Any, ...], list[int]] = {}
    select = ", ".join(("id", *METRIC_COLUMNS))
    for row in db.execute(
        f"SELECT {select} FROM metrics WHERE article_id = ? ORDER BY id", [article_id]
    ).fetchall():
        stored.setdefault(_content_key(row[1:]), []).append(row[0])
    cols = ", ".join(
        ("article_id", *METRIC_COLUMNS, "institution_id", "extractor_version", "extracted_at")
    )
    marks = ", ".join("?" for _ in range(len(METRIC_COLUMNS) + 4))
    n = 0
    for rec in records:
        row = {**rec, "start_offset": rec.get("start"), "end_offset": rec.get("end")}
        values = [row.get(c) for c in METRIC_COLUMNS]
        # news sites are Chinese universities: CN breaks ties such as "Northeastern University"
        inst = resolve(db, row.get("institution"), country)
        same = stored.get(_content_key(values))
        if same:
            db.execute(
                "UPDATE metrics SET institution_id = ?, extractor_version = ?, extracted_at = ?"
                " WHERE id = ?",
                [inst, version, now, same.pop(0)],
            )
        else:
            db.execute(
                f"INSERT INTO metrics ({cols}) VALUES ({marks})",
                [article_id, *values, inst, version, now],
            )
        n += 1
    gone = [i for ids in stored.values() for i in ids]
    if gone:
        db.execute(f"DELETE FROM metrics WHERE id IN ({', '.join('?' for _ in gone)})", gone)
    return n


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
