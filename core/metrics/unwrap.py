"""Hard-wrapped Chinese text (forum posts, PDFs): lines broken mid-sentence are joined, and
the pinyin glosses some mirror sites put after characters are left out.

"國立台灣大\\n學獲證55件專利" is one sentence and one name; the extractor reads the joined text
and maps every offset back to the original, so evidence still comes from the body as
stored. Only a single line break between two Chinese characters, not after a sentence end,
is soft, and only when a text has several: one break there is more likely a headline.
Likewise "清華大(da)學(xue)(xue)獲得專利(li)獎" and "轉(zhuǎn)讓": a bracketed lowercase
syllable right after a character is a gloss, not text, when a text has several of them
(names, 转让 and 专利 then match as written without the glosses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.metrics.gates import gate_tables

# (a figure may end a wrapped line before its unit: "较去年退步20\n名")
_SOFT = re.compile(
    r"(?<=[\u4e00-\u9fff，、,])[ \t]*\n[ \t]*(?=[\u4e00-\u9fff(（\d，,、])"
    r"|(?<=\d)[ \t]*\n[ \t]*(?=[名位件项万亿元](?![\d\s]))"
)
_MIN_BREAKS = 3
_MIN_LINE = 25  # characters: wrapped lines are long, list lines short


# "(zhuǎn)", "(xue)": one pinyin syllable (tone marks or none) in brackets after a character
# (the bracket first, then what stands before it: the same matches as "(?<=[…])\(…", and the
# engine skips to each "(" instead of trying the lookbehind at every character)
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff)]\()(?:[a-z]|[\u00e0-\u00fc\u0101-\u01dc]){1,6}\)")
_MIN_GLOSSES = 3


def unwrap(text: str) -> tuple[str, list[int] | None]:
    """(joined text, position map into ``text``), or ``(text, None)`` when nothing is wrapped
    or glossed."""
    breaks = [m for m in _soft_breaks(text) if _wrapped(text, m)]
    cuts = [(m.start(), m.end()) for m in breaks] if len(breaks) >= _MIN_BREAKS else []
    glosses = _glosses(text) + _han_spaces(text)
    if not cuts and not glosses:
        return text, None
    parts: list[str] = []
    index: list[int] = []
    last = 0
    for start, end in sorted(cuts + glosses):
        if start < last:
            continue
        parts.append(text[last:start])
        index.extend(range(last, start))
        last = end
    parts.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(parts), index


def _glosses(text: str) -> list[tuple[int, int]]:
    """The spans of pinyin glosses, when a text has several (a bracket test spares the scan)."""
    if "(" not in text:
        return []
    spans = [(m.start(), m.end()) for m in _GLOSS.finditer(text)]
    return spans if len(spans) >= _MIN_GLOSSES else []


# "共 有六十一項", "一百三十 六項": a space between two Chinese characters is a line break a
# PDF's copy kept (Chinese sets no spaces between words); within a numeral it always is one
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]{1,2}(?=[\u4e00-\u9fff])")
_NUMERAL = "〇零一二三四五六七八九十百千万萬两兩"


def _han_spaces(text: str) -> list[tuple[int, int]]:
    """The spans of spaces between Chinese characters: all of them when a text has several,
    else those inside a Chinese numeral."""
    if " " not in text and "\u3000" not in text:
        return []
    spans = [(m.start(), m.end()) for m in _HAN_SPACE.finditer(text)]
    if len(spans) >= _MIN_BREAKS:
        return spans
    return [(a, b) for a, b in spans if text[a - 1] in _NUMERAL and text[b] in _NUMERAL]


def _soft_breaks(text: str) -> Iterator[re.Match[str]]:
    """_SOFT's matches, tried only where one can start: at the run of spaces before each line
    break (the pattern opens with a lookbehind, so a scan tries it at every character)."""
    i = text.find("\n")
    while i >= 0:
        j = i
        while j and text[j - 1] in " \t":
            j -= 1
        m = _SOFT.match(text, j)
        if m:
            yield m
        i = text.find("\n", i + 1)


_LIST_ITEM = re.compile(
    r"第\s*[\d一二三四五六七八九十百]+\s*[名位]|[\d一二三四五六七八九十]+[、.)]"
)


def _wrapped(text: str, m: re.Match[str]) -> bool:
    """A long line cut mid-sentence, not a short list line ("第六名：浙江大学，2985件")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return m.start() - line_start >= _MIN_LINE and not _LIST_ITEM.match(text, m.end())


def span_in_original(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the joined text as a span of the original (covering the removed breaks)."""
    if index is None or end <= start:
        return start, end
    return index[start], index[end - 1] + 1


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())


def without_glosses(text: str) -> str:
    """``text`` without its pinyin glosses ("大學(xué)排行榜" is 大學排行榜), for a test that
    reads the original text rather than the extractor's joined copy."""
    return _GLOSS.sub("", text) if "(" in text else text
