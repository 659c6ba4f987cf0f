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
    text = (
        "报告称，北方大学、南方大学在专利授权量上未能进入前十名，"
        "但两校的科技论文发表表现突出：北方大学排名第三，南方大学排名第七。"
    )
    got = [m for m in extract_metrics(text) if m.metric == "rank"]
    assert [(m.institution, m.value) for m in got] == []


def test_a_later_patent_word_restores_the_patent_basis() -> None:
    text = "北方大学论文发表数位居第二，发明专利授权量排名第四。"
    got = {(m.institution, m.value) for m in extract_metrics(text) if m.metric == "rank"}
    assert got == {("北方大学", 4)}
