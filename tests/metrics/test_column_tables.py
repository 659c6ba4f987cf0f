"""Tables whose header names their columns (core/metrics/column_tables.py).

The two USPTO texts are excerpts of real U.S. Patent and Trademark Office pages (public
domain): the preliminary lists of U.S. universities receiving the most utility patents in
2005 (https://www.uspto.gov/web/offices/ac/ido/oeip/taf/top05univ.htm, a pipe table) and
2002 (…/top02univ.htm, the header broken over lines, the rows space-separated). The Chinese
table is made up (北方大学… are invented).
"""

from __future__ import annotations

from pathlib import Path

from core.metrics import extract_metrics

DATA = Path(__file__).parent / "data"


def rows(text: str) -> set[tuple]:
    return {(m.institution, m.metric, m.value, m.year) for m in extract_metrics(text)}


def test_a_pipe_table_reads_each_column_with_its_year_and_a_tie_holds_the_place_above() -> None:
    got = rows((DATA / "uspto_top05univ.txt").read_text(encoding="utf-8"))
    # "1 | 390 | University of California | (1) | (424) |"
    assert {
        ("University of California", "rank", 1, 2005),
        ("University of California", "patents_granted", 390, 2005),
        ("University of California", "rank", 1, 2004),
        ("University of California", "patents_granted", 424, 2004),
    } <= got
    # "** | 90 | University of Texas ** | (4) | (101) |": tied with Stanford for 4th
    assert ("University of Texas System", "rank", 4, 2005) in got
    assert ("University of Texas System", "patents_granted", 101, 2004) in got
    # the bracketed previous places are no counts
    assert not {(i, v) for i, m, v, _ in got if m == "patents_granted" and v < 10}


def test_a_header_broken_over_lines_still_names_the_columns() -> None:
    got = rows((DATA / "uspto_top02univ.txt").read_text(encoding="utf-8"))
    assert {
        ("Massachusetts Institute of Technology", "rank", 2, 2002),
        ("Massachusetts Institute of Technology", "patents_granted", 135, 2002),
        ("Massachusetts Institute of Technology", "rank", 2, 2001),
        ("Massachusetts Institute of Technology", "patents_granted", 125, 2001),
    } <= got
    assert ("University of Wisconsin-Madison", "rank", 6, 2002) in got  # "** 81 …": a tie
    assert len({i for i, *_ in got}) == 7


def test_years_alone_head_the_count_columns_and_a_growth_rate_is_no_count() -> None:
    text = (
        "2020年全国高校发明专利授权量排行榜发布。\n"
        "排名 高校名称 2020年 2019年 增长率\n"
        "1 北方大学 2345 2100 11.7%\n"
        "2 南方大学 2200 2050 7.3%\n"
        "3 东方大学 1500 1400 7.1%\n"
    )
    got = rows(text)
    assert ("北方大学", "invention_patents_granted", 2345, 2020) in got
    assert ("北方大学", "invention_patents_granted", 2100, 2019) in got
    assert ("东方大学", "rank", 3, 2020) in got
    assert not {v for _, _, v, _ in got if v in (11.7, 7.3, 7.1)}


def test_lines_without_a_header_naming_columns_are_not_read_as_a_column_table() -> None:
    text = (
        "Three universities were named.\n"
        "1 Northern State University 390 12\n"
        "2 Southern State University 136 15\n"
        "3 Eastern State University 101 9\n"
    )
    assert not {m for _, m, v, _ in rows(text) if v in (12, 15, 9)}


def test_a_table_copied_one_cell_per_line_is_read_back_into_rows() -> None:
    cells = [
        "2020年全国高校发明专利授权量排行榜发布。",
        "排名", "高校名称", "2020年", "2019年", "增长率",
        "1", "北方大学", "2345", "2100", "11.7%",
        "2", "南方大学", "2200", "2050", "7.3%",
        "3", "东方理工学院", "1500", "1400", "7.1%",
        "数据来源：某数据库。",
    ]  # fmt: skip
    text = "\n".join(cells)
    found = extract_metrics(text)
    got = {(m.institution, m.metric, m.value, m.year) for m in found}
    assert {
        ("北方大学", "rank", 1, 2020),
        ("北方大学", "invention_patents_granted", 2345, 2020),
        ("北方大学", "invention_patents_granted", 2100, 2019),
        ("东方理工学院", "rank", 3, 2020),
    } <= got
    # a row's evidence is its own cells, as the article writes them
    assert {m.evidence for m in found if m.institution == "南方大学"} == {
        "2\n南方大学\n2200\n2050\n7.3%"
    }
    assert not {v for _, _, v, _ in got if v in (11.7, 7.3, 7.1)}
