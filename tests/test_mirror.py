"""The mirror: URL-to-file mapping, the local server, and folder validation."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from core.mirror import MirrorError, MirrorServer, url_to_path, validate_mirror


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://neunews.neu.edu.cn/217/list.htm", "neunews.neu.edu.cn/217/list.htm"),
        ("https://en.dlut.edu.cn/", "en.dlut.edu.cn/index.html"),
        ("https://en.dlut.edu.cn", "en.dlut.edu.cn/index.html"),
        ("https://en.scut.edu.cn/detail.jsp?id=62064", "en.scut.edu.cn/detail.jsp@id=62064"),
        ("https://EN.dlut.edu.cn/a/../../../etc/passwd", "en.dlut.edu.cn/etc/passwd"),
    ],
)
def test_url_to_path(url: str, path: str) -> None:
    assert url_to_path(url) == path


def test_server_serves_plain_gzip_and_404(tmp_path: Path) -> None:
    host = tmp_path / "en.scut.edu.cn"
    host.mkdir()
    (host / "robots.txt").write_text("User-agent: *\n")
    (host / "detail.jsp@id=1.gz").write_bytes(gzip.compress(b"<html>hello</html>"))
    with MirrorServer(tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{server.url}/en.scut.edu.cn/robots.txt") as resp:
            assert resp.read() == b"User-agent: *\n"
        with urllib.request.urlopen(f"{server.url}/en.scut.edu.cn/detail.jsp?id=1") as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(resp.read()) == b"<html>hello</html>"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{server.url}/en.scut.edu.cn/missing.htm")
        assert err.value.code == 404


def test_validate_mirror(tmp_path: Path) -> None:
    with pytest.raises(MirrorError, match="does not exist"):
        validate_mirror(tmp_path / "nope")
    (tmp_path / "not-a-host").mkdir()
    with pytest.raises(MirrorError, match="no host folders"):
        validate_mirror(tmp_path)
    (tmp_path / "en.dlut.edu.cn").mkdir()
    validate_mirror(tmp_path, ["en.dlut.edu.cn"])
    with pytest.raises(MirrorError, match="no folder for host neunews.neu.edu.cn"):
        validate_mirror(tmp_path, ["en.dlut.edu.cn", "neunews.neu.edu.cn"])
