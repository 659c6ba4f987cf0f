"""Parse WIPO's statistics in the forms WIPO publishes them.

``releases``: press releases (annex tables, numbered lists, attachment links) and
the PCT Newsletter; ``tables``: a table found wherever it sits in a sheet or CSV
(top applicants, origins, yearly trends); ``ipstats``: IP Statistics Data Center
exports, both forms; ``countries``: WIPO's country names → ISO codes; ``files``:
any file → its rows, the format found from the content.

Pure functions over text or bytes: no Scrapy, no SQL.
"""

from __future__ import annotations

from core.wipo.countries import country_code, split_applicant
from core.wipo.files import kind_of, parse_csv, parse_file, parse_workbook
from core.wipo.ipstats import parse_ipstats_csv
from core.wipo.model import Indicator, NoWipoTable, Parsed, Ranking, Release, number
from core.wipo.releases import parse_newsletter, parse_release
from core.wipo.tables import derive_ranks, rows_to_rankings

__all__ = [
    "Indicator",
    "NoWipoTable",
    "Parsed",
    "Ranking",
    "Release",
    "country_code",
    "derive_ranks",
    "kind_of",
    "number",
    "parse_csv",
    "parse_file",
    "parse_ipstats_csv",
    "parse_newsletter",
    "parse_ranking_csv",
    "parse_ranking_xlsx",
    "parse_release",
    "parse_workbook",
    "rows_to_rankings",
    "split_applicant",
]


def parse_ranking_xlsx(
    data: bytes, year: int | None = None, category: str | None = None
) -> list[Ranking]:
    """The rankings of an annex workbook (its indicator tables, if any, left out)."""
    return parse_workbook(data, year, category).rankings


def parse_ranking_csv(
    data: bytes, year: int | None = None, category: str | None = "education"
) -> list[Ranking]:
    """The rankings of a CSV annex; press-release CSV annexes list educational
    institutions unless their title says otherwise."""
    return parse_csv(data, year, category).rankings
