"""Exactness of the speed14 shortcuts: each equals the pattern or pass it stands for, on
made-up texts (every piece next to every other, other scripts' digits and letters that
IGNORECASE pairs with ASCII ones)."""

from __future__ import annotations

import itertools
import random
import re

from core.metrics import count_forms

_PLACE_PIECES = (
    "ranked", "came in", "moved", " into ", "second", "fifth", "12th", "No. 3", " the ",
    " with", "With", "WITH", "wıth", "with", "\t", " ", "\n", "1", "٢", "２", "186", ".",
    "patents", "专利", "was", "place", " overall ", "to ",
)  # fmt: skip


def _texts(pieces: tuple[str, ...], size: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pairs = ["".join(p) for p in itertools.product(pieces, repeat=2)]
    return pairs + ["".join(rng.choice(pieces) for _ in range(size)) for _ in range(count)]


def _places() -> list[str]:
    """A place with its figure, piece by piece ("B came in fifth with 186")."""
    verbs = ("ranked", "Came In", "moved up to", "RANKS", "rose", "is", "placed")
    places = (" fifth", " 12th", " No. 3", " the second", " 3rd place", " x")
    withs = (" with", " WITH", " wıth", "with", " with\t", " with\n")
    figures = (" 186", "186", " ٢", "２", " one", ".")
    return [
        "B " + "".join(p) + " patents" for p in itertools.product(verbs, places, withs, figures)
    ]


def test_placed_with_any_is_the_pattern() -> None:
    """The "with" and digit test before PLACED_WITH_ANY answers as the pattern does."""
    held = 0
    for text in _places() + _texts(_PLACE_PIECES, 12, 20000, 14):
        expected = count_forms.PLACED_WITH_ANY.search(text) is not None
        assert count_forms.placed_with_any(text) == expected, text
        held += expected
    assert held > 500  # the cases hold places with their figures, not only texts without


_PERIOD_PIECES = (
    "2015", "2016", "12", "1", "٢٠١٥", "-", "–", "~", "/", " ", "到", "至", "自", "月", "年",
    "十二五", "底", " to ", " Through ", "until ", " till ", "by ", "By the end of ", "June",
    "ending ", "From ", "x", "\n", "previous", "so far", "Since ", "前年", "以来", "1999", "İ", "ı", "K", "patents", "。", "，",
)  # fmt: skip


def test_any_match_is_the_pattern() -> None:
    """Each yes/no test of an alternation (its words, then its leftover alternatives in
    groups behind their words) answers as the pattern's search does."""
    from core.metrics import article_time, engine, listpass, periods
    from core.metrics.trie import any_match

    texts = _texts(_PERIOD_PIECES, 8, 20000, 15)
    for pattern, test in (
        (periods._PERIOD_HINT, periods._HAS_PERIOD_HINT),
        (listpass._PATENT, listpass._HAS_PATENT),
        (listpass._MONEY_CUES, listpass._HAS_MONEY_CUE),
        (engine._YEAR_CARRY, engine._HAS_YEAR_CARRY),
        (article_time._OTHER_TIME, article_time._HAS_OTHER_TIME),
    ):
        plain = getattr(pattern, "_re", pattern)
        again = any_match(plain)
        held = 0
        for text in texts:
            expected = plain.search(text) is not None
            assert test(text) == again(text) == expected, (plain.pattern[:40], text)
            held += expected
        assert held > 100 or pattern is not periods._PERIOD_HINT


def test_residual_groups_are_the_alternation() -> None:
    """The leftover alternatives' groups find a match exactly where the alternation does
    (digit-led, CJK-led and word-led alternatives, IGNORECASE or not)."""
    from core.metrics.leads import residual_test

    alternatives = [
        r"十[一二三四五]五", r"\d{4}\s*(?:to|through|until)\s+[A-Z]", r"到\s*\d{4}",
        r"\d{4}\s*-\s*\d{2}", r"月(?:底|末|至)", r"\d\s*月?\s*[-–~至到]\s*\d{1,2}\s*月",
        r"\d{2,4}\s*[–/]\s*\d{2}", r"\btill ", r"\bby (?:the end of )?[A-Z][a-z]+ \d",
        r"(?:from|ending) (?:January|June)", r"[Kk]\d", r"(?<!\d)\d\s*年",
    ]  # fmt: skip
    texts = _texts(_PERIOD_PIECES + ("k1", "K2", "\u212a3"), 8, 20000, 16)
    for flags in (0, re.I):
        whole = re.compile("|".join(alternatives), flags)
        test = residual_test(alternatives, flags)
        held = 0
        for text in texts:
            expected = whole.search(text) is not None
            assert test(text) == expected, (flags, text)
            held += expected
        assert 1000 < held < len(texts) - 1000  # both answers are common in the cases


def test_case_folds_are_the_class() -> None:
    """has_case_folds (four substring tests) answers as the class [İıſK] does."""
    from core.metrics.trie import _CASE_FOLDS, has_case_folds

    pieces = ("a", "I", "i", "\u0130", "\u0131", "\u017f", "\u212a", "K", "专利", "s", " ")
    held = 0
    for text in _texts(pieces, 6, 5000, 17):
        expected = _CASE_FOLDS.search(text) is not None
        assert has_case_folds(text) == expected, text
        held += expected
    assert held > 1000


def test_long_number_test_is_the_pattern() -> None:
    """The sixteen-in-a-row test before _ANY_LONG answers as the pattern does."""
    from core.metrics import extract

    pieces = ("1234", "5678", "12", "1", ",", ",,", " ", "a", "٢", "٢٣٤٥", ".", "9999999")
    held = 0
    for text in _texts(pieces, 8, 20000, 18):
        expected = extract._ANY_LONG.search(text) is not None
        assert extract._has_long_number(text) == expected, text
        held += expected
    assert 1000 < held < 19000


def test_cached_spans_are_the_scans() -> None:
    """The per-sentence caches of the rank pass and the topic step hold what their scans
    found inline: each year written, each figure not a year."""
    from core.metrics import entities, not_figures, rankpass, rankspan, where
    from core.metrics.rankwords import PRIOR_RANK, YEAR

    pieces = ("2014", "2014年", "1999", "12", "3.5", "1,200", " ", "件", "%", "第1", ".", "a")
    pieces += (" beating ", "超过", ", ", "；", " reached its goal", "实现了目标", "Met the target")
    for text in _texts(pieces, 8, 3000, 19):
        assert rankspan._place_starts(text) == tuple(m.start() for m in PRIOR_RANK.finditer(text))
        assert not_figures._met_spans(text) == tuple(
            m.span() for m in not_figures._MET.finditer(text)
        )
        compared = []
        for m in entities._COMPARED.finditer(text):
            end = entities._CLAUSE_END.search(text, m.end())
            compared.append((m.end(), end.start() if end else len(text)))
        assert entities._compared_spans(text) == tuple(compared)
        assert rankpass._written_years(text) == tuple(
            (m.start(), int(m.group(1))) for m in YEAR.finditer(text)
        )
        assert where._figures_not_years(text) == tuple(
            (m.start(), m.end())
            for m in where._FIGURE.finditer(text)
            if not where._YEAR.fullmatch(m.group())
        )
