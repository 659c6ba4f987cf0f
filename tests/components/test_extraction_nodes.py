"""The extractors' lxml-level helpers match what parsel's Selector gave before (issue #19):
``select``/``first_nodes``/``texts`` against ``Selector.css`` for every declared selector on
every page of the bundled sites, and ``join_url`` against ``urljoin``."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from urllib.parse import urljoin

import pytest
from parsel import Selector

from core.extraction.listing import first, first_nodes, join_url, select, texts
from core.sites import _SELECTOR_FIELDS, load_sites
from tests.sitegen import load_corpus, render_site


def _pages() -> list[Selector]:
    pages = render_site(load_corpus())
    return [Selector(text=html) for path, html in sorted(pages.items()) if "robots" not in path]


def _declared() -> list[tuple[str, ...]]:
    """Every selector list any template of the declared sites names, each once."""
    found: dict[tuple[str, ...], None] = {}
    for site in load_sites().values():
        for template in site.templates:
            for name in sorted(_SELECTOR_FIELDS):
                found.setdefault(getattr(template, name), None)
    return [s for s in found if s]


PAGES = _pages()
SELECTORS = _declared()


def _scopes(sel: Selector) -> Iterator[Selector]:
    """The page and some elements inside it (list items, paging blocks, bodies)."""
    yield sel
    yield from sel.css("li, div, form")[:40]


def test_the_bundled_pages_exercise_the_selectors() -> None:
    assert len(PAGES) > 20 and len(SELECTORS) > 20
    hits = sum(bool(first(s, css)) for s in PAGES for css in SELECTORS)
    assert hits > 200  # most selectors match on some page: the comparisons below compare


@pytest.mark.parametrize("selectors", SELECTORS, ids=lambda s: s[0][:30])
def test_nodes_and_texts_are_what_selector_css_gives(selectors: tuple[str, ...]) -> None:
    for page in PAGES:
        for scope in _scopes(page):
            expected = first(scope, selectors)
            got = first_nodes(scope.root, selectors)
            assert got == [s.root for s in expected]
            assert [texts(n) for n in got] == [s.css("::text").getall() for s in expected]
            for css in selectors:
                assert select(scope.root, css) == [s.root for s in scope.css(css)]


BASES = [
    "https://h.edu.cn/xwdt/xw/50.htm",
    "https://h.edu.cn/xwdt/xw.htm",
    "https://h.edu.cn/xwdt/xw/",
    "https://h.edu.cn",
    "https://h.edu.cn/list.jsp?id=20&p=/a/b",
    "https://h.edu.cn/a/b.htm#frag",
    "https://h.edu.cn/a/b;jsessionid=1/c.htm",
    "https://h.edu.cn/a/b/../c/d.htm",
    "http://H.edu.cn:8080/a/b.htm",
]
HREFS = [
    "../xw/38.htm",
    "xw/49.htm",
    "/info/1027/100001.htm",
    "./x.htm",
    ".",
    "..",
    "../../../../x.htm",
    "?page=3",
    "?",
    ";x=1",
    "//other.edu.cn/x.htm",
    "https://other.edu.cn/x.htm",
    "x.htm?a=1#b",
    "x.htm#b",
    "HTTP://Other.edu.cn/Y",
    "ftp://f/x",
    "x y.htm",
]


@pytest.mark.parametrize(("base", "href"), list(product(BASES, HREFS)))
def test_join_url_is_urljoin(base: str, href: str) -> None:
    assert join_url(base, href) == urljoin(base, href)
    # the remembered join is the same for every base of that folder
    assert join_url(base, href) == urljoin(base, href)
