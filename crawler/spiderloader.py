"""Spider loader that honours the ``PATENTWATCH_SITES`` setting.

News spiders are generated from the sites files when ``spiders.news`` is
imported, which happens inside the spider loader; this loader exports the
setting to the environment first, so ``scrapy crawl x -s PATENTWATCH_SITES=FILE``
works like ``PATENTWATCH_SITES=FILE scrapy crawl x``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from scrapy.spiderloader import SpiderLoader

from core.sites import SITES_ENV, SitesError

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


class SitesSpiderLoader(SpiderLoader):
    """Scrapy's loader, plus the sites setting, and a user's mistake (a broken sites file, an
    unknown spider) reported as one line and exit 2 instead of Scrapy's traceback."""

    def __init__(self, settings: BaseSettings) -> None:
        extra = settings.get("PATENTWATCH_SITES")
        if extra:
            os.environ[SITES_ENV] = str(Path(extra).resolve())
        try:
            super().__init__(settings)
        except SitesError as exc:
            _refuse(str(exc))

    def load(self, spider_name: str) -> type:
        try:
            return super().load(spider_name)
        except KeyError:
            known = ", ".join(sorted(self.list()))
            _refuse(f"unknown spider {spider_name!r} (known: {known})")


def _refuse(message: str) -> NoReturn:
    print(f"scrapy: {message}", file=sys.stderr)
    raise SystemExit(2)
