"""The README cannot drift: schema columns and CLI commands are checked against the code."""

from __future__ import annotations

import re
import sqlite3
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
        if table.startswith(("_", "articles_fts", "articles_search")):  # migrations, FTS indexes
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


def _run_block(lines: list[str], tmp_path: Path, demo_db: Path) -> None:
    """Run README lines as written, with data/ pointing at a temporary folder."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    bin_dir = Path(sys.executable).parent
    for line in lines:
        cmd = line.replace("data/demo.db", str(demo_db)).replace("data/", f"{data}/")
        cmd = cmd.replace(".venv/bin/", f"{bin_dir}/")
        proc = subprocess.run(
            ["bash", "-c", cmd], capture_output=True, text=True, cwd=tmp_path, timeout=120
        )
        assert proc.returncode == 0, (cmd, proc.stderr[-1000:])
        assert proc.stdout.strip() or proc.stderr.strip() or " > " in cmd, cmd


def _sh_block(after_heading: str) -> list[str]:
    section = README.split(after_heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    lines, pending = [], ""
    for line in block.splitlines():
        if line.strip().endswith("\\"):
            pending += line.strip()[:-1] + " "
            continue
        if line.strip():
            lines.append(pending + line.strip())
        pending = ""
    return lines


def test_readme_analysis_examples_run(tmp_path: Path, demo_db: Path) -> None:
    """Every command of the README's "Analysing the data" block runs and prints something."""
    commands = _sh_block("## Analysing the data")
    assert len(commands) >= 15
    _run_block(commands, tmp_path, demo_db)


def test_readme_analysis_examples_print_what_the_text_says(tmp_path: Path, demo_db: Path) -> None:
    """The figures the README quotes are the ones the commands print."""
    section = README.split("## Analysing the data", 1)[1].split("\n## ", 1)[0]
    assert "120 million and as 1.2 billion yuan" in section
    conn = sqlite3.connect(demo_db)
    values = sorted(
        r[0]
        for r in conn.execute(
            "SELECT value FROM conflicts WHERE institution = 'Dalian University of Technology'"
            " AND metric = 'contract_amount' AND year = 2021"
        )
    )
    conn.close()
    assert values == [120_000_000, 1_200_000_000]


def test_readme_metrics_examples_run(tmp_path: Path, demo_db: Path) -> None:
    commands = _sh_block("## Patent metrics")
    assert any("extract-metrics article.txt" in c for c in commands)
    own = tmp_path / "demo.db"  # reextract writes: never the session's shared copy
    own.write_bytes(demo_db.read_bytes())
    _run_block(commands, tmp_path, own)


def test_shipped_sites_table_matches_the_registry() -> None:
    """Every declared site is in the README's table with its institution and list pages."""
    from core.sites import SHIPPED_SITES, load_sites

    section = README.split("### Shipped sites", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (.+?) \| (.+?) \|$", section, re.M)
    table = {name: (inst, pages) for name, inst, _cms, pages in rows if name != "wipo_pct"}
    sites = load_sites([SHIPPED_SITES])
    assert set(table) == set(sites)
    for name, site in sites.items():
        inst, pages = table[name]
        assert inst == site.institution, name
        listed = re.findall(r"`([^`]+)`", pages)
        for url in site.start_urls:
            assert any(url.endswith(p) for p in listed), (name, url, listed)


def test_readme_bundled_copy_size_is_true(demo_db: Path) -> None:
    said = re.search(r"(\d+) articles including the\s+two seed stories \((\d+) stories", README)
    assert said, "the README no longer says how many articles the bundled copy holds"
    conn = sqlite3.connect(demo_db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stories = conn.execute("SELECT count(*) FROM articles_unique").fetchone()[0]
    sites = {r[0] for r in conn.execute("SELECT DISTINCT site FROM articles")}
    conn.close()
    assert (int(said.group(1)), int(said.group(2))) == (stored, stories)
    section = README.split("## Crawling a local copy", 1)[1].split("\n## ", 1)[0]
    assert "patentwatch/demo_sites/" in section and "dlut_cn_news" in sites
