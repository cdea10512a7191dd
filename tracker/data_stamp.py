"""When the public listing data last changed: one row, moved by every writer of listings.

Writers call touch_data_stamp() inside the transaction that changes listings (ingest
store and expiry, reindexing, staff corrections), so the stamp commits or rolls back
with the change itself. Readers (Last-Modified of the API, feeds and sitemap) read one
row instead of scanning the listings table.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import DataVersion, utcnow

ROW_ID = 1


def touch_data_stamp(when: datetime | None = None) -> None:
    """Record, in the caller's transaction, that listings changed; the caller commits."""
    when = when or utcnow()
    moved = db.session.execute(
        sa.update(DataVersion).where(DataVersion.id == ROW_ID)
        .values(counter=DataVersion.counter + 1, changed_at=when)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount == 0:  # type: ignore[attr-defined]
        # A database made by create_all (tests) rather than the migration, which adds the row.
        db.session.add(DataVersion(id=ROW_ID, counter=1, changed_at=when))
        db.session.flush()


def data_stamp() -> tuple[int, datetime | None]:
    """Return how many changes have been recorded and when the last one was (None before any)."""
    row = db.session.execute(
        sa.select(DataVersion.counter, DataVersion.changed_at).where(DataVersion.id == ROW_ID)
    ).first()
    return (row.counter, row.changed_at) if row is not None else (0, None)
