"""Ranks of a composite-ranking report: an article whose headline and lead report THE, QS
or 软科 rankings (rules §7: not patent ranks) may still state a patent rank in passing
("…国际PCT专利申请公开数量…连续三年排名中国内地高校第1"); only such a rank is kept, one
whose part of its sentence, or its paragraph up to it, speaks of patents.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables
from core.metrics.rankwords import COMPOSITE_AT, PATENT_LIST, PATENT_WORD

_LEAD = 300  # characters: a headline and the lead's first sentences
_SEGMENT_END = re.compile(r"[;；。]")


@lru_cache(maxsize=64)
def composite_lead(text: str) -> bool:
    """Whether the article's headline and lead name a composite ranking and no patent list."""
    lead = text[:_LEAD]
    return bool(COMPOSITE_AT.search(lead)) and not PATENT_LIST.search(lead)


def composite_rank(text: str, start: int, sentence: str, pos: int) -> bool:
    """Whether the rank at ``pos`` of ``sentence`` (at ``start`` in ``text``) is the composite
    ranking's: the article reports one, and nothing at the rank speaks of patents."""
    if not composite_lead(text):
        return False
    if PATENT_WORD.search(_segment(sentence, pos)):
        return False
    para = text.rfind("\n", 0, start) + 1
    return not PATENT_WORD.search(text, para, start + pos)


def _segment(sentence: str, pos: int) -> str:
    """The part of ``sentence`` between the semicolons (or full stops) around ``pos``."""
    starts = [m.end() for m in _SEGMENT_END.finditer(sentence, 0, pos)]
    end = _SEGMENT_END.search(sentence, pos)
    return sentence[starts[-1] if starts else 0 : end.start() if end else len(sentence)]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
