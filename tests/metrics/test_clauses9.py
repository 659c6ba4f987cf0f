"""Failure classes found on real Chinese university news (version 9), on made-up sentences.

北方大学/南方大学/东方大学 are invented; no sentence is taken from a real article. The
expectations follow the labelling rules of ../shared/metrics-dev/README.md.
"""

from __future__ import annotations

from core.metrics import extract_metrics


def rows(text: str, institution: str | None = None) -> set[tuple]:
    return {(m.institution, m.metric, m.value, m.year) for m in extract_metrics(text, institution)}


def test_of_which_international_is_not_china_and_does_not_end_the_sentence() -> None:
    # 其中|国际: the 中国 read across two words is no country, and what follows is still ours
    got = rows("2019年，学校获授权发明专利260件，其中国际发明专利9件；转让专利31项。", "北方大学")
    assert ("北方大学", "invention_patents_granted", 260, 2019) in got
    assert ("北方大学", "international_patents_granted", 9, 2019) in got
    assert ("北方大学", "patents_transferred", 31, 2019) in got


def test_international_invention_patents_are_international_grants() -> None:
    got = rows("北方大学去年获授权国际发明专利14件。")
    assert {m for _, m, v, _ in got if v == 14} == {"international_patents_granted"}


def test_a_us_part_after_of_which_does_not_rename_the_chinese_invention_total() -> None:
    got = rows("2019年，学校获授权发明专利260件，其中美国专利7件；转让专利31项。", "北方大学")
    assert ("北方大学", "invention_patents_granted", 260, 2019) in got
    assert ("北方大学", "patents_granted", 7, 2019) in got
    assert ("北方大学", "patents_transferred", 31, 2019) in got
    assert ("北方大学", "patents_granted", 31, 2019) not in got


def test_ranks_of_papers_after_a_patent_clause_are_not_patent_ranks() -> None:
    # (and "无法进入前十名" is no place in the top ten)
    text = (
        "报告称，北京大学、南京大学在专利申请授权数上都无法进入前十名，"
        "但两校的科技论文发表表现抢眼：北大排名第二，南大排名第六。"
    )
    assert [m for m in extract_metrics(text) if m.metric == "rank"] == []


def test_a_later_patent_word_restores_the_patent_basis() -> None:
    text = "北方大学论文发表数位居第二，发明专利授权量排名第四。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("北方大学", 4)}


def test_a_count_as_on_a_date_is_a_total_to_that_date() -> None:
    got = extract_metrics("Northland University has 47 patents filed as on October 3, 2019.")
    assert [(m.value, m.year, bool(m.period)) for m in got] == [(47, None, True)]


def test_a_total_reached_by_a_month_is_cumulative() -> None:
    text = "By May 2021, 120 patents of Northland University had been licensed to industry."
    got = [m for m in extract_metrics(text) if m.value == 120]
    assert got and all(m.year is None and m.period for m in got)


def test_patents_granted_to_a_universitys_faculty_members_are_the_universitys() -> None:
    text = (
        "The 61 U.S. patents granted to Northland University faculty members in 2016 put it 30th."
    )
    got = rows(text)
    assert ("Northland University", "patents_granted", 61, 2016) in got
    assert not any(m == "other" for _, m, _, _ in got)


def test_a_place_or_a_city_between_a_name_and_its_bracketed_count() -> None:
    text = (
        "In the NAI list of U.S. utility patents for 2016, the leaders were Northland University "
        "(212), Southland University in Springfield (190) and Eastland University, which came in "
        "3rd (171)."
    )
    got = rows(text)
    for name, value in (
        ("Northland University", 212),
        ("Southland University", 190),
        ("Eastland University", 171),
    ):
        assert (name, "patents_granted", value, 2016) in got


def test_a_dotted_acronym_is_its_registered_institution() -> None:
    from core.institutions import canonical

    assert canonical("M.I.T.") == canonical("MIT") == "Massachusetts Institute of Technology"


def test_schools_between_a_rank_verb_and_its_place_is_the_lists_kind_not_the_subject() -> None:
    text = "2021年本國人發明專利申請百大中，北方大學以96件排名學校第1。"
    got = {(m.institution, m.metric, m.value) for m in extract_metrics(text)}
    assert ("北方大學", "rank", 1) in got
    assert ("北方大學", "invention_patent_applications", 96) in got


def test_first_and_second_said_as_words() -> None:
    text = "2021年發明專利申請件數，北方大學以96件居首，南方大學以88件居次。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("北方大學", 1), ("南方大學", 2)}


def test_a_scopes_place_right_after_what_it_ranks() -> None:
    text = "北方大學技轉金額全國第一，是全國第一所設立技轉中心的大學。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("北方大學", 1)}


def test_a_rank_in_a_sentence_about_last_year_is_last_years() -> None:
    text = "北方大學去年技轉金額達1.5億元，排名全國第二。"
    got = {(m.metric, m.year) for m in extract_metrics(text, published="2024-03-01")}
    assert ("rank", 2023) in got and ("contract_amount", 2023) in got


def test_a_measure_noun_before_a_scope_is_no_name() -> None:
    got = extract_metrics("北方大學已連續3年專利獲證件數全國大學第一。")
    assert {m.institution for m in got} == {"北方大學"}


def test_ranks_right_after_a_sentence_about_patents_are_patent_ranks() -> None:
    text = "大專校院專利申請排名公布。北方大學以98件排第2，南方大學以90件排第3。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("北方大學", 2), ("南方大學", 3)}


def test_a_taiwan_grant_of_invention_patents_is_an_invention_grant() -> None:
    got = rows("北方大學2021年發明專利獲證75件。")
    assert ("北方大學", "invention_patents_granted", 75, 2021) in got


def test_patent_filings_named_before_their_owner_and_number() -> None:
    got = rows("Patent filings by Northland University climbed to 233 in 2018.")
    assert ("Northland University", "patent_applications", 233, 2018) in got


def test_a_from_to_pair_keeps_each_figures_year_whatever_its_noun() -> None:
    got = rows(
        "Northland University's patent applications rose from 180 to 260 between 2014 and 2018."
    )
    assert ("Northland University", "patent_applications", 180, 2014) in got
    assert ("Northland University", "patent_applications", 260, 2018) in got


def test_places_in_a_general_league_table_of_universities_are_not_patent_ranks() -> None:
    text = (
        "2015年中國大學專利排行榜發布。另據2015中國大學排行榜，北方大學屈居第二，"
        "南方大學名列第三；在專利授權量上，東方大學位居第一。"
    )
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("東方大學", 1)}


def test_invention_reports_are_disclosures() -> None:
    got = rows("In fiscal 2005, Northland University received 271 invention reports.")
    assert {(m, v) for _, m, v, _ in got} == {("other", 271)}


def test_a_grant_verb_with_its_noun_left_out_grants_the_counted_applications() -> None:
    got = rows("2019年，北方大学共申请专利260件，成功取得95件。")
    assert ("北方大学", "patent_applications", 260, 2019) in got
    assert ("北方大学", "patents_granted", 95, 2019) in got


def test_n_ming_after_a_scope_or_a_name_is_a_place_with_its_own_year() -> None:
    text = (
        "北方大學2019年美國專利獲證數全台第1，歷史最佳成績是2015年的全球13名。"
        "入榜學校中，南方大學今年名列51名(較去年退步9名)、東方大學70名(較去年進步3名)。"
    )
    got = {(m.institution, m.value, m.year) for m in extract_metrics(text, published="2020-03-01")}
    assert ("北方大學", 13, 2015) in got  # its own year, not the sentence's 2019
    assert {(i, v) for i, v, _ in got} >= {("南方大學", 51), ("東方大學", 70)}


def test_a_wrapped_line_between_a_figure_and_its_unit_is_joined() -> None:
    from core.metrics.unwrap import unwrap

    line = "在美國專利獲證數百大排名中，北方大學今年名列全球第51名，較去年退步了9\n"
    text = line + "名，東方大學則名列全球第70名，較去年進步了三名，西方大學名列全球第\n"
    text += "88名，南方大學則名列全球第93名，較去年進步了五名，中方大學名列\n全球第95名。"
    joined, _ = unwrap(text)
    assert "退步了9名" in joined and "全球第88名" in joined


def test_a_companys_defined_short_form_stays_a_company() -> None:
    text = (
        "北方精密工業股份有限公司(下稱「北方精密」)去年申請專利420件。"
        "北方精密以420件排名第1，北方大學以96件排名第9。"
    )
    got = {(m.institution, m.metric, m.value) for m in extract_metrics(text)}
    assert ("北方大學", "rank", 9) in got
    assert not any(v in (420, 1) for _, _, v in got)


def test_taiwans_technology_transfer_words_make_a_patent_context() -> None:
    text = "技職校院中技術移轉金額最多的是北方科技大學，南方科大則居次。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert ("南方科大", 2) in got


def test_a_place_with_its_figure_takes_the_noun_counted_before() -> None:
    text = (
        "The NAI list of U.S. utility patents for 2021 is out. Northland University ranked "
        "fourth with 140 patents, and Southland University came in fifth with 133. "
        "Eastland University came in sixth with 120."
    )
    got = rows(text)
    for name, value, place in (
        ("Southland University", 133, 5),
        ("Eastland University", 120, 6),
    ):
        assert (name, "patents_granted", value, 2021) in got
        assert (name, "rank", place, 2021) in got
    assert ("Northland University", "patents_granted", 133, 2021) not in got


def test_a_registered_campus_in_brackets_is_its_name_not_a_short_form() -> None:
    text = "2016年获发明专利授权量前50名高校中，中国石油大学(华东)以441件位居第32位。"
    got = {(m.institution, m.metric) for m in extract_metrics(text)}
    assert got == {
        ("China University of Petroleum (East China)", "invention_patents_granted"),
        ("China University of Petroleum (East China)", "rank"),
    }


def test_of_which_scopes_the_ranks_to_the_group_just_named() -> None:
    text = (
        "WIPO published its 2020 PCT figures. Among the top 50 educational institutions "
        "applying for PCT, there are 12 Chinese universities, of which Northland University "
        "ranks first with 212 and Southland University ranks second with 190."
    )
    got = {
        (m.institution, m.metric, m.value, m.scope)
        for m in extract_metrics(text)
        if m.metric in ("rank", "pct_applications_published")
    }
    assert ("Northland University", "rank", 1, "Chinese universities") in got
    assert ("Southland University", "rank", 2, "Chinese universities") in got
    assert ("Northland University", "pct_applications_published", 212, None) in got


def test_places_named_before_their_holders_on_a_list() -> None:
    text = (
        "On top of the 2016 patent award ranking was Northland University, which won 30 "
        "awards, and second on the list was Southland University with 19 awards."
    )
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("Northland University", 1), ("Southland University", 2)}


def test_a_school_whose_name_holds_and_is_its_university() -> None:
    text = "北方大学物理科学与工程学院研发的5项专利以260万元转让给企业。"
    got = {m.institution for m in extract_metrics(text)}
    assert got == {"北方大学"}


def test_a_run_of_hundreds_of_digits_is_no_figure_and_no_crash() -> None:
    text = "Northland University was granted " + "9" * 400 + " patents and 12 patents in 2024."
    assert [m.value for m in extract_metrics(text)] == [12]
    grouped = "Northland University was granted 1" + ",000" * 110 + " patents and 12 in 2024."
    assert [m.value for m in extract_metrics(grouped)] == [12]
