"""Ranked tables run together into one line: "1 A $109.0 million 2 B 74.3 million 3 C …".

A page's table of the top institutions often reaches the text without its line breaks
(a copy, a feed, a reader view), so its rows are no longer lines the list finders can
read. What is left is still unambiguous: three or more institutions, each right after a
rank number that rises by one, each followed by its figure. Each row gives the rank, and
its figure with the metric of the table (money: a contract amount; a count: what the
sentence's words count).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

_RANK_BEFORE = re.compile(r"(?:^|[\s(（])(\d{1,3})[.)、]?\s*$")
_FIGURE_AFTER = re.compile(
    r"^[^\d$€¥￥]{0,40}?(?P<cur>US\$|\$|€|¥|￥)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"\s*(?P<mag>million|billion|万|亿)?"
)
_MAGNITUDE = {"million": 1e6, "billion": 1e9, "万": 1e4, "亿": 1e8}
_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "¥": "CNY", "￥": "CNY"}
_MIN_ROWS = 3


def table_rows(sentence: str, start: int, default_count: str) -> list[dict[str, Any]]:
    """Rank and figure records of a run-together ranked table in ``sentence`` (its start
    offset ``start`` in the article), or none."""
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    if len(ents) < _MIN_ROWS:
        return []
    rows = _ranked(sentence, ents)
    if len(rows) < _MIN_ROWS:
        return []
    currency = next((c for _r, _e, _v, c in rows if c), None)
    metric = "contract_amount" if currency else count_metric(sentence, default_count)
    out: list[dict[str, Any]] = []
    for rank, ent, value, _cur in rows:
        name = ent.name or ""
        out.append(sentence_figure(name, "rank", rank, "rank", sentence, start))
        if value is not None:
            unit = currency or "count"
            out.append(
                sentence_figure(name, metric, value, unit, sentence, start, currency=currency)
            )
    return out


def _ranked(
    sentence: str, ents: list[Entity]
) -> list[tuple[int, Entity, float | None, str | None]]:
    """The longest run of names each right after rank k, k+1, … with its figure after it."""
    best: list[tuple[int, Entity, float | None, str | None]] = []
    run: list[tuple[int, Entity, float | None, str | None]] = []
    for i, ent in enumerate(ents):
        m = _RANK_BEFORE.search(sentence[max(0, ent.start - 6) : ent.start])
        rank = int(m.group(1)) if m else None
        if rank is None or (run and rank != run[-1][0] + 1):
            best, run = max(best, run, key=len), []
            if rank is None:
                continue
        stop = ents[i + 1].start if i + 1 < len(ents) else len(sentence)
        value, cur = _figure(sentence[ent.end : stop])
        if value == rank + 1 and cur is None:
            value = None  # "1 A 2 B 3 C": the next row's rank, not A's figure
        run.append((rank, ent, value, cur))
    return max(best, run, key=len)


def _figure(after: str) -> tuple[float | None, str | None]:
    m = _FIGURE_AFTER.match(after)
    if not m:
        return None, None
    value = float(m.group("num").replace(",", ""))
    if m.group("mag"):
        value *= _MAGNITUDE[m.group("mag")]
    cur = _CURRENCY.get(m.group("cur") or "") or (
        "USD" if m.group("mag") in ("million", "billion") else None
    )
    return round(value, 2), cur


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
