"""The README cannot drift: schema columns and CLI commands are checked against the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from patentwatch.cli import build_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def documented_columns() -> dict[str, dict[str, str]]:
    """``{table: {column: type}}`` from the README's ``### `table` `` sections."""
    tables: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"^### `(\w+)`.*?\n\n(\|.*?)\n\n", README, re.S | re.M):
        rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", match.group(2), re.M)
        tables[match.group(1)] = dict(rows)
    return tables


def test_schema_section_lists_every_column_with_its_type(fresh_db) -> None:
    documented = documented_columns()
    for table in fresh_db.table_names():
        if table.startswith(("_", "articles_fts")):  # migrations record, FTS index and its shadows
            continue
        actual = {c.name: c.type.lower() for c in fresh_db[table].columns}
        assert documented.get(table) == actual, (
            f"README schema for {table!r} differs from the database"
        )


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_cli_commands_have_help_and_are_documented(command: str) -> None:
    sub = build_parser()._subparsers._group_actions[0].choices[command]
    assert sub.description, f"`patentwatch {command}` has no description"
    assert f"patentwatch {command}" in README, f"`patentwatch {command}` is not in the README"


def test_readme_two_commands() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in Path(REPO / ".ci" / "run").read_text()


def test_readme_analysis_examples_run(tmp_path: Path, demo_db: Path) -> None:
    """Every command of the README's "Analysing the data" block runs and prints something."""
    section = README.split("## Analysing the data", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) >= 10
    bin_dir = Path(sys.executable).parent
    for line in commands:
        cmd = line.replace("data/demo.db", str(demo_db)).replace(
            "data/pct-rank.png", str(tmp_path / "c.png")
        )
        cmd = cmd.replace(".venv/bin/", f"{bin_dir}/")
        proc = subprocess.run(
            ["bash", "-c", cmd], capture_output=True, text=True, cwd=REPO, timeout=120
        )
        assert proc.returncode == 0, (cmd, proc.stderr[-1000:])
        assert proc.stdout.strip(), cmd
