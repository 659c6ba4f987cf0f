"""WIPO's own published files (../shared/wipo-real/, read in place, never copied), and
made-up files in the same layouts with the table moved elsewhere."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from core.wipo import NoWipoTable, country_code, derive_ranks, parse_file, split_applicant
from core.wipo.model import Ranking

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "wipo-real"
WIPI = REAL / "wipi-2015"
IPSTATS_CSV = REAL / "ipstats-2015" / "patent-grants-by-technology-1980-2013.csv"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/wipo-real/ is not present")


def values_by_origin(name: str) -> dict[tuple[str, int], float | None]:
    parsed = parse_file((WIPI / name).read_bytes(), name)
    assert not parsed.rankings
    return {(v.origin, v.year): v.value for v in parsed.indicators}


def test_a39_top_applicants_alphabetical_without_rank_column() -> None:
    parsed = parse_file((WIPI / "A39.xlsx").read_bytes(), "A39.xlsx")
    rows = [(r.rank, r.applicant, r.country, r.published) for r in parsed.rankings]
    assert len(rows) == 20 and not parsed.indicators
    assert rows[:3] == [
        (1, "HUAWEI TECHNOLOGIES", "CN", 3442),
        (2, "QUALCOMM", "US", 2409),
        (3, "ZTE", "CN", 2179),
    ]
    assert rows[-1] == (20, "HITACHI", "JP", 996)
    assert {r.year for r in parsed.rankings} == {2014}  # from the title, not the source line
    assert {r.category for r in parsed.rankings} == {"overall"}
    by_name = {r.applicant: r for r in parsed.rankings}
    assert by_name["LG ELECTRONICS"].country == "KR"  # "Republic of Korea", never KP
    assert by_name["INTEL"].country == "US"  # "United States of America"
    assert [r.rank for r in parsed.rankings] == sorted(r.rank or 0 for r in parsed.rankings)


def test_a41_and_a38_origins_agree() -> None:
    a41 = values_by_origin("A41.xlsx")
    a38 = values_by_origin("A38.xlsx")
    assert len(a41) == 20 and len(a38) == 123
    assert a41[("US", 2014)] == a38[("US", 2014)] == 61476
    assert a41[("JP", 2014)] == a38[("JP", 2014)] == 42380
    assert a41[("KR", 2014)] == 13117  # A41 names the country; A38 gives its ISO code
    assert all(a38[key] == value for key, value in a41.items())


def test_a40_yearly_trend_with_growth_rate() -> None:
    parsed = parse_file((WIPI / "A40.xlsx").read_bytes(), "A40.xlsx")
    values = {(v.indicator, v.year): v.value for v in parsed.indicators}
    assert values[("pct_applications_filed", 2001)] == 108229
    assert values[("pct_applications_filed_growth_pct", 2001)] == pytest.approx(16.1)
    assert values[("pct_applications_filed", 2009)] == 155402
    assert values[("pct_applications_filed_growth_pct", 2009)] == pytest.approx(-4.8)
    assert {y for _, y in values} == set(range(2001, 2015))


def ipstats_values(data: bytes, name: str) -> dict[tuple[str, str, str, int], float | None]:
    parsed = parse_file(data, name)
    assert {v.indicator for v in parsed.indicators} == {"5 - Patent grants by technology"}
    return {(v.office, v.origin, v.field, v.year): v.value for v in parsed.indicators}


def test_ipstats_2015_export_keeps_office_origin_and_technology() -> None:
    values = ipstats_values(IPSTATS_CSV.read_bytes(), IPSTATS_CSV.name)
    assert values[("US", "Resident", "Unknown", 1980)] == 68
    assert values[("US", "Resident", "Unknown", 2013)] == 119
    telecom = ("CN", "Resident", "3 - Telecommunications")
    assert values[(*telecom, 2010)] == 2251 and values[(*telecom, 2013)] == 2675
    assert (*telecom, 1980) in values and values[(*telecom, 1980)] is None  # empty: missing
    assert {k[3] for k in values} == set(range(1980, 2014))  # the trailing comma is no year
    assert {k[1] for k in values} == {"Resident", "Non-Resident"}
    assert len({k[0] for k in values}) == 87


def test_ipstats_zip_gives_the_same_values_as_the_csv() -> None:
    zipped = IPSTATS_CSV.with_name(IPSTATS_CSV.name + ".zip")
    assert ipstats_values(zipped.read_bytes(), zipped.name) == ipstats_values(
        IPSTATS_CSV.read_bytes(), IPSTATS_CSV.name
    )


def test_wipo_country_names_map_to_the_codes_wipo_gives_them() -> None:
    """Every office named in the real export that is a country maps to WIPO's own code;
    the others are regional offices, regions and income groups (no country)."""
    with IPSTATS_CSV.open(encoding="utf-8-sig") as fh:
        pairs = {(r[0], r[1]) for r in csv.reader(fh) if len(r) > 30 and r[0] and r[1]}
    not_countries = {code for _, code in pairs if code[0] in "RW" and code[1].isdigit()}
    not_countries |= {"EP", "EA", "AP", "OA", "GC"}
    for name, code in pairs:
        assert country_code(name) == (None if code in not_countries else code), name
    for name, code in {
        "Iran (Islamic Republic of)": "IR",
        "China, Hong Kong SAR": "HK",
        "China, Macao SAR": "MO",
        "Venezuela (Bolivarian Republic of)": "VE",
        "Democratic People's Republic of Korea": "KP",
        "Côte d’Ivoire": "CI",
    }.items():
        assert country_code(name) == code, name
    assert split_applicant("X TECH (Iran (Islamic Republic of))") == ("X TECH", "IR")
    assert split_applicant("ACME (HOLDINGS)") == ("ACME (HOLDINGS)", None)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_table_found_on_any_sheet_below_any_number_of_title_rows() -> None:
    data = _workbook(
        {
            "Contents": [["Made-up statistics workbook"], ["See the next sheet."]],
            "T7": [
                ["T7 Top PCT applicants: universities, 2031"],
                [],
                ["Note: made-up figures for a test."],
                ["Counts are by publication date."],
                [],
                ["Source: nowhere, 2032."],
                [],
                [],
                [],
                ["Applicant's name", "Country of origin", "Published applications"],
                ["Alpha Institute of Technology", "Republic of Korea", 40],
                ["Beta University (Iran (Islamic Republic of))", None, 55],
                ["Gamma University", "China, Hong Kong SAR", 40],
                ["Delta University", "Turkey", 12],
                ["Note: ties share a rank."],
            ],
        }
    )
    rows = parse_file(data, "made-up.xlsx").rankings
    assert [(r.rank, r.applicant, r.country, r.published, r.tied) for r in rows] == [
        (1, "Beta University", "IR", 55, False),
        (2, "Alpha Institute of Technology", "KR", 40, True),
        (2, "Gamma University", "HK", 40, True),
        (4, "Delta University", "TR", 12, False),
    ]
    assert {(r.year, r.category) for r in rows} == {(2031, "education")}


def test_derived_ranks_share_ties_and_skip() -> None:
    rows = [
        Ranking(2030, "overall", None, n, None, c)
        for n, c in zip("ABCDE", [5, 9, 9, None, 1], strict=True)
    ]
    assert [(r.applicant, r.rank) for r in derive_ranks(rows)] == [
        ("B", 1),
        ("C", 1),
        ("A", 3),
        ("E", 4),
        ("D", None),
    ]


CURRENT_EXPORT = "\n".join(
    [
        "Intellectual property right :Patent",
        "",
        "Indicator :4a- Patent publications by technology",
        "",
        "Source: WIPO statistics database. Last updated: May 2031",
        "",
        "Origin,Origin (Code),Office,Field of technology,2028,2029,2030",
        'Germany,DE,Total,8 - Semiconductors,"1,204",$$MISSING$$,977',
        "Republic of Korea,KR,Total,8 - Semiconductors,3001,3120,",
        "Republic of Korea,KR,Total,13 - Medical technology,$$MISSING$$,88,90",
    ]
)


def _current_values(data: bytes, name: str) -> dict[tuple[str, str, str, int], float | None]:
    parsed = parse_file(data, name)
    assert {v.indicator for v in parsed.indicators} == {"4a- Patent publications by technology"}
    return {(v.origin, v.office, v.field, v.year): v.value for v in parsed.indicators}


def test_current_export_form_csv_zip_and_xlsx() -> None:
    csv_bytes = ("\ufeff" + CURRENT_EXPORT + "\n").encode("utf-8")
    values = _current_values(csv_bytes, "export.csv")
    assert values[("DE", "Total", "8 - Semiconductors", 2028)] == 1204
    assert values[("DE", "Total", "8 - Semiconductors", 2029)] is None  # $$MISSING$$
    assert values[("KR", "Total", "8 - Semiconductors", 2030)] is None  # empty
    assert values[("KR", "Total", "13 - Medical technology", 2029)] == 88
    assert len(values) == 9
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("__MACOSX/._export.csv", b"\x00\x05junk")
        archive.writestr("export.csv", csv_bytes)
    assert _current_values(buf.getvalue(), "export.zip") == values
    sheet = [next(csv.reader([line])) if line else [] for line in CURRENT_EXPORT.splitlines()]
    assert _current_values(_workbook({"Sheet1": sheet}), "export.xlsx") == values


@pytest.mark.parametrize(
    ("data", "looked_for"),
    [
        (b"just,some\ncsv,text\n", "header row naming an applicant"),
        (b"<html><body><p>No tables here.</p></body></html>", "Top PCT applicants"),
        (_workbook({"S": [["A title only"], ["Name", "Colour"]]}), "count column"),
    ],
)
def test_a_file_without_a_table_says_what_was_looked_for(data: bytes, looked_for: str) -> None:
    with pytest.raises(NoWipoTable, match=looked_for):
        parse_file(data, "x")
