"""Parse WIPO's PCT statistics: press-release annex tables, lists, CSV/XLSX attachments,
the PCT Newsletter's filing lists and IP Statistics Data Center CSV exports.

Pure functions over page text or file bytes. WIPO's layout changes between years
(columns renamed, tables replaced by lists or attachments), so columns are
found by what their headers say, not by position.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from parsel import Selector

from core.extraction.text import clean_text

COUNTRIES = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "china": "CN",
    "japan": "JP",
    "germany": "DE",
    "republic of korea": "KR",
    "korea": "KR",
    "france": "FR",
    "united kingdom": "GB",
    "uk": "GB",
    "switzerland": "CH",
    "sweden": "SE",
    "netherlands": "NL",
    "denmark": "DK",
    "israel": "IL",
    "singapore": "SG",
    "canada": "CA",
    "italy": "IT",
    "india": "IN",
    "finland": "FI",
    "belgium": "BE",
    "spain": "ES",
    "australia": "AU",
}
CATEGORIES = (
    ("education", re.compile(r"educat|universit", re.I)),
    ("government", re.compile(r"government|research (?:organi|institution)", re.I)),
    ("business", re.compile(r"business|compan|corporat", re.I)),
    ("overall", re.compile(r"top pct applicants|applicants", re.I)),
)


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
    """One value of a country-level indicator, long format."""

    indicator: str
    origin: str
    office: str
    year: int
    value: float | None


@dataclass
class Release:
    release_no: str | None
    data_year: int | None
    rankings: list[Ranking] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def number(text: str | None) -> int | None:
    """'1,234' → 1234; '' or '-' or 'n/a' → None (a missing value, never zero)."""
    cleaned = re.sub(r"[,\s\u00a0]", "", text or "")
    m = re.fullmatch(r"([+-]?\d+)(?:\.0+)?%?", cleaned)
    return int(m.group(1)) if m else None


def country_code(text: str | None) -> str | None:
    if not text:
        return None
    t = clean_text(text).strip("() ").lower()
    if re.fullmatch(r"[a-z]{2}", t):
        return t.upper()
    return COUNTRIES.get(t)


def split_applicant(text: str) -> tuple[str, str | None]:
    """'Kyoto U. (Japan)' → ('Kyoto U.', 'JP'); 'Technical University of Denmark, Denmark' → (…, 'DK')."""
    text = clean_text(text)
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", text)
    if m and country_code(m.group(2)):
        return m.group(1), country_code(m.group(2))
    m = re.match(r"^(.*?),\s*([A-Za-z .]+)$", text)
    if m and country_code(m.group(2)):
        return m.group(1), country_code(m.group(2))
    return text, None


# --------------------------------------------------------------------------- tables


def _role(header: str, year: int | None) -> str | None:
    h = header.lower()
    if "overall" in h or "all applicants" in h:
        return "rank_overall"
    if "position" in h:
        return "position_change"
    if h.startswith("rank") or h == "#":
        return "rank"
    if any(k in h for k in ("applicant", "university", "institution", "name")):
        return "applicant"
    if any(k in h for k in ("origin", "country")):
        return "country"
    if "change" in h:
        return "change"
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", h)]
    if years:
        if year is not None and years[-1] < year:
            return "published_prev"
        return "published"
    if any(k in h for k in ("number", "published", "applications")):
        return "published"
    return None


def rows_to_rankings(rows: list[list[str]], year: int, category: str) -> list[Ranking]:
    """Rankings from a table's rows (first row with an applicant column is the header)."""
    # the header is the first row naming an applicant column among several columns
    # (a one-cell title row such as "Top PCT applicants: …, 2018" is not)
    header_index = next(
        (
            i
            for i, r in enumerate(rows)
            if sum(bool(c.strip()) for c in r) >= 3
            and any(_role(c, year) == "applicant" for c in r)
        ),
        None,
    )
    if header_index is None:
        return []
    roles = [_role(c, year) for c in rows[header_index]]
    out: list[Ranking] = []
    last_rank: int | None = None
    for raw in rows[header_index + 1 :]:
        cells = dict(zip(roles, raw, strict=False))
        name = clean_text(cells.get("applicant"))
        if not name:
            continue
        applicant, country = split_applicant(name)
        rank_text = clean_text(cells.get("rank"))
        tied = "=" in rank_text or rank_text == ""
        rank = number(rank_text.replace("=", "")) if rank_text else last_rank
        tied = tied and rank is not None and (rank == last_rank or "=" in rank_text)
        if tied and out and out[-1].rank == rank:
            out[-1].tied = True
        out.append(
            Ranking(
                year=year,
                category=category,
                rank=rank,
                applicant=applicant,
                country=country_code(cells.get("country")) or country,
                published=number(cells.get("published")),
                published_prev=number(cells.get("published_prev")),
                change=number(cells.get("change")),
                position_change=number(cells.get("position_change")),
                rank_overall=number(cells.get("rank_overall")),
                tied=tied,
            )
        )
        last_rank = rank
    return out


def _category(text: str) -> str | None:
    for name, pattern in CATEGORIES:
        if pattern.search(text):
            return name
    return None


_LIST_ITEM = re.compile(
    r"^(?:#?(?P<rank>\d+)[.)]?\s+)?(?:\(#(?P<overall>\d+) overall\)\s+)?(?P<name>.+?)"
    r"(?:\s+(?P<count>\d[\d,]*))?$"
)


def _list_rankings(items: list[str], year: int, category: str) -> list[Ranking]:
    out = []
    for text in items:
        m = _LIST_ITEM.match(clean_text(text))
        if not m or not m.group("rank"):
            continue
        applicant, country = split_applicant(m.group("name"))
        out.append(
            Ranking(
                year=year,
                category=category,
                rank=int(m.group("rank")),
                applicant=applicant,
                country=country,
                published=number(m.group("count")),
                rank_overall=number(m.group("overall")),
            )
        )
    return out


def parse_release(html: str, url: str) -> Release:
    """A press release: its number, the year of its data, annex tables/lists and attachments."""
    sel = Selector(text=html)
    text = clean_text(" ".join(sel.css("body ::text").getall()))
    m = re.search(r"PR/(\d{4})/(\d+)", text)
    release_no = m.group(0) if m else None
    published_year = int(m.group(1)) if m else None
    release = Release(release_no, None)
    for block in sel.css("h2, h3, h4, caption"):
        heading = clean_text(" ".join(block.css("::text").getall()))
        if "pct applicants" not in heading.lower():
            continue
        category = _category(heading) or "overall"
        years = re.findall(r"\b(?:19|20)\d\d\b", heading)
        year = int(years[-1]) if years else (published_year - 1 if published_year else None)
        if year is None:
            continue
        release.data_year = release.data_year or year
        table = block.xpath("ancestor-or-self::table[1] | following::table[1]")
        lst = block.xpath("following::*[self::ol or self::ul][1]")
        nxt = block.xpath("following::*[self::table or self::ol or self::ul][1]")
        if nxt and nxt[0].root.tag == "table" and table:
            rows = [
                [clean_text(" ".join(c.css("::text").getall())) for c in tr.css("th, td")]
                for tr in table[0].css("tr")
            ]
            release.rankings += rows_to_rankings(rows, year, category)
        elif lst:
            items = [clean_text(" ".join(li.css("::text").getall())) for li in lst[0].css("li")]
            release.rankings += _list_rankings(items, year, category)
    for href in sel.css("a::attr(href)").getall():
        low = href.lower().split("?")[0]
        if low.endswith((".xlsx", ".csv")):
            release.attachments.append(href)
        elif low.endswith(".pdf"):
            release.skipped.append(href)
    if release.data_year is None and published_year:
        release.data_year = published_year - 1
    return release


# --------------------------------------------------------------------------- attachments


def parse_ranking_csv(data: bytes, year: int, category: str = "education") -> list[Ranking]:
    text = data.decode("utf-8-sig", "replace")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    return rows_to_rankings(rows, year, category)


def parse_ranking_xlsx(data: bytes, year: int) -> list[Ranking]:
    """Every sheet of an annex workbook; a sheet's title or first cells name its category."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out: list[Ranking] = []
    for sheet in workbook.worksheets:
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        title = " ".join([sheet.title, *(c for r in rows[:3] for c in r)])
        out += rows_to_rankings(rows, year, _category(title) or "overall")
    workbook.close()
    return out


# --------------------------------------------------------------------------- indicators


def parse_newsletter(html: str) -> list[Indicator]:
    """'PCT Filings in 2022' followed by '1. China 70,015 25.1%' lines → filings by origin."""
    sel = Selector(text=html)
    text = "\n".join(
        clean_text(" ".join(n.css("::text").getall())) for n in sel.css("h1, h2, h3, p, li")
    )
    m = re.search(r"PCT Filings in ((?:19|20)\d\d)", text)
    if not m:
        return []
    year = int(m.group(1))
    out = []
    for line in text.splitlines():
        row = re.match(r"^(?:\d+\.\s+)?([A-Z][A-Za-z .]+?)\s+(\d[\d,]*)\s+[\d.]+%$", line)
        if row and country_code(row.group(1)):
            out.append(
                Indicator(
                    "pct_applications_filed",
                    country_code(row.group(1)) or row.group(1),
                    "Total",
                    year,
                    float(number(row.group(2)) or 0),
                )
            )
    return out


def parse_ipstats_csv(data: bytes) -> list[Indicator]:
    """An IP Statistics Data Center export: preamble, wide year columns, a trailing empty
    column, possibly a BOM or '$$MISSING$$' headers → long format; empty cells are None."""
    text = data.decode("utf-8-sig", "replace").replace("\t", "\n")
    lines = text.splitlines()
    indicator = next(
        (
            re.sub(r"^Indicator\s*:\s*", "", ln).strip()
            for ln in lines
            if ln.startswith("Indicator")
        ),
        "",
    )
    start = next((i for i, ln in enumerate(lines) if re.match(r"^(Origin|Office),", ln)), None)
    if start is None:
        raise ValueError("no header line starting with 'Origin,' or 'Office,'")
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = next(reader)
    year_cols = [
        (i, int(h)) for i, h in enumerate(header) if re.fullmatch(r"(?:19|20)\d\d", h.strip())
    ]
    name = {h.strip().lower(): i for i, h in enumerate(header)}
    out = []
    for row in reader:
        if not any(c.strip() for c in row):
            continue
        origin = _cell(row, name.get("origin (code)")) or _cell(row, name.get("origin")) or ""
        office = _cell(row, name.get("office (code)")) or _cell(row, name.get("office")) or "Total"
        for i, year in year_cols:
            raw = _cell(row, i)
            value = float(raw.replace(",", "")) if raw and re.fullmatch(r"[\d,.]+", raw) else None
            out.append(Indicator(indicator, origin, office, year, value))
    return out


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    value = row[index].strip()
    return "" if value == "$$MISSING$$" else value
