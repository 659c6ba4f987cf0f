"""Score the metric extractor on labelled articles.

Two formats:

* the project's old TOML cases (``load_cases``/``score_cases``): exact
  (institution, metric, value, year) tuples;
* the labelled-articles JSON of ``../shared/metrics-dev/`` (``load_articles``/
  ``score_articles``), whose README is the contract. A prediction matches a label
  on institution (registry alias or fuzzy name), metric (or an acceptable
  alternative), value, unit, year-or-period, and for ranks the scope's class.
  Labels marked ``implied`` or ``aggregate`` are optional (found: not counted as
  a miss or a false positive; missed: not a miss); ``confidence: "low"`` labels
  are reported apart and also optional. Year accuracy is measured over pairs
  that match on everything but time; institution accuracy over pairs that match
  on everything but the institution.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.institutions import alias_key, canonical, lookup
from core.metrics.extract import extract_metrics
from core.metrics.initials import expand_u
from core.metrics.scopes import scope_class

Key = tuple[str | None, str, float, int]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_cases(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as fh:
        cases: list[dict[str, Any]] = tomllib.load(fh)["case"]
    return cases


def score_cases(cases: list[dict[str, Any]]) -> Score:
    score = Score()
    for case in cases:
        want: Counter[Key] = Counter((i, m, float(v), int(y)) for i, m, v, y in case["expected"])
        got: Counter[Key] = Counter(
            (r.institution, r.metric, float(r.value), r.year or 0)
            for r in extract_metrics(case["text"], case["institution"])
        )
        tp = sum((want & got).values())
        score.tp += tp
        score.fp += sum((got - want).values())
        score.fn += sum((want - got).values())
        for key in got - want:
            score.errors.append(f"{case['id']}: extra {key}")
        for key in want - got:
            score.errors.append(f"{case['id']}: missed {key}")
    return score


# --------------------------------------------------------------------------- labelled JSON


class LabelsError(ValueError):
    """The labels file cannot be scored (missing, not JSON, wrong shape)."""


_REQUIRED = ("id", "text", "metrics")


def load_articles(path: Path) -> list[dict[str, Any]]:
    """Records of a labelled-articles file; :class:`LabelsError` names what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LabelsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelsError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise LabelsError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, list):
        raise LabelsError(f"{path}: expected a JSON array of articles")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or any(k not in rec for k in _REQUIRED):
            raise LabelsError(f"{path}: record {i + 1} lacks one of {', '.join(_REQUIRED)}")
        for m in rec["metrics"]:
            if not isinstance(m, dict) or not {"metric", "value"} <= m.keys():
                raise LabelsError(f"{path}: record {rec['id']} has a label without metric/value")
    return data


def _names(label_institution: str | None) -> set[str]:
    """Match keys of a label's institution: the name and each part in brackets."""
    if not label_institution:
        return set()
    # "U. of Texas System", "Harvard U.": a table's abbreviation of University
    parts = [expand_u(p.strip()) for p in re.split(r"[()（）,，]", label_institution)]
    keys = {alias_key(canonical(p.strip()) or "") for p in parts if p.strip()}
    keys |= {alias_key(p.strip()) for p in parts if p.strip()}
    # the whole name too: "China University of Petroleum (East China)" is registered as one
    keys |= {alias_key(canonical(label_institution) or ""), alias_key(label_institution)}
    return {k for k in keys if k}


def _inst_ok(label: dict[str, Any], pred: dict[str, Any]) -> bool:
    if label.get("aggregate"):
        return True  # a group's figure: any attribution of it is the same (optional) row
    want = _names(label.get("institution"))
    got = alias_key(canonical(pred.get("institution")) or "")
    if not got:
        return False
    if got in want:
        return True
    # two registered institutions are two, whatever their names share ("The Chinese
    # University of Hong Kong" holds "University of Hong Kong"): a part-name match only
    # where one side is not in the registry
    if lookup(pred.get("institution")) and _registered(label.get("institution")):
        return False
    return any(len(w) > 5 and (w in got or got in w) for w in want)


def _registered(label_institution: str | None) -> bool:
    parts = re.split(r"[()（）,，]", label_institution or "")
    return any(lookup(expand_u(p.strip())) for p in parts if p.strip())


def _time_ok(label: dict[str, Any], pred: dict[str, Any]) -> bool:
    if label.get("year") is not None:
        return bool(pred.get("year") == label["year"])
    if label.get("period"):
        return bool(pred.get("period")) and pred.get("year") is None
    return pred.get("year") is None


def _what_ok(label: dict[str, Any], pred: dict[str, Any]) -> bool:
    metrics = {label["metric"], *label.get("acceptable_alt_metrics", [])}
    if pred["metric"] not in metrics or pred.get("unit") != label.get("unit"):
        return False
    if abs(float(pred["value"]) - float(label["value"])) > 1e-6 * max(1.0, abs(label["value"])):
        return False
    if label["metric"] == "rank":
        return _scope_class(label.get("scope")) == _scope_class(pred.get("scope"))
    return True


_ASIDE = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")


def _scope_class(scope: str | None) -> str | None:
    """A scope's class, read from its words outside brackets first: "U.S. institutions (NAI
    Top 100 Worldwide list)" ranks among U.S. institutions; the bracket names the list."""
    bare = _ASIDE.sub("", scope) if scope and "(" in scope else scope
    return scope_class(bare) or scope_class(scope)


@dataclass
class ArticleScore(Score):
    optional_found: int = 0
    low_tp: int = 0
    low_fn: int = 0
    year_pairs: int = 0
    year_right: int = 0
    inst_pairs: int = 0
    inst_right: int = 0
    articles: int = 0

    @property
    def year_accuracy(self) -> float:
        return self.year_right / self.year_pairs if self.year_pairs else 1.0

    @property
    def institution_accuracy(self) -> float:
        return self.inst_right / self.inst_pairs if self.inst_pairs else 1.0

    def summary(self) -> str:
        return (
            f"metrics score: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"
            f" year_acc={self.year_accuracy:.3f} inst_acc={self.institution_accuracy:.3f}"
            f" (tp={self.tp} fp={self.fp} fn={self.fn}; optional found {self.optional_found};"
            f" low-confidence {self.low_tp}/{self.low_tp + self.low_fn}; {self.articles} articles)"
        )


def _greedy(
    labels: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    ok: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """One-to-one pairs (label, prediction) under ``ok``; required labels are paired first."""
    order = sorted(range(len(labels)), key=lambda i: _optional(labels[i]))
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for li in order:
        for pi, pred in enumerate(preds):
            if pi not in used and ok(labels[li], pred):
                used.add(pi)
                pairs.append((li, pi))
                break
    matched = {li for li, _ in pairs}
    return pairs, set(range(len(labels))) - matched, set(range(len(preds))) - used


def _pairs_preferring(
    labels: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    ok: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> list[tuple[int, int]]:
    """The pairs under ``ok`` for an accuracy, the fully right pairs first: three universities
    "各有2项" are three right attributions, not a rotation of wrong ones that a first-come
    pairing of equal values would make."""
    full, missed, extra = _greedy(labels, preds, _full)
    rest_l, rest_p = sorted(missed), sorted(extra)
    more, _, _ = _greedy([labels[i] for i in rest_l], [preds[i] for i in rest_p], ok)
    return [p for p in full if ok(labels[p[0]], preds[p[1]])] + [
        (rest_l[li], rest_p[pi]) for li, pi in more
    ]


def _optional(label: dict[str, Any]) -> bool:
    return bool(label.get("implied") or label.get("aggregate") or label.get("confidence") == "low")


def _full(label: dict[str, Any], pred: dict[str, Any]) -> bool:
    return _what_ok(label, pred) and _inst_ok(label, pred) and _time_ok(label, pred)


def score_article(rec: dict[str, Any], score: ArticleScore, log: list[str]) -> None:
    """Add one article's matches to ``score``; misses and false positives go to ``log``."""
    preds = [
        m.as_dict()
        for m in extract_metrics(
            rec["text"],
            rec.get("institution"),
            rec.get("language", "auto"),
            rec.get("publication_date"),
        )
    ]
    labels = rec["metrics"]
    pairs, missed, extra = _greedy(labels, preds, _full)
    for li, _pi in pairs:
        lab = labels[li]
        if lab.get("confidence") == "low":
            score.low_tp += 1
        elif _optional(lab):
            score.optional_found += 1
        else:
            score.tp += 1
    for li in missed:
        lab = labels[li]
        if lab.get("confidence") == "low":
            score.low_fn += 1
        elif not _optional(lab):
            score.fn += 1
            log.append(f"{rec['id']} MISS {_show(lab)}")
    score.fp += len(extra)
    log.extend(f"{rec['id']} FP   {_show(preds[pi])}" for pi in sorted(extra))
    _accuracies(labels, preds, score)


def _accuracies(
    labels: list[dict[str, Any]], preds: list[dict[str, Any]], score: ArticleScore
) -> None:
    for li, pi in _pairs_preferring(labels, preds, lambda a, b: _what_ok(a, b) and _inst_ok(a, b)):
        score.year_pairs += 1
        score.year_right += _time_ok(labels[li], preds[pi])
    for li, pi in _pairs_preferring(labels, preds, lambda a, b: _what_ok(a, b) and _time_ok(a, b)):
        if not labels[li].get("aggregate"):
            score.inst_pairs += 1
            score.inst_right += _inst_ok(labels[li], preds[pi])


def _show(m: dict[str, Any]) -> str:
    extra = f" scope={m.get('scope')!r}" if m.get("metric") == "rank" else ""
    return (
        f"{m.get('institution')!r} {m['metric']}={m['value']} {m.get('unit')}"
        f" year={m.get('year')} period={m.get('period')!r}{extra} | {m.get('evidence', '')[:90]!r}"
    )


def score_articles(records: Iterable[dict[str, Any]]) -> tuple[ArticleScore, list[str]]:
    """Score every record; returns the totals and one line per miss/false positive."""
    score = ArticleScore()
    log: list[str] = []
    for rec in records:
        score.articles += 1
        score_article(rec, score, log)
    return score, log
