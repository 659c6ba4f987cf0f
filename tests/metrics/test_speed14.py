"""Exactness of the speed14 shortcuts: each equals the pattern or pass it stands for, on
made-up texts (every piece next to every other, other scripts' digits and letters that
IGNORECASE pairs with ASCII ones)."""

from __future__ import annotations

import itertools
import random

from core.metrics import count_forms

_PLACE_PIECES = (
    "ranked", "came in", "moved", " into ", "second", "fifth", "12th", "No. 3", " the ",
    " with", "With", "WITH", "wıth", "with", "\t", " ", "\n", "1", "٢", "２", "186", ".",
    "patents", "专利", "was", "place", " overall ", "to ",
)  # fmt: skip


def _texts(pieces: tuple[str, ...], size: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pairs = ["".join(p) for p in itertools.product(pieces, repeat=2)]
    return pairs + ["".join(rng.choice(pieces) for _ in range(size)) for _ in range(count)]


def _places() -> list[str]:
    """A place with its figure, piece by piece ("B came in fifth with 186")."""
    verbs = ("ranked", "Came In", "moved up to", "RANKS", "rose", "is", "placed")
    places = (" fifth", " 12th", " No. 3", " the second", " 3rd place", " x")
    withs = (" with", " WITH", " wıth", "with", " with\t", " with\n")
    figures = (" 186", "186", " ٢", "２", " one", ".")
    return [
        "B " + "".join(p) + " patents" for p in itertools.product(verbs, places, withs, figures)
    ]


def test_placed_with_any_is_the_pattern() -> None:
    """The "with" and digit test before PLACED_WITH_ANY answers as the pattern does."""
    held = 0
    for text in _places() + _texts(_PLACE_PIECES, 12, 20000, 14):
        expected = count_forms.PLACED_WITH_ANY.search(text) is not None
        assert count_forms.placed_with_any(text) == expected, text
        held += expected
    assert held > 500  # the cases hold places with their figures, not only texts without
