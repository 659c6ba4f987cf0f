"""Sums given "respectively" after a list of names: "香港大学和中文大学在年内凭知识转移所得总收入分别
达29.9亿元和25亿元", "A and B earned $2.2 million and $2.18 million, respectively". The money
finder reads each sum by the name nearest before it (the last of the list, for both); here
the names before 分别/respectively are paired with the sums after it, in order, when they are
as many. Counts and ranks are paired by the list finder (lists.respectively)."""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.lists import _last_run
from core.metrics.where import position

_RESPECTIVELY = re.compile(r"分别|respectively", re.I)
_CLAUSE = re.compile(r"[，,；;。]")
_SUMS = ("contract_amount", "other")


def pair_sums(raws: list[dict[str, Any]]) -> None:
    """Each sentence's sums, given "respectively" to its names, set to those names in order."""
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for rec in raws:
        if rec["metric"] in _SUMS and rec.get("unit") not in ("count", "percent", "rank"):
            by_sentence.setdefault(rec["start"], []).append(rec)
    for sums in by_sentence.values():
        if len(sums) >= 2 and _RESPECTIVELY.search(sums[0]["evidence"]):
            _pair(sums)


def _pair(sums: list[dict[str, Any]]) -> None:
    sentence: str = sums[0]["evidence"]
    m = _RESPECTIVELY.search(sentence)
    if m is None:
        return
    zh = m.group(0) == "分别"
    start = max((c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
    entities = [e for e in find_entities(sentence) if e.university and e.name]
    names = _last_run(sentence, [e for e in entities if start <= e.start and e.end <= m.start()])
    if not zh and not names:  # "A and B earned X and Y, respectively": the names lead the clause
        names = _last_run(sentence, [e for e in entities if e.end <= m.start()])
    placed = [(position(sentence, float(r["value"])), r) for r in sums]
    after = sorted(
        ((p, r) for p, r in placed if p is not None and (p > m.start() if zh else p < m.start())),
        key=lambda x: x[0],
    )
    if len(names) < 2 or len(after) != len(names):
        return
    for name, (_p, rec) in zip(names, after, strict=True):
        rec["institution"] = name.name
