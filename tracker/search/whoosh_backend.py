"""The Whoosh backend: an index directory, its caches, and the searches run over it.

No Flask: app.py makes one per application from its settings. Everything that lives
longer than a request (the open index, each thread's searcher, the arrays of a commit)
belongs to this object, and nothing to module globals.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from tracker.query import ListingQuery
from tracker.search import engine, rebuilding, storage, writing
from tracker.search.backend import ListingReader, SearchResult
from tracker.search.columns import PerCommit, Snapshot
from tracker.search.protocols import Index, Searcher
from tracker.search.readers import PublicWhoosh
from tracker.search.scoring import TermScores
from tracker.search.vocabulary import Vocabulary


class WhooshBackend:
    """Search over a Whoosh index in ``index_dir`` (see storage.py for its layout)."""

    def __init__(self, index_dir: str, writer_timeout: float, access: PublicWhoosh) -> None:
        self.index_dir, self.writer_timeout, self.access = index_dir, writer_timeout, access
        self._indexes = storage.OpenIndexes()
        self._per_thread = threading.local()
        self._snapshots = PerCommit(lambda reader: Snapshot(reader, access))
        self._term_scores = PerCommit(lambda reader: TermScores(reader, access))
        self._vocabularies = PerCommit(lambda _reader: Vocabulary.load(self.generation()))

    # --- the index and its readers -------------------------------------------------

    def open_index(self) -> Index:
        """Return the current index (created empty when missing)."""
        return self._indexes.open(self.index_dir)

    def forget_open_index(self) -> None:
        """Read the index afresh from disk on next use (after something outside changed it)."""
        self._indexes.forget()

    def generation(self) -> Path:
        """Return the directory of the generation in use."""
        return storage.current_generation(self.index_dir)

    def is_current(self) -> bool:
        return storage.index_is_current(self.index_dir)

    def reader(self) -> Searcher:
        """Return this thread's searcher, reopened when the index changed.

        Opening a searcher reads every segment's files: a third of a simple search's time.
        Each thread keeps one (Whoosh readers are not shared between threads) until a
        commit or a rebuild makes it stale. (Whoosh's refresh() would reuse unchanged
        segments but fails on a single-segment reader.)
        """
        ix = self.open_index()
        cached: tuple[Index, Searcher] | None = getattr(self._per_thread, "searcher", None)
        if cached is not None and cached[0] is ix and cached[1].up_to_date():
            return cached[1]
        # The stale one is not closed here: a request still holding it may be running
        # further up this thread; its files close when the last reference goes.
        searcher = ix.searcher()
        self._per_thread.searcher = (ix, searcher)
        return searcher

    def state(self, searcher: Searcher) -> str:
        """Name the state of the index ``searcher`` reads: its generation and commit."""
        return f"{self.generation().name}.{searcher.reader().generation()}"

    def snapshot(self, searcher: Searcher) -> Snapshot:
        """Return the filter arrays of ``searcher``'s commit."""
        return self._snapshots.get(str(self.generation()), searcher.reader())

    def term_scores(self, searcher: Searcher) -> TermScores:
        """Return the relevance arrays of ``searcher``'s commit."""
        return self._term_scores.get(str(self.generation()), searcher.reader())

    # --- searching -----------------------------------------------------------------

    def run(self, searcher: Searcher, query: ListingQuery, today: date) -> engine.Run:
        """Start one search of ``query`` over ``searcher``'s commit."""
        generation, reader = str(self.generation()), searcher.reader()
        return engine.Run(searcher, self._snapshots.get(generation, reader),
                          lambda: self._term_scores.get(generation, reader), query, today)

    def search(self, reader: Searcher, query: ListingQuery, today: date, page_length: int,
               facets: bool = True) -> SearchResult:
        run = self.run(reader, query, today)
        return engine.search(run, page_length, lambda: self._vocabularies.get(str(self.generation()), reader.reader()),
                             facets)

    def facet_counts(self, reader: Searcher, query: ListingQuery, today: date, facet: str) -> dict[Any, int]:
        return self.run(reader, query, today).facets(only=facet).get(facet, {})

    def count(self, reader: Searcher, query: ListingQuery, today: date) -> int:
        return int(np.count_nonzero(self.run(reader, query, today).matching()))

    def counts_without(self, reader: Searcher, query: ListingQuery, today: date) -> dict[str, int]:
        return engine.counts_without(self.run(reader, query, today), lambda q: self.count(reader, q, today))

    def matching_ids(self, reader: Searcher, query: ListingQuery, today: date) -> set[int]:
        run = self.run(reader, query, today)
        return {int(i) for i in run.snap.columns["listing_id"][run.matching()].tolist()}

    def hourly_rates(self, reader: Searcher, query: ListingQuery, today: date) -> list[int]:
        run = self.run(reader, query, today)
        rates = run.snap.columns["hourly"][run.matching()]
        return [int(r) for r in rates if r > 0]

    def indexed_count(self, reader: Searcher) -> int:
        return int(reader.doc_count())

    # --- writing -------------------------------------------------------------------

    def writer(self) -> AbstractContextManager[Any]:
        """Return the index writer as a context manager: commit on success, cancel on error."""
        return writing.writer(self.open_index(), self.writer_timeout)

    def apply_changes(self, documents: Iterable[dict[str, Any]], deletions: Iterable[int]) -> None:
        writing.apply_changes(self.open_index(), self.generation(), self.writer_timeout, documents, deletions)

    def remove_orphans(self) -> int:
        """Delete files killed writers left; call only under the site's writer lock."""
        return storage.remove_orphans(self.index_dir, self.open_index, self.writer_timeout)

    def indexed_versions(self) -> list[tuple[int, int]]:
        """Return (listing id, version) of every live document, as the index is on disk now."""
        with self.open_index().searcher() as searcher:
            reader = searcher.reader()
            if not reader.doc_count_all():
                return []
            found: list[tuple[int, int]] = []
            for leaf, _offset in reader.leaf_readers():
                live = np.ones(leaf.doc_count_all(), dtype=bool)
                live[self.access.deleted(leaf)] = False
                ids = self.access.numeric_column(leaf, "listing_id")[live]
                versions = self.access.numeric_column(leaf, "version")[live]
                found.extend(zip(ids.tolist(), versions.tolist()))
            return found

    def rebuild(self, parts: Sequence[ListingReader], after_fork: Callable[[], None] | None = None) -> int:
        return rebuilding.rebuild(self.index_dir, parts, self.access, after_fork)


