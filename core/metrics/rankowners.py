"""Whose rank it is when the name comes after the place.

The sentence engine gives a figure to the nearest organisation *before* it. Chinese also
writes a place first and its holder after it: "排名第二的是A学院", "位居第三的为B大学",
"排在第1位的是C". There the place is the named one's, not the previous sentence-subject's
("甲以671件排名第一；排名第二的是乙" gives 乙 the second place, not 甲).
"""

from __future__ import annotations

import re
from typing import Any

from core.institutions import canonical
from core.metrics.entities import find_entities

# the place, its measure word, then 的是/的为/是: the holder's name follows
_PLACE_THEN_HOLDER = re.compile(
    r"第\s*[\d一二三四五六七八九十]{1,3}\s*(?:位|名)?\s*(?:的\s*)?(?:是|为)\s*"
)
_GAP = 2  # at most a quote mark or a space between 的是 and the name


def holder_after(rec: dict[str, Any], simple: str, pos: int | None, original: str) -> None:
    """Give the rank written at ``pos`` of ``simple`` (the simplified sentence of ``rec``)
    to the university named right after "第N位的是"; ``original`` is the sentence as
    written, for an unregistered name's own characters."""
    if pos is None or rec.get("unit") != "rank":
        return
    m = _PLACE_THEN_HOLDER.match(simple, pos)
    if not m:
        return
    for e in find_entities(simple[m.end() : m.end() + 40]):
        if e.start > _GAP:
            return
        if e.university and e.name:
            at = m.end() + e.start
            rec["institution"] = canonical(e.name) or original[at : m.end() + e.end]
        return
