"""ASCII text normalised as bytes: the whitespace collapse of content hashes and shingles.

English pages are ASCII, where ``" ".join(text.lower().split())`` builds one string object
per word only to join them again (a 300-word paragraph: 300 objects, ~7% of a new
article's storage instructions, callgrind). ``bytes.translate`` and ``bytes.replace`` give
the same bytes in a few C passes.
"""

from __future__ import annotations


def ascii_table(delete: str = "") -> tuple[bytes, bytes]:
    """A ``bytes.translate`` table (and the bytes it deletes) for ASCII text: lower case, every
    ``str.isspace`` character (also \\x1c-\\x1f, which ``bytes.split`` would keep) a space."""
    table = bytes(
        32 if chr(c).isspace() else ord(chr(c).lower()) if c < 128 else c for c in range(256)
    )
    return table, delete.encode("ascii")


LOWER_SPACES = ascii_table()  # content hashes: nothing deleted


def collapse_ascii(data: bytes, table: tuple[bytes, bytes]) -> bytes:
    """``" ".join(text.lower().split())`` of ASCII text, as bytes, after ``table``'s
    deletions. Each replace halves the runs of spaces, so a run of n takes log2(n) passes."""
    data = data.translate(*table)
    while True:  # a replace that finds nothing leaves the length: one scan, no extra `in`
        shorter = data.replace(b"  ", b" ")
        if len(shorter) == len(data):
            return data.strip(b" ")
        data = shorter
