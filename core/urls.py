"""Canonical article URLs, so one story fetched under several URL variants is one row.

Rules (each seen on WebPlus/VSB sites or in tracking links): lower-case scheme
and host, no default port, no fragment, no ``utm_*``/click-tracking parameters,
sorted query, ``../`` segments resolved, and WebPlus's mobile ``pagem.htm``
mapped to ``page.htm``.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|spm|from|fbclid|gclid|isappinstalled|share_token)$", re.I)
_MOBILE = re.compile(r"/pagem\.htm$")


def canonical_url(url: str) -> str:
    """Return the canonical form of an absolute http(s) URL."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    return urlunsplit((scheme, host, path, query, ""))


def _normalise_path(path: str) -> str:
    if not path:
        return "/"
    trailing = path.endswith("/")
    norm = posixpath.normpath(path)
    norm = re.sub(r"^/+", "/", norm)
    if norm == ".":
        norm = "/"
    if trailing and not norm.endswith("/"):
        norm += "/"
    return _MOBILE.sub("/page.htm", norm)
