"""Split text into paragraphs and sentences, keeping character offsets into the original."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.metrics.gates import gate_tables

# A sentence ends at 。！？ (Chinese) or at . ! ? followed by space and an upper-case
# letter, digit or quote (English); "U.S." and "No. 3" do not end sentences.
# A list number at the start of a line ("12. Purdue University") does not end one either.
# Nor do abbreviations that stand before a name or a number ("Feb. 28", "Prof. Xu", "vs. 2019").
_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Prof", "Dr", "Mr", "Mrs", "Ms", "St", "vs", "approx",
)  # fmt: skip
_NOT_AFTER = "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
_END = re.compile(
    r"(?<=[。！？!?])|(?<=[.])(?<!\b[A-Z]\.)(?<!\bNo\.)(?<!^\d\.)(?<!^\d\d\.)(?<!^\d\d\d\.)"
    + _NOT_AFTER
    + r"(?=\s+[\"“A-Z0-9(])"
)
# Every end _END finds sits right after one of these: only their positions are tried (the
# lookbehinds of _END, tried at every character of a 2 KB text, cost more than the split).
_END_CHAR = re.compile(r"[。！？!?.]")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> Iterator[Sentence]:
    """Sentences with their offsets; paragraphs are separated by blank lines or newlines."""
    for p_index, para in enumerate(_LINE.finditer(text)):
        # an indented line ("   3. Stanford University") is read from its first character,
        # so that its list number, like one at the margin, ends no sentence
        chunk = para.group(0).lstrip()
        pos = para.end() - len(chunk)
        last = 0
        for c in _END_CHAR.finditer(chunk):
            end = c.end()
            if end > last and _END.match(chunk, end):
                yield from _emit(chunk, last, end, pos, p_index)
                last = end
        if last < len(chunk):
            yield from _emit(chunk, last, len(chunk), pos, p_index)


def _emit(chunk: str, a: int, b: int, offset: int, paragraph: int) -> Iterator[Sentence]:
    raw = chunk[a:b]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    start = offset + a + lead
    yield Sentence(stripped, start, start + len(stripped), paragraph)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
