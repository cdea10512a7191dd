"""Run "fetch now" off the request: one worker thread per web process, in the app's context.

Fetches queue behind one another here, and behind any other ingest or reindex through
the writer lock file (tracker.locks) that every writer takes.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from flask import Flask

from tracker.extensions import db
from tracker.staff.ingest_port import IngestPort

log = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="staff-fetch")
_running: set[Future[None]] = set()
_lock = threading.Lock()


def fetch_later(app: Flask, port: IngestPort, source_id: int, wait_seconds: float) -> None:
    """Queue an ingest of one source."""
    def job() -> None:
        with app.app_context():
            try:
                port.fetch(source_id, wait_seconds)
            except Exception:  # a worker thread has nobody to raise to: log it
                log.exception("background fetch of source %s failed", source_id)
            finally:
                db.session.remove()

    future = _executor.submit(job)
    with _lock:
        _running.add(future)
    future.add_done_callback(_forget)


def _forget(future: Future[None]) -> None:
    with _lock:
        _running.discard(future)


def wait_until_idle(timeout: float) -> bool:
    """Wait for every queued fetch to finish; say whether they all did (for tests and shutdown)."""
    with _lock:
        pending = set(_running)
    done, not_done = wait(pending, timeout=timeout)
    return not not_done
