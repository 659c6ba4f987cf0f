"""Top-N ranks that only restate a place the text gives more exactly: "ranked in the top five"
beside "placed fifth", and a top 50 beside the same member's top 10 of the same ranking
(labelling rules, section 3: an exact rank is not labelled again as a top N)."""

from __future__ import annotations

from typing import Any


def _paragraph(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def drop_restated_top_n(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A top-N is dropped when the same institution has an exact rank within it in the same
    scope, and the top-N is the headline's, in the exact rank's paragraph, or that place."""
    title_end = max(text.find("\n"), 0)  # one paragraph: no headline
    exact = [
        (r["institution"], r["scope"], r["value"], r["start"], r["basis"], (r["year"], r["period"]))
        for r in records
        if r["metric"] == "rank" and r["unit"] == "rank"
    ]

    def restated(r: dict[str, Any]) -> bool:
        return any(
            i == r["institution"]
            and s == r["scope"]
            and v <= r["value"]
            and not (basis and r["basis"] and basis != r["basis"])  # two rankings
            and (
                time == (r["year"], r["period"])
                or not (r["year"] or r["period"])
                # a headline's top-N dated by its year restates that year's exact rank
                or (r["start"] < title_end and r["year"] is not None and time[0] == r["year"])
            )
            and (
                r["start"] < title_end
                or _paragraph(text, start) == _paragraph(text, r["start"])
                # "got UT ranked in the top five" above "UT placed fifth" in the same year
                or (r["year"] is not None and time == (r["year"], r["period"]))
                or v == r["value"]  # "ranked in the top five" … "placed fifth": the same place
            )
            for i, s, v, start, basis, time in exact
        )

    # "进入前10的还有深圳大学" above "前50名中…依次为：…深圳大学…": the narrower top N says it
    # (of the same ranking: a top 3 by invention patents says nothing of a top 10 by all)
    narrower = {
        (r["institution"], r["scope"], r["year"], r["period"], r["value"], r["basis"])
        for r in records
        if r["metric"] == "rank" and r["unit"] == "rank_top_n"
    }

    def within_narrower(r: dict[str, Any]) -> bool:
        key = (r["institution"], r["scope"], r["year"], r["period"])
        return any(
            k[:4] == key and k[4] < r["value"] and (k[5] == r["basis"] or not (k[5] and r["basis"]))
            for k in narrower
        )

    return [
        r
        for r in records
        if not (r["unit"] == "rank_top_n" and (restated(r) or within_narrower(r)))
    ]
