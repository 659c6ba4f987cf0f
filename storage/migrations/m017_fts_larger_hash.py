"""Migration m017: the full-text indexes gather 8 MiB of new postings before writing a
segment (FTS5 ``hashsize``; its default is 1 MiB). Applied once; never edited after release.

FTS5 collects the tokens of the rows a transaction indexes in an in-memory hash and
writes them out as a new segment whenever the hash passes ``hashsize``. A catch-up
chunk of 500 articles (``storage.writer.FTS_CHUNK``) holds several MiB of trigram
postings, so at 1 MiB each chunk became several small segments, each writing the whole
term dictionary again, all merged later. At 8 MiB a chunk is one segment: the catch-up
costs about half the instructions per article (callgrind, bench/README.md "Throughput,
third pass"). The hash lives only while a transaction indexes text (the writer's
connection), so the cost is at most 8 MiB of memory per index during a catch-up. Which
rows a search finds does not change: only how the index is written.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations

HASHSIZE = 8 * 1024 * 1024  # bytes of pending postings per index before a segment is written


@migrations()
def m017_fts_larger_hash(db: Database) -> None:
    # lazy: listing migrations must not need the FTS module
    from storage import fts

    for index in fts.present(db):
        db.execute(f"INSERT INTO [{index}] ([{index}], rank) VALUES ('hashsize', ?)", [HASHSIZE])
