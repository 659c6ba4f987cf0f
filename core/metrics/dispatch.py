"""Per-text dispatch over a finder's table of patterns: one word test per word of the table,
then only the rows whose pattern can match are tried.

A finder that runs a table of patterns over one text (the period forms, the rank forms, the
figure kinds of a rank's basis) asks each gated pattern in turn whether it may match
(:meth:`core.metrics.gates.Gated.may_match`): on a text that matches none of them, 20-36
calls, each lowering the text again and testing its own few words. :func:`rows_for` reads
the table once into an index (each word -> the rows whose pattern needs it) and answers
with one lowering of the text and one substring test per word of the whole table (a word
is not tested once every row it stands for is already in), so the rows left out are those
no match can be found in.

Why it is exact (the finder's output does not change): a row is left out only when its
pattern is a :class:`~core.metrics.gates.Gated` whose own test, ``may_match(text)``, is
False. That test is computed here from the same words in the same way: a word of
``raw`` found in the text as written, a word of ``low`` found in the text lowered, and
every row with lowered words kept when the text holds a character lowering cannot stand
for (İ ı ſ K). For such a pattern ``search``, ``match`` (a match is inside the text)
``finditer`` and ``findall`` on that text find nothing, so a loop that acts only on the
matches of each row's pattern does nothing for the rows left out. Rows whose pattern is
not gated (a plain pattern, a :class:`~core.metrics.gates.Started` one, whose test is
always True) are always kept. Rows keep their order.

Use it only where the loop body does nothing for a row whose pattern finds no match (no
``else`` branch, no counter, no early ``break`` that a later row depends on), and only for
the text the patterns are run on (``search(t)`` from its start, not a slice of it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from core.metrics.gates import Gated
from core.metrics.trie import lowered_text


class _Index:
    """The words of a table's gated patterns, each with the bits of the rows needing it."""

    def __init__(self, table: Sequence[Any]) -> None:
        self.table = table  # held, so that its id is not reused while the index lives
        self.rows = list(table)
        self.full = (1 << len(self.rows)) - 1
        self.always = 0  # rows tried whatever the text holds
        self.lowered_rows = 0  # rows with a lowered word (kept whole for a text with İ ı ſ K)
        raw: dict[str, int] = {}
        low: dict[str, int] = {}
        for i, row in enumerate(self.rows):
            pattern = _pattern_of(row)
            bit = 1 << i
            if type(pattern) is not Gated:  # a plain pattern, a Started one: always tried
                self.always |= bit
                continue
            for w in pattern.raw:
                raw[w] = raw.get(w, 0) | bit
            for w in pattern.low:
                low[w] = low.get(w, 0) | bit
            if pattern.low:
                self.lowered_rows |= bit
        # rows needing fewer words first would not change the answer, only its cost: longer
        # (rarer) words first, as Gated orders its own
        self.raw = sorted(raw.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        self.low = sorted(low.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        # an ASCII text (lowered, still ASCII) can hold only the ASCII words
        self.raw_ascii = [(w, bits) for w, bits in self.raw if w.isascii()]
        self.low_ascii = [(w, bits) for w, bits in self.low if w.isascii()]

    def mask(self, text: str) -> int:
        """The bits of the rows whose pattern may match ``text``."""
        mask = self.always
        ascii_text = text.isascii()
        for w, bits in self.raw_ascii if ascii_text else self.raw:
            if bits & ~mask and w in text:
                mask |= bits
        if not self.low or not self.lowered_rows & ~mask:
            return mask
        low = text.lower() if ascii_text else lowered_text(text)
        if low is None:  # a character lowering cannot stand for (İ ı ſ K)
            return mask | self.lowered_rows
        for w, bits in self.low_ascii if ascii_text else self.low:
            if bits & ~mask and w in low:
                mask |= bits
        return mask


def _pattern_of(row: Any) -> Any:
    """The pattern a row is tried with: the row itself, or its first pattern."""
    if isinstance(row, (re.Pattern, Gated)):
        return row
    if isinstance(row, tuple):
        for item in row:
            if isinstance(item, (re.Pattern, Gated)):
                return item
    return None  # no pattern: the row is always kept


_INDEXES: dict[int, _Index] = {}


def rows_for(table: Sequence[Any], text: str) -> Sequence[Any]:
    """The rows of ``table`` (patterns, or tuples holding one) whose pattern may match
    ``text``, in order; the others cannot (see the module's docstring)."""
    index = _INDEXES.get(id(table))
    if index is None or index.table is not table or len(index.rows) != len(table):
        index = _INDEXES[id(table)] = _Index(table)
    mask = index.mask(text)
    if mask == index.full:
        return index.rows
    rows = index.rows
    return [rows[i] for i in range(len(rows)) if mask >> i & 1]
