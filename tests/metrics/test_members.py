"""Members of a top-N named together each get the top N (rules §3), and a member's own
bracketed place is its exact rank. Made-up sentences."""

from __future__ import annotations

from core.metrics import extract_metrics


def _top(text: str) -> set[tuple[str | None, float]]:
    found = extract_metrics(text, None, published="2021-03-01")
    return {(m.institution, m.value) for m in found if m.unit == "rank_top_n"}


def test_a_run_of_names_that_entered_the_top_n() -> None:
    text = (
        "2020年发明专利授权量前50名高校中,北方大学、南方大学和东方大学等也都杀入了全国50强,"
        "展现了强劲的创新能力。"
    )
    assert _top(text) == {("北方大学", 50), ("南方大学", 50), ("东方大学", 50)}


def test_they_are_in_order_after_a_list_intro() -> None:
    text = "2020年PCT国际专利申请中,共有3所中国高校进入全球教育机构前50。它们依次是:北方大学、南方大学、东方大学。"
    assert _top(text) == {("北方大学", 50), ("南方大学", 50), ("东方大学", 50)}


def test_english_members_made_the_top_n() -> None:
    text = (
        "Southern University, Eastern University and Western University also made it into the "
        "top 50 of the 2020 NAI list of U.S. utility patents."
    )
    assert _top(text) == {
        ("Southern University", 50),
        ("Eastern University", 50),
        ("Western University", 50),
    }


def test_a_bracketed_chinese_place_is_the_members_rank() -> None:
    text = "2020年PCT国际专利申请排名中,进入教育机构排名前十的中国高校还有:南方大学(第五)、东方大学(第七)。"
    ranks = {
        (m.institution, m.value, m.scope)
        for m in extract_metrics(text, None, published="2021-03-01")
        if m.unit == "rank"
    }
    assert ("南方大学", 5, "global education institutions") in ranks
    assert ("东方大学", 7, "global education institutions") in ranks
    # the restated top 10 of a member with its exact place is dropped
    assert ("东方大学", 10) not in _top(text)


def test_a_line_table_gives_each_rows_place() -> None:
    text = (
        "Top 100 Worldwide Universities Granted U.S. Utility Patents in 2023\n"
        "1 Northern University 540\n2 Southern University 300\n2 Eastern University 300\n"
    )
    found = {(m.institution, m.metric, m.value) for m in extract_metrics(text, None)}
    assert {
        ("Northern University", "rank", 1),
        ("Southern University", "rank", 2),
        ("Eastern University", "rank", 2),
        ("Northern University", "patents_granted", 540),
    } <= found


def test_no_before_a_number_is_a_place_not_a_count() -> None:
    text = (
        "The 2023 NAI list of U.S. utility patents:\nNorthern University, 540 patents, No. 1\n"
        "Southern University, 300 patents, No. 2"
    )
    found = {(m.institution, m.metric, m.value) for m in extract_metrics(text, None)}
    assert ("Northern University", "rank", 1) in found
    assert ("Northern University", "patents_granted", 1) not in found
