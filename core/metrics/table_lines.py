"""Ranked tables written one row per line: "1 University of California 540",
"1<TAB>University of California<TAB>540", "University of California, 540 patents, No. 1".

News copies the NAI/IPO, WIPO and CNIPA tables as plain lines. A row is a place, a name
and (optionally) a count, or a name, a count and "No. N"; the row's place is a rank only
when at least two rows of the article have that shape with places in order (a table, not a
stray line that starts with a number). Counts are read by the other finders; this one adds
the places they cannot see (a bare number before a name is no rank to them).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.sentences import Sentence

# "1 Name 540", "1\tName\t540", "No. 1 Name", "#1 Name (540)"
_PLACE_FIRST = re.compile(r"^\s*(?:No\.?\s*|#)?(\d{1,3})(?:\.(?!\d))?[ \t]+(?=\S)")
# "Name, 540 patents, No. 1", "Name (540) – No. 1"
_PLACE_LAST = re.compile(r"(?:,|–|-|—|\t)\s*(?:No\.?\s*|#|rank(?:ed)?\s+)(\d{1,3})\s*\.?\s*$", re.I)
_TAIL = re.compile(r"^[\s\t,;:()（）–—-]*(?:[\d,]+)?(?:\s*[a-zA-Z.]{0,20})?[\s\t)）]*$")


def table_line_ranks(sentences: list[Sentence], patent_list: bool) -> list[dict[str, Any]]:
    """Rank records for the rows of the article's line tables."""
    if not patent_list and not any(re.search(r"patent|专利", s.text, re.I) for s in sentences):
        return []
    rows = [row for s in sentences if (row := _row(s)) is not None]
    out: list[dict[str, Any]] = []
    for run in _tables(rows):
        out += [
            sentence_figure(name, "rank", place, "rank", s.text, s.start) for s, name, place in run
        ]
    return out


def _row(s: Sentence) -> tuple[Sentence, str, int] | None:
    text = s.text
    if len(text) > 120:
        return None
    ents = [e for e in find_entities(text) if e.university and e.name]
    if len(ents) != 1:
        return None
    e = ents[0]
    first = _PLACE_FIRST.match(text)
    if first and abs(e.start - first.end()) <= 2 and _TAIL.match(text[e.end :]):
        return s, str(e.name), int(first.group(1))
    last = _PLACE_LAST.search(text)
    if last and e.start <= 2 and _TAIL.match(text[e.end : last.start()] + " "):
        return s, str(e.name), int(last.group(1))
    return None


def _tables(rows: list[tuple[Sentence, str, int]]) -> list[list[tuple[Sentence, str, int]]]:
    """Runs of rows on consecutive paragraphs whose places never fall (ties repeat a place)."""
    runs: list[list[tuple[Sentence, str, int]]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if last and row[0].paragraph - last[0].paragraph <= 2 and row[2] >= last[2]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= 2 and 0 < run[0][2] <= 500]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
