"""Stored (canned) queries for Datasette: the questions an analyst asks first.

They take names, not ids: an institution is looked up through ``institution_aliases``
with the same key as :func:`storage.institutions.alias_key` (``alias_key()`` is
registered as an SQL function on Datasette's connections by :mod:`patentwatch.serve`),
so "DUT", "DLUT", "大连理工大学" and "Dalian University of Technology" give the same
rows. Every value is a named parameter; nothing is pasted into the SQL.
"""

from __future__ import annotations

from typing import Any

# The institutions a name means: its canonical name or any alias, both normalised;
# "Northeastern University" is two institutions (CN and US), so the rows say which.
_WANTED = (
    "WITH wanted AS (SELECT institution_id AS id FROM institution_aliases"
    " WHERE alias_key = alias_key(:institution)"
    " UNION SELECT id FROM institutions WHERE alias_key(name) = alias_key(:institution))"
)

STORED_QUERIES: dict[str, dict[str, Any]] = {
    "universities_by_pct_rank": {
        "title": "Universities by PCT rank in a year",
        "description": "WIPO's ranking of educational institutions for one year of data"
        " (2019 is the April 2020 release).",
        "sql": "SELECT r.rank, r.tied, r.applicant, i.name AS institution, r.country, r.published,"
        " r.change, r.release_no, r.source_url FROM pct_rankings r"
        " LEFT JOIN institutions i ON i.id = r.institution_id"
        " WHERE r.category = 'education' AND r.year = :year ORDER BY r.rank IS NULL, r.rank",
    },
    "claims_differing_from_wipo": {
        "title": "All claims that differ from WIPO",
        "description": "News claims of published PCT applications or a global education rank"
        " that WIPO's own figure for the same institution and year contradicts.",
        # One row per story: a copy of an article (articles.duplicate_of) repeats its claim.
        "sql": "SELECT c.institution, c.year, c.metric, c.claimed, c.official, c.evidence,"
        " c.article_url, c.release_no, c.official_source FROM claims_vs_wipo c"
        " JOIN articles a ON a.url = c.article_url AND a.duplicate_of IS NULL"
        " WHERE c.verdict = 'differs' ORDER BY c.institution, c.year, c.metric",
    },
    "metrics_for_institution": {
        "title": "Metrics for one institution",
        "description": "Every patent figure reported for an institution, with its sentence."
        " Any spelling works: DUT, DLUT, 大连理工大学, Dalian University of Technology.",
        "sql": _WANTED + " SELECT i.name AS institution, i.country, m.year, m.metric, m.value,"
        " m.unit, m.period, m.scope, m.evidence, a.title AS article, a.url AS article_url"
        " FROM metrics m JOIN articles a ON a.id = m.article_id"
        " JOIN institutions i ON i.id = m.institution_id"
        " WHERE m.institution_id IN (SELECT id FROM wanted)"
        " ORDER BY m.year IS NULL, m.year DESC, m.metric, m.id",
    },
    "rank_history_for_institution": {
        "title": "WIPO rank history of one institution",
        "description": "An institution's rank among educational institutions, year by year"
        " (any spelling of its name).",
        "sql": _WANTED + " SELECT h.institution, h.country, h.year, h.rank, h.tied, h.published,"
        " h.change, h.release_no FROM pct_rank_history h JOIN institutions i"
        " ON i.name = h.institution AND i.country IS h.country"
        " WHERE i.id IN (SELECT id FROM wanted) AND h.category = 'education' ORDER BY h.year",
    },
}

# The search box's phrase, quoted so that quotes in it are data, never FTS5 syntax.
_PHRASE = "'\"' || replace(:text, '\"', '\"\"') || '\"'"

TRIGRAM_SEARCH = {
    "title": "Full-text search",
    "description": "Articles whose title or body contains the text (Chinese works;"
    " 3 characters or more).",
    "sql": "SELECT a.published_at, a.site, a.title, a.url FROM articles_fts f"
    f" JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH {_PHRASE}"
    " ORDER BY f.rank LIMIT 50",
}

# With the word index (articles_search: CJK runs cut into 1-4 character grams), short
# Chinese terms and English words are found there; longer Chinese phrases in the
# trigram index. Either finding an article is enough.
WORD_AND_TRIGRAM_SEARCH = {
    "title": "Full-text search",
    "description": "Articles whose title or body contains the text (Chinese terms of any"
    " length, English words).",
    "sql": "SELECT a.published_at, a.site, a.title, a.url FROM articles a"
    f" WHERE a.rowid IN (SELECT rowid FROM articles_search WHERE articles_search MATCH {_PHRASE})"
    " OR (length(:text) >= 3 AND a.rowid IN (SELECT rowid FROM articles_fts"
    f" WHERE articles_fts MATCH {_PHRASE})) ORDER BY a.published_at DESC LIMIT 50",
}


def stored_queries(relations: set[str]) -> dict[str, dict[str, Any]]:
    """The stored queries for a database with these tables and views."""
    word_index = "articles_search" in relations
    search = WORD_AND_TRIGRAM_SEARCH if word_index else TRIGRAM_SEARCH
    return {**STORED_QUERIES, "search_articles": search}
