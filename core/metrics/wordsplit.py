"""Short Chinese names read across word boundaries: the match is part of other words.

全港大学 is "all Hong Kong universities", not 港大; 其中国际 is "of which, international", not
中国. Text has no spaces between words, so a two-character alias found inside a longer word
must be told apart by the characters around it.
"""

from __future__ import annotations

# a two-character short name whose first character ends a place word before it: 全港大学 is
# "all Hong Kong universities", not 港大; 全台大专校院 is not 台大
_PLACE_WORDS = frozenset(p + c for c in "港台" for p in "全本来在赴访留驻返离抵")


# a two-character name read across two words: 其中|国际 is "of which, international", not 中国
_ACROSS = (frozenset("其之当集期高初空"), frozenset("际内外家有产务防立"))


def inside_word(text: str, start: int, end: int) -> bool:
    """Whether a short Chinese name found at ``start`` is part of a longer word instead."""
    if end - start != 2 or start == 0:
        return False
    before, after = text[start - 1], text[end : end + 1]
    across = text[start] == "中" and before in _ACROSS[0] and after in _ACROSS[1]
    return across or text[start - 1 : start + 1] in _PLACE_WORDS
