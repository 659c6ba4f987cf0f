"""Top-N ranks (``rank_top_n``) and the members of a top N, in both languages.

Every sentence here is made up for the test; the wordings are the shapes real university news
uses ("among the top five U.S. universities", "The top 10 … include A, B and C", 前50名中…榜上
有名, "A、B、C等3所高校…进入前100名", 跻身…前50名, 三甲), and the rules of
``../shared/metrics-dev/README.md`` §3 and §6: a top N is labelled for each member it names,
and not where the same year's exact place of that institution restates it.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.metrics.extract import extract_metrics


def _top(text: str, institution: str | None = None) -> list[dict[str, Any]]:
    recs = [m.as_dict() for m in extract_metrics(text, institution, "auto", "2021-03-01")]
    return [r for r in recs if r["metric"] == "rank" and r["unit"] == "rank_top_n"]


def _names(recs: list[dict[str, Any]]) -> set[str]:
    return {r["institution"] for r in recs}


# --------------------------------------------------------------------------- English


def test_among_the_top_five_of_a_named_group_takes_its_scope() -> None:
    recs = _top(
        "In 2020 Purdue University ranked among the top five U.S. universities for patents granted."
    )
    assert [(r["institution"], r["value"], r["year"], r["scope"]) for r in recs] == [
        ("Purdue University", 5, 2020, "U.S. universities")
    ]


def test_a_scope_written_after_the_basis_is_read_past_the_dots_of_us() -> None:
    recs = _top(
        "Purdue University ranks in the top five for patents among U.S. universities in 2020."
    )
    assert [(r["value"], r["scope"]) for r in recs] == [(5, "U.S. universities")]


def test_members_named_before_are_among_the_top_five() -> None:
    recs = _top(
        "Purdue University, Stanford University and Harvard University are among the top five "
        "universities for patents granted in 2020."
    )
    assert _names(recs) == {"Purdue University", "Stanford University", "Harvard University"}
    assert {(r["value"], r["year"]) for r in recs} == {(5, 2020)}


def test_members_introduced_by_include_after_a_top_n() -> None:
    recs = _top(
        "Other universities in the top 10 for patents in 2020 include Purdue University, "
        "Stanford University and Harvard University."
    )
    assert _names(recs) == {"Purdue University", "Stanford University", "Harvard University"}
    assert {r["value"] for r in recs} == {10}


def test_members_take_the_scope_of_the_same_top_n_stated_sentences_before() -> None:
    text = (
        "Purdue University remains in the top 10 among U.S. universities for patents issued in 2020.\n"
        "The list counts utility patents.\n"
        "Purdue secured 150 patents in 2020, joining other universities in the top 10, including "
        "Stanford University and Harvard University."
    )
    recs = _top(text, "Purdue University")
    scopes = {r["institution"]: r["scope"] for r in recs}
    assert scopes == {
        "Purdue University": "U.S. universities",
        "Stanford University": "U.S. universities",
        "Harvard University": "U.S. universities",
    }


def test_a_whole_top_n_named_in_turn_is_not_read_as_members() -> None:
    """ "The top three were A, B and C": the list's own order, not three top-3 members."""
    recs = _top(
        "The top three universities for U.S. patents in 2020 were Purdue University, "
        "Stanford University and Harvard University."
    )
    assert recs == []


def test_a_top_n_restating_the_same_years_exact_place_elsewhere_is_dropped() -> None:
    text = (
        "Last year our inventors got Purdue University ranked in the top five for patents worldwide.\n"
        "With 150 utility patents in 2020, Purdue University placed fifth on the list of "
        "universities worldwide."
    )
    recs = [m.as_dict() for m in extract_metrics(text, "Purdue University", "en", "2021-06-01")]
    ranks = [(r["value"], r["unit"]) for r in recs if r["metric"] == "rank"]
    assert (5, "rank") in ranks
    assert (5, "rank_top_n") not in ranks


# --------------------------------------------------------------------------- Chinese


@pytest.mark.parametrize(
    ("sentence", "value", "scope"),
    [
        (
            "2020年，江南大学跻身全球教育机构PCT国际专利申请量前50名。",
            50,
            "global education institutions",
        ),
        ("2020年，江南大学发明专利授权量名列全国高校前50位。", 50, "Chinese universities"),
        ("2020年，江南大学发明专利授权量连续三年保持全国高校前十。", 10, "Chinese universities"),
        ("2020年江南大学专利转化收入位居全国高校三甲。", 3, "Chinese universities"),
        ("2020年江南大学的专利转让数量挺进全国高校前50。", 50, "Chinese universities"),
    ],
)
def test_chinese_top_n_after_a_rank_verb(sentence: str, value: int, scope: str) -> None:
    recs = _top(sentence)
    assert [(r["institution"], r["value"], r["year"], r["scope"]) for r in recs] == [
        ("Jiangnan University", value, 2020, scope)
    ]


def test_an_echelon_is_not_a_first_place() -> None:
    """第一方阵 is the leading group, not rank 1; the top 15 after it stays."""
    recs = [
        m.as_dict()
        for m in extract_metrics("2020年江南大学的专利转让数量位列全国高校第一方阵，进入前15名。")
    ]
    ranks = [(r["value"], r["unit"]) for r in recs if r["metric"] == "rank"]
    assert ranks == [(15, "rank_top_n")]


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年中国高校专利转让排行榜前50名中，江南大学、江苏大学、苏州大学榜上有名。",
        "2020年中国高校专利转让排行榜前50名中，江苏省有江南大学、江苏大学和苏州大学。",
        "江南大学、江苏大学、苏州大学等3所高校的专利转让数量进入2020年全国高校前50名。",
        "2020年，江南大学、江苏大学、苏州大学3所高校的专利转让数量均进入全国高校前50名。",
    ],
)
def test_chinese_members_of_one_list(sentence: str) -> None:
    recs = _top(sentence)
    assert _names(recs) == {"Jiangnan University", "Jiangsu University", "Soochow University"}
    assert {(r["value"], r["year"], r["scope"]) for r in recs} == {
        (50, 2020, "Chinese universities")
    }


def test_members_of_a_list_the_paragraph_named_a_sentence_before() -> None:
    text = "近日，2020年中国高校专利转让排行榜发布。榜单显示，进入前100名的高校有江南大学、江苏大学和苏州大学。"
    recs = _top(text)
    assert _names(recs) == {"Jiangnan University", "Jiangsu University", "Soochow University"}
    assert {r["value"] for r in recs} == {100}


def test_a_top_n_of_departments_names_no_university_member() -> None:
    recs = _top(
        "2020年，江南大学发明专利授权量排名前三名的院系分别为机械学院、化工学院和食品学院。"
    )
    assert not {"机械学院", "化工学院", "食品学院"} & _names(recs)


def test_a_headline_top_n_restating_the_exact_place_is_not_labelled() -> None:
    text = "江南大学2020年发明专利授权量跻身全国高校前20位\n2020年，江南大学以600件发明专利授权量位居全国高校第18位。"
    recs = [m.as_dict() for m in extract_metrics(text, "江南大学", "zh", "2021-03-01")]
    ranks = [(r["value"], r["unit"], r["year"]) for r in recs if r["metric"] == "rank"]
    assert ranks == [(18, "rank", 2020)]


def test_a_top_n_of_the_nations_and_a_straight_year_count() -> None:
    """ "among the nation's top 10"; "for the fifth straight year" counts years, it is no 5th place."""
    text = (
        "Purdue University earned 150 U.S. patents in 2020.\n"
        "That placed the university among the nation's top 10 for the fifth straight year."
    )
    recs = [m.as_dict() for m in extract_metrics(text, "Purdue University", "en", "2021-06-01")]
    ranks = [(r["institution"], r["value"], r["unit"]) for r in recs if r["metric"] == "rank"]
    assert ranks == [("Purdue University", 10, "rank_top_n")]


def test_members_joining_a_named_member_in_the_top_n() -> None:
    recs = _top(
        "Joining Purdue University in the top five for patents in 2020 were Stanford University "
        "and Harvard University."
    )
    assert {"Stanford University", "Harvard University"} <= _names(recs)
    assert {r["value"] for r in recs} == {5}


def test_a_university_that_entered_a_named_list_is_in_its_top_n() -> None:
    """ "入选…前100名榜单": the list's name after the top N does not make N the list's size."""
    recs = _top("2020年，江南大学入选全国高校专利转让前100名榜单。")
    assert [(r["institution"], r["value"], r["year"]) for r in recs] == [
        ("Jiangnan University", 100, 2020)
    ]


def test_members_of_a_list_whose_name_gave_its_n() -> None:
    """ "…排行榜TOP100发布。其中江苏上榜的高校有：A、B、C": the universities on a named list."""
    text = (
        "2020中国高校专利转让排行榜TOP100发布。其中江苏上榜的高校有：江南大学、江苏大学和苏州大学。"
    )
    recs = _top(text)
    assert _names(recs) == {"Jiangnan University", "Jiangsu University", "Soochow University"}
    assert {(r["value"], r["year"]) for r in recs} == {(100, 2020)}


def test_members_take_the_year_of_their_own_clause() -> None:
    """ "2019年进入前50的A和B则被挤出2020年前50名": A and B were in 2019's top 50."""
    text = (
        "2020年全球教育机构PCT专利申请量排名发布。"
        "此外，2019年进入全球教育机构前50的江苏大学和苏州大学则被挤出2020年前50名。"
    )
    recs = _top(text)
    assert {(r["institution"], r["value"], r["year"]) for r in recs} == {
        ("Jiangsu University", 50, 2019),
        ("Soochow University", 50, 2019),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Purdue University is one of the top 10 U.S. universities for patents granted in 2020.",
        "Purdue University cracked the top 10 of U.S. universities for patents granted in 2020.",
    ],
)
def test_one_of_and_cracked_the_top_ten(sentence: str) -> None:
    recs = _top(sentence)
    assert [(r["institution"], r["value"], r["year"], r["scope"]) for r in recs] == [
        ("Purdue University", 10, 2020, "U.S. universities")
    ]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("江南大学是2020年全国高校专利转让排名前50的高校之一。", "Chinese universities"),
        (
            "2020年，江南大学成为全球PCT申请量前50名的教育机构之一。",
            "global education institutions",
        ),
    ],
)
def test_one_of_the_top_n_in_chinese(sentence: str, scope: str) -> None:
    """ "是…前50的高校之一": one of the top 50, not the size of a list."""
    recs = _top(sentence)
    assert [(r["institution"], r["value"], r["year"], r["scope"]) for r in recs] == [
        ("Jiangnan University", 50, 2020, scope)
    ]
