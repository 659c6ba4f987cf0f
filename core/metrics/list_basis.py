"""What an article's ranking (or statistics) ranks, so that its entries' bare counts are that figure.

"智慧局公布大专院校发明专利公告发证排名。…成功大学以150件排名第三": the 150 has no noun or
verb of its own; the list it is an entry of is of invention grants. The basis is read from
the sentence that names the ranking (a ranking word with a basis word in one sentence), with
the rank pass's table of bases (:data:`core.metrics.rankwords.BASES`), and only a basis that is
a metric of its own (not "valid patents held", "design patents") names a count.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from core.metrics.gates import gate_tables
from core.metrics.rankpass import kinds_of
from core.metrics.rankwords import BASES
from core.metrics.record import METRICS

# a ranking, or the statistics a list of counts comes from ("智慧局公布去年专利申请统计")
_RANKING = re.compile(
    r"排名|排行|榜单|百大|百强|统计|前\s*\d+\s*名|\branking|\btop \d+\b|\branked\b|\blist of\b"
    r"|\bstatistics\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[。!?！？\n]|\.(?:\s|$)")
# the bases that are metrics of their own (not "valid patents held", "design patents")
_COUNT_BASES = frozenset(name for name, _ in BASES if name in METRICS)
_FIRST = 2000  # a ranking article says what it ranks before its entries


def ranking_basis(text: str) -> str | None:
    """The metric the article's ranking ranks, from the first sentence that names a ranking
    and a basis that is a metric; ``None`` when no such sentence says it."""
    head = text[:_FIRST]
    ends: list[int] | None = None  # the sentence ends of the head, read once (not per match)
    for m in _RANKING.finditer(head):
        ends = _sentence_ends(head) if ends is None else ends
        start = _last_end_before(head, ends, m.start())
        end_m = _SENTENCE_END.search(head, m.end())
        sentence = head[start : end_m.start() if end_m else len(head)]
        kind = _first_basis(sentence)
        if kind in _COUNT_BASES:
            return kind  # (a basis that is no metric, "invention patents", says nothing)
    return None


def _sentence_ends(head: str) -> list[int]:
    return [e.end() for e in _SENTENCE_END.finditer(head)]


def _last_end_before(head: str, ends: list[int], pos: int) -> int:
    """The last end of a sentence end written before ``pos``: what
    ``max(e.end() for e in _SENTENCE_END.finditer(head, 0, pos))`` gives (0 for none), from
    one scan of the head. The marks are one character, or "." and one space: a scan stopped
    at ``pos`` finds the same ones up to there, and a "." right before ``pos`` ends a
    sentence there (``$`` matches at the end of the scan)."""
    if pos > 0 and head[pos - 1] == ".":
        return pos
    return ends[bisect_right(ends, pos) - 1] if ends and ends[0] <= pos else 0


def _first_basis(sentence: str) -> str | None:
    """The basis written first, read as the rank pass reads a clause's kinds (a narrower row's
    words are not read again by a broader one: "发明专利公告" is an invention grant)."""
    kinds = kinds_of(sentence)
    return kinds[0] if kinds else None


# every pattern above skips texts without its words, and a long text is scanned from the
# places of its start words (core/metrics/gates.py): the ranking words are looked for in
# every article's first 2,000 characters
gate_tables(globals())
