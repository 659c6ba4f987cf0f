"""``patentwatch wipo import FILE``: store a WIPO table or IP Statistics export an analyst
downloaded (press-release page or annex, WIPI workbook, Data Center CSV/ZIP/XLSX).

The format is found from the content; the rows are stored with the file as their
source (``file://`` URL), through the same upserts as crawled rows, so importing
a file twice changes nothing and a corrected file updates in place. A file with
no WIPO table in it is refused with one line naming what was looked for, and
nothing is written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database

from core import wipo
from storage import utc_now
from storage.wipo import WipoFile, record_file, save_indicators, save_rankings

CATEGORIES = ("education", "overall", "business", "government")


class WipoImportError(ValueError):
    """A user's mistake: the one line to print (exit 2)."""


@dataclass
class Imported:
    path: Path
    parsed: wipo.Parsed
    changed: int  # rows inserted or changed by this import

    def lines(self) -> list[str]:
        """What was stored, one line per (year, category) of rankings and one for values."""
        out = []
        groups = Counter((r.year, r.category) for r in self.parsed.rankings)
        for (year, category), n in sorted(groups.items()):
            out.append(f"{n:,} rankings for {year}, {category}")
        values = self.parsed.indicators
        if values:
            years = sorted({v.year for v in values})
            missing = sum(v.value is None for v in values)
            names = sorted({v.indicator for v in values})
            span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
            out.append(
                f"{len(values):,} indicator values ({missing:,} missing) for {', '.join(names)}, {span}"
            )
        note = (
            "nothing changed (already imported)"
            if not self.changed
            else f"{self.changed:,} rows new or changed"
        )
        out.append(f"from {self.path}: {note}")
        return out


def read_file(path: Path, year: int | None, category: str | None) -> tuple[bytes, wipo.Parsed]:
    """The file's bytes and rows; WipoImportError (one line) when it holds no WIPO table."""
    if category is not None and category not in CATEGORIES:
        raise WipoImportError(
            f"unknown category {category!r} (choose from {', '.join(CATEGORIES)})"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WipoImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        parsed = wipo.parse_file(data, path.name, year, category)
    except wipo.NoWipoTable as exc:
        raise WipoImportError(f"{path}: {exc}") from None
    except (ValueError, KeyError, OSError) as exc:  # a damaged workbook or archive
        raise WipoImportError(f"{path}: not a readable WIPO file ({exc})") from None
    if not parsed.rankings and not parsed.indicators:
        raise WipoImportError(f"{path}: no rows in the WIPO table")
    _check_options(path, parsed, year, category)
    return data, parsed


def _check_options(path: Path, parsed: wipo.Parsed, year: int | None, category: str | None) -> None:
    """The file's own year and category win; an option that contradicts them is a
    mistake worth one line, not a silent override."""
    said_years = {r.year for r in parsed.rankings}
    if year is not None and said_years and year not in said_years:
        said = ", ".join(map(str, sorted(said_years)))
        raise WipoImportError(f"{path} says {said}, not {year}: leave --year out")
    said_categories = {r.category for r in parsed.rankings}
    if category is not None and said_categories and category not in said_categories:
        said = ", ".join(sorted(said_categories))
        raise WipoImportError(f"{path} says {said}, not {category}: leave --category out")


def import_file(
    db: Database, path: Path, year: int | None = None, category: str | None = None
) -> Imported:
    """Parse ``path`` and store its rows; raises WipoImportError before writing anything
    when the file yields no rows."""
    path = Path(path)
    data, parsed = read_file(path, year, category)
    return store(db, path, data, parsed)


def store(db: Database, path: Path, data: bytes, parsed: wipo.Parsed) -> Imported:
    """Store what :func:`read_file` found, with the file as the rows' source."""
    source = path.resolve().as_uri()
    now = utc_now()
    rankings = [
        {**asdict(r), "source_url": source, "fetched_at": now, "release_no": parsed.release_no}
        for r in parsed.rankings
    ]
    indicators = [{**asdict(i), "source_url": source, "fetched_at": now} for i in parsed.indicators]
    changed = save_rankings(db, rankings) + save_indicators(db, indicators)
    sha1 = hashlib.sha1(data).hexdigest()
    record = WipoFile(source, sha1, parsed.kind, len(rankings), len(indicators))
    record_file(db, record, now)
    return Imported(path, parsed, changed)
