"""A local copy of real sites: its folder layout and a server for it (stdlib only).

A mirror folder is laid out as ``DIR/<host>/<path>``:

* a path ending in ``/`` maps to ``index.html`` in that folder;
* a query string is appended to the file name after ``@`` (as
  ``wget --restrict-file-names=windows`` does): ``/detail.jsp?id=62064`` is
  ``DIR/<host>/detail.jsp@id=62064``;
* any file may be stored gzipped as ``<name>.gz``; it is sent with
  ``Content-Encoding: gzip``, as a real server would, with an ``ETag`` and
  ``Last-Modified`` (a matching ``If-None-Match`` gets ``304 Not Modified``).

:class:`MirrorServer` serves such a folder on 127.0.0.1 (port 0, so tests never
collide). :class:`MirrorDownloadHandler` sends every http(s) request of a crawl
to that server and hands the spider a response under the *real* URL, so
spiders, link extraction, offsite filtering and storage behave exactly as on
the live site. Settings: ``MIRROR_DIR`` (serve this folder) or ``MIRROR_URL``
(an already running server such as the hostile test server); env
``PATENTWATCH_MIRROR`` sets ``MIRROR_DIR``.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import posixpath
import re
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_HOST_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", re.I)


class MirrorError(ValueError):
    """The mirror folder is not laid out as DIR/<host>/<path>."""


def relative_path(host: str, path: str, query: str = "") -> str:
    """The file (relative to the mirror folder) that holds ``host`` + ``path`` + ``query``."""
    path = unquote(path or "/")
    if path.endswith("/"):
        path += "index.html"
    norm = posixpath.normpath("/" + path).lstrip("/")
    if query:
        norm += "@" + unquote(query)
    return f"{host.lower()}/{norm}"


def url_to_path(url: str) -> str:
    """Mirror-relative file for an absolute URL (see the module docstring for the rules)."""
    parts = urlsplit(url)
    return relative_path(parts.hostname or "", parts.path, parts.query)


def mirror_hosts(root: Path) -> list[str]:
    """Host folders in a mirror."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _HOST_RE.match(p.name))


def validate_mirror(root: Path, needed_hosts: list[str] | None = None) -> None:
    """Check ``root`` is a mirror folder holding the hosts a crawl needs.

    :raises MirrorError: one line saying what is wrong and what is expected
    """
    layout = "expected DIR/<host>/<path>, e.g. DIR/neunews.neu.edu.cn/217/list.htm"
    if not root.exists():
        raise MirrorError(f"mirror folder {root} does not exist")
    if not root.is_dir():
        raise MirrorError(f"mirror {root} is not a folder ({layout})")
    hosts = mirror_hosts(root)
    if not hosts:
        raise MirrorError(f"mirror folder {root} has no host folders ({layout})")
    missing = [h for h in needed_hosts or [] if h not in hosts]
    if missing:
        raise MirrorError(f"mirror folder {root} has no folder for host {missing[0]} ({layout})")


class _Handler(BaseHTTPRequestHandler):
    server: _MirrorHTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        host, _, rest = parts.path.lstrip("/").partition("/")
        found = self.server.find(relative_path(host, "/" + rest, parts.query))
        if found is None:
            self._send(
                404,
                b"<html><body><h1>404 Not Found</h1></body></html>",
                "text/html",
                None,
                send_body,
            )
            return
        file, gzipped = found
        ctype = mimetypes.guess_type(file.name.removesuffix(".gz").split("@")[0])[0] or "text/html"
        body = file.read_bytes()
        if ctype == "text/html" and _is_utf8(gzip.decompress(body) if gzipped else body):
            ctype += "; charset=UTF-8"  # what the real (UTF-8) WebPlus/VSB servers declare
        # Validators as a real server sends them, so conditional GETs can be tested.
        validators = {
            "ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"',
            "Last-Modified": formatdate(file.stat().st_mtime, usegmt=True),
        }
        if self.headers.get("If-None-Match") == validators["ETag"]:
            self._send(304, b"", ctype, None, False, validators)
            return
        self._send(200, body, ctype, "gzip" if gzipped else None, send_body, validators)

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        encoding: str | None,
        send_body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the crawl's own log records every request."""


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _MirrorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root.resolve()

    def find(self, rel: str) -> tuple[Path, bool] | None:
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            return target, False
        gz = target.with_name(target.name + ".gz")
        return (gz, True) if gz.is_file() else None


class MirrorServer:
    """Serve a mirror folder on 127.0.0.1 in a background thread (a context manager)."""

    def __init__(self, root: str | Path) -> None:
        self._httpd = _MirrorHTTPServer(Path(root))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, daemon=True, name="mirror"
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
