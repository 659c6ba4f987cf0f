"""The metric extractor's output on every text at hand, saved or compared field by field.

A speed change to the extractor must not change one emitted field. This runs
:func:`core.metrics.extract_metrics` over every text the project can read (the real
labelled articles of ../shared/metrics-dev/, the labelled files of tests/metrics/,
/work/extra-real/ if present (texts only), the extraction benchmark's dense and general
corpora, the fixture stories, the own-work benchmark's generated stories, each real
article's paragraphs on their own, and the string literals of the metric tests) and
writes every record, or compares them with a saved run:

    python -m bench.metrics_identity --save before.json
    python -m bench.metrics_identity --compare before.json   # exit 1 on any difference

The saved file holds each text with its records, and ``--compare`` runs the saved texts
(so a later edit of a test file does not change what is compared). Texts run in a fixed
order with warm caches (as a crawl would reuse them), then a second time in reverse order
after the caches are emptied: a cache whose key misses an input shows as a difference.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from core.metrics import extract_metrics
from core.metrics.caches import clear_caches

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTRA = Path("/work/extra-real")
NEU = "Northeastern University"

Case = tuple[str, str, str | None, str | None]  # (key, text, institution, published)


def _labelled(path: Path, tag: str) -> list[Case]:
    if not path.exists():
        return []
    items = json.loads(path.read_text(encoding="utf-8"))
    out: list[Case] = []
    for i, a in enumerate(items):
        text, inst, pub = a.get("text") or "", a.get("institution"), a.get("publication_date")
        out.append((f"{tag}#{i}", text, inst, pub))
        out.append((f"{tag}#{i}/none", text, None, None))
        for k, para in enumerate(p for p in text.split("\n") if p.strip()):
            out.append((f"{tag}#{i}/p{k}", para, inst, pub))
    return out


def _toml_cases() -> list[Case]:
    out: list[Case] = []
    for path in sorted((ROOT / "tests" / "metrics").glob("*.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
        for i, c in enumerate(cases):
            out.append((f"{path.name}#{i}", c["text"], c.get("institution"), None))
    return out


def _test_literals() -> list[Case]:
    """Every longer string literal of the metric tests, as an article of its own."""
    files = sorted((ROOT / "tests" / "metrics").glob("test_*.py")) + [
        ROOT / "tests" / "test_metrics.py"
    ]
    out: list[Case] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = sorted(
            {
                n.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) >= 15
            }
        )
        for s in strings:
            key = f"{path.name}:{hashlib.sha1(s.encode()).hexdigest()[:12]}"
            out.append((key, s, NEU, None))
            out.append((f"{key}/none", s, None, "2022-03-01"))
    return out


def _bench_cases() -> list[Case]:
    from bench.extraction_speed import general_news, two_kb
    from tests.bigsite import story
    from tests.sitegen import load_corpus

    bodies = [s.body for s in load_corpus()]
    out: list[Case] = [(f"story#{i}", b, None, None) for i, b in enumerate(bodies)]
    out += [(f"dense#{i}", t, "X", None) for i, t in enumerate(two_kb(bodies))]
    out += [(f"news#{i}", t, "X", None) for i, t in enumerate(general_news())]
    dut = "Dalian University of Technology"
    out += [(f"own#{i}", story(i).body, dut, None) for i in range(400)]
    return out


def cases() -> list[Case]:
    out = _labelled(SHARED / "metrics-dev" / "articles.json", "dev")
    for path in sorted((ROOT / "tests" / "metrics").glob("*.json")):
        if path.name != "floors.json":
            out += _labelled(path, path.name)
    for name in ("articles", "more", "c", "d", "e"):
        out += _labelled(EXTRA / f"{name}.json", f"extra-{name}")
    return out + _toml_cases() + _test_literals() + _bench_cases()


def run(all_cases: list[Case]) -> dict[str, list[dict[str, Any]]]:
    return {
        key: [m.as_dict() for m in extract_metrics(text, inst, "auto", pub)]
        for key, text, inst, pub in all_cases
    }


def differences(a: dict[str, Any], b: dict[str, Any], limit: int = 20) -> list[str]:
    """Readable differences between two runs, record by record and field by field."""
    out = []
    for key in sorted(set(a) | set(b)):
        ra, rb = a.get(key), b.get(key)
        if ra == rb:
            continue
        if ra is None or rb is None or len(ra) != len(rb):
            out.append(f"{key}: {len(ra or [])} records vs {len(rb or [])}")
            continue
        for i, (x, y) in enumerate(zip(ra, rb, strict=True)):
            for field in sorted(set(x) | set(y)):
                if x.get(field) != y.get(field):
                    out.append(f"{key}[{i}].{field}: {x.get(field)!r} vs {y.get(field)!r}")
    return out[:limit] + ([f"... {len(out) - limit} more"] if len(out) > limit else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    saved: dict[str, Any] = {}
    if args.compare:
        if not args.compare.exists():
            print(f"no saved run at {args.compare}", file=sys.stderr)
            return 2
        try:
            saved = json.loads(args.compare.read_text(encoding="utf-8"))
            all_cases = [(k, *v["args"]) for k, v in saved.items()]
        except (ValueError, KeyError, TypeError, AttributeError):
            print(f"{args.compare} is not a run saved by --save", file=sys.stderr)
            return 2
    else:
        all_cases = cases()
    clear_caches()
    t0 = time.process_time()
    warm = run(all_cases)
    seconds = time.process_time() - t0
    clear_caches()
    cold = run(all_cases[::-1])
    records = sum(map(len, warm.values()))
    print(f"{len(all_cases)} texts, {records} records, {seconds:.1f} CPU s", file=sys.stderr)
    problems = [f"cache order: {d}" for d in differences(warm, cold)]
    if args.save:
        out = {k: {"args": [t, i, p], "records": warm[k]} for k, t, i, p in all_cases}
        args.save.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True), "utf-8")
    else:
        before = {k: v["records"] for k, v in saved.items()}
        problems += differences(before, json.loads(json.dumps(warm)))
    for line in problems:
        print(line)
    print("identical" if not problems else f"{len(problems)} differences", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
