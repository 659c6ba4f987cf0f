"""``python -m crawler`` is the same as the ``patentwatch`` console script."""

from __future__ import annotations

import sys

from patentwatch.cli import main  # the entry shim: the one upward import (tests/test_layers.py)

sys.exit(main())
