"""Facet counts as bit counts: masks packed 64 documents to a word, ANDed a word at a time.

A facet counts, for each of its choices, the documents of a population (the search
without that facet's own filter) that its choice's mask holds. Anding two boolean
arrays of 100,000 bytes and counting the result, once per choice, cost ~1 ms per search
over the ~60 choices of every facet. Packed, a mask is 1,563 words, and the masks of
every choice of most facets are one matrix, built once per snapshot (masks.py): each
population is counted in one pass over it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tracker.search.protocols import Ints, Mask

Words = npt.NDArray[np.uint64]  # a mask's bits, document n at bit n % 64 of word n // 64
# When fewer than one word in this many holds a document of the population, only those
# words are counted (a rare word's few matches, each in its own word).
SPARSE_WORDS = 4


def packed(mask: Mask) -> Words:
    """Return ``mask`` as words of 64 documents each (the last padded with zeros)."""
    bits = np.packbits(mask, bitorder="little")
    padded = np.zeros(-(-len(bits) // 8) * 8, dtype=np.uint8)
    padded[:len(bits)] = bits
    words: Words = padded.view(np.uint64)
    return words


def packed_rows(masks: Sequence[Mask], size: int) -> Words:
    """Return each of ``masks`` (of ``size`` documents each) packed, a row each."""
    if not masks:
        return np.zeros((0, -(-size // 64)), dtype=np.uint64)
    return np.stack([packed(mask) for mask in masks])


def counts(rows: Words, population: Words) -> list[int]:
    """Return how many documents of ``population`` each row of ``rows`` holds."""
    held = np.flatnonzero(population)
    if len(held) * SPARSE_WORDS < len(population):
        rows, population = rows[:, held], population[held]
    # Summed as uint32, twice as fast as int64: a row holds at most 64 bits a word.
    found: list[int] = np.bitwise_count(rows & population).sum(axis=1, dtype=np.uint32).tolist()
    return found


def held(population: Words, docs: Ints) -> int:
    """Return how many of the documents ``docs`` (numbers) ``population`` holds."""
    bits = population[docs >> 6] >> (docs & 63).astype(np.uint64)
    return int(np.count_nonzero(bits & np.uint64(1)))


@dataclass(frozen=True)
class Rows:
    """The packed masks of one facet's choices: rows ``start:stop`` of ``matrix``."""

    matrix: Words
    start: int
    stop: int


class Populations:
    """What a search finds with every filter but one (or with all), packed: each made once."""

    def __init__(self, words: Mask, masks: dict[str, Mask]) -> None:
        self.words = packed(words)  # what the words match
        self.masks = {name: packed(mask) for name, mask in masks.items()}  # the filters in force
        self._made: dict[str | None, Words] = {}

    def key(self, skip: str) -> str | None:
        """Name the population without filter ``skip``: None (with all) when it is not in force."""
        return skip if skip in self.masks else None

    def without(self, key: str | None) -> Words:
        """Return the documents the words match with every filter in force but ``key``."""
        found = self._made.get(key)
        if found is None:
            found = self.words.copy()
            for name, mask in self.masks.items():
                if name != key:
                    found &= mask
            self._made[key] = found
        return found

    def count(self, facets: dict[str, tuple[str, Rows]]) -> dict[str, list[int]]:
        """Count each facet's rows over its population (without the filter named beside it).

        Facets sharing a population and a matrix are counted in one pass over the rows they span.
        """
        shared: dict[tuple[str | None, int], list[str]] = {}
        for name, (skip, rows) in facets.items():
            shared.setdefault((self.key(skip), id(rows.matrix)), []).append(name)
        found: dict[str, list[int]] = {}
        for (key, _matrix), group in shared.items():
            spans = [facets[name][1] for name in group]
            start, stop = min(rows.start for rows in spans), max(rows.stop for rows in spans)
            counted = counts(spans[0].matrix[start:stop], self.without(key))
            found.update({name: counted[rows.start - start:rows.stop - start] for name, rows in zip(group, spans)})
        return found
