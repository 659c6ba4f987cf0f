"""Exactness of the speed12 shortcuts: each equals the pattern or pass it stands for, on
made-up texts (every piece next to every other) and on the own-work stories' shapes."""

from __future__ import annotations

import itertools
import random
import re

from core.chinese import to_simplified
from core.metrics import (
    contents,
    engine,
    not_figures,
    rankscope,
    relative_time,
    row_tables,
    subject,
)
from core.metrics.gates import Gated
from core.metrics.numbers import zh_numeral
from core.metrics.scopes import LABELS, scope_class

# digits of other scripts (Arabic-Indic, full-width, Devanagari) are \d too; 〇 and 两 numerals
_NUMBER_PIECES = (
    "1", "2", "12", "21", "٢", "２", "२", ".", "一", "二", "十", "两", "〇", "千", "件", "项",
    "个", " ", "a", "因素", "计划", " students", "，",
)  # fmt: skip


def _reference_ends(sentence: str, form: str) -> list[int]:
    """What counts_another_noun read before: a pattern compiled per value."""
    zh = not_figures._ZH_DIGITS
    pattern = rf"(?<![\d{zh}.]){re.escape(form)}(?![\d{zh}])"
    return [m.end() for m in re.finditer(pattern, sentence)]


def _reference_counts_another_noun(sentence: str, value: float, unit: str | None) -> bool:
    if unit in ("percent", "CNY", "USD", "HKD", "TWD") or value != int(value):
        return False
    if not 0 < value < 10000:
        return False
    v = int(value)
    forms = [str(v)] + ([zh_numeral(v)] if v < 100 else []) + (["两"] if v == 2 else [])
    ends = [e for form in forms for e in _reference_ends(sentence, form)]
    return bool(ends) and all(
        re.match(not_figures._OTHER_NOUN, sentence[e:])
        or not_figures._PEOPLE_AFTER.match(sentence, e)
        for e in ends
    )


def test_decimal_is_the_digit_class() -> None:
    """``str.isdecimal`` is the ``\\d`` of a str pattern, code point by code point."""
    digit = re.compile(r"\d")
    for cp in range(0x110000):
        ch = chr(cp)
        assert bool(digit.match(ch)) == ch.isdecimal(), hex(cp)


def test_written_ends_are_the_per_value_pattern() -> None:
    rnd = random.Random(12)
    texts = ["".join(p) for p in itertools.product(_NUMBER_PIECES, repeat=3)]
    texts += ["".join(rnd.choice(_NUMBER_PIECES) for _ in range(rnd.randint(0, 14))) for _ in range(4000)]  # fmt: skip
    forms = ["1", "2", "12", "21", "一", "二", "十二", "二十一", "两", "十"]
    found = 0
    for text in texts:
        for form in forms:
            ends = not_figures.written_ends(text, form)
            assert ends == _reference_ends(text, form), (text, form)
            found += bool(ends)
    assert found > 5000  # the cases hold the forms, beside numerals and digits


def test_counts_another_noun_is_the_per_value_pattern() -> None:
    rnd = random.Random(13)
    texts = ["".join(p) for p in itertools.product(_NUMBER_PIECES, repeat=3)]
    texts += ["".join(rnd.choice(_NUMBER_PIECES) for _ in range(rnd.randint(0, 14))) for _ in range(3000)]  # fmt: skip
    texts += [
        "学校三项因素",
        "获得两项新的资助计划",
        "355 Purdue students filed patents",
        "立项50余项",
    ]
    other = 0
    for text in texts:
        for value, unit in ((1, None), (2, None), (12, None), (21, "count"), (2, "percent"), (1.5, None), (0, None)):  # fmt: skip
            want = _reference_counts_another_noun(text, value, unit)
            assert not_figures.counts_another_noun(text, value, unit) == want, (text, value)
            other += want
    assert other > 150


_HEADER_PIECES = ("2014-15", " 2015", "FY2016", "2017/18", " Metric", " ab", " a", " 12", "x", " ")


def _reference_header(line: str) -> list[str]:
    """row_tables._header as it read before: the words counted on every line."""
    periods = [m.group(0).replace(" ", "") for m in row_tables._PERIOD.finditer(line)]
    rest = row_tables._PERIOD.sub(" ", line)
    if len(periods) < 3 or len(re.findall(r"[A-Za-z]{2,}", rest)) > 3:
        return []
    # (version 13: a typo's century, "1016-17", is read as the one meant)
    return [f"20{p[2:]}" if p.startswith("10") else p for p in periods]


def test_header_counts_words_only_with_three_years() -> None:
    lines = ["".join(p) for n in range(5) for p in itertools.product(_HEADER_PIECES, repeat=n)]
    rnd = random.Random(15)
    lines += ["".join(rnd.choice(_HEADER_PIECES) for _ in range(rnd.randint(3, 12))) for _ in range(3000)]  # fmt: skip
    headers = 0
    for line in lines:
        assert row_tables._header(line) == _reference_header(line), line
        headers += bool(_reference_header(line))
    assert headers > 1000


def _reference_row_tables(text: str) -> list[dict[str, object]]:
    """row_tables.row_tables as it read before: every line's years scanned."""
    if not row_tables._PERIOD.search(text):
        return []
    out: list[dict[str, object]] = []
    lines = row_tables._lines(text)
    for i, (_start, line) in enumerate(lines):
        periods = _reference_header(line)
        if periods:
            for row_start, row in lines[i + 1 : i + 1 + row_tables._MAX_ROWS]:
                if _reference_header(row):
                    break
                out += row_tables._row(row, row_start, periods)
    return out


_TABLE_LINES = (
    "Metric 2014-15 2015-16 2016-17", "Metric 2014-15 2015-16 2016-17 2017-18", "FY2015 FY2016 FY2017",
    "Patent applications filed (4) 66 73 68", "Patent applications filed (4) 66 73 68 77",
    "Licences granted 1 2 3", "Royalties (£ million) 2.8 2.1 3.0", "Patents held 1200 1300 1400",
    "In 2015 and 2016, 2017 patents", "1016-17 2018 2019/20", "a 20141 2015 2016", "", "2015年 2016年 2017年",
    "٢٠١٥ 2016 2017", "Invention disclosures 12 13 14", "2019年专利 2020年 2021年", "１９２０ 2010 2011",
    "2010-2011 2012 2013", "FY 2019 FY 2020 FY 2021", "Patents 101 202 1910", "Metric 1015-16 1016-17 1017-18",
)  # fmt: skip


def test_row_tables_skip_lines_without_three_centuries() -> None:
    rnd = random.Random(16)
    texts = ["\n".join(p) for p in itertools.product(_TABLE_LINES, repeat=3)]
    texts += ["\n".join(rnd.choice(_TABLE_LINES) for _ in range(rnd.randint(1, 9))) for _ in range(2000)]  # fmt: skip
    rows = 0
    for text in texts:
        want = _reference_row_tables(text)
        assert row_tables.row_tables(text) == want, text
        rows += len(want)
        maybe = row_tables._may_head(row_tables._lines(text))
        for (_start, line), may in zip(row_tables._lines(text), maybe, strict=True):
            assert may or not _reference_header(line), line  # a header is never skipped
    assert rows > 1000


def test_the_contents_heading_and_self_references_are_gated_and_exact() -> None:
    """Both whole-text scans are gated (so the extractor-wide gate tests read them too), and
    the gated search answers as the pattern's own on texts with and without their words."""
    assert isinstance(contents._HEADING, Gated) and isinstance(subject._SELF, Gated)
    pieces = ("Contents", "TABLE OF CONTENTS", "目 录", "\n", "  ", "page", "the University",
              "我校", "本校", "our university", "x" * 40, "Patents Filed 21", "the institute")  # fmt: skip
    rnd = random.Random(17)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=3)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(5, 40))) for _ in range(2000)]
    found = 0
    for text in texts:
        for gated in (contents._HEADING, subject._SELF):
            ours, theirs = gated.search(text), gated._re.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (gated, text)
            found += theirs is not None
        assert contents.mask_page_numbers(text) == _reference_mask(text)
    assert found > 3000


def _reference_mask(text: str) -> str:
    """mask_page_numbers with its heading found by the ungated pattern."""
    heading = contents._HEADING._re.search(text)
    if heading is None:
        return text
    saved = contents._HEADING
    try:
        contents._HEADING = heading.re  # the raw pattern: finds the same heading
        return contents.mask_page_numbers(text)
    finally:
        contents._HEADING = saved


def _reference_kind_scopes(records: list[dict[str, object]], text: str) -> None:
    """rankscope.kind_scopes as it read before: the text and title read for every article."""
    simple = to_simplified(text)
    lead = rankscope._ranking_kinds(simple[: (simple.find("\n") + 1) or len(simple)])
    for rec in records:
        if rec["metric"] != "rank" or scope_class(rec.get("scope")) != "china":  # type: ignore[arg-type]
            continue
        start, end = rec["start"], rec["end"]
        assert isinstance(start, int) and isinstance(end, int)
        sentence = simple[start:end]
        if rankscope._ALL_UNIVERSITIES.search(sentence) and not rankscope._kinds_in(sentence):
            continue
        para = rankscope._ranking_kinds(simple[simple.rfind("\n", 0, start) + 1 : start])
        kinds = para or lead
        if len(kinds) == 1:
            rec["scope"] = LABELS[next(iter(kinds))]


def test_kind_scopes_read_only_national_ranks() -> None:
    text = "2022年民办高校专利排行榜\n北方学院位列全国第3，南方大学全国第5。\n高职院校排名中，东方学院全国第2"
    scopes = (None, "全国", "national", LABELS["china"], "全省", "Ivy League")
    rnd = random.Random(18)
    changed = 0
    for _ in range(400):
        records = []
        for _k in range(rnd.randint(0, 4)):
            start = rnd.randrange(0, len(text) - 6)
            records.append({"metric": rnd.choice(["rank", "patents_granted"]), "scope": rnd.choice(scopes),
                            "start": start, "end": start + rnd.randint(3, 20)})  # fmt: skip
        want = [dict(r) for r in records]
        _reference_kind_scopes(want, text)
        rankscope.kind_scopes(records, text)
        assert records == want
        changed += sum(r["scope"] not in scopes for r in want)
    assert changed > 50


def test_a_sentence_without_a_bracket_holds_no_aside() -> None:
    """engine._in_brackets answers as the asides' scan, every position, with and without brackets."""
    pieces = ("(", "（", ")", "）", "2013年", "a", " ", "增长3%", "[", "]")
    rnd = random.Random(19)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=4)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16))) for _ in range(2000)]
    inside = 0
    for t in texts:
        for pos in range(len(t) + 1):
            want = any(m.start() < pos < m.end() for m in engine._ASIDE.finditer(t))
            assert engine._in_brackets(t, pos) == want, (t, pos)
            inside += want
    assert inside > 5000


def test_first_written_is_the_per_value_pattern() -> None:
    pieces = ("1", "12", "1,234", "12.5", ".", ",", "٢", "２", " ", "a", "件", "1234", ",5", ".5")
    rnd = random.Random(21)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=3)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(4000)]
    found = 0
    for text in texts:
        for form in ("1", "12", "1,234", "12.5", "1234", "2"):
            m = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text)
            assert relative_time.first_written(text, form) == (m.start() if m else None), (text, form)  # fmt: skip
            found += m is not None
    assert found > 1000


def test_place_forms_are_the_rank_scope_pattern() -> None:
    """rank_scope's compiled forms of a place are the pattern it searched as a string."""
    for v in range(1, 100):
        zh = zh_numeral(v)
        word = rankscope._ORDINAL_NAMES.get(v)
        source = (
            rf"第\s*(?:{v}|{zh})(?![\d十])|(?<![\d.]){v}(?:st|nd|rd|th)\b|No\.?\s*{v}\b"
            rf"|前\s*(?:{v}|{zh})(?![\d十])|\btop\s+{v}\b" + (rf"|\b{word}\b" if word else "")
        )
        compiled = rankscope._place_forms(v)
        assert (compiled.pattern, compiled.flags) == (source, re.compile(source, re.I).flags)
    assert rankscope.rank_scope("北方大学位列全国高校第3位", 3) == "china"
