"""Where the index lives: generations under an index directory, behind a ``current`` symlink.

A rebuild fills a new generation and swaps the link atomically while searches go on.
Every function takes the index directory: nothing here knows about Flask.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index

from tracker.search.protocols import Index
from tracker.search.schema import SCHEMA, SCHEMA_VERSION
from tracker.search.writing import IndexBusy

SCHEMA_MARKER = "schema-version"


class IndexOutdated(RuntimeError):
    """The index on disk was built with another schema: it must be rebuilt before use."""


def current_link(index_dir: str) -> Path:
    """Return the symlink that names the generation in use."""
    return Path(index_dir) / "current"


def current_generation(index_dir: str) -> Path:
    """Return the directory of the generation in use."""
    return Path(os.path.realpath(current_link(index_dir)))


def new_generation(index_dir: str) -> Path:
    """Create an empty index in a new generation directory (not yet in use) and return it."""
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    whoosh_index.create_in(str(path), SCHEMA)
    (path / SCHEMA_MARKER).write_text(SCHEMA_VERSION)
    return path


def index_is_current(index_dir: str) -> bool:
    """Say whether the current index was built with this code's schema (no index counts as current)."""
    marker = current_link(index_dir) / SCHEMA_MARKER
    return not current_link(index_dir).exists() or (marker.exists() and marker.read_text() == SCHEMA_VERSION)


def point_current_at(index_dir: str, generation: Path) -> None:
    """Make ``generation`` the one in use, atomically."""
    link = current_link(index_dir)
    tmp = link.with_name(f".current-{os.getpid()}-{time.monotonic_ns()}")
    tmp.symlink_to(generation.name)
    os.replace(tmp, link)  # atomic: readers see the old or the new index, never neither


def drop_old_generations(index_dir: str, keep: Path) -> None:
    """Delete every generation but ``keep``."""
    for path in Path(index_dir).glob("gen-*"):
        if path.name != keep.name:
            # Open searchers keep their files alive on POSIX until they close.
            shutil.rmtree(path, ignore_errors=True)


def remove_orphans(index_dir: str, open_index: Callable[[], Index], timeout: float) -> int:
    """Delete what killed writers left behind; return how many files and folders went.

    That is generations a rebuild never swapped in, temporary links and word lists, and
    segment files of the current generation that no commit took up. Call it only under
    the site's writer lock (tracker.locks): a rebuild at work looks just like an orphan.
    """
    root = Path(index_dir)
    if not current_link(index_dir).exists():
        return 0
    current = current_generation(index_dir)
    removed = 0
    for path in [*root.glob("gen-*"), *root.glob(".current-*"), *current.glob(".vocabulary.txt-*")]:
        if path.name == current.name:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    if not index_is_current(index_dir):
        return removed  # the rebuild that must come next replaces the whole generation
    ix = open_index()
    lock = ix.lock("WRITELOCK")  # Whoosh's writer lock, so no commit can be under way
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise IndexBusy(f"the search index is locked by another writer (waited {timeout:g}s)")
        time.sleep(0.05)
    try:
        before = set(ix.storage.list())
        toc = whoosh_index.TOC.read(ix.storage, ix.indexname)
        whoosh_index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        removed += len(before - set(ix.storage.list()))
    finally:
        lock.release()
    return removed


def ensure_index(index_dir: str) -> None:
    """Create an empty index if there is none."""
    if not current_link(index_dir).exists():
        point_current_at(index_dir, new_generation(index_dir))


class OpenIndexes:
    """The open index of the current generation, per process: opening one reads its table of contents."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, Index] = {}

    def open(self, index_dir: str) -> Index:
        """Return the current index, creating it when missing; raise IndexOutdated for an old schema."""
        ensure_index(index_dir)
        target = str(current_generation(index_dir))
        ix = self._open.get(target)
        if ix is None:
            if not index_is_current(index_dir):
                raise IndexOutdated("the search index was built by an older version; run `flask reindex` "
                                    "(an ingest run rebuilds it too)")
            ix = whoosh_index.open_dir(target)
            with self._lock:
                self._open = {target: ix}  # older generations are gone or going
        return ix

    def forget(self) -> None:
        """Drop what is open, so the next open() reads the disk again."""
        with self._lock:
            self._open = {}
