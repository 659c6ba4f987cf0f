"""Decode pages whose declared encoding lies, so mojibake never reaches the database.

Chinese sites sometimes send GBK bytes under a UTF-8 header, or declare nothing.
Order: the HTTP header's charset if the bytes really decode with it, then the
page's own ``<meta charset>``, then GB18030 (a superset of GBK/GB2312), then
UTF-8 with replacement as a last resort.
"""

from __future__ import annotations

import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _strict(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, header_encoding: str | None) -> tuple[str, str]:
    """(text, encoding actually used)."""
    meta = _META.search(body[:4096])
    declared = meta.group(1).decode("ascii", "ignore").lower() if meta else None
    for encoding in (header_encoding, declared, "utf-8", "gb18030"):
        text = _strict(body, encoding)
        if text is not None:
            return text, encoding or "utf-8"
    return body.decode("utf-8", "replace"), "utf-8-replace"
