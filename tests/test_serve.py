"""``patentwatch serve``: stored queries over HTTP, and a signal stops everything it started."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests import processes
from tests.conftest import VENV_BIN
from tests.serving import served

DUT = "Dalian University of Technology"


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


def port_open(base: str) -> bool:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


@pytest.mark.integration
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_serve_and_leaves_nothing(demo_db: Path, sig: signal.Signals) -> None:
    with served(demo_db) as (proc, base):
        assert get_json(f"{base}/-/versions.json")
        started = processes.descendants(proc.pid)
        proc.send_signal(sig)
        rc = proc.wait(timeout=15)
        output = proc.stdout.read()  # type: ignore[union-attr]
    assert rc == 0, output
    assert f"stopped ({sig.name})" in output
    assert "Traceback" not in output
    assert not port_open(base), "the port is still open"
    assert not [p for p in started if processes.alive(p)], "a child outlived serve"
    assert not processes.descendants(proc.pid)


@pytest.mark.integration
def test_stored_queries_resolve_names_and_show_a_differing_claim(demo_db: Path) -> None:
    with served(demo_db) as (proc, base):
        db = f"{base}/{demo_db.stem}"

        def rows(query: str, **params: str) -> list[dict[str, object]]:
            args = urllib.parse.urlencode({**params, "_shape": "array"})
            return get_json(f"{db}/{query}.json?{args}")  # type: ignore[return-value]

        ranks = rows("universities_by_pct_rank", year="2019")
        assert [(r["rank"], r["applicant"], r["institution"]) for r in ranks][:3] == [
            (1, "UNIVERSITY OF CALIFORNIA", "University of California"),
            (2, "TSINGHUA UNIVERSITY", "Tsinghua University"),
            (3, "SHENZHEN UNIVERSITY", "Shenzhen University"),
        ]
        by_name = {
            name: rows("metrics_for_institution", institution=name)
            for name in (
                DUT,
                "DUT",
                "dlut",
                "大连理工大学",
                " the Dalian University of Technology ",
            )
        }
        assert len({json.dumps(v) for v in by_name.values()}) == 1, "spellings disagree"
        dut = by_name[DUT]
        assert {r["institution"] for r in dut} == {DUT}
        assert (2018, "pct_applications_published", 53) in {
            (r["year"], r["metric"], r["value"]) for r in dut
        }
        history = rows("rank_history_for_institution", institution="DLUT")
        assert [(r["year"], r["rank"]) for r in history] == [(2018, 44), (2019, 7)]
        differs = rows("claims_differing_from_wipo")
        # SZU's 2020 count (planted), and the SZU article's "Tsinghua ranks first" among
        # educational institutions where WIPO has Tsinghua second in 2019
        assert [(r["institution"], r["year"], r["claimed"], r["official"]) for r in differs] == [
            ("Shenzhen University", 2020, 258, 252),
            ("Tsinghua University", 2019, 1, 2),
        ]
        hits = rows("search_articles", text="知识产权")
        assert len(hits) == 2 and all(h["site"] == "dlut_cn_news" for h in hits)
        assert rows("metrics_for_institution", institution="No Such University") == []
        meta = get_json(f"{base}/-/metadata.json")
        tables = meta["databases"][demo_db.stem]["tables"]  # type: ignore[index]
        assert tables["lsh_buckets"]["hidden"] is True
        clusters = rows("duplicate_clusters")
        assert [c["copies"] for c in clusters] == [2]
        ids = ",".join(str(clusters[0]["article_ids"]).split(","))
        copies = get_json(f"{db}/articles.json?_shape=array&_col=url&id__in={ids}")
        assert sorted(a["url"] for a in copies) == [  # type: ignore[union-attr,index]
            "https://en.szu.edu.cn/info/1010/1502.htm",
            "https://en.szu.edu.cn/info/1010/1503.htm",
        ]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_serve_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    missing = subprocess.run(
        [str(VENV_BIN / "patentwatch"), "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "no database at" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite")
    bad = subprocess.run(
        [str(VENV_BIN / "patentwatch"), "serve", "--db", str(junk)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "not a database" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_immutable_copy_is_served_without_writing(demo_db: Path, tmp_path: Path) -> None:
    """A read-only share: Datasette opens the copy immutable and creates no -wal/-shm."""
    import asyncio

    from patentwatch.serve import build_datasette

    copy = tmp_path / "share" / "copy.db"
    copy.parent.mkdir()
    shutil.copy(demo_db, copy)
    ds = build_datasette(copy, immutable=True)

    async def fetch() -> object:
        await ds.invoke_startup()
        resp = await ds.client.get(
            "/copy/metrics_for_institution.json?_shape=array&institution=DUT"
        )
        return resp.json()

    result = asyncio.run(fetch())
    assert result and {r["institution"] for r in result} == {DUT}  # type: ignore[union-attr]
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.db"]
