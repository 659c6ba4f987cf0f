"""Indian institutes named by their city: in an article about IITs or NITs, "the Delhi
campus", "the Calicut institute", "the institutes in Delhi and Kanpur" and "the one at
Surathkal" are IIT Delhi, NIT Calicut, IIT Delhi and IIT Kanpur, NIT Surathkal. The cities
come from the registry's aliases ("NIT Calicut"), the family from what the article names
("IITs", "National Institute of Technology"); the pairs join the article's own names
(core/metrics/article_names.py) for the entity finder."""

from __future__ import annotations

import re
from functools import lru_cache

from core.institutions import registry

_FAMILIES = (
    ("Indian Institute of Technology", "IIT"),
    ("National Institute of Technology", "NIT"),
)
# what a city stands in for: "the Delhi campus", "the institute(s) in Delhi (and Kanpur)"
_FORMS = (
    "{city} campus",
    "{city} institute",
    "institute in {city}",
    "institutes in {city}",
    "institute at {city}",
    "one at {city}",
)


@lru_cache(maxsize=1)
def _cities() -> tuple[tuple[str, str, str], ...]:
    """(family short form, city, institution) for every registered institute named so."""
    out = []
    for inst in registry():
        for full, short in _FAMILIES:
            if not inst.name.startswith(full):
                continue
            for alias in inst.aliases:
                m = re.fullmatch(rf"{short}[ -]([A-Z][a-z]+)", alias)
                if m:
                    out.append((short, m.group(1), inst.name))
    return tuple(out)


def campus_names(text: str) -> tuple[tuple[str, str], ...]:
    """(phrase, institution) pairs for the cities of the families ``text`` names."""
    named = {
        short
        for full, short in _FAMILIES
        if full in text or (short in text and re.search(rf"\b{short}s?\b", text))
    }
    if not named:
        return ()  # (most articles: two substring tests)
    pairs: list[tuple[str, str]] = []
    for short, city, name in _cities():
        if short in named and city in text:
            pairs += [(form.format(city=city), name) for form in _FORMS]
    # "the institutes in Delhi and Kanpur": the second city of a pair of institutes
    for m in re.finditer(r"\binstitutes (?:in|at) ([A-Z][a-z]+) and ([A-Z][a-z]+)\b", text):
        second = next((n for s, c, n in _cities() if s in named and c == m.group(2)), None)
        if second:
            pairs.append((m.group(2), second))  # (in this article the city is the institute)
    return tuple(pairs)
