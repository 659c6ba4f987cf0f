"""Exact ranks as prose states them, whose they are and among whom (made-up sentences).

Each case is a form real ranking news uses (NAI/IPO and USPTO lists, WIPO's educational
institutions, Chinese 排行榜 reports): the extractor must give the place to the right
institution, with the right scope, and nothing to a composite ranking's places.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.institutions import canonical
from core.metrics.entities import find_entities
from core.metrics.extract import extract_metrics

NAI = (
    "The National Academy of Inventors published its list of U.S. utility patents granted in 2022. "
)
WORLD = "global education institutions"


def _ranks(text: str, **kw: Any) -> set[tuple[str | None, float, int | None, str | None]]:
    return {
        (m.institution, m.value, m.year, m.scope)
        for m in extract_metrics(text, published="2023-06-01", **kw)
        if m.metric == "rank" and m.unit == "rank"
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lakeview University placed fourth with 130 patents, followed by Hillcrest University"
            " in fifth and Northfield University in sixth.",
            {("Lakeview University", 4), ("Hillcrest University", 5), ("Northfield University", 6)},
        ),
        (
            "Lakeview University and Hillcrest University were seventh and eighth with 99 and 97 patents.",
            {("Lakeview University", 7), ("Hillcrest University", 8)},
        ),
        (
            "Lakeview University and the University of Ashford tied for ninth place with 90 patents each.",
            {("Lakeview University", 9), ("University of Ashford", 9)},
        ),
        (
            "With 88 patents, Lakeview University tied for tenth with Hillcrest University.",
            {("Lakeview University", 10), ("Hillcrest University", 10)},
        ),
        (
            "Lakeview University is the third-ranked university, with 140 patents.",
            {("Lakeview University", 3)},
        ),
        (
            "Lakeview University earned the sixth-highest number of patents.",
            {("Lakeview University", 6)},
        ),
        (
            "The University of Ashford's 150 patents put it fifth, ahead of Lakeview University.",
            {("University of Ashford", 5)},
        ),
        ("Lakeview University moved into second with 210 patents.", {("Lakeview University", 2)}),
        (
            "Lakeview University slipped 10 percent to third with 120 patents.",
            {("Lakeview University", 3)},
        ),
        (
            "The office granted 160 patents to its inventors, earning Lakeview University the No. 7 spot.",
            {("Lakeview University", 7)},
        ),
        (
            "Lakeview University shared the 12th place with the Korea Institute of Science and Technology.",
            {("Lakeview University", 12), ("Korea Institute of Science and Technology", 12)},
        ),
        (
            "Hillcrest University also had 60 patents and shares the 33rd position.",
            {("Hillcrest University", 33)},
        ),
        (
            "Lakeview University is tied with Hillcrest University in Dover, and the University of"
            " Ashford for No. 61, with 30 patents.",
            {
                ("Lakeview University", 61),
                ("Hillcrest University", 61),
                ("University of Ashford", 61),
            },
        ),
        (
            "The top-ranked institution is Lakeview University with 400 patents.",
            {("Lakeview University", 1)},
        ),
        ("Lakeview University was runner-up with 260 patents.", {("Lakeview University", 2)}),
        (
            "Hillcrest University came first with 300 patents, 40 more than the runner-up Lakeview University.",
            {("Hillcrest University", 1), ("Lakeview University", 2)},
        ),
        ("At fifth is Lakeview University with 160 patents.", {("Lakeview University", 5)}),
        (
            "Lakeview University finished in third place, behind Hillcrest University.",
            {("Lakeview University", 3)},
        ),
    ],
)
def test_english_places(sentence: str, expected: set[tuple[str, int]]) -> None:
    got = {(inst, int(v)) for inst, v, year, scope in _ranks(NAI + sentence)}
    assert got == expected
    assert all(year == 2022 for _i, _v, year, _s in _ranks(NAI + sentence))


def test_a_rank_is_not_a_count_after_to() -> None:
    # "rose 12 percent to 150 patents": 150 is a count, never a place
    text = NAI + "Lakeview University rose 12 percent to 150 patents."
    assert not _ranks(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tarrant A&M University ranked 40th.", "Tarrant A&M University"),
        ("Kansas State ranked 40th with 30 patents.", "Kansas State"),
        ("Penn State, Ohio State and Michigan State were 40th, 41st and 42nd.", "Michigan State"),
        ("Michigan Tech and Georgia Tech were 50th and 51st.", "Michigan Tech"),
        ("Georgia Tech Research Corp. ranked ninth.", "Georgia Institute of Technology"),
        (
            "Virginia Polytechnic Institute and State University ranked 40th.",
            "Virginia Polytechnic Institute and State University",
        ),
        ("The University of Ashford's 150 patents put it fifth.", "University of Ashford"),
        (
            "Industry-University Cooperation Foundation Hanyang University ranked 40th.",
            "Hanyang University",
        ),
        ("Ohio State Innovation Foundation ranked 40th.", "Ohio State University"),
        ("Carnegie Mellon ranked 41st.", "Carnegie Mellon University"),
    ],
)
def test_american_short_names(text: str, name: str) -> None:
    # a registered short form is reported by its canonical name, an unregistered one as written
    assert canonical(name) in {canonical(e.name) for e in find_entities(text) if e.university}


@pytest.mark.parametrize(
    "text",
    [
        "Universities in New York State ranked well.",
        "He moved to Washington State in 2019.",
        "The state of Ohio State officials said so.",
        "It became the leading Stand-Alone University of the region.",
    ],
)
def test_a_state_is_not_a_university(text: str) -> None:
    named = [e.name or "" for e in find_entities(text) if e.university]
    assert not [n for n in named if "State" in n or "Alone" in n]


def test_uspto_list_ranks_american_universities() -> None:
    text = (
        "The U.S. Patent and Trademark Office released its list of the universities receiving"
        " the most patents in 2004. Lakeview University ranked first with 300 patents."
    )
    assert _ranks(text) == {("Lakeview University", 1.0, 2004, "U.S. universities")}


def test_worldwide_list_stays_worldwide() -> None:
    text = (
        "The National Academy of Inventors named the Top 100 Worldwide Universities granted U.S."
        " utility patents in 2020. Lakeview University ranked 12th."
    )
    assert {s for *_x, s in _ranks(text)} != {"U.S. universities"}


def test_names_after_their_place_pair_with_a_later_clause() -> None:
    text = (
        "世界知识产权组织公布了2021年PCT申请数据，位于甲省的北岭大学和位于乙省的南湖大学增长较快，"
        "在教育机构中分别排名第31和37。"
    )
    assert _ranks(text) == {("北岭大学", 31.0, 2021, WORLD), ("南湖大学", 37.0, 2021, WORLD)}


def test_a_document_name_is_not_part_of_the_university() -> None:
    text = (
        "国家知识产权局发布第二十届中国专利奖授奖决定北岭大学共获4项专利优秀奖，居全国高校第12位。"
    )
    assert {i for i, *_ in _ranks(text)} == {"北岭大学"}


def test_composite_report_keeps_only_its_patent_rank() -> None:
    text = (
        "泰晤士高等教育发布2021年度亚洲大学排名，北岭大学位列中国内地高校第30名。\n"
        "北岭大学从去年的第35名上升到第30名，科研实力快速跃升。\n"
        "北岭大学2020年国际PCT专利申请公开数量排名中国内地高校第2。"
    )
    got = _ranks(text)
    assert {v for _i, v, *_ in got} == {2.0}
    assert {i for i, *_ in got} == {"北岭大学"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Lakeview University is the nation's No. 2 university for patents, with 200 patents.",
        "Lakeview University was the second highest among public universities, with 200 patents.",
        "Among public universities, Lakeview University was second with 200 patents.",
    ],
)
def test_the_nations_list_on_an_american_page(sentence: str) -> None:
    assert _ranks(NAI + sentence) == {("Lakeview University", 2.0, 2022, "U.S. universities")}


def test_numbered_list_counts_what_its_intro_counts() -> None:
    text = (
        # a lead of 400+ characters without figure words: the list's intro must say what it counts
        "Lakeview University was in the news again. Its engineers built a new kind of battery,"
        " a faster network cable and a safer coating for pills, and the campus celebrated each"
        " of them with a week of talks, open labs and student showcases. Alumni came back to"
        " see the labs, local schools sent their science classes, and the city council thanked"
        " the researchers in a public letter. The dean said the year had been the busiest the"
        " school could remember, and that more of the same was planned for the next one.\n\n"
        "The ranking lists the universities granted the most utility patents in 2019."
        " See the top three below.\n\n"
        "1. Lakeview University (210 patents)\n\n2. Hillcrest University (190)\n\n"
        "3. Northfield University (150)"
    )
    counts = {
        (m.institution, m.metric, m.value, m.year)
        for m in extract_metrics(text, published="2020-05-01")
        if m.unit == "count"
    }
    assert counts == {
        ("Lakeview University", "patents_granted", 210, 2019),
        ("Hillcrest University", "patents_granted", 190, 2019),
        ("Northfield University", "patents_granted", 150, 2019),
    }


def test_a_clause_naming_nobody_is_the_sentences_subjects() -> None:
    text = (
        "泰晤士高等教育发布2021年度亚洲大学排名，北岭大学位列中国内地高校第30名。\n"
        "北岭大学从去年的第35名上升到第30名，科研实力快速跃升；"
        "国际PCT专利申请公开数量连续两年排名中国内地高校第2。"
    )
    got = [m for m in extract_metrics(text, published="2021-06-01") if m.metric == "rank"]
    assert [(m.institution, m.value, m.scope) for m in got] == [
        ("北岭大学", 2, "Chinese universities")
    ]


LIST_INTRO = "The National Academy of Inventors named the universities granted the most U.S. utility patents in 2020"


@pytest.mark.parametrize(
    "body",
    [
        ": Lakeview University (1), Hillcrest University (2), Northfield University (3) and Ashford University (4).",
        ":\n1st: Lakeview University\n2nd: Hillcrest University\n3rd: Northfield University\n4th: Ashford University",
        ":\n1st Lakeview University\n2nd Hillcrest University\n3rd Northfield University\n4th Ashford University",
        ":\nRank 1: Lakeview University\nRank 2: Hillcrest University\nRank 3: Northfield University\nRank 4: Ashford University",
        ".\n| Rank | University | Patents |\n| 1 | Lakeview University | 500 |\n| 2 | Hillcrest University | 300 |"
        "\n| 3 | Northfield University | 250 |\n| 4 | Ashford University | 200 |",
        ": 1. Lakeview University, 500; 2. Hillcrest University, 300; 3. Northfield University, 250;"
        " 4. Ashford University, 200.",
        ". Lakeview University was first, with Hillcrest University second, Northfield University third"
        " and Ashford University fourth.",
    ],
)
def test_list_forms(body: str) -> None:
    got = {(i, int(v)) for i, v, _y, _s in _ranks(LIST_INTRO + body)}
    assert got == {
        ("Lakeview University", 1),
        ("Hillcrest University", 2),
        ("Northfield University", 3),
        ("Ashford University", 4),
    }


def test_falling_bracketed_numbers_are_counts_not_places() -> None:
    text = (
        LIST_INTRO
        + ": Lakeview University (40), Hillcrest University (31) and Northfield University (30)."
    )
    assert not _ranks(text)


def test_taiwan_written_before_a_bare_name() -> None:
    text = "台湾的清华大学名列第20名，清华大学名列第5名。"
    assert [e.name for e in find_entities(text) if e.university] == [
        "National Tsing Hua University",
        "Tsinghua University",
    ]


def test_numbered_list_of_patent_holding_arms() -> None:
    text = (
        "The National Academy of Inventors listed the top non-U.S. universities granted U.S."
        " utility patents in 2018: 1) Industry and Academic Cooperation at Lakeview University;"
        " 2) Ramot and Hillcrest University; 3) Northfield University."
    )
    assert {(i, int(v)) for i, v, _y, _s in _ranks(text)} == {
        ("Lakeview University", 1),
        ("Hillcrest University", 2),
        ("Northfield University", 3),
    }


@pytest.mark.parametrize(
    ("words", "cls"),
    [
        ("全市高校", "region"),
        ("长三角高校", "region"),
        ("华东地区高校", "region"),
        ("among Canadian universities", "canada"),
        ("the top Israeli institution", "israel"),
        ("华南理工大学", "华南理工大学"),  # a university's name is no scope
    ],
)
def test_scope_classes(words: str, cls: str) -> None:
    from core.metrics.scopes import scope_class

    assert scope_class(words) == cls


def test_patent_and_trademark_office_written_with_an_ampersand() -> None:
    text = (
        "The Patent & Trademark Office listed the universities receiving the most patents in 2006."
        " In 2006, Lakeview University (310 patents) and Hillcrest University (120 patents) led."
    )
    counts = {
        (m.institution, m.metric, m.value)
        for m in extract_metrics(text, published="2007-04-01")
        if m.unit == "count"
    }
    assert counts == {
        ("Lakeview University", "patents_granted", 310),
        ("Hillcrest University", "patents_granted", 120),
    }


def test_top_n_naming_the_exact_place_is_a_restatement() -> None:
    text = (
        "Campus news\n\nLast year its inventors got Lakeview University ranked in the top five for patents worldwide.\n\n"
        "The National Academy of Inventors counted U.S. utility patents granted in 2020."
        " With 169 utility patents in 2020, Lakeview University placed fifth on the list."
    )
    ranks = {
        (m.value, m.unit)
        for m in extract_metrics(text, published="2021-06-01")
        if m.metric == "rank"
    }
    assert ranks == {(5, "rank")}
