"""Research institutes are institutions (rules §6); a unit of an academy is that unit."""

from __future__ import annotations

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
