"""``patentwatch wipo import`` end to end into a real SQLite file; m009 on an old database;
a second WIPO crawl fetching only what changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from patentwatch.cli import main
from storage import open_db
from storage.migrations import migrations
from tests.conftest import REPO, run_cmd
from tests.sitegen import SITES_DIR
from tests.test_wipo_real import IPSTATS_CSV, REAL, WIPI

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/wipo-real/ is not present")


def dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = [
        *conn.execute("SELECT * FROM pct_rankings ORDER BY id"),
        *conn.execute("SELECT * FROM pct_indicators ORDER BY id"),
    ]
    conn.close()
    return rows


@needs_real
def test_import_a_workbook_twice_changes_nothing(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "w.db"
    assert main(["wipo", "import", str(WIPI / "A39.xlsx"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "20 rankings for 2014, overall"
    conn = sqlite3.connect(db)
    huawei = conn.execute(
        "SELECT rank, country, published, category, source_url FROM pct_rankings"
        " WHERE applicant = 'HUAWEI TECHNOLOGIES'"
    ).fetchone()
    conn.close()
    assert huawei[:4] == (1, "CN", 3442, "overall")
    assert huawei[4] == (WIPI / "A39.xlsx").resolve().as_uri()
    before = dump(db)
    assert main(["wipo", "import", str(WIPI / "A39.xlsx"), "--db", str(db)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert dump(db) == before  # not even fetched_at moved


@needs_real
def test_import_an_ipstats_zip_then_its_csv(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "w.db"
    zipped = str(IPSTATS_CSV) + ".zip"
    assert main(["wipo", "import", zipped, "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("201,280 indicator values (90,656 missing)")
    conn = sqlite3.connect(db)
    query = (
        "SELECT value FROM pct_indicators WHERE office = ? AND origin = 'Resident'"
        " AND field = ? AND year = ?"
    )
    assert conn.execute(query, ["US", "Unknown", 1980]).fetchone() == (68.0,)
    assert conn.execute(query, ["CN", "3 - Telecommunications", 2010]).fetchone() == (2251.0,)
    assert conn.execute(query, ["CN", "3 - Telecommunications", 1980]).fetchone() == (None,)
    conn.close()
    before = dump(db)
    assert main(["wipo", "import", str(IPSTATS_CSV), "--db", str(db)]) == 0  # same values
    assert dump(db) == before


def test_import_refuses_a_file_without_a_table_in_one_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "w.db"
    bad = tmp_path / "notes.csv"
    bad.write_text("meeting notes,none\nnothing,here\n", encoding="utf-8")
    assert main(["wipo", "import", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "notes.csv" in err and "looked for" in err
    assert not db.exists()  # refused before anything was written


def test_import_needs_year_and_category_only_when_the_file_says_none(
    tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    annex = tmp_path / "annex.csv"
    annex.write_text(
        "Rank,Applicant,Origin,Published\n1,OMEGA UNIVERSITY,CN,77\n", encoding="utf-8"
    )
    db = str(tmp_path / "w.db")
    assert main(["wipo", "import", str(annex), "--db", db]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["wipo", "import", str(annex), "--year", "2030", "--db", db]) == 2
    assert "--category" in capsys.readouterr().err
    args = ["wipo", "import", str(annex), "--year", "2030", "--category", "education"]
    assert main([*args, "--db", db]) == 0
    assert capsys.readouterr().out.startswith("1 rankings for 2030, education")


@needs_real
def test_import_refuses_an_option_the_file_contradicts(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "w.db")
    assert main(["wipo", "import", str(WIPI / "A39.xlsx"), "--year", "2015", "--db", db]) == 2
    assert "says 2014" in capsys.readouterr().err


def test_m009_keeps_an_old_databases_indicators(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    from sqlite_utils import Database

    old = Database(path)
    migrations.apply(old, stop_before="m009_wipo_dimensions")
    old.execute(
        "INSERT INTO pct_indicators (indicator, origin, office, year, value, source_url,"
        " fetched_at) VALUES ('pct_applications_filed', 'CN', 'Total', 2022, 70015, 'u', 't')"
    )
    old.conn.commit()
    old.close()
    new = open_db(path)
    rows = new.execute("SELECT indicator, origin, office, field, year, value FROM pct_indicators")
    assert rows.fetchall() == [("pct_applications_filed", "CN", "Total", "", 2022, 70015.0)]
    new.close()


def _run_stats(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    stats = conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.close()
    return json.loads(stats)


@pytest.mark.integration
def test_second_wipo_run_fetches_only_what_changed(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    shutil.copytree(SITES_DIR / "www.wipo.int", sites / "www.wipo.int")
    shutil.copytree(SITES_DIR / "www3.wipo.int", sites / "www3.wipo.int")
    db = tmp_path / "w.db"
    crawl = ["patentwatch", "crawl", "wipo_pct", "--mirror", str(sites), "--db", str(db)]
    assert run_cmd(crawl).returncode == 0
    first = _run_stats(db)
    assert first["downloader/response_status_count/200"] == 12  # 10 files + 2 robots.txt
    annex = next(sites.rglob("pr_2021_874_annex_education.csv"))
    annex.write_bytes(annex.read_bytes().replace(b",559", b",561"))  # WIPO corrects an annex
    assert run_cmd(crawl).returncode == 0
    second = _run_stats(db)
    assert second["downloader/response_status_count/304"] == 9  # 6 releases, 1 annex, 2 more
    assert second["downloader/response_status_count/200"] == 3  # the annex + 2 robots.txt
    conn = sqlite3.connect(db)
    uc = conn.execute(
        "SELECT published FROM pct_rankings WHERE year = 2020 AND applicant = 'UNIVERSITY OF CALIFORNIA'"
    ).fetchone()
    conn.close()
    assert uc == (561,)
    annex.write_text("Annex\nthis table was withdrawn\n", encoding="utf-8")
    proc = run_cmd(crawl)
    assert proc.returncode == 0  # an empty annex is a warning, not a failure
    assert _run_stats(db)["wipo/empty"] == 1
    conn = sqlite3.connect(db)
    log_file = conn.execute("SELECT log_file FROM crawl_runs ORDER BY id DESC").fetchone()[0]
    conn.close()
    log = (REPO / log_file).read_text(encoding="utf-8") if log_file else proc.stderr
    warning = next(line for line in log.splitlines() if "no WIPO rows in" in line)
    assert "WARNING" in warning and "pr_2021_874_annex_education.csv" in warning


def test_import_html_release_and_annex_pages(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from tests.wipogen import release_2019, release_2020

    db = str(tmp_path / "w.db")
    release = tmp_path / "release.html"
    release.write_text(release_2019(), encoding="utf-8")
    assert main(["wipo", "import", str(release), "--db", db]) == 0
    assert capsys.readouterr().out.startswith("6 rankings for 2019, education")
    annex = tmp_path / "annex.html"
    annex.write_text(
        "<html><body><h2>Annex 2: educational institutions, 2031</h2><table>"
        "<tr><th>Rank</th><th>Applicant's name</th><th>Country</th><th>2030</th><th>2031</th></tr>"
        "<tr><td>1</td><td>OMEGA UNIVERSITY</td><td>China</td><td>10</td><td>12</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    assert main(["wipo", "import", str(annex), "--db", db]) == 0
    conn = sqlite3.connect(db)
    rows = set(
        conn.execute(
            "SELECT year, rank, applicant, country, published, published_prev, release_no"
            " FROM pct_rankings WHERE applicant IN ('OMEGA UNIVERSITY', 'DALIAN UNIVERSITY OF TECHNOLOGY')"
        )
    )
    conn.close()
    assert rows == {
        (2031, 1, "OMEGA UNIVERSITY", "CN", 12, 10, None),
        (2019, 7, "DALIAN UNIVERSITY OF TECHNOLOGY", "CN", 141, 53, "PR/2020/848"),
    }
    linked = tmp_path / "linked.html"
    linked.write_text(release_2020(), encoding="utf-8")
    capsys.readouterr()
    assert main(["wipo", "import", str(linked), "--db", db]) == 2
    assert "pr_2021_874_annex_education.csv" in capsys.readouterr().err
