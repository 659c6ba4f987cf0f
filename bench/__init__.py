"""patentwatch benchmarks (``make bench``); each prints one JSON line and a readable table."""

from __future__ import annotations
