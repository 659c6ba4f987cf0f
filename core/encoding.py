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


class EncodingError(ValueError):
    """The bytes are not text in the named (or any detectable) encoding; one line for the user."""


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) of a plain-text file such as ``extract-metrics FILE``.

    With ``encoding`` given, exactly that codec; otherwise a byte-order mark, then strict
    UTF-8, then GB18030 (a superset of GBK and GB2312, what Chinese Windows saves). A GBK
    file practically never decodes as UTF-8 (its lead bytes 0x81–0xFE are followed by
    bytes UTF-8 forbids there), so the order is safe.

    :raises EncodingError: unknown codec, or bytes that are text in none of them
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise EncodingError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"not {encoding} text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec
    for codec in ("utf-8", "gb18030"):
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    raise EncodingError("neither UTF-8 nor GBK/GB18030 text; name it with --encoding")
