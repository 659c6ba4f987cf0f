"""Score the metric extractor on a labelled set: precision and recall of
(institution, metric, value, year) tuples, micro-averaged over all cases.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from core.metrics.extract import extract_metrics

Key = tuple[str | None, str, float, int]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases(path: Path) -> list[dict]:
    with path.open("rb") as fh:
        return tomllib.load(fh)["case"]


def score_cases(cases: list[dict]) -> Score:
    score = Score()
    for case in cases:
        want: Counter[Key] = Counter((i, m, float(v), int(y)) for i, m, v, y in case["expected"])
        got: Counter[Key] = Counter(
            (r.institution, r.metric, float(r.value), r.year or 0)
            for r in extract_metrics(case["text"], case["institution"])
        )
        tp = sum((want & got).values())
        score.tp += tp
        score.fp += sum((got - want).values())
        score.fn += sum((want - got).values())
        for key in got - want:
            score.errors.append(f"{case['id']}: extra {key}")
        for key in want - got:
            score.errors.append(f"{case['id']}: missed {key}")
    return score
