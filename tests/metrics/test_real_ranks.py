"""Real pages about rankings (NAI/IPO lists, WIPO's educational institutions, Chinese and
Taiwanese university rankings), labelled by the rules of ../shared/metrics-dev/README.md,
their sources in ``real_ranks.json``: the extractor stays above the floors pinned here.

The floors may rise with the extractor and never silently fall; the misses that remain
are listed in the failure message (most are names the registry does not know yet).
"""

from __future__ import annotations

from pathlib import Path

from core.metrics.scoring import load_articles, score_articles

REAL_RANKS = Path(__file__).with_name("real_ranks.json")
FLOORS = {"precision": 0.95, "recall": 0.91, "year_accuracy": 0.97, "institution_accuracy": 0.99}


def test_real_ranking_pages_stay_above_their_floors() -> None:
    score, log = score_articles(load_articles(REAL_RANKS))
    detail = "\n".join(log)
    assert score.articles == 12
    assert score.precision >= FLOORS["precision"], detail
    assert score.recall >= FLOORS["recall"], detail
    assert score.year_accuracy >= FLOORS["year_accuracy"], detail
    assert score.institution_accuracy >= FLOORS["institution_accuracy"], detail


def test_every_record_names_its_source_and_every_evidence_is_in_its_text() -> None:
    for rec in load_articles(REAL_RANKS):
        assert rec["url"].startswith("http"), rec["id"]
        flat = " ".join(rec["text"].split())
        for label in rec["metrics"]:
            assert " ".join(label["evidence"].split()) in flat, (rec["id"], label["evidence"])
