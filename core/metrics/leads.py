"""A yes/no test of an alternation that no word list gates: its alternatives grouped by how
a match opens, each group behind the words its every match holds.

:func:`core.metrics.trie.any_match` turns an alternation's plain words into substring tests;
what is left (``十[一二三四五]五|\\d{4}\\s*-\\s*\\d{2}|到\\s*\\d{4}|\\btill |…``) was one
pattern tried at every position of the text, ~11 us on a 77-character sentence with digits
and no period. Here its alternatives are split in two groups, each scanned only when the
text holds one of the words every match of one of its alternatives holds (a weight of 1
is enough: "-", "/", "by "; one substring test each):

* those whose every match opens with a digit or a character no letter case pairs with
  (到, 至, 十): ``[\\d到至十](?<=(?=(?:alternatives)).)``, which the engine jumps to the
  places of those first characters in (a set of first characters outside IGNORECASE) and
  tries the alternatives there;
* the others, one pattern as before.

Exact for a yes/no: some alternative matches somewhere in the text exactly when one of the
groups' patterns does, and a group is skipped only when the text lacks every word that
each match of each of its alternatives holds (:func:`core.metrics.gates.required_words`,
read through :class:`core.metrics.gates.Gated`). Alternatives holding a back-reference or
a global flag are not split (the whole stays one gated pattern).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from core.metrics.gates import DIGIT_START, Gated, gate, required_words, start_words
from core.metrics.trie import _variants

_NOT_SPLIT = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?[aiLmsux]+\)")


def residual_test(alternatives: list[str], flags: int) -> Callable[[str], bool]:
    """``bool(re.compile("|".join(alternatives), flags).search(text))``, by groups."""
    if flags & re.VERBOSE or any(_NOT_SPLIT.search(a) for a in alternatives):
        return _searcher(gate(re.compile("|".join(alternatives), flags)))
    led: list[str] = []
    firsts: set[str] = set()
    other: list[str] = []
    for a in alternatives:
        chars = _first_chars(re.compile(a, flags))
        if chars is None:
            other.append(a)
        else:
            led.append(a)
            firsts |= chars
    tests = []
    if led:
        opening = "".join(sorted(firsts))
        scan = re.compile(f"[{opening}](?<=(?=(?:{'|'.join(led)}))(?s:.))", flags)
        tests.append(_searcher(_behind_words(scan, led, flags)))
    if other:
        tests.append(_searcher(_behind_words(re.compile("|".join(other), flags), other, flags)))
    if len(tests) == 1:
        return tests[0]
    first, second = tests
    return lambda text: first(text) or second(text)


def _searcher(pattern: object) -> Callable[[str], bool]:
    search = pattern.search  # type: ignore[attr-defined]
    return lambda text: search(text) is not None


def _first_chars(pattern: re.Pattern[str]) -> set[str] | None:
    """The class items (``\\d``, escaped characters) every match of ``pattern`` opens with,
    when none is a character some letter case pairs with (None: unknown, or a letter)."""
    starts = start_words(pattern)
    if not starts:
        return None
    out = set()
    for _lowered, word in starts:
        if word is DIGIT_START[1]:  # any digit (\d, [0-9], [1-9])
            out.add(r"\d")
            continue
        ch = word[0]
        if _variants(ch) != [ch] or ch.lower() != ch or ch.upper() != ch:
            return None  # a letter (or one IGNORECASE pairs with another): not led here
        out.add(re.escape(ch))
    return out


def _behind_words(scan: re.Pattern[str], alternatives: list[str], flags: int) -> object:
    """``scan`` tried only on a text holding a word every match of one of ``alternatives``
    holds (each alternative's own words, single characters too), else ``gate(scan)``."""
    words: set[tuple[bool, str]] = set()
    for a in alternatives:
        own = required_words(re.compile(a, flags), least=1)
        if own is None:
            return gate(scan)
        words |= set(own)
    return Gated(scan, tuple(sorted(words, key=lambda w: (-len(w[1]), w))), None)
