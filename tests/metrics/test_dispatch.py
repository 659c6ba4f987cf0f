"""The per-text dispatch leaves out exactly the rows whose pattern cannot match.

:func:`core.metrics.dispatch.rows_for` answers for a whole table what each row's gated
pattern answers alone (``may_match``); a row it leaves out must have no match in the
text. Checked on the tables it serves, over the real labelled articles (read at run time
from ../shared/metrics-dev/ when present), the project's labelled texts, their sentences,
and made-up edge cases (İ ı ſ K, which lowering cannot stand for); no expected output is
written down here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from core.metrics import periods, rankforms, rankwords
from core.metrics.dispatch import _pattern_of, rows_for
from core.metrics.gates import Gated, gate
from core.metrics.sentences import split_sentences
from tests.metrics.test_fast_patterns import TEXTS

TABLES: dict[str, Any] = {
    "periods": periods._PERIODS,
    "rank forms": rankforms.RANK_FORMS,
    "rank bases": rankwords.BASES_COMPILED,
}
EDGES = [
    "ſince 2016 the İnstitute ranked fırst; K patents",
    "RANKED Third among universities in the past five years",
    "截至2020年底，累计获得发明专利授权120件，位居全国高校第三",
]


def _texts() -> list[str]:
    out = EDGES + TEXTS
    return out + [s.text for t in out for s in split_sentences(t)]


ALL = _texts()


@pytest.mark.parametrize("name", sorted(TABLES))
def test_rows_left_out_are_those_whose_own_test_fails(name: str) -> None:
    table = TABLES[name]
    for text in ALL:
        kept = rows_for(table, text)
        expected = [r for r in table if not _excluded(r, text)]
        assert list(kept) == expected, (name, text[:80])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_rows_left_out_have_no_match(name: str) -> None:
    table = TABLES[name]
    for text in ALL:
        kept = {id(r) for r in rows_for(table, text)}
        for row in table:
            if id(row) not in kept:
                pattern = _pattern_of(row)
                assert pattern._re.search(text) is None, (name, pattern.pattern, text[:80])


def test_the_tables_are_gated_so_rows_can_be_left_out() -> None:
    """Else rows_for would keep every row and the tests above would prove nothing."""
    for name, table in TABLES.items():
        gated = [r for r in table if type(_pattern_of(r)) is Gated]
        assert len(gated) >= len(table) // 2, name
        assert any(len(rows_for(table, t)) < len(table) for t in ALL), name


def test_a_text_lowering_cannot_stand_for_keeps_lowered_rows() -> None:
    table = [gate(re.compile(r"\bfirst\b", re.I)), gate(re.compile("第一"))]
    assert [type(p) for p in table] == [Gated, Gated]
    assert list(rows_for(table, "ranked fİrst")) == [table[0]]  # İ: lowering is not IGNORECASE
    assert list(rows_for(table, "ranked second")) == []
    assert list(rows_for(table, "排名第一")) == [table[1]]
    # a table changed in place is read again, not answered from its old index
    table.append(gate(re.compile(r"second", re.I)))
    assert list(rows_for(table, "ranked second")) == [table[2]]


def _excluded(row: Any, text: str) -> bool:
    pattern = _pattern_of(row)
    return type(pattern) is Gated and not pattern.may_match(text)
