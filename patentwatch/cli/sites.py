"""``sites list|probe|check``: the declared news sites, and adding a new one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from patentwatch.cli.base import EXIT_CRAWL_FAILED, EXIT_OK, UsageError, arg, command, group

if TYPE_CHECKING:
    from core.sites import Site

group(
    "sites",
    help="declared sites: list, probe a new one, check one",
    description="Declared news sites (core/declared/sites.toml plus --sites FILE).",
)

_MIRROR = arg(
    "--mirror", metavar="DIR", help="read pages from a local copy laid out as DIR/<host>/<path>"
)


def declared_sites() -> dict[str, Site]:
    from core.sites import SitesError, load_sites

    try:
        return load_sites()
    except SitesError as exc:
        raise UsageError(str(exc)) from None


def declared_site(name: str) -> Site:
    """One declared site by name; an unknown name is one line naming the known ones."""
    sites = declared_sites()
    if name not in sites:
        raise UsageError(f"unknown site {name!r} (known: {', '.join(sorted(sites))})")
    return sites[name]


def mirror_path(mirror: str | None) -> Path | None:
    """The ``--mirror`` folder, checked; None for the real sites."""
    from core.mirror import MirrorError, validate_mirror

    if not mirror:
        return None
    try:
        validate_mirror(Path(mirror))
    except MirrorError as exc:
        raise UsageError(str(exc)) from None
    return Path(mirror)


@command(
    "sites list",
    help="print the declared sites, one per line, name first",
    description="Print the declared sites: name, institution, CMS family, start URLs.",
)
def sites_list(args: argparse.Namespace) -> int:
    for site in sorted(declared_sites().values(), key=lambda s: s.name):
        families = "+".join(t.family for t in site.templates)
        print(f"{site.name}\t{site.institution}\t{families}\t{' '.join(site.start_urls)}")
    return EXIT_OK


@command(
    "sites probe",
    help="detect a list page's CMS and selectors; print a TOML entry",
    description="Probe a list page (and one of its articles) and print a ready sites entry.",
    args=[
        arg("url", help="the list page's URL"),
        arg("--file", help="read the list page from this saved file instead of fetching it"),
        _MIRROR,
        arg("--name", help="the entry's name (default: from the host, e.g. szu_news)"),
    ],
)
def sites_probe(args: argparse.Namespace) -> int:
    from core.probe import ProbeError, fetch, probe

    if not args.url.startswith(("http://", "https://")):
        raise UsageError(f"probe needs an http(s) URL of a list page, got {args.url!r}")
    mirror = mirror_path(args.mirror)
    try:
        html = (
            Path(args.file).read_text(encoding="utf-8", errors="replace")
            if args.file
            else fetch(args.url, mirror)
        )
        result = probe(args.url, html, mirror, args.name)
    except (ProbeError, OSError) as exc:
        raise UsageError(str(exc)) from None
    print(result.toml(), end="")
    return EXIT_OK


@command(
    "sites check",
    help="crawl a site's first list page and two articles; report odd fields",
    description="Check a declared site: empty titles or dates, short bodies, selector misses.",
    args=[
        arg("name", help="site name"),
        _MIRROR,
        arg("--min-body", type=int, default=200, help="shortest acceptable body (characters)"),
    ],
)
def sites_check(args: argparse.Namespace) -> int:
    from core.probe import ProbeError, check_site

    site = declared_site(args.name)
    try:
        report = check_site(site, mirror_path(args.mirror), args.min_body)
    except ProbeError as exc:
        raise UsageError(str(exc)) from None
    print("\n".join(report.lines))
    print(f"{args.name}: {'ok' if not report.problems else f'{report.problems} problem(s)'}")
    return EXIT_OK if not report.problems else EXIT_CRAWL_FAILED


@command(
    "sites record",
    help="save article pages with the fields they give now, as test fixtures",
    description="Fetch each article URL of a declared site, extract it with the site's "
    "template, and save the page and its expected fields (DIR/<site>/<slug>.html.gz + .json).",
    args=[
        arg("name", help="site name"),
        arg("urls", nargs="+", metavar="URL", help="article pages to record"),
        _MIRROR,
        arg("--out", default="tests/fixtures/recorded", help="folder (default %(default)s)"),
    ],
)
def sites_record(args: argparse.Namespace) -> int:
    from core.probe import ProbeError, fetch
    from core.recording import record, save

    site, mirror = declared_site(args.name), mirror_path(args.mirror)
    for url in args.urls:
        if not site.is_article_url(url):
            raise UsageError(f"{url} does not match {args.name}'s article pattern")
    for url in args.urls:
        try:
            recording = record(site, url, fetch(url, mirror))
        except ProbeError as exc:
            raise UsageError(str(exc)) from None
        path = save(recording, Path(args.out))
        title = recording.expected["title"] or "(no title)"
        print(f"{path}\t{recording.expected['published_at'] or '(no date)'}\t{title}")
    print("check the expected fields in each .json by eye before committing them")
    return EXIT_OK
