"""The labelled-articles scorer: the real development set above its pinned floors, exact
counts on a small file of our own, and one clear line with exit 2 for a bad file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from core.metrics.scoring import load_articles, score_articles
from patentwatch.metrics_cmd import main, score_file
from tests.conftest import run_cmd

REPO = Path(__file__).resolve().parents[2]
DEV_SET = REPO.parent / "shared" / "metrics-dev" / "articles.json"
ALL_FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text())
FLOORS = ALL_FLOORS["metrics_dev_articles"]
EXTRA = Path(__file__).with_name("extra_real.json")


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/metrics-dev is not beside the repo")
def test_development_set_stays_above_its_floors() -> None:
    score, log = score_articles(load_articles(DEV_SET))
    detail = "\n".join(log[:60])
    assert score.articles == 56
    assert score.precision >= FLOORS["precision"], detail
    assert score.recall >= FLOORS["recall"], detail
    assert score.year_accuracy >= FLOORS["year_accuracy"], detail
    assert score.institution_accuracy >= FLOORS["institution_accuracy"], detail


def test_extra_real_pages_stay_above_their_floors() -> None:
    floors = ALL_FLOORS["extra_real_articles"]
    score, log = score_articles(load_articles(EXTRA))
    detail = "\n".join(log)
    assert score.precision >= floors["precision"], detail
    assert score.recall >= floors["recall"], detail
    assert score.year_accuracy >= floors["year_accuracy"], detail
    assert score.institution_accuracy >= floors["institution_accuracy"], detail


def _article(aid: str, text: str, metrics: list[dict], **extra: object) -> dict:
    return {
        "id": aid,
        "language": "en",
        "institution": None,
        "text": text,
        "metrics": metrics,
        **extra,
    }


def _label(inst: str, metric: str, value: float, **extra: object) -> dict:
    base = {"institution": inst, "metric": metric, "value": value, "unit": "count", "year": None}
    return {**base, "period": None, "scope": None, "basis": None, "evidence": "", **extra}


OWN = [
    _article(
        "A1",
        "In 2020, Westbrook Polytechnic University was granted 57 U.S. utility patents. "
        "In 2020, Westbrook Polytechnic University filed 230 patent applications.",
        [
            _label("Westbrook Polytechnic University", "patents_granted", 57, year=2020),
            # a label the extractor cannot find: one miss
            _label("Westbrook Polytechnic University", "other", 4, year=2020),
            # optional (implied) and not found: not a miss
            _label("Westbrook Polytechnic University", "rank", 1, unit="rank", implied=True),
        ],
    ),
    # a negative: the figure here is a student count, nothing is labelled
    _article("A2", "In 2020, the university enrolled 5,400 new students.", []),
]


def test_counts_on_a_file_of_our_own(tmp_path: Path) -> None:
    score, log = score_articles(OWN)
    # 57 matched; 230 applications is a false positive (not labelled); 4 `other` is a miss
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert any("MISS" in line and "other=4" in line for line in log)
    assert any("FP" in line and "patent_applications=230" in line for line in log)
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(OWN), encoding="utf-8")
    out = io.StringIO()
    assert score_file(path, verbose=True, out=out) == 0
    last = out.getvalue().splitlines()[-1]
    assert last.startswith("extractor ") and "precision 0.500, recall 0.500" in last


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("{not json", "not JSON"),
        ('{"id": "x"}', "JSON array"),
        ('[{"id": "x", "text": "t"}]', "lacks one of"),
    ],
)
def test_bad_labels_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, problem: str
) -> None:
    path = tmp_path / "labels.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0]


def test_cli_metrics_score_prints_the_summary_last(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(OWN), encoding="utf-8")
    proc = run_cmd(["patentwatch", "metrics", "score", str(path), "--verbose"])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "MISS" in lines[0] or "FP" in lines[0]
    assert lines[-1].startswith("extractor ") and "recall 0.500" in lines[-1]
    bad = run_cmd(["patentwatch", "metrics", "score", str(tmp_path / "missing.json")])
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_a_rank_scope_is_classed_by_its_words_outside_brackets() -> None:
    # the bracket names the list ("…Worldwide list"); the scope is among U.S. institutions
    record = {
        "id": "S1",
        "language": "en",
        "text": "The University of Arizona ranks 22nd among U.S. institutions for utility patents.",
        "metrics": [
            {
                "institution": "University of Arizona",
                "metric": "rank",
                "value": 22,
                "unit": "rank",
                "year": None,
                "period": None,
                "scope": "U.S. institutions (NAI Top 100 Worldwide list)",
                "evidence": "ranks 22nd among U.S. institutions",
            }
        ],
    }
    score, log = score_articles([record])
    assert (score.tp, score.fp, score.fn) == (1, 0, 0), log


def test_accuracies_pair_equal_values_by_their_right_institution_first() -> None:
    # three universities with the same count and rank: the accuracies must not pair them in
    # a rotation (A's label with B's prediction) only because the values are equal
    names = ("Peking University", "Fudan University", "Zhejiang University of Technology")
    record = {
        "id": "S2",
        "language": "zh",
        "text": "1989年至今，清华大学以12项专利获中国专利奖金奖，居首位。"
        "北京大学、复旦大学和浙江工业大学各有2项，并列第二。",
        "metrics": [
            {"institution": name, "metric": "other", "value": 2, "unit": "count",
             "year": None, "period": "1989 to now (cumulative)", "evidence": "各有2项"}
            for name in names
        ],
    }  # fmt: skip
    score, log = score_articles([record])
    assert score.tp == 3, log
    assert score.institution_accuracy == 1.0
    assert score.year_accuracy == 1.0


def test_two_registered_universities_sharing_words_are_two() -> None:
    # "The Chinese University of Hong Kong" holds "University of Hong Kong": no match on that
    record = {
        "id": "S1",
        "language": "en",
        "text": "Hong Kong universities\n\nThe Chinese University of Hong Kong filed 300 patent "
        "applications in 2024.",
        "metrics": [
            {
                "institution": "The University of Hong Kong (HKU)",
                "metric": "patent_applications",
                "value": 300,
                "unit": "count",
                "year": 2024,
                "period": None,
                "evidence": "filed 300 patent applications in 2024",
            }
        ],
    }
    score, log = score_articles([record])
    assert (score.tp, score.fp, score.fn) == (0, 1, 1), log


def test_an_unregistered_name_still_matches_by_its_words() -> None:
    record = {
        "id": "S2",
        "language": "en",
        "text": "Westland patents\n\nWestland Polytechnic University filed 30 patent applications "
        "in 2024.",
        "metrics": [
            {
                "institution": "Westland Polytechnic University (WPU)",
                "metric": "patent_applications",
                "value": 30,
                "unit": "count",
                "year": 2024,
                "period": None,
                "evidence": "filed 30 patent applications in 2024",
            }
        ],
    }
    score, log = score_articles([record])
    assert (score.tp, score.fp, score.fn) == (1, 0, 0), log
