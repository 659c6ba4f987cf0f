"""IP Statistics Data Center exports: wide tables, one column per year, every dimension kept.

Two forms are in use. The 2015 export: a preamble of ``Label :Value`` lines, then
a two-row header (the years on the first row after empty cells, the key columns
``Office, Office (Code), Origin, Technology`` on the second), empty cells for
missing values and a trailing comma on every row. The current export: the same
preamble, one header row (``Origin,Origin (Code),Office,Field of technology,1980,…``)
and ``$$MISSING$$`` for missing values. Either may come zipped, or as a workbook.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from core.wipo.model import Indicator, NoWipoTable, cell_text, decimal

HEADER_SCAN = 40
LOOKED_FOR = (
    f"an IP Statistics header (Office/Origin key columns and year columns) within the first"
    f" {HEADER_SCAN} lines"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_KEY = re.compile(r"^(office|origin|technology|field|class|type|sector|country|region)", re.I)


_ORIGIN_KEYS = ("origin (code)", "origin", "country (code)", "country")
_DIMENSIONS = ("office", "origin", "country")


@dataclass
class WideHeader:
    data_start: int  # index of the first data row
    keys: list[tuple[int, str]]  # (column, label) of the key columns
    years: list[tuple[int, int]]  # (column, year)


def _years(row: Sequence[str]) -> list[tuple[int, int]]:
    return [(i, int(c)) for i, c in enumerate(row) if _YEAR.fullmatch(c.strip())]


def _keys(row: Sequence[str], before: int) -> list[tuple[int, str]]:
    return [(i, c.strip()) for i, c in enumerate(row[:before]) if c.strip()]


def find_wide_header(rows: Sequence[Sequence[str]]) -> WideHeader | None:
    """The key-column row, with its years on the same row or on the row above it."""
    for i, row in enumerate(rows[:HEADER_SCAN]):
        years = _years(row)
        if not years:
            continue
        first = years[0][0]
        keys = _keys(row, first)
        if keys and all(_KEY.match(label) for _, label in keys):
            return WideHeader(i + 1, keys, years)  # current form: one header row
        below = rows[i + 1] if i + 1 < len(rows) else []
        keys = _keys(below, first)
        if not keys_in(row, first) and keys and all(_KEY.match(label) for _, label in keys):
            return WideHeader(i + 2, keys, years)  # 2015 form: years, then the key names
    return None


def keys_in(row: Sequence[str], before: int) -> bool:
    return any(c.strip() for c in row[:before])


def preamble_value(rows: Sequence[Sequence[str]], label: str) -> str:
    """``Indicator :5 - Patent grants by technology`` → '5 - Patent grants by technology'."""
    for row in rows[:HEADER_SCAN]:
        text = ",".join(c for c in row if c).strip()
        m = re.match(rf"^{label}\s*:\s*(.+)$", text, re.I)
        if m:
            return m.group(1).strip()
    return ""


def parse_wide(rows: Sequence[Sequence[str]], indicator: str = "") -> list[Indicator]:
    """Rows of an export (any source) → one value per (office, origin, field, year)."""
    header = find_wide_header(rows)
    if header is None:
        raise NoWipoTable(f"no IP Statistics table: looked for {LOOKED_FOR}")
    indicator = indicator or preamble_value(rows, "Indicator") or "unnamed indicator"
    out: list[Indicator] = []
    for row in rows[header.data_start :]:
        dims = _dimensions(row, header.keys)
        if dims is None:
            continue
        office, origin, field = dims
        for col, year in header.years:
            raw = row[col] if col < len(row) else ""
            out.append(Indicator(indicator, origin, office, year, decimal(raw), field))
    return out


def _dimensions(row: Sequence[str], keys: list[tuple[int, str]]) -> tuple[str, str, str] | None:
    """(office, origin, field) of a data row: a code where WIPO gives one, else the label."""
    values = {label.lower(): _clean(row[i]) if i < len(row) else "" for i, label in keys}
    if not any(values.values()):
        return None
    office = values.get("office (code)") or values.get("office") or "Total"
    origin = next((values[k] for k in _ORIGIN_KEYS if values.get(k)), "Total")
    fields = [v for k, v in values.items() if not k.startswith(_DIMENSIONS) and v]
    return office, origin, " / ".join(fields)


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == "$$MISSING$$" else value


def csv_rows(data: bytes) -> list[list[str]]:
    """A CSV export's rows. Some exports separate the preamble's lines with tabs: a
    line with tabs and no comma is split into lines."""
    text = data.decode("utf-8-sig", "replace")
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(line.split("\t") if "\t" in line and "," not in line else [line])
    return list(csv.reader(io.StringIO("\n".join(lines))))


def parse_ipstats_csv(data: bytes) -> list[Indicator]:
    rows = csv_rows(data)
    return parse_wide(rows)


def sheet_rows(sheet: object) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    """The data files in a downloaded ZIP (macOS resource forks left out)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            (info.filename, archive.read(info))
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and not info.filename.rsplit("/", 1)[-1].startswith("._")
        ]
