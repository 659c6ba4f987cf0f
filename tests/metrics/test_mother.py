"""Patent awards and exhibition medals, shares, held patents, breakdowns, accounts and the
times of Chinese counts (five-year plans, award editions, headline years): made-up
sentences and names (no labelled text is copied here)."""

from __future__ import annotations

from core.metrics.awards import award_article, award_spans
from core.metrics.extract import extract_metrics
from core.metrics.periods import _period
from core.metrics.rates import rate_spans


def _figures(text: str, published: str | None = "2021-05-01", inst: str | None = None) -> set:
    return {
        (m.institution, m.metric, m.value, m.unit, m.year, m.period)
        for m in extract_metrics(text, inst, published=published)
    }


# ---------------------------------------------------------------- awards and medals


def test_award_counts_in_ge_after_an_exhibition_named_once() -> None:
    got = _figures(
        "第30届北方国际发明展日前公布评审结果,多所高校创下历年来最佳成绩。\n"
        "橡树大学共夺得26个奖项,包括以竹纤维制成的隔音板等。\n"
        "枫叶大学斩获19个奖项,包括4个评判特别嘉许金奖和6个银奖。",
        published="2021-04-20",
    )
    # an exhibition is an event of one year: its medals are of the year the report is dated
    assert ("橡树大学", "other", 26, "count", 2021, None) in got
    assert ("枫叶大学", "other", 19, "count", 2021, None) in got
    assert ("枫叶大学", "other", 4, "count", 2021, None) in got
    assert ("枫叶大学", "other", 6, "count", 2021, None) in got
    # "历年来最佳成绩" (best ever) is no cumulative span
    assert not any(f[5] == "cumulative" for f in got)


def test_an_undated_report_of_an_exhibition_leaves_the_year_open() -> None:
    got = _figures("第30届北方国际发明展上,橡树大学共夺得26个奖项。", published=None)
    assert got == {("橡树大学", "other", 26, "count", None, None)}


def test_elided_award_counts_after_the_award_is_named() -> None:
    got = _figures(
        "1989年至今,橡树大学以12项专利获中国专利奖金奖,居各校首位。"
        "枫叶大学、松树大学各有2项,并列第二;柏树学院亦有1项。"
    )
    assert ("枫叶大学", "other", 2, "count", None, "cumulative") in got
    assert ("松树大学", "other", 2, "count", None, "cumulative") in got
    # a measure word with its own noun after it ("3项成果") is another count
    assert not any(f[2] == 3 for f in _figures("日内瓦发明展上,橡树大学有3项成果参展。"))


def test_award_shorthand_and_a_start_year() -> None:
    got = _figures(
        "中国专利奖揭晓 橡树大学再获佳绩\n据悉,自2012年以来,橡树大学获奖总数达到30项(含3金4银)。"
    )
    values = {(f[2], f[5]) for f in got if f[1] == "other"}
    assert (3, "since 2012") in values
    assert (4, "since 2012") in values
    assert not any(f[1] == "other" and f[4] == 2012 for f in got)  # 2012 opens the span


def test_english_medals_in_an_article_about_an_invention_show() -> None:
    got = _figures(
        "Cedar University shines at the International Exhibition of Inventions 2023\n"
        "Cedar University researchers collected 12 prestigious medals and prizes this spring, "
        "including five gold medals."
    )
    assert ("Cedar University", "other", 12, "count", 2023, None) in got
    assert ("Cedar University", "other", 5, "count", 2023, None) in got


def test_award_forms_apply_only_in_articles_about_patent_awards() -> None:
    assert not award_article(["橡树大学获授权发明专利300件。", "学生在竞赛中获得12个奖项。"])
    assert award_article(["橡树大学3项专利获中国专利优秀奖。"])
    got = _figures("2020年,橡树大学获授权发明专利300件。学生在数学竞赛中获得12个奖项。")
    assert ("橡树大学", "invention_patents_granted", 300, "count", 2020, None) in got
    assert not any(f[2] == 12 for f in got)
    # a year or an edition is never an award count
    spans = award_spans("第25届专利奖于2020年颁发,橡树大学获得3个奖项")
    assert [v for v, _a, _b, _m in spans] == [3.0]


def test_edition_gives_way_to_a_year_written_with_the_figure() -> None:
    got = _figures(
        "2015年,在第十七届中国专利奖评选中,橡树大学和枫叶大学各有1项发明专利获得金奖。",
        published=None,
    )
    assert any(f[0] == "枫叶大学" and f[2] == 1 and f[4] == 2015 for f in got)


def test_a_run_of_editions() -> None:
    assert _period("近5届中国专利奖评选中,橡树大学共获得2项金奖")[0] == "past 5 editions"


# ---------------------------------------------------------------- times of Chinese counts


def test_five_year_plans_are_periods() -> None:
    got = _figures("“十三五”期间,橡树大学共获授权发明专利800件,转让专利120项。")
    assert (
        "橡树大学",
        "invention_patents_granted",
        800,
        "count",
        None,
        "13th Five-Year Plan (2016-2020)",
    ) in got
    assert (
        "橡树大学",
        "patents_transferred",
        120,
        "count",
        None,
        "13th Five-Year Plan (2016-2020)",
    ) in got
    got = _figures("十四五以来,橡树大学累计获授权发明专利900件。")
    assert (
        "橡树大学",
        "invention_patents_granted",
        900,
        "count",
        None,
        "since the 14th Five-Year Plan (2021)",
    ) in got


def test_a_headline_year_dates_the_body() -> None:
    got = _figures(
        "橡树大学2019年专利授权量创新高\n学校共获授权专利500件,其中发明专利200件。", inst="橡树大学"
    )
    assert ("橡树大学", "patents_granted", 500, "count", 2019, None) in got
    assert ("橡树大学", "invention_patents_granted", 200, "count", 2019, None) in got


def test_a_report_title_line_dates_the_report() -> None:
    got = _figures(
        "Maple University Research Foundation, Inc. Annual Report July 1, 2016 to June 30, 2017\n"
        "The foundation signed 40 licenses and options with companies.",
        published=None,
        inst="Maple University",
    )
    assert ("Maple University", "patents_transferred", 40, "count", None, "2016-2017") in got


# ---------------------------------------------------------------- counts and their metrics


def test_an_institutions_inventors_are_the_institution() -> None:
    got = _figures("Birch University inventors were granted 64 U.S. patents last year.")
    assert ("Birch University", "patents_granted", 64, "count", 2020, None) in got
    # one professor's patents stay a person's
    assert not _figures("Professor Fir, an inventor with 45 patents, joined Birch University.")


def test_held_patents_and_us_applications() -> None:
    got = _figures(
        "In 2020 Birch University filed 150 new U.S. patent applications and was issued 70 patents."
    )
    assert ("Birch University", "patent_applications", 150, "count", 2020, None) in got
    assert ("Birch University", "patents_granted", 70, "count", 2020, None) in got
    got = _figures("Birch University now holds 2,400 patents and 310 licenses.")
    assert ("Birch University", "other", 2400, "count", None, None) in got


def test_the_next_items_of_a_breakdown() -> None:
    got = _figures(
        "2022年橡树大学获授权发明专利200件,其中最多的是材料类有60项、其次是能源类有45项、"
        "信息类38项、生物类21项。"
    )
    for value in (60, 45, 38, 21):
        assert ("橡树大学", "other", value, "count", 2022, None) in got
    got = _figures(
        "Birch University's grants in the last five years include about 70 patents related "
        "to energy, 30 in medicine and 12 in robotics."
    )
    assert {30, 12} <= {f[2] for f in got if f[1] == "other"}


# ---------------------------------------------------------------- money and shares


def test_a_professors_sale_is_the_universitys_deal() -> None:
    text = (
        "Birch University professor Oak, who invented a patented coating that was sold for "
        "$3 million in 2019, retired."
    )
    assert ("Birch University", "contract_amount", 3000000, "USD", 2019, None) in _figures(text)
    # a person's count stays a person's
    assert not _figures("Birch University professor Oak, who holds 45 patents, retired in 2019.")


def test_an_offices_accounts_are_no_deal_money() -> None:
    got = _figures(
        "In 2018, Birch University's licensing office signed 30 license agreements. "
        "Net income from operations was $1.1 million and operating revenues were $4.2 million."
    )
    assert ("Birch University", "patents_transferred", 30, "count", 2018, None) in got
    assert not any(f[3] == "USD" for f in got)


def test_shares_of_an_institutions_own_patents() -> None:
    assert [
        v for v, _a, _b in rate_spans("2019年橡树大学专利申请量为900件,发明专利占比达62.5%。")
    ] == [62.5]
    # a share of the nation's total, or of a portfolio held with companies, is not one
    assert rate_spans("这十个省份的专利授权量占全国总数的81%") == []
    assert rate_spans("橡树大学及其关联公司共有专利申请3000件,其中发明专利占70%。") == []


def test_english_rates_and_own_shares() -> None:
    got = _figures("The patent utilisation rate at Birch University reached 12% in 2020.")
    assert ("Birch University", "other", 12, "percent", 2020, None) in got
    got = _figures("In 2019 Birch University had a 90% patent grant rate.")
    assert ("Birch University", "other", 90, "percent", 2019, None) in got
    got = _figures("In 2020 Birch University licensed 30 percent of its patent portfolio.")
    assert ("Birch University", "other", 30, "percent", 2020, None) in got
    # a share that is not of the institution's own patents is nobody's figure
    assert rate_spans("In 2020, 30 percent of all PCT filings came from Asia.") == []


def test_minor_kinds_and_award_nouns_before_their_counts() -> None:
    got = _figures("2020年,橡树大学获授权实用新型专利56件、外观设计专利12件。")
    assert ("橡树大学", "other", 56, "count", 2020, None) in got
    assert ("橡树大学", "other", 12, "count", 2020, None) in got
    got = _figures("在第40届北方国际发明展上,橡树大学获得金奖5项、银奖3项。")
    assert ("橡树大学", "other", 5, "count", 2021, None) in got
    assert ("橡树大学", "other", 3, "count", 2021, None) in got
    assert [
        v for v, _a, _b in rate_spans("2018年,橡树大学发明专利授权量占全部授权专利的60%。")
    ] == [60]


def test_stocks_at_a_years_end_and_now_are_periods() -> None:
    got = _figures("2020年底,橡树大学拥有有效发明专利2000件。")
    assert ("橡树大学", "other", 2000, "count", None, "cumulative as of 2020") in got
    got = _figures(
        "2020年,橡树大学专利工作成效显著。目前,学校拥有有效发明专利2100件。", inst="橡树大学"
    )
    assert ("橡树大学", "other", 2100, "count", None, "cumulative") in got
    # a year's grants counted at its end keep the year
    got = _figures("2016年底发明专利授权量橡树大学以604件位居全国高校第19位。")
    assert ("橡树大学", "invention_patents_granted", 604, "count", 2016, None) in got


def test_runs_of_years_and_this_year_to_date() -> None:
    got = _figures("五年来,橡树大学共获授权发明专利1500件。")
    assert ("橡树大学", "invention_patents_granted", 1500, "count", None, "past five years") in got
    got = _figures("今年以来,橡树大学获授权发明专利300件。", published="2021-08-01")
    assert ("橡树大学", "invention_patents_granted", 300, "count", None, "this year to date") in got


def test_what_a_count_includes_does_not_name_its_kind() -> None:
    got = _figures(
        "Fir Institute of Technology recorded a doubling of patents granted during 2023. In "
        "addition, the number of international patents filed (including those under the Patent "
        "Cooperation Treaty (PCT)) also recorded an increase, going up to 90 during 2023, from 41 "
        "in the preceding year."
    )
    assert (
        "Fir Institute of Technology",
        "international_patent_applications",
        90,
        "count",
        2023,
        None,
    ) in got
    assert (
        "Fir Institute of Technology",
        "international_patent_applications",
        41,
        "count",
        2022,
        None,
    ) in got
    assert not any(f[1].startswith("pct") for f in got)


def test_last_years_total_is_the_year_before() -> None:
    got = _figures(
        "Birch University's licensing office had a record fiscal year 2018. During the fiscal "
        "year, researchers reported 310 new inventions, up from last year's total of 280."
    )
    assert ("Birch University", "other", 310, "count", None, "fiscal year 2018") in got
    assert ("Birch University", "other", 280, "count", None, "fiscal year 2017") in got
    got = _figures(
        "In 2019 Birch University filed 300 patent applications, up from last year's total of 250."
    )
    assert ("Birch University", "patent_applications", 250, "count", 2018, None) in got


def test_this_fiscal_year_dates_the_report() -> None:
    got = _figures(
        "Birch University inventors filed more disclosures this fiscal year, a record.\n\n"
        "Through the university's licensing office, applicants filed 61 invention disclosures.",
        inst="Birch University",
    )
    assert ("Birch University", "other", 61, "count", None, "fiscal year (current)") in got


def test_registering_patents_in_indian_news_is_filing_them() -> None:
    got = _figures(
        "Only two institutes crossed the mark last year, with IIT Cedar registering 140 patents "
        "and IIT Larch 120.",
        published="2019-12-01",
    )
    assert ("IIT Cedar", "patent_applications", 140, "count", 2018, None) in got
    # registered patents held are no filings
    got = _figures("IIT Cedar has some 900 registered patents.", published="2019-12-01")
    assert not any(f[1] == "patent_applications" for f in got)


def test_shares_named_as_such_and_more_rate_nouns() -> None:
    got = _figures("In 2020, Birch University's share of the country's PCT filings was 2.5%.")
    assert ("Birch University", "other", 2.5, "percent", 2020, None) in got
    assert [v for v, _a, _b in rate_spans("2020年,橡树大学有效发明专利维持率为85%。")] == [85]
