"""Any WIPO file → its rows: the format is found from the bytes, not trusted from the name.

A ZIP is either a workbook (``xl/workbook.xml`` inside) or a downloaded export
holding CSV/XLSX files; a page starting with markup is a press release or an
annex page; anything else is read as CSV. Each sheet or table is tried as an IP
Statistics export first (years as columns), then as a ranking/indicator table.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from core.wipo import ipstats, tables
from core.wipo.model import NoWipoTable, Parsed
from core.wipo.releases import html_tables, parse_release

LOOKED_FOR = f"{tables.LOOKED_FOR}, or {ipstats.LOOKED_FOR}"


def kind_of(data: bytes) -> str:
    """'workbook', 'zip', 'html' or 'csv', from the content."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "csv"
        return "workbook" if "xl/workbook.xml" in names else "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<table", b"<head", b"<body")):
        return "html"
    return "csv"


def parse_rows_any(
    rows: Sequence[Sequence[str]],
    year: int | None = None,
    category: str | None = None,
    context: str = "",
) -> Parsed:
    """One sheet or table: an IP Statistics export, else a ranking or indicator table."""
    if ipstats.find_wide_header(rows) is not None:
        return Parsed("ipstats", indicators=ipstats.parse_wide(rows))
    rankings, indicators = tables.parse_rows(rows, year, category, context)
    return Parsed("ranking table" if rankings else "table", rankings, indicators)


def parse_workbook(data: bytes, year: int | None = None, category: str | None = None) -> Parsed:
    """Every sheet of a workbook; a sheet with no table is passed over, and when no
    sheet has one, the last sheet's reason is raised."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = Parsed("workbook")
    problem: NoWipoTable | None = None
    try:
        for sheet in workbook.worksheets:
            rows = ipstats.sheet_rows(sheet)
            if not any(any(r) for r in rows):
                continue
            try:
                got = parse_rows_any(rows, year, category, context=sheet.title)
            except NoWipoTable as exc:
                problem = problem if _is_plain_miss(exc) and problem else exc
                continue
            out.rankings += got.rankings
            out.indicators += got.indicators
    finally:
        workbook.close()
    if not out.rankings and not out.indicators:
        raise problem or NoWipoTable(f"no WIPO table: looked for {LOOKED_FOR}")
    return out


def _is_plain_miss(exc: NoWipoTable) -> bool:
    # "no table here" is less useful to report than "the table needs --year"
    return str(exc).startswith("no ")


def parse_html(data: bytes, url: str, year: int | None, category: str | None) -> Parsed:
    html = data.decode("utf-8", "replace")
    release = parse_release(html, url)
    if release.rankings:
        return Parsed("release", rankings=release.rankings, release_no=release.release_no)
    out = Parsed("html tables", release_no=release.release_no)
    for rows in html_tables(html):
        try:
            got = parse_rows_any(rows, year or release.data_year, category)
        except NoWipoTable:
            continue
        out.rankings += got.rankings
        out.indicators += got.indicators
    if not out.rankings and not out.indicators and release.attachments:
        links = ", ".join(a.rsplit("/", 1)[-1] for a in release.attachments)
        raise NoWipoTable(f"no WIPO table on the page; its tables are the linked files ({links})")
    if not out.rankings and not out.indicators:
        raise NoWipoTable(
            "no WIPO table: looked for a 'Top PCT applicants' heading with a table or a"
            f" numbered list, and for HTML tables with {tables.LOOKED_FOR}"
        )
    return out


def parse_csv(data: bytes, year: int | None = None, category: str | None = None) -> Parsed:
    try:
        return parse_rows_any(ipstats.csv_rows(data), year, category)
    except NoWipoTable as exc:
        if _is_plain_miss(exc):
            raise NoWipoTable(f"no WIPO table: looked for {LOOKED_FOR}") from None
        raise


def parse_file(
    data: bytes, name: str = "", year: int | None = None, category: str | None = None
) -> Parsed:
    """Any WIPO file. Raises NoWipoTable (message: what was looked for, or which option
    the file needs) when it yields no rows: a file is never silently empty."""
    kind = kind_of(data)
    if kind == "workbook":
        return parse_workbook(data, year, category)
    if kind == "html":
        return parse_html(data, name, year, category)
    if kind == "zip":
        return _parse_zip(data, year, category)
    return parse_csv(data, year, category)


def _parse_zip(data: bytes, year: int | None, category: str | None) -> Parsed:
    out = Parsed("zip")
    members = [(n, b) for n, b in ipstats.zip_members(data) if re.search(r"\.(csv|xlsx)$", n, re.I)]
    if not members:
        raise NoWipoTable("no CSV or XLSX file inside the ZIP")
    for member, body in members:
        got = parse_file(body, member, year, category)
        out.kind = got.kind
        out.rankings += got.rankings
        out.indicators += got.indicators
    return out
