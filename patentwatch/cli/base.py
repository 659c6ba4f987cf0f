"""What every command shares: exit codes, one-line errors, the command registry, the database.

A command is a function declared with :func:`command` beside its arguments::

    @command("runs", help="list recent crawl runs", db=True,
             args=[arg("--limit", type=int, default=20, help="how many runs")])
    def runs(args: argparse.Namespace) -> int: ...

Modules of ``patentwatch.cli`` are imported to build the parser, so they import
only light modules at the top; Scrapy, matplotlib and Datasette are imported
inside the commands that need them (``--help`` stays fast).
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

EXIT_OK, EXIT_CRAWL_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A user's mistake: printed as one line, exit code 2."""


class Locked(Exception):
    """The spider is already running elsewhere: printed as one line, exit code 3."""


@dataclass(frozen=True)
class Arg:
    """One ``add_argument`` call, kept as data until the parser is built."""

    flags: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]  # ("sites", "probe") for `patentwatch sites probe`
    func: Handler
    help: str
    description: str
    args: tuple[Arg, ...]
    db: bool
    db_help: str


@dataclass(frozen=True)
class Group:
    name: str
    help: str
    description: str


COMMANDS: list[Command] = []
GROUPS: dict[str, Group] = {}


def group(name: str, help: str, description: str = "") -> None:
    """Declare a command group such as ``sites`` (its actions are ``sites list`` …)."""
    GROUPS[name] = Group(name, help, description or help[0].upper() + help[1:] + ".")


def command(
    name: str,
    help: str,
    description: str = "",
    args: Sequence[Arg] = (),
    db: bool = False,
    db_help: str = "",
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the command ``name`` (``"group action"`` for actions)."""

    def register(func: Handler) -> Handler:
        COMMANDS.append(
            Command(
                tuple(name.split()),
                func,
                help,
                description or help[0].upper() + help[1:] + ".",
                tuple(args),
                db,
                db_help or DB_HELP,
            )
        )
        return func

    return register


# --------------------------------------------------------------------------- options

DB_HELP = "SQLite database file (default: $PATENTWATCH_DB or data/patentwatch.db)"
SITES_HELP = "extra sites file (extends/overrides the shipped one)"


def common_options(with_db: bool, db_help: str = "") -> argparse.ArgumentParser:
    """Options accepted before and after the command name (``--db X runs`` = ``runs --db X``).

    SUPPRESS as default: a value given before the command is not overwritten by the
    sub-parser's default when the option is absent after it.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--sites", metavar="FILE", default=argparse.SUPPRESS, help=SITES_HELP)
    if with_db:
        parent.add_argument("--db", default=argparse.SUPPRESS, help=db_help or DB_HELP)
    return parent


# ``-s NAME=VALUE``: any Scrapy setting, for crawl, worker and the coordinator alike.
SET_OPTION = arg(
    "-s",
    "--set",
    action="append",
    default=[],
    metavar="NAME=VALUE",
    help="override a Scrapy setting (repeatable)",
)

# The counters a run line shows, as (label, crawl_runs column): the demo summary and
# `patentwatch runs` print the same words.
RUN_LINE_FIELDS = (
    ("requests", "requests"),
    ("not_modified", "not_modified"),
    ("skipped_seen", "skipped_seen"),
    ("new", "new_articles"),
    ("duplicates", "duplicates"),
    ("updated", "updated_articles"),
    ("errors", "errors"),
)


def run_counts_text(run: dict[str, Any], sep: str = " ") -> str:
    """``requests=… not_modified=… …`` for one ``crawl_runs`` row."""
    return sep.join(f"{label}={run[column]}" for label, column in RUN_LINE_FIELDS)


# --------------------------------------------------------------------------- settings


def setting(name: str) -> Any:
    """A patentwatch setting without loading Scrapy (the project's settings module)."""
    module = importlib.import_module(os.environ.get("SCRAPY_SETTINGS_MODULE", "crawler.settings"))
    return getattr(module, name)


def db_path(args: argparse.Namespace) -> str:
    """The database the user named (``--db``), else ``PATENTWATCH_DB``'s value."""
    return getattr(args, "db", None) or str(setting("PATENTWATCH_DB"))


@contextmanager
def open_database(args: argparse.Namespace, must_exist: bool = True) -> Iterator[Database]:
    """Open the command's database once, bring its schema up to date, close it at the end.

    :param must_exist: read commands refuse a missing file (a typo'd ``--db`` must not
        silently create an empty database); crawls create it.
    """
    import storage

    path = db_path(args)
    if must_exist and not Path(path).is_file():
        raise UsageError(f"database {path} does not exist (run a crawl or `make demo` first)")
    # read commands also work on a read-only copy (opened read-only, and they say so)
    db = storage.open_reader(path, note=_note) if must_exist else storage.open_db(path)
    try:
        yield db
    finally:
        db.close()


def _note(line: str) -> None:
    import sys

    print(f"patentwatch: {line}", file=sys.stderr)


def check_db(path: str) -> None:
    """Open the database once before crawling, so a bad path fails fast and clearly."""
    import storage

    storage.open_db(path).close()
