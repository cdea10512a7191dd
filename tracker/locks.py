"""One writer at a time: ingest runs and reindexing take the same lock file.

A POSIX advisory lock (flock) is released by the kernel when its process dies, so a
crashed run never leaves the site locked.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from flask import current_app


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
