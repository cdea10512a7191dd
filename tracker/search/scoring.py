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

from tracker.search.protocols import Array, Floats, Ints, Mask, Reader
from tracker.search.readers import CONTENT, PublicWhoosh

BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults, so both paths rank alike
# Arrays of the terms asked for lately, per worker: a bound in bytes, not terms, because
# a common word's postings at 100,000 listings are a thousand times a rare word's.
POSTINGS_CACHE_BYTES = 96 * 1024 * 1024
POSITIONS_CACHE_BYTES = 32 * 1024 * 1024  # only words of quoted phrases
POSITION_STRIDE = 1 << 32  # > any position in a listing
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
            # Whoosh's idf counts deleted documents too: ask it, so both paths rank alike.
            frequency = np.asarray([reader.doc_frequency(CONTENT, term)], dtype=np.int64)  # type: ignore[attr-defined]
            found = (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32),
                     np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32), frequency)
            self._postings.put(term, found)
        return found[0], found[1], int(found[2][0])

    def positions(self, term: str, reader: Reader) -> Ints:
        """Return every occurrence of ``term`` in content as document number x POSITION_STRIDE + position."""
        cached = self._positions.get(term)
        if cached is not None:
            return cached[0]
        keys: list[int] = []
        for leaf, offset in reader.leaf_readers():
            for docnum, positions in self.access.positions(leaf, term):
                base = (docnum + offset) * POSITION_STRIDE
                keys.extend(base + position for position in positions)
        found = np.asarray(keys, dtype=np.int64)
        self._positions.put(term, (found,))
        return found

    def phrase(self, words: Sequence[str], reader: Reader) -> Scored:
        """Return (mask, score) of documents holding ``words`` next to each other, in order."""
        parts = [self.term(word, reader) for word in words]
        mask: Mask = np.logical_and.reduce([m for m, _ in parts])
        if mask.any():
            # An occurrence of the k-th word at p puts the phrase start at p - k: a
            # document has the phrase where every word agrees on a start.
            starts: Ints | None = None
            for k, word in enumerate(words):
                keys = self.positions(word, reader)
                keys = keys[mask[keys // POSITION_STRIDE]] - k
                starts = np.unique(keys) if starts is None else np.intersect1d(starts, keys, assume_unique=False)
            assert starts is not None
            mask = np.zeros(self.size, dtype=bool)
            mask[starts // POSITION_STRIDE] = True
        scores = sum((score for _, score in parts), np.zeros(self.size, dtype=np.float32))
        return mask, np.where(mask, scores, 0).astype(np.float32)

    def term(self, term: str, reader: Reader) -> Scored:
        """Return (mask, BM25 score) arrays for one term."""
        ids, tf, frequency = self.postings(term, reader)
        mask: Mask = np.zeros(self.size, dtype=bool)
        scores: Floats = np.zeros(self.size, dtype=np.float32)
        if len(ids):
            idf = np.log(self.size / (frequency + 1)) + 1
            lengths = self.lengths[ids]
            norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / self.average_length)
            mask[ids] = True
            scores[ids] = idf * (tf * (BM25_K1 + 1)) / (tf + norm)
        return mask, scores

    def evaluate(self, q: wq.Query, reader: Reader) -> Scored | None:
        """Return (mask, score) for a tree of And/Or over content terms; None for anything else."""
        if isinstance(q, wq.Term) and q.fieldname == CONTENT:
            text = q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text
            return self.term(text, reader)
        if isinstance(q, wq.Phrase) and q.fieldname == CONTENT and q.slop == 1 and q.words:
            return self.phrase(q.words, reader)
        if isinstance(q, (wq.And, wq.Or)) and q.subqueries:
            parts = [self.evaluate(sub, reader) for sub in q.subqueries]
            if any(part is None for part in parts):
                return None
            masks = [p[0] for p in parts if p is not None]
            scores = sum((p[1] for p in parts if p is not None), np.zeros(self.size, dtype=np.float32))
            combined: Mask = np.logical_and.reduce(masks) if isinstance(q, wq.And) else np.logical_or.reduce(masks)
            return combined, np.where(combined, scores, 0).astype(np.float32)
        return None
