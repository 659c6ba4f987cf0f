"""The analysts' side: views, Chinese and English full-text search, Datasette over HTTP,
streaming exports that round-trip, the report, charts, and parameterised filters."""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from patentwatch.cli import main
from tests.conftest import REPO, run_cmd

DUT = "Dalian University of Technology"


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_views_for_the_seed_institutions(demo_db: Path) -> None:
    metrics = query(
        demo_db,
        "SELECT year, metric, scope, value FROM institution_metrics WHERE institution = ?"
        " AND metric IN ('pct_applications_published', 'rank') ORDER BY year, metric",
        (DUT,),
    )
    assert (2018, "pct_applications_published", None, 53) in metrics
    assert (2019, "rank", "global education institutions", 7) in metrics
    assert query(
        demo_db,
        "SELECT year, rank, published FROM pct_rank_history WHERE institution = ? ORDER BY year",
        (DUT,),
    ) == [(2018, 44, 53), (2019, 7, 141)]
    assert query(demo_db, "SELECT count(*) FROM articles_unique")[0][0] == 45  # one copy
    spiders = {r[0] for r in query(demo_db, "SELECT spider FROM recent_runs")}
    assert {"neu_news", "dlut_news", "wipo_pct"} <= spiders
    neu = query(
        demo_db,
        "SELECT value_max FROM institution_metrics WHERE institution = 'Northeastern University'"
        " AND metric = 'international_patent_applications' AND year IS NULL",
    )
    assert neu == [(301,)]


def test_ranks_of_different_scopes_are_never_mixed(demo_db: Path) -> None:
    """DUT 2018: 8th among Chinese universities, 44th among education institutions, 836th
    overall: three figures, each with the stories supporting it (was one min 8 / max 836)."""
    rows = query(
        demo_db,
        "SELECT scope, basis, value, value_min, value_max, articles FROM institution_metrics"
        " WHERE institution = ? AND year = 2018 AND metric = 'rank' ORDER BY value",
        (DUT,),
    )
    assert rows == [
        ("Chinese universities", "pct_applications_published", 8, 8, 8, 2),
        ("global education institutions", "pct_applications_published", 44, 44, 44, 2),
        ("overall", "pct_applications_published", 836, 836, 836, 1),
    ]


def test_conflicts_view_lists_each_disagreeing_value(demo_db: Path) -> None:
    """DUT's 2021 contract total: 120 million yuan in one story, 1.2 billion in another."""
    rows = query(
        demo_db,
        "SELECT metric, year, unit, value, articles, article_url FROM conflicts"
        " WHERE institution = ? ORDER BY value",
        (DUT,),
    )
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("contract_amount", 2021, "CNY", 120000000, 1),
        ("contract_amount", 2021, "CNY", 1200000000, 1),
    ]
    assert rows[0][5] != rows[1][5]
    disagree = query(
        demo_db,
        "SELECT value, sources_disagree FROM institution_metrics WHERE institution = ?"
        " AND metric = 'contract_amount' AND year = 2021",
        (DUT,),
    )
    assert disagree == [(None, 1)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("知识产权工作会议", "学校召开2022年知识产权工作会议"),
        ("国际专利申请公开量", "我校PCT国际专利申请公开量位居全球教育机构第44位"),
        (
            "High-value Patent Cultivation",
            "NEU Approved as a High-value Patent Cultivation Center of Liaoning",
        ),
    ],
)
def test_full_text_search_finds_its_article(demo_db: Path, text: str, title: str) -> None:
    out = run_cmd(["patentwatch", "search", text, "--db", str(demo_db)])
    assert out.returncode == 0
    assert out.stdout.splitlines()[1].split("\t")[2] == title


def test_search_index_follows_edits(tmp_path: Path, demo_db: Path, capsys) -> None:
    from storage import open_db

    db_file = tmp_path / "copy.db"
    db_file.write_bytes(demo_db.read_bytes())
    db = open_db(db_file)
    # an article no other marks as its duplicate: deleting a duplicate's original is refused
    # (articles.duplicate_of), and which id that is depends on the demo crawl's order
    (aid,) = db.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT duplicate_of FROM articles"
        " WHERE duplicate_of IS NOT NULL) ORDER BY id LIMIT 1"
    ).fetchone()
    db.execute(
        "UPDATE articles SET title = 'A renamed headline about zeolites 沸石' WHERE id = ?", [aid]
    )
    db.close()
    for term in ("zeolites", "沸石", "沸"):
        assert main(["search", term, "--db", str(db_file)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == f"1 article matches {term!r}", lines
        assert lines[1].split("\t")[2] == "A renamed headline about zeolites 沸石"
    db = open_db(db_file)
    db.execute("DELETE FROM articles WHERE id = ?", [aid])
    db.close()
    assert main(["search", "沸石", "--db", str(db_file)]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 articles match '沸石'"]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_exports_round_trip(tmp_path: Path, demo_db: Path, fmt: str) -> None:
    out = tmp_path / f"metrics.{fmt}"
    proc = run_cmd(
        [
            "patentwatch",
            "export",
            "metrics",
            "--format",
            fmt,
            "--institution",
            DUT,
            "--since",
            "2019-01-01",
            "--db",
            str(demo_db),
            "--out",
            str(out),
        ]
    )
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    elif fmt == "json":
        rows = json.loads(text)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    want = query(
        demo_db,
        "SELECT m.id FROM metrics m JOIN articles a ON a.id = m.article_id"
        " WHERE m.institution_id = (SELECT id FROM institutions WHERE name = ?) AND a.published_at >= ?"
        " ORDER BY m.id",
        (DUT, "2019-01-01"),
    )
    assert [int(r["id"]) for r in rows] == [w[0] for w in want] and rows
    assert {r["institution"] for r in rows} == {DUT}
    assert not (tmp_path / f"metrics.{fmt}.part").exists()


def test_filters_are_parameters_not_sql(demo_db: Path) -> None:
    evil = "x' OR '1'='1'; DROP TABLE articles; --"
    proc = run_cmd(
        [
            "patentwatch",
            "export",
            "articles",
            "--format",
            "jsonl",
            "--institution",
            evil,
            "--db",
            str(demo_db),
        ]
    )
    # an unknown name is one line and exit 2, never an empty export
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "unknown institution" in proc.stderr
    assert query(demo_db, "SELECT count(*) FROM articles")[0][0] == 46
    bad = run_cmd(
        ["patentwatch", "export", "articles", "--since", "yesterday", "--db", str(demo_db)]
    )
    assert bad.returncode == 2 and "--since expects a date" in bad.stderr


def test_report_prints_tables(demo_db: Path) -> None:
    out = run_cmd(["patentwatch", "report", "--db", str(demo_db)])
    assert out.returncode == 0
    assert "Latest figures per institution" in out.stdout and "2018: 44, 2019: 7" in out.stdout


def test_report_shows_scope_support_and_disagreement(demo_db: Path) -> None:
    from patentwatch.report import report
    from storage import open_db

    db = open_db(demo_db)
    buf = io.StringIO()
    try:
        report(db, buf, width=300)  # wide enough that no cell wraps
    finally:
        db.close()
    rows = [
        [c.strip() for c in line.split("│")[1:-1]]
        for line in buf.getvalue().splitlines()
        if line.startswith("│ Dalian University of Technology")
    ]
    scope = "global education institutions, by pct_applications_published"
    assert [DUT, "rank", scope, "2019", "7", "rank", "1"] in rows
    scope = "Chinese universities, by pct_applications_published"
    assert [DUT, "rank", scope, "2019", "4", "rank", "1"] in rows
    text = buf.getvalue()
    assert "120,000,000 – 1,200,000,000 (sources disagree)" in text
    assert "Figures the sources disagree on" in text
    assert "120000000 (1), 1200000000 (1)" in text


def test_chart_png(tmp_path: Path, demo_db: Path) -> None:
    png = tmp_path / "dut.png"
    out = run_cmd(
        [
            "patentwatch",
            "chart",
            "pct-rank",
            "--institution",
            DUT,
            "--institution",
            "Shenzhen University",
            "--out",
            str(png),
            "--db",
            str(demo_db),
        ]
    )
    assert out.returncode == 0, out.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and "5 ranks" in out.stdout
    none = run_cmd(
        [
            "patentwatch",
            "chart",
            "pct-rank",
            "--institution",
            "Nowhere U",
            "--out",
            str(png),
            "--db",
            str(demo_db),
        ]
    )
    assert none.returncode == 2 and "unknown institution 'Nowhere U'" in none.stderr
    demo_chart = demo_db.with_name("demo-dut-pct-rank.png")
    assert demo_chart.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


def test_datasette_serves_stored_queries_and_tables(demo_db: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "patentwatch"),
            "serve",
            "--db",
            str(demo_db),
            "--port",
            str(port),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/demo"
    try:
        for _ in range(100):
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        rows = _get(f"{base}/universities_by_pct_rank.json?year=2019&_shape=array")
        assert [(r["rank"], r["applicant"], r["published"]) for r in rows][:3] == [
            (1, "UNIVERSITY OF CALIFORNIA", 470),
            (2, "TSINGHUA UNIVERSITY", 265),
            (3, "SHENZHEN UNIVERSITY", 247),
        ]
        table = _get(
            f"{base}/claims_vs_wipo.json?_shape=array&verdict=match&institution="
            + urllib.request.quote(DUT)
        )
        assert {(r["year"], r["metric"], r["claimed"]) for r in table} >= {
            (2018, "pct_applications_published", 53)
        }
        hits = _get(
            f"{base}/search_articles.json?_shape=array&text=" + urllib.request.quote("知识产权")
        )
        assert len(hits) == 2
        # the search box: two-character and one-character Chinese terms (#17.3)
        pct = "我校PCT国际专利申请公开量位居全球教育机构第44位"
        meeting = "学校召开2022年知识产权工作会议"
        for term, want in (("专利", {pct, meeting}), ("申请", {pct}), ("专", {pct, meeting})):
            found = _get(
                f"{base}/articles.json?_shape=array&_col=title&_search="
                + urllib.request.quote(term)
            )
            assert {r["title"] for r in found} == want, term
        meta = _get(f"http://127.0.0.1:{port}/-/metadata.json")
        assert "metrics" in meta["databases"]["demo"]["tables"]
        assert meta["databases"]["demo"]["tables"]["metrics"]["columns"]["evidence"].startswith(
            "the exact sentence"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
