"""Ranks, scopes and institution names on held-out real text (made-up sentences, one or two
per class).

Each test names a general cause seen on real articles from publishers outside the
development set; every sentence here is written for the test, not copied from any set.
"""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.locale import LOCAL_NAMES, roc_data_year
from core.metrics.scopes import scope_class


def _ranks(text: str, **kw: str) -> set[tuple[str | None, float, str | None]]:
    return {
        (m.institution, m.value, m.scope) for m in extract_metrics(text, **kw) if m.metric == "rank"
    }


# --------------------------------------------------------------------------- scope classes


def test_a_kind_of_institution_is_its_own_scope_class() -> None:
    # vocational colleges, private universities and ministry universities are ranked among
    # their own kind, not among all of a country's universities
    assert scope_class("Chinese higher vocational colleges") == "vocational"
    assert scope_class("全国高职院校") == "vocational"
    assert scope_class("Taiwan private universities") == "private"
    assert scope_class("民办高校") == "private"
    assert scope_class("universities directly under the Ministry of Education") == "moe"
    assert scope_class("教育部直属高校") == "moe"
    # a country's own institutes
    assert scope_class("centrally funded technical institutes of India") == "india"
    assert scope_class("French universities") == "france"
    # the wider classes are unchanged
    assert scope_class("Chinese universities") == "china"
    assert scope_class("universities in Taiwan") == "taiwan"


def test_a_vocational_colleges_ranking_is_among_vocational_colleges() -> None:
    text = "2023年全国高职院校专利排行榜发布，甲城职业技术学院以512件发明专利在全国高职院校中排名第一。"
    assert ("甲城职业技术学院", 1, "vocational colleges") in _ranks(text)


def test_a_taiwan_private_schools_first_place_keeps_its_kind() -> None:
    # in a Taiwan paper 全国 is Taiwan, but 全国私校 is among private schools
    text = "經濟部智慧財產局公布專利百大，乙山科技大學以120件發明專利申請名列全國私校第一。"
    ranks = _ranks(text)
    assert any(v == 1 and s == "private universities" for _i, v, s in ranks), ranks


def test_a_place_written_before_its_holder_is_the_holders() -> None:
    text = (
        "报告显示，甲城职业技术学院以700件专利总量排名第一；排名第二的是乙江职业学院，"
        "专利总量650件；排名第三的是丙山职业技术学院，专利总量600件。"
    )
    ranks = {(i, v) for i, v, _s in _ranks(text)}
    assert {("甲城职业技术学院", 1), ("乙江职业学院", 2), ("丙山职业技术学院", 3)} <= ranks
    assert ("甲城职业技术学院", 2) not in ranks


def test_ranks_in_a_licensing_survey_article_are_among_its_respondents() -> None:
    text = (
        "The latest AUTM licensing survey of universities shows licensing income grew.\n"
        "LICENSING INCOME, FISCAL 2019 1 Zenda University $90.5 million "
        "2 Norbury State University 60.1 million 3 Kestrel Institute of Technology 41.0 million"
    )
    ranks = _ranks(text)
    assert ("Zenda University", 1, "survey respondents") in ranks
    assert ("Norbury State University", 2, "survey respondents") in ranks


def test_an_article_on_indias_institutes_ranks_them_among_indian_institutions() -> None:
    text = (
        "IITs lead the count of patents filed this year. IIT Ranipur leads the race with 140 "
        "patents filed; IIT Sonagar is second with 110 patents, and the NITs follow."
    )
    ranks = _ranks(text)
    assert any(v == 2 and s == "Indian institutions" for _i, v, s in ranks), ranks


# --------------------------------------------------------------------------- attribution


def test_second_only_to_names_a_rival_not_the_owner_of_the_next_rank() -> None:
    text = (
        "美國公布2017年獲美專利核准數百大排名，台灣方面清大今年名列全球23名，"
        "兩岸三地僅次於北京清華大學，在全台大學中排名第一。"
    )
    ranks = _ranks(text)
    assert ("Tsinghua University", 1, "universities in Taiwan") not in ranks
    assert any(i == "National Tsing Hua University" and v == 1 for i, v, _s in ranks), ranks


def test_a_rivals_bracketed_place_is_the_rivals() -> None:
    text = (
        "With 90 U.S. patents in 2017, Zenda University was ranked ahead of the University "
        "of Tokyo (52nd) in the NAI Top 100 Worldwide Universities list."
    )
    ranks = _ranks(text)
    assert all(not (i == "Zenda University" and v == 52) for i, v, _s in ranks), ranks


def test_a_year_of_a_later_clause_is_not_the_ranks() -> None:
    text = (
        "美國公布2017年獲美專利核准數百大排名，清大名列全球23名。"
        "清大在全台大學中排名第一，歷史最佳成績是2014年的全球11名。"
    )
    years = {m.year for m in extract_metrics(text) if m.metric == "rank" and m.value == 1}
    assert 2014 not in years


# --------------------------------------------------------------------------- locale names


def test_local_names_are_registry_data() -> None:
    taiwan = dict(LOCAL_NAMES["TW"])
    assert taiwan["交通大学"] == "National Yang Ming Chiao Tung University"
    assert taiwan["中山大学"] == "National Sun Yat-sen University"
    assert taiwan["成功大学" if "成功大学" in taiwan else "清华大学"].startswith("National")
    assert dict(LOCAL_NAMES["HK"])["中大"] == "The Chinese University of Hong Kong"


def test_a_bare_name_means_the_local_university_in_a_taiwan_article() -> None:
    text = "經濟部智慧財產局公布大專校院專利申請排名，中山大學以90件居全台大專校院第3名。"
    names = {m.institution for m in extract_metrics(text)}
    assert "National Sun Yat-sen University" in names
    assert "Sun Yat-sen University" not in names
    mainland = "国家知识产权局公布高校发明专利授权排名，中山大学以900件位居全国高校第9位。"
    assert "Sun Yat-sen University" in {m.institution for m in extract_metrics(mainland)}


def test_a_two_character_short_name_after_another_word_is_still_a_name() -> None:
    # "港大中大…": 中大 after 港大 (or after 方面) is CUHK, not the tail of a longer name
    text = "港大中大知识产权收入按年增长\n教资会公布：中大去年申请专利300项，港大申请专利280项。"
    names = {m.institution for m in extract_metrics(text)}
    assert "The Chinese University of Hong Kong" in names


def test_a_time_of_day_is_no_figure() -> None:
    text = "更新时间：19:49 2025-03-18\n香港理工大学去年获授予专利210项。"
    rows = {(m.institution, m.value) for m in extract_metrics(text)}
    assert rows == {("The Hong Kong Polytechnic University", 210)}


def test_a_negated_place_is_no_rank() -> None:
    text = (
        "Zenda University ranked 12th with 80 U.S. utility patents in 2020, while Norbury "
        "State University was not even among the top 100 universities granted patents."
    )
    ranks = _ranks(text)
    assert ("Zenda University", 12, "global education institutions") in ranks or any(
        i == "Zenda University" and v == 12 for i, v, _s in ranks
    )
    assert all(i != "Norbury State University" for i, _v, _s in ranks), ranks


def test_a_range_of_places_is_nobodys_place() -> None:
    text = (
        "中国高校专利奖排行榜发布，甲城大学以60项专利奖排名第1，乙江大学排在第2，"
        "位列第5到第10的高校分别是丙山大学、丁河大学和戊林大学。"
    )
    ranks = {(i, v) for i, v, _s in _ranks(text)}
    assert ("乙江大学", 2) in ranks
    assert ("乙江大学", 5) not in ranks and ("乙江大学", 10) not in ranks


def test_paired_ordinals_share_the_scope_written_after_the_last() -> None:
    text = (
        "Norbury University and Kestrel University, the second and third British universities, "
        "have respectively 700 and 650 patent applications."
    )
    rows = {(m.institution, m.metric, m.value, m.scope) for m in extract_metrics(text)}
    assert ("Norbury University", "rank", 2, "UK universities") in rows
    assert ("Kestrel University", "rank", 3, "UK universities") in rows
    # the counts written after "respectively" are paired in order too
    assert ("Norbury University", "patent_applications", 700, None) in rows
    assert ("Kestrel University", "patent_applications", 650, None) in rows


def test_a_level_named_before_an_unscoped_rank_is_its_scope() -> None:
    text = (
        "Zenda University leads French universities with 900 patent applications.\n"
        "Zenda University is also ahead at European level. Second in the ranking, the Swiss "
        "university ETH Zürich has 800 patent applications."
    )
    ranks = _ranks(text)
    assert ("ETH Zurich", 2, "European universities") in ranks, ranks


def test_a_universitys_transfer_company_is_the_university() -> None:
    # WIPO and NAI lists name a university's technology-transfer company
    text = "Cambridge Enterprise LTD is ranked at 97 with 25 U.S. utility patents in the NAI list."
    rows = {(m.institution, m.metric, m.value) for m in extract_metrics(text)}
    assert ("University of Cambridge", "rank", 97) in rows
    text = "Isis Innovation Limited ranked 21st among educational institutions in PCT filings."
    assert "University of Oxford" in {m.institution for m in extract_metrics(text)}


def test_names_tied_for_a_place_each_hold_it() -> None:
    text = (
        "In the patent awards ranking, Zenda University and Kestrel University tied for third "
        "place, each with 14 patent awards."
    )
    ranks = {(i, v) for i, v, _s in _ranks(text)}
    assert {("Zenda University", 3), ("Kestrel University", 3)} <= ranks


def test_a_ranking_lists_own_name_gives_its_scope() -> None:
    text = (
        "The Top 100 China Universities by Patent Awards list was released; it counts WIPO "
        "patent awards.\nZenda University and Kestrel University tied for third place, each "
        "with 14 patent awards."
    )
    assert ("Zenda University", 3, "Chinese universities") in _ranks(text)


def test_a_taiwan_articles_roc_span_dates_its_figures_by_the_spans_last_year() -> None:
    text = "乙山科技大学从95年到去年(102)已连续8年蝉联全国大学专利核准件数第1名。"
    assert roc_data_year(text) == 2013  # not 2006, the span's first year
    assert roc_data_year("乙山科技大学103年专利申请210件。") == 2014


def test_a_rank_held_since_a_year_is_held_over_the_span() -> None:
    text = "乙江大学自2016年以来已连续五年位居全国高校专利授权第一。"
    ranks = [m for m in extract_metrics(text) if m.metric == "rank"]
    assert [(r.institution, r.value, r.year) for r in ranks] == [("乙江大学", 1, None)]
    assert ranks[0].period and "consecutive" in ranks[0].period


def test_a_short_form_inside_a_full_name_is_not_the_short_form() -> None:
    # 城大 is City University of Hong Kong, but 聊城大学 is Liaocheng University
    assert {m.institution for m in extract_metrics("聊城大学申请专利90件。")} == {"聊城大学"}
    hk = {m.institution for m in extract_metrics("城大申请专利90件。")}
    assert hk == {"City University of Hong Kong"}


def test_us_utility_patents_name_what_is_ranked_not_among_whom() -> None:
    assert scope_class("among top 100 universities granted U.S. utility patents") != "us"
    assert scope_class("U.S. universities") == "us"
    assert scope_class("a United States Patent and Trademark Office list") == "us"


def test_a_hong_kong_8_da_article_ranks_among_hong_kong_universities() -> None:
    text = (
        "大學教育資助委員會公布知識轉移年報，8大共錄得逾20億元收益。\n"
        "理工大學以4.1億元排第2，擁120項專利授權許可。"
    )
    ranks = _ranks(text)
    assert ("The Hong Kong Polytechnic University", 2, "Hong Kong universities") in ranks, ranks


def test_the_two_figures_above_are_not_a_group_of_universities() -> None:
    text = (
        "2019年乙江大学发明专利授权量以520件位居全国高校第21位，有效发明专利以1900件位居第18位，"
        "上述两项数据在工信部七所高校中均位列第4位。"
    )
    ranks = _ranks(text)
    assert ("乙江大学", 4, "universities of the MIIT (工信部) group") in ranks, ranks


def test_a_headline_top_n_restating_an_exact_rank_of_its_year_goes() -> None:
    text = (
        "乙江大学2019年发明专利授权量跻身全国高校前30位\n"
        "2019年乙江大学发明专利授权量以520件位居全国高校第21位。"
    )
    units = {(m.value, m.unit) for m in extract_metrics(text) if m.metric == "rank"}
    assert (21, "rank") in units
    assert (30, "rank_top_n") not in units


def test_a_figures_noun_before_an_unregistered_name_is_not_part_of_it() -> None:
    text = "2019年底发明专利授权量乙江大学以520件位居全国高校第21位。"
    assert {m.institution for m in extract_metrics(text)} == {"乙江大学"}


def test_a_university_named_for_its_country_is_a_university() -> None:
    # 中国民航大学 (unregistered) starts with the country alias 中国: the whole is the name
    rows = {(m.institution, m.value) for m in extract_metrics("中国民航大学申请专利90件。")}
    assert rows == {("中国民航大学", 90)}
    # a registered one is reported by its canonical name
    rows = {(m.institution, m.value) for m in extract_metrics("中国计量大学申请专利90件。")}
    assert rows == {("China Jiliang University", 90)}
    assert not extract_metrics("中国大学申请专利90件。")  # "Chinese universities": no name


def test_a_german_hochschule_is_a_name_shape() -> None:
    # WIPO's tables write "Hochshule" too; the shape reads both spellings
    text = (
        "The WIPO ranking of educational institutions by PCT applications:\n"
        "#35 (#465 overall) Kestrel Technische Hochshule Nordstadt, Switzerland."
    )
    rows = {(m.institution, m.value) for m in extract_metrics(text)}
    assert ("Kestrel Technische Hochshule Nordstadt", 35) in rows, rows
    text = "Technische Hochschule Nordstadt filed 12 patent applications in 2021."
    assert {m.institution for m in extract_metrics(text)} == {"Technische Hochschule Nordstadt"}


def test_one_states_and_research_institutes_rankings_are_their_own_scopes() -> None:
    assert scope_class("among applicants in Karnataka") == "region"
    assert scope_class("universities in Florida") == "region"
    assert scope_class("University of Florida") != "region"  # a name, not a state's list
    assert scope_class("among research institutions") == "research"
    assert scope_class("科研院所") == "research"


def test_a_clause_naming_an_all_applicant_ranking_scopes_the_rank_after_it() -> None:
    text = (
        "經濟部智慧財產局公布專利百大，乙山科技大學以300件申請案居大專校院第1名；"
        "若加計本國企業及研究單位總排名，乙山科技大學排第9名。"
    )
    ranks = _ranks(text)
    assert any(v == 9 and s == "overall" for _i, v, s in ranks), ranks
    assert any(v == 1 and s == "universities in Taiwan" for _i, v, s in ranks), ranks


def test_an_unregistered_universitys_usual_short_form_is_the_same_university() -> None:
    text = (
        "乙山科技大学今年申请专利300件。\n"
        "根据国家知识产权局统计，乙山科大以120件发明专利授权位居全省高校第5位。"
    )
    assert {m.institution for m in extract_metrics(text)} == {"乙山科技大学"}
