"""Rates, bare and elided count nouns, before/after pairs, label blocks and flattened ranked
tables: made-up sentences (no labelled text is copied here)."""

from __future__ import annotations

from core.metrics.bare_counts import bare_spans
from core.metrics.extract import extract_metrics
from core.metrics.pairs import pair_spans
from core.metrics.rates import rate_spans
from core.metrics.table_rows import data_span


def _figures(text: str, published: str | None = "2021-05-01") -> set[tuple]:
    return {
        (m.institution, m.metric, m.value, m.unit, m.year, m.period)
        for m in extract_metrics(text, None, published=published)
    }


# ---------------------------------------------------------------- rates


def test_rates_after_their_counts_are_other_percent() -> None:
    got = _figures(
        "Rowan University filed many patents. In 2019-21, Rowan University published 1,250 "
        "patents and received 33, a success rate of 2.6%."
    )
    assert ("Rowan University", "other", 2.6, "percent", None, "2019-21") in got
    assert ("Rowan University", "patent_applications", 1250, "count", None, "2019-21") in got
    assert ("Rowan University", "patents_granted", 33, "count", None, "2019-21") in got
    # "published N patents" is no grant
    assert not any(f[1] == "patents_granted" and f[2] == 1250 for f in got)


def test_rate_forms_in_english_and_chinese() -> None:
    assert [v for v, _a, _b in rate_spans("an approval rate of nearly 64% for its patents")] == [
        64.0
    ]
    assert [
        v for v, _a, _b in rate_spans("the patent licensing rate of Elm University is 1.5%")
    ] == [1.5]
    assert [v for v, _a, _b in rate_spans("Patents granted: 41.5%")] == [41.5]
    assert [v for v, _a, _b in rate_spans("该校专利授权率为35.5%")] == [35.5]


def test_growth_rates_and_rates_without_patents_are_not_rates() -> None:
    assert rate_spans("专利申请量年增长率达31%") == []
    assert rate_spans("the start-ups had a success rate of 80%") == []
    assert rate_spans("转化率仅为10%-15%，专利不少") == []


# ---------------------------------------------------------------- bare and elided nouns


def test_bare_filings_and_grants_in_a_patent_paragraph() -> None:
    got = _figures(
        "Rowan University holds patents. Rowan University shows a skew: 4,100 filings since "
        "2019, only 38 grants overall."
    )
    assert ("Rowan University", "patent_applications", 4100, "count", None, "since 2019") in got
    assert ("Rowan University", "patents_granted", 38, "count", None, "since 2019") in got


def test_bare_grants_beside_money_are_research_grants() -> None:
    text = "The lab won 12 grants worth $3 million for patent research."
    assert bare_spans(text, "") == []


def test_converting_applications_gives_grants_and_applications() -> None:
    got = _figures(
        "Rowan University mirrors this, converting 210 of its 330 applications in 2019-21, "
        "an approval rate of nearly 64%."
    )
    assert ("Rowan University", "patents_granted", 210, "count", None, "2019-21") in got
    assert ("Rowan University", "patent_applications", 330, "count", None, "2019-21") in got
    assert ("Rowan University", "other", 64, "percent", None, "2019-21") in got


def test_elided_grant_after_a_subject_named_before() -> None:
    got = _figures(
        "Rowan University filed 5,000 patent applications in 2019. Yet only 120 granted."
    )
    assert any(f[:4] == ("Rowan University", "patents_granted", 120, "count") for f in got)


def test_provisional_patents_and_ip_disclosures() -> None:
    got = _figures(
        "Rowan University's office receives more than 90 new intellectual property "
        "disclosures each year, writes more than 20 provisional patents a year."
    )
    assert ("Rowan University", "other", 90, "count", None, "each year") in got
    assert ("Rowan University", "patent_applications", 20, "count", None, "each year") in got


# ---------------------------------------------------------------- before/after pairs


def test_dropped_from_a_to_b_since_a_fiscal_year() -> None:
    got = _figures(
        "Rowan University patents are many. Since Fiscal Year 2008, the number of invention "
        "disclosures at Rowan University has dropped from 190 to 150."
    )
    assert ("Rowan University", "other", 190, "count", None, "fiscal year 2008") in got
    assert ("Rowan University", "other", 150, "count", None, "latest fiscal year") in got


def test_previous_period_figure_after_when() -> None:
    got = _figures(
        "At Rowan University, applicants filed 52 invention disclosures, up 40% from the "
        "previous fiscal year, when 37 were filed."
    )
    assert ("Rowan University", "other", 37, "count", None, "previous fiscal year") in got
    assert not any(f[2] == 40 for f in got)  # the change is no figure


def test_pairs_leave_money_and_percent_changes_alone() -> None:
    assert pair_spans("revenue fell from $7 million to $5 million") == []
    assert pair_spans("the share of patents rose from 20 to 30 percent") == []


# ---------------------------------------------------------------- label blocks


def test_label_block_lines_take_the_block_university_and_the_ranking_span() -> None:
    text = (
        "The ranking counts patents filed by each university between 2010 and 2015.\n"
        "Peking University has close ties to industry.\n"
        "Total patents filed: 118\n"
        "Patents granted: 60.2%\n"
        "Fudan University has a new campus.\n"
        "Total patents filed: 96\n"
        "Patents granted: 41.5%\n"
    )
    got = {(m.institution, m.metric, m.value, m.unit, m.period) for m in extract_metrics(text)}
    assert ("Peking University", "other", 60.2, "percent", "2010-2015 (cumulative)") in got
    assert ("Fudan University", "other", 41.5, "percent", "2010-2015 (cumulative)") in got


def test_data_span_needs_a_list_or_data_word() -> None:
    assert data_span("The ranking covers 2001 to 2020.") == "2001-2020 (cumulative)"
    assert data_span("He studied there from 2001 to 2005.") is None


# ---------------------------------------------------------------- flattened tables


def test_flattened_table_with_regions_and_tied_rows() -> None:
    text = (
        "本榜统计2001年至2020年的专利金奖数据。\n"
        "高校专利金奖榜 排名 高校 省份 专利金奖数 1 北京大学 北京 9 2 复旦大学 上海 4 "
        "浙江大学 浙江 4 4 南京大学 江苏 2"
    )
    got = {(m.institution, m.metric, m.value, m.unit, m.period) for m in extract_metrics(text)}
    span = "2001-2020 (cumulative)"
    assert ("Peking University", "other", 9, "count", span) in got
    assert ("Fudan University", "other", 4, "count", span) in got
    assert ("Zhejiang University", "other", 4, "count", span) in got
    assert ("Nanjing University", "other", 2, "count", span) in got
    ranks = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert ranks == {("Peking University", 1), ("Fudan University", 2), ("Nanjing University", 4)}


def test_flattened_composite_ranking_is_no_patent_table() -> None:
    # rank, name, region and no count: what follows a name is the next rank, which rises
    text = "专利 大学总排名 学校名称 地区 1 北京大学 北京 1 复旦大学 上海 3 浙江大学 浙江 4 南京大学 江苏"
    assert not [m for m in extract_metrics(text) if m.metric == "other"]


def test_reported_inventions_are_disclosures_and_requests_are_applications() -> None:
    got = _figures(
        "In fiscal year 2021, Rowan University had its best year, with staff reporting over "
        "250 inventions and filing patents."
    )
    assert ("Rowan University", "other", 250, "count", None, "fiscal year 2021") in got
    got = _figures(
        "Rowan University leads patent applications to the EPO. The establishment has a total "
        "of 2,100 requests, far ahead of its rivals."
    )
    assert any(f[:4] == ("Rowan University", "patent_applications", 2100, "count") for f in got)
    # requests for something else, or where the paragraph counts no applications, are none
    assert bare_spans("It got 300 requests for information about patents.", "") == []
    assert not _figures("Rowan University files patents. The office handled 300 requests in 2020.")


def test_national_rates_and_counts_are_nobodys() -> None:
    assert not _figures("甲大学专利很多。我国科技成果的转化率仅为10%,比美国低。")
    got = _figures(
        "Rowan University files many patents. Nationwide, only 1,200 grants were made from "
        "5,000 filings."
    )
    assert not any(f[2] in (1200, 5000) for f in got)


def test_flattened_table_with_bar_cells_and_thousands() -> None:
    text = (
        "The ranking counts patents filed from 2011 to 2016. Rank | University | State | "
        "Patents | 1 | Alder University | Ohio | 1,290 | 2 | Birch University | Iowa | 450 | "
        "3 | Cedar University | Utah | 300"
    )
    got = {(m.institution, m.metric, m.value, m.period) for m in extract_metrics(text)}
    span = "2011-2016 (cumulative)"
    assert ("Alder University", "rank", 1, span) in got
    assert {v for i, mt, v, p in got if mt != "rank" and p == span} == {1290, 450, 300}


def test_two_figures_each_with_its_time() -> None:
    got = _figures("Rowan University filed 120 patent applications in 2019 compared to 95 in 2018.")
    assert ("Rowan University", "patent_applications", 120, "count", 2019, None) in got
    assert ("Rowan University", "patent_applications", 95, "count", 2018, None) in got
    spans = pair_spans("by filing patents, putting out 300 in FY24 compared to 210 in FY23")
    assert [(v, t) for v, _a, _b, _m, t in spans] == [
        (300.0, "fiscal year 24"),
        (210.0, "fiscal year 23"),
    ]
    assert pair_spans("it spent $120 in 2019 compared to 95 in 2018 on patents") == []


def test_rate_in_a_patent_paragraph_and_elided_being_granted() -> None:
    got = _figures(
        "Rowan University filed 150 patents in 2019-20. The university maintained a success "
        "rate of over 70 per cent."
    )
    assert ("Rowan University", "other", 70, "percent", None, "2019-20") in got
    assert not _figures(
        "Rowan University holds patents. Its spin-offs had a success rate of 80% in 2019."
    ) & {("Rowan University", "other", 80, "percent", 2019, None)}
    got = _figures("In 2020-21, Rowan University filed 140 patents, with 90 being granted.")
    assert ("Rowan University", "patents_granted", 90, "count", None, "2020-21") in got


def test_flattened_table_rank_count_name_with_last_year_cells() -> None:
    text = (
        "This table lists the top universities receiving utility patents in calendar year "
        "2003. Rank Patents University 1 380 Alder University (1) (350) 2 140 Birch "
        "University (3) (120) ** 140 Cedar University ** (2) (130) 4 90 Dover University (5) (70)"
    )
    got = {(m.institution, m.metric, m.value, m.year) for m in extract_metrics(text)}
    for name, value in (("Alder", 380), ("Birch", 140), ("Cedar", 140), ("Dover", 90)):
        assert (f"{name} University", "patents_granted", value, 2003) in got
    # last year's bracketed cells are no counts of the year
    assert not {v for _i, mt, v, _y in got if mt != "rank"} & {350, 120, 130, 70, 1, 3, 2, 5}
    ranks = {(i, v) for i, mt, v, _y in got if mt == "rank"}
    assert ranks == {("Alder University", 1), ("Birch University", 2), ("Dover University", 4)}


def test_research_grants_and_other_applications_are_no_patent_figures() -> None:
    assert not _figures(
        "Rowan University patents are many. Applications to the MBA program dropped from 500 "
        "to 300 since 2015."
    )
    assert not _figures(
        "Rowan University filed patents last year. The lab received 120 grants from the NSF."
    )


def test_forms_naming_their_metric_override_the_engine_reading() -> None:
    got = _figures("Rowan University filed 150 patents in 2019-20, with 110 of them being granted.")
    assert ("Rowan University", "patents_granted", 110, "count", None, "2019-20") in got
    assert ("Rowan University", "patent_applications", 150, "count", None, "2019-20") in got
    assert not any(f[1] == "patent_applications" and f[2] == 110 for f in got)
    spans = bare_spans("only 30 patents out of the 120 filed were granted", "patent")
    assert (120.0, "patent_applications") in {(v, m) for v, _a, _b, m in spans}


def test_from_to_pairs_between_two_years_and_in_chinese() -> None:
    got = _figures("Rowan University's patent filings rose from 210 to 340 between 2015 and 2019.")
    assert ("Rowan University", "patent_applications", 210, "count", 2015, None) in got
    assert ("Rowan University", "patent_applications", 340, "count", 2019, None) in got
    spans = pair_spans("北京大学发明专利授权量从2015年的500件增长到2020年的1200件")
    assert [(v, t) for v, _a, _b, _m, t in spans] == [(500.0, "2015"), (1200.0, "2020")]
    # without its own year the earlier figure is not emitted; other things are no pair
    assert [v for v, *_ in pair_spans("北京大学发明专利授权量从300件增加到450件")] == [450.0]
    assert pair_spans("北京大学学生人数从3000人增加到4500人") == []
