"""Traditional → simplified Chinese with offsets kept (OpenCC's t2s, character by character).

Matching runs on simplified text, evidence offsets point into the original. t2s is
one-to-one per character for almost all text; where a phrase conversion changes the
length, the text is converted one character at a time instead, which always keeps it.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, same length, so offsets stay valid."""
    if not _CJK.search(text):
        return text
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    conv = _converter().convert
    chars = [conv(c) for c in text]
    return "".join(c if len(c) == 1 else text[i] for i, c in enumerate(chars))
