"""In-process component tests: Scrapy components built with ``get_crawler`` over a real SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings


class NewsSpider(Spider):
    """A stand-in spider carrying the flags the components read (full, refresh)."""

    name = "unit_news"
    full = False
    refresh = False


def settings_for(db: Path, **extra: Any) -> dict[str, Any]:
    base = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    base.update(PATENTWATCH_DB=str(db), PATENTWATCH_LOG_DIR="", ADDONS={}, **extra)
    return base


@pytest.fixture
def make_crawler(tmp_path: Path):  # noqa: ANN201 - a factory
    def make(**extra: Any) -> Crawler:
        crawler = get_crawler(NewsSpider, settings_for(tmp_path / "unit.db", **extra))
        crawler.spider = crawler._create_spider()
        return crawler

    return make
