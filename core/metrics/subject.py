"""The university an article is about when the caller does not say: the one its headline
names, when its body speaks of "the university" (我校, the institute).

A university's own news and the media's reports on one university name it in the headline
("Cedar University reports a record year for innovation") and then write "the university"
or "我校" for it. Given no institution, those figures had no owner. A headline naming two
universities, or none, names no subject; so does a body that never refers to itself.
"""

from __future__ import annotations

import re

from core.metrics.entities import SELF_REFERENCES, find_entities
from core.metrics.gates import gate_tables

_HEADLINE_MAX = 120
_SELF = re.compile("|".join(re.escape(w) for w in SELF_REFERENCES), re.I)


def headline_subject(text: str) -> str | None:
    """The one university the first line names, if the body refers to its own university."""
    first, _sep, body = text.lstrip().partition("\n")
    if not body or len(first) > _HEADLINE_MAX or not _SELF.search(body):
        return None
    names = {e.name for e in find_entities(first) if e.university and e.name}
    return names.pop() if len(names) == 1 else None


# every pattern above skips texts without its words (core/metrics/gates.py): the self-references'
# case-insensitive alternation read every position of a body without one (~90 us a story)
gate_tables(globals())
