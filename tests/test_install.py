"""Installed from a wheel, outside the checkout, the commands still work.

The wheel is built from this tree and installed without its dependencies into a
new venv whose only other path is this venv's site-packages (so nothing is
downloaded); every command then runs from an empty folder, where no file of the
checkout can be read by a relative path.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = (tmp / "dist").glob("patentwatch-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    # the dependencies come from this venv; our own code only from the wheel
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return venv / "bin"


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "patentwatch"), *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_code_comes_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(installed / "python"), "-c", "import core, patentwatch; print(core.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "site-packages" in proc.stdout and str(REPO) not in proc.stdout


def test_version_sites_and_schedules(installed: Path, tmp_path: Path) -> None:
    assert _run(installed, tmp_path, "--version").stdout.startswith("patentwatch ")
    sites = _run(installed, tmp_path, "sites", "list")
    assert sites.returncode == 0 and "neu_news\tNortheastern University" in sites.stdout
    show = _run(installed, tmp_path, "schedule", "show")
    assert show.returncode == 0, show.stderr
    assert "neu_news" in show.stdout


def test_demo_and_serve(installed: Path, tmp_path: Path) -> None:
    demo = _run(installed, tmp_path, "demo", "--db", "demo.db")
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Northeastern University" in demo.stdout and (tmp_path / "demo.db").is_file()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(installed / "patentwatch"), "serve", "--db", "demo.db", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        page = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/demo/articles.json?_shape=array&_size=1", timeout=2
                ) as resp:
                    page = resp.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert '"url"' in page
    finally:
        server.terminate()
        server.wait(timeout=30)
