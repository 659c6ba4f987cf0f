"""The one description of the schema: every table, view and column, in plain text.

Why in code: Datasette's metadata (``patentwatch serve``) is generated from it, so an
installed wheel describes its database without the README; and a test checks the
README's "The database" section against it, so the README stays true. Descriptions
are plain text (no Markdown): Datasette shows them as they are.

When a migration adds or changes a table, view or column, describe it here; the
tests ``test_catalog_covers_every_column`` and ``test_readme_schema_matches_catalog``
fail until it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database


@dataclass(frozen=True)
class Relation:
    """A table or view: a one-line description and a short description per column.

    ``base`` names the table a view's rows come from: columns the view does not
    describe itself take that table's description. ``internal`` relations are the
    machinery (indexes, signatures, validators): hidden in Datasette's lists.
    """

    name: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)
    kind: str = "table"
    base: str | None = None
    internal: bool = False

    def column_descriptions(self) -> dict[str, str]:
        inherited = RELATIONS[self.base].columns if self.base else {}
        return {**inherited, **self.columns}


TABLES: tuple[Relation, ...] = (
    Relation(
        "articles",
        "one row per article (canonical URL)",
        {
            "id": "primary key",
            "url": "canonical URL (lower-case host, no fragment or tracking parameters, pagem.htm → page.htm); unique",
            "site": "site / spider name, e.g. neu_news",
            "institution": "the site's institution, e.g. Northeastern University",
            "title": "full title (from the page; the list's a[title] if the page has none)",
            "published_at": "publication date YYYY-MM-DD (or YYYY-MM-DDTHH:MM:SS when the page gives a time), from the meta line, never the URL",
            "author": "author, where the page names one",
            "editor": "editor (编辑), where given",
            "source": "source (来源), where given",
            "views": "view count where the page renders it statically (WebPlus); NULL for JS-only counters (VSB)",
            "lang": "en or zh (the site's language unless the text is mostly Chinese)",
            "body": "article text, paragraphs separated by a blank line; no meta line, navigation or footer",
            "content_hash": "SHA-256 of the normalised body (whitespace and full-width forms folded)",
            "field_sources": "JSON: which path produced each field (selector, list, title_tag, fallback)",
            "fetched_at": "when the page was last fetched (UTC)",
            "first_seen": "when the article was first stored (UTC)",
            "last_seen": "when a crawl last saw it (UTC)",
            "run_id": "the crawl_runs row that last saved it",
            "url_key": "identity of the URL: the canonical URL without scheme and leading www. (http/https and www variants are one article); unique",
            "duplicate_of": "for a copy of a story already stored (same body, or a near-duplicate: MinHash Jaccard ≥ 0.5 on character n-grams), the id of its cluster's original: the earliest published copy, then the earliest seen, whatever the crawl order; NULL for originals",
        },
    ),
    Relation(
        "article_html",
        "the raw page, compressed, for re-extraction",
        {
            "article_id": "articles.id (primary key)",
            "fetched_url": "the URL as fetched (before canonicalisation)",
            "compression": "how html is compressed: zstd (since 2026-12), zlib (older rows)",
            "html": "the page as decoded text (UTF-8), compressed as the row's compression says",
        },
        internal=True,
    ),
    Relation(
        "article_versions",
        "earlier versions of edited articles",
        {
            "id": "primary key",
            "article_id": "articles.id",
            "title": "the title before the edit",
            "published_at": "the date before the edit",
            "body": "the body before the edit",
            "content_hash": "its hash",
            "fetched_at": "when that version was fetched",
            "replaced_at": "when a newer version replaced it",
        },
    ),
    Relation(
        "crawl_runs",
        "one row per crawl, whatever started it",
        {
            "id": "primary key",
            "spider": "spider name",
            "trigger": "manual, cron or schedule",
            "started_at": "start (UTC)",
            "finished_at": "end (UTC); NULL while running",
            "status": "running, finished (complete, no errors, healthy), degraded (a health check failed), failed (errors or an early stop), aborted (the process died; detected by the next run)",
            "finish_reason": "Scrapy's finish reason (finished, shutdown, …)",
            "pages": "responses received",
            "new_articles": "articles stored for the first time",
            "updated_articles": "articles whose title or body changed",
            "unchanged_articles": "articles fetched again with no change",
            "errors": "errors logged plus articles that could not be saved",
            "pid": "process id (for aborted-run detection)",
            "host": "machine name",
            "stats": "JSON: the full Scrapy stats of the run",
            "requests": "HTTP requests made (robots.txt included)",
            "not_modified": "conditional requests answered 304 Not Modified (not parsed)",
            "skipped_seen": "article links not fetched because the article is already stored",
            "duplicates": "new articles that are copies of stored stories (articles.duplicate_of set)",
            "health": "JSON: each health check's value, threshold and result (see Scheduling)",
            "log_file": "the run's log file (patentwatch crawl)",
            "heartbeat_at": "last time a running run wrote its counters (every PATENTWATCH_HEARTBEAT s); a killed run ends there",
        },
    ),
    Relation(
        "article_urls",
        "every URL an article was fetched under",
        {
            "url": "a URL as linked or fetched (variants: http/https, www., tracking parameters, mobile pagem.htm, ../); primary key",
            "url_key": "its identity (see articles.url_key); what the spiders look up to skip stored articles",
            "article_id": "articles.id",
            "first_seen": "first time this URL was seen (UTC)",
            "last_seen": "last time (UTC)",
        },
    ),
    Relation(
        "article_minhash",
        "near-duplicate signatures",
        {
            "article_id": "articles.id (primary key)",
            "signature": "128 MinHash values (uint32) of the body's character n-grams",
            "scheme": "signature scheme (2: one-permutation hashing, see storage/dedup.py); signatures of different schemes are never compared",
            **{f"k{b}": f"band {b}'s bucket key (its row in lsh_buckets)" for b in range(25)},
        },
        internal=True,
    ),
    Relation(
        "fts_pending",
        "articles whose text the full-text indexes have not taken in yet",
        {
            "article_id": "articles.id, queued by a trigger on insert or text change; indexed a chunk at a time by the writer within seconds, or when the database is next opened",
        },
        internal=True,
    ),
    Relation(
        "lsh_buckets",
        "the near-duplicate index (LSH bands)",
        {
            "band": "band number (25 bands of 5 values)",
            "bucket": "63-bit hash of the band's values",
            "article_id": "articles.id",
        },
        internal=True,
    ),
    Relation(
        "http_validators",
        "what conditional GETs send",
        {
            "url": "the page (list pages, articles); primary key",
            "etag": "the last ETag the server sent",
            "last_modified": "the last Last-Modified",
            "checked_at": "when (UTC)",
        },
        internal=True,
    ),
    Relation(
        "stream_entries",
        "Redis stream entries the writer stored (distributed mode)",
        {
            "entry_id": "the Redis stream entry id; primary key (a redelivered entry is"
            " acknowledged, not stored again)",
            "run_id": "crawl_runs.id of the run that produced it",
            "spider": "spider name",
            "kind": "article, ranking or indicator",
            "outcome": "new, duplicate, updated, unchanged, ranking, indicator,"
            " or invalid (not a patentwatch record)",
            "stored_at": "when it was committed (UTC)",
        },
        internal=True,
    ),
    Relation(
        "schedule_state",
        "what the scheduler must remember across restarts",
        {
            "job_id": "the job's id in the schedules file; primary key",
            "last_run_at": "when its last run ended (UTC)",
            "last_exit_code": "that run's exit code",
            "next_run_at": "its next planned run (UTC); a run missed while the service was down is made up once on start within misfire_grace_time",
            "updated_at": "when this row changed (UTC)",
        },
        internal=True,
    ),
    Relation(
        "walk_watermarks",
        "how far each spider's last completed walk reached",
        {
            "spider": "the spider; primary key",
            "completed_run_id": "crawl_runs.id of the last run whose walk of the list pages completed (finished on its own, no list page or batch failed)",
            "completed_at": "when it ended (UTC)",
            "watermark": "the newest articles.id when it ended: stored articles up to this prove the older list pages were walked",
            "open_run_id": "the run walking now, or the last one that was interrupted (NULL when the last walk completed): the next run then walks on past what it stored",
            "opened_at": "when that walk began (UTC)",
        },
        internal=True,
    ),
    Relation(
        "metrics",
        "patent figures extracted from articles, each with its sentence",
        {
            "id": "primary key",
            "article_id": "articles.id the figure was read from",
            "institution": 'whose figure it is: the article\'s institution for "NEU", "our university", "我校"; another university when the text names it',
            "metric": "pct_applications_published, pct_applications_filed, international_patent_applications, international_patents_granted, invention_patent_applications, invention_patents_granted, patents_granted, patent_applications, patents_transferred, contract_amount, rank, other",
            "value": 'the number (money in units of currency: "3.95亿元" is 395000000)',
            "unit": 'count, rank, rank_top_n ("top 50" is 50), percent, or an ISO currency code (CNY, USD, HKD, TWD, EUR, KRW, JPY, GBP, CHF, INR, AUD, CAD, SGD)',
            "year": "the year the figure refers to (not the publication year); NULL for spans",
            "period": "a span instead of a year: past three years, 2018-2020, fiscal year 2019/20, cumulative as of 2020, since 2016",
            "scope": "for ranks: among whom (global education institutions, Chinese universities, overall, or as written)",
            "basis": "for ranks: what is ranked (e.g. pct_applications_published)",
            "qualifier": 'more_than ("over 600"), about ("about 2,395,800"), top_n',
            "currency": "the ISO code of a sum (CNY, USD, HKD, TWD, EUR, KRW, GBP, INR, …)",
            "evidence": "the exact sentence the figure came from",
            "start_offset": "where that sentence starts in articles.body",
            "end_offset": "where it ends (body[start_offset:end_offset] == evidence)",
            "extractor_version": "version of the extractor that produced the row",
            "extracted_at": "when (UTC)",
            "institution_id": "institutions.id the name resolves to (NULL: unresolved, see patentwatch institutions unresolved)",
        },
    ),
    Relation(
        "institutions",
        "one row per institution",
        {
            "id": "primary key",
            "name": "canonical name",
            "country": 'ISO 3166 alpha-2; "Northeastern University" is two rows, CN and US',
        },
    ),
    Relation(
        "institution_aliases",
        "every spelling of an institution",
        {
            "alias_key": 'a spelling, normalised: case, punctuation and a leading "the" ignored',
            "institution_id": "institutions.id",
            "alias": "the spelling as written",
        },
    ),
    Relation(
        "pct_rankings",
        "WIPO's top PCT applicants, one row per (year, category, applicant)",
        {
            "id": "primary key",
            "year": "the year of the data (2019 for the April 2020 release)",
            "category": "education, business, government or overall",
            "rank": "rank in the category; NULL when WIPO gave none",
            "tied": "1 when the rank is shared",
            "rank_overall": "rank among all applicants, where given",
            "position_change": "change of position against the previous year, where given",
            "applicant": "the applicant as WIPO writes it",
            "country": "origin, ISO alpha-2",
            "published": "published PCT applications in year (NULL where not given, never 0)",
            "published_prev": "the same for the previous year, where given",
            "change": "change against the previous year, where given",
            "institution_id": "institutions.id",
            "release_no": "the press release, e.g. PR/2020/848",
            "source_url": "the page or attachment the row was read from",
            "fetched_at": "when (UTC)",
        },
    ),
    Relation(
        "pct_indicators",
        "WIPO indicator values, long format, one row per (indicator, office, origin, field, year)",
        {
            "id": "primary key",
            "indicator": "pct_applications_filed (PCT Newsletter, WIPI tables A38/A40/A41), pct_applications_filed_growth_pct, or the Data Center's name (5 - Patent grants by technology)",
            "origin": "origin: ISO alpha-2 where WIPO gives a country, else WIPO's label (Resident, Non-Resident, Total)",
            "office": "filing office: its code (US, EP, regions R1…), Total for all",
            "field": "technology, field or class breakdown (3 - Telecommunications); empty when none",
            "year": "year",
            "value": "value; NULL for a missing value (an empty cell or $$MISSING$$, never 0)",
            "source_url": "the page or file it was read from (file://… for an imported file)",
            "fetched_at": "when (UTC) it was first stored with this value",
        },
    ),
    Relation(
        "wipo_files",
        "every WIPO file read, crawled or imported",
        {
            "url": "the page or file (file://… for an import)",
            "sha1": "hash of its content when last read",
            "kind": "what it held: release, workbook, ranking table, ipstats, newsletter, empty, …",
            "parent_url": "the release page that linked it (its annexes are asked about even when the page answers 304)",
            "release_no": "the press release, e.g. PR/2019/830",
            "data_year": "the year of the release's data (an annex that names none takes it)",
            "rankings": "ranking rows it gave",
            "indicators": "indicator values it gave",
            "checked_at": "when (UTC) it was last read",
        },
    ),
    Relation(
        "skipped_pages",
        "pages a run chose not to store, and why",
        {
            "id": "primary key",
            "run_id": "crawl_runs.id",
            "url": "the page (for a redirect, the URL that was requested first)",
            "reason": "size_cap (over DOWNLOAD_MAXSIZE, also once decompressed), robots, not_found (404/410), forbidden (403), redirect_loop, offsite_redirect, list_page (list markup, no article body), no_body, error_page (an error or login page served as 200)",
            "status": "HTTP status when there was a response (NULL for robots.txt and the size cap)",
            "detail": "e.g. the redirect target or the size limit",
            "skipped_at": "when (UTC)",
        },
    ),
    Relation(
        "metric_groups",
        "the figures summed up per group, kept current on write",
        {
            "group_key": "the group as a JSON array (institution id or name as written, metric, scope, basis, year, period, unit); primary key",
            "institution_id": "institutions.id (NULL: a name no alias matched)",
            "institution": "canonical name, or the name as written when unresolved",
            "country": "the institution's country",
            "metric": "as in metrics",
            "scope": "as in metrics (ranks: among whom)",
            "basis": "as in metrics (ranks: of what)",
            "year": "as in metrics",
            "period": "as in metrics",
            "unit": "as in metrics",
            "figures": "metric rows in the group",
            "articles": "distinct stories that report it",
            "value_min": "the smallest value reported",
            "value_max": "the largest value reported (differs from value_min: the stories disagree)",
            "latest_article": "publication date of the newest story reporting it",
        },
    ),
)

VIEWS: tuple[Relation, ...] = (
    Relation(
        "articles_unique",
        "one row per story: articles without the copies (duplicate_of IS NULL)",
        kind="view",
        base="articles",
    ),
    Relation(
        "duplicate_clusters",
        "one row per story that has copies: cluster_id (the earliest article), copies (including it), article_ids, first_seen",
        {
            "cluster_id": "articles.id of the earliest copy of the story",
            "copies": "how many articles tell the story, the earliest included",
            "article_ids": "the ids of every copy, comma-separated",
            "first_seen": "when the earliest copy was stored (UTC)",
        },
        kind="view",
    ),
    Relation(
        "institution_metrics",
        "one row per institution, metric, scope, basis, year, period and unit (ranks of different scopes, or a year and a span, are never mixed), copies excluded: articles (stories supporting it), figures, value_min, value_max, value (NULL when the stories disagree), sources_disagree, latest_article",
        {
            "institution": "the institution's canonical name (as written when unresolved)",
            "country": "the institution's country",
            "articles": "how many stories report the figure (copies counted once)",
            "figures": "metric rows in the group",
            "value_min": "the smallest value reported",
            "value_max": "the largest value reported",
            "value": "the value when every story gives the same one; NULL when they disagree",
            "sources_disagree": "1 when stories give different values",
            "latest_article": "publication date of the latest article reporting it",
        },
        kind="view",
        base="metrics",
    ),
    Relation(
        "conflicts",
        "figures of one institution, metric, scope, basis, unit and year that stories report with different values: one row per value, with how many articles give it and one of them (article_url, evidence); not the catch-all other, whose values are different things (migration m019)",
        {
            "institution": "the institution's canonical name (as written when unresolved)",
            "country": "the institution's country",
            "value": "one of the values reported",
            "articles": "how many stories give this value",
            "article_url": "one story that gives it",
            "evidence": "that story's sentence",
            "value_min": "the smallest value reported for the figure",
            "value_max": "the largest value reported for the figure",
        },
        kind="view",
        base="metrics",
    ),
    Relation(
        "recent_runs",
        "the last 200 runs with their key figures",
        kind="view",
        base="crawl_runs",
    ),
    Relation(
        "pct_rank_history",
        "WIPO ranks per institution and year: institution, country, year, category, rank, tied, published, change, release_no, source_url",
        {"institution": "the institution's canonical name"},
        kind="view",
        base="pct_rankings",
    ),
    Relation(
        "claims_vs_wipo",
        "every news claim of published PCT applications or a global education rank, beside WIPO's row for the same institution and year: claimed, official, verdict (match, differs, no official figure), the release and the claim's sentence",
        {
            "metric_id": "metrics.id of the claim",
            "article_url": "the article making the claim",
            "article_date": "its publication date",
            "institution": "whose figure it is (canonical name)",
            "claimed": "the figure the article gives",
            "official": "WIPO's figure for the same institution and year",
            "verdict": "match, differs, or no official figure",
            "release_no": "WIPO's press release of the official figure",
            "official_source": "the WIPO page or attachment of the official figure",
        },
        kind="view",
        base="metrics",
    ),
)

# Tables and views with a search box, and the full-text indexes to use, best first:
# the word index (CJK grams, m010) where the database has it, else the trigram index.
SEARCHABLE: tuple[str, ...] = ("articles", "articles_unique")
SEARCH_INDEXES: tuple[str, ...] = ("articles_search", "articles_fts")


def search_index(relations: set[str]) -> str | None:
    """The full-text index of ``articles`` that this database has, best first."""
    return next((name for name in SEARCH_INDEXES if name in relations), None)


# sqlite-utils' record of applied migrations and the full-text indexes (their shadow
# tables start with their names): machinery, hidden in Datasette like the internal tables.
INTERNAL_NAMES: tuple[str, ...] = ("_sqlite_migrations", *SEARCH_INDEXES)

RELATIONS: dict[str, Relation] = {r.name: r for r in (*TABLES, *VIEWS)}


def is_internal(name: str) -> bool:
    """True for machinery: internal relations and anything named after an internal prefix."""
    relation = RELATIONS.get(name)
    return bool(relation and relation.internal) or name.startswith(INTERNAL_NAMES)


def relation_columns(db: Database) -> dict[str, list[str]]:
    """Every table's and view's columns as they are in ``db``, in order."""
    names = db.table_names() + db.view_names()
    return {name: [c.name for c in db[name].columns] for name in names}
