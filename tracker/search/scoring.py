"""Relevance on arrays: BM25 over each term's postings, read once per index commit.

Whoosh scores every matching document in Python: a common word at 100,000 listings is
tens of thousands of score() calls per query. For the queries people type (words,
ANDed, with synonym ORs, and quoted phrases) the same BM25 sum is a few array
operations. Anything else still goes to Whoosh.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from whoosh import query as wq

from tracker.search import matches
from tracker.search.matches import Match
from tracker.search.protocols import Array, Floats, Ints, Mask, Reader
from tracker.search.readers import CONTENT, PublicWhoosh

BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults, so both paths rank alike
# Arrays of the terms asked for lately, per worker: a bound in bytes, not terms, because
# a common word's postings at 100,000 listings are a thousand times a rare word's.
POSTINGS_CACHE_BYTES = 64 * 1024 * 1024
# Positions of the words of phrases, kept for words whose positions were read over most of
# their documents: a common word's are read in ~100 ms, a cached one's in ~1 ms.
POSITIONS_CACHE_BYTES = 24 * 1024 * 1024
# Read a word's positions in every document (and keep them) unless the documents asked for
# are this few per block of its postings (Whoosh's 128): each touches a block, read whole.
FEW_PER_BLOCK = 1 / 8 / 128
POSITION_BITS = 32
POSITION_STRIDE = 1 << POSITION_BITS  # > any position in a listing
Scored = tuple[Mask, Floats]


class ArrayCache:
    """Arrays by term, first in first out: the oldest dropped when their bytes pass ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.bytes = 0
        self._items: dict[str, tuple[Array, ...]] = {}
        self._lock = threading.Lock()  # gunicorn threads share a worker's cache

    def get(self, key: str) -> tuple[Array, ...] | None:
        return self._items.get(key)

    def put(self, key: str, arrays: tuple[Array, ...]) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= sum(a.nbytes for a in old)
            self._items[key] = arrays
            self.bytes += sum(a.nbytes for a in arrays)
            while self.bytes > self.limit and len(self._items) > 1:
                oldest = next(iter(self._items))
                self.bytes -= sum(a.nbytes for a in self._items.pop(oldest))


class TermScores:
    """Per index commit: document lengths and each term's postings as arrays."""

    def __init__(self, reader: Reader, access: PublicWhoosh) -> None:
        self.access = access
        self.size = reader.doc_count_all()
        self.lengths: Floats = np.zeros(self.size, dtype=np.float32)
        for leaf, offset in reader.leaf_readers():
            count = leaf.doc_count_all()
            self.lengths[offset:offset + count] = access.content_lengths(leaf)
            access.release_pages(leaf)
        self.average_length = float(self.lengths.mean()) if self.size else 1.0
        self._postings = ArrayCache(POSTINGS_CACHE_BYTES)
        self._positions = ArrayCache(POSITIONS_CACHE_BYTES)

    def postings(self, term: str, reader: Reader) -> tuple[Array, Floats, int]:
        """Return (document numbers, term frequencies, document frequency) of ``term`` in content.

        ``reader`` is the asking request's: readers close with their request, while
        these arrays live as long as the index commit.
        """
        found = self._postings.get(term)
        if found is None:
            ids: list[Array] = []
            weights: list[Floats] = []
            for leaf, offset in reader.leaf_readers():
                leaf_ids, leaf_weights = self.access.postings(leaf, CONTENT, term)
                ids.append(leaf_ids.astype(np.int32) + offset)
                weights.append(leaf_weights)
                self.access.release_pages(leaf)
            # Whoosh's idf counts deleted documents too: ask it, so both paths rank alike.
            frequency = np.asarray([reader.doc_frequency(CONTENT, term)], dtype=np.int64)  # type: ignore[attr-defined]
            found = (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32),
                     _compact_weights(np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)), frequency)
            self._postings.put(term, found)
        return found[0], found[1].astype(np.float32), int(found[2][0])

    def positions(self, term: str, reader: Reader, within: Mask) -> Ints:
        """Return every occurrence of ``term`` in content in the documents ``within``, as document number x POSITION_STRIDE + position.

        Sorted (by document, then position).
        """
        ids, _tf, _frequency = self.postings(term, reader)
        cached = self._positions.get(term)
        if cached is None:
            if np.count_nonzero(within[ids]) < FEW_PER_BLOCK * len(ids):
                return self._read_positions(term, reader, within)
            cached = _compact(self._read_positions(term, reader, None), ids)
            self._positions.put(term, cached)
        counts, positions = cached[0], cached[1]
        docnums = cached[2] if len(cached) > 2 else ids  # the postings' own, unless they differ
        asked = within[docnums]
        occurrences = np.repeat(asked, counts)
        keys: Ints = (np.repeat(docnums[asked], counts[asked]).astype(np.int64) << POSITION_BITS) + positions[occurrences]
        return keys

    def _read_positions(self, term: str, reader: Reader, within: Mask | None) -> Ints:
        keys: list[Ints] = []
        for leaf, offset in reader.leaf_readers():
            leaf_within = None if within is None else within[offset:offset + leaf.doc_count_all()]
            if leaf_within is None or leaf_within.any():
                docnums, positions = self.access.positions(leaf, term, leaf_within)
                keys.append((docnums + offset) * POSITION_STRIDE + positions)
                self.access.release_pages(leaf)
        return np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)

    def phrase(self, words: Sequence[str], reader: Reader, within: Mask | None = None) -> Mask:
        """Return the documents holding ``words`` next to each other, in order.

        With ``within``, only those documents are looked at (the mask is False elsewhere).
        """
        mask: Mask = np.logical_and.reduce([self.term_mask(word, reader) for word in words])
        if within is not None:
            mask &= within
        # An occurrence of the k-th word at p puts the phrase start at p - k: a document
        # has the phrase where every word agrees on a start. The documents left after
        # each word are the only ones whose positions the next word reads.
        starts: Ints | None = None
        for k, word in enumerate(words):
            if not mask.any():
                break
            keys = self.positions(word, reader, mask)
            if k:
                keys = keys[keys & (POSITION_STRIDE - 1) >= k] - k
            starts = keys if starts is None else _common(starts, keys)
            mask = np.zeros(self.size, dtype=bool)
            mask[starts >> POSITION_BITS] = True
        return mask

    def term_mask(self, term: str, reader: Reader) -> Mask:
        """Return the documents holding ``term`` in content."""
        mask: Mask = np.zeros(self.size, dtype=bool)
        mask[self.postings(term, reader)[0]] = True
        return mask

    def bm25(self, tf: Floats, lengths: Floats, frequency: int) -> Floats:
        """Return the BM25 score of a term with frequencies ``tf`` in documents of ``lengths`` (float64: callers store float32)."""
        idf = np.log(self.size / (frequency + 1)) + 1
        norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / self.average_length)
        found: Floats = idf * (tf * (BM25_K1 + 1)) / (tf + norm)
        return found

    def match(self, q: wq.Query, reader: Reader) -> Match | None:
        """Return ``q``'s match (scores worked out on demand) for a tree of And/Or over content terms; None for anything else."""
        return matches.match(self, q, reader)

    def evaluate(self, q: wq.Query, reader: Reader) -> Scored | None:
        """Return (mask, score of every document) for a tree of And/Or over content terms; None for anything else."""
        found = self.match(q, reader)
        return None if found is None else matches.dense(found)


def _common(a: Ints, b: Ints) -> Ints:
    """Return the values both sorted arrays of distinct values hold, sorted.

    A stable sort of the two runs side by side is a merge: twice as fast as a binary
    search for each value at these sizes.
    """
    merged = np.sort(np.concatenate((a, b)), kind="stable")
    found: Ints = merged[1:][merged[1:] == merged[:-1]]
    return found


def _compact(keys: Ints, ids: Array) -> tuple[Array, ...]:
    """Return sorted position ``keys`` as (occurrences in each document, positions[, documents]), in small types.

    The documents are left out when they are the postings' ``ids`` (always, unless the
    index changed in between), which a phrase reads anyway.
    """
    documents = keys // POSITION_STRIDE
    firsts = np.flatnonzero(np.concatenate(([True], documents[1:] != documents[:-1]))) if len(keys) else documents
    docnums = documents[firsts]
    counts = np.diff(np.concatenate((firsts, [len(keys)])))
    positions = keys % POSITION_STRIDE
    found: tuple[Array, ...] = (counts.astype(np.uint8 if not len(counts) or counts.max() < 1 << 8 else np.uint32),
                                positions.astype(np.uint16 if not len(positions) or positions.max() < 1 << 16 else np.uint32))
    return found if np.array_equal(docnums, ids) else (*found, docnums.astype(np.int32))


def _compact_weights(weights: Floats) -> Array:
    """Return term frequencies as one byte each when they are whole numbers below 256 (nearly always), else as they are."""
    small = weights.astype(np.uint8)
    return small if np.array_equal(small, weights) else weights
