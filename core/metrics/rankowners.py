"""Whose rank it is, whichever finder read it.

The finders give a figure to the nearest organisation *before* it. Two shapes break that:

* Chinese also writes a place first and its holder after it: "排名第二的是A学院",
  "位居第三的为B大学", "排在第1位的是C". The place is the named one's, not the previous
  subject's ("甲以671件排名第一；排名第二的是乙" gives 乙 the second place, not 甲).
* a rival named in a comparison ("仅次于X", "胜过X", "ahead of X", "second only to X") is
  not who ranks: the place is the subject's before the comparison.
"""

from __future__ import annotations

import re
from typing import Any

from core.institutions import canonical
from core.metrics.entities import find_entities, owners
from core.metrics.gates import gate_tables

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


def not_a_rival(rec: dict[str, Any], simple: str, pos: int | None, original: str) -> None:
    """A rank given to a rival of its sentence's comparison goes to the last university
    before the rank that is not one ("清大名列全球23名，仅次于北京清华大学，在全台排名第一")."""
    if pos is None or not rec.get("institution"):
        return
    found = [e for e in find_entities(simple) if e.end <= pos and e.university and e.name]
    if not found:
        return
    kept = owners(simple, found)
    nearest = found[-1]
    if nearest in kept or (canonical(nearest.name) or nearest.name) != rec["institution"]:
        return
    if kept:
        e = kept[-1]
        rec["institution"] = canonical(e.name) or original[e.start : e.end]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
