"""Re-extraction keeps the ids of unchanged metrics (saved links, claims_vs_wipo.metric_id)."""

from __future__ import annotations

from storage import write_transaction
from storage.articles import save_articles
from storage.metrics import replace_metrics
from storage.reextract import reextract

BODY = (
    "In 2023, Dalian University of Technology was granted 412 invention patents. "
    "The university ranked 7th among Chinese universities in PCT applications."
)


def _article(fresh_db, body: str = BODY) -> int:  # noqa: ANN001 - sqlite_utils.Database
    save_articles(
        fresh_db,
        [
            {
                "url": "https://news.example.edu/a/1.html",
                "site": "example",
                "title": "Patents",
                "body": body,
                "lang": "en",
                "institution": "Dalian University of Technology",
                "fetched_at": "2024-01-01T00:00:00Z",
            }
        ],
        None,
        "2024-01-01T00:00:00Z",
    )
    return int(fresh_db.execute("SELECT id FROM articles").fetchone()[0])


def _rows(db) -> dict[int, tuple]:  # noqa: ANN001
    return {
        r[0]: tuple(r[1:])
        for r in db.execute(
            "SELECT id, metric, value, extractor_version, extracted_at FROM metrics ORDER BY id"
        ).fetchall()
    }


def test_reextract_keeps_ids_of_unchanged_metrics(fresh_db) -> None:  # noqa: ANN001
    article = _article(fresh_db)
    reextract(fresh_db, "2024-02-01T00:00:00Z")
    first = _rows(fresh_db)
    assert {(m, v) for m, v, *_ in first.values()} >= {("invention_patents_granted", 412)}
    reextract(fresh_db, "2024-03-01T00:00:00Z")
    second = _rows(fresh_db)
    assert second.keys() == first.keys()  # same ids, not renumbered
    assert {row[3] for row in second.values()} == {"2024-03-01T00:00:00Z"}
    assert article


def test_changed_metric_replaced_vanished_deleted_new_inserted(fresh_db) -> None:  # noqa: ANN001
    article = _article(fresh_db)
    rec = {
        "institution": "Dalian University of Technology",
        "metric": "patents_granted",
        "value": 10,
        "unit": "count",
        "year": 2020,
        "evidence": "x",
        "start": 0,
        "end": 1,
    }
    keep, drop = dict(rec), {**rec, "value": 11}
    with write_transaction(fresh_db):
        replace_metrics(fresh_db, article, [keep, drop], "v1", "t1")
    ids = {v: i for i, (_m, v, *_r) in _rows(fresh_db).items()}
    new = {**rec, "value": 12}
    with write_transaction(fresh_db):
        replace_metrics(fresh_db, article, [keep, new], "v2", "t2")
    after = {v: (i, ver) for i, (_m, v, ver, _t) in _rows(fresh_db).items()}
    assert after[10] == (ids[10], "v2")  # unchanged: same id, new version
    assert 11 not in after  # vanished: deleted
    assert after[12][0] > max(ids.values())  # new: inserted
