"""``python -m crawler`` is the same as the ``patentwatch`` console script."""

from __future__ import annotations

import sys

from crawler.cli import main

sys.exit(main())
