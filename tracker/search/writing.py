"""Small changes to the current index: one writer at a time, committed or cancelled whole."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh.index import LockError

from tracker.search.protocols import Index, Writer
from tracker.search.vocabulary import Vocabulary


class IndexBusy(RuntimeError):
    """Another process holds the index writer lock for longer than the timeout."""


@contextmanager
def writer(ix: Index, timeout: float) -> Iterator[Writer]:
    """Yield an index writer that commits on success and cancels (and re-raises) on error."""
    try:
        w = ix.writer(timeout=timeout)
    except LockError as exc:
        raise IndexBusy(f"the search index is locked by another writer (waited {timeout:g}s)") from exc
    try:
        yield w
    except BaseException:
        w.cancel()
        raise
    w.commit()


def apply_changes(ix: Index, generation: Path, timeout: float,
                  documents: Iterable[dict[str, Any]], deletions: Iterable[int]) -> None:
    """Add or replace ``documents`` (from document_for) and remove ``deletions`` (ids) in one commit."""
    documents = list(documents)
    with writer(ix, timeout) as w:
        for listing_id in deletions:
            w.delete_by_term("id", str(listing_id))
        for document in documents:
            w.update_document(**document)
        if documents:
            # Under the writer lock, so two writers never lose each other's words.
            words = Vocabulary.load(generation)
            for document in documents:
                words.add(document["content"])
            words.save(generation)
