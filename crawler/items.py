"""Items yielded by the spiders (dataclasses: typed fields with defaults)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    """One fetched news article, as the storage pipeline receives it.

    ``html`` is the raw page, kept (compressed in storage) for re-extraction;
    ``sources`` says which path produced each field (selector, list, title_tag,
    fallback).
    """

    url: str
    site: str
    institution: str
    title: str | None
    published_at: str | None
    body: str
    lang: str
    fetched_at: str
    author: str | None = None
    editor: str | None = None
    source: str | None = None
    views: int | None = None
    fetched_url: str | None = None
    html: str = ""
    sources: dict[str, str] = field(default_factory=dict)
