"""A WIPO table wherever it sits: rows of cells (from a sheet, a CSV or an HTML table) →
rankings or indicator values.

WIPO puts a title, a note and a source line above its header, on row 7 or 8 in
the WIPI workbooks and on row 1 or 2 in press-release annexes; it renames its
columns from year to year (``Applicant`` / ``Applicant's name`` / ``University``,
``Publications`` / ``PCT_applications`` / ``counts`` / ``2019``) and sometimes
lists applicants alphabetically with no rank column. So the header is the first
row, among the first ``HEADER_SCAN`` rows, whose labels name a key column and a
count column; the rows above it are context (title → category, year, indicator).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.extraction.text import clean_text
from core.wipo.countries import country_code, split_applicant
from core.wipo.model import Indicator, NoWipoTable, Ranking, decimal, number

HEADER_SCAN = 30
LOOKED_FOR = (
    "a header row naming an applicant, origin, ISO code or year column and a count column"
    f" (Publications, PCT applications, counts, a year) within the first {HEADER_SCAN} rows"
)
CATEGORIES = (
    ("education", re.compile(r"educat|universit", re.I)),
    ("government", re.compile(r"government|research (?:organi|institution)", re.I)),
    ("business", re.compile(r"business|compan|corporat", re.I)),
    ("overall", re.compile(r"top pct applicants|\bapplicants\b", re.I)),
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ROLES = (  # first match wins: "Rank among all applicants" is an overall rank, not a name
    ("rank_overall", r"overall|all applicants"),
    ("position_change", r"position"),
    ("rank", r"^rank|^#$|^no\.?$"),
    ("applicant", r"applicant|universit|institution|^name$"),
    ("iso2", r"^iso ?2|^iso ?alpha ?2|^(?:origin|country|office) ?\(code\)$|^code$"),
    ("iso3", r"^iso ?3"),
    ("year_col", r"^year$"),
    ("country", r"origin|country|office"),
    ("growth", r"growth"),
    ("change", r"change"),
    ("count", r"publication|published|application|^counts?$|^number|^total$|filing"),
)
_NAME_ROLES = {"applicant", "iso2", "country", "year_col"}


def category_of(text: str) -> str | None:
    """The ranking category a title names ('educational institutions' → 'education')."""
    for name, pattern in CATEGORIES:
        if pattern.search(text):
            return name
    return None


def last_year(text: str) -> int | None:
    years = _YEAR.findall(text)
    return int(years[-1]) if years else None


def role(header: str, year: int | None = None) -> str | None:
    """What a column holds, from its label. A count labelled with an earlier year than
    the table's is the previous year's count ("2018" in a 2019 table)."""
    h = re.sub(r"[_\s]+", " ", clean_text(header)).strip().lower()
    if not h:
        return None
    col_year = last_year(h)
    bare_year = re.fullmatch(r"(?:19|20)\d\d", h) is not None
    name = None if bare_year else next((n for n, p in _ROLES if re.search(p, h)), None)
    if name in (None, "count") and col_year:
        return "published_prev" if year is not None and col_year < year else "count"
    return name


@dataclass
class Header:
    index: int
    labels: list[str]
    context: str  # the title rows above the header; note and source rows left out


def _title_text(context: str, rows: Sequence[Sequence[str]]) -> str:
    """The title rows: a source line's date ("October 2015") is not the data's year."""
    lines = [clean_text(" ".join(c for c in r if c)) for r in rows]
    kept = [ln for ln in lines if ln and not re.match(r"(?:sources?|notes?)\b", ln, re.I)]
    return clean_text(" ".join([context, *kept]))


def find_header(rows: Sequence[Sequence[str]], context: str = "") -> Header | None:
    """The first row that names a key column and a count column."""
    for i, row in enumerate(rows[:HEADER_SCAN]):
        labels = [clean_text(c) for c in row]
        if sum(bool(c) for c in labels) < 2:
            continue
        roles = {role(c) for c in labels}
        if roles & _NAME_ROLES and roles & {"count", "growth"}:
            return Header(i, labels, _title_text(context, rows[:i]))
    return None


def parse_rows(
    rows: Sequence[Sequence[str]],
    year: int | None = None,
    category: str | None = None,
    context: str = "",
) -> tuple[list[Ranking], list[Indicator]]:
    """Rankings (a table with an applicant column) or indicator values (origins, years).
    Raises NoWipoTable when no header is found, or when the year is needed and unknown."""
    header = find_header(rows, context)
    if header is None:
        raise NoWipoTable(f"no WIPO table: looked for {LOOKED_FOR}")
    roles = [role(c) for c in header.labels]
    data = [[clean_text(c) for c in r] for r in rows[header.index + 1 :]]
    # what the file says wins; the caller's year and category only fill a gap
    column_years = [y for c in header.labels if (y := last_year(c)) and role(c) == "count"]
    title_year = last_year(header.context) or (max(column_years) if column_years else None)
    if "applicant" in roles:
        year = title_year or year
        if year is None:
            raise NoWipoTable("the table says no year: give --year YYYY")
        roles = [role(c, year) for c in header.labels]
        cat = category_of(header.context) or category
        if cat is None:
            raise NoWipoTable("the table says no category: give --category education|overall|…")
        return rankings_from(roles, data, year, cat), []
    return [], indicators_from(roles, header, data, title_year or year)


def rankings_from(
    roles: Sequence[str | None], data: list[list[str]], year: int, category: str
) -> list[Ranking]:
    out: list[Ranking] = []
    has_rank = "rank" in roles
    last_rank: int | None = None
    for raw in data:
        cells = {r: c for r, c in zip(roles, raw, strict=False) if r}
        name = cells.get("applicant", "")
        published = number(cells.get("count"))
        rank_text = cells.get("rank", "")
        rank = number(rank_text.replace("=", "")) if rank_text else None
        if not name or (published is None and rank is None):
            continue  # a footnote or a blank line, not an applicant
        if has_rank and not rank_text:
            rank = last_rank  # a blank rank cell continues the tie above it
        tied = has_rank and ("=" in rank_text or (not rank_text and rank is not None))
        if tied and out and out[-1].rank == rank:
            out[-1].tied = True
        applicant, country = split_applicant(name)
        out.append(
            Ranking(
                year=year,
                category=category,
                rank=rank,
                applicant=applicant,
                country=country_code(cells.get("country")) or country,
                published=published,
                published_prev=number(cells.get("published_prev")),
                change=number(cells.get("change")),
                position_change=number(cells.get("position_change")),
                rank_overall=number(cells.get("rank_overall")),
                tied=bool(tied),
            )
        )
        last_rank = rank
    return out if has_rank else derive_ranks(out)


def derive_ranks(rows: list[Ranking]) -> list[Ranking]:
    """No rank column (WIPO's A39 lists applicants alphabetically): the rank is the
    position by count, descending; equal counts share a rank and the next rank skips
    (1, 2, 2, 4), as in WIPO's own ranked tables."""
    ordered = sorted(rows, key=lambda r: (r.published is None, -(r.published or 0)))
    counts = [r.published for r in ordered]
    for row in ordered:
        if row.published is not None:
            row.rank = counts.index(row.published) + 1
            row.tied = counts.count(row.published) > 1
    return ordered


def indicator_name(context: str, labels: Sequence[str]) -> str:
    """PCT application counts get one name whichever table they come from (A38's
    ``counts``, A41's ``PCT_applications``, the Newsletter's list), so they compare."""
    text = f"{context} {' '.join(labels)}".lower().replace("_", " ")
    if "pct" in text and "application" in text and "publication" not in text:
        return "pct_applications_filed"
    label = next((c for c in labels if role(c) == "count"), "value")
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "value"


def indicators_from(
    roles: Sequence[str | None], header: Header, data: list[list[str]], year: int | None
) -> list[Indicator]:
    """An origin table (A38, A41) or a yearly trend (A40) → values; a growth column is
    its own indicator (``…_growth_pct``)."""
    name = indicator_name(header.context, header.labels)
    out: list[Indicator] = []
    for raw in data:
        cells = {r: c for r, c in zip(roles, raw, strict=False) if r}
        row_year = number(cells.get("year_col")) if "year_col" in roles else year
        if row_year is None:
            if "year_col" not in roles and any(raw):
                raise NoWipoTable("the table says no year: give --year YYYY")
            continue
        origin = cells.get("iso2") or country_code(cells.get("country")) or cells.get("country")
        origin = origin or ("Total" if "year_col" in roles else "")
        if not origin:
            continue
        if "count" in cells:
            out.append(Indicator(name, origin, "Total", row_year, decimal(cells["count"])))
        if "growth" in cells:
            out.append(
                Indicator(f"{name}_growth_pct", origin, "Total", row_year, decimal(cells["growth"]))
            )
    return out


def rows_to_rankings(
    rows: Sequence[Sequence[str]], year: int | None, category: str | None
) -> list[Ranking]:
    """Rankings from a table's rows, [] when the rows hold no applicant table."""
    try:
        rankings, _ = parse_rows(rows, year, category)
    except NoWipoTable:
        return []
    return rankings
