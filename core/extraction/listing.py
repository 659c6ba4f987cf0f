"""Parse a news list page: its article links, its paging, and when to stop paging.

WebPlus truncates titles in the link text and keeps the full title in
``a[title]``; both families put the date in a sibling node. The next page is
whatever the family's pagination calls "next": WebPlus counts up
(``list2.htm``), VSB counts down (``slug/10.htm`` ... ``slug/1.htm``), and
following the link handles both.

A "next" link is not trusted on its own: crawler traps (and broken CMS
templates) put one on the last page. The page's own counter is believed
instead (WebPlus ``页码 <em class="curr_page">3</em>/<em class="all_pages">3</em>``,
VSB ``1/11`` or ``共11页`` and its last-page link, a generic "last" link), and
:func:`next_page_decision` stops at the declared last page, at a page already
seen, or at a page with nothing new on it; ``max_list_pages`` stays the backstop.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from core.extraction.dates import find_date
from core.extraction.text import clean_text
from core.sites import Site, Template

# "Page 3 of 11", "第3页/共11页", "1/11", "共11页": counters as CMS paging blocks print them.
_OF = re.compile(r"(?:page\s*)?(\d{1,5})\s*(?:/|of)\s*(\d{1,5})(?!\d)", re.I)
_TOTAL = re.compile(r"共\s*(\d{1,5})\s*页")
_CURRENT = re.compile(r"第\s*(\d{1,5})\s*页|当前第?\s*(\d{1,5})")
# Link texts that name the last page, when the template declares no selector for it.
_LAST_TEXT = re.compile(r"^\s*(尾页|末页|最后一页|最后页|last|last page|»\||>>\|)\s*$", re.I)


@dataclass(frozen=True)
class ListEntry:
    """One article link on a list page."""

    url: str
    title: str | None
    date: str | None


@dataclass(frozen=True)
class Paging:
    """What a list page says about its own position in the list."""

    next_url: str | None = None
    last_url: str | None = None
    current: int | None = None
    total: int | None = None
    # every URL the paging block links to: list pages, never articles
    links: frozenset[str] = frozenset()

    @property
    def at_last(self) -> bool:
        return self.current is not None and self.total is not None and self.current >= self.total


@dataclass(frozen=True)
class Chain:
    """What the earlier pages of one list (one start URL) said, carried from page to page.

    Small and picklable on purpose: it travels in the request's ``meta``, so paging
    needs no spider state and works the same when several machines share a queue.
    """

    page_no: int = 1
    declared_last: int | None = None
    last_url: str | None = None
    pages: tuple[str, ...] = ()
    items: frozenset[str] = field(default_factory=frozenset)  # short digests of entry URLs

    def new_items(self, urls: list[str]) -> list[str]:
        """The URLs among ``urls`` that no earlier page of this list showed."""
        return [u for u in urls if _digest(u) not in self.items]

    def advance(self, page_url: str, paging: Paging, urls: list[str]) -> Chain:
        """The chain as the next page will see it."""
        declared = [n for n in (self.declared_last, paging.total) if n]
        return replace(
            self,
            page_no=self.page_no + 1,
            declared_last=min(declared) if declared else None,
            last_url=self.last_url or paging.last_url,
            pages=(*self.pages, page_url),
            items=self.items | {_digest(u) for u in urls},
        )


def _digest(url: str) -> str:
    return hashlib.blake2b(url.encode("utf-8"), digest_size=8).hexdigest()


def first(sel: Selector, selectors: tuple[str, ...]) -> list[Selector]:
    """Matches of the first selector in ``selectors`` that matches anything."""
    for css in selectors:
        found = sel.css(css)
        if found:
            return list(found)
    return []


# The extractors below work on lxml elements, not parsel Selectors: a Selector's css() wraps
# every match in a new Selector (namespaces copied, type checked), about 10 µs a call, and a
# list page calls it for each of its items and paging links. The CSS is translated by parsel's
# own translator, so a selector matches exactly what Selector.css matches.
_TRANSLATOR = HTMLTranslator()
_TEXT_NODES = etree.XPath("descendant-or-self::text()", smart_strings=False)


@functools.lru_cache(maxsize=1024)
def _xpath(css: str) -> etree.XPath:
    return etree.XPath(_TRANSLATOR.css_to_xpath(css), smart_strings=False)


def select(node: HtmlElement, css: str) -> list[HtmlElement]:
    """``Selector.css(css)`` for an lxml element: the matching elements, in document order."""
    return list(_xpath(css)(node))


def first_nodes(node: HtmlElement, selectors: tuple[str, ...]) -> list[HtmlElement]:
    """:func:`first` for an lxml element: matches of the first selector that matches anything."""
    for css in selectors:
        found = _xpath(css)(node)
        if found:
            return list(found)
    return []


def texts(node: HtmlElement) -> list[str]:
    """Every text node under ``node`` in document order (``Selector.css("::text").getall()``)."""
    return list(_TEXT_NODES(node))


def parse_list(
    sel: Selector, base_url: str, template: Template
) -> tuple[list[ListEntry], str | None]:
    """Return the list page's entries, in page order, and the next page's URL."""
    return list_entries(sel, base_url, template), parse_paging(sel, base_url, template).next_url


def list_entries(sel: Selector, base_url: str, template: Template) -> list[ListEntry]:
    """The list page's entries in page order, each URL once."""
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for item in first_nodes(sel.root, template.list_item):
        entry = _entry(item, base_url, template)
        if entry and entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    return entries


def _href(base_url: str, node: HtmlElement | None) -> str | None:
    return _link(base_url, node.get("href") if node is not None else None)


def _link(base_url: str, href: str | None) -> str | None:
    """The absolute URL an ``href`` value points to; None for none, scripts, anchors, mail."""
    href = (href or "").strip()
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return None
    return join_url(base_url, href)


# the href of every ``a[href]`` under a node, as strings: a VSB paging block links every list
# page (500 on a 10,000-article site), and an element proxy per link costs more than its join
_HREFS = etree.XPath("descendant-or-self::a[@href]/@href", smart_strings=False)


def join_url(base_url: str, href: str) -> str:
    """``urljoin(base_url, href)``, remembered by the base's folder: every list page of a
    site links the same paging and article URLs relative to the same folder (a VSB list
    page links every other list page), and urljoin costs several µs each."""
    if href[0] in "?;":  # these keep the base's last segment: nothing to share
        return urljoin(base_url, href)
    return _join_in(_folder(base_url), href)


@functools.lru_cache(maxsize=64)
def _folder(base_url: str) -> str:
    """The base URL's folder, which alone decides where a path-carrying href points."""
    return urljoin(base_url, ".")


@functools.lru_cache(maxsize=16384)
def _join_in(folder: str, href: str) -> str:
    return urljoin(folder, href)


def parse_paging(sel: Selector, base_url: str, template: Template) -> Paging:
    """The page's next and last links, its declared counter, and every paging link."""
    root = sel.root
    nxt = first_nodes(root, template.next_page)
    next_url = _href(base_url, nxt[0] if nxt else None)
    block = _paging_block(root, template, nxt[0] if nxt else None)
    last = first_nodes(root, template.last_page) or [
        a
        for a in select(block if block is not None else root, "a[href]")
        if _LAST_TEXT.match(_text(a))
    ]
    last_url = _href(base_url, last[0] if last else None)
    current, total = _counter(root, block, template)
    links = {u for h in (_HREFS(block) if block is not None else []) if (u := _link(base_url, h))}
    links |= {u for u in (next_url, last_url) if u}
    return Paging(next_url, last_url, current, total, frozenset(links))


def _text(node: HtmlElement) -> str:
    return clean_text(" ".join(texts(node)))


_AROUND = etree.XPath("ancestor::*[self::div or self::ul or self::p or self::nav][1]")


def _paging_block(
    root: HtmlElement, template: Template, nxt: HtmlElement | None
) -> HtmlElement | None:
    """The template's paging block, else the element around the "next" link."""
    found = first_nodes(root, template.paging)
    if found:
        return found[0]
    if nxt is None:
        return None
    around = _AROUND(nxt)
    # only a small block is a paging block: a page-wide wrapper's text has other numbers
    return around[0] if around and len(_text(around[0])) <= 300 else None


def _number(root: HtmlElement, selectors: tuple[str, ...]) -> int | None:
    for node in first_nodes(root, selectors):
        digits = re.search(r"\d{1,5}", _text(node))
        if digits:
            return int(digits.group())
    return None


def _counter(
    root: HtmlElement, block: HtmlElement | None, template: Template
) -> tuple[int | None, int | None]:
    """(current page, last page) as the page declares them; None where it does not."""
    scope = block if block is not None else root
    current = _number(scope, template.page_current) or _number(root, template.page_current)
    total = _number(scope, template.page_total) or _number(root, template.page_total)
    if block is None or (current and total):
        return current, total
    # the counter's text ("1/11", "共11页", "Page 2 of 5"), read only inside the paging block
    text = _text(block)
    of = _OF.search(re.sub(r"\d{4}[/-]\d{1,2}[/-]\d{1,2}", " ", text))
    if of:
        current, total = current or int(of.group(1)), total or int(of.group(2))
    total_m = _TOTAL.search(text)
    if total is None and total_m:
        total = int(total_m.group(1))
    cur_m = _CURRENT.search(text)
    if current is None and cur_m:
        current = int(cur_m.group(1) or cur_m.group(2))
    return current, total


def next_page_decision(
    page_url: str, paging: Paging, chain: Chain, new_items: int, max_pages: int
) -> tuple[str | None, str]:
    """Whether to follow this list page's "next" link: ``(url or None, reason)``.

    Reasons: ``next`` (follow), ``no_next``, ``declared_last`` (the counter says this
    is the last page), ``last_link`` (this page is the one the "last" link names),
    ``repeat`` (next names a page already fetched), ``no_new_items`` (nothing on this
    page was new to the list), ``max_list_pages`` (the site's backstop).
    """
    nxt = paging.next_url
    declared = min(n for n in (chain.declared_last, paging.total, 10**9) if n)
    last_url = chain.last_url or paging.last_url
    if not nxt:
        return None, "no_next"
    if paging.at_last or chain.page_no >= declared:
        return None, "declared_last"
    if last_url and page_url == last_url:
        return None, "last_link"
    if nxt == page_url or nxt in chain.pages:
        return None, "repeat"
    if chain.page_no > 1 and new_items == 0:
        return None, "no_new_items"
    if chain.page_no >= max_pages:
        return None, "max_list_pages"
    return nxt, "next"


def article_entries(
    entries: list[ListEntry], site: Site, paging: Paging, chain: Chain
) -> tuple[list[ListEntry], list[ListEntry]]:
    """Split entries into ``(articles, not_articles)``.

    An entry is an article only if its URL matches one of the site's article
    patterns and neither the paging block nor this list's earlier pages name it
    as a list page. A URL that matches only a (broad) list pattern is never one.
    """
    list_pages = paging.links | set(chain.pages)
    keep: list[ListEntry] = []
    drop: list[ListEntry] = []
    for entry in entries:
        ok = site.is_article_url(entry.url) and entry.url not in list_pages
        (keep if ok else drop).append(entry)
    return keep, drop


def _entry(item: HtmlElement, base_url: str, template: Template) -> ListEntry | None:
    links = first_nodes(item, template.list_link)
    link = next((a for a in links if a.get("href")), None)
    if link is None:
        return None
    url = _href(base_url, link)
    if url is None:
        return None
    title = clean_text(link.get("title")) or _text(link)
    date = None
    for node in first_nodes(item, template.list_date):
        date = find_date(" ".join(texts(node)))
        if date:
            break
    date = date or find_date(" ".join(texts(item)))
    return ListEntry(url=url, title=title or None, date=date)
