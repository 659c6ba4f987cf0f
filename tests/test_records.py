"""The record dataclasses are the schema source: every field has a place in the real schema."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from core.records import ArticleRecord, column, columns
from storage import open_db
from storage.articles import ARTICLE_COLUMNS


def _table_columns(db, table: str) -> set[str]:  # noqa: ANN001 - sqlite_utils.Database
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}


def test_every_article_field_is_a_column_or_says_where_it_goes(tmp_path) -> None:  # noqa: ANN001
    db = open_db(tmp_path / "schema.db")
    try:
        table = _table_columns(db, "articles")
        for f in dataclasses.fields(ArticleRecord):
            if f.metadata.get("column"):
                assert f.name in table, f"ArticleRecord.{f.name} has no articles column"
            else:
                where = f.metadata.get("stored_as", "")
                assert where, f"ArticleRecord.{f.name} is neither a column nor says where it goes"
                place, _, col = where.split(" ")[0].partition(".")
                assert place in {"metrics", "article_urls", "article_html", "articles"}
                if col:
                    assert col in _table_columns(db, place), f"{where} is not in the schema"
    finally:
        db.close()


def test_storage_column_list_is_derived_from_the_record() -> None:
    assert columns(ArticleRecord) == ARTICLE_COLUMNS
    assert {"url", "title", "published_at", "body"} <= set(ARTICLE_COLUMNS)
    assert "html" not in ARTICLE_COLUMNS  # kept compressed in article_html


def test_a_new_column_field_joins_the_column_list() -> None:
    @dataclass
    class WithTopic(ArticleRecord):
        topic: str | None = column(None)

    assert columns(WithTopic) == (*columns(ArticleRecord), "topic")


def test_a_record_is_built_from_extracted_fields() -> None:
    @dataclass
    class Extracted:
        title: str = "A title"
        published_at: str = "2024-05-09"
        body: str = "Text."
        lang: str = "zh"

    rec = ArticleRecord.from_fields(
        Extracted(), url="https://x.edu.cn/a.htm", site="x", institution="X", fetched_at="t"
    )
    assert (rec.title, rec.published_at, rec.lang, rec.url) == (
        "A title",
        "2024-05-09",
        "zh",
        "https://x.edu.cn/a.htm",
    )


def test_wipo_records_are_the_parsers_rows_plus_where_they_were_read() -> None:
    from core.records import IndicatorRecord, RankingRecord
    from core.wipo.model import Indicator, Ranking
    from storage.wipo import INDICATOR_COLUMNS, RANKING_COLUMNS

    assert issubclass(RankingRecord, Ranking) and issubclass(IndicatorRecord, Indicator)
    assert set(columns(RankingRecord)) == set(RANKING_COLUMNS)
    assert set(columns(IndicatorRecord)) == set(INDICATOR_COLUMNS)
