"""Every document's filterable values as numpy arrays, read once per index commit.

Whoosh matches words and ranks by relevance. Filters, facet counts and the other sorts
run on these arrays: with ten facets, each counted without its own filter,
per-document Python loops (Whoosh's facets and numeric ranges) cost hundreds of
milliseconds at 100,000 listings.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar, cast

import numpy as np

from tracker import geo, taxonomy
from tracker.search.documents import COORDINATE_SCALE, scaled
from tracker.search.protocols import Array, Floats, Ints, LeafReader, Mask, Reader
from tracker.search.readers import PublicWhoosh
from tracker.search.schema import CATEGORICAL, NUMERIC_COLUMNS

T = TypeVar("T")
A = TypeVar("A", bound=np.ndarray[Any, Any])  # a mask, or masks packed (tally.py)
DERIVED_MASKS = 96  # a bound on the arrays kept by derived(), should a caller key them by something unbounded
KEPT_CENTRES = 8  # distances from this many places, each 8 bytes a document
_KEEPING = threading.Lock()
Leaves = Sequence[tuple[LeafReader, int]]


class Snapshot:
    """Every document's filterable values as arrays, for one index commit."""

    def __init__(self, reader: Reader, access: PublicWhoosh) -> None:
        size = reader.doc_count_all()
        self._derived: dict[Hashable, Array] = {}
        self._latest: dict[str, tuple[Hashable, Array]] = {}
        self._miles: dict[tuple[float, float], Floats] = {}
        # An empty index has no columns to read (its reader raises for them).
        leaves: Leaves = reader.leaf_readers() if size else []
        self.size = size
        self.live: Mask = np.ones(size, dtype=bool)
        for leaf, offset in leaves:
            self.live[offset + access.deleted(leaf)] = False
        self.codes: dict[str, dict[str, int]] = {}
        self.columns: dict[str, Ints] = {}
        for name in CATEGORICAL:
            self.codes[name], codes = _categorical_column(leaves, name, size, access)
            self.columns[name] = _narrowed(codes)
        for name in NUMERIC_COLUMNS:
            self.columns[name] = _narrowed(_numeric_column(leaves, name, size, access))
        self.age_stated: Mask = _numeric_column(leaves, "age_stated", size, access).astype(bool)
        self.grade_stated: Mask = _numeric_column(leaves, "grade_stated", size, access).astype(bool)
        # Getting there, by the slugs of the filter's choices (tracker/filter_registry.py ACCESS).
        self.access: dict[str, Mask] = {name: _numeric_column(leaves, name, size, access).astype(bool)
                                        for name in ("bus", "transport")}
        # Deleted documents may stay in; every search ands its masks with `live`. A row per
        # document, stored a pathway after another: each pathway's column is contiguous.
        by_pathway = np.zeros((len(taxonomy.PATHWAYS), size), dtype=bool)
        for column, pathway in enumerate(taxonomy.PATHWAYS):
            for leaf, offset in leaves:
                by_pathway[column, offset + access.doc_ids(leaf, "pathway", pathway.slug)] = True
        self.pathways: Mask = by_pathway.T
        for leaf, _offset in leaves:
            access.release_pages(leaf)
        self.latitude: Floats = (self.columns["lat"] / COORDINATE_SCALE).astype(np.float32)
        self.longitude: Floats = (self.columns["lon"] / COORDINATE_SCALE).astype(np.float32)

    def derived(self, key: Hashable, make: Callable[[], A]) -> A:
        """Return the array ``make`` computes from these arrays alone (no query), computed once per ``key``.

        Facet counts ask for the same masks on every search (each grade, each pay floor).
        """
        try:
            masks = self._derived
        except AttributeError:  # a subclass that fills its arrays itself
            masks = self._derived = {}
        found = masks.get(key)
        if found is None:
            if len(masks) >= DERIVED_MASKS:
                masks.clear()
            made = masks[key] = make()
            made.flags.writeable = False
            return made
        return cast(A, found)

    def latest(self, name: str, key: Hashable, make: Callable[[], A]) -> A:
        """Return the array ``make`` computes from these arrays and ``key`` (a day, an hour), kept till another ``key``.

        One is kept by each ``name``, whatever derived() keeps or clears.
        """
        try:
            kept = self._latest
        except AttributeError:  # a subclass that fills its arrays itself
            kept = self._latest = {}
        entry = kept.get(name)
        if entry is None or entry[0] != key:
            made = make()
            made.flags.writeable = False
            kept[name] = (key, made)
            return made
        return cast(A, entry[1])

    def is_in(self, name: str, values: Iterable[str]) -> Mask:
        masks = [self.holding(name, v) for v in values if v in self.codes[name]]
        return np.logical_or.reduce(masks) if masks else np.zeros(self.size, dtype=bool)

    def holding(self, name: str, value: str) -> Mask:
        """The documents whose categorical column ``name`` holds ``value`` (one of its codes)."""
        column, code = self.columns[name], self.codes[name][value]
        return self.derived(("holding", name, value), lambda: column == code)

    def miles_from(self, centre: geo.Point) -> Floats:
        """Miles from ``centre`` to every document (inf where a listing has no place): read-only.

        Kept for the last few centres asked (searches near the same ZIP codes repeat, and
        the distances cost ~4 ms at 100,000 listings).
        """
        try:
            kept = self._miles
        except AttributeError:  # a subclass that fills its arrays itself
            kept = self._miles = {}
        key = (centre.latitude, centre.longitude)
        found = kept.get(key)
        if found is None:
            found = self._miles_from(centre)
            found.flags.writeable = False
            with _KEEPING:  # threads share a commit's arrays
                while len(kept) >= KEPT_CENTRES:
                    kept.pop(next(iter(kept)))
                kept[key] = found
        return found

    def _miles_from(self, centre: geo.Point) -> Floats:
        lat1, lon1 = np.radians(centre.latitude), np.radians(centre.longitude)
        lat2, lon2 = np.radians(self.latitude, dtype=np.float64), np.radians(self.longitude, dtype=np.float64)
        h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        miles = 2 * geo.EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        return np.where(self.columns["lat"] == scaled(None), np.inf, miles)


def _numeric_column(leaves: Leaves, name: str, size: int, access: PublicWhoosh) -> Ints:
    values = np.zeros(size, dtype=np.int64)
    for leaf, offset in leaves:
        count = leaf.doc_count_all()
        values[offset:offset + count] = access.numeric_column(leaf, name)
    return values


def _narrowed(values: Ints) -> Ints:
    """Return ``values`` in the smallest of int8/int16/int32/int64 that holds them: a worker keeps every column."""
    low, high = (int(values.min()), int(values.max())) if len(values) else (0, 0)
    for kind in (np.int8, np.int16, np.int32):
        if np.iinfo(kind).min <= low and high <= np.iinfo(kind).max:
            narrowed: Ints = values.astype(kind)
            return narrowed
    return values


def _categorical_column(leaves: Leaves, name: str, size: int, access: PublicWhoosh) -> tuple[dict[str, int], Ints]:
    """Return each distinct value's code (in sorted order) and every document's code."""
    segments = [access.categorical_column(leaf, name) for leaf, _offset in leaves]
    codes = {value: n for n, value in enumerate(sorted({v for uniques, _ in segments for v in uniques}))}
    parts = [np.asarray([codes[v] for v in uniques] or [0], dtype=np.int64)[refs] for uniques, refs in segments]
    return codes, (np.concatenate(parts) if parts else np.zeros(size, dtype=np.int64))


class PerCommit(Generic[T]):
    """A value derived from the index, built on first use after each commit and kept until the next."""

    def __init__(self, build: Callable[[Reader], T]) -> None:
        self.build = build
        self._entry: tuple[tuple[str, int], T] | None = None
        self._lock = threading.Lock()

    def get(self, generation: str, reader: Reader) -> T:
        """Return the value for ``reader``'s commit of index ``generation``, building it if needed."""
        key = (generation, reader.generation())
        entry = self._entry
        if entry is None or entry[0] != key:
            with self._lock:  # one thread builds; the others wait for it rather than build too
                entry = self._entry
                if entry is None or entry[0] != key:
                    # One commit is live at a time: the older value is dropped.
                    entry = self._entry = (key, self.build(reader))
        return entry[1]
