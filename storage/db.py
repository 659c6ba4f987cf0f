"""Open the SQLite file: WAL, busy timeout, foreign keys, migrations applied.

Writers take ``BEGIN IMMEDIATE`` transactions (:func:`write_transaction`): a
deferred transaction that later upgrades to a write fails with SQLITE_BUSY
without honouring the busy timeout, which is how analysts' open readers used to
break crawls elsewhere.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlite_utils import Database

from core.search import search_terms
from storage.migrations import migrations

BUSY_TIMEOUT_S = 30.0

# Identity adapters for the two parameter types Python's sqlite3 does not bind directly:
# without one, every None or bytes parameter is looked up as ``__adapt__`` on the protocol
# and ``__conform__`` on the value, each failed lookup formatting an AttributeError
# (~1.5 k instructions; a new article binds ~30 of them). ``{}.get(None)`` is None and
# ``bytes(b)`` is ``b``: both C calls, the values bound are unchanged (process-wide, so
# every connection of the process gains the same).
sqlite3.register_adapter(type(None), cast(Callable[[None], None], {}.get))
sqlite3.register_adapter(bytes, bytes)


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


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the schema's triggers call (the word index's segmentation)."""
    conn.create_function("pw_search_terms", 1, search_terms, deterministic=True)


def _configure(conn: sqlite3.Connection, busy_timeout: float) -> None:
    register_functions(conn)
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


def read_only_reason(path: Path) -> str | None:
    """Why ``path`` cannot be written here (None when it can): a read-only file or folder.

    WAL needs the folder too (``-wal`` and ``-shm`` files beside the database).
    """
    if not os.access(path, os.W_OK):
        return f"{path} is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def open_reader(path: str | Path, note: Callable[[str], None] | None = None) -> Database:
    """Open an existing database for a read command; never create one.

    A writable file opens as :func:`open_db` does (schema brought up to date). A copy on a
    read-only share opens read-only, or immutable when SQLite cannot read it in place
    (WAL needs to create ``-shm`` beside it); ``note`` gets one line saying so.

    :raises StorageError: the file does not exist (a typo'd ``--db``), is not a database,
        or is a read-only copy older than this patentwatch's schema
    """
    p = Path(path)
    if not p.exists():
        raise StorageError(f"database {p} does not exist (check --db; run a crawl or `make demo`)")
    if p.is_dir():
        raise StorageError(f"database path {p} is a folder, not a file")
    reason = read_only_reason(p)
    if reason is None:
        return open_db(p)
    for mode, how in (("ro", "read-only"), ("ro&immutable=1", "immutable (read-only)")):
        db = _try_read_only(p, mode)
        if db is not None:
            if note:
                note(f"note: {reason}; opened {how}")
            _check_current(db, p)
            return db
    raise StorageError(f"cannot open read-only database {p}")


def _try_read_only(path: Path, mode: str) -> Database | None:
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.DatabaseError:
        return None
    try:
        register_functions(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()  # an open handle would keep the share busy
        return None
    return Database(conn)


def _check_current(db: Database, path: Path) -> None:
    try:
        _check_not_newer(db, path)
        applied = {m.name for m in migrations.applied(db)}
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StorageError(f"cannot use database {path}: {exc}") from None
    missing = sorted({m.name for m in migrations._migrations} - applied)
    if missing:
        db.close()
        raise StorageError(
            f"read-only database {path} predates this patentwatch (lacks {missing[0]});"
            " copy it somewhere writable to upgrade it"
        )
