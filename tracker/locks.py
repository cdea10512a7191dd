"""One writer at a time: ingest runs and reindexing take the same lock.

On SQLite it is a lock file beside the database: a POSIX advisory lock (flock), released
by the kernel when its process dies. On PostgreSQL, where several machines may run the
commands, it is a PostgreSQL advisory lock held by a database session of its own: the
server releases it when that session ends, so a crashed run (or a lost machine) never
leaves the site locked, and two nodes can never ingest at once.
"""
from __future__ import annotations

import fcntl
import os
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from flask import current_app

from tracker.extensions import db


class Busy(RuntimeError):
    """Another process holds the lock."""


def lock_path() -> Path:
    """Return the lock file shared by every process writing this site's data."""
    return Path(current_app.config["INSTANCE_DIR"]) / "writer.lock"


@contextmanager
def exclusive(path: Path, wait_seconds: float = 0.0, poll: float = 0.2) -> Iterator[None]:
    """Hold an exclusive lock on ``path``, waiting up to ``wait_seconds``; raise Busy otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise Busy(f"another ingest or reindex is running ({holder}); try again when it finishes") from None
                time.sleep(poll)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# The first half of the advisory lock's key ("BCP"); the second names the schema, so sites
# (and tests) sharing one database in separate schemas do not lock each other out.
ADVISORY_LOCK_CLASS = 0x424350


@contextmanager
def writer(wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the site's one-writer lock (ingest, reindex), waiting up to ``wait_seconds``; raise Busy otherwise."""
    if db.engine.dialect.name == "postgresql":
        with advisory(wait_seconds):
            yield
    else:
        with exclusive(lock_path(), wait_seconds):
            yield


@contextmanager
def advisory(wait_seconds: float = 0.0, poll: float = 0.2) -> Iterator[None]:
    """Hold the site's PostgreSQL advisory lock on a connection of its own; raise Busy otherwise."""
    # Autocommit: a session-level lock, not tied to a transaction the work might end.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        key = advisory_key(connection.execute(sa.text("SELECT current_schema()")).scalar_one())
        deadline = time.monotonic() + wait_seconds
        try:
            while not connection.execute(sa.text("SELECT pg_try_advisory_lock(:cls, :obj)"), key).scalar_one():
                if time.monotonic() >= deadline:
                    raise Busy(f"another ingest or reindex is running ({_holder(connection, key)}); "
                               "try again when it finishes")
                time.sleep(poll)
            yield
        finally:
            # Close the connection rather than pool it: the server then drops the lock even
            # if an unlock could not be sent, and no pooled connection keeps it held.
            connection.invalidate()


def advisory_key(schema: str) -> dict[str, int]:
    """Return the two halves of the advisory lock's key for the site in ``schema``."""
    return {"cls": ADVISORY_LOCK_CLASS, "obj": zlib.crc32(schema.encode()) & 0x7FFFFFFF}


def _holder(connection: sa.Connection, key: dict[str, int]) -> str:
    """Say which database session holds the lock: its server pid, client address and start."""
    row = connection.execute(sa.text(
        "SELECT a.pid, a.client_addr, a.xact_start, a.backend_start FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
        "AND l.classid = :cls AND l.objid = :obj AND l.objsubid = 2"), key).first()
    if row is None:
        return "another database session"
    started = row.backend_start.strftime("%Y-%m-%d %H:%M:%S %Z") if row.backend_start else "unknown"
    return f"database session {row.pid} from {row.client_addr or 'a local socket'}, connected {started}"
