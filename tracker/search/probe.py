"""At start-up, check that the fast paths read what Whoosh's public API reads.

A tiny in-memory index is written both ways and read both ways. If anything differs (a
new Whoosh release changed what _whoosh_private.py relies on), one warning is logged
and the public twins are used: slower, never a 500, never a failed start.
"""
from __future__ import annotations

import functools
import logging
import shutil
import tempfile
from typing import Any

import numpy as np
from whoosh.filedb.filestore import FileStorage, RamStorage

from tracker import taxonomy
from tracker.search._whoosh_private import FastWhoosh, read_buffers_in_place
from tracker.search.protocols import Index, Reader
from tracker.search.readers import CONTENT, PublicWhoosh
from tracker.search.schema import CATEGORICAL, FLAG_COLUMNS, NUMERIC_COLUMNS, SCHEMA

log = logging.getLogger(__name__)
_TITLES = ("Nursing aide", "Welding apprentice", "Payroll clerk", "Library assistant", "Summer camp aide",
           "Nursing assistant nursing home", "Help desk clerk", "Data entry clerk")
_PROBE_TERMS = ("nurs", "aid", "clerk", "summer", "absent", "help")


# What the probe found different, for a test or an operator to read (the warning says it too).
DIFFERENCES: list[str] = []


@functools.cache
def chosen_access() -> PublicWhoosh:
    """Return the fast paths when they agree with the public API here, else the public twins."""
    fast = FastWhoosh()
    try:
        differences = compare(fast, PublicWhoosh()) + compare_in_place_reads()
    except Exception as exc:  # noqa: BLE001 - any failure of a fast path means: do not use it
        differences = [f"{type(exc).__name__}: {exc}"]
    DIFFERENCES[:] = differences
    if differences:
        read_buffers_in_place(False)
        log.warning("search: this Whoosh release differs from what the fast paths read (%s); "
                    "using Whoosh's public API instead (slower, same results)", "; ".join(differences[:5]))
        return PublicWhoosh()
    read_buffers_in_place(True)
    return fast


def compare_in_place_reads() -> list[str]:
    """Return what differs when Whoosh's in-memory files are read in place instead of copied."""
    public = PublicWhoosh()
    found = []
    for in_place in (False, True):
        read_buffers_in_place(in_place)
        try:
            ix = _tiny_index(public)  # in memory: every file is read through BufferFile
            with ix.searcher() as searcher:
                found.append(_everything(searcher.reader(), public))
        finally:
            read_buffers_in_place(False)
    return [] if found[0] == found[1] else ["in-memory files read in place give other values"]


def compare(fast: FastWhoosh, public: PublicWhoosh) -> list[str]:
    """Return what differs between ``fast`` and ``public`` on a tiny index written each way."""
    written_fast, written_public = _tiny_index(fast), _tiny_index(public)
    differences = []
    for name, ix in (("fast-written", written_fast), ("public-written", written_public)):
        with ix.searcher() as searcher:
            differences += [f"{name} index: {d}" for d in _compare_reads(searcher.reader(), fast, public)]
    with written_fast.searcher() as a, written_public.searcher() as b:
        if _everything(a.reader(), public) != _everything(b.reader(), public):
            differences.append("a rebuild's segments hold other values than Whoosh's writer writes")
    return differences


def sample_documents(first: int, count: int) -> list[dict[str, Any]]:
    """Return ``count`` varied index documents, ids from ``first`` (some values at a column's default)."""
    slugs = [p.slug for p in taxonomy.PATHWAYS]
    documents = []
    for n in range(first, first + count):
        title = _TITLES[n % len(_TITLES)]
        documents.append({
            "id": str(n), "listing_id": n,
            "content": "\n".join([title] * 3 + ["Sample Org"] * 2 + [f"the {title} role, shift {n}. " * (n % 4 + 1)]
                                 # Positions past 255, which Whoosh stores in other codes than small ones.
                                 + ([" ".join(f"filler{i}" for i in range(260 * (n % 3))) + " help clerk help"] if n % 4 == 3 else [])),
            "kind": (b"internship", b"job", b"volunteer")[n % 3], "pathway": ",".join(slugs[n % 3:n % 3 + n % 2 + 1]),
            "pay": (b"paid", b"unpaid", b"unknown")[n % 3], "work_mode": (b"onsite", b"remote")[n % 2],
            "season": b"summer" if n % 4 else b"none", "age_stated": n % 2, "grade_stated": n // 2 % 2,
            "bus": int(n % 3 == 0), "transport": int(n % 5 == 0),
            "min_age": 16 if n % 2 else 0, "max_age": 24 if n % 2 else 99, "min_grade": 0, "max_grade": 12 if n % 3 else 0,
            "hourly": n * 150 if n % 3 == 0 else -1, "hours": 0 if n > first + count - 3 else 10 + n,
            "deadline": 738000 + n, "posted": 1_700_000_000 + n * 3600, "lat": 3_350_000 + n, "lon": -8_680_000 - n,
        })
    return documents


class _OwnScratchRamStorage(RamStorage):  # type: ignore[misc]
    """An in-memory index whose writer's scratch files go to a directory of this process's own.

    Whoosh's RamStorage puts them in <temp dir>/MAIN.tmp, one directory for every process
    on the machine: two workers probing at once deleted each other's files, and one of them
    fell back to the public API (FileNotFoundError).
    """

    def __init__(self) -> None:
        super().__init__()
        self.scratch: list[str] = []

    def temp_storage(self, name: str | None = None) -> Any:
        self.scratch.append(tempfile.mkdtemp(prefix="search-probe-"))
        return FileStorage(self.scratch[-1]).create()


def _tiny_index(access: PublicWhoosh) -> Index:
    storage = _OwnScratchRamStorage()
    try:
        return _write_tiny_index(storage.create_index(SCHEMA), access)
    finally:
        for folder in storage.scratch:  # written: reading an in-memory index needs none of it
            shutil.rmtree(folder, ignore_errors=True)


def _write_tiny_index(ix: Index, access: PublicWhoosh) -> Index:
    if isinstance(access, FastWhoosh):
        segments, _count = access.write_segments(ix, sample_documents(1, 9), segment_size=5)
        access.commit_segments(ix, segments)
    else:
        access.write_all(ix, sample_documents(1, 9))
    # A later commit of its own segment, with deletions in the first.
    w = ix.writer()
    w.delete_by_term("id", "2")
    w.delete_by_term("id", "9")
    for document in sample_documents(10, 4):
        w.add_document(**document)
    w.commit(merge=False)
    return ix


def _compare_reads(reader: Reader, fast: FastWhoosh, public: PublicWhoosh) -> list[str]:
    differences = []
    for number, (leaf, _offset) in enumerate(reader.leaf_readers()):
        checks: dict[str, tuple[Any, Any]] = {
            "deleted": (fast.deleted(leaf), public.deleted(leaf)),
            "content lengths": (fast.content_lengths(leaf), public.content_lengths(leaf)),
        }
        for term in _PROBE_TERMS:
            checks[f"postings of {term}"] = (fast.postings(leaf, CONTENT, term), public.postings(leaf, CONTENT, term))
            checks[f"positions of {term}"] = (fast.positions(leaf, term), public.positions(leaf, term))
            within = np.arange(leaf.doc_count_all()) % 2 == 1
            checks[f"positions of {term} in some documents"] = (fast.positions(leaf, term, within),
                                                               public.positions(leaf, term, within))
        for pathway in taxonomy.PATHWAYS[:4]:
            checks[f"pathway {pathway.slug}"] = (fast.doc_ids(leaf, "pathway", pathway.slug),
                                                 public.doc_ids(leaf, "pathway", pathway.slug))
        for name in NUMERIC_COLUMNS + FLAG_COLUMNS:
            checks[f"column {name}"] = (fast.numeric_column(leaf, name), public.numeric_column(leaf, name))
        for name in CATEGORICAL:
            checks[f"column {name}"] = (_decoded(fast.categorical_column(leaf, name)),
                                        _decoded(public.categorical_column(leaf, name)))
        differences += [f"segment {number}: {what}" for what, (a, b) in checks.items() if not _same(a, b)]
    return differences


def _everything(reader: Reader, public: PublicWhoosh) -> dict[str, list[Any]]:
    """Every value of an index read the public way, by index-wide document number (segment layout aside)."""
    found: dict[str, list[Any]] = {}

    def extend(key: str, values: list[Any]) -> None:
        found.setdefault(key, []).extend(values)

    for leaf, offset in reader.leaf_readers():
        extend("deleted", (public.deleted(leaf) + offset).tolist())
        extend("lengths", public.content_lengths(leaf).tolist())
        for term in _PROBE_TERMS:
            ids, weights = public.postings(leaf, CONTENT, term)
            extend(term, list(zip((ids + offset).tolist(), weights.tolist())))
            docnums, positions = public.positions(leaf, term)
            extend(f"{term} positions", list(zip((docnums + offset).tolist(), positions.tolist())))
        for name in NUMERIC_COLUMNS + FLAG_COLUMNS:
            extend(name, public.numeric_column(leaf, name).tolist())
        for name in CATEGORICAL:
            extend(name, _decoded(public.categorical_column(leaf, name)))
    return found


def _decoded(column: tuple[list[str], Any]) -> list[str]:
    uniques, refs = column
    return [uniques[int(r)] for r in refs]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.asarray(a).tolist() == np.asarray(b).tolist())
    return bool(a == b)
