"""The metric extractor: the seed articles' figures exactly, money and numerals, exclusions,
provenance, and quality floors on the labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.metrics import METRICS, extract_metrics
from core.metrics.scoring import load_cases, score_cases
from tests.conftest import run_cmd

HERE = Path(__file__).resolve().parent / "metrics"
DEV = {c["id"]: c for c in load_cases(HERE / "labelled_dev.toml")}
NEU, DUT = "Northeastern University", "Dalian University of Technology"


def records(case_id: str) -> list[dict]:
    case = DEV[case_id]
    return [m.as_dict() for m in extract_metrics(case["text"], case["institution"])]


def pick(recs: list[dict], metric: str, value: float) -> dict:
    return next(r for r in recs if r["metric"] == metric and r["value"] == value)


def test_neu_seed_figures() -> None:
    recs = records("seed-neu")
    assert pick(recs, "international_patent_applications", 301)["period"] == "past three years"
    granted = pick(recs, "international_patents_granted", 32)
    assert (granted["institution"], granted["period"], granted["year"]) == (
        NEU,
        "past three years",
        None,
    )
    top = pick(recs, "rank", 50)
    assert (top["unit"], top["qualifier"], top["year"], top["scope"]) == (
        "rank_top_n",
        "top_n",
        2019,
        "global education institutions",
    )
    assert top["basis"] == "pct_applications_published"
    assert pick(recs, "patents_transferred", 165)["institution"] == NEU
    money = pick(recs, "contract_amount", 395000000)
    assert (money["currency"], money["unit"]) == ("CNY", "CNY")
    avg = pick(recs, "other", 2395800)
    assert (avg["currency"], avg["qualifier"]) == ("CNY", "about")
    assert len(recs) == 6


def test_dut_seed_figures() -> None:
    recs = records("seed-dut")
    pct = pick(recs, "pct_applications_published", 53)
    assert (pct["institution"], pct["year"]) == (DUT, 2018)
    ranks = {(r["value"], r["scope"], r["year"]) for r in recs if r["metric"] == "rank"}
    assert ranks == {
        (44, "global education institutions", 2018),
        (8, "Chinese universities", 2018),
        (836, "overall", 2018),
    }
    assert all(r["basis"] == "pct_applications_published" for r in recs if r["metric"] == "rank")
    medals = pick(recs, "other", 6)
    assert (
        medals["unit"] == "count"
    )  # rules §3: units are count, rank, rank_top_n, percent or a currency
    assert not any(r["value"] in (8, 4, 2017, 2016) and r["metric"] != "rank" for r in recs)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The contract amount reached 395 million yuan.", 395000000, "CNY"),
        ("合同金额3.95亿元。", 395000000, "CNY"),
        ("合同金额达101萬元。", 1010000, "CNY"),
        ("a total contract amount of RMB 1.2 billion", 1200000000, "CNY"),
        ("licensed for a contract amount of USD 2.5 million", 2500000, "USD"),
        ("合同金额一亿二千万元", 120000000, "CNY"),
    ],
)
def test_money_is_normalised(text: str, value: int, currency: str) -> None:
    (rec,) = extract_metrics(text, NEU)
    assert (rec.metric, rec.value, rec.currency) == ("contract_amount", value, currency)


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("2020年学校获得授权发明专利二千三百件。", "invention_patents_granted", 2300),
        ("学校PCT国际专利申请位居全球教育机构第四十四位。", "rank", 44),
        ("我校专利转让数量排名第3。", "rank", 3),
        (
            "In 2024, NEU was granted twelve international patents.",
            "international_patents_granted",
            12,
        ),
        ("The university ranked 8th among Chinese universities in PCT applications.", "rank", 8),
        ("DUT is among the top 50 educational institutions in PCT applications.", "rank", 50),
    ],
)
def test_numerals_and_ordinals(text: str, metric: str, value: int) -> None:
    assert (metric, value) in {(m.metric, m.value) for m in extract_metrics(text, DUT)}


@pytest.mark.parametrize(
    "text",
    [
        "China filed 70,015 PCT applications in 2022, and Huawei filed 7,689.",
        "华为公司2022年PCT申请量为7689件，继续位居全球企业第1位。",
        "The number of invention patents granted increased by 12% year on year, 44 more than in 2018.",
        "The university held 8 consecutive sessions of the Intellectual Property Publicity Month.",
        "Over the past 70 years, the university has cultivated more than 300,000 graduates.",
        "DUT students won 8 first prizes and ranked first in the National Mathematical Contest in Modeling.",
        "",
    ],
)
def test_not_university_patent_figures(text: str) -> None:
    assert extract_metrics(text, DUT) == []


def test_evidence_is_the_sentence_at_its_offsets() -> None:
    text = DEV["seed-dut"]["text"]
    for rec in extract_metrics(text, DUT):
        assert text[rec.start : rec.end] == rec.evidence
        assert rec.metric in METRICS


def test_other_institutions_get_their_own_records() -> None:
    recs = records("en-szu")
    assert ("Tsinghua University", "pct_applications_published", 265, 2019) in {
        (r["institution"], r["metric"], r["value"], r["year"]) for r in recs
    }


FLOORS = json.loads((HERE / "floors.json").read_text())


@pytest.mark.parametrize("name", ["dev", "holdout", "holdout2"])
def test_quality_floor(name: str) -> None:
    score = score_cases(load_cases(HERE / f"labelled_{name}.toml"))
    floor = FLOORS[name]
    assert score.precision >= floor["precision"], "\n".join(score.errors)
    assert score.recall >= floor["recall"], "\n".join(score.errors)


def test_labelled_sets_are_large_enough() -> None:
    cases = [
        c for n in ("dev", "holdout", "holdout2") for c in load_cases(HERE / f"labelled_{n}.toml")
    ]
    assert len(cases) >= 40
    zh = [c for c in cases if any("\u4e00" <= ch <= "\u9fff" for ch in c["text"])]
    assert len(zh) >= 15


def test_cli_extract_metrics_stdin_and_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    text = DEV["seed-dut"]["text"]
    proc = subprocess.run(
        [sys.executable, "-m", "crawler", "extract-metrics", "--institution", DUT],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {"metric": "pct_applications_published", "value": 53, "year": 2018}.items() <= lines[
        0
    ].items()
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    again = run_cmd(
        ["patentwatch", "extract-metrics", str(path), "--institution", DUT, "--lang", "en"]
    )
    assert again.stdout == proc.stdout
    missing = run_cmd(["patentwatch", "extract-metrics", str(tmp_path / "nope.txt")])
    assert missing.returncode == 2 and missing.stderr.startswith("patentwatch: error: cannot read")
