"""The metric record and the extractor's version: what every finder produces and storage keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Rises with every change of output (a rule, vocabulary row, registry alias or scope that
# changes any emitted field); rows store it, and `patentwatch reextract` refreshes old ones.
EXTRACTOR_VERSION = "13"
METRICS = (
    "pct_applications_published",
    "pct_applications_filed",
    "international_patent_applications",
    "international_patents_granted",
    "invention_patent_applications",
    "invention_patents_granted",
    "patents_granted",
    "patent_applications",
    "patents_transferred",
    "contract_amount",
    "rank",
    "other",
)


@dataclass
class Metric:
    """One figure stated in an article, traceable to its sentence."""

    institution: str | None
    metric: str
    value: int | float
    unit: str
    year: int | None
    period: str | None
    scope: str | None
    basis: str | None
    qualifier: str | None
    currency: str | None
    evidence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        # every field is a plain value: a shallow copy (asdict deep-copies, 10x slower)
        return dict(self.__dict__)


def sentence_figure(
    institution: str, metric: str, value: float, unit: str, sentence: str, start: int, **more: Any
) -> dict[str, Any]:
    """A finder's record of one figure of ``sentence`` (at ``start`` in the article): the
    :class:`Metric` fields, with the sentence as evidence and no time, scope or basis yet
    unless ``more`` gives them."""
    rec = Metric(
        institution,
        metric,
        value,
        unit,
        None,
        None,
        None,
        None,
        None,
        None,
        sentence,
        start,
        start + len(sentence),
    ).as_dict()
    rec.update(more)
    return rec
