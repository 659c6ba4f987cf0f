"""Migration m010: analyst views that do not mislead, kept fast by a summary table.

* ``metric_groups``: one row per institution, metric, scope, basis, year, period and
  unit, with how many figures and stories support it and the smallest and largest
  value. Kept current on write by triggers (an insert adds to its group; a delete
  subtracts, or recomputes the group when it removes the group's minimum, maximum or
  latest article), so the analysts' views read a few rows instead of aggregating
  millions of metrics (issue #19: every documented query under 50 ms at 5 M metrics).
* ``institution_metrics`` (replaced): read from ``metric_groups``; ranks of different
  scopes and figures of different periods are no longer mixed (issue #17.1).
* ``conflicts``: groups with a year whose stories give different values, one row per value.
* ``claims_vs_wipo`` (replaced): the same rows, written so that a filter on the
  institution's name uses the indexes. ``CROSS JOIN`` fixes the join order (SQLite never
  reorders it): the named institution or group first, so a filtered view reads only its
  rows whatever the statistics say.
* ``articles_search``: a second full-text index (``unicode61`` over text whose CJK runs
  are cut into 1–4-character grams, see :mod:`core.search`), so one- and two-character
  Chinese terms are found in Datasette, sqlite-utils and plain SQL. Its triggers call the
  SQL function ``pw_search_terms`` that :func:`storage.db.open_db` registers; the
  trigram index ``articles_fts`` is re-created after it so tools that pick the first
  index of ``articles`` (sqlite-utils, Datasette) pick the word index.

The ``scope``, ``basis`` and ``period`` columns already exist (m002).
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl

GROUP_COLUMNS = ("metric", "scope", "basis", "year", "period", "unit")


def group_key(r: str) -> str:
    """SQL for a metric row's group (``r`` is a row alias: NEW, OLD, m, ...)."""
    cols = ", ".join(f"{r}.{c}" for c in GROUP_COLUMNS)
    return f"json_array(coalesce({r}.institution_id, {r}.institution), {cols})"


def _same_group(r: str) -> str:
    """Rows ``m`` of the group of row ``r``; ``IS`` because the key columns may be NULL."""
    terms = [
        f"m.institution_id IS {r}.institution_id",
        f"({r}.institution_id IS NOT NULL OR m.institution IS {r}.institution)",
        f"m.metric = {r}.metric",
        *(f"m.{c} IS {r}.{c}" for c in GROUP_COLUMNS if c != "metric"),
    ]
    return " AND ".join(terms)


INSERT_COLUMNS = (
    "group_key, institution_id, institution, country, metric, scope, basis, year, period, unit,"
    " figures, articles, value_min, value_max, latest_article"
)


def _identity(r: str) -> str:
    return (
        f"{group_key(r)}, {r}.institution_id,"
        f" coalesce((SELECT name FROM institutions WHERE id = {r}.institution_id), {r}.institution),"
        f" (SELECT country FROM institutions WHERE id = {r}.institution_id),"
        + ", ".join(f"{r}.{c}" for c in GROUP_COLUMNS)
    )


def recompute(r: str, source: str = "") -> str:
    """Statements that rebuild the group of row ``r`` from ``metrics`` (``source``: a FROM
    item defining ``r`` when it is not NEW/OLD)."""
    key_from = f"FROM {source}" if source else ""
    return f"""
        DELETE FROM metric_groups WHERE group_key IN (SELECT {group_key(r)} {key_from});
        INSERT OR REPLACE INTO metric_groups ({INSERT_COLUMNS})
          SELECT {_identity(r)}, count(*), count(DISTINCT m.article_id), min(m.value), max(m.value),
                 max(a.published_at)
          FROM {source + "," if source else ""} metrics m
          JOIN articles a ON a.id = m.article_id AND a.duplicate_of IS NULL
          WHERE {_same_group(r)}
          GROUP BY {group_key(r)};"""


def _other_row_of_article(r: str, exclude_self: bool) -> str:
    extra = f" AND x.id != {r}.id" if exclude_self else ""
    return (
        f"EXISTS (SELECT 1 FROM metrics x WHERE x.article_id = {r}.article_id{extra}"
        f" AND {group_key('x')} = {group_key(r)})"
    )


_UNIQUE_ARTICLE = (
    "EXISTS (SELECT 1 FROM articles WHERE id = {r}.article_id AND duplicate_of IS NULL)"
)
# a delete that cannot change the group's minimum, maximum or latest article
_SIMPLE_DELETE = (
    "EXISTS (SELECT 1 FROM metric_groups g WHERE g.group_key = {key} AND OLD.value > g.value_min"
    " AND OLD.value < g.value_max AND (SELECT published_at FROM articles WHERE id = OLD.article_id)"
    " < g.latest_article) AND " + _UNIQUE_ARTICLE.format(r="OLD")
)


def _triggers() -> list[str]:
    key_new, key_old = group_key("NEW"), group_key("OLD")
    simple_delete = _SIMPLE_DELETE.format(key=key_old)
    by_article = (
        "(SELECT DISTINCT institution_id, institution, metric, scope, basis, year, period, unit"
        " FROM metrics WHERE article_id = NEW.id) k"
    )
    return f"""
    CREATE TRIGGER metric_groups_ai AFTER INSERT ON metrics
    WHEN {_UNIQUE_ARTICLE.format(r="NEW")}
    BEGIN
      INSERT INTO metric_groups ({INSERT_COLUMNS})
        VALUES ({_identity("NEW")}, 1, 1, NEW.value, NEW.value,
                (SELECT published_at FROM articles WHERE id = NEW.article_id))
        ON CONFLICT(group_key) DO UPDATE SET
          figures = figures + 1,
          articles = articles + (NOT {_other_row_of_article("NEW", True)}),
          value_min = min(value_min, excluded.value_min),
          value_max = max(value_max, excluded.value_max),
          latest_article = nullif(max(coalesce(latest_article, ''),
                                      coalesce(excluded.latest_article, '')), '');
    END;

    CREATE TRIGGER metric_groups_ad_simple AFTER DELETE ON metrics
    WHEN {simple_delete}
    BEGIN
      UPDATE metric_groups SET figures = figures - 1,
        articles = articles - (NOT {_other_row_of_article("OLD", False)})
      WHERE group_key = {key_old};
    END;

    CREATE TRIGGER metric_groups_ad AFTER DELETE ON metrics
    WHEN NOT ({simple_delete})
    BEGIN {recompute("OLD")}
    END;

    CREATE TRIGGER metric_groups_au AFTER UPDATE ON metrics
    WHEN {key_old} != {key_new} OR OLD.value IS NOT NEW.value OR OLD.article_id != NEW.article_id
    BEGIN {recompute("OLD")} {recompute("NEW")}
    END;

    CREATE TRIGGER metric_groups_article_au AFTER UPDATE OF duplicate_of, published_at ON articles
    WHEN OLD.duplicate_of IS NOT NEW.duplicate_of OR OLD.published_at IS NOT NEW.published_at
    BEGIN {recompute("k", by_article)}
    END
    """.split("END;\n")


SUMMARY = """
    CREATE TABLE metric_groups (
        group_key TEXT PRIMARY KEY,
        institution_id INTEGER REFERENCES institutions(id),
        institution TEXT,
        country TEXT,
        metric TEXT NOT NULL,
        scope TEXT,
        basis TEXT,
        year INTEGER,
        period TEXT,
        unit TEXT,
        figures INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        value_min NUMERIC NOT NULL,
        value_max NUMERIC NOT NULL,
        latest_article TEXT
    );
    CREATE INDEX idx_metric_groups_institution ON metric_groups(institution, metric, year);
    CREATE INDEX idx_metric_groups_institution_id ON metric_groups(institution_id, metric, year);
    CREATE INDEX idx_metric_groups_conflicts ON metric_groups(institution, metric, year)
        WHERE value_min != value_max AND year IS NOT NULL
"""

VIEWS = """
    DROP VIEW IF EXISTS institution_metrics;
    CREATE VIEW institution_metrics AS
        SELECT institution, country, metric, scope, basis, year, period, unit,
               articles, figures, value_min, value_max,
               CASE WHEN value_min = value_max THEN value_min END AS value,
               value_min != value_max AS sources_disagree,
               latest_article, institution_id
        FROM metric_groups;

    CREATE VIEW conflicts AS
        SELECT g.institution, g.country, g.metric, g.scope, g.basis, g.year, g.period, g.unit,
               m.value, count(DISTINCT m.article_id) AS articles,
               min(a.url) AS article_url, min(m.evidence) AS evidence,
               g.value_min, g.value_max, g.institution_id
        FROM metric_groups g
        CROSS JOIN metrics m ON m.institution_id IS g.institution_id
             AND (g.institution_id IS NOT NULL OR m.institution IS g.institution)
             AND m.metric = g.metric AND m.year = g.year AND m.scope IS g.scope
             AND m.basis IS g.basis AND m.period IS g.period AND m.unit IS g.unit
        CROSS JOIN articles a ON a.id = m.article_id AND a.duplicate_of IS NULL
        WHERE g.value_min != g.value_max AND g.year IS NOT NULL
        GROUP BY g.institution, g.metric, g.year, g.group_key, m.value;

    DROP VIEW IF EXISTS claims_vs_wipo;
    CREATE VIEW claims_vs_wipo AS
        SELECT m.id AS metric_id, a.url AS article_url, a.published_at AS article_date,
               i.name AS institution, m.year, m.metric, m.scope, m.value AS claimed,
               CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END AS official,
               CASE
                 WHEN (CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END) IS NULL
                   THEN 'no official figure'
                 WHEN m.value = (CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END)
                   THEN 'match'
                 ELSE 'differs' END AS verdict,
               r.release_no, r.source_url AS official_source, m.evidence
        FROM institutions i
        CROSS JOIN metrics m ON m.institution_id = i.id
        CROSS JOIN articles a ON a.id = m.article_id
        LEFT JOIN pct_rankings r
          ON r.institution_id = m.institution_id AND r.year = m.year AND r.category = 'education'
        WHERE m.metric = 'pct_applications_published'
           OR (m.metric = 'rank' AND m.unit = 'rank' AND m.scope = 'global education institutions')
        UNION ALL
        SELECT m.id, a.url, a.published_at, m.institution, m.year, m.metric, m.scope, m.value,
               NULL, 'no official figure', NULL, NULL, m.evidence
        FROM metrics m
        CROSS JOIN articles a ON a.id = m.article_id
        WHERE m.institution_id IS NULL
          AND (m.metric = 'pct_applications_published'
               OR (m.metric = 'rank' AND m.unit = 'rank' AND m.scope = 'global education institutions'))
"""

_SEARCH_ROW = "pw_search_terms({r}.title), pw_search_terms({r}.body)"
SEARCH_TRIGGERS = [
    "CREATE TRIGGER articles_search_ai AFTER INSERT ON articles BEGIN"
    f" INSERT INTO articles_search (rowid, title, body) VALUES (NEW.rowid, {_SEARCH_ROW.format(r='NEW')});"
    " END",
    "CREATE TRIGGER articles_search_ad AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_search (articles_search, rowid, title, body)"
    f" VALUES ('delete', OLD.rowid, {_SEARCH_ROW.format(r='OLD')}); END",
    "CREATE TRIGGER articles_search_au AFTER UPDATE OF title, body ON articles BEGIN"
    " INSERT INTO articles_search (articles_search, rowid, title, body)"
    f" VALUES ('delete', OLD.rowid, {_SEARCH_ROW.format(r='OLD')});"
    f" INSERT INTO articles_search (rowid, title, body) VALUES (NEW.rowid, {_SEARCH_ROW.format(r='NEW')});"
    " END",
]


def fill_groups(db: Database) -> None:
    """(Re)build ``metric_groups`` from ``metrics`` in one pass."""
    db.execute("DELETE FROM metric_groups")
    db.execute(
        f"INSERT INTO metric_groups ({INSERT_COLUMNS}) SELECT {_identity('m')}, count(*),"
        " count(DISTINCT m.article_id), min(m.value), max(m.value), max(a.published_at)"
        " FROM metrics m JOIN articles a ON a.id = m.article_id AND a.duplicate_of IS NULL"
        f" GROUP BY {group_key('m')}"
    )


def fill_search(db: Database) -> None:
    """(Re)build the word index from ``articles`` (never ``'rebuild'``: it would index raw text)."""
    db.execute("INSERT INTO articles_search (articles_search) VALUES ('delete-all')")
    db.execute(
        "INSERT INTO articles_search (rowid, title, body)"
        " SELECT rowid, pw_search_terms(title), pw_search_terms(body) FROM articles"
    )


def _recreate_trigram_index(db: Database) -> None:
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db.table("articles").enable_fts(["title", "body"], create_triggers=True, tokenize="trigram")


@migrations()
def m010_analyst_views(db: Database) -> None:
    run_ddl(db, SUMMARY)
    fill_groups(db)
    db.execute(
        "CREATE VIRTUAL TABLE articles_search USING fts5(title, body, content=[articles],"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    fill_search(db)
    for trigger in [*_triggers(), *SEARCH_TRIGGERS]:
        # each piece lost its closing END to the split, except the last
        db.execute(trigger if trigger.rstrip().endswith("END") else trigger + "END")
    run_ddl(db, VIEWS)
    _recreate_trigram_index(db)
