"""Elliptical enumerations: names after a figure, each with a bare number, share its metric.

News lists several institutions' figures in one sentence and writes the noun and the verb
once: "A filed 185 applications, B 132 and C 106"; "A led with 51 patents, B with 20 and C
with 17"; "A has 2,200 applications, followed by B (2,000)". The first figure is found by
the finders of its kind (verb, noun, context); this step gives each later name the same
metric, unit and time, and its own number. English only: Chinese lists ("A 8002件、B 7764件")
repeat their measure word and are read by the list finders.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import as_number, bare_year, find_numbers
from core.metrics.rankwords import PLACE_BEFORE_NAME

# between a figure (or its noun) and the next name: a separator, at most a few plain words
# ("patent applications, ", " and ", "; ", ", followed by ")
_GAP = re.compile(
    r"[A-Za-z \-]{0,40}?(?:,|;|\band\b|\bwhile\b|\bwhereas\b)\s*"
    r"(?:(?:and|while|whereas|followed by|then|with|ahead of)\s+)?(?:the\s+)?"
    # (a place written before the next name: ", 26th-ranked B, with 57")
    rf"(?:{PLACE_BEFORE_NAME})?$"
)
# after the name: an optional light verb or "with", the number, then nothing that makes it
# another kind of figure (a percentage, an ordinal, a year, money)
_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:(?:with|has|had|have|registering|registered|filing|filed|got|obtained|"
    r"received|earned|secured|at)\s+)?(?:(?:at least|about|around|some|nearly|over|more than|"
    r"almost)\s+)?[(]?(?P<num>\d+(?:,\d{3})*)(?![\d.,]*\s*(?:%|percent|per cent|st\b|nd\b|rd\b|th\b|"
    r"million|billion|years?\b))[)]?"
)
_ONLY_COUNTS = ("count",)


def continued(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures of the names that continue ``raw``'s enumeration in its sentence."""
    if raw.get("unit") not in (*_ONLY_COUNTS, "applications", "patents") or raw["metric"] == "rank":
        return []
    text: str = raw["evidence"]
    if not text.isascii() and not re.search(r"[A-Za-z]{3}", text):
        return []
    pos = _value_end(text, float(raw["value"]))
    if pos is None:
        return []
    out: list[dict[str, Any]] = []
    for ent in _names_after(text, pos):
        if not _GAP.search(text[pos : ent.start]):
            break
        m = _AFTER.match(text, ent.end)
        if not m or bare_year(m.group("num")):
            break
        value = as_number(float(m.group("num").replace(",", "")))
        out.append({**raw, "institution": ent.name, "value": value})
        pos = m.end()
    return out


def _names_after(text: str, pos: int) -> list[Entity]:
    return [e for e in find_entities(text) if e.start >= pos and e.university and e.name]


def _value_end(text: str, value: float) -> int | None:
    """Where the first number of ``value`` in ``text`` ends."""
    for n in find_numbers(text):
        if n.value == value:
            return n.end
    return None


def continued_all(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`continued` of each record, each new (sentence, value) once."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, float]] = set()
    for raw in records:
        for rec in continued(raw):
            key = (rec["start"], float(rec["value"]))
            if key not in seen:
                seen.add(key)
                out.append(rec)
    return out


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
