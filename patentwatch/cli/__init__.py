"""The ``patentwatch`` command (also ``python -m patentwatch`` and ``python -m crawler``).

Commands are thin: they validate what the user gave, then call the libraries
below (:mod:`storage`, :mod:`core`, Scrapy through :mod:`patentwatch.runner`).
A user's mistake is one line on stderr and exit code 2; a crawl that finished
with errors or degraded is exit code 1; a spider already running is 3.

Each module of this package declares its commands with
:func:`patentwatch.cli.base.command`; a new module is picked up by name.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from patentwatch import __version__
from patentwatch.cli.base import (
    COMMANDS,
    EXIT_CRAWL_FAILED,
    EXIT_LOCKED,
    EXIT_USAGE,
    GROUPS,
    Command,
    Locked,
    UsageError,
    common_options,
)

__all__ = ["build_parser", "main"]


def _load_commands() -> None:
    if COMMANDS:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_") and info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")


def _add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], cmd: Command
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        cmd.path[-1],
        help=cmd.help,
        description=cmd.description,
        parents=[common_options(cmd.db, cmd.db_help)],
    )
    for a in cmd.args:
        parser.add_argument(*a.flags, **a.options)
    parser.set_defaults(func=cmd.func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, from the commands the modules of this package declare."""
    _load_commands()
    parser = argparse.ArgumentParser(
        prog="patentwatch",
        description="Crawl university news and WIPO PCT statistics into SQLite.",
        parents=[common_options(True)],
    )
    parser.add_argument("--version", action="version", version=f"patentwatch {__version__}")
    top = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    order = sorted(COMMANDS, key=lambda c: _ORDER.get(c.path[0], 99))
    for cmd in order:
        if len(cmd.path) == 1:
            _add_command(top, cmd)
            continue
        name = cmd.path[0]
        if name not in groups:
            spec = GROUPS[name]
            gp = top.add_parser(name, help=spec.help, description=spec.description)
            groups[name] = gp.add_subparsers(
                dest=f"{name}_command", required=True, metavar="ACTION"
            )
        _add_command(groups[name], cmd)
    return parser


# The order commands are listed in --help: the everyday ones first.
_ORDER = {
    name: i
    for i, name in enumerate(
        [
            "crawl",
            "demo",
            "runs",
            "health",
            "schedule",
            "sites",
            "metrics",
            "extract-metrics",
            "reextract",
            "wipo",
            "institutions",
            "export",
            "report",
            "chart",
            "search",
            "serve",
            "worker",
            "ingest",
        ]
    )
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "sites", None):
        os.environ["PATENTWATCH_SITES"] = str(Path(args.sites).resolve())
    import storage

    try:
        return int(args.func(args))
    except (UsageError, storage.StorageError) as exc:
        print(f"patentwatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Locked as exc:
        print(f"patentwatch: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print("patentwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `patentwatch export … | head`: the reader has what it wanted; a normal end.
        _silence_stdout()
        return 0
    except OSError as exc:  # a full disk, a vanished folder: one line, not a traceback
        print(
            f"patentwatch: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_CRAWL_FAILED


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
