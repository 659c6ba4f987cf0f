"""The list pass: runs the list finders (:mod:`core.metrics.lists`) over every sentence.

A figure found here wins over the sentence engine's reading of the same figure in the
same sentence, because in a list the nearest name before a number is often the
previous entry's, not its owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from core.metrics.context import Article
from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.linerank import (
    OVERALL,
    list_line_ranks,
    paragraph_numbered,
    ranked_at,
    tied_ranks,
)
from core.metrics.lists import (
    Found,
    bracketed_counts,
    colon_list,
    group_top_n,
    no_n,
    numbered_line,
    paired_ordinals,
    respectively,
    top_members,
    yearly_firsts,
)
from core.metrics.numbers import as_number
from core.metrics.phrases import (
    name_money,
    ordinal_phrase,
    rank_then_name,
    rank_words,
    scope_ordinal,
)
from core.metrics.sentences import Sentence, split_sentences
from core.metrics.trie import any_match
from core.metrics.vocab import count_metric

_YEAR = re.compile(r"(?<!\d)((?:19[89]|20[0-3])\d)(?!\d)(?!\s*(?:件|项|名|位|年代|万|亿))")
_PATENT = re.compile(
    r"patent|PCT|invention|licen[cs]|transfer|commerciali|专利|知识产权|发明|转让|许可|转化|转移"
    r"|移转|技转",  # Taiwan's 技术移转 (技转)
    re.I,
)
_MONEY_CUES = re.compile(
    r"licens|royalt|income|revenue|earn|转让|许可|转化|收入|技转|commerciali", re.I
)
_RANKING = re.compile(r"\brank|\btop\b|\blist\b|排名|排行|榜|前\d+|百强", re.I)


# yes/no tests of the two patterns above, their words as substring tests (~2x faster)
_HAS_PATENT, _HAS_MONEY_CUE = any_match(_PATENT), any_match(_MONEY_CUES)


def list_metrics(
    text: str,
    ctx: Article,
    owner: str | None = None,
    count: str = "other",
    sentences: list[Sentence] | None = None,
) -> list[dict[str, Any]]:
    """Records (as dicts, before the context step) of every list entry in ``text``.

    :param owner: the article's own institution (for an owner-less "It was seventh")
    :param count: what a count with no verb is in this article
    :param sentences: the sentences to look at (default: all of ``text``)
    """
    ranking_article = bool(_RANKING.search(text))
    default = count
    out: list[dict[str, Any]] = []
    paragraph, para_text, para_patent = -1, "", False
    intro: tuple[str, int | None] | None = None  # the last figure words and their one year
    seen = 0  # the end of the text read so far (one scan, not one per growing paragraph)
    for s in split_sentences(text) if sentences is None else sentences:
        if s.paragraph != paragraph:
            paragraph, para_text, para_patent = s.paragraph, "", False
            seen = max(seen, text.rfind("\n", 0, s.start) + 1)
        para_text += s.text
        own = count_metric(s.text, "") if _HAS_PATENT(s.text) else ""
        intro = (own, _one_year(s.text)) if own else intro
        # the paragraph's sentences not given count too ("智慧局公布去年专利申请统计。")
        para_patent = para_patent or bool(ctx.topics or _HAS_PATENT(text[seen : s.end]))
        seen = max(seen, s.end)
        patent_context = para_patent
        ents = [e for e in find_entities(s.text) if e.university and e.name]
        if not ents:  # only "the university is 61st this year …", "It is No. 91" need no name
            found = ordinal_phrase(s.text, ents) + no_n(s.text, ents) if patent_context else []
            out += [_record((owner or "", *f[1:]), None, s.text, s.start, s.end) for f in found]
            continue
        # its own words, else its paragraph's so far, else a numbered line's list intro's
        listed, list_year = _numbered_intro(s.text, intro, default)
        metric = own or count_metric(para_text, listed)
        found = bracketed_counts(s.text, ents, metric) + respectively(s.text, ents, metric)
        found += paired_ordinals(s.text, ents, metric)
        if patent_context:  # a contest's or a sport's rank is not ours
            found += _patent_ranks(s.text, ents)
        if _HAS_MONEY_CUE(s.text):
            found += name_money(s.text, ents)
        if ranking_article:
            found += numbered_line(s.text, ents)
        year = _one_year(s.text) or (list_year if not own else None)
        if patent_context:  # each first place of "Y1—Y2年的榜首分别是…" has its own year
            out += [
                {**_record((f[0] or owner or "", *f[1:]), y, s.text, s.start, s.end), "timed": True}
                for f, y in yearly_firsts(s.text, ents)
            ]  # (timed: the span "Y1—Y2年" is not their period)
        # an owner-less rank phrase ("It was seventh among …") is the article's subject's
        found = [(f[0] or owner or "", *f[1:]) for f in found]
        out += [_record(f, year, s.text, s.start, s.end) for f in found]
    # a list's counts are what its title or introduction counts ("2021年高校发明专利授权量排行榜")
    listed = count_metric(text[:200], "") or default
    return out + _colon_lists(text, default) + _count_lines(text, listed) + _inline_lists(text)


def _patent_ranks(sentence: str, ents: list[Entity]) -> list[Found]:
    """The rank forms of a sentence about patents (a contest's or a sport's are not ours)."""
    found = no_n(sentence, ents) + rank_words(sentence, ents) + rank_then_name(sentence, ents)
    found += group_top_n(sentence, ents) + ordinal_phrase(sentence, ents)
    found += top_members(sentence, ents) + scope_ordinal(sentence, ents)
    found += list_line_ranks(sentence, ents)
    return found + ranked_at(sentence, ents) + tied_ranks(sentence, ents)


def _inline_lists(text: str) -> list[dict[str, Any]]:
    """The places of a numbered list written inside one paragraph ("1. A, 500; 2. B, 300")."""
    return [
        _record((name, "rank", v, "rank", pos), None, text[a:b].strip(), a, b)
        for name, v, pos, a, b in paragraph_numbered(text)
    ]


@lru_cache(maxsize=2048)  # pure; asked again of one sentence for each of its figures
def _one_year(sentence: str) -> int | None:
    years = {int(y) for y in _YEAR.findall(sentence)}
    return years.pop() if len(years) == 1 else None


# "1. University of X (399 patents)": a numbered list line
_NUMBERED_LINE = re.compile(r"^\s*\d{1,3}[.)、]\s+\S")


def _numbered_intro(
    sentence: str, intro: tuple[str, int | None] | None, default: str
) -> tuple[str, int | None]:
    """What a numbered list line with no figure words counts, and its year: what the last
    sentence with figure words counted ("the universities granted the most utility patents
    in 2013 … See the top 10 below: 1. University of X (399 patents)"); else ``default``."""
    if intro and _NUMBERED_LINE.match(sentence):
        return intro
    return default, None


def _colon_lists(text: str, default: str) -> list[dict[str, Any]]:
    """ "Name / count" lists that run over lines: the evidence is the value's line."""
    if text.count(":") < 3:
        return []
    ents = [e for e in find_entities(text) if e.university and e.name]
    out = []
    for f in colon_list(text, ents, default):
        a = text.rfind("\n", 0, f[4]) + 1
        b = text.find("\n", f[4])
        b = len(text) if b < 0 else b
        line = text[a:b]
        lead = len(line) - len(line.lstrip())
        line = line.strip()
        metric = count_metric(line, "") or f[1]
        years = set(_YEAR.findall(line))
        year = int(years.pop()) if len(years) == 1 else None
        out.append(_record((f[0], metric, *f[2:]), year, line, a + lead, a + lead + len(line)))
    return out


# "- Name 546", "3. Name 120", "第三名：Name，2800件": a list line of one name and its count
_COUNT_LINE = re.compile(
    r"^[ \t]*(?:[-•*·]|\d{1,3}[.)、]|第[一二三四五六七八九十百\d]{1,4}名[ \t]*[:：]?)?[ \t]*(\S.*?)"
    r"(?:[ \t]*[,，:：][ \t]*|[ \t]+)(\d[\d,]*)[ \t]*(?:件|项|patents?)?[ \t。.]*$",
    re.M,
)


def _count_lines(text: str, default: str) -> list[dict[str, Any]]:
    """A list of lines "- Name 546": three or more lines that are a university and a count,
    or a run of three or more such lines (companies among them: "第七名：某公司，2936件")
    whose university lines count what the line introducing the run counts."""
    lines = list(_count_line_matches(text))  # one scan of the text: it is the costly part
    if len(lines) < 3:
        return []
    found, runs = [], _line_runs(text, lines)
    for m in lines:
        raw = m.group(2)
        ents = [e for e in find_entities(m.group(1)) if e.university and e.name]
        if ents and not (len(raw) == 4 and raw[:2] in ("19", "20")):
            metric, year, in_run = default, None, False
            for start, end, intro in runs:
                if start <= m.start() < end:
                    metric, in_run = count_metric(intro, "") or default, True
                    year = _intro_year(intro)
            value = float(raw.replace(",", ""))
            rec = _record(
                (ents[0].name, metric, value, "count", 0),
                year,
                m.group(0).strip(),
                m.start(1),
                m.end(2),
            )
            found.append((rec, in_run))
    if len(found) >= 3:
        return [r for r, _ in found]
    return [r for r, in_run in found if in_run]


# a year a span starts from ("since 2013", "自2013年以来") is not the list's data year
_SPAN_BEFORE = re.compile(r"(?:\bsince|\bfrom|\bbetween|自|从|從)\s*$", re.I)
_SPAN_AFTER = re.compile(r"^\s*年?\s*(?:以来|以來|起|至|到|[-–—])")


def _intro_year(intro: str) -> int | None:
    """The one data year the line introducing a list states, ``None`` for none or several."""
    years = {
        m.group(1)
        for m in _YEAR.finditer(intro)
        if not _SPAN_BEFORE.search(intro[max(0, m.start() - 10) : m.start()])
        and not _SPAN_AFTER.match(intro[m.end() : m.end() + 4])
    }
    return int(years.pop()) if len(years) == 1 else None


def _line_runs(text: str, lines: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    """Runs of three or more consecutive list lines (any name), with the line before each."""
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and text[lines[j].end() : lines[j + 1].start()].strip() == "":
            j += 1
        if j - i >= 2:
            runs.append((lines[i].start(), lines[j].end(), _intro(text, lines[i].start())))
        i = j + 1
    return runs


_ENTRY = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]{1,4}名|\d{1,3}[.)、]|[-•*·])")


def _intro(text: str, pos: int) -> str:
    """The line that introduces the list entry at ``pos``: the last line before it that is
    not itself an entry (an entry the line pattern missed, "第六名：…，2985年", is skipped)."""
    end = pos
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end].strip()
        if line and not _ENTRY.match(line):
            return line
        end = start
    return ""


def _count_line_matches(text: str) -> Iterator[re.Match[str]]:
    """_COUNT_LINE's matches (one per line at most, each at a line's start), tried only on the
    lines that end as one can (a count, 件, 项, patents): on any other line its lazy name group
    is extended one character at a time to the line's end before the match fails."""
    start = 0
    for line in text.split("\n"):
        tail = line.rstrip(" \t。.")
        if tail and (
            tail[-1].isdecimal() or tail[-1] in ",件项" or tail.endswith(("patent", "patents"))
        ):
            m = _COUNT_LINE.match(text, start)
            if m:
                yield m
        start += len(line) + 1


def _record(
    f: tuple[Any, ...], year: int | None, evidence: str, start: int, end: int
) -> dict[str, Any]:
    inst, metric, value, unit, _pos = f
    scope = None
    if unit == OVERALL:  # a rank among all applicants, written beside the list's own rank
        unit, scope = "rank", "overall"
    money = unit not in ("count", "rank", "rank_top_n", "percent")
    return {
        "institution": inst,
        "metric": metric,
        "value": as_number(value),
        "unit": unit,
        "year": year,
        "period": None,
        "scope": scope,
        "basis": None,
        "qualifier": None,
        "currency": unit if money else None,
        "evidence": evidence,
        "start": start,
        "end": end,
    }


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
