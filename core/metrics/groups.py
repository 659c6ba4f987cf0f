"""Figures of a group, not of one university: a survey's respondents, "universities together",
"collectively" (labelled as aggregates, never as one university's figure), and the clause
before a figure from its first word (what the group and person checks read)."""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.where import position

# the subject of a survey's or a group's total (labelled as an aggregate, never as one
# university's figure)
_GROUP = re.compile(
    r"\b(?:responding|participating|surveyed|reporting) (?:universities|institutions|members)"
    r"|\b(?:the )?\d+ (?:respondents|responding)|\brespondents\b|universities (?:together|combined)|\bcollectively\b"
    r"|(?<!led )(?<!leads )(?<!among )(?<!of )(?<!than )(?<!over )\ball (?:the )?universities\b"
    r"|参与调查的高校|全部高校",
    re.I,
)


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def whole_clause_before(sentence: str, value: float) -> str:
    """The clause before a figure, from its first word (a fixed-width window can cut one:
    "…the university" read from "he university")."""
    pos = position(sentence, value)
    head = sentence[: pos if pos is not None else 0]
    return re.split(r"[，;；。:：]|,(?!\d)", head)[-1]


def group_figure(before: str) -> bool:
    """A group named before the figure, with no university named after the group."""
    found = list(_GROUP.finditer(before))
    if not found:
        return False
    rest = before[found[-1].end() :]
    return not any(e.university and e.name for e in find_entities(rest))


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
