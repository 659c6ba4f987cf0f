"""Research institutes are institutions (rules §6); a unit of an academy is that unit."""

from __future__ import annotations

from core.institutions import canonical
from core.metrics import extract_metrics


def _owners(text: str) -> set[tuple[str | None, str, float]]:
    return {(m.institution, m.metric, m.value) for m in extract_metrics(text, None)}


def test_an_institute_of_the_academy_is_not_the_academy() -> None:
    text = "中国科学院北方化学研究所将3项发明专利以800万元转让给某药业公司。"
    owners = {i for i, _, _ in _owners(text)}
    assert owners == {"中国科学院北方化学研究所"}


def test_an_unregistered_research_institute_holds_its_own_figures() -> None:
    text = "2024年发明专利申请排行榜中,南岭工业技术研究院以356件位居第四。"
    assert ("南岭工业技术研究院", "invention_patent_applications", 356) in _owners(text)


def test_a_universitys_institute_is_the_university() -> None:
    text = "东北大学材料研究院2023年获得发明专利授权30件。"
    assert {i for i, _, _ in _owners(text)} == {"Northeastern University"}


def test_an_entry_of_a_dated_ranking_is_of_the_lists_year() -> None:
    """ "X以N件…位居第二" in an article about one year's list: the list's data year (a
    count that gives no place stays undated)."""
    text = (
        "2024年本省发明专利申请排行榜发布。\n"
        "北方大学以121件专利申请量位居全省高校之冠,南方大学则以98件排名第二。\n"
        "北方大学表示,近年来专利申请件数已累计达715件。"
    )
    got = {(m.institution, m.value, m.year) for m in extract_metrics(text, None)}
    assert ("北方大学", 121, 2024) in got and ("南方大学", 98, 2024) in got
    assert not any(v == 715 and y is not None for _, v, y in got)


def test_the_institute_is_the_articles_own_institution() -> None:
    text = "In 2023 the institute filed 310 patent applications, its highest number so far."
    got = {(m.institution, m.metric, m.value) for m in extract_metrics(text, "IIT Madras")}
    assert (canonical("IIT Madras"), "patent_applications", 310) in got
