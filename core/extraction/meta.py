"""Parse CMS meta lines such as ``作者: 编辑:Lei Chang来源:NEU更新日期:2020-08-04浏览次数:11``.

The labels are Chinese even on English pages and the fields often run together
with no separator, so the line is cut at each known label rather than split on
spaces. Sites whose meta line has no labels (DUT's ``Apr 2, 2019 Liu Jianing``)
declare a ``meta_regex`` with named groups instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.extraction.dates import find_date

LABELS: dict[str, str] = {
    "作者": "author",
    "撰稿": "author",
    "发布者": "author",
    "发布人": "author",
    "编辑": "editor",
    "责任编辑": "editor",
    "审核": "editor",
    "责编": "editor",
    "来源": "source",
    "供稿": "source",
    "供稿单位": "source",
    "更新日期": "date",
    "发布日期": "date",
    "发布时间": "date",
    "日期": "date",
    "时间": "date",
    "更新时间": "date",
    "浏览次数": "views",
    "浏览": "views",
    "阅读次数": "views",
    "点击数": "views",
    "点击次数": "views",
    "浏览量": "views",
    "阅读": "views",
    "Author": "author",
    "Authors": "author",
    "Writer": "author",
    "Reporter": "author",
    "Editor": "editor",
    "Edited by": "editor",
    "Source": "source",
    "From": "source",
    "Date": "date",
    "Release date": "date",
    "Release Date": "date",
    "Published": "date",
    "Posted": "date",
    "Posted on": "date",
    "Date posted": "date",
    "Publish Date": "date",
    "Time": "date",
    "Updated": "date",
    "Clicks": "views",
    "Views": "views",
    "readCount": "views",
    "Browse Number": "views",
    "Hits": "views",
}
# CJK labels may follow a value directly ("Lei Chang来源:NEU"); English ones need a
# non-letter before them so "Update:" is not read as "Date:".
_ALTERNATIVES = "|".join(
    re.escape(k) if not k.isascii() else r"(?<![A-Za-z])" + re.escape(k)
    for k in sorted(LABELS, key=len, reverse=True)
)
_LABEL_RE = re.compile(r"(" + _ALTERNATIVES + r")\s*[:：]")
_TRIM = " \t|/｜·•,;，；"


@dataclass
class MetaLine:
    """Fields read from a meta line; None where the line does not say."""

    author: str | None = None
    editor: str | None = None
    source: str | None = None
    date: str | None = None
    views: int | None = None


def parse_meta(text: str, meta_regex: str = "") -> MetaLine:
    """Parse a meta line by its labels, or by ``meta_regex`` when it has none."""
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        return _parse_unlabelled(text, meta_regex)
    meta = MetaLine()
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        _assign(meta, LABELS[match.group(1)], text[match.end() : end].strip(_TRIM))
    if meta.date is None:  # "March 15,2017 18:23:49 readCount:615": an unlabelled date
        meta.date = find_date(text[: matches[0].start()])
    return meta


def _parse_unlabelled(text: str, meta_regex: str) -> MetaLine:
    if meta_regex:
        match = re.search(meta_regex, text)
        if match:
            meta = MetaLine()
            for field, value in match.groupdict().items():
                if value is not None:
                    _assign(meta, field, value.strip(_TRIM))
            return meta
    return MetaLine(date=find_date(text))


def _assign(meta: MetaLine, field: str, value: str) -> None:
    if not value or getattr(meta, field, None) is not None:
        return
    if field == "date":
        meta.date = find_date(value)
    elif field == "views":
        digits = re.match(r"\d[\d,]*", value)
        meta.views = int(digits.group().replace(",", "")) if digits else None
    elif field in ("author", "editor", "source"):
        setattr(meta, field, value)
