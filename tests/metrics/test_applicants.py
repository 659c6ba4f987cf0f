"""Figures of companies and countries never fall back to the article's own university.

Made-up sentences in the shapes of WIPO, CNIPA and TIPO ranking news (the rules,
../shared/metrics-dev/README.md §7: figures of companies and national totals are not labelled).
"""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.applicants import company_names, country_names


def _figures(text: str, institution: str = "北方大学") -> set[tuple[str | None, str, float]]:
    return {
        (m.institution, m.metric, m.value)
        for m in extract_metrics(text, institution, published="2024-03-01")
    }


def test_a_listed_company_in_the_same_ranking_is_not_the_university() -> None:
    text = (
        "世界知识产权组织公布2023年PCT国际专利申请排名。\n"
        "北方大学以300件PCT申请位居全球教育机构第5位。\n"
        "从企业排名来看,华为以6500件居全球第一,其次是高通(2400件)。"
    )
    values = {v for _, _, v in _figures(text)}
    assert 300 in values and 5 in values
    assert not values & {6500, 2400}


def test_a_country_opening_the_clause_owns_the_national_total() -> None:
    text = (
        "2023年PCT国际专利申请数据公布,北方大学以210件位居中国高校第2位。\n"
        "相比之下,德国和法国分别排名第四和第六,申请量为17000件和7800件。"
    )
    values = {v for _, _, v in _figures(text)}
    assert {210, 2} <= values
    assert not values & {17000, 7800, 4, 6}


def test_a_sentence_about_companies_names_no_university() -> None:
    text = (
        "The university filed 120 PCT applications in 2023, WIPO said.\n"
        "Among corporate applicants, the leader filed 6,500 PCT applications in 2023."
    )
    values = {v for _, _, v in _figures(text, "Northern University")}
    assert 120 in values and 6500 not in values


def test_an_unknown_name_before_a_bracketed_figure_or_yi_is_not_the_university() -> None:
    text = (
        "2023年本省发明专利申请排行榜发布,北方大学以520件发明专利申请位居高校第一。\n"
        "进入前十的还有星河科技(第3位)、远山光电(第7位)。\n"
        "远山光电以410件排名第三。"
    )
    values = {v for _, _, v in _figures(text)}
    assert 520 in values
    assert not values & {3, 7, 410}


def test_the_company_of_a_deal_leaves_the_money_to_the_university() -> None:
    text = "北方大学将5项发明专利转让给星河科技有限公司,合同金额300万元。"
    assert ("北方大学", "contract_amount", 3000000) in _figures(text)


def test_the_lists_come_from_the_shipped_data_file() -> None:
    assert "Huawei" in company_names() and "鸿海" in company_names()
    assert "Germany" in country_names() and "德国" in country_names()
    assert not any("," in name for name in country_names())  # ISO table forms are not prose


def test_led_is_first_place_in_a_patent_ranking() -> None:
    """ "X led with N", "X led all universities with N", "headed the list": rank 1 beside
    the count (a real WIPO report's wording); "led by Professor Y" is no place."""
    text = (
        "In the educational institution rankings of WIPO, Northern University led with 413 "
        "PCT applications in 2014.\nSouthern University led all universities in 2015 with 120 "
        "PCT applications.\nThe study was led by Professor Lin, who filed 12 patents in 2015."
    )
    found = _figures(text, "Northern University")
    assert ("Northern University", "rank", 1) in found
    assert ("Southern University", "rank", 1) in found
    assert any(v == 120 and i == "Southern University" for i, _, v in found)
    assert all(v != 12 for _, _, v in found)
