"""A place held over consecutive years: "已连续4年排名全台第一", "for three straight years",
"自2012年来已连续四年…第一" (rules §4: a span goes to ``period``, ``year`` stays empty).

A year of the sentence with no other place between it and the span dates the place
("2019年…247件，连续两年位居第3" is 2019's, as the project's own labelled sets read it); a
year that belongs to another place of the sentence
("在2015年获…排名第15名,且…已连续4年排名第一") does not, as the real labelled pages read it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.numbers import cn_value
from core.metrics.rankwords import CONSECUTIVE, PRIOR_RANK, SINCE_YEAR, YEAR


def _dating_years(
    sentence: str, pos: int, span_at: int, since: re.Match[str] | None
) -> list[re.Match[str]]:
    """The years of the sentence that date the place: one before the span with no other place
    between them ("2019年…247件，连续两年位居第3"), one after the place with no other place
    after it ("…连续两年位居第三位，2019年公开247件"); not the span's own start year."""
    places = [p for p in _place_starts(sentence) if abs(p - pos) > 3]
    out = []
    for y in YEAR.finditer(sentence):
        if since and since.group(1) in y.group(0):
            continue
        before = y.end() <= span_at and not any(y.end() <= p < span_at for p in places)
        after = y.start() > pos and not any(p > pos for p in places)
        if before or after:
            out.append(y)
    return out


@lru_cache(maxsize=1024)
def _place_starts(sentence: str) -> tuple[int, ...]:
    """Where the sentence's places start (cached: asked once for each of its ranks)."""
    return tuple(m.start() for m in PRIOR_RANK.finditer(sentence))


_PLACE = re.compile(r"第\s*[\d一二三四五六七八九十]{1,3}|\d{1,3}\s*名|榜首|首位|冠军")


def held_span(rec: dict[str, Any], sentence: str, pos: int, clause: str) -> None:
    """Set ``rec``'s period to the span its clause holds the place over, if it names one."""
    window = max(0, pos - len(clause) - 12)
    span = CONSECUTIVE.search(sentence[window:pos])
    if span and _PLACE.search(sentence, window + span.end(), pos):
        span = None  # "连续4年全台第1，…2014年的全球11名": the span is the earlier place's
    # "自2012年来已连续四年…第一", "since 2016": the span's first year, not a data year
    since = SINCE_YEAR.search(sentence, 0, pos)
    others = _dating_years(sentence, pos, window + span.start() if span else pos, since)
    if span and (not rec.get("period") or since) and not others:
        # "连续六年排名本地大学首位": held over the span
        raw = next(g for g in span.groups() if g)
        n = raw if raw.isascii() else int(cn_value(raw) or 0) or raw  # "六" -> 6
        to = (
            f" (since {since.group(1)})"
            if since
            else (f" (to {rec['year']})" if rec["year"] else "")
        )
        rec["period"], rec["year"] = f"{n} consecutive years{to}", None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
