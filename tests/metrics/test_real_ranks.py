"""Real pages about rankings (NAI/IPO lists, WIPO's educational institutions, Chinese and
Taiwanese university rankings), labelled by the rules of ../shared/metrics-dev/README.md,
their sources in ``real_ranks.json``: the extractor stays above the floors pinned here.

The floors may rise with the extractor and never silently fall; the misses that remain
are listed in the failure message (most are names the registry does not know yet).
"""

from __future__ import annotations

from pathlib import Path

from tests.metrics.real_sets import assert_above_floors, assert_sourced_and_quoted

REAL_RANKS = Path(__file__).with_name("real_ranks.json")
FLOORS = {"precision": 0.98, "recall": 0.95, "year_accuracy": 0.97, "institution_accuracy": 0.99}


def test_real_ranking_pages_stay_above_their_floors() -> None:
    assert_above_floors(REAL_RANKS, 12, FLOORS)


def test_every_record_names_its_source_and_every_evidence_is_in_its_text() -> None:
    assert_sourced_and_quoted(REAL_RANKS)
