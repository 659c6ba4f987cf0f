"""A university's independent college named in a list of institutions.

"北方大学城市学院" in "前十名的院校是：南方大学、北方大学城市学院、东方学院…" is an institution
of its own (China's 独立学院 carry their parent's name), not a school of 北方大学: a list of
institutions does not name a university's department among its members. So a name that runs
on from a university into "…学院", standing between list separators, is one member; a
department (自动化学院, 机械工程学院) written after its university in prose stays a department
(:func:`is_department`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# the subjects a department is named for: "…工程学院" is a school, "城市学院" a college
_DEPARTMENT = re.compile(
    r"(?:工程|科学|技术|管理|经济|医学|法学|文学|理学|信息|材料|机械|电气|化学|化工|物理|数学|计算机"
    r"|建筑|土木|外国语|马克思主义|艺术|教育|体育|药学|生命|环境|能源|软件|航空|航天|商|研究生)学院$"
)
_SEPARATOR_AFTER = re.compile(r"\s*(?:[、，,；;]|和|及|与|$)")
_SEPARATOR_BEFORE = re.compile(r"(?:[、：:]|和|及|与|是|为|有|包括)\s*$")


class _Found(Protocol):  # an entity (core.metrics.entities.Entity), read only
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def university(self) -> bool: ...


class _Named(_Found, Protocol):
    @property
    def name(self) -> str | None: ...


def listed_college(
    found: Sequence[_Found], start: int, text: str, name: str
) -> tuple[int, int, str] | None:
    """(start, end, name) of the college ``name`` (at ``start``) with the university found
    right before it, when the two stand as one member of a list; else ``None``."""
    if not name.endswith("学院") or not 2 <= len(name) - 2 <= 6 or _DEPARTMENT.search(name):
        return None
    parent = next((e for e in found if e.university and e.end == start), None)
    if parent is None:
        return None
    end = start + len(name)
    if not (
        _SEPARATOR_AFTER.match(text, end)
        and _SEPARATOR_BEFORE.search(text, max(0, parent.start - 6), parent.start)
    ):
        return None
    return parent.start, end, text[parent.start : end]


def is_department(found: Sequence[_Named], start: int, text: str = "", name: str = "") -> bool:
    """ "东南大学自动化学院" is a school of the university named just before it, not a rival;
    so is "同济大学物理科学与工程学院", whose name shape matched only after its 与."""
    if any(e.end == start and e.university for e in found):
        return True
    if not _SCHOOL_END.search(name):
        return False
    return any(
        e.university
        and e.name
        and 0 < start - e.end <= 10
        and _SCHOOL_GAP.fullmatch(text[e.end : start]) is not None
        for e in found
    )


# a school's name: the words between its university and the shape's match, with no function
# word first ("物理科学与" of 物理科学与工程学院, not "与" of "同济大学与北京电影学院")
_SCHOOL_END = re.compile(r"(?:学院|系|研究所|研究院|实验室)$")
_SCHOOL_GAP = re.compile(r"(?![与和及、的在等并同])[\u4e00-\u9fff]+")
