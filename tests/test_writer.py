"""The storage entry point for crawled records and the background writer thread."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import StorageError, Writer, open_db, save_batch
from tests.conftest import REPO

NOW = "2026-01-01T00:00:00+00:00"


TOPICS = [
    "welding robots",
    "tidal turbines",
    "zeolite membranes",
    "quantum dots",
    "soil sensors",
    "bridge cables",
    "rice genomics",
    "battery anodes",
    "sonar arrays",
    "glass fibres",
]


def body_of(k: int) -> str:
    """A distinct made-up story per k (no two near-duplicates)."""
    words = " ".join(
        f"{TOPICS[(k * 7 + j * 3) % 10].split()[j % 2]}{(k * 31 + j) % 97}" for j in range(40)
    )
    return f"Story {k}. The materials lab licensed {k} patents on {TOPICS[k % 10]}. {words}"


def article(k: int, body: str | None = None) -> dict[str, object]:
    return {
        "url": f"https://news.example.edu.cn/info/{k}.htm",
        "site": "example_news",
        "institution": "Example University of Science",
        "title": f"Story {k}: the lab licensed {k} patents",
        "published_at": "2025-05-09",
        "lang": "en",
        "body": body or body_of(k),
        "fetched_at": NOW,
        "html": f"<html><p>story {k}</p></html>",
        "sources": {},
    }


RANKING = {
    "year": 2024,
    "category": "education",
    "rank": 3,
    "applicant": "Example University of Science",
    "country": "CN",
    "published": 120,
    "source_url": "https://www.wipo.int/x.xlsx",
    "fetched_at": NOW,
    "tied": False,
}


def test_save_batch_mixes_kinds_and_reports_each_outcome(fresh_db) -> None:
    copy = {**article(2, body=str(article(1)["body"])), "url": "https://www.example.edu.cn/2.htm"}
    outcomes = save_batch(
        fresh_db, [("article", article(1)), ("ranking", RANKING), ("article", copy)], None, NOW
    )
    assert outcomes == ["new", "ranking", "duplicate"]
    assert fresh_db.execute("SELECT applicant, published FROM pct_rankings").fetchall() == [
        ("Example University of Science", 120)
    ]


def test_save_batch_refuses_an_unknown_kind_and_writes_nothing(fresh_db) -> None:
    with pytest.raises(ValueError, match="unknown record kind 'video'"):
        save_batch(fresh_db, [("article", article(1)), ("video", {})], None, NOW)
    assert fresh_db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_save_batch_joins_the_callers_transaction(fresh_db) -> None:
    """The distributed writer stores a batch and its stream entry ids in one transaction."""
    from storage import write_transaction

    with pytest.raises(RuntimeError), write_transaction(fresh_db):
        save_batch(fresh_db, [("article", article(1))], None, NOW)
        raise RuntimeError("the bookkeeping failed")
    assert fresh_db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_writer_commits_full_batches_and_old_ones(db_path: Path) -> None:
    seen: list[list[str]] = []
    writer = Writer(
        db_path, None, batch_size=3, max_age_s=0.3, on_commit=lambda b, o: seen.append(o)
    )
    writer.start()
    for k in range(4):
        writer.put("article", article(k))
    deadline = time.monotonic() + 10
    while sum(len(o) for o in seen) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [len(o) for o in seen] == [3, 1]  # the full batch, then the 4th after 0.3 s
    reader = open_db(db_path)
    titles = [r[0] for r in reader.execute("SELECT title FROM articles ORDER BY id")]
    assert titles == [f"Story {k}: the lab licensed {k} patents" for k in range(4)]
    reader.close()
    assert writer.close() == {"new": 4}


def test_writer_close_indexes_text_and_call_runs_after_queued_records(db_path: Path) -> None:
    writer = Writer(db_path, None, batch_size=100, max_age_s=60, fts_every_s=60).start()
    writer.put("article", article(7))
    count = writer.call(lambda db: db.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert count.result(10) == 1
    writer.close()
    db = open_db(db_path)
    hits = db.execute(
        "SELECT a.title FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
        " WHERE articles_fts MATCH '\"materials lab\"'"
    ).fetchall()
    assert hits == [("Story 7: the lab licensed 7 patents",)]
    assert db.execute("SELECT count(*) FROM fts_pending").fetchone()[0] == 0
    db.close()


def test_writer_counts_a_bad_record_as_failed_and_keeps_going(db_path: Path, caplog) -> None:
    bad = article(2)
    del bad["fetched_at"]
    writer = Writer(db_path, None, batch_size=1).start()
    writer.put("article", bad)
    writer.put("article", article(3))
    assert writer.close() == {"failed": 1, "new": 1}
    assert "1 records not saved" in caplog.text


def test_writer_reports_an_unusable_database_at_start(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        Writer(tmp_path, None).start()


KILLED = """
import sys, time
from storage import Writer
sys.path.insert(0, ".")
from tests.test_writer import article
w = Writer(sys.argv[1], None, batch_size=1000, max_age_s=0.5).start()
for k in range(30):
    w.put("article", article(k))
print("queued", flush=True)
time.sleep(60)
"""


@pytest.mark.integration
def test_a_killed_process_keeps_what_was_older_than_the_batch_age(db_path: Path) -> None:
    """kill -9 with the batch far from full: what was put more than max_age_s ago is stored."""
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(db_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "queued"
    time.sleep(2.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = open_db(db_path)
    titles = {r[0] for r in db.execute("SELECT title FROM articles")}
    assert titles == {f"Story {k}: the lab licensed {k} patents" for k in range(30)}
    db.close()
