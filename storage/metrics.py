"""The ``metrics`` table: figures extracted from an article, replaced as a whole.

An article's metrics are always replaced together (delete + insert in the
caller's transaction), so a re-extraction never leaves a mix of old and new.
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
    """Replace an article's metrics; call inside a write transaction. Returns the count written."""
    db.execute("DELETE FROM metrics WHERE article_id = ?", [article_id])
    cols = ", ".join(
        ("article_id", *METRIC_COLUMNS, "institution_id", "extractor_version", "extracted_at")
    )
    marks = ", ".join("?" for _ in range(len(METRIC_COLUMNS) + 4))
    n = 0
    for rec in records:
        row = {**rec, "start_offset": rec.get("start"), "end_offset": rec.get("end")}
        # news sites are Chinese universities: CN breaks ties such as "Northeastern University"
        inst = resolve(db, row.get("institution"), country)
        db.execute(
            f"INSERT INTO metrics ({cols}) VALUES ({marks})",
            [article_id, *(row.get(c) for c in METRIC_COLUMNS), inst, version, now],
        )
        n += 1
    return n


def metric_keys(db: Database, article_id: int) -> set[tuple[Any, ...]]:
    """The (institution, metric, value, year) tuples stored for an article."""
    rows = db.execute(
        "SELECT institution, metric, value, year FROM metrics WHERE article_id = ?", [article_id]
    ).fetchall()
    return {tuple(r) for r in rows}


def iter_article_texts(db: Database, batch: int = 500) -> Iterator[tuple[int, str, str | None]]:
    """(id, body, institution) of every article, streamed in id order."""
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, body, institution FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            [last, batch],
        ).fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]
