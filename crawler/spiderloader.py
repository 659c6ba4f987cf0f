"""Spider loader that honours the ``PATENTWATCH_SITES`` setting.

News spiders are generated from the sites files when ``spiders.news`` is
imported, which happens inside the spider loader; this loader exports the
setting to the environment first, so ``scrapy crawl x -s PATENTWATCH_SITES=FILE``
works like ``PATENTWATCH_SITES=FILE scrapy crawl x``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.spiderloader import SpiderLoader

from core.sites import SITES_ENV

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


class SitesSpiderLoader(SpiderLoader):
    def __init__(self, settings: BaseSettings) -> None:
        extra = settings.get("PATENTWATCH_SITES")
        if extra:
            os.environ[SITES_ENV] = str(Path(extra).resolve())
        super().__init__(settings)
