"""Schedule declarations for recurring crawls (see the README's "Scheduling" section)."""

from __future__ import annotations
