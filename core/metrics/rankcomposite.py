"""Ranks that are not patent ranks: a composite ranking's, named at the rank ("40th in the QS
…", "在软科排名中位列第N"), a ranking of another basis (papers), or one in a report of one.

Ranks of a composite-ranking report: an article whose headline and lead report THE, QS
or 软科 rankings (rules §7: not patent ranks) may still state a patent rank in passing
("…国际PCT专利申请公开数量…连续三年排名中国内地高校第1"); only such a rank is kept, one
whose part of its sentence, or its paragraph up to it, speaks of patents.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.rankwords import (
    BASIS_OTHER,
    BASIS_PATENT,
    CLAUSE_END,
    COMPOSITE_AT,
    PATENT_LIST,
    PATENT_WORD,
    PRIOR_RANK,
    ZH_PLACE,
)
from core.metrics.unwrap import without_glosses

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


def not_ours(text: str, rec: dict[str, Any], sentence: str, clause: str, pos: int) -> bool:
    """A composite ranking's rank: named at the rank, ranking another basis, or in a report of
    one (rules §7). ``rec`` holds offsets into ``text``; ``pos`` is the rank's in ``sentence``."""
    return (
        _composite_at(sentence, clause, pos)
        or _other_basis(sentence, pos)
        or composite_rank(text, rec["start"], sentence, pos)
    )


def _other_basis(sentence: str, pos: int) -> bool:
    """The nearest basis named before the rank in its sentence is not a patent figure
    ("…论文发表表现亮眼：北大排名第四" ranks papers, whatever the sentence said of patents
    before): the last mention wins, so a later patent word restores the patent basis."""
    head = without_glosses(sentence[:pos])  # the original text may hold pinyin glosses
    other = [m.start() for m in BASIS_OTHER.finditer(head)]
    if not other:
        return False
    patent = [m.start() for m in BASIS_PATENT.finditer(head)]
    return not patent or other[-1] > patent[-1]


def _composite_at(sentence: str, clause: str, pos: int) -> bool:
    """A composite ranking named at the rank: before it (Chinese: "在软科排名中位列第N"), or in
    English after it to the clause's end ("40th in the QS …"); not praise after it."""
    if composite_named_last(clause, 0, len(clause)):
        return True  # (not "校友会网…中国大学专利奖排行榜前二十": its patent-award list)
    if ZH_PLACE.match(sentence, pos) or sentence[pos] in "第前榜首冠之":
        # Chinese names the ranking before the rank: back to the previous rank in the sentence
        prior = [m.end() for m in PRIOR_RANK.finditer(sentence, 0, pos)]
        return composite_named_last(sentence, prior[-1] if prior else 0, pos)
    end = CLAUSE_END.search(sentence, pos)
    return bool(
        COMPOSITE_AT.search(sentence[pos : min(pos + 60, end.start() if end else len(sentence))])
    )


def composite_named_last(
    text: str, start: int, end: int, names: re.Pattern[str] = COMPOSITE_AT
) -> bool:
    """A composite ranking is the one named last in ``text[start:end]`` ("…创新能力…，…专利申请
    排名中，X列为第8位" ranks patent applications: a patent word after it names the list)."""
    named = [m.end() for m in names.finditer(text, start, end)]
    return bool(named) and not BASIS_PATENT.search(text, named[-1], end)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
