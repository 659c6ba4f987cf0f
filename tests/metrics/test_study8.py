"""Extractor version 8's classes, each with made-up sentences, and the real pages of
``real_study8.json`` (26 pages found with the search tool, labelled by the metrics-dev rules
before the extractor was run on them) scored against pinned floors."""

from __future__ import annotations

from pathlib import Path

from core.metrics.extract import extract_metrics
from core.metrics.unwrap import span_in_original, unwrap
from tests.metrics.real_sets import assert_above_floors, assert_sourced_and_quoted

STUDY = Path(__file__).with_name("real_study8.json")
FLOORS = {"precision": 0.90, "recall": 0.78, "institution_accuracy": 0.98}


def _rows(text: str, **kw: str) -> set[tuple[str | None, str, float, str | None, str | None]]:
    return {
        (m.institution, m.metric, m.value, str(m.year) if m.year else m.period, m.scope)
        for m in extract_metrics(text, **kw)
    }


def test_pinyin_glosses_of_a_mirror_are_read_past_and_offsets_stay_the_originals() -> None:
    text = "北江大(da)學(xue)以(yi)42項(xiang)發明專利(li)授權位居全國高校第7位。"
    joined, index = unwrap(text)
    assert joined == "北江大學以42項發明專利授權位居全國高校第7位。"
    start, end = span_in_original(index, 0, len(joined))
    assert text[start:end] == text
    found = extract_metrics(text)
    assert {(m.institution, m.metric, m.value) for m in found} >= {("北江大學", "rank", 7)}
    assert all(m.evidence == text[m.start : m.end] for m in found)


def test_one_gloss_is_text_not_a_mirror() -> None:
    assert unwrap("东岸大学(dongan)的专利")[1] is None


def test_a_count_and_a_place_with_one_value_are_two_figures() -> None:
    text = (
        "2020年，南岭大学获专利奖7项，名列第九；北江大学获专利奖11项，列第七；"
        "东岭大学获专利奖9项，位居第十。"
    )
    got = {(m.institution, m.metric, m.value) for m in extract_metrics(text)}
    assert {("南岭大学", "other", 7), ("北江大学", "rank", 7)} <= got
    assert {("东岭大学", "other", 9), ("南岭大学", "rank", 9)} <= got


def test_a_ranking_named_with_its_scope_scopes_the_ranks_after_it() -> None:
    text = (
        "2019年，某机构发布中国大学专利排行榜，北江大学以300件发明专利授权位居第二。"
        "南岭大学以280件名列第三。"
    )
    scopes = {m.scope for m in extract_metrics(text) if m.metric == "rank"}
    assert scopes == {"Chinese universities"}


def test_a_place_takes_the_span_of_its_holders_count() -> None:
    text = "报告统计2001年至今的获奖。南岭大学有40项专利获奖，位居第一；北江大学有30项专利获奖，位居第二。"
    ranks = [m for m in extract_metrics(text) if m.metric == "rank"]
    assert ranks and all(r.year is None and r.period for r in ranks)


def test_a_figure_said_of_each_of_two_names_is_each_ones() -> None:
    zh = "2018年，北江大学和南岭大学各获专利奖12项，并列第五。"
    assert {("北江大学", "rank", 5), ("南岭大学", "rank", 5)} <= {
        (m.institution, m.metric, m.value) for m in extract_metrics(zh)
    }
    en = (
        "In 2018, Northern Plains University and Eastern Ridge University tied for third "
        "place, each with 14 patents."
    )
    got = {(m.institution, m.metric, m.value) for m in extract_metrics(en)}
    assert {
        ("Northern Plains University", "rank", 3),
        ("Eastern Ridge University", "rank", 3),
    } <= got


def test_respectively_is_not_each() -> None:
    text = "2018年，北江大学和南岭大学分别获专利奖12项和10项。"
    got = {(m.institution, m.value) for m in extract_metrics(text)}
    assert ("南岭大学", 12) not in got


def test_members_named_after_a_placed_top_n_are_in_it() -> None:
    text = "2019年，位居全国高校专利排行榜前二十的其他大学依次是北江大学、南岭大学和东岭大学。"
    tops = {(m.institution, m.value) for m in extract_metrics(text) if m.unit == "rank_top_n"}
    assert tops == {("北江大学", 20), ("南岭大学", 20), ("东岭大学", 20)}


def test_real_study_pages_stay_above_their_floors() -> None:
    assert_above_floors(STUDY, 26, FLOORS)


def test_real_study_evidence_is_in_its_text() -> None:
    assert_sourced_and_quoted(STUDY)


def test_a_line_table_with_two_place_columns_and_a_dated_header() -> None:
    text = (
        "The list of PCT filers among universities, published by WIPO.\n\n"
        "Patent Applications under the PCT, 2016\n\n"
        "Rank Among Universities Rank Among All Applicants University Number of applications\n"
        "1 52 U. of Northern Plains 390\n"
        "2 90 Eastern Ridge U. 210\n"
        "3 140 U. of Western Hills system 150"
    )
    got = {(m.institution, m.metric, m.value, m.year, m.scope) for m in extract_metrics(text)}
    assert (
        "University of Northern Plains",
        "rank",
        1,
        2016,
        "global education institutions",
    ) in got
    assert ("University of Northern Plains", "rank", 52, 2016, "overall") in got
    assert ("Eastern Ridge University", "rank", 90, 2016, "overall") in got
    assert ("Eastern Ridge University", "pct_applications_published", 210, 2016, None) in got
    assert ("University of Western Hills", "rank", 3, 2016, "global education institutions") in got


def test_u_dot_is_university_but_the_us_is_no_name() -> None:
    from core.metrics.entities import find_entities
    from core.metrics.initials import expand_u

    assert expand_u("U. of Texas System") == "University of Texas System"
    assert expand_u("Harvard U.") == "Harvard University"
    assert [e.name for e in find_entities("the U.S. and the U.K. filed more")] == []


def test_a_place_held_for_years_is_a_span_even_when_another_clause_names_a_year() -> None:
    text = "在2016年的美国专利榜中，东岸大学以80项专利排名第20名，且在全台大学中已连续5年排名第一。"
    firsts = [m for m in extract_metrics(text) if m.metric == "rank" and m.value == 1]
    assert firsts and all(m.year is None and m.period for m in firsts)
    dated = "2019年，东岸大学发明专利授权量连续两年位居全国高校第3位。"
    thirds = [m for m in extract_metrics(dated) if m.metric == "rank" and m.value == 3]
    assert [m.year for m in thirds] == [2019]
