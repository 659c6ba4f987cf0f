"""One institutions registry for the extractor and the database (issue 17, item 2 in part)."""

from __future__ import annotations

import json

from core.institutions import canonical, lookup, registry
from storage.institutions import resolve
from tests.conftest import run_cmd

NEU = "Northeastern University"


def test_spellings_of_one_university_resolve_to_one_name() -> None:
    for spelling in ("东北大学", "NEU", "Northeastern University", "东北大学 (NEU)"):
        assert canonical(spelling) == NEU
    assert canonical("香港城市大學") == canonical("香港城市大学") == "City University of Hong Kong"
    assert canonical("Some Unregistered College") == "Some Unregistered College"


def test_a_shared_alias_is_told_apart_by_country() -> None:
    cn, us = lookup(NEU, "CN"), lookup(NEU, "US")
    assert cn and us and (cn.country, us.country) == ("CN", "US")
    assert lookup("东北大学") == cn


def test_database_is_seeded_from_the_same_registry(fresh_db) -> None:  # noqa: ANN001
    rows = fresh_db.execute("SELECT count(*) FROM institutions").fetchone()[0]
    assert rows == len({(i.name, i.country) for i in registry()})
    for inst in registry():
        for alias in (inst.name, *inst.aliases):
            found = resolve(fresh_db, alias, inst.country)
            name, country = fresh_db.execute(
                "SELECT name, country FROM institutions WHERE id = ?", [found]
            ).fetchone()
            assert (name, country) == (inst.name, inst.country), alias


def test_extract_metrics_writes_the_article_institution_one_way(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "a.txt"
    path.write_text(
        "2021年，东北大学获得授权发明专利1032件。学校专利转让合同金额达1.06亿元。", encoding="utf-8"
    )
    proc = run_cmd(["patentwatch", "extract-metrics", str(path), "--institution", "东北大学"])
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {r["institution"] for r in records} == {NEU}
    assert {(r["metric"], r["value"]) for r in records} == {
        ("invention_patents_granted", 1032),
        ("contract_amount", 106000000),
    }
