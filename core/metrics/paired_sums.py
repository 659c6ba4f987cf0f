"""Sums given "respectively" after a list of names: "香港大学和中文大学在年内凭知识转移所得总收入分别
达29.9亿元和25亿元", "A and B earned $2.2 million and $2.18 million, respectively". The money
finder reads each sum by the name nearest before it (the last of the list, for both); here
the names before 分别/respectively are paired with the sums after it, in order, when they are
as many. Counts and ranks are paired by the list finder (lists.respectively)."""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.lists import respective_names
from core.metrics.where import position

_RESPECTIVELY = re.compile(r"分别|respectively", re.I)
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
    _start, names, _carried = respective_names(sentence, m, find_entities(sentence))
    # 分别 comes before its sums, "respectively" after them
    zh = m.group(0) == "分别"
    placed = [(position(sentence, float(r["value"])), r) for r in sums]
    sums_of = sorted(
        ((p, r) for p, r in placed if p is not None and (p > m.start()) == zh),
        key=lambda x: x[0],
    )
    if len(names) < 2 or len(sums_of) != len(names):
        return
    for name, (_p, rec) in zip(names, sums_of, strict=True):
        rec["institution"] = name.name
