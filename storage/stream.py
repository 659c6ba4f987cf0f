"""Distributed mode's storage side: Redis key names, stream records, the one SQLite writer.

Workers on any machine append records to one Redis Stream; the writer (``patentwatch
ingest``) is the only process that opens the SQLite file. It reads the stream through a
consumer group and stores each batch through the same entry point as the local pipeline
(:func:`store_articles`), records the entry ids in the same transaction (``stream_entries``),
and acknowledges (XACK, then XDEL, so the stream's length is its backlog) only after the
COMMIT. A writer killed anywhere loses nothing: uncommitted entries are still pending and are
re-read on start; committed but unacknowledged ones are found in ``stream_entries`` and only
acknowledged. After each commit it adds the stored articles' URL keys to the site's seen set,
the cache the spiders ask instead of SQLite; :func:`sync_seen` rebuilds a set from SQLite when
its count disagrees (a Redis restart that lost the last second, a flushed server).
"""

from __future__ import annotations

import json
import logging
import socket
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.articles import save_articles, url_key_of
from storage.db import utc_now, write_transaction
from storage.wipo import save_indicators, save_rankings

logger = logging.getLogger(__name__)

STREAM = "pw:items"
GROUP = "pw:writers"
WRITER_HEARTBEAT = "pw:writer:heartbeat"
KINDS = ("article", "ranking", "indicator")
_RUN_PARTS = (
    "requests",
    "dupefilter",
    "start_urls",
    "options",
    "done",
    "workers",
    "closed",
    "stats",
)


def run_key(token: str, spider: str, what: str) -> str:
    """A per-run key: ``pw:run:<RUN>:<spider>:<what>`` (requests, dupefilter, start_urls, ...).

    ``token`` is the ``crawl_runs`` id, with ``.2`` for a second pass, so each pass has its
    own queue and dupefilter and list pages are fetched again every night.
    """
    return f"pw:run:{token}:{spider}:{what}"


def run_keys(token: str, spider: str) -> list[str]:
    """Every fixed per-run key of one spider's pass (heartbeats expire on their own)."""
    return [run_key(token, spider, part) for part in _RUN_PARTS]


def current_key(spider: str) -> str:
    """The token of the spider's current pass: workers holding another one are stale."""
    return f"pw:current:{spider}"


def lock_key(spider: str) -> str:
    return f"pw:lock:{spider}"


def seen_key(site: str) -> str:
    """The site's stored article URL keys (:func:`storage.articles.url_key_of`)."""
    return f"pw:seen:{site}"


@dataclass(frozen=True)
class Record:
    """One stream entry: what a spider yielded, for which run."""

    kind: str
    run_id: int | None
    spider: str
    data: dict[str, Any]


def encode_record(record: Record) -> dict[str, str]:
    return {
        "kind": record.kind,
        "run": "" if record.run_id is None else str(record.run_id),
        "spider": record.spider,
        "data": json.dumps(record.data, ensure_ascii=False, default=str),
    }


def decode_record(fields: Mapping[str, str]) -> Record | None:
    """The record, or None when the entry is not one (written by another tool or build)."""
    try:
        kind = fields["kind"]
        data = json.loads(fields["data"])
        run = fields.get("run") or ""
        if kind not in KINDS or not isinstance(data, dict):
            return None
        return Record(kind, int(run) if run else None, fields.get("spider", ""), data)
    except (KeyError, ValueError, TypeError):
        return None


def store_articles(db: Database, rows: list[dict[str, Any]], run_id: int | None) -> Counter[str]:
    """The local pipeline's storage entry point (dedup, near-duplicates, metrics): one place
    to switch when storage grows a batch writer."""
    return save_articles(db, rows, run_id, utc_now())


def ensure_group(r: Any) -> None:
    """Create the stream and its consumer group (from the first entry) unless they exist."""
    try:
        r.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except Exception as exc:  # redis.ResponseError; storage does not import redis
        if "BUSYGROUP" not in str(exc):
            raise


def backlog(r: Any) -> int:
    """Entries not yet stored: stored ones are deleted from the stream."""
    return int(r.xlen(STREAM))


def pending_count(r: Any) -> int:
    info = r.xpending(STREAM, GROUP)
    return int(info["pending"] if isinstance(info, dict) else info[0])


def writer_identity(db: Database) -> str:
    """Which database a writer fills (host and file): one stream feeds one database."""
    row = db.execute("PRAGMA database_list").fetchone()
    return f"{socket.gethostname()}:{row[2]}"


def site_url_keys(db: Database, site: str) -> list[str]:
    return [row[0] for row in db.execute("SELECT url_key FROM articles WHERE site = ?", [site])]


def sync_seen(db: Database, r: Any, sites: Iterable[str] = ()) -> list[str]:
    """Rebuild the seen set of each site (named, or with stored articles) whose size differs
    from SQLite's count; returns the rebuilt sites. Built aside and renamed into place."""
    stored = {row[0] for row in db.execute("SELECT DISTINCT site FROM articles")}
    rebuilt = []
    for site in sorted(stored | set(sites)):
        count = db.execute("SELECT count(*) FROM articles WHERE site = ?", [site]).fetchone()[0]
        if int(r.scard(seen_key(site))) == count:
            continue
        keys, tmp = site_url_keys(db, site), f"{seen_key(site)}:rebuild"
        r.delete(tmp)
        for i in range(0, len(keys), 1000):
            r.sadd(tmp, *keys[i : i + 1000])
        if keys:
            r.rename(tmp, seen_key(site))
        else:
            r.delete(seen_key(site))
        logger.warning("seen-URL cache of %s rebuilt from the database (%d URLs)", site, count)
        rebuilt.append(site)
    return rebuilt


class StreamWriter:
    """The consumer's state machine: ``claim`` (adopt a dead writer's unacknowledged entries),
    ``pending`` (re-read our own, id 0), then ``new`` (``>``, blocking)."""

    def __init__(
        self,
        r: Any,
        db: Database,
        consumer: str | None = None,
        batch: int = 50,
        block_ms: int = 1000,
        claim_idle_ms: int = 30_000,
    ) -> None:
        self.r, self.db = r, db
        self.consumer = consumer or f"writer@{socket.gethostname()}"
        self.batch, self.block_ms, self.claim_idle_ms = batch, block_ms, claim_idle_ms
        self.phase = "claim"
        self.counts: Counter[str] = Counter()
        ensure_group(r)

    def step(self) -> int:
        """Read and store one batch; the number of entries handled (0: nothing to do)."""
        self.r.set(WRITER_HEARTBEAT, writer_identity(self.db), ex=10)
        if self.phase == "claim":
            self._claim()
            self.phase = "pending"
        if self.phase == "pending":
            entries = self._read("0", block=None)
            if entries:
                return self.store(entries)
            self.phase = "new"
        return self.store(self._read(">", block=self.block_ms))

    def drained(self) -> bool:
        """Nothing queued, nothing read but unstored."""
        return backlog(self.r) == 0 and pending_count(self.r) == 0

    def _claim(self) -> None:
        cursor = "0-0"
        while True:
            reply = self.r.xautoclaim(
                STREAM, GROUP, self.consumer, self.claim_idle_ms, cursor, count=self.batch
            )
            cursor = reply[0]
            if reply[1]:
                logger.warning("adopted %d entries of a writer that stopped", len(reply[1]))
            if cursor in ("0-0", b"0-0"):
                return

    def _read(self, start: str, block: int | None) -> list[tuple[str, dict[str, str] | None]]:
        reply = self.r.xreadgroup(
            GROUP, self.consumer, {STREAM: start}, count=self.batch, block=block
        )
        return [(eid, fields or None) for _, entries in reply or [] for eid, fields in entries]

    def store(self, entries: list[tuple[str, dict[str, str] | None]]) -> int:
        """Store a batch in one transaction with its entry ids, then acknowledge it."""
        if not entries:
            return 0
        ids = [eid for eid, _ in entries]
        records: list[Record] = []
        with write_transaction(self.db):
            done = self._already_stored(ids)
            for eid, fields in entries:
                if fields is None:
                    continue  # pending but deleted from the stream: nothing left to store
                record = decode_record(fields)
                if record is not None:
                    records.append(record)
                if eid not in done:
                    self._store_one(eid, record)
        self._after_commit(ids, records)
        return len(entries)

    def _already_stored(self, ids: list[str]) -> set[str]:
        marks = ", ".join("?" for _ in ids)
        sql = f"SELECT entry_id FROM stream_entries WHERE entry_id IN ({marks})"
        return {row[0] for row in self.db.execute(sql, ids)}

    def _store_one(self, eid: str, record: Record | None) -> None:
        if record is None:
            outcome, kind, run_id, spider = "invalid", "?", None, ""
            logger.warning("stream entry %s is not a patentwatch record: skipped", eid)
        else:
            outcome, kind, run_id, spider = (
                self._save(record),
                record.kind,
                record.run_id,
                record.spider,
            )
        self.counts[outcome] += 1
        self.db.execute(
            "INSERT INTO stream_entries (entry_id, run_id, spider, kind, outcome, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [eid, run_id, spider, kind, outcome, utc_now()],
        )

    def _save(self, record: Record) -> str:
        if record.kind == "article":
            counts = store_articles(self.db, [record.data], record.run_id)
            return next(iter(counts), "unchanged")
        if record.kind == "ranking":
            save_rankings(self.db, [record.data])
        else:
            save_indicators(self.db, [record.data])
        return record.kind

    def _after_commit(self, ids: list[str], records: list[Record]) -> None:
        # one MULTI: an entry acknowledged but left in the stream would count as backlog forever
        pipe = self.r.pipeline(transaction=True)
        for record in records:
            if record.kind == "article" and record.data.get("site"):
                pipe.sadd(seen_key(record.data["site"]), url_key_of(str(record.data["url"])))
        pipe.xack(STREAM, GROUP, *ids)
        pipe.xdel(STREAM, *ids)
        pipe.execute()


def run_outcomes(db: Database, run_id: int) -> Counter[str]:
    """How the writer stored a run's records (new, duplicate, updated, unchanged, ...)."""
    rows = db.execute(
        "SELECT outcome, count(*) FROM stream_entries WHERE run_id = ? GROUP BY outcome", [run_id]
    )
    return Counter({outcome: int(n) for outcome, n in rows})
