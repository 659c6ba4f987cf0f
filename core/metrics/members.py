"""Members of a top-N named together: each is in the top N.

"江苏大学、浙江工业大学、昆明理工大学等也都杀入了全国50强", "A, B and C also made it into the top
50", and a list's intro with its members after it ("共有15所中国高校进入前50。它们依次是：A、B、
C…", "进入前十的中国高校还有：A(第四)、B(第五)"). The rules give every named member of a list a
`rank_top_n` row (§3: "among the top N", 前N名, N强); a member whose exact place the text
also gives keeps only that place (the context step drops the restated top N).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import cn_value
from core.metrics.record import sentence_figure
from core.metrics.sentences import Sentence

_N = r"(\d{1,3}|[一二三四五六七八九十百]{1,3})"
# after a run of names: "(等)(也/都…)杀入了全国50强", "…等进入前50名"
_ZH_AFTER = re.compile(
    r"\s*(?:等(?:[\d一二三四五六七八九十]+所)?(?:高校|大学|院校)?)?\s*(?:也|均|都|还|亦|同时|一同|一起|先后)*"
    r"\s*(?:成功)?(?:杀入|进入|跻身|入选|入围|位列|挤进|闯入|跨入|迈入|晋级)了?\s*[^，。；,;]{0,10}?"
    rf"(?:前\s*{_N}\s*(?:名|位|强)?|{_N}\s*强)"
)
_EN_AFTER = re.compile(
    r"\s*,?\s*(?:also\s+|all\s+|each\s+|both\s+)?(?:made it into|made|entered|were among|are among"
    r"|were in|are in|ranked among|ranked in|joined|featured in|appear in|appeared in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?top\s+(\d{1,3}|ten|twenty|fifty|hundred)\b",
    re.I,
)
# a list's intro ("进入前50的中国高校还有", "共有15所中国高校进入前50") and where its members start
_ZH_INTRO = re.compile(
    rf"(?:进入|跻身|入选|入围|位列|挤进|闯入)[^，。；]{{0,14}}?前\s*{_N}\s*(?:名|位|强)?"
    r"[^。；]{0,20}?(?:还有|包括|依次是|依次为|分别是|分别为|有)\s*[:：]?"
)
_ZH_THEY = re.compile(
    r"^\s*(?:它们|这些(?:高校|大学|学校)|其中)?\s*(?:依次|分别)?(?:是|为)\s*[:：]"
)
_ZH_INTRO_PREVIOUS = re.compile(
    rf"(?:进入|跻身|入选|入围|位列|挤进|闯入)[^，。；]{{0,14}}?前\s*{_N}\s*(?:名|位|强)?"
)
_EN_WORDS = {"ten": 10, "twenty": 20, "fifty": 50, "hundred": 100}
_SEP = re.compile(r"^\s*(?:[、,，]\s*|(?:和|及|与|以及|and|,\s*and)\s*)$", re.I)


def member_ranks(sentences: list[Sentence], patent_list: bool) -> list[dict[str, Any]]:
    """A ``rank_top_n`` record for each member named with its list's N."""
    out: list[dict[str, Any]] = []
    previous = ""
    for s in sentences:
        text = s.text
        if patent_list or re.search(r"专利|patent|PCT", text, re.I):
            out += _members(text, s.start, previous)
        previous = text
    return out


def _members(text: str, start: int, previous: str) -> list[dict[str, Any]]:
    ents = [e for e in find_entities(text) if e.university and e.name]
    found: list[tuple[Entity, int]] = []
    for run in _runs(text, ents):
        after = _ZH_AFTER.match(text, run[-1].end) or _EN_AFTER.match(text, run[-1].end)
        if after and len(run) >= 2:
            found += [(e, _value(after)) for e in run]
    intro = _ZH_INTRO.search(text)
    if intro is None and _ZH_THEY.match(text):
        intro = _ZH_INTRO_PREVIOUS.search(previous)
        listed_from = 0
    else:
        listed_from = intro.end() if intro else 0
    if intro is not None:
        n = _value(intro)
        found += [(e, n) for run in _runs(text, ents) if run[0].start >= listed_from for e in run]
    seen: set[tuple[str | None, int]] = set()
    records = []
    for e, n in found:
        if 1 < n <= 500 and (e.name, n) not in seen:
            seen.add((e.name, n))
            records.append(
                sentence_figure(str(e.name), "rank", n, "rank_top_n", text, start, member=True)
            )
    return records


def _runs(text: str, ents: list[Entity]) -> list[list[Entity]]:
    """Names written one after another, separated only by 、 , 和 and."""
    runs: list[list[Entity]] = []
    for e in ents:
        gap = text[runs[-1][-1].end : e.start] if runs else None
        if gap is not None and (_SEP.match(gap) or _bracketed_place(gap)):
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def _bracketed_place(gap: str) -> bool:
    """ "(第四)、": a member's own place between two members."""
    return bool(re.fullmatch(r"\s*[(（][^()（）]{1,12}[)）]\s*[、,，]?\s*(?:和|及|与)?\s*", gap))


def _value(m: re.Match[str]) -> int:
    raw = next(g for g in m.groups() if g)
    if raw.isdigit():
        return int(raw)
    if raw.lower() in _EN_WORDS:
        return _EN_WORDS[raw.lower()]
    return int(cn_value(raw) or 0)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
