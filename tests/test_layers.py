"""The import rule: layers depend one way, so the tree keeps the shape the README draws.

core (pure) ← storage ← crawler/spiders (Scrapy) ← schedules ← patentwatch (the app).
A lower layer never imports a higher one, core imports neither Scrapy nor sqlite,
and the crawler package never imports a spider module. Checked statically (ast),
including imports inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("core", "storage", "crawler", "spiders", "schedules", "patentwatch")
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "storage": {"core", "storage"},
    "crawler": {"core", "storage", "crawler"},
    "spiders": {"core", "storage", "crawler", "spiders"},
    "schedules": {"core", "storage", "schedules"},
    "patentwatch": set(OURS),
}
# `python -m crawler` is the CLI: its entry shim is the one upward import.
EXEMPT = {"crawler/__main__.py"}
FORBIDDEN_IN_CORE = ("scrapy", "twisted", "sqlite3", "sqlite_utils")


def imports_of(path: Path) -> set[str]:
    """Top-level module names a file imports (absolute imports; relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def product_files() -> list[Path]:
    return sorted(p for pkg in OURS for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", product_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_layer_imports_point_down(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    if rel in EXEMPT:
        return
    layer = rel.split("/")[0]
    ours = imports_of(path) & set(OURS)
    assert ours <= ALLOWED[layer], f"{rel} imports {sorted(ours - ALLOWED[layer])} from above"
    if layer == "core":
        bad = imports_of(path) & set(FORBIDDEN_IN_CORE)
        assert not bad, f"{rel} is in the pure layer but imports {sorted(bad)}"


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from patentwatch.cli import main\n    import scrapy\n")
    assert imports_of(bad) == {"patentwatch", "scrapy"}


def test_no_product_module_over_500_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in product_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, f"modules over 500 lines: {long}"


def _is_table(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Declarative: one statement building a literal, or (migrations) calls running DDL text."""
    body = [
        s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) == 1 and isinstance(
        getattr(body[0], "value", None), ast.Dict | ast.List | ast.Tuple | ast.Call
    ):
        return True
    return all(
        isinstance(s, ast.ImportFrom) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call))
        for s in body
    )


def test_no_function_over_60_lines() -> None:
    long = []
    for path in product_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not _is_table(node):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > 60:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, "functions over 60 lines:\n" + "\n".join(long)


def test_tests_never_import_the_benchmarks() -> None:
    """bench/ may use the test site generators; tests never depend on bench/ (one way)."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "tests").rglob("*.py"))
        if "bench" in imports_of(p)
    ]
    assert not offenders, f"tests importing bench/: {offenders}"
