"""Patterns that skip a text lacking every word each of their matches must contain.

A scan that finds nothing still reads every position of the text: on a 1,500-character
sentence a case-insensitive alternation costs ~0.1-0.3 ms, and most of the extractor's
patterns find nothing in most sentences. :func:`required_words` reads a compiled pattern's
syntax tree and returns words one of which every match contains (a literal run of a
sequence, the union over the alternatives of a branch, the body of a repeat done at least
once); :func:`gate` wraps the pattern so that a text holding none of them is answered
without a scan. The answer is the pattern's own whenever the text holds one.

A word is compared with the lowered text where the pattern ignores case (lowering is a
faithful stand-in there only for ASCII and caseless characters, so such words keep only
those, and a text holding İ, ı, ſ or K is always scanned), and as written where it does
not (``(?-i:THE)`` inside a case-insensitive pattern is found as "THE").
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from typing import Any

from core.metrics.trie import (
    _top_level,
    engine_skips,
    lowered_text,
    parse_tree,
    skip_ahead_form,
)
from core.metrics.wide import needs_non_ascii

# the regex engine's own parser and opcode names (the stdlib's compiler reads the same tree)
C: Any = importlib.import_module("re._constants")

# a word and whether it is compared with the lowered text (where the pattern ignores case)
Word = tuple[bool, str]
Words = frozenset[Word]
# a scan of a shorter text costs less than finding the places of the start words
_LONG = 320
_MAX_START_WORDS = 16
_MAX_STARTS = 24  # more start places than this: one scan is cheaper than a match at each
# English function words: one in nearly every English sentence
_COMMON = frozenset(
    ["the", "of", "and", "in", "on", "to", "a", "an", "for", "with", "by", "at", "as", "from"]
    + ["is", "was", "are", "were", "be", "it", "its", "this", "that", "or"]
)
_MAX_CLASS = 8  # a character class of at most this many literal characters is a word set


def required_words(pattern: re.Pattern[str], least: int = 2) -> tuple[Word, ...] | None:
    """(lowered, word) pairs one of which every match of ``pattern`` contains (``lowered``:
    the word is lowered and stands for any case, as the pattern ignores case there), or
    None when no such set is worth a test (a match may hold only digits, or the best set
    is single ASCII characters: a weight below ``least``)."""
    tree = parse_tree(pattern.pattern, pattern.flags)
    words = _sequence(list(tree), bool(pattern.flags & re.IGNORECASE))
    if not words or _weight(words) < least:
        return None
    return tuple(sorted(words, key=lambda w: (-len(w[1]), w)))


def _foldable(ch: str) -> bool:
    """A character whose lowered form stands for every character IGNORECASE pairs it with."""
    return ch.isascii() or ch.lower() == ch.upper() == ch


def _weight(words: Words, common: bool = True) -> int:
    """How selective a word set is: its shortest word's length, a non-ASCII character
    counting 3 (one CJK character is rarer than three ASCII letters), an English function
    word in lower case ("the ", " of ") 1 (nearly every English sentence holds one) unless
    ``common`` is False (a start word is judged by how often it occurs, when it is used)."""
    return min(
        1 if common and w.strip() in _COMMON else sum(1 if c.isascii() else 3 for c in w)
        for _, w in words
    )


def _best(candidates: list[Words]) -> Words | None:
    """The set worth testing: selective enough (a weight of 4 is as good as more), then the
    fewest words (each is one substring test, and one more chance to be present)."""
    if not candidates:
        return None
    return max(candidates, key=lambda ws: (min(_weight(ws), 4), -len(ws), _weight(ws)))


def _sequence(items: list[Any], ignore: bool) -> Words | None:
    """The most selective word set that every match of the sequence ``items`` contains;
    ``ignore``: IGNORECASE holds here."""
    candidates: list[Words] = []
    run: list[str] = []
    for op, av in items:
        ch = chr(av) if op is C.LITERAL else None
        if ch is not None and (not ignore or _foldable(ch)):
            run.append(ch.lower() if ignore else ch)
            continue
        if run:
            candidates.append(frozenset([(ignore, "".join(run))]))
            run = []
        words = _item(op, av, ignore)
        if words:
            candidates.append(words)
    if run:
        candidates.append(frozenset([(ignore, "".join(run))]))
    return _best(candidates)


def _item(op: Any, av: Any, ignore: bool) -> Words | None:
    """The word set every match of one item contains (None: none known)."""
    if op is C.SUBPATTERN:  # (group, flags turned on, flags turned off, body)
        inner = (ignore or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
        return _sequence(list(av[3]), inner)
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av), ignore)
    if op is C.ASSERT:  # a lookahead or lookbehind that must hold: its text is there
        return _sequence(list(av[1]), ignore)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _sequence(list(av[2]), ignore) if av[0] >= 1 else None
    if op is C.BRANCH:
        out: set[Word] = set()
        for alternative in av[1]:
            words = _sequence(list(alternative), ignore)
            if not words:
                return None
            out |= words
        return frozenset(out)
    if op is C.IN:
        chars = [chr(v) for o, v in av if o is C.LITERAL]
        if len(chars) != len(av) or len(chars) > _MAX_CLASS:
            return None  # a range, a category or a negation: any character may do
        if ignore and not all(_foldable(c) for c in chars):
            return None
        return frozenset((ignore, c.lower() if ignore else c) for c in chars)
    return None


_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


# a start "word" standing for any digit: a match opening with \d, [0-9] or [\d,] starts at
# one of the text's digits (found by one scan, :data:`_DIGIT`)
DIGIT_START: Word = (False, "\\d")
_DIGIT = re.compile(r"\d")  # Unicode digits: a superset of [0-9] and of an ASCII-flag \d


# bytes.translate maps every ASCII digit to "0" and every other byte to " "
_TO_ZERO = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))


def _digit_places(text: str, pos: int, endpos: int) -> Iterator[int]:
    """The places of the digits of ``text[pos:endpos]``, in order. An ASCII text is mapped to
    bytes where each digit is "0" and found with ``bytes.find`` (~10x faster than a ``\\d``
    scan); any other text by the scan (Unicode digits count there)."""
    end = min(endpos, len(text))
    if not text.isascii():
        for m in _DIGIT.finditer(text, pos, end):
            yield m.start()
        return
    zeros = text.encode("ascii").translate(_TO_ZERO)
    i = zeros.find(b"0", pos, end)
    while i >= 0:
        yield i
        i = zeros.find(b"0", i + 1, end)


def start_words(pattern: re.Pattern[str]) -> tuple[Word, ...] | None:
    """(lowered, word) pairs one of which every match of ``pattern`` starts with, or None
    (a match may start with a class, an optional part); :data:`DIGIT_START` among them: a
    match may start with any digit."""
    tree = parse_tree(pattern.pattern, pattern.flags)
    words = _starts(list(tree), bool(pattern.flags & re.IGNORECASE))
    if not words:
        return None
    literal = words - {DIGIT_START}
    if literal and _weight(literal, common=False) < 2:
        return None
    return tuple(sorted(words, key=lambda w: (-len(w[1]), w)))


def _digits_only(av: Any) -> bool:
    """Whether a character class matches digits only (``\\d``, ``[0-9]``, ``[1-9]``, ``[\\d]``)."""
    return bool(av) and all(
        (o is C.CATEGORY and v is C.CATEGORY_DIGIT)
        or (o is C.RANGE and 48 <= v[0] <= v[1] <= 57)
        or (o is C.LITERAL and 48 <= v <= 57)
        for o, v in av
    )


def _starts(items: list[Any], ignore: bool) -> Words | None:
    """The words every match of the sequence ``items`` starts with (zero-width items such as
    ``\\b`` and lookarounds consume nothing, so the first item that does decides)."""
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            run = _literal_run(items[i:], ignore)
            return frozenset([(ignore, run)]) if run else None
        if op is C.SUBPATTERN:
            inner = (ignore or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
            return _starts(list(av[3]), inner)
        if op is C.ATOMIC_GROUP:
            return _starts(list(av), ignore)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            return _starts(list(av[2]), ignore) if av[0] >= 1 else None
        if op is C.BRANCH:
            out: set[Word] = set()
            for alternative in av[1]:
                words = _starts(list(alternative), ignore)
                if not words:
                    return None
                out |= words
            return frozenset(out)
        if op is C.IN:
            if _digits_only(av):
                return frozenset([DIGIT_START])
            chars, run = _item(op, av, ignore), _literal_run(items[i + 1 :], ignore)
            # "[Tt]op": each of its characters and the literal run after it ("Top", "top"),
            # words a text holds far fewer places of than of its letters alone
            return frozenset((low, c + run) for low, c in chars) if chars and run else chars
        return None
    return None


def _literal_run(items: list[Any], ignore: bool) -> str:
    """The literal characters ``items`` open with (lowered where the pattern ignores case; a
    character lowering does not stand for ends the run)."""
    run = []
    for op, av in items:
        ch = chr(av) if op is C.LITERAL else ""
        if not ch or (ignore and not _foldable(ch)):
            break
        run.append(ch.lower() if ignore else ch)
    return "".join(run)


class Gated:
    """``pattern`` with a word test before each scan; any other attribute is the pattern's."""

    def __init__(
        self, pattern: re.Pattern[str], words: tuple[Word, ...], starts: tuple[Word, ...] | None
    ) -> None:
        self._re = pattern
        self.raw = tuple(w for low, w in words if not low)  # found in the text as written
        self.low = tuple(w for low, w in words if low)  # found in the lowered text
        # an ASCII text (lowered, still ASCII) can hold only the ASCII ones ("patent", not 专利)
        self.raw_ascii = tuple(w for w in self.raw if w.isascii())
        self.low_ascii = tuple(w for w in self.low if w.isascii())
        self.starts = starts  # the words every match starts with, if known
        self.parts: tuple[Gated, ...] = ()  # its top-level alternatives, each gated
        # a match is tried at one place only: that costs less than the word test (measured
        # over the extractor's calls), so these are the pattern's own methods
        self.match = pattern.match
        self.fullmatch = pattern.fullmatch
        # what scans a text: the pattern, or a form of it the engine skips ahead in
        self._scan = skip_ahead_form(pattern) or pattern

    def __getattr__(self, name: str) -> Any:
        return getattr(self._re, name)

    def __repr__(self) -> str:
        return f"gate({self._re!r})"

    def may_match(self, text: str) -> bool:
        """False only when no match of the pattern can be in ``text``."""
        if text.isascii():  # its non-ASCII words are not tested (an English text: 专利, 排名)
            for w in self.raw_ascii:
                if w in text:
                    return True
            if not self.low_ascii:
                return False
            lowered = text.lower()  # (a short ASCII text is lowered faster than looked up)
            for w in self.low_ascii:  # noqa: SIM110 (a loop is cheaper than any() here)
                if w in lowered:
                    return True
            return False
        for w in self.raw:
            if w in text:
                return True
        if not self.low:
            return False
        # any other text's lowered form is looked up (lowering 62 Chinese characters and the
        # İ ı ſ K scan cost ~0.5 us, the lookup ~0.06 us: the patterns of one pass ask of
        # the same sentence)
        low = lowered_text(text)
        if low is None:
            return True
        for w in self.low:  # noqa: SIM110 (a loop is ~2x cheaper than any() over a generator)
            if w in low:
                return True
        return False

    def _starts_at(self, text: str, pos: int, endpos: int) -> list[int] | None:
        """Where a match may start in ``text[pos:endpos]``, in order: the places of the words
        every match starts with (None: unknown, or too many to try one by one)."""
        if self.starts is None or min(endpos, len(text)) - pos < _LONG:
            return None
        low = lowered_text(text) if self.low or any(lw for lw, _ in self.starts) else text
        if low is None:
            return None
        found: set[int] = set()
        # a match tried at a start place costs about as much as scanning ~16 characters
        limit = max(_MAX_STARTS, (min(endpos, len(text)) - pos) // 16)
        for lowered, word in self.starts:
            if word is DIGIT_START[1]:
                for i in _digit_places(text, pos, endpos):
                    found.add(i)
                    if len(found) > limit:
                        return None
                continue
            hay = low if lowered else text
            i = hay.find(word, pos, endpos)
            while i >= 0:
                found.add(i)
                if len(found) > limit:
                    return None
                i = hay.find(word, i + 1, endpos)
        return sorted(found)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As the pattern's search: the first place a match starts at is the leftmost match,
        so only the places of its start words are tried (``match`` there)."""
        if not self.may_match(text):
            return None
        if len(text) < _LONG:  # too short for the start-word and part searches below
            return self._scan.search(text, pos, endpos)
        pos, endpos = _bounds(text, pos, endpos)
        starts = self._starts_at(text, pos, endpos)
        if starts is None:
            at = self._leftmost(text, pos, endpos)
            if at is None:
                return self._scan.search(text, pos, endpos)
            return self._re.match(text, at, endpos) if at >= 0 else None
        for i in starts:
            m = self._re.match(text, i, endpos)
            if m:
                return m
        return None

    def _leftmost(self, text: str, pos: int, endpos: int) -> int | None:
        """Where the leftmost match starts (-1: none), found alternative by alternative so
        that those whose words the text lacks are not scanned; None: not worth it here.
        The pattern matches there: its search tries positions in order, and at that one
        some alternative matches (the first that does is the pattern's match)."""
        if not self.parts or min(endpos, len(text)) - pos < _LONG:
            return None
        best = -1
        for part in self.parts:
            m = part.search(text, pos, endpos)
            if m and (best < 0 or m.start() < best):
                best = m.start()
        return best

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        if not self.may_match(text):
            return iter(())
        if len(text) < _LONG:  # too short for the start-word and part searches below
            return self._scan.finditer(text, pos, endpos)
        pos, endpos = _bounds(text, pos, endpos)
        starts = self._starts_at(text, pos, endpos)
        if starts is None:
            if self.parts and min(endpos, len(text)) - pos >= _LONG:
                return self._iter_parts(text, pos, endpos)
            return self._scan.finditer(text, pos, endpos)
        return self._iter_from(text, starts, endpos)

    def _iter_parts(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """finditer by :meth:`_leftmost` (no match is empty: each holds a required word)."""
        while True:
            at = self._leftmost(text, pos, endpos)
            if at is None:  # the rest is short: one scan of it
                yield from self._scan.finditer(text, pos, endpos)
                return
            m = self._re.match(text, at, endpos) if at >= 0 else None
            if m is None:
                return
            yield m
            pos = m.end()

    def _iter_from(self, text: str, starts: list[int], endpos: int) -> Iterator[re.Match[str]]:
        """The matches found from the start places, each search resuming where the last match
        ended (a match holds a start word, so none is empty: finditer's own rule)."""
        after = 0
        for i in starts:
            if i < after:
                continue
            m = self._re.match(text, i, endpos)
            if m:
                yield m
                after = m.end()

    def findall(self, text: str, *args: Any, **kw: Any) -> list[Any]:
        return self._scan.findall(text, *args, **kw) if self.may_match(text) else []

    def sub(self, repl: Any, text: str, *args: Any, **kw: Any) -> str:
        return self._scan.sub(repl, text, *args, **kw) if self.may_match(text) else text

    def split(self, text: str, *args: Any, **kw: Any) -> list[Any]:
        return self._scan.split(text, *args, **kw) if self.may_match(text) else [text]


def _bounds(text: str, pos: int, endpos: int) -> tuple[int, int]:
    """``pos`` and ``endpos`` as the regex engine reads them (a negative one is 0, not an
    offset from the end as for ``str.find``)."""
    end = min(max(endpos, 0), len(text))
    return min(max(pos, 0), end), end


class Started(Gated):
    """A pattern without a word test but whose every match starts with one of a few words or
    a digit: a long text is tried only at those places (``(?<![\\d-])(\\d{4})…`` scanned a
    1.7 KB text in ~60 us, its lookbehind tried at every position)."""

    def may_match(self, text: str) -> bool:
        return True


class Wide(Gated):
    """A pattern without words whose every match holds a character no ASCII text has (a CJK
    class: :mod:`core.metrics.wide`): an ASCII text is answered without a scan."""

    def may_match(self, text: str) -> bool:
        return not text.isascii()


def gate(pattern: Any) -> Any:
    """``pattern`` behind its word test, or itself when it has no useful one (or is gated
    already); a pattern with no word test but known start words is tried only at their
    places in a long text (:class:`Started`). Typed as Any so call sites keep the
    pattern's method signatures."""
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return pattern
    words = required_words(pattern)
    starts = start_words(pattern)
    if starts and DIGIT_START in starts and engine_skips(pattern):
        starts = None  # the engine jumps to the digits itself
    if words is None:
        usable = starts is not None and len(starts) <= _MAX_START_WORDS
        if usable and engine_skips(pattern):
            usable = False
        if needs_non_ascii(pattern):
            return Wide(pattern, (), starts if usable else None)
        return Started(pattern, (), starts) if usable else pattern
    gated = Gated(pattern, words, starts if starts and len(starts) <= _MAX_START_WORDS else None)
    gated.parts = _parts(pattern) if gated.starts is None else ()
    return gated


# what a top-level alternative cannot be scanned alone with: a lookahead or lookbehind that
# must hold (its words may make a match empty), a back-reference, an inline global flag
_NOT_ALONE = re.compile(r"\\[1-9]|\\g<|\(\?(?:=|<=|P=|[aiLmsux]+\))")


def _parts(pattern: re.Pattern[str]) -> tuple[Gated, ...]:
    """The top-level alternatives of ``pattern``, each gated, when every one of them has its
    own words (else one scan of the whole pattern is as cheap)."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or _NOT_ALONE.search(source):
        return ()
    alternatives = _top_level(source)
    if alternatives is None or len(alternatives) < 2:
        return ()
    parts = [gate(re.compile(a, pattern.flags)) for a in alternatives]
    return tuple(parts) if all(isinstance(p, Gated) for p in parts) else ()


def _gated(value: Any, depth: int = 0) -> Any:
    """``value`` with its patterns gated: a pattern, or a plain tuple of them (rows of a table)."""
    if isinstance(value, re.Pattern):
        return gate(value)
    if type(value) is tuple and depth < 3:
        return tuple(_gated(v, depth + 1) for v in value)
    if isinstance(value, list) and depth < 3:
        value[:] = [_gated(v, depth + 1) for v in value]
    elif type(value) is dict and depth < 3:
        for key, v in value.items():
            value[key] = _gated(v, depth + 1)
    return value


def gate_tables(namespace: dict[str, Any]) -> None:
    """Gate every compiled pattern of a module (``globals()``), alone or in its tables (lists,
    tuples and dicts of rows), in place. Called last in a module, so that the names other
    modules import from it are the gated ones; a pattern without a useful word set stays
    as it is."""
    for name, value in list(namespace.items()):
        if not name.startswith("__"):
            namespace[name] = _gated(value)
