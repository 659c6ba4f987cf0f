"""Migration m019: the ``conflicts`` view leaves out the catch-all metric ``other``.
Applied once; never edited after release.

Why: ``other`` holds every figure the rules give no metric of its own (invention
disclosures, medals, shares, patents held, …), so two values of it for one institution and
year are, as a rule, two different things ("four gold medals and one silver medal" at one
exhibition), not two stories disagreeing on one figure. Extractor version 11 dates an
exhibition's medals by the exhibition's year, which put such pairs into ``conflicts``. The
view is otherwise the one m010 created; ``institution_metrics`` is unchanged.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl

SQL = """
    DROP VIEW IF EXISTS conflicts;
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
        WHERE g.value_min != g.value_max AND g.year IS NOT NULL AND g.metric != 'other'
        GROUP BY g.institution, g.metric, g.year, g.group_key, m.value;
"""


@migrations()
def m019_conflicts_without_other(db: Database) -> None:
    run_ddl(db, SQL)
