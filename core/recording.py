"""Recorded test pages (fundus's shape): a real page saved with the fields it must give.

``patentwatch sites record NAME URL…`` fetches each article page, extracts it with
the site's declared template, and writes two files per page into
``DIR/<site>/``: ``<slug>.html.gz`` (the page as served) and ``<slug>.json`` (its
URL, when it was recorded, and the expected fields). The user checks the JSON by
eye once; from then on a test re-extracts every recorded page and compares, so a
template change that breaks a real page fails the suite. Recorded pages sit beside
generated fixtures and are never rewritten by ``make fixtures``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.extraction import ArticleFields, ListHint, extract_article
from core.sites import Site

# The fields a recorded page pins: what an analyst reads, and where each came from.
PINNED = ("title", "published_at", "author", "editor", "source", "views", "lang", "body", "sources")


@dataclass(frozen=True)
class Recording:
    site: str
    url: str
    html: str
    expected: dict[str, Any]
    recorded_at: str = ""

    def slug(self) -> str:
        tail = re.sub(r"[^A-Za-z0-9]+", "-", self.url.split("://", 1)[-1]).strip("-")[-60:]
        return f"{tail}-{hashlib.sha1(self.url.encode()).hexdigest()[:8]}"


def expected_fields(fields: ArticleFields) -> dict[str, Any]:
    return {name: getattr(fields, name) for name in PINNED}


def record(site: Site, url: str, html: str) -> Recording:
    """Extract ``html`` (the page at ``url``) with the site's template and pin the result."""
    fields = extract_article(html, url, site.template_for_article(url), ListHint(), site.lang)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    return Recording(site.name, url, html, expected_fields(fields), now)


def save(recording: Recording, folder: Path) -> Path:
    """Write the page and its expected fields under ``folder/<site>/``; return the JSON's path."""
    out = folder / recording.site
    out.mkdir(parents=True, exist_ok=True)
    slug = recording.slug()
    (out / f"{slug}.html.gz").write_bytes(gzip.compress(recording.html.encode("utf-8"), mtime=0))
    meta = {
        "url": recording.url,
        "recorded_at": recording.recorded_at,
        "expected": recording.expected,
    }
    path = out / f"{slug}.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    return path


def load(json_path: Path) -> Recording:
    """A recorded page back from its two files."""
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    html = gzip.decompress(json_path.with_suffix(".html.gz").read_bytes()).decode("utf-8")
    return Recording(
        json_path.parent.name, meta["url"], html, meta["expected"], meta["recorded_at"]
    )


def recordings(folder: Path) -> list[Path]:
    """Every recorded page's JSON under ``folder`` (one sub-folder per site)."""
    return sorted(folder.glob("*/*.json")) if folder.is_dir() else []


def differences(site: Site, recording: Recording) -> dict[str, tuple[Any, Any]]:
    """Fields whose extraction today differs from what was recorded: name → (recorded, now)."""
    now = record(site, recording.url, recording.html).expected
    return {k: (v, now.get(k)) for k, v in recording.expected.items() if now.get(k) != v}
