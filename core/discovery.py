"""Selector discovery for ``sites probe``: find what a new site's pages are made of.

Each function looks at one parsed page and proposes a CSS selector (or a regex, or
a name) for one thing the site's entry needs: the repeated list item, the article
URL shape, the "next" link, the body, the title, the meta line, the institution.
The probe keeps a family's defaults wherever they already work and asks these
functions only where they do not; every proposal is printed for a human to check.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from core.extraction.dates import find_date
from core.extraction.text import clean_text
from core.sites import Template

_NEXT_TEXT = re.compile(r"^\s*(下页|下一页|下一頁|next|next page|>|»|›)\s*$", re.I)


# An institution's name inside a longer text: "… Dalian University of Technology …", "…东北林业大学…".
_EN_NAME = re.compile(
    r"((?:[A-Z][\w'&]*\s+){0,6}(?:University|College|Institute|Academy)"
    r"(?:\s+(?:of|for|and)(?:\s+[A-Z][\w'&]*)+)?)"
)
_ZH_NAME = re.compile(r"([\u4e00-\u9fff]{2,16}?(?:大学|学院))")
_ZH_NOISE = re.compile(
    r"欢迎访问|欢迎来到|版权所有|主办单位|主办|地址|Copyright|All rights reserved|©|\(c\)|\d+", re.I
)
_COPYRIGHT = re.compile(r"copyright|版权所有|©|\(c\)|主办", re.I)


def guess_institution(sel: Selector, url: str) -> tuple[str, str]:
    """The institution's name as the site states it, and where it was read.

    Tried in order: ``og:site_name``, ``<title>``, the footer's copyright line.
    Without any, a placeholder naming the host: ``sites check`` and ``crawl`` refuse it.
    """
    footer = [
        clean_text(" ".join(n.css("::text").getall()))
        for n in sel.xpath("//body//*[not(self::script or self::style)][text()]")
        if _COPYRIGHT.search(" ".join(n.xpath("./text()").getall()))
    ]
    sources = [
        ("og:site_name", sel.css('meta[property="og:site_name"]::attr(content)').get() or ""),
        ("<title>", sel.css("title::text").get() or ""),
        *(("the footer's copyright line", text) for text in footer[-3:]),
    ]
    for where, text in sources:
        name = institution_in(text)
        if name:
            return name, where
    host = urlsplit(url).hostname or "the site"
    return f"FILL IN the institution's name ({host})", "nowhere"


def institution_in(text: str) -> str | None:
    """The first institution name in ``text`` (English or Chinese), or None."""
    parts = [
        p.strip() for p in re.split(r"\s[-|–_]\s|[|–_]|\s-|-\s", clean_text(text)) if p.strip()
    ]
    for part in parts or [clean_text(text)]:
        english = _EN_NAME.search(part)
        if english:
            return english.group(1).strip()
        chinese = _ZH_NAME.search(_ZH_NOISE.sub(" ", part).replace(" ", "\n"))
        if chinese:
            return chinese.group(1)
    return None


def discover_list_item(sel: Selector, url: str, base: Template) -> str | None:
    """The CSS selector of the repeated element that holds article links."""
    host = urlsplit(url).hostname
    counts: Counter[str] = Counter()
    for a in sel.css("a[href]"):
        href = a.attrib["href"]
        text = clean_text(a.attrib.get("title") or " ".join(a.css("::text").getall()))
        if len(text) < 8 or href.startswith(("javascript:", "#", "mailto:")):
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).hostname != host:
            continue
        item = _item_ancestor(a)
        if item is not None:
            counts[_css_path(item)] += 1
    best = [(css, n) for css, n in counts.most_common() if n >= 3]
    return best[0][0] if best else None


def _item_ancestor(a: Selector) -> Selector | None:
    for tag in ("li", "dl", "tr"):
        found = a.xpath(f"ancestor::{tag}[1]")
        if found:
            return found[0]
    return None


def _css_path(item: Selector) -> str:
    tag = str(item.root.tag)
    parent = item.xpath("..")[0]
    for node in [parent, *parent.xpath("ancestor::*[position() <= 2]")[::-1]]:
        classes = (node.attrib.get("class") or "").split()
        if node.attrib.get("id") and not re.search(r"\d", node.attrib["id"]):
            return f"#{node.attrib['id']} {tag}"
        if classes:
            return f".{classes[0]} {tag}"
    return tag


def discover_article_pattern(links: list[str]) -> str:
    """A regex for the article URLs among a list page's links (custom CMSs)."""
    shapes = Counter(
        re.sub(
            r"\d+",
            r"\\d+",
            re.escape(
                urlsplit(u).path.rsplit("/", 1)[-1]
                + ("?" + urlsplit(u).query if urlsplit(u).query else "")
            ),
        )
        for u in links
    )
    return shapes.most_common(1)[0][0] if shapes else "."


def discover_next(sel: Selector) -> str | None:
    for a in sel.css("a[href]"):
        if _NEXT_TEXT.match(clean_text(" ".join(a.css("::text").getall()))):
            classes = (a.attrib.get("class") or "").split()
            if classes:
                return f"a.{classes[0]}"
            parent = a.xpath("..")[0]
            pclass = (parent.attrib.get("class") or "").split()
            if pclass:
                return f".{pclass[0]} a"
    return None


def _node_css(node: Selector) -> str | None:
    if node.attrib.get("id") and not re.search(r"\d{3,}", node.attrib["id"]):
        return f"#{node.attrib['id']}"
    classes = (node.attrib.get("class") or "").split()
    return f"{node.root.tag}.{classes[0]}" if classes else None


def discover_body(sel: Selector) -> str | None:
    """The element holding the most paragraph text."""
    best, best_len = None, 0
    for node in sel.xpath("//*[p]"):
        length = sum(len(clean_text(" ".join(p.css("::text").getall()))) for p in node.xpath("./p"))
        css = _node_css(node)
        if css and length > best_len:
            best, best_len = css, length
    return best


_TITLE_TAGS = ("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong")
_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|更新时间|更新日期|时间|日期|Date|Posted|Published|Updated)\s*(?:on)?\s*[:：]?\s*",
    re.I,
)


def discover_title(sel: Selector, list_title: str) -> str | None:
    """A selector for the element that holds the article's title (a heading, or its own div)."""
    node = title_node(sel, list_title)
    return _unique_css(sel, node) if node is not None else None


def title_node(sel: Selector, list_title: str) -> Selector | None:
    """The element whose whole text is the list's title for this article (headings first)."""
    if not list_title:
        return None
    for tag in _TITLE_TAGS:
        for node in sel.xpath(f"//body//{tag}[not(ancestor::a) and not(ancestor::li)]"):
            if node.css("a"):
                continue
            text = clean_text(" ".join(node.css("::text").getall()))
            if text and (
                text == list_title
                or (len(text) >= 8 and text in list_title)
                or list_title.rstrip(".…").startswith(text[:20])
                and len(text) >= len(list_title) - 3
            ):
                return node
    return None


def discover_meta(sel: Selector, title: Selector | None = None, body_css: str = "") -> str | None:
    """A selector for the article's meta line: the short element after the title holding a
    (preferably labelled) date, outside the body. Header dates ("today is ..."), sidebar
    list dates and deadlines in the text are not it."""
    order = {el: i for i, el in enumerate(sel.root.iter())}
    title_el = title.root if title is not None else None
    body = {n.root for n in sel.css(body_css)} if body_css else set()
    ranked: list[tuple[tuple[bool, int], Selector]] = []
    for node in sel.xpath("//body//*[not(self::script or self::style or self::a)]"):
        el = node.root
        if _within(el, body) or (title_el is not None and _within(title_el, {el})):
            continue
        text = clean_text(" ".join(node.css("::text").getall()))
        if not (6 <= len(text) <= 200) or not find_date(text):
            continue
        distance = order[el] - order[title_el] if title_el is not None else order[el]
        if title_el is not None and not 0 < distance <= 60:
            continue
        ranked.append(((_labelled_date(text), -distance), node))
    for _, node in sorted(ranked, key=lambda r: r[0], reverse=True):
        css = _unique_css(sel, node)
        if css:
            return css
    return None


def _labelled_date(text: str) -> bool:
    return any(find_date(text[m.end() : m.end() + 30]) for m in _DATE_LABEL.finditer(text))


def _within(el: object, containers: set[object]) -> bool:
    node = el
    while node is not None:
        if node in containers:
            return True
        node = node.getparent()  # type: ignore[attr-defined]
    return False


def _unique_css(sel: Selector, node: Selector) -> str | None:
    """A short CSS selector whose first match is ``node`` (its id/class, else its parent's + tag)."""
    own = _node_css(node)
    parent = node.xpath("..")
    candidates = [own] if own else []
    if parent and _node_css(parent[0]):
        candidates.append(f"{_node_css(parent[0])} > {own or node.root.tag}")
    for css in candidates:
        found = sel.css(css)
        if found and found[0].root is node.root:
            return css
    return None
