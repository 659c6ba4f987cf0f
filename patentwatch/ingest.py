"""``patentwatch ingest``: the one process that writes the SQLite file in distributed mode.

The consumer itself is :class:`storage.stream.StreamWriter`; this runs it until SIGTERM or
SIGINT (the batch in hand is finished first) or, with ``--drain``, until nothing is left.
"""

from __future__ import annotations

import signal
from collections import Counter
from typing import Any

import storage
from core.sites import load_sites
from crawler.distributed.settings import DistributedSettingsError, connect
from storage.stream import WRITER_HEARTBEAT, StreamWriter, sync_seen, writer_identity


class _Stop:
    """SIGTERM/SIGINT: finish the batch in hand, then exit."""

    def __init__(self) -> None:
        self.requested = False
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._set)

    def _set(self, *_: Any) -> None:
        self.requested = True


def run_ingest(url: str, db_path: str, drain: bool = False, batch: int = 50) -> Counter[str]:
    """``patentwatch ingest``: store the stream into ``db_path`` until stopped (or drained)."""

    r = connect(url)
    db = storage.open_db(db_path)
    stop = _Stop()
    mine = writer_identity(db)
    serving = r.get(WRITER_HEARTBEAT)
    if serving and serving != mine:
        db.close()
        raise DistributedSettingsError(
            f"a writer for {serving} already consumes this Redis's stream: one stream, one database"
        )
    try:
        sync_seen(db, r, load_sites())
        writer = StreamWriter(r, db, batch=batch)
        while not stop.requested:
            if writer.step() == 0 and drain and writer.drained():
                break
        return writer.counts
    finally:
        if r.get(WRITER_HEARTBEAT) == mine:
            r.delete(WRITER_HEARTBEAT)
        db.close()
