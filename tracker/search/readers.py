"""Reading and bulk-writing the index through Whoosh's public API only.

Every method here has a faster twin in _whoosh_private.py, which reads Whoosh's storage
formats directly. The probe (probe.py) compares the two at start-up and falls back to
these when they differ: slower, never wrong. Every method sees live documents only.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from tracker.search.protocols import Floats, Index, Ints, LeafReader, Mask

CONTENT = "content"
# Every occurrence of a term: (document numbers, positions), by document then position.
Positions = tuple[Ints, Ints]


class PublicWhoosh:
    """Whoosh's documented interface: a Python call per posting, per document, per value."""

    name = "public"

    def deleted(self, leaf: LeafReader) -> Ints:
        """Return the segment's deleted document numbers, in order."""
        if not leaf.has_deletions():
            return np.zeros(0, dtype=np.int64)
        return np.asarray([d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)], dtype=np.int64)

    def doc_ids(self, leaf: LeafReader, field_name: str, term: str) -> Ints:
        """Return the segment's live documents holding ``term`` in ``field_name``."""
        return self.postings(leaf, field_name, term)[0]

    def postings(self, leaf: LeafReader, field_name: str, term: str) -> tuple[Ints, Floats]:
        """Return (document numbers, term frequencies) of ``term`` in one segment."""
        ids: list[int] = []
        weights: list[float] = []
        if (field_name, term) in leaf:
            matcher = leaf.postings(field_name, term)
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)

    def positions(self, leaf: LeafReader, term: str, within: Mask | None = None) -> Positions:
        """Return every occurrence of ``term`` in content in the segment's live documents (those ``within`` only, when given)."""
        docnums: list[int] = []
        positions: list[int] = []
        if (CONTENT, term) in leaf:
            matcher = leaf.postings(CONTENT, term)
            while matcher.is_active():
                docnum = matcher.id()
                if within is None or within[docnum]:
                    found = list(matcher.value_as("positions"))
                    docnums.extend([docnum] * len(found))
                    positions.extend(found)
                matcher.next()
        return np.asarray(docnums, dtype=np.int64), np.asarray(positions, dtype=np.int64)

    def numeric_column(self, leaf: LeafReader, name: str) -> Ints:
        """Return a numeric column's value for every document of the segment."""
        column = leaf.column_reader(name, translate=False)
        return np.fromiter(column, dtype=np.int64, count=leaf.doc_count_all())

    def categorical_column(self, leaf: LeafReader, name: str) -> tuple[list[str], Ints]:
        """Return a bytes column's distinct values (in any order) and each document's index into them."""
        values = [value.decode() if isinstance(value, bytes) else value
                  for value in leaf.column_reader(name, translate=False)]
        uniques = sorted(set(values))
        position = {value: n for n, value in enumerate(uniques)}
        return uniques, np.asarray([position[value] for value in values], dtype=np.int64)

    def content_lengths(self, leaf: LeafReader) -> Floats:
        """Return each document's length of content, as BM25 reads it."""
        count = leaf.doc_count_all()
        return np.fromiter((leaf.doc_field_length(d, CONTENT, 0) for d in range(count)),
                           dtype=np.float32, count=count)

    def release_pages(self, leaf: LeafReader) -> None:
        """Let this process's mapping of the segment's file go, its arrays read (a hint; here, nothing)."""

    # --- bulk writing (rebuilds) ---------------------------------------------------

    # Whether write_segments()/commit_segments() exist: shares written apart, in parallel.
    writes_segments = False

    def write_all(self, ix: Index, documents: Iterable[dict[str, Any]]) -> int:
        """Add ``documents`` to a new, empty index through one ordinary writer; return how many."""
        count = 0
        w = ix.writer()
        try:
            for document in documents:
                w.add_document(**document)
                count += 1
        except BaseException:
            w.cancel()
            raise
        w.commit()
        return count
