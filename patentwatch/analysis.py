"""The analysts' side: exports, the report and charts live in their own modules
(:mod:`patentwatch.export`, :mod:`patentwatch.report`, :mod:`patentwatch.charts`,
their SQL in :mod:`storage.analyst`); re-exported here. Datasette: :mod:`patentwatch.serve`.
"""

from __future__ import annotations

from patentwatch.charts import chart_pct_rank, rank_history
from patentwatch.export import export_rows, write_export
from patentwatch.report import report

__all__ = ["chart_pct_rank", "export_rows", "rank_history", "report", "write_export"]
