"""Hot-path helpers of core.extraction.text give exactly what the per-character code gave."""

from __future__ import annotations

import random

from core.extraction.text import letter_count


def test_letter_count_equals_isalpha_counting() -> None:
    samples = [
        "",
        "DUT filed 53 PCT applications in 2018.",
        "近日，学校获得授权发明专利1032件①，同比增长15.2%。",
        "Ⅳ² ½ ٣ 𠀀𠀁 x_y",  # numerals that are not letters, astral CJK
    ]
    rng = random.Random(3)
    samples += ["".join(chr(rng.randrange(0x110000)) for _ in range(80)) for _ in range(100)]
    for text in samples:
        assert letter_count(text) == sum(ch.isalpha() for ch in text), text
