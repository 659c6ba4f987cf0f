"""Whether every match of a pattern holds a character no ASCII text has.

Read from the pattern's syntax tree (the stdlib parser's, as :mod:`core.metrics.gates`
reads it for its words): a sequence needs such a character when one of its items does; a
literal above U+007F does (where the pattern ignores case, only a caseless one: IGNORECASE
pairs K with k and ſ with s); a class does when every member is such a character; a repeat
done at least once, a group, a lookahead or lookbehind that must hold, when its body does; a
branch, when every alternative does. A category (``\\d``, ``\\w``) or a negated class may be
filled from ASCII. :class:`core.metrics.gates.Wide` answers an ASCII text without a scan.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from core.metrics.trie import parse_tree

# the regex engine's own parser and opcode names (the stdlib's compiler reads the same tree)
C: Any = importlib.import_module("re._constants")


def needs_non_ascii(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` holds a non-ASCII character that the pattern, where
    it ignores case, pairs with no ASCII one (a CJK character: yes; K or ſ: no)."""
    tree = parse_tree(pattern.pattern, pattern.flags)
    return _seq_wide(list(tree), bool(pattern.flags & re.IGNORECASE))


def _wide_char(code: int, ignore: bool) -> bool:
    ch = chr(code)
    return code > 127 and (not ignore or ch.lower() == ch.upper() == ch)


def _seq_wide(items: list[Any], ignore: bool) -> bool:
    return any(_item_wide(op, av, ignore) for op, av in items)


def _item_wide(op: Any, av: Any, ignore: bool) -> bool:
    """Whether every match of one item holds a wide character (:func:`needs_non_ascii`)."""
    if op is C.LITERAL:
        return _wide_char(av, ignore)
    if op is C.SUBPATTERN:
        inner = (ignore or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
        return _seq_wide(list(av[3]), inner)
    if op is C.ATOMIC_GROUP:
        return _seq_wide(list(av), ignore)
    if op is C.ASSERT:  # a lookahead or lookbehind that must hold: its text is there
        return _seq_wide(list(av[1]), ignore)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _seq_wide(list(av[2]), ignore)
    if op is C.BRANCH:
        return all(_seq_wide(list(alternative), ignore) for alternative in av[1])
    if op is C.IN:
        return bool(av) and all(_class_part_wide(o, v, ignore) for o, v in av)
    return False


def _class_part_wide(op: Any, av: Any, ignore: bool) -> bool:
    if op is C.LITERAL:
        return _wide_char(av, ignore)
    if op is C.RANGE:
        lo, hi = av
        return lo > 127 and (not ignore or all(_wide_char(c, True) for c in range(lo, hi + 1)))
    return False  # a negation, a category (\d, \w): ASCII may do
