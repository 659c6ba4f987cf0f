"""Numbered schema migrations, applied on open (sqlite-utils ``Migrations``).

One module per migration, ``mNNN_what.py``, applied in name order: add the next
file, never edit an applied one. Dates are ISO 8601 text (UTC for crawl times),
counts are integers, JSON is text.
"""

from __future__ import annotations

import importlib
import pkgutil

from storage.migrations.base import migrations, run_ddl

__all__ = ["migrations", "run_ddl"]

# Importing a module registers its migration; name order is application order.
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("m") and _info.name[1:4].isdigit():
        importlib.import_module(f"{__name__}.{_info.name}")
