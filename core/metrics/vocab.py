"""The vocabulary: which metric a figure is, by the words of its clause (one row per rule).

Rows are tried in order; the first whose pattern matches the clause names the metric.
Each row is (metric, unit, English and Chinese cue pattern). Narrow rows (valid
patents held, utility models, PCT, invention grants) come before broad ones (any
patent granted, any application), so "有效发明专利" is ``other`` (patents held, per the
labelling rules) and not an invention grant.
"""

from __future__ import annotations

import re

COUNT_RULES: tuple[tuple[str, str, str], ...] = (
    # patent awards and invention-exhibition medals are counted, as ``other`` (rules, Awards)
    ("other", "count", r"\bawards?\b|medals?|prizes?|金奖|银奖|优秀奖|专利奖|获奖|奖项"),
    (
        "other",
        "count",
        r"valid patents?|patents? (?:in force|held)|有效(?:发明)?专利|utility models?|实用新型|外观设计|design patents?",
    ),
    (
        "pct_applications_filed",
        "count",
        r"PCT[^.;。；]{0,40}(?:filed|提交)|(?:filed|提交)[^.;。；]{0,40}PCT",
    ),
    ("pct_applications_published", "count", r"\bPCT\b|Patent Cooperation Treaty|PCT"),
    (
        "patents_granted",
        "count",
        r"U\.S\.\s+(?:utility\s+)?patents?|utility patents?|美国(?:实用|发明)?专利|美国授权专利",
    ),
    (
        "international_patents_granted",
        "count",
        r"(?:overseas|foreign|international) patents? (?:(?:were|was|have been) )?(?:granted|issued)|国际(?:发明)?专利授权|国外(?:发明)?专利授权",
    ),
    (
        "international_patent_applications",
        "count",
        r"(?:overseas|foreign|international) (?:patent )?applications?|国际(?:发明)?专利申请|国外(?:发明)?专利申请",
    ),
    (
        "patents_transferred",
        "count",
        r"transfer|licen[cs]|assign|专利转让|转让|许可|转化|转移|授权协议|签订.{0,6}协议",
    ),
    (
        "invention_patents_granted",
        "count",
        r"invention patents?\s+(?:(?:were|was|have been|had been)\s+)?(?:granted|issued)|granted invention|发明专利授权|授权发明专利|获发明专利|发明专利.{0,6}授权",
    ),
    (
        "invention_patent_applications",
        "count",
        r"invention patent applications?|发明专利申请|申请发明专利",
    ),
    (
        "patents_granted",
        "count",
        r"granted|issued|received|obtained|awarded|授权|获得.{0,4}专利|获证",
    ),
    ("patent_applications", "count", r"applications?|applied|filed|filings?|申请"),
)
_COMPILED = [(m, u, re.compile(p, re.I)) for m, u, p in COUNT_RULES]


def count_metric(clause: str, default: str = "patents_granted") -> str:
    """The metric a patent count in ``clause`` is, by the first matching row."""
    for metric, _unit, pattern in _COMPILED:
        if pattern.search(clause):
            return metric
    return default
