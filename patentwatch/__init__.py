"""The patentwatch application: the command line, analysis and the demo, on top of every other layer."""

from __future__ import annotations

__version__ = "0.2.0"
