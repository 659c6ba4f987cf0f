"""Ranked tables written one row per line: "1 University of California 540",
"1<TAB>University of California<TAB>540", "University of California, 540 patents, No. 1",
"1 47 U. of California system 413" (a second place column: among all applicants).

News copies the NAI/IPO, WIPO and CNIPA tables as plain lines. A row is a place, a name
and (optionally) a count, or a name, a count and "No. N"; the row's place is a rank only
when at least two rows of the article have that shape with places in order (a table, not a
stray line that starts with a number). Counts are read by the other finders; this one adds
the places they cannot see (a bare number before a name is no rank to them). A second
place column is a rank only when the table's header names it ("Rank Among All Applicants":
overall); the header line's year and noun ("International Patent Applications, 2014") are
the rows' (:func:`table_headers`), as a reader takes them.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.sentences import Sentence

# "1 Name 540", "1\tName\t540", "No. 1 Name", "#1 Name (540)", "1 47 Name 413"
_PLACE_FIRST = re.compile(
    r"^\s*(?:No\.?\s*|#)?(\d{1,3})(?:\.(?!\d))?[ \t]+(?:(\d{1,4})[ \t]+)?(?=\S)"
)
# a header naming its second place column's list: "Rank Among All Applicants", "Overall Rank"
_OVERALL_COLUMN = re.compile(r"\brank\w*\s+among\s+all\s+applicants\b|\boverall\s+rank", re.I)
_Row = tuple[Sentence, str, int, int | None]  # the row, its name, place, second place
_HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# "Name, 540 patents, No. 1", "Name (540) – No. 1"
_PLACE_LAST = re.compile(r"(?:,|–|-|—|\t)\s*(?:No\.?\s*|#|rank(?:ed)?\s+)(\d{1,3})\s*\.?\s*$", re.I)
# after the name: a lowercase word of it ("system"), a bracketed country, the count, a unit
_TAIL = re.compile(
    r"^(?:\s+[a-z]{2,12})?(?:\s*\([^()\d]{1,30}\))?"
    r"[\s\t,;:()（）–—-]*(?:[\d,]+)?(?:\s*[a-zA-Z.]{0,20})?[\s\t)）]*$"
)


def table_line_ranks(sentences: list[Sentence], patent_list: bool) -> list[dict[str, Any]]:
    """Rank records for the rows of the article's line tables."""
    if not patent_list and not any(re.search(r"patent|专利", s.text, re.I) for s in sentences):
        return []
    rows = [row for s in sentences if (row := _row(s)) is not None]
    out: list[dict[str, Any]] = []
    for run in _tables(rows):
        out += [
            sentence_figure(name, "rank", place, "rank", s.text, s.start)
            for s, name, place, _ in run
        ]
        header = _header(sentences, run[0][0])
        if _OVERALL_COLUMN.search(header) and all(second for *_, second in run):
            for s, name, _place, second in run:
                if second is None:
                    continue
                rec = sentence_figure(name, "rank", second, "rank", s.text, s.start)
                rec["scope"], rec["member"] = "overall", "column"  # the header said among whom
                out.append(rec)
    return out


def table_headers(sentences: list[Sentence]) -> dict[int, str]:
    """The header lines of the article's line tables, by the start of each row they head."""
    rows = [row for s in sentences if (row := _row(s)) is not None]
    return {s.start: _header(sentences, run[0][0]) for run in _tables(rows) for s, *_ in run}


def header_year(header: str) -> int | None:
    """The one year a table's header names ("International Patent Applications, 2014")."""
    years = set(_HEADER_YEAR.findall(header))
    return int(years.pop()) if len(years) == 1 else None


def _header(sentences: list[Sentence], first: Sentence) -> str:
    """The short lines right before a table's first row: its title and column names."""
    before = [s for s in sentences if s.start < first.start][-2:]
    return " ".join(s.text for s in before if len(s.text) <= 120)


def _row(s: Sentence) -> _Row | None:
    text = s.text
    if len(text) > 120:
        return None
    ents = [e for e in find_entities(text) if e.university and e.name]
    if len(ents) != 1:
        return None
    e = ents[0]
    first = _PLACE_FIRST.match(text)
    if first and abs(e.start - first.end()) <= 2 and _TAIL.match(text[e.end :]):
        second = int(first.group(2)) if first.group(2) else None
        return s, str(e.name), int(first.group(1)), second
    last = _PLACE_LAST.search(text)
    if last and e.start <= 2 and _TAIL.match(text[e.end : last.start()] + " "):
        return s, str(e.name), int(last.group(1)), None
    return None


def _tables(rows: list[_Row]) -> list[list[_Row]]:
    """Runs of rows on consecutive paragraphs whose places never fall (ties repeat a place)."""
    runs: list[list[_Row]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if last and row[0].paragraph - last[0].paragraph <= 2 and row[2] >= last[2]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= 2 and 0 < run[0][2] <= 500]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
