"""Traditional → simplified Chinese with offsets kept (OpenCC's t2s, character by character).

Matching runs on simplified text, evidence offsets point into the original. t2s is
one-to-one per character for almost all text; where a phrase conversion changes the
length, the text is converted one character at a time instead, which always keeps it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that exist only in traditional writing and are frequent in news: text with
# none of them is simplified already, and OpenCC (the slow part) is skipped.
_TRADITIONAL = re.compile(
    "[們這個來時會說對發國學專獲與為業實點經過開關車東區術權條產處於歲親義幾無雙萬億兩臺灣"
    "據轉讓許證請報數據統計總額運營際創辦項計劃體驗錄應屆狀況並從當們們頒獎隊員編輯導"
    "學術機構級區縣門問題預測務網絡電腦數碼頭條單純麼麗麥黃齊龍龜為異議論講資]"
)


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, same length, so offsets stay valid.

    Several steps of the metric extractor convert the same article, sentence or evidence
    (the context step, the rank pass, the shared figures): a traditional text is converted
    once and the copy shared (:func:`_converted`; the extractor's ``clear_caches`` empties
    it with its own)."""
    if text.isascii() or not _has_traditional(text):  # (no traditional character is ASCII)
        return text
    return _converted(text)


@lru_cache(maxsize=1024)
def _has_traditional(text: str) -> bool:
    """Whether ``text`` holds a traditional-only character (cached: the steps ask it of one
    article, sentence or evidence some 13 times an article, two in three of them again)."""
    return _TRADITIONAL.search(text) is not None


@lru_cache(maxsize=1024)
def _converted(text: str) -> str:
    out = str(_converter().convert(text))
    if len(out) == len(text):
        return out
    conv = _converter().convert
    chars = [conv(c) for c in text]
    return "".join(c if len(c) == 1 else text[i] for i, c in enumerate(chars))
