"""Find a new site's selectors: ``patentwatch sites probe`` and ``patentwatch sites check``.

The probe reads a list page, recognises the CMS family from its fingerprints,
keeps the family's defaults wherever they already work, discovers the list
items, pagination, title, meta line and body where they do not, follows one
article to try them, and prints a ready ``[sites.NAME]`` entry with the values
it extracted, for the user to check and save. ``check`` runs a declared site's
first list page and two articles and reports empty or odd fields.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from parsel import Selector

from core.discovery import (
    discover_article_pattern,
    discover_body,
    discover_list_item,
    discover_meta,
    discover_next,
    discover_title,
    guess_institution,
    title_node,
)
from core.extraction import ListHint, extract_article, parse_list
from core.extraction.article import detect_lang
from core.extraction.listing import ListEntry, first
from core.mirror import url_to_path
from core.sites import (
    FAMILIES,
    FAMILIES_FILE,
    FAMILY_DECLARATIONS,
    Site,
    Template,
    _build_template,
    is_placeholder,
)

# The families' fingerprints live with their defaults in core/declared/families.toml.
FINGERPRINTS = {
    name: list(f.fingerprints) for name, f in FAMILY_DECLARATIONS.items() if f.fingerprints
}


class ProbeError(RuntimeError):
    """The page could not be fetched or read; one line for the user."""


# The crawl's own limits (crawler/settings.py repeats them for Scrapy; the probe runs without it).
USER_AGENT = "patentwatch/0.1 (university patent-news research crawler; +https://github.com/patentwatch/patentwatch)"
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024


def fetch(url: str, mirror: Path | None = None) -> str:
    """A page's HTML: from a mirror folder (``DIR/<host>/<path>``) or over HTTP."""
    if mirror is not None:
        path = mirror / url_to_path(url)
        gz = path.with_name(path.name + ".gz")
        try:
            data = gzip.decompress(gz.read_bytes()) if gz.exists() else path.read_bytes()
        except OSError as exc:
            raise ProbeError(f"{url} is not in mirror {mirror}: {exc.strerror}") from None
        return data.decode("utf-8", "replace")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 - http(s) only, checked by caller
            data = resp.read(DOWNLOAD_MAXSIZE + 1)
            charset = resp.headers.get_content_charset() or "utf-8"
    except OSError as exc:
        raise ProbeError(f"cannot fetch {url}: {exc}") from None
    if len(data) > DOWNLOAD_MAXSIZE:
        raise ProbeError(f"{url} is larger than {DOWNLOAD_MAXSIZE} bytes")
    return str(data.decode(charset, "replace"))  # urlopen data is typed Any


def detect_family(html: str) -> str:
    scores = {
        fam: sum(bool(re.search(p, html)) for p in pats) for fam, pats in FINGERPRINTS.items()
    }
    best = max(scores, key=lambda f: scores[f])
    return best if scores[best] >= 2 else "custom"


@dataclass
class Probe:
    """What the probe found: the entry's fields and sample values."""

    name: str
    url: str
    family: str
    institution: str
    # where the institution's name was read ("<title>", "og:site_name", ...): a guess to review
    institution_from: str = ""
    lang: str = "en"
    overrides: dict[str, object] = field(default_factory=dict)
    samples: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def toml(self) -> str:
        host = urlsplit(self.url).hostname or ""
        lines = [
            f"# probed {self.url}",
            *(f"# {note}" for note in self.notes),
            # one comment line per sample: a newline in a value would end the comment
            *(f"# sample {k}: {' '.join(str(v).split())}" for k, v in self.samples.items()),
            f"[sites.{self.name}]",
            f"institution = {_q(self.institution)}  # {self._institution_note()}",
            'country = "CN"',
            f"lang = {_q(self.lang)}",
            f"allowed_domains = [{_q(host)}]",
            f"start_urls = [{_q(self.url)}]",
            f"family = {_q(self.family)}",
        ]
        for key, value in self.overrides.items():
            lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"

    def _institution_note(self) -> str:
        if is_placeholder(self.institution):
            return "not found on the site: fill it in (sites check and crawl refuse a placeholder)"
        return f"guessed from {self.institution_from}: check it before saving"


def _q(text: str) -> str:
    return (
        "'" + text + "'"
        if "'" not in text and ("\\" in text or '"' in text)
        else '"' + text.replace('"', '\\"') + '"'
    )


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_q(str(v)) for v in value) + "]"
    return _q(str(value))


def family_template(family: str) -> Template:
    """The family's defaults as a template (custom: permissive placeholders to discover from)."""
    if family == "custom":
        return Template(
            family="custom",
            list_url=".",
            article_url=".",
            list_item=(),
            list_link=("a",),
            list_date=(),
            next_page=(),
            last_page=(),
            paging=(),
            page_current=(),
            page_total=(),
            title=(),
            meta=(),
            body=(),
            drop=("script", "style"),
            views=(),
        )
    families = {name: dict(f.defaults) for name, f in FAMILY_DECLARATIONS.items()}
    return _build_template(FAMILIES_FILE, f"family {family}", {"family": family}, families)


def probe(url: str, html: str, mirror: Path | None = None, name: str | None = None) -> Probe:
    """Probe a list page (``html`` at ``url``) and one of its articles."""
    family = detect_family(html)
    base = family_template(family)
    sel = Selector(text=html)
    institution, source = guess_institution(sel, url)
    result = Probe(name or default_name(url), url, family, institution, source)
    template = _probe_list(sel, url, base, result)
    entries, next_url = parse_list(sel, url, template)
    result.lang = detect_lang(" ".join(e.title or "" for e in entries), "en")
    result.samples["list entries"] = len(entries)
    result.samples["next page"] = next_url or "none"
    if not entries:
        result.notes.append("no list items found: set list_item by hand")
        return result
    first = entries[0]
    result.samples["first link"] = f"{first.title} ({first.date or 'no date'})"
    try:
        article_html = fetch(first.url, mirror)
    except ProbeError as exc:
        result.notes.append(f"article not fetched ({exc}); article selectors are the family's")
        return result
    article = Selector(text=article_html)
    if is_placeholder(result.institution):  # the list page did not say: the article may
        name, source = guess_institution(article, first.url)
        if not is_placeholder(name):
            result.institution, result.institution_from = name, f"{source} of {first.url}"
    _probe_article(article, first.url, template, first, result)
    return result


def default_name(url: str) -> str:
    host = (urlsplit(url).hostname or "site").split(".")
    core = host[1] if len(host) > 2 and host[0] in ("en", "www", "english", "news") else host[0]
    return re.sub(r"[^a-z0-9_]", "_", core.lower()) + "_news"


def _probe_list(sel: Selector, url: str, base: Template, result: Probe) -> Template:
    entries, _ = parse_list(sel, url, base) if base.list_item else ([], None)
    template = base
    if len(entries) < 3 or not any(base.matches_article(e.url) for e in entries):
        item = discover_list_item(sel, url, base)
        if item:
            result.overrides["list_item"] = [item]
            template = _replace(template, list_item=(item,))
    if template.family == "custom":
        links = [e.url for e in parse_list(sel, url, template)[0]]
        pattern = discover_article_pattern(links)
        result.overrides["list_url"] = re.escape(
            urlsplit(url).path.rsplit("/", 1)[-1].split("?")[0]
        )
        result.overrides["article_url"] = pattern
        template = _replace(template, article_url=pattern)
    if not parse_list(sel, url, template)[1]:
        nxt = discover_next(sel)
        if nxt:
            result.overrides["next_page"] = [nxt]
            template = _replace(template, next_page=(nxt,))
    return template


def _replace(template: Template, **changes: object) -> Template:
    from dataclasses import replace

    return replace(template, **changes)  # type: ignore[arg-type]


def _probe_article(
    sel: Selector, url: str, template: Template, entry: ListEntry, result: Probe
) -> None:
    got = extract_article(sel, url, template, ListHint(entry.title, entry.date))
    if got.sources.get("body") != "selector" or len(got.body) < 100:
        body = discover_body(sel)
        if body:
            result.overrides["body"] = [body]
            template = _replace(template, body=(body,))
    if got.sources.get("title") != "selector":
        title = discover_title(sel, entry.title or "")
        if title:
            result.overrides["title"] = [title]
            template = _replace(template, title=(title,))
    if got.sources.get("published_at") != "selector":
        heading = first(sel, template.title)
        meta = discover_meta(
            sel,
            heading[0] if heading else title_node(sel, entry.title or ""),
            next((css for css in template.body if sel.css(css)), ""),
        )
        if meta:
            result.overrides["meta"] = [meta]
            template = _replace(template, meta=(meta,))
    final = extract_article(
        Selector(text=sel.get()), url, template, ListHint(entry.title, entry.date)
    )
    result.samples.update(
        {
            "article": url,
            "title": final.title,
            "published_at": f"{final.published_at} (from {final.sources.get('published_at', 'nowhere')})",
            "author": final.author,
            "body": (final.body[:90] + "...") if final.body else "(empty)",
        }
    )


# --------------------------------------------------------------------------- check


@dataclass
class CheckReport:
    site: str
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    def ok(self, text: str) -> None:
        self.lines.append(f"ok       {text}")

    def problem(self, text: str) -> None:
        self.problems += 1
        self.lines.append(f"PROBLEM  {text}")


def check_site(
    site: Site, mirror: Path | None = None, min_body: int = 200, articles: int = 2
) -> CheckReport:
    """Fetch a site's first list page and a few articles; report empty or odd fields."""
    report = CheckReport(site.name)
    url = site.start_urls[0]
    entries, next_url = parse_list(
        Selector(text=fetch(url, mirror)), url, site.template_for_list(url)
    )
    if not entries:
        report.problem(f"list page {url}: no article links (list_item selectors match nothing)")
        return report
    report.ok(f"list page {url}: {len(entries)} articles, next page {next_url or 'none'}")
    for entry in entries[:articles]:
        got = extract_article(
            fetch(entry.url, mirror),
            entry.url,
            site.template_for_article(entry.url),
            ListHint(entry.title, entry.date),
            site.lang,
        )
        _check_article(report, site, entry.url, got, min_body)
    return report


def _check_article(report: CheckReport, site: Site, url: str, got: object, min_body: int) -> None:
    title, body, date = got.title, got.body, got.published_at  # type: ignore[attr-defined]
    sources = got.sources  # type: ignore[attr-defined]
    if not title:
        report.problem(f"{url}: no title")
    elif title.strip().lower() in (site.institution.lower(), site.name):
        report.problem(f"{url}: title is the site's name ({title!r})")
    if not date:
        report.problem(f"{url}: no publication date")
    if len(body) < min_body:
        report.problem(f"{url}: body has {len(body)} characters (< {min_body})")
    fallback = [f for f, s in sources.items() if s == "fallback"]
    if fallback:
        report.problem(
            f"{url}: selectors missed {', '.join(sorted(fallback))} (generic fallback used)"
        )
    if title and date and len(body) >= min_body and not fallback:
        report.ok(f"{url}: {title[:60]!r}, {date}, {len(body)} chars")


__all__ = [
    "FAMILIES",
    "Probe",
    "ProbeError",
    "check_site",
    "detect_family",
    "fetch",
    "guess_institution",
    "probe",
]
