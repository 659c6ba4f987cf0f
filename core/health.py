"""Health checks over a finished run's stats, declared as data.

Each check is a row: name, how its value is computed from the stats, the
setting holding its threshold, and the comparison that must hold. A failed
check marks the run ``degraded``, is logged, makes ``patentwatch crawl`` exit
non-zero (so cron mails it) and calls the notification hook if one is set.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Stats = Mapping[str, Any]


def _items(s: Stats) -> int:
    """Articles extracted (each gets a body from a selector or the fallback); WIPO rows are not."""
    return int(s.get("patentwatch/field/body/selector", 0)) + int(
        s.get("patentwatch/field/body/fallback", 0)
    )


# Exceptions that are skips, not errors: IgnoreRequest (robots.txt, off-site, a skipped
# redirect) and the size cap's cancellation. Each is a skipped_pages row instead.
_SKIP_EXCEPTIONS = (
    "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest",
    "downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError",
    "downloader/exception_type_count/twisted.internet.defer.CancelledError",
)


def _download_errors(s: Stats) -> int:
    """Download exceptions other than expected skips."""
    return int(s.get("downloader/exception_count", 0)) - sum(
        int(s.get(k, 0)) for k in _SKIP_EXCEPTIONS
    )


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _list_pages_fetched(s: Stats) -> float | None:
    """List pages that answered (parsed or 304), for spiders that walk list pages at all.

    A first crawl whose start URL is wrong answers 404 on every list page: without this
    check it has no errors, no history to compare with, and would be called healthy."""
    if not s.get("patentwatch/list/requested"):
        return None  # not a list-walking spider (WIPO)
    return float(s.get("patentwatch/list/pages", 0) + s.get("patentwatch/list/not_modified", 0))


def _list_links_found(s: Stats) -> float | None:
    """Article links over all parsed list pages (None when no page was parsed)."""
    if not s.get("patentwatch/list/pages"):
        return None
    return float(s.get("patentwatch/list/links", 0))


@dataclass(frozen=True)
class Check:
    """``value(stats, history) <op> settings[threshold_setting]`` must hold; None skips the check.

    ``default`` is the threshold when the settings do not name one."""

    name: str
    description: str
    value: Callable[[Stats, Sequence[Stats]], float | None]
    threshold_setting: str
    op: str  # ">=" or "<="
    default: float | None = None


CHECKS: tuple[Check, ...] = (
    Check(
        "list_pages_fetched",
        "list pages that answered (200 or 304); none means a wrong or moved start URL",
        lambda s, h: _list_pages_fetched(s),
        "PATENTWATCH_HEALTH_MIN_LIST_PAGES",
        ">=",
        1,
    ),
    Check(
        "list_links_found",
        "article links found over all parsed list pages; none means the list selector misses",
        lambda s, h: _list_links_found(s),
        "PATENTWATCH_HEALTH_MIN_LIST_LINKS",
        ">=",
        1,
    ),
    Check(
        "list_pages_have_links",
        "list pages without a single article link (a redesign, or a JS-only page)",
        lambda s, h: float(s.get("patentwatch/list/empty", 0)),
        "PATENTWATCH_HEALTH_MAX_EMPTY_LIST_PAGES",
        "<=",
    ),
    Check(
        "error_rate",
        "share of requests that ended in an error",
        lambda s, h: _ratio(
            s.get("log_count/ERROR", 0) + _download_errors(s),
            s.get("downloader/request_count", 0),
        ),
        "PATENTWATCH_HEALTH_MAX_ERROR_RATE",
        "<=",
    ),
    Check(
        "date_coverage",
        "share of scraped articles with a publication date",
        lambda s, h: _ratio(
            sum(v for k, v in s.items() if k.startswith("patentwatch/field/published_at/")),
            _items(s),
        ),
        "PATENTWATCH_HEALTH_MIN_DATE_COVERAGE",
        ">=",
    ),
    Check(
        "selector_hits",
        "share of scraped articles whose body came from the declared selectors",
        lambda s, h: _ratio(s.get("patentwatch/field/body/selector", 0), _items(s)),
        "PATENTWATCH_HEALTH_MIN_SELECTOR_HITS",
        ">=",
    ),
    Check(
        "links_vs_trailing_mean",
        "article links seen on parsed list pages, relative to the mean of recent comparable runs",
        lambda s, h: _links_vs_history(s, h),
        "PATENTWATCH_HEALTH_MIN_LINKS_VS_MEAN",
        ">=",
    ),
)
_OPS = {">=": operator.ge, "<=": operator.le}


def _links_vs_history(stats: Stats, history: Sequence[Stats]) -> float | None:
    """Links seen this run / mean of earlier runs that parsed list pages (None without history)."""
    if stats.get("patentwatch/list/not_modified"):
        return None  # an unchanged list page was not parsed: nothing to compare
    past = [h.get("patentwatch/list/links", 0) for h in history if h.get("patentwatch/list/links")]
    if not past:
        return None
    return float(stats.get("patentwatch/list/links", 0)) / float(sum(past) / len(past))


@dataclass(frozen=True)
class Result:
    check: str
    value: float
    threshold: float
    op: str
    ok: bool

    def line(self) -> str:
        state = "ok" if self.ok else "FAILED"
        return f"{self.check}: {self.value:.3g} (must be {self.op} {self.threshold:g}) {state}"


def run_checks(stats: Stats, history: Sequence[Stats], settings: Mapping[str, Any]) -> list[Result]:
    """Evaluate every check that applies to this run."""
    results = []
    for check in CHECKS:
        value = check.value(stats, history)
        if value is None:
            continue
        setting = settings.get(check.threshold_setting)
        threshold = float(setting if setting is not None else check.default or 0)
        results.append(
            Result(check.name, value, threshold, check.op, _OPS[check.op](value, threshold))
        )
    return results
