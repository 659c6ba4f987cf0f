"""Classes of phrasing seen on held-out real articles (made-up sentences, one per class).

Each test names a general cause found on real text from publishers outside the
development set; the sentences here are written for the test, not copied.
"""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.initials import implied_short_names


def _rows(text: str, **kw: str) -> set[tuple[str | None, str, float, int | None, str | None]]:
    return {
        (m.institution, m.metric, m.value, m.year, m.period) for m in extract_metrics(text, **kw)
    }


def test_a_figure_with_no_time_of_its_own_is_of_the_latest_year_the_article_states() -> None:
    text = (
        "Zenda University patents in 2021.\n"
        "Zenda University was granted 75 U.S. utility patents, ranking 12th in the world."
    )
    years = {m.year for m in extract_metrics(text)}
    assert years == {2021}


def test_the_latest_year_after_the_publication_date_is_a_target_not_the_data_year() -> None:
    text = "Zenda University plans to file 300 patent applications by 2030."
    assert all(m.year != 2030 for m in extract_metrics(text, published="2024-05-01"))


def test_academic_and_fiscal_years_are_periods_and_their_tails_are_not_counts() -> None:
    assert _rows("Zenda University was granted 145 patents in 2020-21.") == {
        ("Zenda University", "patents_granted", 145, None, "2020-21")
    }
    assert _rows("Zenda University filed 378 patent applications in FY2023-24.") == {
        ("Zenda University", "patent_applications", 378, None, "fiscal year 2023-24")
    }
    money = extract_metrics(
        "Zenda University earned $1.7 million in licensing revenue in the 2010-2011 fiscal year."
    )
    assert [(m.value, m.period) for m in money] == [(1700000, "fiscal year 2010-2011")]


def test_clock_times_and_dates_are_not_figures() -> None:
    text = "赞达大学专利新闻。更新时间:19:49 2026-03-18"
    assert extract_metrics(text) == []


def test_respectively_pairs_counts_even_when_the_clause_names_a_year() -> None:
    text = "Zenda University and Ruritania University were granted 145 and 130 patents in 2021, respectively."
    assert {("Zenda University", 145), ("Ruritania University", 130)} <= {
        (m.institution, m.value) for m in extract_metrics(text) if m.metric == "patents_granted"
    }


def test_names_after_a_figure_with_bare_numbers_share_its_metric() -> None:
    text = (
        "Patent news. Zenda University filed 185 patent applications, Ruritania University 132"
        " and Freedonia University 106."
    )
    assert {(i, m, v) for i, m, v, _y, _p in _rows(text)} == {
        ("Zenda University", "patent_applications", 185),
        ("Ruritania University", "patent_applications", 132),
        ("Freedonia University", "patent_applications", 106),
    }


def test_a_persons_patents_are_not_the_universitys() -> None:
    assert (
        extract_metrics(
            "Zenda University news. Professor John Smith, who holds 45 patents, joined Zenda University."
        )
        == []
    )
    assert extract_metrics("赞达大学新闻。该校张三教授团队已获授权发明专利30件。") == []
    kept = extract_metrics("In 2017, Zenda University researchers received 42 utility patents.")
    assert [(m.institution, m.value) for m in kept] == [("Zenda University", 42)]


def test_a_ranked_table_run_into_one_line_gives_each_row() -> None:
    text = (
        "Licensing survey. LICENSING INCOME OF UNIVERSITIES, FISCAL 2004 1 Zenda University"
        " $109.0 million 2 Ruritania University 74.3 million 3 Freedonia University 47.7 million"
    )
    got = {(m.institution, m.metric, m.value, m.unit) for m in extract_metrics(text)}
    assert {
        ("Zenda University", "rank", 1, "rank"),
        ("Zenda University", "contract_amount", 109000000, "USD"),
        ("Ruritania University", "rank", 2, "rank"),
        ("Freedonia University", "contract_amount", 47700000, "USD"),
    } <= got


def test_initials_the_article_does_not_define_name_the_university_it_writes_in_full() -> None:
    text = (
        "Patent news. Oklahoma State University and the University of Oklahoma reported results."
        " OSU earned $1.7 million in licensing revenue in 2011."
        " OU brought in $852,177 in licensing earnings in 2011."
    )
    got = {(m.institution, m.value) for m in extract_metrics(text)}
    assert got == {("Oklahoma State University", 1700000), ("University of Oklahoma", 852177)}


def test_a_token_that_opens_a_longer_name_is_not_an_initialism() -> None:
    text = "Zenda Institute of Technology runs campuses. ZIT Alpha filed 40; ZIT itself filed 90."
    assert implied_short_names(text, ["Zenda Institute of Technology"]) == []
    alone = "Zenda Institute of Technology runs campuses. ZIT filed 90 patent applications."
    assert implied_short_names(alone, ["Zenda Institute of Technology"]) == [
        ("ZIT", "Zenda Institute of Technology")
    ]


def test_runs_of_years_and_start_years() -> None:
    assert [m.period for m in extract_metrics("赞达大学技术转让金额每年逾2000万元。")] == [
        "each year"
    ]
    ranks = extract_metrics("赞达大学自2019年起位居全国高校专利授权第一。")
    assert [(m.value, m.year, m.period) for m in ranks] == [(1, None, "since 2019")]


def test_a_start_year_does_not_date_the_next_sentences() -> None:
    text = (
        "The list of universities granted U.S. patents in 2021 appeared today. Since 2013 the"
        " academy has published it every year. Zenda University tied for ninth place with 146"
        " granted patents."
    )
    got = extract_metrics(text)
    assert all(m.period is None for m in got)
    assert [(m.value, m.year) for m in got if m.metric == "rank"] == [(9, 2021)]


def test_cumulative_in_a_statistics_sentence_is_that_figures_own() -> None:
    text = (
        "据统计,赞达大学累计申请专利4610件。\n"
        "2022年,鲁里坦尼亚大学以671件专利申请位居全国高校第一。"
    )
    rows = {(m.institution, m.value): (m.year, m.period) for m in extract_metrics(text)}
    assert rows[("赞达大学", 4610)] == (None, "cumulative")
    assert rows[("鲁里坦尼亚大学", 671)] == (2022, None)


def test_rank_phrases_in_their_common_forms() -> None:
    def ranks(text: str) -> set[tuple[str | None, float, int | None]]:
        return {
            (m.institution, m.value, m.year) for m in extract_metrics(text) if m.metric == "rank"
        }

    assert ("Zenda University", 2, None) in ranks(
        "Patent ranking. Zenda University is second with 104 patents."
    )
    assert ("Zenda University", 9, None) in ranks(
        "Patent ranking. Zenda University tied for ninth place with 146 granted patents."
    )
    moved = ranks(
        "Patent ranking. In 2018, Zenda University ranked No. 66 for patents, then rose to"
        " No. 39 in 2019, and to No. 28 in 2020."
    )
    assert {("Zenda University", 39, 2019), ("Zenda University", 28, 2020)} <= moved
    assert ("赞达大学", 2, None) in ranks("专利转让收入排名。赞达大学以5.6亿元专利转让收入排第2。")
    assert ("赞达大学", 2, None) in ranks("专利排行。排名第二的是赞达大学,专利总量616件。")


def test_a_rank_outside_patent_sentences_is_not_a_patent_rank() -> None:
    text = (
        "Zenda University filed 40 patent applications in 2021. Its chemistry discipline"
        " ranked 45th in the world, and its football team is second in the league."
    )
    assert [m for m in extract_metrics(text) if m.metric == "rank"] == []


def test_every_province_is_a_regional_scope_but_a_universitys_name_is_not() -> None:
    from core.metrics.scopes import scope_class

    assert scope_class("universities in Shaanxi") == scope_class("陕西高校") == "region"
    assert scope_class("四川省属院校") == "region"
    assert scope_class("四川大学") != "region"


def test_taiwan_and_hong_kong_words_for_a_grant() -> None:
    got = extract_metrics("東岸大學去年獲授予專利85項。")
    assert [(m.metric, m.value) for m in got] == [("patents_granted", 85)]


def test_an_enumeration_stops_at_a_year_written_after_a_name() -> None:
    text = (
        "Patent news. Zenda University filed 185 patent applications, Ruritania University"
        " 1,132, and Freedonia University 2019, the year before."
    )
    assert {(m.institution, m.value) for m in extract_metrics(text)} == {
        ("Zenda University", 185),
        ("Ruritania University", 1132),
    }
