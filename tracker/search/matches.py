"""A query's matching documents as a mask, with BM25 scores worked out only for the documents asked about.

A search ANDs its words with its filters, and a page ranks only what is left: scoring
every document holding a common word (80% of them, for some words) cost more than the
rest of the search. The scores are the ones Whoosh's BM25F gives (scoring.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np
from whoosh import query as wq

from tracker.search.protocols import Floats, Ints, Mask, Reader
from tracker.search.readers import CONTENT

if TYPE_CHECKING:
    from tracker.search.scoring import TermScores

# Past this share of a word's documents, its scores are worked out for all of them at once.
DENSE_SHARE = 0.25


class Match(Protocol):
    mask: Mask

    def scores_at(self, docnums: Ints) -> Floats:
        """Return the score of each of ``docnums`` (0 where it does not match)."""


class TermMatch:
    """One word of content: the documents holding it and its postings."""

    def __init__(self, scores: TermScores, term: str, reader: Reader) -> None:
        self.scores = scores
        self.ids, self.tf, self.frequency = scores.postings(term, reader)
        self.mask: Mask = np.zeros(scores.size, dtype=bool)
        self.mask[self.ids] = True

    def scores_at(self, docnums: Ints) -> Floats:
        ids = self.ids
        if len(docnums) >= DENSE_SHARE * len(ids):
            dense = np.zeros(self.scores.size, dtype=np.float32)
            dense[ids] = self.scores.bm25(self.tf, self.scores.lengths[ids], self.frequency)
            found: Floats = dense[docnums]
            return found
        found = np.zeros(len(docnums), dtype=np.float32)
        if len(ids):
            at = np.minimum(np.searchsorted(ids, docnums), len(ids) - 1)
            held = ids[at] == docnums
            found[held] = self.scores.bm25(self.tf[at[held]], self.scores.lengths[docnums[held]], self.frequency)
        return found


class Combined:
    """Several matches (words ANDed or ORed, or the words of a phrase) as one: their scores summed where it matches."""

    def __init__(self, parts: Sequence[Match], mask: Mask) -> None:
        self.parts, self.mask = parts, mask

    def scores_at(self, docnums: Ints) -> Floats:
        total = np.zeros(len(docnums), dtype=np.float32)
        for part in self.parts:  # in order, in float32: the sums a whole-array sum gives
            total += part.scores_at(docnums)
        found: Floats = np.where(self.mask[docnums], total, 0).astype(np.float32)
        return found


def match(scores: TermScores, q: wq.Query, reader: Reader) -> Match | None:
    """Return the match of a tree of And/Or over content terms and phrases; None for anything else."""
    if isinstance(q, wq.Term) and q.fieldname == CONTENT:
        return TermMatch(scores, q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text, reader)
    if isinstance(q, wq.Phrase) and q.fieldname == CONTENT and q.slop == 1 and q.words:
        return Combined([TermMatch(scores, word, reader) for word in q.words], scores.phrase(q.words, reader))
    if isinstance(q, (wq.And, wq.Or)) and q.subqueries:
        parts = [match(scores, sub, reader) for sub in q.subqueries]
        found = [part for part in parts if part is not None]
        if len(found) < len(parts):
            return None
        masks = [part.mask for part in found]
        return Combined(found, np.logical_and.reduce(masks) if isinstance(q, wq.And) else np.logical_or.reduce(masks))
    return None


def dense(found: Match) -> tuple[Mask, Floats]:
    """Return (mask, every document's score) of a match."""
    scores = np.zeros(len(found.mask), dtype=np.float32)
    docnums = np.flatnonzero(found.mask)
    scores[docnums] = found.scores_at(docnums)
    return found.mask, scores

