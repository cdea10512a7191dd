"""The only module that touches Whoosh's private attributes and hooks: its fast paths.

Each method overrides a twin in readers.py that uses the public API. These read a
segment's storage formats whole (numpy over bytes) instead of a Python call per
posting or per document, and write a rebuild's segments with less overhead. Whoosh is
pinned to 2.7.x (setup.cfg); a release that changes these internals is caught by the
start-up probe (probe.py), which then uses the public twins and logs one warning.
"""
from __future__ import annotations

import mmap
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import Schema
from whoosh.filedb.structfile import BufferFile
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from tracker.search.positions_codec import decoded_positions
from tracker.search.protocols import Array, Floats, Index, Ints, LeafReader, Mask
from tracker.search.readers import CONTENT, Positions, PublicWhoosh

# Whoosh stores a field's lengths as a column of one byte per document (a logarithmic code).
_LENGTH_OF_BYTE = np.asarray([byte_to_length(code) for code in range(256)], dtype=np.float32)


class FastWhoosh(PublicWhoosh):
    """Whoosh 2.7's storage read whole, and its segment writer driven through its hooks."""

    name = "fast"
    writes_segments = True

    def deleted(self, leaf: LeafReader) -> Ints:
        if not leaf.has_deletions():
            return np.zeros(0, dtype=np.int64)
        return np.sort(np.fromiter(getattr(leaf, "deleted_docs_set"), dtype=np.int64))

    def doc_ids(self, leaf: LeafReader, field_name: str, term: str) -> Ints:
        ids = [block_ids for _block, block_ids in _blocks(leaf, field_name, term)]
        all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        return all_ids[~np.isin(all_ids, self.deleted(leaf))] if leaf.has_deletions() else all_ids

    def postings(self, leaf: LeafReader, field_name: str, term: str) -> tuple[Ints, Floats]:
        ids: list[Ints] = []
        weights: list[Floats] = []
        for block, block_ids in _blocks(leaf, field_name, term):
            ids.append(block_ids)
            weights.append(_block_weights(block))
        all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        all_weights = np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)
        if leaf.has_deletions():
            keep = ~np.isin(all_ids, self.deleted(leaf))
            return all_ids[keep], all_weights[keep]
        return all_ids, all_weights

    def positions(self, leaf: LeafReader, term: str, within: Mask | None = None) -> Positions:
        wanted = np.ones(leaf.doc_count_all(), dtype=bool) if within is None else within.copy()
        wanted[self.deleted(leaf)] = False
        docnums: list[Ints] = []
        values: list[bytes] = []
        for block, block_ids in _blocks(leaf, CONTENT, term, wanted):
            keep = np.flatnonzero(wanted[block_ids])
            if keep.size:
                block._read_values()
                docnums.append(block_ids[keep])
                values.extend([block._values[i] for i in keep.tolist()])
        if not values:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        counts, positions = decoded_positions(_content_format(leaf), values)
        return np.repeat(np.concatenate(docnums), counts), positions

    def release_pages(self, leaf: LeafReader) -> None:
        # Whoosh maps a compound segment file whole; the pages a read touched stay in this
        # process's resident memory (the postings of every word asked for: 60 MB a worker
        # at 100,000 listings) though their arrays are kept. Dropping them from the mapping
        # leaves the file and the kernel's page cache as they are: a later read maps them
        # again. A hint only, so with another layout it does nothing.
        mapped = getattr(getattr(getattr(leaf, "_storage", None), "a", None), "_source", None)
        if isinstance(mapped, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
            mapped.madvise(mmap.MADV_DONTNEED)

    def numeric_column(self, leaf: LeafReader, name: str) -> Ints:
        column = leaf.column_reader(name, translate=False)
        whole = _whole_numeric(column, leaf.doc_count_all())
        return whole.astype(np.int64) if whole is not None else super().numeric_column(leaf, name)

    def categorical_column(self, leaf: LeafReader, name: str) -> tuple[list[str], Ints]:
        column = leaf.column_reader(name, translate=False)
        if not isinstance(column, RefBytesColumn.Reader):
            return super().categorical_column(leaf, name)
        uniques = [value.decode() for value in column._uniques]
        refs = np.frombuffer(column._dbfile.get(column._basepos, leaf.doc_count_all() * column._itemsize),
                             dtype=np.dtype(">" + column._typecode))
        return uniques, refs.astype(np.int64)

    def content_lengths(self, leaf: LeafReader) -> Floats:
        count = leaf.doc_count_all()
        try:
            column = leaf._perdoc.column_reader("_content_len", LENGTHS_COLUMN)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a layout this code does not know: read it the public way
            column = None
        codes = _whole_numeric(column, count)
        if codes is not None and column._typecode == "B":
            lengths: Floats = _LENGTH_OF_BYTE[codes]
            return lengths
        return super().content_lengths(leaf)

    def write_segments(self, ix: Index, documents: Iterable[dict[str, Any]], segment_size: int) -> tuple[list[Any], int]:
        """Write ``documents`` into a new generation as segments of at most ``segment_size``; return them and the count.

        Nothing else writes to a new generation, and on failure it is deleted whole, so
        there is no lock to take and nothing to cancel.
        """
        segments: list[Any] = []
        count = 0
        w: _BulkWriter | None = None
        for document in documents:
            w = w or _BulkWriter(ix)
            w.add_document(**document)
            if w.docnum >= segment_size:
                segments.append(w._finalize_segment())
                count, w = count + w.docnum, None
        if w is not None:
            segments.append(w._finalize_segment())
            count += w.docnum
        return segments, count

    def commit_segments(self, ix: Index, segments: list[Any]) -> None:
        """Make ``segments`` (from write_segments, in any process) the index's segments."""
        # Whoosh's documented hook for the segments a commit keeps.
        ix.writer().commit(mergetype=lambda _writer, existing: existing + segments)


class _ViewFile:
    """A read-only file over bytes already in memory: what Whoosh's BufferFile reads through.

    Whoosh wraps each part of a compound segment file (a view of the mapped file) in
    BytesIO, which copies it: every searcher held a copy of every segment's postings
    (about 130 MB a worker at 100,000 listings). This reads the view in place.
    """

    def __init__(self, buf: Any) -> None:
        self._view = memoryview(buf).cast("B")
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        data = self._view[self._pos:end].tobytes()
        self._pos = end
        return data

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        line = bytearray()
        while self._pos < limit:
            chunk = self._view[self._pos:min(limit, self._pos + 256)].tobytes()
            cut = chunk.find(b"\n")
            if cut >= 0:
                chunk = chunk[:cut + 1]
            line += chunk
            self._pos += len(chunk)
            if cut >= 0:
                break
        return bytes(line)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        self._pos = offset if whence == 0 else self._pos + offset if whence == 1 else len(self._view) + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


_COPYING_INIT = BufferFile.__init__


def _in_place_init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    # BufferFile.__init__ with its BytesIO(buf) read in place instead.
    self._buf = buf
    self._name = name
    self.file = _ViewFile(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def read_buffers_in_place(on: bool) -> None:
    """Make Whoosh read in-memory files (parts of compound segment files) in place, or copy them as it does."""
    setattr(BufferFile, "__init__", _in_place_init if on else _COPYING_INIT)


def _content_format(leaf: LeafReader) -> Any:
    return leaf.schema[CONTENT].format  # type: ignore[attr-defined]


def _blocks(leaf: LeafReader, field_name: str, term: str, wanted: Mask | None = None) -> Iterator[tuple[Any, Ints]]:
    """Yield Whoosh's posting matcher at each block of ``term`` with the block's document numbers (deleted ones included).

    Whole blocks at once (Whoosh's W3LeafMatcher): its one-posting-at-a-time interface
    costs a Python call per posting. With ``wanted``, a block holding none of those
    documents (by its first and last number) is not read.
    """
    if (field_name, term) not in leaf:
        return
    matcher: Any = leaf.postings(field_name, term)
    while not hasattr(matcher, "_next_block") and hasattr(matcher, "child"):
        matcher = matcher.child  # unwrap the deleted-documents filter
    first = 0
    while matcher.is_active():
        last = matcher._maxid
        if wanted is None or wanted[first:last + 1].any():
            yield matcher, _block_ids(matcher)
        if matcher._lastblock:
            break
        first = last + 1
        matcher._next_block()


def _block_ids(block: Any) -> Ints:
    """The document numbers of a block, decoded in one step (Whoosh stores them as differences)."""
    if block._byteids:
        block._read_ids()
        return np.asarray(block._ids, dtype=np.int64)
    if block._data is None:
        block._read_data()
    return np.cumsum(np.asarray(block._data[0], dtype=np.int64))


def _block_weights(block: Any) -> Floats:
    """The term frequencies of a block: Whoosh stores None when all are 1, one number when all are alike."""
    if block._data is None:
        block._read_data()
    weights = block._data[1]
    if weights is None or isinstance(weights, float):
        return np.full(block._blocklength, 1.0 if weights is None else weights, dtype=np.float32)
    return np.asarray(weights, dtype=np.float32)


def _whole_numeric(column: Any, count: int) -> Array | None:
    """Return a numeric column's ``count`` values in one read, or None for another kind of reader."""
    if not isinstance(column, NumericColumn.Reader):
        return None
    # Values equal to the default are not written after the last other one.
    values = np.full(count, column._default, dtype=np.dtype(">" + column._typecode))
    stored = np.frombuffer(column._dbfile.get(column._basepos, column._count * column._fixedlen), dtype=values.dtype)
    values[:len(stored)] = stored
    return values


class _MemoryPool:
    """Postings kept in one list and sorted once.

    Whoosh's own pool pickles every posting to a temporary file and reads it back once
    it passes its memory limit: a fifth of a rebuild's time. A segment's postings fit in
    memory (about 20 KB a listing: see rebuilding.SEGMENT_LISTINGS).
    """

    def __init__(self) -> None:
        self.postings: list[tuple[str, bytes, int, float, bytes]] = []
        self.add = self.postings.append

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        self.postings.sort()
        return iter(self.postings)

    def cleanup(self) -> None:
        self.postings.clear()


class _FieldLengths:
    """Each document's field lengths, read once per document instead of once per posting."""

    def __init__(self, reader: Any, schema: Schema, doc_count: int) -> None:
        self._lengths = {name: [reader.doc_field_length(d, name) for d in range(doc_count)]
                         for name in schema.scorable_names()}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        return lengths[docnum] if lengths is not None else default


class _BulkWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped
    """A writer of one new segment for a rebuild: Whoosh's own files, written with less overhead."""

    def __init__(self, ix: Index) -> None:
        super().__init__(ix, _lk=False)
        self.pool = _MemoryPool()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader()
        try:
            lengths = _FieldLengths(reader, self.schema, self.docnum)
        finally:
            reader.close()
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
