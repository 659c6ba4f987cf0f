"""Declared news sites: load, merge and validate ``sites.toml`` files.

A site is data, not code: its start URLs, domains and one or more *templates*
(a CMS family's defaults plus the site's overrides). Spiders, the probe and
re-extraction all read the same :class:`Site` objects, so there is one parsing
path for every university.

CMS families (their fingerprints and template defaults) are data too:
``core/declared/families.toml``; its table names are the allowed ``family`` values.
A sites file may still tweak a family's defaults in its own ``[families.NAME]``.

Settings: env ``PATENTWATCH_SITES`` (an extra file that extends or overrides the
shipped ``core/declared/sites.toml``).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError

from core.resources import data_file

SHIPPED_SITES = data_file("sites.toml")
FAMILIES_FILE = data_file("families.toml")
SITES_ENV = "PATENTWATCH_SITES"
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# What a generated entry or a copied example leaves in a field for a human to fill:
# never a value (a crawl would store it in every row and metric).
_PLACEHOLDER_RE = re.compile(
    r"^\s*$|fill[ _-]?in|\btodo\b|\btbd\b|change[ _-]?me|^x{3,}$|^<.*>$|your (?:institution|university)"
    r"|请填写|待填|待定",
    re.I,
)


class SitesError(ValueError):
    """A sites file is malformed; the message names the file, site and field."""


@dataclass(frozen=True)
class Template:
    """How pages of one CMS generation look. Selectors are CSS, tried in order."""

    family: str
    list_url: str
    article_url: str
    list_item: tuple[str, ...]
    list_link: tuple[str, ...]
    list_date: tuple[str, ...]
    next_page: tuple[str, ...]
    last_page: tuple[str, ...]
    paging: tuple[str, ...]
    page_current: tuple[str, ...]
    page_total: tuple[str, ...]
    title: tuple[str, ...]
    meta: tuple[str, ...]
    body: tuple[str, ...]
    drop: tuple[str, ...]
    views: tuple[str, ...]
    title_suffix: str = ""
    meta_regex: str = ""

    def matches_article(self, url: str) -> bool:
        return bool(re.search(self.article_url, url))

    def matches_list(self, url: str) -> bool:
        return bool(re.search(self.list_url, url))


TEMPLATE_FIELDS = {f.name for f in fields(Template)}
_SELECTOR_FIELDS = {
    "list_item",
    "list_link",
    "list_date",
    "next_page",
    "last_page",
    "paging",
    "page_current",
    "page_total",
    "title",
    "meta",
    "body",
    "drop",
    "views",
}
_REGEX_FIELDS = {"list_url", "article_url", "title_suffix", "meta_regex"}
_SITE_FIELDS = {
    "institution",
    "country",
    "lang",
    "start_urls",
    "allowed_domains",
    "templates",
    "max_list_pages",
    "groups",
}


@dataclass(frozen=True)
class Site:
    """One declared news site; ``name`` is also its spider name."""

    name: str
    institution: str
    country: str
    lang: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    templates: tuple[Template, ...]
    max_list_pages: int = 50
    # named sets a schedule or a crawl can name as @group (every site is also in @news)
    groups: tuple[str, ...] = ()

    def template_for_article(self, url: str) -> Template:
        return next((t for t in self.templates if t.matches_article(url)), self.templates[0])

    def template_for_list(self, url: str) -> Template:
        return next((t for t in self.templates if t.matches_list(url)), self.templates[0])

    def is_article_url(self, url: str) -> bool:
        return any(t.matches_article(url) for t in self.templates)

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(sorted({urlsplit(u).hostname or "" for u in self.start_urls}))


@dataclass(frozen=True)
class Family:
    """A CMS family: the fingerprints that recognise its pages and its template defaults."""

    name: str
    fingerprints: tuple[str, ...]
    defaults: dict[str, Any]


def load_families(path: Path = FAMILIES_FILE) -> dict[str, Family]:
    """The CMS families declared in ``families.toml`` (name -> :class:`Family`).

    :raises SitesError: one line naming the file, family and field at fault
    """
    families: dict[str, Family] = {}
    for name, spec in _read_toml(path).items():
        if not isinstance(spec, dict):
            raise SitesError(f"{path}: family {name!r}: must be a table")
        defaults = dict(spec)
        prints = _str_tuple(
            path, f"family {name!r}", "fingerprints", defaults.pop("fingerprints", [])
        )
        for pattern in prints:
            _regex(path, f"family {name!r}", "fingerprints", pattern)
        families[name] = Family(name, prints, _check_template_keys(path, name, defaults))
    return families


def sites_files() -> list[Path]:
    """The shipped file, then the user's file from ``PATENTWATCH_SITES`` if set."""
    files = [SHIPPED_SITES]
    extra = os.environ.get(SITES_ENV, "").strip()
    if extra:
        files.append(Path(extra))
    return files


def load_sites(paths: list[Path] | None = None) -> dict[str, Site]:
    """Load and validate sites; later files extend or override earlier ones.

    :param paths: files to read in order (default: :func:`sites_files`)
    :raises SitesError: with one line naming the file, site and field at fault
    """
    families = {name: dict(f.defaults) for name, f in FAMILY_DECLARATIONS.items()}
    raw_sites: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in paths or sites_files():
        data = _read_toml(path)
        unknown = set(data) - {"families", "sites"}
        if unknown:
            raise SitesError(f"{path}: unknown top-level table {sorted(unknown)[0]!r}")
        for fam, spec in data.get("families", {}).items():
            if fam not in families:
                raise SitesError(f"{path}: unknown family {fam!r} (known: {', '.join(FAMILIES)})")
            families[fam] = {**families.get(fam, {}), **_check_template_keys(path, fam, spec)}
        for name, spec in data.get("sites", {}).items():
            raw_sites[name] = (path, spec)
    return {
        name: _build_site(path, name, spec, families) for name, (path, spec) in raw_sites.items()
    }


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SitesError(f"{path}: sites file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SitesError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise SitesError(f"{path}: cannot read sites file: {exc.strerror}") from None


def _check_template_keys(path: Path, where: str, spec: dict[str, Any]) -> dict[str, Any]:
    unknown = set(spec) - TEMPLATE_FIELDS
    if unknown:
        raise SitesError(f"{path}: {where}: unknown field {sorted(unknown)[0]!r}")
    return spec


def _build_site(
    path: Path, name: str, spec: dict[str, Any], families: dict[str, dict[str, Any]]
) -> Site:
    where = f"site {name!r}"
    if not _NAME_RE.match(name):
        raise SitesError(f"{path}: {where}: name must be lower_snake_case (a-z, 0-9, _)")
    if not isinstance(spec, dict):
        raise SitesError(f"{path}: {where}: must be a table")
    site_keys = {k: v for k, v in spec.items() if k in _SITE_FIELDS}
    template_keys = {k: v for k, v in spec.items() if k not in _SITE_FIELDS}
    _check_template_keys(path, where, template_keys)
    for required in ("institution", "start_urls", "allowed_domains"):
        if required not in site_keys:
            raise SitesError(f"{path}: {where}: missing field {required!r}")
    institution = _value(path, where, "institution", site_keys["institution"])
    raw_templates = site_keys.get("templates") or [template_keys]
    if site_keys.get("templates") and template_keys.get("family"):
        raise SitesError(f"{path}: {where}: give either 'family' or 'templates', not both")
    templates = tuple(
        _build_template(path, f"{where} template {i + 1}", t, families)
        for i, t in enumerate(raw_templates)
    )
    start_urls = _str_tuple(path, where, "start_urls", site_keys["start_urls"])
    domains = _str_tuple(path, where, "allowed_domains", site_keys["allowed_domains"])
    for url in start_urls:
        _check_url(path, where, url, domains)
    max_pages = site_keys.get("max_list_pages", 50)
    if not isinstance(max_pages, int) or max_pages < 1:
        raise SitesError(f"{path}: {where}: 'max_list_pages' must be a positive integer")
    return Site(
        name=name,
        institution=institution,
        country=_str(path, where, "country", site_keys.get("country", "")),
        lang=_str(path, where, "lang", site_keys.get("lang", "en")),
        start_urls=start_urls,
        allowed_domains=domains,
        templates=templates,
        max_list_pages=max_pages,
        groups=_groups(path, where, site_keys.get("groups", [])),
    )


def _groups(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    groups = _str_tuple(path, where, "groups", raw) if raw else ()
    bad = [g for g in groups if not _NAME_RE.match(g) or g in BUILTIN_GROUPS]
    if bad:
        raise SitesError(
            f"{path}: {where}: group {bad[0]!r} must be lower_snake_case and not one of"
            f" {', '.join(BUILTIN_GROUPS)}"
        )
    return groups


# Groups every installation has: all spiders, and all declared news sites.
BUILTIN_GROUPS = ("all", "news")


def spider_groups(sites: dict[str, Site], spiders: list[str]) -> dict[str, list[str]]:
    """``@name`` → its spiders: the built-in groups and those the sites declare."""
    groups: dict[str, list[str]] = {"all": sorted(spiders), "news": sorted(sites)}
    for site in sorted(sites.values(), key=lambda s: s.name):
        for group in site.groups:
            groups.setdefault(group, []).append(site.name)
    return {f"@{name}": members for name, members in groups.items()}


def expand_spiders(names: list[str], groups: dict[str, list[str]]) -> list[str]:
    """Names with every ``@group`` replaced by its members, each spider once, in order.

    A schedule that names ``@news`` crawls a site added later without being edited.
    """
    out: list[str] = []
    for name in names:
        out.extend(groups.get(name, [name]))
    return list(dict.fromkeys(out))


def _build_template(
    path: Path, where: str, spec: dict[str, Any], families: dict[str, dict[str, Any]]
) -> Template:
    if not isinstance(spec, dict):
        raise SitesError(f"{path}: {where}: must be a table")
    _check_template_keys(path, where, spec)
    family = spec.get("family")
    if family not in FAMILIES:
        raise SitesError(f"{path}: {where}: 'family' must be one of {', '.join(FAMILIES)}")
    merged = {**families.get(family, {}), **spec, "family": family}
    values: dict[str, Any] = {"family": family}
    for name in TEMPLATE_FIELDS - {"family"}:
        raw = merged.get(name, "" if name in _REGEX_FIELDS else [])
        if name in _SELECTOR_FIELDS:
            values[name] = _selectors(path, where, name, raw)
        else:
            values[name] = _regex(path, where, name, raw)
    for required in ("article_url", "body", "title"):
        if not values[required]:
            raise SitesError(f"{path}: {where}: missing field {required!r}")
    return Template(**values)


def _selectors(path: Path, where: str, name: str, raw: Any) -> tuple[str, ...]:
    items = _str_tuple(path, where, name, [raw] if isinstance(raw, str) else raw)
    for sel in items:
        try:
            GenericTranslator().css_to_xpath(sel)
        except SelectorError as exc:
            raise SitesError(
                f"{path}: {where}: bad CSS selector in {name!r}: {sel!r} ({exc})"
            ) from None
    return items


def _regex(path: Path, where: str, name: str, raw: Any) -> str:
    value = _str(path, where, name, raw)
    try:
        re.compile(value)
    except re.error as exc:
        raise SitesError(f"{path}: {where}: bad regular expression in {name!r}: {exc}") from None
    return value


def _str(path: Path, where: str, name: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise SitesError(f"{path}: {where}: {name!r} must be a string")
    return raw


def _value(path: Path, where: str, name: str, raw: Any) -> str:
    """A string that must be a real value: a placeholder left by the probe is refused."""
    value = _str(path, where, name, raw)
    if _PLACEHOLDER_RE.search(value):
        raise SitesError(f"{path}: {where}: {name!r} is a placeholder ({value!r}): fill it in")
    return value


def is_placeholder(value: str) -> bool:
    """True for text a human still has to replace (``FILL IN ...``, ``TODO``, empty)."""
    return bool(_PLACEHOLDER_RE.search(value))


def _str_tuple(path: Path, where: str, name: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise SitesError(f"{path}: {where}: {name!r} must be a list of strings")
    return tuple(raw)


def _check_url(path: Path, where: str, url: str, domains: tuple[str, ...]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SitesError(f"{path}: {where}: bad URL {url!r} (need http:// or https:// and a host)")
    host = parts.hostname
    if not any(host == d or host.endswith("." + d) for d in domains):
        raise SitesError(f"{path}: {where}: start URL {url!r} is outside allowed_domains")


# Read once at import: every loader, the probe and the error messages share them.
FAMILY_DECLARATIONS = load_families()
FAMILIES = tuple(FAMILY_DECLARATIONS)
