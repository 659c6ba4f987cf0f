"""Find and normalise publication dates written the ways Chinese CMSs write them.

Regular expressions cover the formats seen on WebPlus/VSB sites (``2020-08-04``,
``2018年01月23日``, ``Apr 2, 2019``, ``March 15,2017 18:23:49``); they are
deterministic and fast, where dateparser invents dates from stray numbers.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_TIME = r"(?:[ T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?"
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)(?:\s*日)?"
    + _TIME
)
_ENGLISH = re.compile(
    r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*,\s*(?P<y>(?:19|20)\d{2})"
    + _TIME
)
_ENGLISH_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>(?:19|20)\d{2})" + _TIME
)


def find_date(text: str | None) -> str | None:
    """Return the first date in ``text`` as ISO 8601, or None.

    A time of day is kept when the text gives one (``2020-10-05T16:41:30``).
    """
    if not text:
        return None
    for pattern in (_NUMERIC, _ENGLISH, _ENGLISH_DMY):
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                return iso
    return None


def _to_iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    try:
        month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()]
        day = date(int(parts["y"]), month, int(parts["d"]))
    except (KeyError, ValueError):
        return None
    if parts.get("h") is None:
        return day.isoformat()
    try:
        moment = datetime(
            day.year, day.month, day.day, int(parts["h"]), int(parts["mi"]), int(parts["s"] or 0)
        )
    except ValueError:
        return day.isoformat()
    return moment.isoformat()
