"""Data files shipped inside the package (sites, CMS families, institutions).

Read through :mod:`importlib.resources`, never by a path relative to the checkout,
so an installed wheel finds them wherever it lives.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_file(name: str) -> Path:
    """The shipped data file ``core/declared/NAME`` as a filesystem path."""
    return Path(str(files("core").joinpath("declared", name)))
