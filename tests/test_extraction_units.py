"""Dates, meta lines, text cleaning and URL canonicalisation on the strings real sites print."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from core.extraction.dates import find_date
from core.extraction.meta import MetaLine, parse_meta
from core.extraction.text import paragraphs
from core.urls import canonical_url


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-08-04", "2020-08-04"),
        ("更新日期:2020-08-04浏览次数:11", "2020-08-04"),
        ("2018年01月23日", "2018-01-23"),
        ("2024年3月7日 09:30", "2024-03-07T09:30:00"),
        ("Apr 2, 2019 Liu Jianing", "2019-04-02"),
        ("March 15,2017 18:23:49 readCount:615", "2017-03-15T18:23:49"),
        ("Date:Jul 9, 2022", "2022-07-09"),
        ("April 20, 2020   international office", "2020-04-20"),
        ("Date: 2020-10-05 16:41:30   Clicks:", "2020-10-05T16:41:30"),
        ("Release date: 2018-04-26  Browse Number: 3596", "2018-04-26"),
        ("2019/06/17", "2019-06-17"),
        ("no date here, only 301 patents", None),
        ("2019-13-45", None),
        ("", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        (
            "作者: 编辑:Lei Chang, Yuhui Wang来源:NEU更新日期:2020-08-04浏览次数:11",
            MetaLine(
                author=None,
                editor="Lei Chang, Yuhui Wang",
                source="NEU",
                date="2020-08-04",
                views=11,
            ),
        ),
        ("编辑: 张蕾 更新日期: 2024-05-10", MetaLine(editor="张蕾", date="2024-05-10")),
        ("编辑: 张蕾 更新日期: 2024-05-10 点击数:", MetaLine(editor="张蕾", date="2024-05-10")),
        (
            "发布者：颜曰越发布时间：2026-03-26浏览次数：10",
            MetaLine(author="颜曰越", date="2026-03-26", views=10),
        ),
        ("Release date: 2018-04-26  Browse Number: 3596", MetaLine(date="2018-04-26", views=3596)),
        ("Date: 2020-10-05 16:41:30   Clicks:", MetaLine(date="2020-10-05T16:41:30")),
        ("Author: Jing Li | Update: 2021-01-01", MetaLine(author="Jing Li | Update: 2021-01-01")),
    ],
)
def test_parse_meta_by_labels(line: str, meta: MetaLine) -> None:
    assert parse_meta(line) == meta


def test_parse_meta_unlabelled_uses_site_regex() -> None:
    regex = r"^(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, ?\d{4})\s*(?P<author>.*)$"
    assert parse_meta("Apr 2, 2019 Liu Jianing", regex) == MetaLine(
        author="Liu Jianing", date="2019-04-02"
    )
    assert parse_meta("Apr 2, 2019 Liu Jianing") == MetaLine(date="2019-04-02")


def test_paragraphs_drop_scripts_and_split_blocks() -> None:
    root = lxml_html.fromstring(
        "<div><p>First&nbsp; para <b>bold</b>.</p><script>var x=1;</script>"
        "<p>Second<br>line</p><!-- note --><ul><li>item　one</li></ul><style>p{}</style></div>"
    )
    assert paragraphs(root) == ["First para bold.", "Second", "line", "item one"]


@pytest.mark.parametrize(
    ("url", "canon"),
    [
        (
            "HTTPS://NEUNEWS.neu.edu.cn:443/2020/0813/c218a69762/pagem.htm#top",
            "https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm",
        ),
        (
            "https://en.dlut.edu.cn/xwdt/../info/1027/1810.htm?utm_source=wx&b=2&a=1",
            "https://en.dlut.edu.cn/info/1027/1810.htm?a=1&b=2",
        ),
        (
            "http://en.scut.edu.cn:80/detail.jsp?id=62064",
            "http://en.scut.edu.cn/detail.jsp?id=62064",
        ),
        ("http://example.edu.cn:8080", "http://example.edu.cn:8080/"),
    ],
)
def test_canonical_url(url: str, canon: str) -> None:
    assert canonical_url(url) == canon
