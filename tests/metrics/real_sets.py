"""Checks shared by the tests of each real labelled set (tests/metrics/real_*.json): the set
scores at or above its pinned floors, and every record names its source and quotes its text."""

from __future__ import annotations

from pathlib import Path

from core.metrics.scoring import load_articles, score_articles


def assert_above_floors(path: Path, articles: int, floors: dict[str, float]) -> None:
    """``floors`` maps a score attribute (precision, recall, ...) to its pinned minimum."""
    score, log = score_articles(load_articles(path))
    detail = "\n".join(log)
    assert score.articles == articles
    for name, floor in floors.items():
        assert getattr(score, name) >= floor, (name, detail)


def assert_sourced_and_quoted(path: Path) -> None:
    """Each record has its URL; each label's evidence is in the text (whitespace folded)."""
    for rec in load_articles(path):
        assert rec["url"].startswith("http"), rec["id"]
        flat = " ".join(rec["text"].split())
        for label in rec["metrics"]:
            assert " ".join(label["evidence"].split()) in flat, (rec["id"], label["evidence"])
