"""Ranks, lists and scopes on made-up sentences (none taken from any real article).

Each test is one phrasing class of the labelling rules (../shared/metrics-dev/README.md §5):
the rank's value, its owner, its scope class, and one rank per scope or per figure.
"""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.scopes import scope_class


def ranks(text: str, institution: str | None = None, published: str | None = None) -> set:
    return {
        (m.institution, m.value, m.unit, scope_class(m.scope), m.year)
        for m in extract_metrics(text, institution, "auto", published)
        if m.metric == "rank"
    }


def owners_of(text: str, value: int) -> set:
    return {m.institution for m in extract_metrics(text) if m.metric == "rank" and m.value == value}


# --------------------------------------------------------------------------- English


def test_came_in_and_ranks_top_among() -> None:
    text = (
        "In 2018 Purdue University filed 70 patent applications.\n"
        "Duke University came in 4th with 61 patents in 2018.\n"
        "In 2018 Rice University ranks top among Texas universities in patents granted."
    )
    got = ranks(text)
    assert ("Duke University", 4, "rank", None, 2018) in {
        (i, v, u, None, y) for i, v, u, _, y in got
    }
    assert any(i == "Rice University" and v == 1 for i, v, *_ in got)


def test_range_end_is_not_a_second_rank() -> None:
    text = "Yale University ranks 4th-5th among universities worldwide in patents granted in 2017."
    assert {v for _, v, *_ in ranks(text)} == {4}


def test_it_is_no_n_and_a_second_scope_of_the_same_subject() -> None:
    text = (
        "Oberlin College received 12 U.S. utility patents in 2020, by the NAI list.\n"
        "It is No. 77, just ahead of the University of Vermont.\n"
        "It was ninth among American colleges, and No. 77 among universities worldwide."
    )
    got = ranks(text, "Oberlin College")
    assert ("Oberlin College", 77, "rank", "world", 2020) in got
    assert ("Oberlin College", 9, "rank", "us", 2020) in got
    assert all(i == "Oberlin College" for i, *_ in got)


def test_two_names_and_two_ordinals_pair_in_order() -> None:
    text = (
        "WIPO counted the PCT applications of 2019.\n"
        "Kyoto University and Osaka University were the leading academic applicants, ranking "
        "6th and 9th among educational institutions."
    )
    got = {(i, v) for i, v, *_ in ranks(text)}
    assert ("Kyoto University", 6) in got and ("Osaka University", 9) in got
    assert ("Osaka University", 6) not in got


def test_a_place_in_a_sentence_is_not_its_scope() -> None:
    text = (
        "Duke University, ranked No. 1 among the world's top 100 universities by U.S. utility "
        "patents in 2019, leads the NAI list.\n"
        "Several universities in Japan are on the list, starting with Kyoto University at No. 40."
    )
    assert ("Kyoto University", 40, "rank", "world", 2019) in ranks(text)


# --------------------------------------------------------------------------- Chinese


def test_pair_in_order_and_front_two() -> None:
    text = (
        "2020年高校专利排行榜发布。浙江大学、四川大学分别以900件及800件发明专利位居全国高校第一名、第二名。"
        "中山大学和吉林大学分居两岸高校的前两名。"
    )
    got = {(i, v, s) for i, v, _, s, _ in ranks(text)}
    assert ("Zhejiang University", 1, "china") in got and ("Sichuan University", 2, "china") in got
    assert ("Sun Yat-sen University", 1, "greater_china") in got and (
        "Jilin University",
        2,
        "greater_china",
    ) in got


def test_one_rank_per_scope_and_per_figure() -> None:
    text = (
        "2019年，浙江大学以发明专利申请1200件、发明专利授权600件，双双位居全国高校第5位。"
        "该校专利转让数位居全国高校第30位、省属高校第2位。"
    )
    got = extract_metrics(text, "浙江大学")
    fifth = sorted(m.basis or "" for m in got if m.metric == "rank" and m.value == 5)
    assert fifth == ["invention_patent_applications", "invention_patents_granted"]
    scopes = {(m.value, scope_class(m.scope)) for m in got if m.metric == "rank"}
    assert {(30, "china"), (2, "region")} <= scopes


def test_first_place_each_year_in_order() -> None:
    text = (
        "高校专利转让排行榜显示，2015年—2017年的榜首分别是浙江大学、四川大学、中山大学，"
        "吉林大学还蝉联了2018年的榜首。"
    )
    got = {(i, y) for i, v, _, _, y in ranks(text) if v == 1}
    assert got == {
        ("Zhejiang University", 2015),
        ("Sichuan University", 2016),
        ("Sun Yat-sen University", 2017),
        ("Jilin University", 2018),
    }


def test_top_n_strong_and_ties() -> None:
    text = (
        "浙江大学连续两年在全国高校专利转让排行中进入50强。"
        "2021年，四川大学获专利奖的数量与中山大学并列全国高校第2位。"
    )
    got = {(i, v, u) for i, v, u, *_ in ranks(text)}
    assert ("Zhejiang University", 50, "rank_top_n") in got
    assert {("Sichuan University", 2, "rank"), ("Sun Yat-sen University", 2, "rank")} <= got


def test_list_size_states_the_scope_of_the_ranks_after_it() -> None:
    text = (
        "世界知识产权组织公布2020年PCT申请数据，其中申请数排名前十位的中国高校是：浙江大学、四川大学、中山大学。"
        "其中浙江大学、四川大学等2所浙江高校分列第一、二位。"
    )
    got = {(i, v, u, s) for i, v, u, s, _ in ranks(text)}
    assert ("Zhejiang University", 1, "rank", "china") in got and (
        "Sichuan University",
        2,
        "rank",
        "china",
    ) in got
    assert not any(u == "rank_top_n" for _, _, u, _ in got)  # "前十位的…是" is the list's size


def test_a_group_subject_is_not_the_nearest_name() -> None:
    text = "浙江大学和四川大学的发明专利都很多，这两所高校位居全国高校前五名。"
    assert owners_of(text, 5) == set()


def test_top_n_of_one_kind_beside_a_first_place_of_another() -> None:
    text = (
        "1990年-2020年累计，浙江大学、四川大学专利总数位居全国前10。"
        "浙江大学以5000件外观设计专利位居全国第一。"
    )
    got = {(i, v, u) for i, v, u, *_ in ranks(text)}
    assert ("Zhejiang University", 10, "rank_top_n") in got and (
        "Zhejiang University",
        1,
        "rank",
    ) in got


def test_count_lines_among_companies_count_what_the_intro_counts() -> None:
    text = (
        "2022年发明专利授权数量前20名如下。\n"
        "第一名：甲科技有限公司，5000件\n"
        "第二名：乙电器有限公司，4000件\n"
        "第三名：浙江大学，3000件\n"
        "第四名：丙通信有限公司，2500件\n"
    )
    got = {(m.institution, m.metric, m.value, m.year) for m in extract_metrics(text)}
    assert ("Zhejiang University", "invention_patents_granted", 3000, 2022) in got
    assert not any("公司" in (i or "") for i, *_ in got)


def test_grants_and_held_ranked_together_have_their_own_times() -> None:
    text = "2020年浙江大学专利授权量和拥有量，均位居浙江省高校第一位。"
    got = {
        (m.basis, m.year, bool(m.period))
        for m in extract_metrics(text, "浙江大学")
        if m.metric == "rank" and m.value == 1
    }
    assert got == {("patents_granted", 2020, False), ("valid patents held", None, True)}


def test_members_named_after_a_top_n_each_get_it_with_the_ranking_scope() -> None:
    text = (
        "世界知识产权组织公布2021年PCT申请数据。"
        "进入教育机构排名前20的中国高校还有浙江大学、四川大学、中山大学。"
    )
    got = {(i, v, u, s) for i, v, u, s, _ in ranks(text)}
    assert got == {
        ("Zhejiang University", 20, "rank_top_n", "world"),
        ("Sichuan University", 20, "rank_top_n", "world"),
        ("Sun Yat-sen University", 20, "rank_top_n", "world"),
    }


def test_a_rank_last_year_is_of_the_list_before_with_its_count() -> None:
    text = (
        "Rice University ranked 40th among universities worldwide for U.S. utility patents "
        "granted in 2021, according to the NAI list.\n"
        "The university rose 12 places compared to last year, when it was ranked 52nd with "
        "31 patents."
    )
    got = {(m.metric, m.value, m.year) for m in extract_metrics(text, "Rice University")}
    assert {("rank", 40, 2021), ("rank", 52, 2020), ("patents_granted", 31, 2020)} <= got
    assert not any(v == 12 for _, v, _ in got)  # a change of rank is not a rank


def test_an_earlier_place_has_its_own_year_and_the_same_scope() -> None:
    text = (
        "Tulane University was ranked 18th among U.S. universities for utility patents granted "
        "in 2020, up from 25th in 2019."
    )
    got = {(v, s, y) for _, v, _, s, y in ranks(text)}
    assert got == {(18, "us", 2020), (25, "us", 2019)}


def test_a_leading_among_phrase_and_other_countries_scopes() -> None:
    text = (
        "Among Chinese universities, Peking University ranked fourth in PCT applications in 2020.\n"
        "In 2021, Kyoto University filed 90 PCT applications, ranking 12th worldwide and first in "
        "Japan among educational institutions."
    )
    got = {(i, v, s) for i, v, _, s, _ in ranks(text)}
    assert ("Peking University", 4, "china") in got
    assert {("Kyoto University", 12, "world"), ("Kyoto University", 1, "japan")} <= got


def test_a_second_scope_after_a_first_rank_in_chinese() -> None:
    text = "2019年四川大学专利授权量排名全国高校第六，四川省高校第一。"
    got = {(v, s) for _, v, _, s, _ in ranks(text)}
    assert got == {(6, "china"), (1, "region")}


def test_tied_with_a_name_after_it() -> None:
    text = "With 75 U.S. patents in 2018, Tulane University is tied for 45th place with Rice University."
    got = {(i, v) for i, v, *_ in ranks(text)}
    assert got == {("Tulane University", 45), ("Rice University", 45)}


def test_a_scope_word_before_the_place_makes_it_a_rank_and_an_ordered_list_has_no_top_n() -> None:
    text = (
        "2019年，厦门大学专利授权量全省第一，全国第35名。"
        "2020年高校专利转让排行榜中，前三名依次为浙江大学、四川大学和中山大学。"
        "该省在全国第一个设立高校专利运营中心。"
    )
    got = {(i, v, u, s) for i, v, u, s, _ in ranks(text)}
    assert got == {
        ("Xiamen University", 1, "rank", "region"),
        ("Xiamen University", 35, "rank", "china"),
    }


def test_superlative_ordinals_shares_and_composite_rankings() -> None:
    text = (
        "In 2020 Rice University had the second-highest number of U.S. patents among Texas "
        "universities.\n"
        "Emory University received 60 patents in 2019 and ranked among the top 10% of U.S. "
        "universities.\n"
        "Tulane University, ranked 40th in the QS World University Rankings, filed 30 patent "
        "applications in 2019."
    )
    got = {(i, v, u) for i, v, u, *_ in ranks(text)}
    assert got == {("Rice University", 2, "rank")}


def test_moved_up_to_no_n_is_the_subjects_place() -> None:
    text = (
        "The university moved up 12 spots to No. 25 on the 2019 NAI list of U.S. utility patents."
    )
    assert {(i, v) for i, v, *_ in ranks(text, "Emory University")} == {("Emory University", 25)}


def test_an_article_about_a_composite_ranking_gives_no_ranks_without_patents() -> None:
    text = (
        "The 100 most innovative universities of 2019, ranked by papers and patents combined.\n"
        "Rice University is ranked 14th, and Tulane University came in 31st."
    )
    assert ranks(text) == set()


def test_an_unregistered_entry_of_a_list_of_university_counts_is_kept_as_written() -> None:
    text = (
        "WIPO published the 2016 PCT applications of universities. The leaders were "
        "Stanford University (120 applications), Duke University (98), Marlowe (61), and "
        "Kestrel (40); companies such as Acme Widgets (900) are not in this list."
    )
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric.startswith("pct")}
    assert {("Marlowe", 61), ("Kestrel", 40), ("Stanford University", 120)} <= got
    assert not any(v == 900 for _, v in got)


def test_top_spot_first_place_largest_filer_and_came_nth() -> None:
    text = (
        "In 2021 WIPO data, Kyoto University took the top spot among Japanese universities "
        "with 190 PCT applications.\n"
        "Among educational institutions, Zhejiang University remained in first place in 2022 "
        "with 300 published PCT applications.\n"
        "Shenzhen University was the third-largest filer among educational institutions in "
        "2020, with 252 PCT applications.\n"
        "In the 2018 PCT rankings of educational institutions, Rice University came 19th."
    )
    got = {(i, v, s) for i, v, _, s, _ in ranks(text)}
    assert got == {
        ("Kyoto University", 1, "japan"),
        ("Zhejiang University", 1, "world"),
        ("Shenzhen University", 3, "world"),
        ("Rice University", 19, "world"),
    }


def test_held_for_years_is_a_period_and_the_year_before_is_no_top_one() -> None:
    text = (
        "在2021年的美國專利全球大學排名中，香港科技大學全球位列第40位，較前一年度上升5位。"
        "它並連續五年排名本地大學首位。2020年，香港科技大學連續兩年位居本地大學第二位。"
    )
    got = {
        (m.value, m.unit, m.year, m.period)
        for m in extract_metrics(text, "香港科技大学")
        if m.metric == "rank"
    }
    assert (40, "rank", 2021, None) in got
    assert (1, "rank", None, "5 consecutive years (to 2021)") in got
    assert (2, "rank", 2020, None) in got  # a year of its own: that year's place
    assert not any(u == "rank_top_n" for _, u, _, _ in got)


def test_a_chinese_composite_ranking_named_before_the_rank() -> None:
    text = (
        "2021年软科中国大学排名中，东南大学位列全国第19位，该校专利授权量也稳步增长。"
        "在最新的学科评估中，浙江大学有11个学科获评A+，位居全国高校第一，学校获授权发明专利900件。"
    )
    assert ranks(text) == set()
