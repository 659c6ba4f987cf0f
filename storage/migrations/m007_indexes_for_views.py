"""Migration m007: indexes for views. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m007_indexes_for_views(db: Database) -> None:
    # articles_unique ordered by date, and claims_vs_wipo's choice of metrics
    run_ddl(
        db,
        """
        CREATE INDEX idx_articles_published ON articles(published_at);
        CREATE INDEX idx_metrics_metric ON metrics(metric, year)
        """,
    )
