"""Each finder class on made-up sentences (none taken from any real article).

What is asserted is the labelling rules of ../shared/metrics-dev/README.md: metric names,
values, units, years/periods, scopes, and what is never an institution's figure.
"""

from __future__ import annotations

import pytest

from core.metrics import extract_metrics
from core.metrics.scopes import scope_class

NEU, DUT = "Northeastern University", "Dalian University of Technology"


def rows(text: str, institution: str | None = None, published: str | None = None) -> set:
    return {
        (m.institution, m.metric, m.value, m.unit, m.year, m.period)
        for m in extract_metrics(text, institution, "auto", published)
    }


def ranks(text: str, institution: str | None = None) -> set:
    return {
        (m.institution, m.value, m.unit, scope_class(m.scope))
        for m in extract_metrics(text, institution)
        if m.metric == "rank"
    }


# --------------------------------------------------------------------------- lists


def test_respectively_pairs_names_with_counts_and_ranks_in_order() -> None:
    text = "In 2019, Fudan University and Tongji University filed 88 and 61 PCT applications, respectively."
    got = rows(text)
    assert ("Fudan University", "pct_applications_filed", 88, "count", 2019, None) in got
    assert ("Tongji University", "pct_applications_filed", 61, "count", 2019, None) in got


def test_chinese_fenbie_pairs_counts_and_ranks() -> None:
    text = "2018年，美国专利授权榜上，四川大学和吉林大学分别以41项和37项美国专利排名第48和第55。"
    got = ranks(text)
    assert ("Sichuan University", 48, "rank", "world") in got
    assert ("Jilin University", 55, "rank", "world") in got
    counts = {(i, v) for i, m, v, *_ in rows(text) if m == "patents_granted"}
    assert counts == {("Sichuan University", 41), ("Jilin University", 37)}


def test_bracketed_counts_each_go_to_their_name() -> None:
    text = (
        "2020年，江苏高校获得美国专利授权较多的是南京大学(44件)、东南大学(39件)和河海大学(12件)。"
    )
    got = {(i, v) for i, m, v, *_ in rows(text) if m == "patents_granted"}
    assert got == {
        ("Nanjing University", 44),
        ("Southeast University", 39),
        ("Hohai University", 12),
    }


def test_numbered_ranking_list() -> None:
    text = (
        "Top universities granted U.S. utility patents in 2017\n\n"
        "3. Stanford University\n4. Purdue University\n15. Rutgers University"
    )
    assert {(i, v) for i, v, _u, _s in ranks(text)} == {
        ("Stanford University", 3),
        ("Purdue University", 4),
        ("Rutgers University", 15),
    }
    assert {m.year for m in extract_metrics(text)} == {2017}


# --------------------------------------------------------------------------- ranks


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        (
            "In 2021, Tongji University ranked seventh among Chinese universities in PCT applications.",
            7,
            "china",
        ),
        (
            "In 2021, Tongji University came in 41st among global educational institutions in PCT filings.",
            41,
            "world",
        ),
        (
            "In 2020, Tongji University was No. 23 among universities worldwide for U.S. utility patents.",
            23,
            "world",
        ),
        ("2021年，同济大学PCT国际专利申请量位列全国高校第6位。", 6, "china"),
        ("2021年，同济大学发明专利授权量名列全国高校第三。", 3, "china"),
        ("2021年，同济大学专利转让数量排名全国高校第二。", 2, "china"),
    ],
)
def test_rank_forms(text: str, value: int, scope: str) -> None:
    assert ("Tongji University", value, "rank", scope) in ranks(text)


def test_rank_words_without_digits() -> None:
    text = "2019年美国专利授权榜上，耶鲁大学以310项专利摘得桂冠，普林斯顿大学位列亚军。"
    got = {(i, v) for i, v, _u, _s in ranks(text)}
    assert ("Yale University", 1) in got and ("Princeton University", 2) in got


def test_fenju_pairs_ranks() -> None:
    text = "2019年美国专利授权榜上，斯坦福大学、哈佛大学分居三、四名。"
    got = {(i, v) for i, v, _u, _s in ranks(text)}
    assert {("Stanford University", 3), ("Harvard University", 4)} <= got


def test_top_n_is_rank_top_n_and_not_repeated_beside_an_exact_rank() -> None:
    top = "In 2022, Tongji University was among the top 100 educational institutions in PCT applications."
    assert ("Tongji University", 100, "rank_top_n", "world") in ranks(top)
    both = top + " It ranked 37th among global educational institutions."
    assert {(v, u) for _i, v, u, _s in ranks(both, "Tongji University")} == {(37, "rank")}


def test_group_top_n_gives_each_name_the_rank() -> None:
    text = "截至2020年底，南京大学、东南大学和河海大学有效发明专利量均居全国高校前20名。"
    got = {(i, v, u) for i, v, u, _s in ranks(text)}
    assert {
        (n, 20, "rank_top_n")
        for n in ("Nanjing University", "Southeast University", "Hohai University")
    } <= got


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "institution", "value", "unit"),
    [
        ("2020年，学校专利转让合同金额达3.6亿元。", NEU, 360000000, "CNY"),
        ("2020年，学校专利许可收入1250万元。", NEU, 12500000, "CNY"),
        (
            "In 2019 the university earned HK$12.5 million in licensing income.",
            "The University of Hong Kong",
            12500000,
            "HKD",
        ),
        (
            "In 2019 the university earned $3.2 million in licensing income.",
            "The University of Hong Kong",
            3200000,
            "HKD",
        ),
        (
            "2019年學校技術移轉授權收入達新台幣1.5億元。",
            "National Taiwan University",
            150000000,
            "TWD",
        ),
        (
            "In 2019 the university earned $3.2-million in licensing royalties.",
            "Brown University",
            3200000,
            "USD",
        ),
    ],
)
def test_money_with_magnitudes_and_currencies(
    text: str, institution: str, value: int, unit: str
) -> None:
    got = [m for m in extract_metrics(text, institution) if m.unit == unit]
    assert [m.value for m in got] == [value]
    assert got[0].metric == "contract_amount"


def test_money_that_is_not_patent_money_is_not_emitted() -> None:
    text = "In 2019 the university received $45 million in research funding and 200,000 yuan of scholarships."
    assert extract_metrics(text, NEU) == []


# --------------------------------------------------------------------------- traditional


def test_traditional_text_matched_with_offsets_into_the_original() -> None:
    text = "2021年，國立成功大學獲得發明專利授權一百二十件，專利技術移轉收入達新台幣六千萬元。"
    recs = extract_metrics(text, "National Cheng Kung University")
    assert ("invention_patents_granted", 120) in {(m.metric, m.value) for m in recs}
    for m in recs:
        assert text[m.start : m.end] == m.evidence
        assert "國立成功大學" in m.evidence  # the original characters, not converted ones


# --------------------------------------------------------------------------- not an institution's


@pytest.mark.parametrize(
    "text",
    [
        "In 2021, applicants worldwide filed a record 278,100 international patent applications.",
        "2021年，全国高校共获得发明专利授权10.2万件，同比增长12%。",
        "In 2021, the company filed 6,952 PCT applications, the most of any applicant.",
        "2021年，该省高校专利申请量达3.1万件。",
        "In 2021, the university's PCT rank jumped 12 places, and its filings grew 18%.",
        "In 2021, the university enrolled 9,120 students and published 4,500 papers.",
        "2021年，学校教授张明个人获得发明专利授权36件。",
    ],
)
def test_totals_changes_and_non_patent_numbers_are_not_emitted(text: str) -> None:
    assert extract_metrics(text, NEU) == []


# --------------------------------------------------------------------------- attribution


def test_attribution_by_clause_and_registry_spelling() -> None:
    text = "2020年，东北大学获得授权发明专利802件，大连理工大学获得授权发明专利1011件。"
    got = {(i, v) for i, m, v, *_ in rows(text) if m == "invention_patents_granted"}
    assert got == {(NEU, 802), (DUT, 1011)}


def test_article_institution_in_any_spelling_is_written_one_way() -> None:
    text = "2020年，东北大学获得授权发明专利802件。我校专利转让合同金额达1.2亿元。"
    insts = {m.institution for m in extract_metrics(text, "东北大学")}
    assert insts == {NEU}


def test_unknown_university_names_are_still_attributed() -> None:
    text = "In 2020, Westbrook Polytechnic University was granted 57 U.S. utility patents."
    assert ("Westbrook Polytechnic University", "patents_granted", 57) in {
        (i, m, v) for i, m, v, *_ in rows(text)
    }


def test_a_school_of_a_university_is_the_university() -> None:
    text = "2020年，东北大学材料学院获得授权发明专利120件。"
    assert {m.institution for m in extract_metrics(text)} == {NEU}


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "period_word"),
    [
        ("In fiscal year 2018, the university was granted 61 patents.", "fiscal"),
        ("截至2020年底，学校累计拥有有效发明专利4102件。", "2020"),
        ("近5年，学校申请专利3620件。", "5"),
        ("As of June 30, 2021, the university had filed 1,210 patent applications.", "2021"),
        ("During 2016–17, the university received 142 patent applications.", "2016"),
    ],
)
def test_periods_have_no_single_year(text: str, period_word: str) -> None:
    (rec,) = extract_metrics(text, NEU)
    assert rec.year is None and period_word in (rec.period or "")


def test_last_year_is_the_year_before_publication() -> None:
    text = "Last year, the university was granted 93 U.S. utility patents."
    assert {m.year for m in extract_metrics(text, NEU, "en", "2019-03-02")} == {2018}


def test_a_period_holds_for_its_paragraph_until_a_year_is_named() -> None:
    text = "截至2021年6月30日，学校累计申请专利5400件。其中，发明专利申请3900件。"
    periods = {m.value: (m.year, m.period) for m in extract_metrics(text, NEU)}
    assert periods[3900][0] is None and periods[3900][1] == periods[5400][1]


def test_data_year_of_a_wipo_article_is_not_the_publication_year() -> None:
    text = (
        "WIPO released its PCT figures for 2021 on Thursday.\n\n"
        "Tongji University ranked 14th among educational institutions with 120 applications."
    )
    years = {m.year for m in extract_metrics(text, None, "en", "2022-03-10")}
    assert years == {2021}


# --------------------------------------------------------------------------- layout, comparison


def test_hard_wrapped_chinese_lines_are_one_sentence_with_original_offsets() -> None:
    body = (
        "本报讯：据最新统计数据显示，今年以来我省高校的科技创新能力持续\n"
        "增强，成果转化工作也取得了新的进展。2021年，国立清华大学\n"
        "获得美国专利授权66件，全球排名第四十二位，在台湾地区高校\n"
        "中名列前茅，学校表示将继续加大对专利申请的支持力度。\n"
    )
    recs = extract_metrics(body, None)
    assert ("National Tsing Hua University", "patents_granted", 66) in {
        (m.institution, m.metric, m.value) for m in recs
    }
    for m in recs:
        assert body[m.start : m.end] == m.evidence


def test_universities_it_beat_do_not_own_the_rank() -> None:
    text = "2021年，浙江工业大学专利转让数量位居全国高校第3位，超过北京大学、复旦大学等名校。"
    assert {i for i, *_ in ranks(text)} == {"Zhejiang University of Technology"}


def test_money_paired_with_each_name() -> None:
    text = (
        "In fiscal 2019, licensing income was led by Emory University at $48.2 million "
        "and Rice University at $12.5 million."
    )
    got = {
        (m.institution, m.value, m.unit)
        for m in extract_metrics(text)
        if m.metric == "contract_amount"
    }
    assert got == {("Emory University", 48200000, "USD"), ("Rice University", 12500000, "USD")}
