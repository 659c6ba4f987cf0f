"""Tables copied one cell per line: the header's cells, then each row's cells, line by line.

A web table pasted or extracted as text often loses its rows and keeps one cell per line:

    排名
    高校名称
    2020年
    2019年
    增长率
    1
    北方大学
    2345
    2100
    11.7%

Such a table is read back into rows when its structure is unambiguous: a header of three or
more short cells, each naming a column (a place, a name, a count, a year, a rate: the words of
:mod:`core.metrics.column_tables`, which passes its reading in), exactly one of them the name column; then three or more
groups of as many cells, each with one cell of words where the header has the name and
numbers everywhere else. Each row becomes one line of "cell | cell | …" for the column
reader, with its offsets in the text (a row's evidence is its cells).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from core.metrics.gates import gate_tables
from core.metrics.sentences import Sentence

_LINE = re.compile(r"[^\n]+")
_NUMBER_CELL = re.compile(r"[\d,]+(?:\.\d+)?\s*%?|[-–—]")
_WORD_CELL = re.compile(r"[^\d\n|]{2,40}")
_MAX_HEADER_CELL = 24
_MIN_ROWS = 3


KindOf = Callable[[str], str | None]  # what a header cell heads (column_tables.column_kind)


def cell_rows(text: str, kind_of: KindOf) -> list[tuple[str, list[Sentence]]]:
    """(header, rows) of each cell-per-line table of ``text``; each row a pseudo-sentence."""
    lines = [(m.group(0).strip(), m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [line for line in lines if line[0]]
    out: list[tuple[str, list[Sentence]]] = []
    i = 0
    while i < len(lines):
        header = _header_at(lines, i, kind_of)
        if header is None:
            i += 1
            continue
        width, name_at = header
        rows = list(_rows(lines, i + width, width, name_at))
        if len(rows) >= _MIN_ROWS:
            out.append((" | ".join(cell for cell, _, _ in lines[i : i + width]), rows))
            i += width * (len(rows) + 1)
        else:
            i += 1
    return out


def _header_at(
    lines: list[tuple[str, int, int]], i: int, kind_of: KindOf
) -> tuple[int, int] | None:
    """(width, index of the name column) of a header starting at line ``i``, if one does."""
    kinds: list[str] = []
    for cell, _, _ in lines[i:]:
        kind = kind_of(cell) if len(cell) <= _MAX_HEADER_CELL else None
        if kind is None:
            break
        kinds.append(kind)
    if len(kinds) < 3 or kinds.count("name") != 1:
        return None  # (the rows after it are checked cell by cell in _rows)
    return len(kinds), kinds.index("name")


def _rows(
    lines: list[tuple[str, int, int]], start: int, width: int, name_at: int
) -> Iterator[Sentence]:
    """The groups of ``width`` cells after the header, while each fits the header."""
    at = start
    while at + width <= len(lines):
        cells = lines[at : at + width]
        if not all(
            (_WORD_CELL.fullmatch(c) if k == name_at else _NUMBER_CELL.fullmatch(c))
            for k, (c, _, _) in enumerate(cells)
        ):
            return
        text = " | ".join(c for c, _, _ in cells)
        yield Sentence(text, cells[0][1], cells[-1][2], -1)
        at += width


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
