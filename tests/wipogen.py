"""Render the local copy of WIPO's PCT statistics pages and files.

Abridged to the figures known from public secondary sources (../shared/sites.md,
section 4.1): each table holds only rows whose values were reported; a value
that was not reported is an empty cell. Layouts follow what is known of WIPO's
pages (mega-menu before the h1, "Geneva, <date>", "PR/YYYY/NNN", annex tables)
and change between years as WIPO's did: an old university table (2014 data), a
numbered list (2017), an XLSX annex (2018), an HTML annex table (2019), a CSV
annex (2020), a ranks-only list with a PDF annex (2023).
"""

from __future__ import annotations

import csv
import io
from html import escape as e

HOST = "www.wipo.int"

_NAV = """<header class="wipo-header"><nav class="mega-menu"><ul>
<li><a href="/about-ip/en/">About Intellectual Property</a></li><li><a href="/academy/en/">IP Training</a></li>
<li><a href="/ip-outreach/en/">IP Outreach</a></li><li><a href="/pct/en/">PCT - The International Patent System</a></li>
<li><a href="/madrid/en/">Madrid</a></li><li><a href="/hague/en/">Hague</a></li><li><a href="/ipstats/en/">IP Statistics</a></li>
<li><a href="/pressroom/en/">Media Center</a></li></ul></nav></header>"""


def _page(title: str, date: str, release_no: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title></head>\n<body>\n'
        f"{_NAV}\n<main><article>\n<h1>{e(title)}</h1>\n"
        f'<p class="dateline">Geneva, {e(date)}</p>\n<p class="release-no">{release_no}</p>\n{body}\n'
        "</article></main>\n<footer><p>World Intellectual Property Organization · 34, chemin des Colombettes, "
        "CH-1211 Geneva 20, Switzerland</p></footer>\n</body></html>\n"
    )


def _table(caption: str, header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>\n" for r in rows)
    return f'<h3>{e(caption)}</h3>\n<table class="annex"><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n'


def release_2014() -> str:  # PR/2015/773: the older "universities" table with overall ranks
    table = _table(
        "Top PCT applicants: universities, 2014",
        [
            "Rank Among Universities",
            "Rank Among All Applicants",
            "University",
            "Number of applications",
        ],
        [
            [1, 47, "U. of California system", 413],
            [2, 83, "Massachusetts Institute of Technology", 234],
            [13, 293, "Kyoto U. (Japan)", 81],
        ],
    )
    return _page(
        "US Extends Lead in International Patent and Trademark Filings",
        "March 19, 2015",
        "PR/2015/773",
        "<p>The University of California remained the top filer among educational institutions.</p>\n"
        + table
        + "<p>(Table abridged.)</p>",
    )


def release_2017() -> str:  # a numbered list instead of a table
    items = "".join(
        f"<li>{e(t)}</li>\n"
        for t in (
            "1. University of California (US) 482",
            "2. Massachusetts Institute of Technology (US) 278",
            "3. Harvard University (US) 179",
            "4. University of Texas System (US) 161",
            "5. Johns Hopkins University (US) 129",
        )
    )
    return _page(
        "China Drives International Patent Applications to Record Heights",
        "March 21, 2018",
        "PR/2018/816",
        "<p>Among educational institutions, the University of California kept its lead.</p>\n"
        f'<h3>Top PCT applicants: educational institutions, 2017</h3>\n<ol class="ranking">\n{items}</ol>\n',
    )


def release_2018() -> str:  # the annex is a workbook (and a PDF, which is out of scope)
    return _page(
        "China Approaches the United States as Top Filer of International Patents",
        "March 19, 2019",
        "PR/2019/830",
        '<p>The annexes list the top PCT applicants by sector.</p>\n<ul class="annexes">\n'
        '<li><a href="/export/sites/www/pressroom/en/documents/pr_2019_830_annexes.xlsx">Annexes (XLSX)</a></li>\n'
        '<li><a href="/export/sites/www/pressroom/en/documents/pr_2019_830_annexes.pdf">Annexes (PDF)</a></li>\n</ul>\n',
    )


def annex_2018_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Educational institutions"
    ws.append(["Top PCT applicants: educational institutions, 2018"])
    ws.append(["Rank", "Applicant", "Origin", "2018"])
    for row in (
        [3, "SHENZHEN UNIVERSITY", "CN", 201],
        [44, "DALIAN UNIVERSITY OF TECHNOLOGY", "CN", 53],
        ["-", "JIANGNAN UNIVERSITY", "CN", 74],
    ):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def release_2019() -> str:  # PR/2020/848: the annex as an HTML table
    table = _table(
        "Top PCT applicants: educational institutions, 2019",
        ["Rank", "Position change", "Applicant", "Origin", "2018", "2019", "Change vs 2018"],
        [
            [1, 0, "UNIVERSITY OF CALIFORNIA", "US", "", 470, ""],
            [2, "", "TSINGHUA UNIVERSITY", "CN", "", 265, ""],
            [3, 0, "SHENZHEN UNIVERSITY", "CN", 201, 247, 46],
            [5, "", "SOUTH CHINA UNIVERSITY OF TECHNOLOGY", "CN", "", 164, ""],
            [7, 37, "DALIAN UNIVERSITY OF TECHNOLOGY", "CN", 53, 141, 88],
            [13, "", "JIANGNAN UNIVERSITY", "CN", 74, 118, 44],
        ],
    )
    return _page(
        "China Becomes Top Filer of International Patents in 2019 Amid Robust Growth for WIPO's IP "
        "Services, Treaties and Finances",
        "April 7, 2020",
        "PR/2020/848",
        "<p>Among educational institutions, the University of California remained the top filer, followed "
        "by Tsinghua University and Shenzhen University.</p>\n<h2>Annex</h2>\n"
        + table
        + "<p>(Table abridged to the institutions whose figures were reported.)</p>",
    )


def release_2020() -> str:  # the annex as CSV
    return _page(
        "Innovation Perseveres: International Patent Filings via WIPO Continued to Grow in 2020",
        "March 2, 2021",
        "PR/2021/874",
        "<p>Top PCT applicants by sector are in the annex.</p>\n"
        '<p><a href="/export/sites/www/pressroom/en/documents/pr_2021_874_annex_education.csv">'
        "Annex: educational institutions (CSV)</a></p>\n",
    )


def annex_2020_csv() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Top PCT applicants: educational institutions, 2020"])
    writer.writerow(["Rank", "Applicant", "Origin", "2020"])
    for row in (
        [1, "UNIVERSITY OF CALIFORNIA", "US", 559],
        [2, "MASSACHUSETTS INSTITUTE OF TECHNOLOGY", "US", 269],
        [3, "SHENZHEN UNIVERSITY", "CN", 252],
        [4, "TSINGHUA UNIVERSITY", "CN", 231],
        [5, "ZHEJIANG UNIVERSITY", "CN", 209],
    ):
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def release_2023() -> str:  # ranks only; the full annex is a PDF
    items = "".join(
        f"<li>{e(t)}</li>\n"
        for t in (
            "1. University of California (US)",
            "2. Soochow University (China)",
            "3. University of Texas System (US)",
            "4. Tsinghua University (China)",
            "5. Stanford University (US)",
        )
    )
    return _page(
        "WIPO's IP Services Show Mixed Results in 2023",
        "March 7, 2024",
        "PR/2024/903",
        f"<h3>Top PCT applicants: educational institutions, 2023</h3>\n<ol>\n{items}</ol>\n"
        '<p><a href="/export/sites/www/pressroom/en/documents/pr_2024_903_annexes.pdf">Annexes (PDF)</a></p>\n',
    )


def newsletter_2023() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>PCT Newsletter</title></head><body>\n'
        f'{_NAV}\n<main><p class="issue">March 2023 | No. 03/2023</p>\n<h2>PCT Filings in 2022</h2>\n'
        "<p>The top countries of origin of PCT applications in 2022 were:</p>\n"
        "<p>1. China 70,015 25.1%</p>\n<p>…</p>\n<p>10. Netherlands 4,092 1.5%</p>\n"
        "<p>Huawei Technologies remained the top filer with 7,689 published PCT applications, followed by Samsung "
        "Electronics (4,387).</p>\n</main></body></html>\n"
    )


def ipstats_csv() -> bytes:
    lines = [
        "Intellectual property right :PCT",
        "",
        "Indicator :1a - PCT international applications by origin",
        "",
        "Source: WIPO statistics database. Last updated: May 2026",
        "",
        "Origin,Origin (Code),Office,2020,2021,2022",
        "China,CN,Total,,,70015,",
        "Netherlands,NL,Total,,,4092,",
        "$$MISSING$$,XX,Total,,,,",
    ]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def wipo_pages() -> dict[str, str | bytes]:
    docs = f"{HOST}/export/sites/www/pressroom/en/documents"
    return {
        f"{HOST}/pressroom/en/articles/2015/article_0004.html": release_2014(),
        f"{HOST}/pressroom/en/articles/2018/article_0002.html": release_2017(),
        f"{HOST}/pressroom/en/articles/2019/article_0004.html": release_2018(),
        f"{docs}/pr_2019_830_annexes.xlsx": annex_2018_xlsx(),
        f"{HOST}/pressroom/en/articles/2020/article_0005.html": release_2019(),
        f"{HOST}/pressroom/en/articles/2021/article_0003.html": release_2020(),
        f"{docs}/pr_2021_874_annex_education.csv": annex_2020_csv(),
        f"{HOST}/pressroom/en/articles/2024/article_0002.html": release_2023(),
        f"{HOST}/pct/en/newslett/2023/article_0001.html": newsletter_2023(),
        "www3.wipo.int/ipstats/exports/pct_applications_by_origin.csv": ipstats_csv(),
        f"{HOST}/robots.txt": "User-agent: *\nDisallow: /edocs/\n",
        "www3.wipo.int/robots.txt": "User-agent: *\nDisallow:\n",
    }


# What the spider must store: (year, rank, applicant as written, published), from the
# reported figures above; the parser's output is never used to write this list.
EXPECTED_RANKINGS = [
    (2014, 1, "U. of California system", 413),
    (2014, 2, "Massachusetts Institute of Technology", 234),
    (2014, 13, "Kyoto U.", 81),
    (2017, 1, "University of California", 482),
    (2017, 2, "Massachusetts Institute of Technology", 278),
    (2017, 3, "Harvard University", 179),
    (2017, 4, "University of Texas System", 161),
    (2017, 5, "Johns Hopkins University", 129),
    (2018, 3, "SHENZHEN UNIVERSITY", 201),
    (2018, 44, "DALIAN UNIVERSITY OF TECHNOLOGY", 53),
    (2018, None, "JIANGNAN UNIVERSITY", 74),
    (2019, 1, "UNIVERSITY OF CALIFORNIA", 470),
    (2019, 2, "TSINGHUA UNIVERSITY", 265),
    (2019, 3, "SHENZHEN UNIVERSITY", 247),
    (2019, 5, "SOUTH CHINA UNIVERSITY OF TECHNOLOGY", 164),
    (2019, 7, "DALIAN UNIVERSITY OF TECHNOLOGY", 141),
    (2019, 13, "JIANGNAN UNIVERSITY", 118),
    (2020, 1, "UNIVERSITY OF CALIFORNIA", 559),
    (2020, 2, "MASSACHUSETTS INSTITUTE OF TECHNOLOGY", 269),
    (2020, 3, "SHENZHEN UNIVERSITY", 252),
    (2020, 4, "TSINGHUA UNIVERSITY", 231),
    (2020, 5, "ZHEJIANG UNIVERSITY", 209),
    (2023, 1, "University of California", None),
    (2023, 2, "Soochow University", None),
    (2023, 3, "University of Texas System", None),
    (2023, 4, "Tsinghua University", None),
    (2023, 5, "Stanford University", None),
]


def expected_rankings() -> list[dict[str, object]]:
    return [
        {"year": y, "rank": r, "applicant": a, "published": p} for y, r, a, p in EXPECTED_RANKINGS
    ]
