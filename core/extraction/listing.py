"""Parse a news list page: its article links (with full titles and dates) and the next page.

WebPlus truncates titles in the link text and keeps the full title in
``a[title]``; both families put the date in a sibling node. The next page is
whatever the family's pagination calls "next": WebPlus counts up
(``list2.htm``), VSB counts down (``slug/10.htm`` ... ``slug/1.htm``), and
following the link handles both.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector

from core.extraction.dates import find_date
from core.extraction.text import clean_text
from core.sites import Template


@dataclass(frozen=True)
class ListEntry:
    """One article link on a list page."""

    url: str
    title: str | None
    date: str | None


def first(sel: Selector, selectors: tuple[str, ...]) -> list[Selector]:
    """Matches of the first selector in ``selectors`` that matches anything."""
    for css in selectors:
        found = sel.css(css)
        if found:
            return list(found)
    return []


def parse_list(
    sel: Selector, base_url: str, template: Template
) -> tuple[list[ListEntry], str | None]:
    """Return the list page's entries, in page order, and the next page's URL."""
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for item in first(sel, template.list_item):
        entry = _entry(item, base_url, template)
        if entry and entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    nxt = first(sel, template.next_page)
    href = nxt[0].attrib.get("href", "").strip() if nxt else ""
    next_url = (
        urljoin(base_url, href) if href and not href.startswith(("javascript:", "#")) else None
    )
    return entries, next_url


def _entry(item: Selector, base_url: str, template: Template) -> ListEntry | None:
    links = first(item, template.list_link)
    link = next((a for a in links if a.attrib.get("href")), None)
    if link is None:
        return None
    href = link.attrib["href"].strip()
    if href.startswith(("javascript:", "mailto:", "#")):
        return None
    title = clean_text(link.attrib.get("title")) or clean_text(
        " ".join(link.css("::text").getall())
    )
    date = None
    for node in first(item, template.list_date):
        date = find_date(" ".join(node.css("::text").getall()))
        if date:
            break
    date = date or find_date(" ".join(item.css("::text").getall()))
    return ListEntry(url=urljoin(base_url, href), title=title or None, date=date)
