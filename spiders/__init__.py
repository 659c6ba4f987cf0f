"""Spiders. News spiders are declared as data in ``sites.toml`` (see :mod:`spiders.news`)."""

from __future__ import annotations
