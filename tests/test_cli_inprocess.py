"""The CLI in-process through main(argv): help texts and option placement."""

from __future__ import annotations

import pytest

from patentwatch.cli import main


def test_demo_help_names_its_own_default_database(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    assert "default: data/demo.db" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--db", "{db}", "runs"], ["runs", "--db", "{db}"]])
def test_db_works_before_and_after_the_command(
    argv: list[str],
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
) -> None:
    missing = str(tmp_path / "typo.db")
    assert main([a.replace("{db}", missing) for a in argv]) == 2
    assert f"database {missing} does not exist" in capsys.readouterr().err
    assert not (tmp_path / "typo.db").exists()


def test_extract_metrics_published_dates_last_year(
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Northern University filed 40 patent applications last year.", "utf-8")
    assert main(["extract-metrics", str(path), "--published", "2019-05-01"]) == 0
    assert '"value": 40' in (out := capsys.readouterr().out) and '"year": 2018' in out
    assert main(["extract-metrics", str(path), "--published", "May"]) == 2
    assert "--published 'May' is not a date" in capsys.readouterr().err
