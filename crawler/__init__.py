"""patentwatch: crawl university news and WIPO PCT statistics into SQLite."""

from __future__ import annotations

__version__ = "0.1.0"
