"""WIPO's HTML: press releases (annex tables, numbered lists, attachment links) and the
PCT Newsletter's filings by origin."""

from __future__ import annotations

import re

from parsel import Selector

from core.extraction.text import clean_text
from core.wipo.countries import country_code, split_applicant
from core.wipo.model import Indicator, Ranking, Release, number
from core.wipo.tables import category_of, rows_to_rankings

_LIST_ITEM = re.compile(
    r"^(?:#?(?P<rank>\d+)[.)]?\s+)?(?:\(#(?P<overall>\d+) overall\)\s+)?(?P<name>.+?)"
    r"(?:\s+(?P<count>\d[\d,]*))?$"
)
ATTACHMENTS = (".xlsx", ".xls", ".csv", ".zip")


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


def table_rows(table: Selector) -> list[list[str]]:
    return [
        [clean_text(" ".join(c.css("::text").getall())) for c in tr.css("th, td")]
        for tr in table.css("tr")
    ]


def parse_release(html: str, url: str = "") -> Release:
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
        category = category_of(heading) or "overall"
        years = re.findall(r"\b(?:19|20)\d\d\b", heading)
        year = int(years[-1]) if years else (published_year - 1 if published_year else None)
        if year is None:
            continue
        release.data_year = release.data_year or year
        table = block.xpath("ancestor-or-self::table[1] | following::table[1]")
        lst = block.xpath("following::*[self::ol or self::ul][1]")
        nxt = block.xpath("following::*[self::table or self::ol or self::ul][1]")
        if nxt and nxt[0].root.tag == "table" and table:
            release.rankings += rows_to_rankings(table_rows(table[0]), year, category)
        elif lst:
            items = [clean_text(" ".join(li.css("::text").getall())) for li in lst[0].css("li")]
            release.rankings += _list_rankings(items, year, category)
    for href in sel.css("a::attr(href)").getall():
        low = href.lower().split("?")[0]
        if low.endswith(ATTACHMENTS):
            release.attachments.append(href)
        elif low.endswith(".pdf"):
            release.skipped.append(href)
    if release.data_year is None and published_year:
        release.data_year = published_year - 1
    return release


def html_tables(html: str) -> list[list[list[str]]]:
    """Every table of a page as rows of cell texts, with the heading text above it
    prepended as a one-cell row (it names the category and the year)."""
    sel = Selector(text=html)
    out = []
    for table in sel.css("table"):
        heading = table.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
        caption = " ".join(table.css("caption ::text").getall())
        title = clean_text(" ".join(heading.css("::text").getall()) + " " + caption)
        out.append([[title], *table_rows(table)])
    return out


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
        row = re.match(r"^(?:\d+\.\s+)?([A-Z][A-Za-z .,'()-]+?)\s+(\d[\d,]*)\s+[\d.]+%$", line)
        code = country_code(row.group(1)) if row else None
        if row and code:
            value = number(row.group(2))
            out.append(
                Indicator(
                    "pct_applications_filed",
                    code,
                    "Total",
                    year,
                    None if value is None else float(value),
                )
            )
    return out
