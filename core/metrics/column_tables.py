"""Tables whose header names their columns, each row a line: the header says what each number is.

Patent offices publish their lists as tables, and news and web copies keep them as lines:

    Preliminary Rank in 2005 * | Preliminary number of patents in 2005 * | U.S. University * |
    (Final Rank in 2004) | (Final number of patents in 2004) |
    1 | 390 | University of California | (1) | (424) |
    ** | 90 | University of Texas ** | (4) | (101) |

A row's numbers are read against the header's columns in order: each column is a place
("Rank", 排名, 序号), a count ("number of patents", 授权量, 件数), the name ("U.S. University",
高校名称) or something else (a share, a growth rate: not labelled), with the year its label
states ("in 2005", "2004年"). Only a table is read: three or more rows of one shape, each
with one university's name and as many numbers on each side of it as the header has
columns there. A row whose place is left out ("** | 90 | …": a tie) holds the place above.
The count's metric is what the column's words say, else what the article counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.metrics.cell_tables import cell_rows
from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.sentences import Sentence
from core.metrics.vocab import count_metric

_COLUMN = re.compile(
    r"(?P<rank>\brank(?:ing)?\b|名次|排名|排序|序号)"
    r"|(?P<count>\bnumber\s+of\s+(?:utility\s+)?patents\b|\bpatent\s+counts?\b|\bpatents\b"
    r"|(?:发明)?(?:专利)?(?:授权|申请|公开|获证)(?:量|数量?|件数)|专利(?:数量?|总量|件数))"
    r"|(?P<name>\b(?:U\.S\.\s+)?(?:universit(?:y|ies)|institutions?|assignees?|organi[sz]ations?)\b"
    r"|(?:高校|学校|院校|单位|机构|大学)名称|申请人|专利权人|高校|学校|院校)"
    r"|(?P<other>增长|增幅|growth|占比|\bshare\b|\bchange\b|%)",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# a rebuilt row's name cell that names a university by its kind ("北方大学", "X College")
_NAME_CELL = re.compile(
    r"(?:^|\| )([^|\d]{2,40}?(?:大学|学院|University|College|Institute[^|]*?))(?: \||$)"
)
_YEAR_COLUMN = re.compile(r"(?<![\d(（])(?P<count>(?:19|20)\d\d)\s*(?:年度?)?(?![\d)）])")
_NUMBER = re.compile(r"\(?\s*(\d[\d,]*(?:\.\d+)?)\s*(%?)\s*\)?")
# what may stand in a row beside its numbers and its name: separators, tie marks, brackets
_FILLER = re.compile(r"^[\s|*()（）,、.\-–—T]*$")
# (not the point of an abbreviation: "U.S. University")
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?:\s|$)|[。！？]")
_HEADER_SPAN = 400  # a header is the few short lines right above its first row


@dataclass(frozen=True)
class _Column:
    kind: str  # rank, count, name or other
    label: str  # its words, for the count's metric
    year: int | None


@dataclass(frozen=True)
class _Row:
    sentence: Sentence
    entity: Entity
    before: tuple[float, ...]
    after: tuple[float, ...]


def column_tables(
    text: str, sentences: list[Sentence], count: str, patent_list: bool
) -> list[dict[str, Any]]:
    """Records of every column-headed table's rows (places and counts, with their years)."""
    if not patent_list and not re.search(r"patent|专利", text, re.I):
        return []
    rows = [row for s in sentences if (row := _row(s)) is not None]
    out: list[dict[str, Any]] = []
    for run in _runs(rows):
        header = _header(text, run[0].sentence.start)
        columns = _columns(header)
        out += _read(run, columns, count)
    # a table copied one cell per line (core/metrics/cell_tables.py): its header's cells are
    # its columns, and each row is read the same way
    for header, cells in cell_rows(text, column_kind) if text.count("\n") >= 12 else ():
        run = [row for s in cells if (row := _row(s, loose=True)) is not None]
        if len(run) == len(cells):
            out += _read(run, [_cell_column(c) for c in header.split(" | ")], count)
    return out


def column_kind(cell: str) -> str | None:
    """What a header cell heads (rank, count, name, other), or ``None`` for no column label;
    a year alone ("2020年", "FY2019") heads a count column."""
    m = _COLUMN.search(cell)
    if m:
        return next(k for k in ("rank", "count", "name", "other") if m.group(k))
    return "count" if _YEAR_COLUMN.fullmatch(cell.strip()) else None


def _cell_column(cell: str) -> _Column:
    year = _YEAR.search(cell)
    return _Column(column_kind(cell) or "other", cell, int(year.group(1)) if year else None)


def _row(s: Sentence, loose: bool = False) -> _Row | None:
    """A line with one university's name whose other words are numbers and separators; a
    rebuilt row (``loose``) may name a university nobody registered in its name cell."""
    text = s.text
    if len(text) > 200 or not any(c.isdigit() for c in text):
        return None
    ents = [e for e in find_entities(text) if e.university and e.name]
    if loose and not ents:
        cell = _NAME_CELL.search(text)
        ents = [Entity(cell.start(1), cell.end(1), cell.group(1), True)] if cell else []
    if len(ents) != 1:
        return None
    e = ents[0]
    head, tail = text[: e.start], text[e.end :]
    before, after = _numbers(head), _numbers(tail)
    if before is None or after is None or not (before or after):
        return None
    return _Row(s, e, before, after)


def _numbers(part: str) -> tuple[float, ...] | None:
    """The numbers of a row's part, or ``None`` when it holds words (no table row)."""
    values = [float(m.group(1).replace(",", "")) for m in _NUMBER.finditer(part)]
    return tuple(values) if _FILLER.match(_NUMBER.sub(" ", part)) else None


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """Runs of three or more rows on consecutive lines with the same numbers after the name."""
    runs: list[list[_Row]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if (
            last
            and row.sentence.paragraph - last.sentence.paragraph <= 2
            and len(row.after) == len(last.after)
        ):
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= 3]


def _header(text: str, first_row: int) -> str:
    """The text right above a table's first row, from the last sentence that ends there."""
    window = text[max(0, first_row - _HEADER_SPAN) : first_row]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _columns(header: str) -> list[_Column]:
    """The header's columns in order, each with the year its own words state; in a header
    whose counts are headed by their years alone ("排名 高校 2019年 2018年 增长率"), each year
    after the name is a count column of that year."""
    found = list(_COLUMN.finditer(header))
    if found and not any(m.group("count") for m in found):
        years = [m for m in _YEAR_COLUMN.finditer(header) if m.start() > found[0].start()]
        found = sorted([*found, *years], key=lambda m: m.start())
    out: list[_Column] = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(header)
        label = header[m.start() : end]
        year = _YEAR.search(label)
        kind = next(
            k for k in ("rank", "count", "name", "other") if k in m.groupdict() and m.group(k)
        )
        out.append(_Column(kind, label, int(year.group(1)) if year else None))
    return out


def _read(run: list[_Row], columns: list[_Column], count: str) -> list[dict[str, Any]]:
    """Each row's numbers against the columns on each side of the name column."""
    names = [i for i, c in enumerate(columns) if c.kind == "name"]
    if not names:
        return []
    at = names[-1]  # a title above the columns may name universities too
    after = columns[at + 1 : at + 1 + len(run[0].after)]
    width = max(len(r.before) for r in run)
    before = columns[max(0, at - width) : at]
    if len(after) != len(run[0].after) or len(before) != width or not (before or after):
        return []
    # the name column says among whom the places are ("U.S. University": U.S. universities)
    scope = "U.S. universities" if re.search(r"U\.S\.|American", columns[at].label) else None
    out: list[dict[str, Any]] = []
    place: float | None = None
    for row in run:
        values = list(row.before)
        if len(values) == width - 1 and before and before[0].kind == "rank" and place:
            values.insert(0, place)  # "** | 90 | University of Texas **": tied with the row above
        if len(values) != width:
            continue
        if before and before[0].kind == "rank":
            place = values[0]
        for column, value in zip([*before, *after], [*values, *row.after], strict=True):
            rec = _record(row, column, value, count, scope)
            if rec:
                out.append(rec)
    return out


def _record(
    row: _Row, column: _Column, value: float, count: str, scope: str | None
) -> dict[str, Any] | None:
    if column.kind not in ("rank", "count") or value <= 0:
        return None
    s, name = row.sentence, str(row.entity.name)
    number = int(value) if value == int(value) else value
    if column.kind == "rank":
        rec = sentence_figure(name, "rank", number, "rank", s.text, s.start)
        if scope:
            rec["scope"] = scope
    else:
        metric = count_metric(column.label, "") or count
        rec = sentence_figure(name, metric, number, "count", s.text, s.start)
    rec["end"] = s.end  # a rebuilt row's text is not the article's: its span is
    if column.year:
        rec["year"], rec["timed"] = column.year, True
    rec["member"] = "column"  # the header said what it is
    return rec


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
