"""Ranked count tables flattened into one line: "rank name [region] count", row after row.

A table copied without its line breaks ("名次 学校名称 所在省市 金奖数 1 A大学 北京 12 2 B大学
北京 2 C大学 上海 2 5 D大学 上海 1 …", "1 Alder University Ohio 9 2 Birch College Iowa 4 …")
still reads row by row: each university is followed by an optional region (one or two
short words without digits) and its count, then by the next row's rank. A row without a rank
is tied with the row before (competition ranking: 1, 2, 2, 2, 5), as real lists print it
("20. A" "20. B" "22. C", or the rank left blank). :mod:`core.metrics.inline_table` reads
run-together money tables whose every row has its rank; this module reads the count tables, also in the order "rank count name" that a patent
office's table of the year's top universities uses ("1 431 A University (1) (402) 2 135 …",
last year's rank and count in brackets).

A run is a table only when it is unambiguous: three or more rows, every stated rank equal to
its row's place (or to the rank before it, for a tie, or one more than it, dense ranking),
and counts that never rise down the table (the table is ranked by them). Each row gives its
count, with the metric the table's header names (gold awards: ``other``), and its stated rank
(a tied row's rank is implied, not emitted). Its header must name patents: a composite
ranking's scores in the same shape are not patent figures. A table's figures are of the span its article
states as the list's data basis ("以1989年至2010年…为数据基础", "rankings cover patents filed
2009-2014"), when it states one before the table.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

_MIN_ROWS = 3
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+[.)、]?|[^\s,;|:：、，；]+")
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,6}")
_RANK = re.compile(r"\d{1,3}[.)、]?")
# a region cell: a short word without digits ("北京", "Hubei", "Calif.", "N.Y.")
_REGION = re.compile(r"[^\d\s]{1,14}")
_RANK_BEFORE = re.compile(r"(?:^|[\s|,;])(\d{1,3})[.)、]?[\s|,;:：]*$")
# the span a list's data cover, said of the list or its data
_SPAN = re.compile(
    r"((?:19|20)\d\d)\s*年?\s*(?:至|到|-|–|—|~|to|through|and)\s*((?:19|20)\d\d)\s*年?"
)
_BASIS = re.compile(
    r"数据|統計|统计|排行榜|榜单|\bdata\b|\brank(?:ing|ings|ed)?\b|\bcover(?:s|ed)?\b|\blist\b",
    re.I,
)
# the header before the rows names what the table counts
_PATENT_HEADER = re.compile(r"专利|发明|授权|申请|patent|invention|filings|grants", re.I)
_SCORE_HEADER = re.compile(r"得分|分数|指数|评分|\bscores?\b|\bindex\b", re.I)
_Row = tuple[Entity, int | None, int]  # name, stated rank, count


def flat_tables(
    text: str, sentences: list[Any], default_count: str, listed: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Count and rank records of every flattened count table in ``sentences`` (of the article
    ``text``) that no list finder ranked already (``listed``). A table read here replaces
    what the list finders read in its sentence without ranks (its bracketed cells of last
    year, "A University (1) (402)", are no counts of the year)."""
    out: list[dict[str, Any]] = []
    for s in sentences:
        if any(r["start"] == s.start and r["metric"] == "rank" for r in listed):
            continue
        rows = _rows(s.text)
        if rows:
            listed[:] = [r for r in listed if r["start"] != s.start]
            out += _records(text, s, rows, default_count)
    return out


def _rows(sentence: str) -> list[_Row]:
    """The table's rows: the first run of names, from one right after a rank number, that
    reads as a ranked table (a header word such as "Rank University" is no row)."""
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    if len(ents) < _MIN_ROWS:
        return []
    for begin, ent in enumerate(ents[: len(ents) - _MIN_ROWS + 1]):
        first = _RANK_BEFORE.search(sentence[max(0, ent.start - 8) : ent.start])
        if first:
            rows = _run(sentence, ents[begin:], int(first.group(1)))
            if len(rows) >= _MIN_ROWS and _ranked(rows):
                return rows
    rows = _count_first(sentence, ents)
    return rows if len(rows) >= _MIN_ROWS and _ranked(rows) else []


# a cell that is neither rank nor count: last year's rank or count in brackets, a tie mark
_SIDE_CELL = re.compile(r"\(\s*\d[\d,]*\s*\)|\*+")


def _count_first(sentence: str, ents: list[Entity]) -> list[_Row]:
    """Rows written "rank count name [(last rank) (last count)]", as a patent office's
    table of the year's top universities prints them; a tied row leaves its rank blank."""
    rows: list[_Row] = []
    for i, ent in enumerate(ents):
        begin = ents[i - 1].end if i else max(0, ent.start - 16)
        tokens = _TOKEN.findall(_SIDE_CELL.sub(" ", sentence[begin : ent.start]))
        if not i:
            tokens = tokens[-2:] if len(tokens) >= 2 and _RANK.fullmatch(tokens[-2]) else []
        if len(tokens) == 2 and _RANK.fullmatch(tokens[0]) and _COUNT.fullmatch(tokens[1]):
            rows.append((ent, int(tokens[0].rstrip(".)、")), int(tokens[1].replace(",", ""))))
        elif len(tokens) == 1 and i and _COUNT.fullmatch(tokens[0]):
            rows.append((ent, None, int(tokens[0].replace(",", ""))))
        elif rows:
            break
    return rows


def _run(sentence: str, ents: list[Entity], rank: int | None) -> list[_Row]:
    rows: list[_Row] = []
    for i, ent in enumerate(ents):
        stop = ents[i + 1].start if i + 1 < len(ents) else len(sentence)
        cells = _cells(sentence[ent.end : stop], last=i + 1 == len(ents))
        if cells is None:
            break
        count, next_rank = cells
        rows.append((ent, rank, count))
        rank = next_rank
    return rows


def _cells(segment: str, last: bool) -> tuple[int, int | None] | None:
    """(count, next row's rank) of the text between one name and the next, or None when it
    is not "[region] count [rank]" (cells apart by spaces, commas, bars or colons)."""
    tokens = _TOKEN.findall(segment)
    if last:  # the last row's count ends the table; what follows is text
        at = [i for i, t in enumerate(tokens) if _COUNT.fullmatch(t)]
        tokens = tokens[: at[0] + 1] if at else []
    numbers = [t for t in tokens if _COUNT.fullmatch(t) or _RANK.fullmatch(t)]
    words = tokens[: len(tokens) - len(numbers)]
    if not numbers or len(numbers) > 2 or len(words) > 2 or tokens[len(words) :] != numbers:
        return None
    if not all(_REGION.fullmatch(w) for w in words) or not _COUNT.fullmatch(numbers[0]):
        return None
    if last and len(numbers) != 1:
        return None
    count = int(numbers[0].replace(",", ""))
    return count, int(numbers[1].rstrip(".)、")) if len(numbers) == 2 else None


def _ranked(rows: list[_Row]) -> bool:
    """Stated ranks follow the rows (competition, dense or repeated ties), the first row has
    one, and the counts never rise."""
    if rows[0][1] is None:
        return False
    last = 0
    for place, (_e, rank, _c) in enumerate(rows, start=1):
        if rank is not None:
            if rank not in (place, last, last + 1):
                return False
            last = rank
    counts = [c for _e, _r, c in rows]
    return all(a >= b for a, b in zip(counts, counts[1:], strict=False))


def _records(text: str, s: Any, rows: list[_Row], default_count: str) -> list[dict[str, Any]]:
    header = s.text[: rows[0][0].start]
    if not _PATENT_HEADER.search(header) or _SCORE_HEADER.search(header):
        return []  # a composite ranking's scores ("1 A 北京 98.2 …") are no patent figures
    metric = count_metric(header, "") or count_metric(s.text, default_count)
    period = data_span(text[: s.start])
    year = None if period else data_year(text[max(0, s.start - 300) : s.start])
    out: list[dict[str, Any]] = []
    for ent, rank, count in rows:
        name = ent.name or ""
        time = {"year": year, "period": period}
        out.append(sentence_figure(name, metric, count, "count", s.text, s.start, **time))
        if rank is not None:
            # the header names among whom the table ranks ("中国大学…排行榜"): the scope
            rec = sentence_figure(name, "rank", rank, "rank", s.text, s.start, **time)
            out.append({**rec, "scope": header.strip()[-60:] or None})
    return out


# "receiving utility patents in calendar year 2002": the one year a table's intro says its
# data are of (a list's own year, "2021排行榜", may be its publication's: not read here)
_DATA_YEAR = re.compile(r"\b(?:in|during|for) (?:the )?calendar year ((?:19|20)\d\d)\b", re.I)


def data_year(before: str) -> int | None:
    """The calendar year the text right before a table gives its data, or None."""
    years = {int(y) for y in _DATA_YEAR.findall(before)}
    return years.pop() if len(years) == 1 else None


def data_span(before: str) -> str | None:
    """The span the last sentence before the table that speaks of data, a list or a ranking
    gives ("1989-2010 (cumulative)"), or None."""
    for sentence in reversed(re.split(r"(?<=[。！？!?;；\n])|(?<=\.)\s", before)):
        m = _SPAN.search(sentence)
        if m and _BASIS.search(sentence) and int(m.group(1)) < int(m.group(2)):
            return f"{m.group(1)}-{m.group(2)} (cumulative)"
    return None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
