"""``python -m patentwatch`` is the same as the ``patentwatch`` console script."""

from __future__ import annotations

import sys

from patentwatch.cli import main

sys.exit(main())
