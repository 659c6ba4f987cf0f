"""The schema's one description (storage/catalog.py): complete, plain text, true in the
README, and turned into Datasette metadata that hides the machinery."""

from __future__ import annotations

import re

from patentwatch.serve import DISPLAY, datasette_metadata
from storage.catalog import RELATIONS, TABLES, VIEWS, is_internal, relation_columns
from storage.stored_queries import stored_queries
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SCHEMA = README.split("## The database", 1)[1].split("\n## ", 1)[0] + "\n\n"


def _plain(markdown: str) -> str:
    """README cell text as the catalog writes it: code marks dropped."""
    return markdown.replace("`", "").strip()


def test_catalog_covers_every_column(fresh_db) -> None:
    columns = relation_columns(fresh_db)
    described = {name for name in columns if not is_internal(name) or name in RELATIONS}
    assert not described - set(RELATIONS), (
        f"describe in storage/catalog.py: {described - set(RELATIONS)}"
    )
    assert not set(RELATIONS) - described, f"not in the database: {set(RELATIONS) - described}"
    for name, cols in columns.items():
        if name not in RELATIONS:
            continue
        known = RELATIONS[name].column_descriptions()
        missing = [c for c in cols if not known.get(c)]
        assert not missing, f"{name}: no description for {missing}"
        if RELATIONS[name].kind == "table":  # a table describes exactly its own columns
            assert list(RELATIONS[name].columns) == cols, name


def test_catalog_is_plain_text() -> None:
    for relation in RELATIONS.values():
        for text in (relation.description, *relation.column_descriptions().values()):
            assert "`" not in text and "**" not in text, (relation.name, text)
            assert len(text) < 300, (relation.name, text)


def test_readme_schema_matches_catalog() -> None:
    """Every `### `table`` section: the same one-liner and the same columns and meanings."""
    sections = {}  # heading's one-liner, and the first table under it (prose may come between)
    for part in re.split(r"^(?=### )", SCHEMA, flags=re.M):
        head = re.match(r"### `(\w+)`: ([^\n]+)\n", part)
        table = re.search(r"^\|.*?(?=\n\n|\Z)", part, re.S | re.M)
        if head and table:
            sections[head.group(1)] = (head.group(2), table.group(0))
    assert set(sections) == {t.name for t in TABLES}
    for table in TABLES:
        title, rows = sections[table.name]
        assert _plain(title) == table.description, table.name
        documented = dict(re.findall(r"^\| `(\w+)` \| \w+ \| (.+?) \|$", rows, re.M))
        assert {c: _plain(d) for c, d in documented.items()} == table.columns, table.name
    views = re.search(r"^### Views\n\n(\|.*?)\n\n", SCHEMA, re.S | re.M)
    assert views, "README: no ### Views table"
    listed = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", views.group(1), re.M))
    assert {v: _plain(d) for v, d in listed.items()} == {v.name: v.description for v in VIEWS}


def test_metadata_hides_machinery_and_describes_the_rest(demo_db) -> None:
    from sqlite_utils import Database

    db = Database(demo_db)
    columns = relation_columns(db)
    db.close()
    tables = datasette_metadata("demo", columns)["databases"]["demo"]["tables"]
    hidden = {name for name, entry in tables.items() if entry.get("hidden")}
    assert {"_sqlite_migrations", "lsh_buckets", "article_minhash", "http_validators"} <= hidden
    assert {"articles_fts_data", "articles_fts_idx", "article_html"} <= hidden
    assert not hidden & {"articles", "metrics", "pct_rankings", "claims_vs_wipo"}
    metrics = tables["metrics"]
    assert (
        metrics["description"] == "Patent figures extracted from articles, each with its sentence."
    )
    assert metrics["columns"]["evidence"] == "the exact sentence the figure came from"
    assert "<details" in metrics["description_html"] and "`" not in metrics["description_html"]
    # a view's column descriptions are its own columns only, inherited where shared
    claims = tables["claims_vs_wipo"]["columns"]
    assert list(claims) == columns["claims_vs_wipo"]
    assert claims["evidence"] == "the exact sentence the figure came from"
    assert tables["articles"]["label_column"] == "title"
    assert tables["institutions"]["label_column"] == "name"
    assert tables["articles"]["fts_table"] == "articles_search"  # the word index (m010)
    assert set(DISPLAY) <= set(RELATIONS)
    for options in DISPLAY.values():
        for col in options.get("facets", []) + options.get("sortable_columns", []):
            assert any(col in cols for cols in columns.values()), col


def test_stored_queries_take_names_not_ids() -> None:
    for relations in (set(), {"articles_search"}):  # with and without the word index
        for name, query in stored_queries(relations).items():
            params = set(re.findall(r":(\w+)", query["sql"]))
            assert not {p for p in params if p.endswith("_id")}, name
            assert query["title"] and query["description"] and "`" not in query["description"]
