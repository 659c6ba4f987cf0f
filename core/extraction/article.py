"""Extract an article's fields from its page, declared selectors first, fallbacks after.

Order per field, each recorded in ``sources`` so an analyst can tell a
selector hit from a guess:

* title: declared selectors → the list page's ``a[title]`` → ``<title>`` → trafilatura
* published date: the article's own meta line (never the URL) → the list page →
  htmldate. When the list page and the meta line disagree the page wins and
  ``date_disagrees`` says so (a list paired with the wrong items shows up this way).
* body: declared selectors → trafilatura (with any leaked meta line removed)

:func:`rejection` says when a fetched page is not an article at all: a list page
(list items and paging, no body container), a page with no body, an error page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement
from parsel import Selector

from core.extraction import generic
from core.extraction.listing import first_nodes, select, texts
from core.extraction.meta import MetaLine, parse_meta
from core.extraction.text import clean_text, element_text, letter_count, paragraphs, remove
from core.sites import Template

_CJK = re.compile(r"[\u3400-\u9fff]")
_LABEL_LINE = re.compile(r"(作者|编辑|来源|更新日期|发布日期|发布时间|浏览次数|点击数)\s*[:：]")
_ERROR_PAGE = re.compile(
    r"404|not found|page (?:does not|doesn't) exist|系统错误|页面不存在|访问出错|请登录|用户登录|login|sign in",
    re.I,
)


@dataclass(frozen=True)
class ListHint:
    """What the list page said about an article before it was fetched."""

    title: str | None = None
    date: str | None = None


@dataclass
class ArticleFields:
    """Fields of one article page, with the path that produced each."""

    title: str | None = None
    published_at: str | None = None
    author: str | None = None
    editor: str | None = None
    source: str | None = None
    views: int | None = None
    body: str = ""
    lang: str = "en"
    sources: dict[str, str] = field(default_factory=dict)
    # the list page gave another date than the article's own meta line (the page won)
    date_disagrees: bool = False


def extract_article(
    html: str | Selector,
    url: str,
    template: Template,
    hint: ListHint | None = None,
    lang: str = "en",
) -> ArticleFields:
    """Extract one article; ``html`` may be a parsed Selector to avoid re-parsing."""
    sel = html if isinstance(html, Selector) else Selector(text=html)
    hint = hint or ListHint()
    out = ArticleFields()
    meta_text = _meta_text(sel.root, template)
    meta = parse_meta(meta_text, template.meta_regex) if meta_text else MetaLine()
    _set_title(out, sel, template, hint)
    _set_meta_fields(out, meta, sel.root, template)
    _set_body(out, sel, url, template, meta_text)
    _set_date(out, meta, hint, sel)
    out.lang = detect_lang(out.body, lang)
    return out


def detect_lang(text: str, declared: str) -> str:
    """``zh`` when most letters are CJK, else the site's declared language."""
    sample = text[:2000]
    if sample.isascii():  # no CJK letter at all: the declared language (the common case)
        return declared
    cjk = len(_CJK.findall(sample))
    letters = letter_count(sample)
    return "zh" if letters and cjk / letters > 0.3 else declared


def _meta_text(root: HtmlElement, template: Template) -> str:
    nodes = first_nodes(root, template.meta)
    return element_text(nodes[0]) if nodes else ""


def _set_title(out: ArticleFields, sel: Selector, template: Template, hint: ListHint) -> None:
    nodes = first_nodes(sel.root, template.title)
    text = element_text(nodes[0]) if nodes else ""
    if text:
        out.title, out.sources["title"] = text, "selector"
    elif hint.title:
        out.title, out.sources["title"] = hint.title, "list"
    else:
        page_title = clean_text(sel.css("title::text").get())
        if template.title_suffix:
            page_title = clean_text(re.sub(template.title_suffix, "", page_title))
        if page_title:
            out.title, out.sources["title"] = page_title, "title_tag"
        else:
            out.title = generic.title(sel.get())
            if out.title:
                out.sources["title"] = "fallback"


def _set_meta_fields(
    out: ArticleFields, meta: MetaLine, root: HtmlElement, template: Template
) -> None:
    for name in ("author", "editor", "source"):
        value = getattr(meta, name)
        if value:
            setattr(out, name, value)
            out.sources[name] = "selector"
    views = meta.views
    if views is None:
        for node in first_nodes(root, template.views):
            digits = re.match(r"\d+", clean_text("".join(texts(node))))
            views = int(digits.group()) if digits else None
    if views is not None:
        out.views, out.sources["views"] = views, "selector"


def _set_body(
    out: ArticleFields, sel: Selector, url: str, template: Template, meta_text: str
) -> None:
    nodes = first_nodes(sel.root, template.body)
    if nodes:
        root = nodes[0]
        for css in template.drop:
            remove(select(root, css))
        paras = [p for p in paragraphs(root) if p != meta_text]
        if paras:
            out.body, out.sources["body"] = "\n\n".join(paras), "selector"
            return
    text = generic.body_text(sel.get(), url) or ""
    # The generic extractor keeps the headline and sometimes the meta line: neither is body.
    skip = {
        meta_text,
        out.title or "",
        *(clean_text(" ".join(h.css("::text").getall())) for h in sel.css("h1")),
    }
    kept = [p for p in text.split("\n\n") if p and p not in skip and not _is_meta_line(p)]
    out.body = "\n\n".join(kept)
    if out.body:
        out.sources["body"] = "fallback"


def _is_meta_line(paragraph: str) -> bool:
    return len(paragraph) < 200 and len(_LABEL_LINE.findall(paragraph)) >= 2


def _set_date(out: ArticleFields, meta: MetaLine, hint: ListHint, sel: Selector) -> None:
    if meta.date:
        out.published_at, out.sources["published_at"] = meta.date, "selector"
        out.date_disagrees = hint.date is not None and hint.date[:10] != meta.date[:10]
    elif hint.date:
        out.published_at, out.sources["published_at"] = hint.date, "list"
    else:
        found = generic.publish_date(sel.get())
        if found:
            out.published_at, out.sources["published_at"] = found, "fallback"


def rejection(sel: Selector, fields: ArticleFields, template: Template) -> str | None:
    """Why a fetched page must not be stored as an article, or None when it is one.

    ``list_page``: no article body container, but list items with paging (or many
    list items, or a "body" that is only link texts): a trap's "Archive, page N".
    ``no_body``: no body text at all (an empty 200, a JS shell).
    ``error_page``: a short generic-fallback page that reads as an error or login page.
    """
    # a body taken from the container has text in it: no need to look again
    has_container = fields.sources.get("body") == "selector" or any(
        clean_text(" ".join(texts(n))) for n in first_nodes(sel.root, template.body)
    )
    if not has_container and _looks_like_list(sel, fields.body, template):
        return "list_page"
    if not fields.body.strip():
        return "no_body"
    if (
        fields.sources.get("body") == "fallback"
        and len(fields.body) < 300
        and _ERROR_PAGE.search(f"{fields.title or ''} {fields.body}")
    ):
        return "error_page"
    return None


def _looks_like_list(sel: Selector, body: str, template: Template) -> bool:
    root = sel.root
    items = [i for i in first_nodes(root, template.list_item) if select(i, "a[href]")]
    paging = bool(first_nodes(root, template.paging) or first_nodes(root, template.next_page))
    if paging and len(items) >= 2:
        return True
    return bool(body) and _link_share(sel, body) >= 0.6


def _link_share(sel: Selector, body: str) -> float:
    """Share of the body's paragraphs that are just the text of a link on the page."""
    anchors = {clean_text(" ".join(texts(a))) for a in select(sel.root, "a")}
    paras = [p for p in body.split("\n\n") if p.strip()]
    linked = sum(1 for p in paras if p in anchors or all(x in anchors for x in p.split("  ")))
    return linked / len(paras) if paras else 0.0
