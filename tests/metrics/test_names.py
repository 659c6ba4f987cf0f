"""Institution names by shape (English, European, Indian, Chinese), the noise cut from them,
the short forms an article defines, and names reported as the original text writes them.
All sentences are made up."""

from __future__ import annotations

import pytest

from core.chinese import to_simplified
from core.institutions import canonical
from core.metrics.entities import find_entities
from core.metrics.extract import extract_metrics
from core.metrics.names import (
    ARTICLE_NAMES,
    NAME_SHAPES,
    as_written,
    clean_name,
    defined_names,
    generic_figure,
    inside_word,
    name_matches,
)
from core.metrics.unwrap import unwrap


def _names(text: str) -> list[str | None]:
    token = ARTICLE_NAMES.set(())
    try:
        return [e.name for e in find_entities(text) if e.university]
    finally:
        ARTICLE_NAMES.reset(token)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("IIT Kharagpur filed 90 patents.", "IIT Kharagpur"),
        ("IIT-Bombay filed 90 patents.", "IIT-Bombay"),
        ("UPrairie filed 90 patents.", "UPrairie"),
        ("NIT Trichy filed 9 patents.", "NIT Trichy"),
        (
            "Indian Institute of Technology (IIT) Jammu filed 9 patents.",
            "Indian Institute of Technology Jammu",
        ),
        ("IISc Bangalore filed 90 patents.", "IISc Bangalore"),
        (
            "Indian Institute of Technology Roorkee filed 42 patents.",
            "Indian Institute of Technology Roorkee",
        ),
        ("ETH Lugano filed 90 patents.", "ETH Lugano"),  # ETH Zürich is registered
        ("KTH filed 90 patents.", "KTH"),  # EPFL is registered
        ("KU Leuven filed 90 patents.", "KU Leuven"),
        ("TU Delft filed 90 patents.", "TU Delft"),
        ("Université Grenoble Alpes filed 90 patents.", "Université Grenoble Alpes"),
        ("Université de Lorraine filed 90 patents.", "Université de Lorraine"),
        ("Universität Wien filed 90 patents.", "Universität Wien"),
        ("Technische Universität Dresden filed 90 patents.", "Technische Universität Dresden"),
        ("Uppsala universitet filed 90 patents.", "Uppsala universitet"),
        ("Universidad de Chile filed 90 patents.", "Universidad de Chile"),
        ("Politecnico di Torino filed 90 patents.", "Politecnico di Torino"),
        ("Imperial College London filed 90 patents.", "Imperial College London"),
        ("Bowdoin College filed 9 patents.", "Bowdoin College"),
        ("Rensselaer Polytechnic Institute filed 9 patents.", "Rensselaer Polytechnic Institute"),
        ("Weizmann Institute of Science filed 9 patents.", "Weizmann Institute of Science"),
        (
            "University of Science and Technology of Midland filed 9.",
            "University of Science and Technology of Midland",
        ),
        ("北方科技大学申请专利90件。", "北方科技大学"),
        ("东岸职业技术学院申请专利90件。", "东岸职业技术学院"),
        ("华中农业大学申请专利90件。", "华中农业大学"),  # 中 inside a name is not 其中
        ("同江大学申请专利90件。", "同江大学"),
        ("多伦多大学申请专利90件。", "多伦多大学"),
        ("西岸科大申请专利90件。", "西岸科大"),
        ("南湖工大申请专利90件。", "南湖工大"),
    ],
)
def test_name_shapes(text: str, name: str) -> None:
    # a registered name is reported canonically; an unregistered one as written
    assert _names(text) == [canonical(name)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("蝉联北方科技大学第一", "北方科技大学"),  # a verb before the name
        ("今年北方科技大学申请专利", "北方科技大学"),
        ("其中南岸大学申请专利", "南岸大学"),
        ("与南岸大学合作申请专利", "南岸大学"),
        ("北江省教育厅公布南岸大学申请专利", "南岸大学"),
        ("据新华社日电北江理工大学获专利", "北江理工大学"),
        ("Top Midland State University filed 9 patents.", "Midland State University"),
        ("March Midland State University filed 9 patents.", "Midland State University"),
        ("Freedonia’s University of Midland filed 9 patents.", "University of Midland"),
        ("King's College London filed 9 patents.", "King's College London"),
        (
            "The Indian Institute of Technology (IIT) Jammu filed 9.",
            "Indian Institute of Technology Jammu",
        ),
    ],
)
def test_leading_noise_is_cut_off(text: str, name: str) -> None:
    assert _names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "期内大学共申请专利370件",
        "百强大学申请专利",
        "9所大学申请专利",
        "全港大学申请专利",
        "各大学申请专利",
    ],
)
def test_phrases_are_not_names(text: str) -> None:
    assert _names(text) == []


def test_clean_name_reports_the_cut() -> None:
    assert clean_name("连续北方大学") == ("北方大学", 2)
    assert clean_name("In Midland University") == ("Midland University", 3)
    assert clean_name("Council of Midland University") == ("Midland University", 11)
    assert clean_name("University") is None
    assert clean_name("该大学") is None


def test_every_shape_row_is_named_and_compiles() -> None:
    assert len({shape for shape, _lang, _words, _pat in NAME_SHAPES}) == len(NAME_SHAPES)
    assert {lang for _s, lang, _w, _p in NAME_SHAPES} == {"en", "eu", "zh"}
    # a shape's words are in every text its pattern can match
    for _shape, _lang, words, pattern in NAME_SHAPES:
        assert words and all(isinstance(w, str) and w for w in words), pattern
    assert [m.group(0) for m in name_matches("Lunds universitet")] == ["Lunds universitet"]


def test_short_forms_an_article_defines() -> None:
    text = "Prairie State University (PSU) and the Midland Institute of Technology (MIT-M)"
    ents = [(0, len("Prairie State University"), "Prairie State University")]
    assert defined_names(text, ents) == [("PSU", "Prairie State University")]
    zh = "北方科技大学（简称北科）今年申请专利"
    assert defined_names(zh, [(0, 6, "北方科技大学")]) == [("北科", "北方科技大学")]
    # a bracketed word that is not a short form
    assert defined_names("Prairie State University (Kansas) grew", ents) == []
    assert defined_names("Prairie State University (PCT) grew", ents) == []


def test_a_defined_short_form_owns_its_figures_later_in_the_article() -> None:
    text = (
        "Prairie State University (PSU) received 40 U.S. patents in 2022.\n"
        "In 2021, PSU received 31 U.S. patents, and UPrairie 12."
    )
    found = {(m.value, m.year): m.institution for m in extract_metrics(text)}
    assert found[(40, 2022)] == "Prairie State University"
    assert found[(31, 2021)] == "Prairie State University"


def test_a_short_name_glued_to_a_place_word_is_not_one() -> None:
    assert inside_word("在全港大学中", 2, 4)
    assert inside_word("全台大专校院", 1, 3)
    assert not inside_word("港大申请", 0, 2)


def test_a_name_is_reported_as_the_original_writes_it() -> None:
    original = "國立東岸大學去年獲證專利56件，國立東岸大學技轉收入1億元。"
    matched = to_simplified(original)
    near = matched.rfind("56")
    assert as_written("国立东岸大学", matched, original, None, near) == "國立東岸大學"
    assert as_written("Midland University", matched, original, None) == "Midland University"
    assert as_written("不在文中大学", matched, original, None) == "不在文中大学"


def test_a_hard_wrapped_name_is_reported_whole() -> None:
    line = "據報導，這所學校今年的專利成績再度名列前茅，國立東岸大"
    original = f"{line}\n學獲證專利55件，{line}\n學表示將持續，{line}\n學技轉收入亦創新高。"
    matched, index = unwrap(to_simplified(original))
    assert index is not None
    at = matched.find("国立东岸大学")
    assert as_written("国立东岸大学", matched, original, index, at) == "國立東岸大學"


@pytest.mark.parametrize(
    "text",
    [
        "The fee is waived for every 100 patents filed by the university.",
        "北江大学提出每天一项专利的目标。",
        "An applicant can file 3 patent applications per invention under the PCT.",
        "A PCT application lets an applicant name 150 countries in one filing of patents.",
    ],
)
def test_generic_statements_are_nobodys_figures(text: str) -> None:
    assert extract_metrics(text, institution="Midland University") == []


def test_a_count_beside_a_rate_is_still_a_count() -> None:
    text = "Midland University was granted 120 patents in 2020, or one patent every three days."
    found = [(m.metric, m.value, m.year) for m in extract_metrics(text)]
    assert found == [("patents_granted", 120, 2020)]
    assert generic_figure("every 100 patents", 100)
    assert not generic_figure("was granted 120 patents", 120)


def test_a_longer_name_is_not_the_registered_name_inside_it() -> None:
    # "National Taiwan University" is registered; the longer name is another university
    text = "National Taiwan University of Science and Technology was ranked 5th."
    assert _names(text) == ["National Taiwan University of Science and Technology"]
    assert _names("National Taiwan University was ranked 1st.") == ["National Taiwan University"]


def test_and_joins_two_names_only_inside_a_discipline() -> None:
    names = _names("University of Midland and Prairie State University filed 9 patents.")
    assert names == ["University of Midland", "Prairie State University"]


def test_a_system_acronym_in_brackets_is_part_of_the_name() -> None:
    text = "The Indian Institute of Technology (IIT) Jammu filed 47 patents in 2022. IIT Goa filed 9 patents."
    found = {m.value: m.institution for m in extract_metrics(text)}
    assert found[47] == "Indian Institute of Technology Jammu"
    assert found[9] == "IIT Goa"


def test_a_local_short_name_inside_a_longer_name_is_not_it() -> None:
    text = "教資會公布八大知識轉移收入，南方科技大學申請專利300項，科大申請專利85項。"
    found = {m.value: to_simplified(m.institution or "") for m in extract_metrics(text)}
    assert found[300] == canonical("南方科技大学")
    assert found[85] == "Hong Kong University of Science and Technology"
