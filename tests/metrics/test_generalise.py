"""The failure classes seen on held-out real text, each on made-up sentences.

"Northland"/"Southland" and 北方大学/南方大学 are invented universities; no sentence here is
taken from any real article. The expectations are the labelling rules of
../shared/metrics-dev/README.md.
"""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.scopes import LABELS, scope_class


def rows(text: str, institution: str | None = None, published: str | None = None) -> set:
    return {
        (m.institution, m.metric, m.value, m.unit, m.year, m.period)
        for m in extract_metrics(text, institution, "auto", published)
    }


def ranks(text: str, institution: str | None = None) -> list[tuple]:
    return [
        (m.institution, m.value, m.unit, scope_class(m.scope), m.year)
        for m in extract_metrics(text, institution)
        if m.metric == "rank"
    ]


# --------------------------------------------------------------------------- 1. scopes


def test_a_university_named_after_a_province_does_not_make_a_national_rank_regional() -> None:
    got = ranks("2020年，江苏北方大学发明专利授权量位列全国高校第5位，江苏省属高校第1位。")
    assert ("江苏北方大学", 5, "rank", "china", 2020) in got
    assert ("江苏北方大学", 1, "rank", "region", 2020) in got


def test_in_the_nation_in_a_us_patent_list_is_us_universities() -> None:
    text = (
        "Northland University is among the top 100 universities in the nation for U.S. utility "
        "patents in 2020, according to the National Academy of Inventors."
    )
    assert ranks(text) == [("Northland University", 100, "rank_top_n", "us", 2020)]


def test_wipo_educational_institutions_are_a_world_scope_and_named_groups_their_own() -> None:
    assert scope_class("among educational institutions") == "world"
    assert scope_class("Chinese educational institutions") == "china"
    assert scope_class("全國高等院校") == "china"
    assert scope_class("among the Ivy League") == "ivy"
    got = ranks("2021年，北方大学在工信部七所高校中发明专利授权量位列第3位。")
    assert got == [("北方大学", 3, "rank", "miit", 2021)]


def test_each_figure_before_jun_weilie_gets_the_rank() -> None:
    ms = [
        m
        for m in extract_metrics("2021年北方大学发明专利申请量、授权量均位列全国高校第3位。")
        if m.metric == "rank"
    ]
    assert {(m.institution, m.value, m.basis) for m in ms} == {
        ("北方大学", 3, "发明专利申请量"),
        ("北方大学", 3, "授权量"),
    }


def test_a_scope_is_a_class_or_a_short_clean_phrase() -> None:
    texts = [
        "北方大学机电学院2019年获发明专利授权52件，排名前三名的院系是机电学院、化工学院和材料学院。",
        "2020年北方大学的专利转让数量排名第4，南方大学排名第9。",
        "In 2019 Northland University ranked 7th in patents granted among all applicants in the state.",
    ]
    for text in texts:
        for m in extract_metrics(text):
            if m.metric == "rank" and m.scope:
                assert scope_class(m.scope) in LABELS or (
                    len(m.scope) <= 40 and not any(c in m.scope for c in ",，。;；")
                ), m.scope


# --------------------------------------------------------------------------- 2. list lines


def test_hash_rank_with_overall_rank_gives_both() -> None:
    text = (
        "Top universities for U.S. utility patents in 2021 (NAI)\n"
        "#15 (#293 overall) Northland University, United States.\n"
        "#16 (#301 overall) Southland University, United States."
    )
    got = {(i, v, s) for i, v, _u, s, _y in ranks(text)}
    assert ("Northland University", 15, "world") in got
    assert ("Northland University", 293, "overall") in got
    assert ("Southland University", 301, "overall") in got


def test_inline_numbered_list_ranks_and_counts() -> None:
    text = (
        "The top universities by U.S. patents granted in 2020 were 1) Northland University: "
        "505 patents; 2) MIT: 278; 3) Southland University: 150."
    )
    got = rows(text)
    assert ("Northland University", "rank", 1, "rank", 2020, None) in got
    assert ("Massachusetts Institute of Technology", "rank", 2, "rank", 2020, None) in got
    assert ("Southland University", "patents_granted", 150, "count", 2020, None) in got


def test_ranked_at_n_is_a_rank_of_the_name_before() -> None:
    text = (
        "In the 2020 NAI list of U.S. utility patents, Northland University is ranked at 59 "
        "with 42 patents, and Southland University ranked at 69."
    )
    got = rows(text)
    assert ("Northland University", "rank", 59, "rank", 2020, None) in got
    assert ("Southland University", "rank", 69, "rank", 2020, None) in got
    assert ("Northland University", "patents_granted", 42, "count", 2020, None) in got


def test_name_variants_and_research_foundations_are_the_university() -> None:
    got = rows("In 2020, Cal Tech received 120 U.S. utility patents, according to the NAI.")
    assert (
        "California Institute of Technology",
        "patents_granted",
        120,
        "count",
        2020,
        None,
    ) in got
    got = rows(
        "The University of Northland Research Foundation received 64 utility patents in 2020."
    )
    assert {r[0] for r in got} == {"University of Northland"}


# --------------------------------------------------------------------------- 3. years


def test_a_list_title_year_dates_the_entries_below_it() -> None:
    text = "教育部科技发展中心公布2016年获发明专利授权量前50名高校。\n北方大学以638件发明专利授权位居第18位。"
    got = rows(text)
    assert ("北方大学", "invention_patents_granted", 638, "count", 2016, None) in got
    assert ("北方大学", "rank", 18, "rank", 2016, None) in got
    assert not any(r[2] == 50 for r in got)  # the list's size is not a rank


def test_niandu_is_the_year() -> None:
    got = rows("2022年度，北方大学共获得发明专利授权412件。")
    assert got == {("北方大学", "invention_patents_granted", 412, "count", 2022, None)}


# --------------------------------------------------------------------------- 4. money


def test_money_ranked_by_its_sum_is_a_contract_amount_and_a_rank() -> None:
    text = (
        "2020年高校专利转让合同金额排名：北方大学以12345.67萬元位列第一位，"
        "南方大学以8000萬元位列第二位。"
    )
    got = rows(text)
    assert ("北方大学", "contract_amount", 123456700, "CNY", 2020, None) in got
    assert ("北方大学", "rank", 1, "rank", 2020, None) in got
    assert ("南方大学", "contract_amount", 80000000, "CNY", 2020, None) in got
    assert ("南方大学", "rank", 2, "rank", 2020, None) in got


def test_hong_kong_and_korean_universities_money_is_in_their_currency() -> None:
    got = rows("2020年，香港北方大学的技术转让收入达1.5亿元。")
    assert got == {("香港北方大学", "contract_amount", 150000000, "HKD", 2020, None)}
    got = rows("In 2020, the University of Hong Kong earned $12 million in licensing income.")
    assert {r[3] for r in got} == {"HKD"}
    got = rows("In 2020, Seoul National University earned 3억원 in technology transfer royalties.")
    assert ("Seoul National University", "contract_amount", 300000000, "KRW", 2020, None) in got


# --------------------------------------------------------------------------- 5. comparisons


def test_a_stated_previous_year_figure_is_labelled_for_that_year() -> None:
    got = rows(
        "In 2021 Northland University received 40 U.S. utility patents, up from 31 the previous year."
    )
    assert ("Northland University", "patents_granted", 31, "count", 2020, None) in got
    got = rows("北方大学2020年获发明专利授权300件，较上年的250件增长20%。")
    assert ("北方大学", "invention_patents_granted", 250, "count", 2019, None) in got
    assert not any(r[2] == 20 for r in got)  # the growth is not labelled


# --------------------------------------------------------------------------- 6, 7. never / kinds


def test_departments_ranked_are_not_the_universitys_rank() -> None:
    got = rows(
        "北方大学机电学院2019年获发明专利授权52件，排名前三名的院系是机电学院、化工学院和材料学院。"
    )
    assert not any(r[1] == "rank" for r in got)
    assert ("北方大学", "invention_patents_granted", 52, "count", 2019, None) in got


def test_names_lose_a_leading_date_character() -> None:
    got = rows("2021年北方大学获发明专利授权88件。")
    assert got == {("北方大学", "invention_patents_granted", 88, "count", 2021, None)}


def test_secured_patents_are_grants_and_transfers_are_counted_in_times() -> None:
    got = rows("In 2021 Northland University secured 57 patents.")
    assert got == {("Northland University", "patents_granted", 57, "count", 2021, None)}
    got = rows("2019年，北方大学专利转让68次。")
    assert got == {("北方大学", "patents_transferred", 68, "count", 2019, None)}
    assert rows("2019年北方大学召开专利工作会议3次。") == set()


def test_an_article_without_a_patent_word_yields_nothing() -> None:
    text = "In 2021 Northland University ranked 3rd in the nation for football and enrolled 30,000."
    assert extract_metrics(text) == []


def test_a_breakdown_inherits_the_parents_kind() -> None:
    got = rows("2020年北方大学申请专利1200件，其中发明专利800件。")
    assert ("北方大学", "invention_patent_applications", 800, "count", 2020, None) in got
    got = rows("2020年北方大学获得专利授权900件，其中发明专利600件。")
    assert ("北方大学", "invention_patents_granted", 600, "count", 2020, None) in got


def test_a_world_total_is_not_given_to_the_university_named_after_it() -> None:
    got = rows(
        "In 2020, a record 275,900 PCT applications were filed worldwide, and Northland "
        "University filed 300."
    )
    assert {r[2] for r in got} == {300}


def test_a_ranking_of_a_portfolios_fields_is_not_the_universitys_rank() -> None:
    text = "从北方大学有效发明专利的行业分布来看，排名首位的是化学制品业，第二位是通用设备业。"
    assert not any(m.metric == "rank" for m in extract_metrics(text, "北方大学"))


def test_rank_name_count_lines_take_the_lists_title_for_metric_and_year() -> None:
    text = (
        "2021年高校发明专利授权量排行榜\n第一名：北方大学，3100件\n第二名：南方大学，2900件\n"
        "第三名：东方大学，2800件"
    )
    got = rows(text)
    assert ("南方大学", "invention_patents_granted", 2900, "count", 2021, None) in got
    assert ("东方大学", "rank", 3, "rank", 2021, None) in got


def test_dash_list_lines_count_what_the_list_counts() -> None:
    text = (
        "Universities with the most U.S. utility patents in 2021\n- Northland University 546\n"
        "- Southland University 420\n- Eastland University 420"
    )
    got = rows(text)
    assert ("Southland University", "patents_granted", 420, "count", 2021, None) in got
    assert ("Eastland University", "patents_granted", 420, "count", 2021, None) in got  # a tie


def test_ties_give_each_named_university_the_rank() -> None:
    for text in (
        "In 2021, (tie) Northland University and Southland University ranked 20th with 55 "
        "U.S. utility patents each.",
        "In 2021, Northland University and Southland University tied for 20th with 55 U.S. "
        "utility patents.",
    ):
        got = {(i, v) for i, v, _u, _s, _y in ranks(text)}
        assert got == {("Northland University", 20), ("Southland University", 20)}
    got = {
        (i, v)
        for i, v, _u, _s, _y in ranks("2021年，北方大学、南方大学的发明专利授权量并列第3位。")
    }
    assert got == {("北方大学", 3), ("南方大学", 3)}


def test_a_composite_ranking_is_not_a_patent_rank_but_praise_after_a_rank_is_harmless() -> None:
    text = "In the 2021 ranking of the most innovative universities, Northland University ranked 5th, helped by its patents."
    assert ranks(text) == []
    text = "2020年北方大学专利授权量位居全省高校第2位，展现了学校的创新能力。"
    assert [(v, s) for _i, v, _u, s, _y in ranks(text)] == [(2, "region")]


def test_award_editions_are_a_period() -> None:
    got = rows("2019年北方大学获第1届至第21届中国专利奖共30项。")
    assert got == {("北方大学", "other", 30, "count", None, "editions 1-21")}


def test_the_top_applicant_is_first() -> None:
    text = (
        "WIPO said in 2021 Northland University was the top applicant among universities "
        "with an application volume of 250."
    )
    got = rows(text)
    assert ("Northland University", "rank", 1, "rank", 2021, None) in got
    assert ("Northland University", "pct_applications_published", 250, "count", 2021, None) in got


def test_the_second_universitys_sum_goes_to_it() -> None:
    got = rows("2020年，北方大学技术转让合同金额达1.2亿元，南方大学为8000万元。")
    assert got == {
        ("北方大学", "contract_amount", 120000000, "CNY", 2020, None),
        ("南方大学", "contract_amount", 80000000, "CNY", 2020, None),
    }
    got = rows(
        "In 2020, Northland University earned $3 million from licensing, and Southland "
        "University $2 million."
    )
    assert ("Southland University", "contract_amount", 2000000, "USD", 2020, None) in got
    assert ("Northland University", "contract_amount", 2000000, "USD", 2020, None) not in got
    # a sum of something else in the next clause is not a transfer's
    got = rows("2020年北方大学专利转让收入1.2亿元，学校科研经费为8亿元。")
    assert {r[2] for r in got} == {120000000}


def test_a_second_scope_after_an_english_rank_is_its_own_rank() -> None:
    text = (
        "In 2020 Northland University ranked 5th among educational institutions worldwide in "
        "PCT applications, first among Chinese universities."
    )
    assert {(v, s) for _i, v, _u, s, _y in ranks(text)} == {(5, "world"), (1, "china")}
    assert ranks("Northland University ranked third among the Ivy League for patents in 2020.") == [
        ("Northland University", 3, "rank", "ivy", 2020)
    ]
