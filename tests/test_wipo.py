"""WIPO PCT statistics: parsers for every layout, the spider into SQLite, institutions, claims."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.wipo import (
    NoWipoTable,
    number,
    parse_ipstats_csv,
    parse_newsletter,
    parse_ranking_csv,
    parse_ranking_xlsx,
    parse_release,
    rows_to_rankings,
    split_applicant,
)
from storage import open_db
from storage.institutions import resolve
from tests.conftest import run_cmd
from tests.sitegen import SITES_DIR
from tests.wipogen import (
    annex_2018_xlsx,
    annex_2020_csv,
    ipstats_csv,
    newsletter_2023,
    release_2014,
    release_2017,
    release_2019,
)

PR = "https://www.wipo.int/pressroom/en/articles/2020/article_0005.html"


def by_name(rankings):  # noqa: ANN001, ANN201
    return {r.applicant: r for r in rankings}


def test_html_annex_table_2019() -> None:
    release = parse_release(release_2019(), PR)
    assert (release.release_no, release.data_year) == ("PR/2020/848", 2019)
    rows = by_name(release.rankings)
    dut = rows["DALIAN UNIVERSITY OF TECHNOLOGY"]
    assert (
        dut.rank,
        dut.country,
        dut.published,
        dut.published_prev,
        dut.change,
        dut.position_change,
    ) == (7, "CN", 141, 53, 88, 37)
    uc = rows["UNIVERSITY OF CALIFORNIA"]
    assert (uc.rank, uc.published, uc.published_prev, uc.change) == (
        1,
        470,
        None,
        None,
    )  # empty cells: None
    assert all(r.category == "education" for r in release.rankings)


def test_older_table_layout_2014_with_overall_ranks() -> None:
    rows = by_name(
        parse_release(
            release_2014(), "https://www.wipo.int/pressroom/en/articles/2015/article_0004.html"
        ).rankings
    )
    kyoto = rows["Kyoto U."]
    assert (kyoto.rank, kyoto.rank_overall, kyoto.country, kyoto.published, kyoto.year) == (
        13,
        293,
        "JP",
        81,
        2014,
    )


def test_numbered_list_2017() -> None:
    release = parse_release(
        release_2017(), "https://www.wipo.int/pressroom/en/articles/2018/article_0002.html"
    )
    assert [(r.rank, r.applicant, r.country, r.published) for r in release.rankings][:2] == [
        (1, "University of California", "US", 482),
        (2, "Massachusetts Institute of Technology", "US", 278),
    ]


def test_xlsx_and_csv_annexes() -> None:
    xlsx = by_name(parse_ranking_xlsx(annex_2018_xlsx(), 2018))
    assert (
        xlsx["DALIAN UNIVERSITY OF TECHNOLOGY"].rank,
        xlsx["DALIAN UNIVERSITY OF TECHNOLOGY"].published,
    ) == (44, 53)
    assert xlsx["JIANGNAN UNIVERSITY"].rank is None  # "-" is a missing rank, not a tie
    csv_rows = parse_ranking_csv(annex_2020_csv(), 2020)
    assert [(r.rank, r.published) for r in csv_rows] == [
        (1, 559),
        (2, 269),
        (3, 252),
        (4, 231),
        (5, 209),
    ]


def test_ties_share_a_rank() -> None:
    rows = [
        ["Rank", "Applicant", "Origin", "2014"],
        ["12", "A U.", "US", "85"],
        ["13", "Kyoto U.", "JP", "81"],
        ["", "Other U.", "DE", "81"],
        ["=15", "Third U.", "FR", "80"],
        ["=15", "Fourth U.", "GB", "80"],
    ]
    out = rows_to_rankings(rows, 2014, "education")
    assert [(r.rank, r.tied) for r in out] == [
        (12, False),
        (13, True),
        (13, True),
        (15, True),
        (15, True),
    ]


def test_release_with_pdf_annex_is_logged_as_skipped() -> None:
    from tests.wipogen import release_2018

    release = parse_release(
        release_2018(), "https://www.wipo.int/pressroom/en/articles/2019/article_0004.html"
    )
    assert release.attachments == [
        "/export/sites/www/pressroom/en/documents/pr_2019_830_annexes.xlsx"
    ]
    assert release.skipped == ["/export/sites/www/pressroom/en/documents/pr_2019_830_annexes.pdf"]


def test_newsletter_and_ipstats_csv() -> None:
    news = {(i.origin, i.year): i.value for i in parse_newsletter(newsletter_2023())}
    assert news == {("CN", 2022): 70015.0, ("NL", 2022): 4092.0}
    stats = parse_ipstats_csv(ipstats_csv())
    values = {(i.origin, i.year): i.value for i in stats}
    assert (
        values[("CN", 2022)] == 70015.0 and values[("CN", 2020)] is None
    )  # empty cell: NULL, not 0
    assert stats[0].indicator == "1a - PCT international applications by origin"
    tabbed = b"Intellectual property right :Patent\tIndicator :5 - Patent grants\tSource: WIPO\nOffice,Office (Code),2014\nChina,CN,1,\n"
    assert parse_ipstats_csv(tabbed)[0].indicator == "5 - Patent grants"
    with pytest.raises(NoWipoTable, match="looked for an IP Statistics header"):
        parse_ipstats_csv(b"garbage")


@pytest.mark.parametrize(
    ("text", "value"), [("1,234", 1234), ("", None), ("-", None), ("n/a", None), ("+44", 44)]
)
def test_numbers(text: str, value: int | None) -> None:
    assert number(text) == value


def test_applicant_country_forms() -> None:
    assert split_applicant("Technical University of Denmark, Denmark") == (
        "Technical University of Denmark",
        "DK",
    )
    assert split_applicant("DALIAN UNIVERSITY OF TECHNOLOGY") == (
        "DALIAN UNIVERSITY OF TECHNOLOGY",
        None,
    )


def test_institution_aliases_and_disambiguation(fresh_db) -> None:
    dut = resolve(fresh_db, "Dalian University of Technology")
    assert dut and {
        resolve(fresh_db, n) for n in ("DALIAN UNIVERSITY OF TECHNOLOGY", "DUT", "大连理工大学")
    } == {dut}
    assert (
        resolve(fresh_db, "Northeastern University") is None
    )  # two of them: ambiguous without a country
    cn, us = (
        resolve(fresh_db, "Northeastern University", "CN"),
        resolve(fresh_db, "Northeastern University", "US"),
    )
    assert cn and us and cn != us


@pytest.mark.integration
def test_wipo_spider_fills_rankings_and_a_recrawl_updates(tmp_path: Path) -> None:
    db = tmp_path / "wipo.db"
    for _ in range(2):
        proc = run_cmd(
            ["patentwatch", "crawl", "wipo_pct", "--mirror", str(SITES_DIR), "--db", str(db)]
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
    conn = sqlite3.connect(db)
    years = dict(conn.execute("SELECT year, count(*) FROM pct_rankings GROUP BY year").fetchall())
    assert years == {2014: 3, 2017: 5, 2018: 3, 2019: 6, 2020: 5, 2023: 5}
    rows = set(
        conn.execute(
            "SELECT r.year, r.rank, r.published, i.name FROM pct_rankings r JOIN institutions i ON i.id = r.institution_id"
            " WHERE i.name = 'Dalian University of Technology'"
        )
    )
    assert rows == {
        (2018, 44, 53, "Dalian University of Technology"),
        (2019, 7, 141, "Dalian University of Technology"),
    }
    assert (
        conn.execute("SELECT count(*) FROM pct_indicators WHERE value IS NULL").fetchone()[0] == 7
    )
    stats = conn.execute("SELECT stats FROM crawl_runs ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    assert '"wipo/pdf_skipped": 2' in stats


@pytest.mark.integration
def test_claims_vs_wipo_after_the_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run_cmd(["patentwatch", "demo", "--db", str(db)]).returncode == 0
    conn = sqlite3.connect(db)
    claims = set(
        conn.execute(
            "SELECT institution, year, metric, claimed, official, verdict FROM claims_vs_wipo"
            " WHERE article_url = 'https://en.dlut.edu.cn/info/1027/1810.htm'"
        )
    )
    assert claims == {
        ("Dalian University of Technology", 2018, "pct_applications_published", 53, 53, "match"),
        ("Dalian University of Technology", 2018, "rank", 44, 44, "match"),
    }
    verdicts = dict(conn.execute("SELECT verdict, count(*) FROM claims_vs_wipo GROUP BY verdict"))
    assert verdicts.get("no official figure", 0) >= 1
    # a claim that differs from WIPO is shown as such
    conn.execute(
        "UPDATE metrics SET value = 52 WHERE metric = 'pct_applications_published' AND value = 53"
    )
    assert conn.execute(
        "SELECT verdict, official FROM claims_vs_wipo WHERE claimed = 52"
    ).fetchone() == ("differs", 53)
    conn.close()


def test_institutions_cli(tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    open_db(db).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO pct_rankings (year, category, rank, applicant, country, published, source_url, fetched_at)"
        " VALUES (2019, 'education', 30, 'NORTHEASTERN UNIV', 'CN', 60, 'x', 'y')"
    )
    conn.commit()
    conn.close()
    out = run_cmd(["patentwatch", "institutions", "unresolved", "--db", str(db)])
    assert out.stdout.splitlines() == ["NORTHEASTERN UNIV\tCN\tpct_rankings\t1"]
    ambiguous = run_cmd(
        [
            "patentwatch",
            "institutions",
            "alias",
            "NORTHEASTERN UNIV",
            "Northeastern University",
            "--db",
            str(db),
        ]
    )
    assert ambiguous.returncode == 2 and "add --country" in ambiguous.stderr
    ok = run_cmd(
        [
            "patentwatch",
            "institutions",
            "alias",
            "NORTHEASTERN UNIV",
            "Northeastern University",
            "--country",
            "CN",
            "--db",
            str(db),
        ]
    )
    assert ok.returncode == 0 and "1 rows linked" in ok.stdout
    assert run_cmd(["patentwatch", "institutions", "unresolved", "--db", str(db)]).stdout == ""


def test_unresolved_lists_academic_names_of_overall_rankings_not_companies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from patentwatch.cli import main

    db = tmp_path / "o.db"
    open_db(db).close()
    conn = sqlite3.connect(db)
    rows = [
        (2021, "overall", 1, "ACME TELECOM CO., LTD.", "CN", 4000),
        (2021, "overall", 40, "UNIV OF ZENDA", "US", 500),
        (2021, "education", 2, "ZENDA POLYTECHNIC", "US", 450),
    ]
    conn.executemany(
        "INSERT INTO pct_rankings (year, category, rank, applicant, country, published, source_url,"
        " fetched_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'y')",
        rows,
    )
    conn.commit()
    conn.close()
    assert main(["institutions", "unresolved", "--db", str(db)]) == 0
    names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert sorted(names) == ["UNIV OF ZENDA", "ZENDA POLYTECHNIC"]
    assert main(["institutions", "unresolved", "--all", "--db", str(db)]) == 0
    assert "ACME TELECOM CO., LTD." in capsys.readouterr().out
