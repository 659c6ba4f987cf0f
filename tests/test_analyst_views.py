"""Issue #17 (analysts) and #19 (views at scale): summaries kept current on write, names that
resolve, short Chinese terms found in every tool, outputs that do not lie, read-only copies."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.encoding import EncodingError, decode_text
from patentwatch.cli import main
from storage import open_db, open_reader
from storage.db import StorageError
from storage.migrations.m010_analyst_views import fill_groups

DUT = "Dalian University of Technology"


@pytest.fixture
def copy_db(tmp_path: Path, demo_db: Path) -> Path:
    path = tmp_path / "copy.db"
    path.write_bytes(demo_db.read_bytes())
    return path


# --------------------------------------------------------------------------- summaries


def _groups(db) -> list[tuple]:  # noqa: ANN001
    return sorted(db.execute("SELECT * FROM metric_groups").fetchall(), key=repr)


def test_metric_groups_stay_equal_to_a_full_recount(copy_db: Path) -> None:
    """Random inserts, value and name changes, deletes, copies marked and unmarked, dates
    edited, articles deleted: the trigger-kept summary equals one computed from scratch."""
    db = open_db(copy_db)
    rng = random.Random(17)
    ids = [r[0] for r in db.execute("SELECT id FROM metrics")]
    articles = [r[0] for r in db.execute("SELECT id FROM articles")]
    copy_cols = (
        "article_id, institution, metric, value, unit, year, period, scope, basis, qualifier,"
        " currency, evidence, start_offset, end_offset, extractor_version, extracted_at,"
        " institution_id"
    )
    for step in range(400):
        op = rng.random()
        if op < 0.25:
            db.execute("DELETE FROM metrics WHERE id = ?", [ids.pop(rng.randrange(len(ids)))])
        elif op < 0.45:
            db.execute(
                "UPDATE metrics SET value = value + ? WHERE id = ?",
                [rng.choice([0, 1, -1, 1000]), rng.choice(ids)],
            )
        elif op < 0.55:
            db.execute(
                "UPDATE articles SET duplicate_of = ? WHERE id = ?",
                [rng.choice([None, articles[0]]), rng.choice(articles[1:])],
            )
        elif op < 0.65:
            db.execute(
                "UPDATE articles SET published_at = ? WHERE id = ?",
                [rng.choice([None, "2030-01-01", "2001-01-01"]), rng.choice(articles)],
            )
        elif op < 0.72:
            db.execute("UPDATE metrics SET institution_id = NULL WHERE id = ?", [rng.choice(ids)])
        else:
            new = db.execute(
                f"INSERT INTO metrics ({copy_cols}) SELECT {copy_cols.replace('value,', 'value + ?,')}"
                " FROM metrics WHERE id = ?",
                [rng.choice([0, 5]), rng.choice(ids)],
            )
            ids.append(new.lastrowid)
        if step % 50 == 49:
            kept = _groups(db)
            fill_groups(db)
            assert kept == _groups(db), f"summary drifted by step {step}"
    db.execute("DELETE FROM articles WHERE id = ?", [articles[2]])  # cascades to its metrics
    kept = _groups(db)
    fill_groups(db)
    assert kept == _groups(db)
    db.close()


def test_views_filtered_by_name_read_indexes(demo_db: Path) -> None:
    """The plans behind the 50 ms figures (#19): a view filtered by name starts from that
    name in an index and scans no table (the view's own co-routine aside)."""
    conn = sqlite3.connect(demo_db)
    for sql, start in (
        (
            "SELECT * FROM institution_metrics WHERE institution = 'X' AND year = 2018",
            "SEARCH metric_groups USING INDEX idx_metric_groups_institution (institution=?)",
        ),
        (
            "SELECT * FROM conflicts WHERE institution = 'X'",
            "SEARCH g USING INDEX idx_metric_groups_conflicts (institution=?)",
        ),
        (
            "SELECT * FROM claims_vs_wipo WHERE institution = 'X'",
            "SEARCH i USING COVERING INDEX sqlite_autoindex_institutions_1 (name=?)",
        ),
    ):
        plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert start in plan, (sql, plan)
        assert [p for p in plan if p.startswith("SCAN") and p != "SCAN " + sql.split()[3]] == []
    conn.close()


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "spelling", ["DUT", "DLUT", "大连理工大学", "dalian university of technology"]
)
def test_every_spelling_exports_the_same_rows(
    demo_db: Path, spelling: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "metrics", "--institution", DUT, "--db", str(demo_db)]) == 0
    canonical = capsys.readouterr().out
    assert main(["export", "metrics", "--institution", spelling, "--db", str(demo_db)]) == 0
    text = capsys.readouterr().out
    assert text == canonical
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["institution"] for r in rows} == {DUT}
    assert ("pct_applications_published", "141", "2019") in {
        (r["metric"], r["value"], r["year"]) for r in rows
    }
    assert main(["export", "articles", "--institution", spelling, "--db", str(demo_db)]) == 0
    sites = {r["site"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert sites == {"dlut_news", "dlut_cn_news"}
    assert main(["export", "rankings", "--institution", spelling, "--db", str(demo_db)]) == 0
    ranks = {(r["year"], r["rank"]) for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert {("2018", "44"), ("2019", "7")} <= ranks


def test_unknown_names_are_one_line_and_exit_2(
    tmp_path: Path, demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    png = tmp_path / "x.png"
    for argv in (
        ["export", "metrics", "--institution", "Atlantis Tech", "--out", str(out)],
        ["export", "articles", "--institution", "Atlantis Tech"],
        ["chart", "pct-rank", "--institution", "DUT", "--institution", "Atlantis Tech",
         "--out", str(png)],
    ):  # fmt: skip
        assert main([*argv, "--db", str(demo_db)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines() == [
            "patentwatch: error: unknown institution 'Atlantis Tech' (see `patentwatch"
            " institutions unresolved`, or add it with `patentwatch institutions alias`)"
        ]
    assert list(tmp_path.iterdir()) == []


def test_chart_resolves_aliases(tmp_path: Path, demo_db: Path, capsys) -> None:  # noqa: ANN001
    png = tmp_path / "dut.png"
    argv = ["chart", "pct-rank", "--institution", "大连理工大学", "--out", str(png)]
    assert main([*argv, "--db", str(demo_db)]) == 0
    assert "2 ranks" in capsys.readouterr().out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- search


def test_short_chinese_terms_in_sql_and_sqlite_utils(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)  # a bare connection: reading needs no registered function
    titles = {
        term: sorted(
            r[0]
            for r in conn.execute(
                "SELECT title FROM articles WHERE rowid IN (SELECT rowid FROM articles_search"
                " WHERE articles_search MATCH ?)",
                [term],
            )
        )
        for term in ("专利", "申请", "专", "知识产权")
    }
    conn.close()
    pct = "我校PCT国际专利申请公开量位居全球教育机构第44位"
    meeting = "学校召开2022年知识产权工作会议"
    assert titles == {
        "专利": sorted([pct, meeting]),
        "申请": [pct],
        "专": sorted([pct, meeting]),
        "知识产权": sorted([pct, meeting]),
    }
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "sqlite-utils"), "search", str(demo_db), "articles",
         "申请", "-c", "title", "--csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert proc.stdout.splitlines() == ["title", pct]


def test_search_prints_count_and_snippet(demo_db: Path, capsys) -> None:  # noqa: ANN001
    assert main(["search", "申请", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 article matches '申请'"
    assert lines[1].split("\t")[1:3] == [
        "dlut_cn_news",
        "我校PCT国际专利申请公开量位居全球教育机构第44位",
    ]
    assert "[申请]" in lines[2] and lines[2].startswith("    ")
    assert main(["search", "PCT", "--limit", "2", "--db", str(demo_db)]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.endswith("match 'PCT' (showing 2)") and int(head.split()[0]) > 2


# --------------------------------------------------------------------------- outputs


def test_export_file_rules(tmp_path: Path, demo_db: Path, capsys) -> None:  # noqa: ANN001
    db = ["--db", str(demo_db)]
    out = tmp_path / "m.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", "metrics", "--out", str(out), *db]) == 2
    assert "exists; add --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "metrics", "--out", str(out), "--force", "--excel", *db]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,institution,metric")
    assert "我校2018年公开PCT国际专利申请53件" in raw.decode("utf-8-sig")
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", "rankings", "--format", "jsonl", "--out", str(folder), *db]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["rankings.jsonl"]
    assert (
        '"applicant": "DALIAN UNIVERSITY OF TECHNOLOGY"' in (folder / "rankings.jsonl").read_text()
    )
    for bad in ("2019-13", "2019-02-30", "20199"):
        assert main(["export", "metrics", "--since", bad, *db]) == 2
        assert f"--since expects a date YYYY[-MM[-DD]], got '{bad}'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "m.csv"]


def test_export_into_a_closed_pipe_is_a_normal_end(demo_db: Path) -> None:
    exe = Path(sys.executable).parent / "patentwatch"
    proc = subprocess.run(
        ["bash", "-c", f"'{exe}' export articles --format jsonl --db '{demo_db}' | head -c 100;"
         " echo; echo rc=${PIPESTATUS[0]}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.stdout.strip().endswith("rc=0") and proc.stdout.startswith('{"id": 1')
    assert proc.stderr == ""


def test_a_failed_chart_never_replaces_a_good_png(tmp_path: Path, demo_db: Path) -> None:
    png = tmp_path / "rank.png"
    db = ["--db", str(demo_db)]
    assert main(["chart", "pct-rank", "--institution", "DUT", "--out", str(png), *db]) == 0
    good = png.read_bytes()
    # resolved, but no WIPO rank to draw (an institution with news only)
    assert main(["chart", "pct-rank", "--institution", "Northeast Forestry University",
                 "--out", str(png), *db]) == 2  # fmt: skip
    assert main(["chart", "pct-rank", "--institution", "Nowhere", "--out", str(png), *db]) == 2
    assert png.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["rank.png"]  # no temporary file left


# --------------------------------------------------------------------------- read-only copies


def test_read_commands_refuse_a_missing_database(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    missing = tmp_path / "typo.db"
    for argv in (["runs"], ["health"], ["institutions", "unresolved"], ["report"], ["search", "x"]):
        assert main([*argv, "--db", str(missing)]) == 2
        assert capsys.readouterr().err.count("\n") == 1
    with pytest.raises(StorageError, match="does not exist"):
        open_reader(missing)
    assert not missing.exists()


def _mount(args: list[str]) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_a_read_only_copy_opens_and_says_so(tmp_path: Path, demo_db: Path, capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "pw.db").write_bytes(demo_db.read_bytes())
    if not (
        _mount(["--bind", str(folder), str(folder)])
        and _mount(["-o", "remount,ro,bind", str(folder)])
    ):
        pytest.skip("this machine does not allow a read-only bind mount")
    try:
        db = ["--db", str(folder / "pw.db")]
        assert main(["search", "专利", *db]) == 0
        out = capsys.readouterr()
        assert out.out.startswith("2 articles match '专利'")
        assert out.err.startswith(f"patentwatch: note: {folder / 'pw.db'} is read-only; opened")
        assert main(["export", "metrics", "--institution", "DUT", *db]) == 0
        exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert ("pct_applications_published", "53", "2018") in {
            (r["metric"], r["value"], r["year"]) for r in exported
        }
        assert main(["runs", *db]) == 0 and "wipo_pct" in capsys.readouterr().out
        assert sorted(p.name for p in folder.iterdir()) == ["pw.db"]
    finally:
        assert subprocess.run(["umount", str(folder)], capture_output=True).returncode == 0


# --------------------------------------------------------------------------- encodings


def test_text_files_in_gbk_or_utf8_decode() -> None:
    text = "2023年，我校获得授权发明专利1200件。"  # made up for this test
    assert decode_text(text.encode("gbk")) == (text, "gb18030")
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(text.encode("utf-8-sig")) == (text, "utf-8-sig")
    assert decode_text(text.encode("gbk"), "gbk") == (text, "gbk")
    with pytest.raises(EncodingError, match="not utf-8 text"):
        decode_text(text.encode("gbk"), "utf-8")
    with pytest.raises(EncodingError, match="unknown encoding 'klingon'"):
        decode_text(b"x", "klingon")
    with pytest.raises(EncodingError, match="neither UTF-8 nor GBK"):
        decode_text(b"\x81")


def test_search_and_report_take_any_spelling(demo_db: Path, capsys) -> None:  # noqa: ANN001
    db = ["--db", str(demo_db)]
    assert main(["search", "PCT", "--institution", "大连理工大学", *db]) == 0
    lines = capsys.readouterr().out.splitlines()
    sites = {ln.split("\t")[1] for ln in lines[1:] if "\t" in ln}
    assert lines[0].startswith("5 articles match") and sites == {"dlut_news", "dlut_cn_news"}
    assert main(["report", "--institution", "DLUT", *db]) == 0
    out = capsys.readouterr().out
    assert "Dalian University of" in out and "Northeastern" not in out and "Shenzhen" not in out
    assert "2018: 44, 2019: 7" in out and "1,200,000,000" in out
    assert main(["report", "--institution", "Atlantis Tech", *db]) == 2
    assert "unknown institution 'Atlantis Tech'" in capsys.readouterr().err
