"""Open the SQLite file: WAL, busy timeout, foreign keys, migrations applied.

Writers take ``BEGIN IMMEDIATE`` transactions (:func:`write_transaction`): a
deferred transaction that later upgrades to a write fails with SQLITE_BUSY
without honouring the busy timeout, which is how analysts' open readers used to
break crawls elsewhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations

BUSY_TIMEOUT_S = 30.0


def utc_now() -> str:
    """Current UTC time as ISO 8601 with seconds: the one timestamp format of the database."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StorageError(RuntimeError):
    """The database cannot be opened or written; the message is one line for the user."""


def open_db(path: str | Path, busy_timeout: float = BUSY_TIMEOUT_S) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    :param path: the SQLite file; its folder is created if missing
    :param busy_timeout: seconds to wait for another writer's lock
    :raises StorageError: the path is unusable, the file is not a SQLite database,
        or it was written by a newer patentwatch
    """
    p = Path(path)
    if p.is_dir():
        raise StorageError(f"database path {p} is a folder, not a file")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create folder for database {p}: {exc.strerror}") from None
    try:
        conn = sqlite3.connect(str(p), timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open database {p}: {exc}") from None
    try:
        _configure(conn, busy_timeout)
        db = Database(conn)
        _check_not_newer(db, p)
        migrations.apply(db)
        _index_queued_text(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(f"cannot use database {p}: {exc}") from None
    except StorageError:
        conn.close()
        raise
    return db


def _configure(conn: sqlite3.Connection, busy_timeout: float) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _index_queued_text(db: Database) -> None:
    """Index text a crashed writer or another tool left queued (storage.fts), so search
    finds it; a read-only file keeps its queue for the next writer."""
    from storage import fts

    if db.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone() is None:
        return
    try:
        with write_transaction(db):
            fts.catch_up(db)
    except StorageError:
        pass


def _check_not_newer(db: Database, path: Path) -> None:
    known = {m.name for m in migrations._migrations}
    applied = {m.name for m in migrations.applied(db)}
    unknown = sorted(applied - known)
    if unknown:
        raise StorageError(
            f"database {path} has schema {unknown[-1]!r} from a newer patentwatch; upgrade patentwatch"
        )


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One ``BEGIN IMMEDIATE`` transaction: all of the block's writes land, or none.

    :raises StorageError: the write failed (disk full, read-only file, ...); nothing was written

    Inside an open transaction (the stream writer stores a batch and its entry ids in one
    transaction), the block joins it: the outer block commits or rolls back everything.
    """
    if db.conn.in_transaction:
        yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"cannot write to the database: {exc}") from None
    try:
        yield db
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise StorageError(f"cannot write to the database: {exc}") from None
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
