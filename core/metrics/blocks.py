"""Label blocks: a university named in one line, its figures in "label: value" lines below.

Ranking write-ups print each institution as a paragraph followed by its figures, one per
line ("Total patents filed: 118", "Patents granted: 60.2%"). Such a line names nobody: its
figures are the block's university's (the one named last before it), and they are of the
span the article states as the ranking's data basis ("the number of patents filed by each
university between 2008 and 2013"), as the figures of a flattened table are
(:func:`core.metrics.table_rows.data_span`).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.table_rows import data_span

# "Total patents filed: 118", "Patents granted: 60.2% success rate", "授权专利：120件"
_LABEL_LINE = re.compile(r"^[^.。:：\d]{3,40}[:：]\s*\d[\d,.]*\s*(?:%|件|项)?[^.。:：]{0,20}$")


def label_line(text: str) -> bool:
    """Whether a sentence is one "label: value" line of a block."""
    return bool(_LABEL_LINE.match(text.strip()))


def block_times(records: list[dict[str, Any]], text: str) -> None:
    """Give each undated figure of a label line the ranking's stated data span (in place)."""
    spans: dict[int, str | None] = {}
    for rec in records:
        if rec.get("year") is not None or rec.get("period") or not label_line(rec["evidence"]):
            continue
        if rec["start"] not in spans:
            spans[rec["start"]] = data_span(text[: rec["start"]])
        rec["period"] = spans[rec["start"]]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
