"""Keep the search index in step with the database, whatever moment a writer died.

The database is the truth and commits first; the index follows. A process killed
between the two (or an index writer that timed out) leaves the index behind, and a
later ingest may find its sources unchanged and write nothing. So each ingest run and
``flask index verify`` compare every document's recorded version (Listing.index_version)
with the database, and a run applies the difference before it starts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from tracker import search
from tracker.data_stamp import touch_data_stamp
from tracker.extensions import db
from tracker.listings import reindex_all
from tracker.models import Listing, index_version

# When more than this share of the listings needs writing, a rebuild is the faster way.
REBUILD_SHARE = 0.5
_LOAD_CHUNK = 500


@dataclass
class IndexDifference:
    """How the index differs from the database (listing ids, sorted)."""

    expected: int = 0  # open listings the public can search, so the index must hold
    indexed: int = 0  # documents in the index
    missing: list[int] = field(default_factory=list)  # open, but not in the index
    stale: list[int] = field(default_factory=list)  # in the index as an older version of the row
    extra: list[int] = field(default_factory=list)  # in the index, but closed, hidden or gone
    duplicated: list[int] = field(default_factory=list)  # in the index more than once
    outdated: bool = False  # built by an older schema: only a rebuild reads it

    @property
    def clean(self) -> bool:
        return not (self.outdated or self.missing or self.stale or self.extra or self.duplicated)

    def summary(self) -> str:
        """Say in a few lines whether the index agrees with the database, and if not how."""
        if self.outdated:
            return "The search index was built by an older version: run `flask reindex`."
        head = f"{self.indexed} documents in the index, {self.expected} open listings in the database"
        if self.clean:
            return f"{head}: they agree."
        lines = [f"{head}: they differ."]
        for label, ids in (("missing (open but not searchable)", self.missing),
                           ("stale (indexed as an older version)", self.stale),
                           ("extra (closed, hidden or deleted but still indexed)", self.extra),
                           ("duplicated (indexed more than once)", self.duplicated)):
            if ids:
                shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
                lines.append(f"  {len(ids)} {label}: {shown}")
        return "\n".join(lines)


def compare(today: date) -> IndexDifference:
    """Compare the current index with the open listings in the database."""
    if not search.index_is_current():
        return IndexDifference(outdated=True)
    documents = search.indexed_versions()
    indexed = dict(documents)
    rows = db.session.execute(
        sa.select(Listing.id, Listing.content_hash, Listing.updated_at, Listing.deadline)
        .where(Listing.status == Listing.ACTIVE, Listing.duplicate_of_id.is_(None))
    ).all()
    # Past its deadline a listing leaves searches at once (the search reads deadlines)
    # and the index at the next ingest: until then it may or may not be indexed.
    allowed = {row.id: index_version(row.content_hash, row.updated_at) for row in rows}
    required = {row.id for row in rows if row.deadline is None or row.deadline >= today}
    return IndexDifference(
        expected=len(required),
        indexed=len(documents),
        missing=sorted(required - indexed.keys()),
        stale=sorted(i for i, version in indexed.items() if i in allowed and allowed[i] != version),
        extra=sorted(indexed.keys() - allowed.keys()),
        duplicated=sorted(i for i, times in Counter(i for i, _ in documents).items() if times > 1),
    )


def reconcile(today: date) -> IndexDifference:
    """Bring the index in step with the database; return the difference it found and mended.

    Call it under the site's writer lock (tracker.locks), as ingest runs and reindexing do.
    """
    search.remove_orphans()
    found = compare(today)
    if found.clean:
        return found
    rewrite = sorted((set(found.missing) | set(found.stale) | set(found.duplicated)) - set(found.extra))
    if found.outdated or (len(rewrite) > _LOAD_CHUNK and len(rewrite) > REBUILD_SHARE * found.expected):
        reindex_all()
        return found
    documents: list[dict[str, Any]] = []
    for start in range(0, len(rewrite), _LOAD_CHUNK):
        chunk = rewrite[start:start + _LOAD_CHUNK]
        documents.extend(search.document_for(listing)
                         for listing in db.session.scalars(sa.select(Listing).where(Listing.id.in_(chunk))))
    search.apply_changes(documents, found.extra)
    touch_data_stamp()  # what searches find has changed
    db.session.commit()
    return found
