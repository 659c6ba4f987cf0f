"""Patterns written for the regex engine's sake: word lists as tries, scans gated by words.

``ab|abc|b`` written as ``a(?:bc?)...``: the engine reads one character per step instead of
trying every word at every position. Two things make a pattern of ~470 institution
aliases fast: the trie, and that every top-level alternative opens with a literal
character, so the engine jumps between the positions holding one of those characters
(a leading lookbehind such as ``(?<!\\w)`` makes it try every position instead, which
cost microseconds per character of text). :func:`trie_branches` writes those
alternatives; the word-start test goes after the first character (``X(?<!\\wX)``).

Matches are those of the flat alternation with its longest words first, as the extractor
wrote it: the words a text can match at one position are prefixes of one another, and the
greedy optional groups try them from the longest down, so a failed lookahead after a word
backtracks to the next longest, as the flat list does.

:class:`GatedPattern` skips a scan outright when the text lacks every word each match of
the pattern must contain (a substring test is ~100x cheaper than a scan that finds nothing);
:func:`any_match` answers ``bool(pattern.search(text))`` with substring tests for the
alternatives that are plain words.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

# the regex engine's own parser and compiler (engine_skips asks them what it skips to)
_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")
_END = ""  # a key no character can be: "a word ends here"
Node = dict[str, "Node"]
# characters that case-insensitive matching pairs with a letter beyond its lower/upper case
_FOLDS = "\u0130\u0131\u017f\u212a\u2126\u00b5\u03bc\u00df\u1e9e"


def trie_branches(
    words: Iterable[str],
    word_start: bool | str = False,
    suffix: str = "",
    ignore_case: bool = False,
    not_after: tuple[str, ...] = (),
) -> list[str]:
    """Top-level alternatives matching what ``(?<!\\w)?(?:w1|w2|…)suffix`` matches with the
    words longest first; each opens with a literal character.

    :param word_start: no word character may precede the match (``(?<!\\w)``); a string
        is the class of characters that may not (``"[a-z-]"``)
    :param suffix: pattern text after each word (lookaheads), inside each alternative
    :param ignore_case: the words match in any case; the first character is written once
        per case variant (a literal under IGNORECASE is not one the engine can skip to)
    :param not_after: fixed-width texts that may not precede the match (``(?<!\\bin )``),
        tested after the first character as the word start is (``X(?<!\\bin X)``)
    """
    root: Node = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    out = []
    flags = "(?i:" if ignore_case else "(?:"
    for ch, child in sorted(root.items()):
        for first in _variants(ch) if ignore_case else [ch]:
            lead = re.escape(first)
            before = word_start if isinstance(word_start, str) else r"\w"
            guard = rf"(?<!{before}{lead})" if word_start else ""
            guard += "".join(rf"(?<!{b}{lead})" for b in not_after)
            out.append(f"{lead}{guard}{flags}{_render(child)}){suffix}")
    return out


def trie_pattern(words: Iterable[str]) -> str:
    """One group matching what the flat alternation of ``words`` (longest first) matches."""
    branches = trie_branches(words)
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


def _render(node: Node) -> str:
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:  # a word ends here; the longer ones are tried first (greedy ?)
        return "(?:" + body + ")?"
    return body


def _variants(ch: str) -> list[str]:
    """Every character a case-insensitive ``ch`` matches (checked by the engine itself)."""
    candidates = {ch, ch.lower(), ch.upper(), ch.casefold(), ch.title(), *_FOLDS}
    pattern = re.compile(re.escape(ch), re.I)
    return sorted(c for c in candidates if len(c) == 1 and pattern.fullmatch(c))


_FEW = 4


class GatedPattern:
    """A compiled pattern every match of which contains one of ``words`` (as written: the
    pattern must be case-sensitive there); texts without any are not scanned."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words
        # past a few words one trie scan costs less than a substring test per word (a text
        # holds one of the words exactly when the scan finds any)
        self._any = re.compile(trie_pattern(words)).search if len(words) > _FEW else None

    def _may_match(self, text: str) -> bool:
        if self._any is not None:
            return self._any(text) is not None
        for w in self.words:  # noqa: SIM110 (a loop is cheaper than any() over a generator)
            if w in text:
                return True
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None


class WordScan:
    """Which of a fixed set of words a text holds, in one scan instead of a substring test
    per word (some 45 tests of a 2 KB text cost more than the shapes' own scans).

    One trie pattern of all the words finds, at each position it stops at, the longest word
    there (:func:`core.metrics.trie.trie_branches`), and resumes after it. A word ``u``
    found at ``q`` is then: the start of a scanned match (``u`` is a prefix of that match's
    word), or inside one (``u`` a substring of that word, or running past its end), since
    every position outside a match is tried. So each scanned word stands for the words it
    contains (:attr:`implied`), and the words that may start inside it and run on
    (:attr:`uncertain`) get a substring test of their own: the answer is exactly
    ``{w for w in words if w in text}``."""

    def __init__(self, words: set[str]) -> None:
        self.words = frozenset(words)
        self.scan = re.compile("|".join(trie_branches(words))) if words else None
        self.implied = {v: frozenset(u for u in words if u in v) for v in words}
        self.uncertain = {
            v: tuple(
                sorted(
                    u
                    for u in words
                    if u not in v and any(u.startswith(v[k:]) for k in range(1, len(v)))
                )
            )
            for v in words
        }

    def present(self, text: str) -> frozenset[str]:
        """The words that occur in ``text``."""
        if self.scan is None:
            return frozenset()
        seen = set(self.scan.findall(text))
        if not seen:
            return frozenset()
        out: set[str] = set()
        for v in seen:
            out |= self.implied[v]
        for v in seen:
            for u in self.uncertain[v]:
                if u not in out and u in text:
                    out.add(u)
        return frozenset(out)


class FirstOf:
    """The finditer of one alternation ``p1|p2|…`` run as its parts' own scans: a part that
    cannot match a text (its ``may`` test says so) is not scanned, and each part's scan
    skips ahead to the characters its own words start with (a pattern of some 1,150 aliases
    stopped at every ``t`` and ``o`` of a text for its few self-references).

    Matches are the alternation's: the leftmost start of any part, and where several parts
    match there the first of them (the alternation tries its alternatives in order at each
    position); the next scan resumes at the end of the match. No part may match the empty
    string (each alternative of a trie holds a literal)."""

    def __init__(self, parts: list[tuple[re.Pattern[str], Callable[[str], bool] | None]]) -> None:
        self.parts = parts

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        scans = [p.search for p, may in self.parts if may is None or may(text)]
        if len(scans) == 1:
            m = scans[0](text)
            while m is not None:
                yield m
                m = scans[0](text, m.end())
            return
        ahead = [scan(text) for scan in scans]
        pos = 0
        while True:
            best, at = None, -1
            for i, m in enumerate(ahead):
                if m is not None and m.start() < pos:  # overlapped by the last match
                    m = ahead[i] = scans[i](text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best, at = m, i
            if best is None:
                return
            yield best
            pos = best.end()
            ahead[at] = scans[at](text, pos)


# characters case-insensitive matching pairs with ASCII letters beyond their two cases
# (İ ı ſ K): lowering a text is a faithful stand-in for IGNORECASE only without them
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def has_case_folds(text: str) -> bool:
    """Whether ``text`` holds İ, ı, ſ or K (an ASCII string, known in O(1), holds none): four
    substring tests (~0.3 us on 1,000 characters of Chinese, the class's scan ~4 us)."""
    return not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    )


@lru_cache(maxsize=512)
def lowered_text(text: str) -> str | None:
    """``text`` lowered, or None when it holds a character lowering cannot stand for (cached:
    the gates of one pass ask it of the same sentence; lowering 62 Chinese characters and
    the İ ı ſ K scan cost ~0.5 us, a lookup ~0.06 us; an ASCII text is lowered faster than
    it is looked up)."""
    return None if has_case_folds(text) else text.lower()


_META = set("\\.^$*+?{}[]()|")


def any_match(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test equal to ``bool(pattern.search(text))``, for patterns used only as a yes/no:
    the top-level alternatives that are plain words become substring tests (of the lowered
    text when the pattern ignores case), the others stay one regex. A case-insensitive
    alternation of words is tried at every position of the text; ``in`` is not."""
    alternatives = _top_level(pattern.pattern)
    if alternatives is None or pattern.flags & re.VERBOSE:
        return lambda text: pattern.search(text) is not None
    ignore = bool(pattern.flags & re.IGNORECASE)
    plain = [a for a in alternatives if a and not _META & set(a) and (not ignore or _foldable(a))]
    rest = [a for a in alternatives if a not in plain]
    words = tuple(a.lower() for a in plain) if ignore else tuple(plain)
    # the rest behind its gate (its start places in a long text): alone, the alternation of
    # digit forms ("\d{4}\s*-\s*\d{2}", "至\s*\d{4}", …) is tried at every position of a
    # sentence none of whose words hold (~70 us on a 1.7 KB sentence, ~17 us gated)
    # (grouped by how a match opens, each group behind its words: core/metrics/leads.py)
    residual = _residual(rest, pattern.flags) if rest else None

    def test(text: str) -> bool:
        if ignore:
            low = text.lower() if text.isascii() else lowered_text(text)
            if low is None:  # a character lowering cannot stand for (İ ı ſ K)
                return pattern.search(text) is not None
            text_low = low
        else:
            text_low = text
        for w in words:  # noqa: SIM110 (a loop is cheaper than any() over a generator)
            if w in text_low:
                return True
        return residual is not None and residual(text)

    return test


def _residual(alternatives: list[str], flags: int) -> Callable[[str], bool]:
    """The yes/no test of the alternatives left (imported here as leads imports this module)."""
    from core.metrics.leads import residual_test

    return residual_test(alternatives, flags)


def _gated(pattern: re.Pattern[str]) -> Any:
    """``pattern`` behind its word and start-place test (:func:`core.metrics.gates.gate`, which
    answers every search as the pattern does; imported here as gates imports this module)."""
    from core.metrics.gates import gate

    return gate(pattern)


def _foldable(word: str) -> bool:
    """Lowering finds ``word`` wherever IGNORECASE would: ASCII or caseless characters."""
    return all(c.isascii() or c.lower() == c.upper() for c in word)


def _top_level(source: str) -> list[str] | None:
    """``source`` split at its top-level ``|`` (None when brackets do not balance)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 1
        elif ch == "[":  # to the class's closing bracket ("[]…]" and "[^]…]" hold a "]")
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            i += 1 if source[i : i + 1] == "]" else 0
            while i < len(source) and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            if i >= len(source):
                return None
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts if depth == 0 else None


def skip_ahead_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern ignoring case whose every alternative opens with a word start and a letter
    (``\\bplaced…``, ``\\b(?:ranks?|placed)…``), written so that the engine jumps to the
    places of those letters: ``[PpRr](?<!\\w.)(?i:(?:(?<=r)anks?|(?<=p)laced)…)``. Ignoring
    case, the engine tries the pattern at every position; a first character from a set it
    skips to. The letter is consumed in any of its cases (the set holds every character
    IGNORECASE pairs with it, K and ſ too), ``\\b`` before it is "no word character before
    it", and each word's first letter is tested behind, ignoring case, in the alternatives'
    order: the same matches and groups. None when the pattern has not that shape."""
    src, flags = pattern.pattern, pattern.flags
    if not flags & re.IGNORECASE or flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return None
    firsts: list[str] = []
    bodies: list[str] = []
    for alternative in _top_level(src) or [""]:
        rest = _after_first_letter(alternative)
        if rest is None:
            return None
        firsts += rest[0]
        bodies.append(rest[1])
    chars = "".join(sorted({re.escape(v) for c in firsts for v in _variants(c)}))
    # a first-character set, no IGNORECASE: the engine skips to those characters
    fast = re.compile(f"[{chars}](?i:{'|'.join(bodies)})", flags & ~re.IGNORECASE)
    return fast if fast.groups == pattern.groups else None


_SPECIAL = frozenset("\\.^$*+?{}[]()|")


def _after_first_letter(src: str) -> tuple[list[str], str] | None:
    """(the characters an alternative ``src`` may open with, what matches the rest once one
    of them is read: each word tests its first character behind), or None. ``src`` opens
    with a word start and a letter (``\\bplaced``), or a plain character (``patent``, 专利),
    or a group of such words (``\\b(?:ranks?|placed)…``)."""
    start = src.startswith("\\b")
    lead, head = ("(?<!\\w.)", src[2:]) if start else ("", src)
    if not head.startswith("(?:"):
        c = head[:1]
        if not c or c in _SPECIAL or head[1:2] in ("?", "*", "+", "{"):
            return None
        if start and not (c.isascii() and c.isalpha()):
            return None
        return [c], f"{lead}(?<={re.escape(c)}){head[1:]}"
    close = _closing(head, 0)
    words = _top_level(head[3:close]) if close else None
    if not close or not words or head[close + 1 : close + 2] in ("?", "*", "+", "{"):
        return None
    for w in words:
        if not w or w[0] in _SPECIAL or w[1:2] in ("?", "*", "+", "{"):
            return None
        if start and not (w[0].isascii() and w[0].isalpha()):
            return None
    body = "|".join(f"(?<={re.escape(w[0])}){w[1:]}" for w in words)
    return [w[0] for w in words], f"{lead}(?:{body}){head[close + 1 :]}"


def _closing(src: str, at: int) -> int | None:
    """Where the group opened at ``src[at]`` closes (escapes and classes read past)."""
    depth, i = 0, at
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 2 if src[i + 1 : i + 2] == "^" else 1
            i += 1 if src[i : i + 1] == "]" else 0
            while i < len(src) and src[i] != "]":
                i += 2 if src[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


@lru_cache(maxsize=8)
def parse_tree(source: str, flags: int) -> Any:
    """The engine's syntax tree of a pattern, kept for the few reads that follow (a gate
    reads one pattern's tree for its words, its start words and the engine's own skip)."""
    return _parser.parse(source, flags)


def engine_skips(pattern: re.Pattern[str]) -> bool:
    """Whether the regex engine itself jumps to the places a match can start: the pattern
    opens with a literal prefix or a set of first characters (the stdlib compiler's own
    test, ``_compile_info``), so start places found in Python would save nothing."""
    tree = parse_tree(pattern.pattern, pattern.flags)
    if pattern.flags & re.IGNORECASE and pattern.flags & re.LOCALE:
        return False
    prefix, _skip, _all = _compiler._get_literal_prefix(tree, pattern.flags)
    return bool(prefix) or bool(_compiler._get_charset_prefix(tree, pattern.flags))
