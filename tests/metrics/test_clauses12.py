"""Failure classes found on real news (version 12), on made-up sentences.

The names are invented or the registry's own universities; no sentence is taken from a real
article. The expectations follow the labelling rules of ../shared/metrics-dev/README.md.
"""

from __future__ import annotations

from pathlib import Path

from core.metrics import extract_metrics
from tests.metrics.real_sets import assert_above_floors, assert_sourced_and_quoted

PUBLISHED = "2023-03-01"
# 30 real pages (technology-transfer reports and news of U.S., UK, Indian, Korean and Hong
# Kong universities, Chinese provincial and vocational rankings, 5 negatives), labelled by
# the metrics-dev rules by a helper who never ran the extractor before labelling: version 12
# was studied on them (P 0.53 / R 0.41 at its start)
STUDY13 = Path(__file__).with_name("real_study13.json")
FLOORS13 = {"precision": 0.80, "recall": 0.74, "institution_accuracy": 0.99}
# 27 more (Australian, Canadian, Korean, Israeli, Swiss, UK and Indian licensing news, Fujian
# and Changsha pages, traditional Chinese; 6 negatives), labelled the same way late in
# version 12: P 0.38 / R 0.29 when it arrived
STUDY14 = Path(__file__).with_name("real_study14.json")
FLOORS14 = {"precision": 0.72, "recall": 0.62, "institution_accuracy": 0.96}
HEAD = "Northfield University technology transfer report\n\n"


def figures(text: str, institution: str | None = "Northfield University") -> set[tuple]:
    return {
        (m.institution, m.metric, m.value, m.unit)
        for m in extract_metrics(text, institution, published=PUBLISHED)
    }


# --------------------------------------------------------------------------- money


def test_start_ups_of_a_first_predicate_do_not_own_the_second_predicates_money() -> None:
    text = HEAD + (
        "Since 2005, the office has helped launch more than 300 startups and has generated "
        "$150 million in licensing income."
    )
    assert ("Northfield University", "contract_amount", 150_000_000, "USD") in figures(text)


def test_the_revenue_of_start_ups_is_still_theirs() -> None:
    text = (
        HEAD + "Startups founded on its licensed technology have generated $2 billion in revenue."
    )
    assert not {f for f in figures(text) if f[1] == "contract_amount"}


# --------------------------------------------------------------------------- PCT words


def test_pct_named_as_another_figures_noun_does_not_rename_this_one() -> None:
    text = HEAD + "Researchers filed 98 new U.S. patent applications and 22 PCT applications."
    got = {(f[1], f[2]) for f in figures(text)}
    assert ("patent_applications", 98) in got
    assert ("pct_applications_filed", 22) in got
    assert ("pct_applications_filed", 98) not in got


def test_pct_named_as_another_figures_noun_in_chinese() -> None:
    text = (
        "北方大学知识产权年报\n\n2022年，北方大学提交PCT国际专利申请22件，国内发明专利申请980件。"
    )
    got = {(f[1], f[2]) for f in figures(text, "北方大学")}
    assert ("pct_applications_filed", 22) in got
    assert ("pct_applications_filed", 980) not in got


def test_a_treaty_named_after_the_count_is_still_its_own() -> None:
    # "…262 applications under the Patent Cooperation Treaty (PCT), with 49 of them filed in
    # 2015": both are PCT applications, the 49 a part of the 262
    text = HEAD + (
        "Northfield University has filed 262 patent applications under the international "
        "Patent Cooperation Treaty (PCT), with 49 of them filed in 2015."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("pct_applications_filed", 262), ("pct_applications_filed", 49)} <= got


# --------------------------------------------------------------------------- dashboards

DASHBOARD = {
    "captioned": (
        "New invention disclosures: 145\nU.S. patents issued: 48\n"
        "Licenses and options executed: 60\nStartups launched: 9\n"
        "Gross licensing income: $12.5 million\n"
    ),
    "figure first": (
        "145\ninvention disclosures\n\n48\nU.S. patents issued\n\n60\nlicenses and options\n\n"
        "9\nstartups\n\n$12.5M\nlicensing income\n"
    ),
    "caption first": (
        "Invention disclosures\n145\nU.S. patents issued\n48\nLicenses and options\n60\n"
        "Startups\n9\nLicensing income\n$12.5M\n"
    ),
}
EXPECTED = {
    ("Northfield University", "other", 145, "count"),
    ("Northfield University", "patents_granted", 48, "count"),
    ("Northfield University", "patents_transferred", 60, "count"),
    ("Northfield University", "contract_amount", 12_500_000, "USD"),
}


def test_a_dashboards_captioned_figures_in_each_shape() -> None:
    head = "Northfield University Office of Technology Transfer: FY2022 at a glance\n\n"
    for shape, block in DASHBOARD.items():
        got = {f for f in figures(head + block, None)}
        assert got == EXPECTED, shape  # start-ups are no patent figure
        periods = {m.period for m in extract_metrics(head + block, None, published=PUBLISHED)}
        assert periods == {"fiscal year 2022"}, shape


def test_a_heading_names_the_university_of_the_cells_below_it() -> None:
    text = (
        "Patents filed by each university between 2010 and 2015.\n"
        "Southfield University\nTotal patents filed: 118\n"
        "Eastfield University\nTotal patents filed: 96\n"
    )
    got = {(f[0], f[2]) for f in figures(text, None) if f[1] == "patent_applications"}
    assert got == {("Southfield University", 118), ("Eastfield University", 96)}


def test_captions_of_no_patent_figure_are_not_read() -> None:
    text = HEAD + (
        "Research expenditures: $412 million\nStartups formed: 12\nFaculty: 3,100\n"
        "Patent applications filed: 1.1k\n"
    )
    assert figures(text) == {("Northfield University", "patent_applications", 1100, "count")}


# --------------------------------------------------------------------------- nouns and scopes


def test_licensing_agreements_and_technology_disclosures_are_counted() -> None:
    text = (
        "Northfield Research Foundation reports a record year\n\n"
        "The office received 408 technology disclosures in 2020. It signed 218 licensing "
        "agreements in 2020."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("other", 408), ("patents_transferred", 218)} <= got


def test_in_the_country_on_an_american_page_is_the_us_list() -> None:
    text = (
        HEAD
        + "The AUTM survey shows the university ranked 12th in the country for licensing income."
    )
    scopes = {
        m.scope
        for m in extract_metrics(text, "University of Utah", published=PUBLISHED)
        if m.metric == "rank"
    }
    assert scopes == {"U.S. universities"}


# --------------------------------------------------------------------------- two times


def test_a_bulleted_caption_with_last_years_figure() -> None:
    text = (
        "Northfield Research Foundation: fiscal year 2020 results\n\n"
        "Northfield's FY2020 ended June 30 and results include:\n\n"
        "· Technology disclosures – 408, compared with 360 last year.\n\n"
        "· Signed licenses and options – 148, compared with 136 last year.\n\n"
        "· Invention disclosures filed: 284 to 317 for a 12 percent increase.\n"
    )
    got = {
        (m.metric, m.value, m.period)
        for m in extract_metrics(text, "Northfield University", published=PUBLISHED)
    }
    assert {
        ("other", 408, "fiscal year 2020"),
        ("other", 360, "fiscal year 2019"),
        ("patents_transferred", 148, "fiscal year 2020"),
        ("patents_transferred", 136, "fiscal year 2019"),
        ("other", 317, "fiscal year 2020"),
        ("other", 284, "fiscal year 2019"),
    } <= got


def test_a_share_after_a_caption_is_no_count() -> None:
    text = HEAD + "Patents granted: 60.2%\n"
    assert not {f for f in figures(text) if f[3] == "count"}


def test_last_year_in_a_fiscal_years_report_is_the_fiscal_year_before() -> None:
    text = (
        "Northfield Research Foundation: fiscal year 2020 results\n\n"
        "The office was issued 180 U.S. patents in fiscal year 2020. Last year, the office "
        "was issued 141 U.S. patents."
    )
    got = {
        (m.value, m.period)
        for m in extract_metrics(text, "Northfield University", published=PUBLISHED)
        if m.metric == "patents_granted"
    }
    assert got == {(180, "fiscal year 2020"), (141, "fiscal year 2019")}


def test_a_year_after_the_figure_compared_with_is_not_this_figures() -> None:
    text = HEAD + "The university inked a record 218 licensing agreements, up from 173 in 2017."
    got = {
        (m.value, m.year)
        for m in extract_metrics(text, "Northfield University", published="2019-03-01")
        if m.metric == "patents_transferred"
    }
    assert (173, 2017) in got
    assert (218, 2017) not in got


def test_a_rise_from_one_figure_to_another_in_a_years_report() -> None:
    text = (
        "Northfield Research Foundation: fiscal year 2020 results\n\n"
        "Invention disclosures rose from 284 to 317 for a 12 percent increase. Over the past "
        "decade, patent applications grew from 50 to 300."
    )
    got = {
        (m.metric, m.value, m.period)
        for m in extract_metrics(text, "Northfield University", published=PUBLISHED)
    }
    assert {("other", 284, "fiscal year 2019"), ("other", 317, "fiscal year 2020")} <= got
    # a decade's start is of a year the text does not say, not last year's
    assert not {g for g in got if g[1] == 50 and g[2] == "fiscal year 2019"}


# --------------------------------------------------------------------------- Chinese counts


def zh(text: str) -> set[tuple]:
    return {(m.institution, m.metric, m.value, m.year, m.period) for m in extract_metrics(text)}


def test_a_range_written_with_an_em_dash_is_a_period() -> None:
    got = zh("北方大学专利\n\n以北方大学为例,2010—2019年共申请专利10401件。")
    assert ("北方大学", "patent_applications", 10401, None, "2010-2019") in got


def test_grants_right_after_the_applications_they_follow() -> None:
    got = zh("北方大学专利\n\n北方大学专利申请252件,授权182件;南方大学专利申请250件,授权180件。")
    assert {
        ("北方大学", "patents_granted", 182, None, None),
        ("南方大学", "patents_granted", 180, None, None),
    } <= got


def test_a_rankings_entry_with_its_count_in_brackets() -> None:
    got = zh(
        "高校专利排名\n\n2019年江苏省高校发明专利授权量排名中,北方大学排名第16(27件),"
        "南方大学排名第37位(16件)。"
    )
    assert {
        ("北方大学", "invention_patents_granted", 27, 2019, None),
        ("南方大学", "invention_patents_granted", 16, 2019, None),
    } <= got


def test_a_city_as_a_whole_is_not_the_college_named_before() -> None:
    got = zh(
        "高校专利排名\n\n其中,北方职业学院共获发明专利授权162件,位居全国第一,"
        "重庆市整体以604件位居全国第五。"
    )
    assert ("北方职业学院", "invention_patents_granted", 162, None, None) in got
    assert not {g for g in got if g[2] in (604, 5)}


def test_a_billion_written_b_and_inventions_reported() -> None:
    text = (
        "Northfield licensing\n\nThe office has generated ~$1.4B in cumulative gross royalties. "
        "The Office of Tech Transfer said 368 new inventions were reported in fiscal year 2012."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("contract_amount", 1_400_000_000), ("other", 368)} <= got
    assert ("patents_transferred", 368) not in got


def test_research_money_is_no_deal_even_called_income() -> None:
    text = HEAD + (
        "The university's research income reached $45 million in 2021, while licensing income "
        "was $3 million. The institute has an annual research budget of $300 million and earned "
        "$2 million from licences. Sponsored research revenue totalled $120 million."
    )
    money = {f[2] for f in figures(text) if f[1] == "contract_amount"}
    assert money == {3_000_000, 2_000_000}


def test_merchandise_licensing_is_no_patent_licensing() -> None:
    text = (
        "Northfield earns record royalties\n\nNorthfield University generated $1.2 million in "
        "licensing royalties in the fourth quarter, ranking third nationally. Licensing royalties "
        "are generated by sales of items bearing the Northfield logo."
    )
    assert figures(text) == set()
    # the same royalties in an article about patents are deal money
    assert ("Northfield University", "contract_amount", 1_200_000, "USD") in figures(
        text.replace("the Northfield logo", "its patented inventions")
    )


def test_an_achieved_goal_is_no_target() -> None:
    text = HEAD + (
        "Northfield achieved its goal of filing one patent a day by putting out 378 in FY24 "
        "compared to 233 in FY23."
    )
    assert {378, 233} <= {f[2] for f in figures(text) if f[1] == "patent_applications"}


def test_a_counts_own_verb_before_the_next_counts_noun() -> None:
    text = HEAD + "The office filed 26 patents and received 93 disclosures in 2017."
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("patent_applications", 26), ("other", 93)} <= got


def test_a_geneva_exhibitions_edition_is_its_year() -> None:
    # the 1st in 1973, the 47th in 2019; none in 2020-2022; the 48th in 2023
    text = (
        "港大在第50屆日內瓦國際發明展上獲得32個獎項。\n\n"
        "For example, Northfield won 36 awards at the 48th International Exhibition of "
        "Inventions Geneva. In 2018 it took 20 awards at the 46th International Exhibition of "
        "Inventions of Geneva."
    )
    got = {
        (m.value, m.year)
        for m in extract_metrics(text, "Northfield University", published="2024-02-23")
        if m.metric == "other"
    }
    assert {(32, 2025), (36, 2023), (20, 2018)} <= got


def test_a_bare_dollar_of_a_canadian_university_and_shekels() -> None:
    text = "UBC licensing history\n\nIn 1994, the university received more than $1 million in royalties."
    units = {m.unit for m in extract_metrics(text, "University of British Columbia")}
    assert units == {"CAD"}
    text = HEAD + "Revenues from royalties reached a record NIS 160 million in 2004."
    assert ("Northfield University", "contract_amount", 160_000_000, "ILS") in figures(text)


def test_a_decade_is_no_year_but_a_typo_year_still_is() -> None:
    text = HEAD + "By the end of the 1980s, 83 patents had been filed."
    assert {m.year for m in extract_metrics(text, "Northfield University")} == {None}
    text = HEAD + "The university filed 41 patent applications in 2019s."
    assert {m.year for m in extract_metrics(text, "Northfield University")} == {2019}


def test_a_rise_from_one_years_figure_to_two_later_ones() -> None:
    text = HEAD + (
        "The number of patents granted rose from only 24 in 2015 to 198 in 2023 and 187 in 2024."
    )
    got = {
        (m.value, m.year)
        for m in extract_metrics(text, "Northfield University")
        if m.metric == "patents_granted"
    }
    assert got == {(24, 2015), (198, 2023), (187, 2024)}


def test_sums_are_no_counts_of_a_respectively_list() -> None:
    text = (
        "SNU news\n\nNorthfield University and Southfield University earned 372.6 billion KRW and "
        "226.8 KRW, respectively, from patents. Northfield University and Southfield University filed "
        "120 and 80 patents, respectively."
    )
    got = figures(text, None)
    assert not {f for f in got if f[3] == "count" and f[2] in (6, 8)}
    assert {("Northfield University", 120), ("Southfield University", 80)} <= {
        (f[0], f[2]) for f in got if f[3] == "count"
    }


def test_patents_obtained_with_the_count_before_the_noun() -> None:
    got = zh("北方大学专利\n\n截至2011年4月,北方大学已成功取得二百九十九项专利。")
    assert {g[1] for g in got if g[2] == 299} == {"patents_granted"}
    got = zh("福建专利\n\n2020年,北方大学获得了福建省最多的国家发明专利,达765项。")
    assert ("北方大学", "invention_patents_granted", 765, 2020, None) in got


def test_forecasted_revenue_is_no_deal_money() -> None:
    text = (
        HEAD + "Royalties reached $36 million, still lower than forecasted revenues of $40 million."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert ("contract_amount", 36_000_000) in got
    assert ("contract_amount", 40_000_000) not in got


def test_a_count_written_in_thousands() -> None:
    text = HEAD + "The university filed 2.5k patent applications in 2023."
    assert ("Northfield University", "patent_applications", 2500, "count") in figures(text)


def test_worth_of_goods_is_trade_and_a_deal_worth_is_deal_money() -> None:
    text = HEAD + "Tariffs apply to about $125 billion worth of goods, and patents were cited."
    assert not {f for f in figures(text) if f[1] == "contract_amount"}
    text = HEAD + "The university signed a licence deal worth $3 million with a drug maker in 2021."
    assert ("Northfield University", "contract_amount", 3_000_000, "USD") in figures(text)


def test_real_study13_and_study14_pages_stay_above_their_floors() -> None:
    assert_above_floors(STUDY13, 30, FLOORS13)
    assert_above_floors(STUDY14, 27, FLOORS14)


def test_real_study13_and_study14_evidence_is_in_its_text() -> None:
    assert_sourced_and_quoted(STUDY13)
    assert_sourced_and_quoted(STUDY14)


def test_numbers_spelled_out_at_a_sentence_start() -> None:
    text = HEAD + (
        "One hundred and sixty-nine U.S. patents were issued to the university in 2018. "
        "Ninety-eight U.S. patents were issued to the university in 2017."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("patents_granted", 169), ("patents_granted", 98)} <= got


def test_a_run_of_sums_compared_with_each_with_its_fiscal_year() -> None:
    text = HEAD + (
        "U-M’s income from those licensing agreements was about $13.4 million in FY 2012, "
        "down from nearly $16 million in FY11 and $39.8 million in FY10."
    )
    got = {
        (m.value, m.period)
        for m in extract_metrics(text, "University of Michigan")
        if m.metric == "contract_amount"
    }
    assert got == {
        (13_400_000, "fiscal year 2012"),
        (16_000_000, "fiscal year 2011"),
        (39_800_000, "fiscal year 2010"),
    }


def test_a_goal_met_earlier_in_the_sentence() -> None:
    text = HEAD + (
        "The institute achieved its goal of filing ‘one patent a day’ by putting out 378 in "
        "FY24 compared to 233 in FY23."
    )
    assert 378 in {f[2] for f in figures(text, "Indian Institute of Technology Madras")}


def test_a_rankings_entries_in_the_sentence_after_the_one_about_patents() -> None:
    got = zh(
        "高职院校发明专利排行榜\n\n2019年高职院校发明专利授权量排名中,北方职业技术学院以102件位居全国第3。"
        "南方职业技术学院排名第16(27件),东方职业技术学院排名第37(16件)。"
    )
    counts = {(g[0], g[2]) for g in got if g[1] == "invention_patents_granted"}
    assert {("南方职业技术学院", 27), ("东方职业技术学院", 16)} <= counts


# --------------------------------------------------------------------------- review fixes


def test_a_dashboard_under_a_plain_title_line() -> None:
    text = (
        "Northfield University technology transfer report\n145\ninvention disclosures\n48\n"
        "U.S. patents issued\n$12.5M\nlicensing income"
    )
    got = {(f[1], f[2]) for f in figures(text, None)}
    assert got == {("other", 145), ("patents_granted", 48), ("contract_amount", 12_500_000)}


def test_a_sentence_naming_another_university_heads_no_block() -> None:
    text = (
        "Northfield University technology transfer\nWe thank Southfield University for its "
        "partnership.\nU.S. patents issued: 48"
    )
    assert {(f[0], f[2]) for f in figures(text, None)} == {("Northfield University", 48)}


def test_a_year_alone_on_its_line_is_no_figure() -> None:
    text = "Patent licensing highlights\n2023\nRoyalty income\n$5M"
    assert figures(text) == {("Northfield University", "contract_amount", 5_000_000, "USD")}


def test_to_a_count_of_something_else_is_no_rise() -> None:
    text = HEAD + "Licenses executed: 45 to 30 start-up companies"
    got = {(m.value, m.period) for m in extract_metrics(text, "Northfield University")}
    assert got == {(45, None)}


def test_worth_in_its_own_clause_and_disclosed_is_no_gate() -> None:
    text = HEAD + "The agreement, worth $2 million, gives the company an exclusive patent licence."
    assert ("Northfield University", "contract_amount", 2_000_000, "USD") in figures(text)
    text = (
        "Northfield news\n\nThe buyer was not disclosed. The university earned $3 million in "
        "revenue from parking."
    )
    assert figures(text) == set()


def test_a_target_beside_a_goal_met_is_still_a_target() -> None:
    text = HEAD + (
        "Having met its goal last year, Northfield University plans to file 300 patent "
        "applications by 2030."
    )
    assert 300 not in {f[2] for f in figures(text)}


def test_geneva_named_elsewhere_dates_no_other_fair() -> None:
    text = (
        "Northfield awards\n\nNorthfield University won 5 gold medals at the 24th China Hi-Tech "
        "Fair, an invention exhibition, in 2024. Its PCT applications are filed with WIPO in Geneva."
    )
    years = {m.year for m in extract_metrics(text, "Northfield University") if m.value == 5}
    assert 1996 not in years


def test_a_noun_after_the_count_of_its_own_is_not_a_continuation() -> None:
    got = zh("福建专利\n\n2020年,北方大学获得了福建省最多的国家发明专利,承担国家重点项目达30项。")
    assert not {g for g in got if g[2] == 30}


def test_research_money_named_after_the_sum() -> None:
    text = (
        HEAD
        + "The university earned $3 million in licensing income and $45 million in research income."
    )
    money = {f[2] for f in figures(text) if f[1] == "contract_amount"}
    assert money == {3_000_000}


def test_the_next_sum_after_a_decimal_one_compared_with() -> None:
    text = HEAD + (
        "Its licensing income was $20 million in FY12, up from $16.5 million in FY11 and $15 "
        "million in FY10."
    )
    got = {(m.value, m.period) for m in extract_metrics(text, "Northfield University")}
    assert (15_000_000, "fiscal year 2010") in got


def test_places_in_names_and_a_possessive_year() -> None:
    text = "Wellington licensing\n\nVictoria University of Wellington earned $2 million in licensing income."
    assert {m.unit for m in extract_metrics(text)} == {"NZD"}
    text = "Northfield patents\n\nNorthfield University’s 2020’s total was 40 patents granted."
    assert {m.year for m in extract_metrics(text)} == {2020}


def test_a_rise_to_a_figure_of_a_year() -> None:
    text = HEAD + "Northfield University patent filings rose from 284 to 317 in 2023."
    got = {(m.value, m.year) for m in extract_metrics(text, "Northfield University")}
    assert {(284, 2022), (317, 2023)} <= got


def test_technologies_disclosed_are_disclosures() -> None:
    text = HEAD + "A record 145 new technologies were disclosed to the office in fiscal year 2022."
    assert ("Northfield University", "other", 145, "count") in figures(text)


def test_a_rise_told_across_a_comma() -> None:
    text = HEAD + ("Rising from just 84 applications in 2015, the number grew to 145 in 2023.")
    got = {(m.value, m.year) for m in extract_metrics(text, "Northfield University")}
    assert {(84, 2015), (145, 2023)} <= got
