"""Batched storage statements give exactly what the row-at-a-time statements gave: metrics
synchronised for several articles at once, near-duplicate rows of new and changed articles,
on real SQLite files."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage import open_db, save_articles, write_transaction
from storage.metrics import ArticleMetrics, replace_metrics, replace_metrics_batch

NOW = "2026-02-01T00:00:00+00:00"
DUT, NEU = "Dalian University of Technology", "Northeastern University"


def _metric(institution: str, metric: str, value: float, year: int) -> dict[str, Any]:
    return {
        "institution": institution,
        "metric": metric,
        "value": value,
        "unit": "count",
        "year": year,
        "evidence": f"made-up evidence for {value}",
        "start": 0,
        "end": 10,
    }


def _articles(db: Database, n: int) -> list[int]:
    items = [
        {
            "url": f"https://news.example.edu.cn/info/{k}.htm",
            "site": "made_up",
            "title": f"Story {k}",
            "published_at": f"2024-0{k + 1}-01",
            "lang": "en",
            "body": f"Made-up story number {k} about patents and licences at the university.",
            "fetched_at": NOW,
        }
        for k in range(n)
    ]
    save_articles(db, items, None, NOW)
    return [int(r[0]) for r in db.execute("SELECT id FROM articles ORDER BY id")]


def _state(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    metrics = db.execute(
        "SELECT id, article_id, institution, institution_id, metric, value, year,"
        " extractor_version, extracted_at FROM metrics ORDER BY id"
    ).fetchall()
    groups = db.execute(
        "SELECT group_key, institution, metric, year, figures, articles, value_min, value_max,"
        " latest_article FROM metric_groups ORDER BY group_key"
    ).fetchall()
    return metrics, groups


FIRST = [
    [_metric(DUT, "patents_granted", 412, 2023), _metric(DUT, "patents_filed", 900, 2023)],
    [_metric(NEU, "patents_granted", 55, 2022), _metric("Nowhere Institute", "pct", 3, 2021)],
    [_metric(DUT, "patents_granted", 410, 2023)],
]
SECOND = [  # article 1 keeps one figure and loses one; article 2 keeps both and gains one
    [_metric(DUT, "patents_granted", 412, 2023)],
    [*FIRST[1], _metric(NEU, "patents_filed", 70, 2022)],
    [],  # article 3: every figure vanished
]


def _apply(db: Database, ids: list[int], rounds: list[list[list[dict[str, Any]]]], batched: bool):
    for k, records in enumerate(rounds):
        with write_transaction(db):
            if batched:
                batch = [
                    ArticleMetrics(a, recs, f"v{k}") for a, recs in zip(ids, records, strict=True)
                ]
                replace_metrics_batch(db, batch, f"t{k}")
            else:
                for a, recs in zip(ids, records, strict=True):
                    replace_metrics(db, a, recs, f"v{k}", f"t{k}")


def test_metrics_batch_is_the_per_article_result(tmp_path: Path) -> None:
    one, many = open_db(tmp_path / "one.db"), open_db(tmp_path / "many.db")
    ids = _articles(one, 3)
    assert _articles(many, 3) == ids
    _apply(one, ids, [FIRST, SECOND], batched=False)
    _apply(many, ids, [FIRST, SECOND], batched=True)
    assert _state(many) == _state(one)
    metrics, groups = _state(many)
    by_value = {m[5]: m for m in metrics}
    assert sorted(by_value) == [3, 55, 70, 412]
    assert by_value[412][0] == 1 and by_value[412][7:] == ("v1", "t1")  # kept: same id
    assert by_value[70][0] > 5  # new: after every earlier id
    assert by_value[3][3] is None and by_value[412][3] is not None  # unknown institution
    dut_granted = [g for g in groups if g[1] == DUT and g[2] == "patents_granted"]
    assert [g[4:8] for g in dut_granted] == [(1, 1, 412, 412)]  # 410 vanished with article 3
    one.close()
    many.close()


WORDS = [
    "river",
    "lab",
    "cathode",
    "rowing",
    "library",
    "grant",
    "licence",
    "campus",
    "sensor",
    "alloy",
    "robot",
    "seminar",
]


def _body(k: int) -> str:
    """A made-up text of its own for each k (distinct stories, not near-duplicates)."""
    rng = random.Random(k)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(1000)}" for _ in range(60))


def test_a_batch_of_articles_stores_every_figure_once(tmp_path: Path) -> None:
    db = open_db(tmp_path / "crawl.db")
    items = [
        {
            "url": f"https://news.example.edu.cn/info/{k}.htm",
            "site": "made_up",
            "institution": DUT,
            "title": f"Story {k}",
            "lang": "en",
            "body": _body(k) + f" The faculty filed {100 + k} invention patents.",
            "fetched_at": NOW,
            "metrics": [_metric(DUT, "patents_filed", 100 + k, 2024)],
            "extractor_version": "vtest",
        }
        for k in range(60)
    ]
    assert save_articles(db, items, None, NOW) == {"new": 60}
    rows = db.execute(
        "SELECT a.title, m.value, m.institution_id IS NOT NULL FROM metrics m"
        " JOIN articles a ON a.id = m.article_id ORDER BY m.value"
    ).fetchall()
    assert rows == [(f"Story {k}", 100 + k, 1) for k in range(60)]
    assert db.execute("SELECT count(*) FROM lsh_buckets").fetchone()[0] == 60 * 25
    db.close()
