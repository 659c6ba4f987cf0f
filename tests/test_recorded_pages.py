"""Recorded pages: every page under tests/fixtures/recorded/ still extracts to what was pinned.

Pages are added with ``patentwatch sites record NAME URL…`` (see the README's
"Adding a site"); generated fixtures (tests/sitegen.py) and recorded ones are both
accepted, and ``make fixtures`` never touches the recorded ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.recording import differences, load, recordings, save
from core.sites import load_sites
from patentwatch.cli import main

RECORDED = Path(__file__).resolve().parent / "fixtures" / "recorded"
DEMO = Path(__file__).resolve().parent.parent / "patentwatch" / "demo_sites"


@pytest.mark.parametrize("path", recordings(RECORDED), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_recorded_page_extracts_as_recorded(path: Path) -> None:
    recording = load(path)
    site = load_sites()[recording.site]
    assert differences(site, recording) == {}


def test_there_are_recorded_pages() -> None:
    assert {p.parent.name for p in recordings(RECORDED)} >= {"neu_news", "dlut_cn_news"}


def test_record_command_saves_page_and_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm"
    code = main(["sites", "record", "neu_news", url, "--mirror", str(DEMO), "--out", str(tmp_path)])
    assert code == 0
    [saved] = recordings(tmp_path)
    recording = load(saved)
    assert recording.url == url
    assert (
        recording.expected["title"]
        == "NEU Approved as a High-value Patent Cultivation Center of Liaoning"
    )
    assert recording.expected["published_at"] == "2020-08-04"  # the meta line, not the URL's 0813
    assert "2020-08-04" in capsys.readouterr().out


def test_a_changed_extraction_is_reported(tmp_path: Path) -> None:
    recording = load(recordings(RECORDED)[0])
    tampered = type(recording)(
        recording.site, recording.url, recording.html, {**recording.expected, "title": "Old title"}
    )
    save(tampered, tmp_path)
    site = load_sites()[recording.site]
    assert set(differences(site, load(recordings(tmp_path)[0]))) == {"title"}


def test_record_refuses_a_list_page(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "sites",
            "record",
            "neu_news",
            "https://neunews.neu.edu.cn/217/list.htm",
            "--mirror",
            str(DEMO),
        ]
    )
    assert code == 2
    assert "does not match neu_news's article pattern" in capsys.readouterr().err
