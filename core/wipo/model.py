"""The rows every WIPO parser returns, and the number rule they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class NoWipoTable(ValueError):
    """A file or page that holds no WIPO table; the message names what was looked for."""


@dataclass
class Ranking:
    """One row of a top-applicants table."""

    year: int
    category: str
    rank: int | None
    applicant: str
    country: str | None
    published: int | None
    published_prev: int | None = None
    change: int | None = None
    position_change: int | None = None
    rank_overall: int | None = None
    tied: bool = False


@dataclass
class Indicator:
    """One value of an indicator, long format, with every dimension WIPO gives it.

    ``office`` and ``origin`` are codes where WIPO gives one (``US``, ``EP``, ``R1``)
    and otherwise its label (``Total``, ``Resident``); ``field`` is the technology,
    field or class breakdown (``3 - Telecommunications``), empty when there is none."""

    indicator: str
    origin: str
    office: str
    year: int
    value: float | None
    field: str = ""


@dataclass
class Release:
    release_no: str | None
    data_year: int | None
    rankings: list[Ranking] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    """What one file held: its kind, its rows, and what the file itself said."""

    kind: str  # "release", "workbook", "ranking table", "ipstats"
    rankings: list[Ranking] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    release_no: str | None = None


MISSING = {"", "-", "–", "—", "..", "n/a", "na", "$$missing$$", "x"}


def number(text: object) -> int | None:
    """'1,234' → 1234; '' or '-' or 'n/a' → None (a missing value, never zero)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        return int(text) if text == int(text) else None
    cleaned = re.sub(r"[,\s\u00a0]", "", str(text or ""))
    m = re.fullmatch(r"([+-]?\d+)(?:\.0+)?%?", cleaned)
    return int(m.group(1)) if m else None


def decimal(text: object) -> float | None:
    """A cell as a float: '2,251' → 2251.0, '-4.8' → -4.8; missing markers → None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text)
    cleaned = re.sub(r"[,\s\u00a0]", "", str(text or ""))
    if cleaned.lower() in MISSING:
        return None
    m = re.fullmatch(r"[+-]?(?:\d+\.?\d*|\.\d+)%?", cleaned)
    return float(cleaned.rstrip("%")) if m else None


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: integral floats lose their '.0' (years, counts)."""
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).strip()
