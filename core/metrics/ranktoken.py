"""Where a rank's place is written in its sentence: 第3位, 3rd, No. 3, third, 榜首, 前十.

The later rank steps (scopes, years, list owners) read the words around the place; the
record keeps only the value, so the place is found again, exactly first, then as a band.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.numbers import zh_numeral
from core.metrics.rankwords import N_OR_MORE, ORDINAL_NAMES


@lru_cache(maxsize=2048)  # pure; the rank steps ask it again of one rank
def token_at(sentence: str, value: float, top_n: bool = False) -> int | None:
    """Where the rank ``value`` is written in ``sentence`` (第3位, 3rd, No. 3, third, 榜首).

    An exact place (第4, 4th, fourth) is looked for first, a band that holds it (前十名 holds
    4) only when there is none: "…无缘前十名，…北大排名第四" places the 4 at 第四. A top-N
    (``top_n``) is looked for the other way round."""
    v = int(value)
    if v != value or v <= 0 or v > 999:
        return None
    exact, band = token_forms(v)
    first, then = (band, exact) if top_n else (exact, band)
    m = first.search(sentence) or then.search(sentence)
    return m.start() if m else None


@lru_cache(maxsize=1024)
def token_forms(v: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ways a place ``v`` is written, exact and as a band, compiled once per value (a
    pattern a call would cost more than the rest of the pass)."""
    word = ORDINAL_NAMES.get(v)
    zh = zh_numeral(v) if v < 100 else str(v)
    exact = [
        rf"第\s*(?:{v}|{zh})(?![\d十])(?!\s*(?:届|次|批|年|期|轮|个|家|所))",
        rf"(?<![\d.]){v}(?:st|nd|rd|th)\b",
        rf"No\.?\s*{v}\b",
        rf"(?<![\d第前]){v}\s*[名位](?![单额次])",  # "名列29名", "A(23名)"
        rf"(?:排名|排行|排在)\s*{v}(?![\d%]|[.,]\d)(?!\s*[件项])",  # "排名48" (no 第)
    ]
    band = [
        rf"前\s*(?:{v}|{zh})(?![\d十])(?!\s*(?:%|％|年|个月|月|日|天|周|期|届|次|批))",
        rf"\btop\s+{v}\b",
        rf"(?<!\d){v}\s*强",
    ]
    if word:
        exact.append(rf"\b{word}\b")
    if v <= 10:  # "A和B分居前两名": the first and the second are both in "前两名"
        band.append(rf"前\s*(?:{'|'.join(N_OR_MORE[v - 1 :])})\s*[名位]")
    if v == 1:
        exact.append(r"榜首|首位|之首|之冠|桂冠|冠军")
        band.append(r"\btop\b(?!\s*\d)")
    return re.compile("|".join(exact), re.I), re.compile("|".join(band), re.I)
