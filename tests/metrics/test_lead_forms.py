"""Verb and time forms of English patent news from India, Korea and Europe (made-up
sentences in the shapes real reports use)."""

from __future__ import annotations

from core.metrics import extract_metrics


def _one(sentence: str) -> tuple[str, float, int | None, str | None]:
    (m,) = extract_metrics(sentence, "Northern University")
    return m.metric, m.value, m.year, m.period


def test_bagged_patents_are_grants() -> None:
    assert _one("Northern University bagged 45 patents in 2023.") == (
        "patents_granted",
        45,
        2023,
        None,
    )


def test_an_academic_year_closing_the_sentence_is_a_period_not_its_first_year() -> None:
    assert _one("Northern University secured 300 patents in 2022-23.") == (
        "patents_granted",
        300,
        None,
        "2022-23",
    )


def test_topped_the_chart_is_first_place() -> None:
    found = extract_metrics(
        "Northern University topped the chart with 1,080 patent filings in 2023.",
        "Northern University",
    )
    assert {(m.metric, m.value) for m in found} == {
        ("rank", 1),
        ("patent_applications", 1080),
    }


def test_was_top_among_and_the_top_spot_are_first_place() -> None:
    for sentence in (
        "Northern University was top among global universities for U.S. patents in 2023, "
        "notching 540.",
        "Northern University took the top spot with 540 U.S. utility patents in 2023.",
    ):
        found = {(m.metric, m.value) for m in extract_metrics(sentence, "Northern University")}
        assert ("rank", 1) in found, sentence
    listed = "Northern University and Southern University are the top listed applicants."
    assert not [m for m in extract_metrics(listed, None) if m.metric == "rank"]


def test_tied_for_and_at_number_name_a_place() -> None:
    for sentence in (
        "Northern University tied for 12th with 120 U.S. utility patents in 2023.",
        "At No. 12, Northern University received 120 U.S. utility patents in 2023.",
    ):
        found = {(m.metric, m.value) for m in extract_metrics(sentence, None)}
        assert ("rank", 12) in found and ("patents_granted", 120) in found, sentence


def test_a_bracket_with_place_and_count_gives_both() -> None:
    text = (
        "The NAI released its 2023 list of universities granted U.S. utility patents. Members "
        "in the top 20 include Southern University (9th, 120 patents), Eastern University "
        "(No. 14, 95) and Western University (80 patents, 18th)."
    )
    found = {(m.institution, m.metric, m.value) for m in extract_metrics(text, None)}
    for name, place, count in (
        ("Southern University", 9, 120),
        ("Eastern University", 14, 95),
        ("Western University", 18, 80),
    ):
        assert (name, "rank", place) in found and (name, "patents_granted", count) in found
    plain = "Northern University (12, 120) is a member."  # no place word: not read as a pair
    assert not extract_metrics(plain, None)


def test_a_place_alone_after_a_name() -> None:
    text = (
        "Members near the top of the NAI list of U.S. utility patents in 2023 included "
        "Southern University (second), Eastern University (4th) and Western University (#9). "
        "Northern University, at No. 12 with 95 patents, led the state."
    )
    ranks = {(m.institution, m.value) for m in extract_metrics(text, None) if m.metric == "rank"}
    assert {
        ("Southern University", 2),
        ("Eastern University", 4),
        ("Western University", 9),
        ("Northern University", 12),
    } <= ranks


def test_a_two_digit_financial_year_is_a_period_and_never_a_count() -> None:
    found = extract_metrics(
        "Northern University filed 300 patents in Financial Year 25, a record.",
        "Northern University",
    )
    assert [(m.metric, m.value, m.year, m.period) for m in found] == [
        ("patent_applications", 300, None, "fiscal year 2025")
    ]


def test_a_national_rank_in_a_kinds_ranking_is_among_that_kind() -> None:
    # the title names the vocational colleges' ranking; the body says only 全国
    text = "2021年全国高职院校专利排行榜发布\n北江职业技术学院以120件发明专利授权位居全国第3位。"
    ranks = [(m.institution, m.value, m.scope) for m in extract_metrics(text) if m.metric == "rank"]
    assert ranks == [("北江职业技术学院", 3, "vocational colleges")]
    # the private universities' list named in the rank's own paragraph
    text = "民办高校专利授权排行中，南山学院以45件位居全国第2。"
    ranks = [(m.value, m.scope) for m in extract_metrics(text) if m.metric == "rank"]
    assert ranks == [(2, "private universities")]


def test_a_national_rank_without_a_kind_stays_national() -> None:
    text = "全国高校专利排行榜发布\n北江大学以120件发明专利授权位居全国第3位。"
    ranks = [(m.value, m.scope) for m in extract_metrics(text) if m.metric == "rank"]
    assert ranks == [(3, "Chinese universities")]
    # two kinds named in the opening: neither is the ranking of an unscoped national rank
    text = "高职院校与民办高校专利情况\n\n北江大学以120件发明专利授权位居全国第3位。"
    ranks = [(m.value, m.scope) for m in extract_metrics(text) if m.metric == "rank"]
    assert ranks == [(3, "Chinese universities")]


def test_a_national_rank_is_of_the_institutions_own_nation() -> None:
    cases = {
        "KAIST ranked first nationwide with 120 patents granted in 2019.": "Korean universities",
        "Kyoto University ranked second among the country's universities in PCT filings.": (
            "Japanese universities"
        ),
        "清华大学2019年发明专利授权900件，位居全国高校第一。": "Chinese universities",
    }
    for text, scope in cases.items():
        assert [m.scope for m in extract_metrics(text) if m.metric == "rank"] == [scope], text
    # a rank that names China keeps it, whoever holds it
    text = "KAIST ranked first among universities in China and Korea with 120 patents."
    assert "Korean universities" not in {m.scope for m in extract_metrics(text)}
