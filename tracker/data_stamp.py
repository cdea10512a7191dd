"""When the public listing data last changed: one row, moved by every writer of listings.

The stamp moves inside the transaction that changes listings, so it commits or rolls
back with the change itself: any flush that adds, changes or deletes a Listing through
the ORM moves it (staff corrections need do nothing), and writers that go around the
ORM (bulk inserts) or change what searches find without a row changing (reindexing)
call touch_data_stamp(). Readers (Last-Modified of the API, feeds and sitemap) read one
row instead of scanning the listings table.
"""
from __future__ import annotations

from datetime import datetime
from itertools import chain
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tracker.extensions import db
from tracker.models import DataVersion, Listing, utcnow

ROW_ID = 1
_TABLE = DataVersion.__table__
_MOVED = "data_stamp_moved"  # in Session.info: this transaction has moved the stamp


def touch_data_stamp(when: datetime | None = None) -> None:
    """Record, in the caller's transaction, that listings changed; the caller commits."""
    _move(db.session(), when or utcnow())


def _move(session: Session, when: datetime) -> None:
    # Core statements on the session's connection: no autoflush, so this also runs inside a flush.
    connection = session.connection()
    moved = connection.execute(
        _TABLE.update().where(_TABLE.c.id == ROW_ID).values(counter=_TABLE.c.counter + 1, changed_at=when))
    if moved.rowcount == 0:
        # A database made by create_all (tests) rather than the migration, which adds the row.
        connection.execute(_TABLE.insert().values(id=ROW_ID, counter=1, changed_at=when))
    session.info[_MOVED] = True


@sa.event.listens_for(Session, "before_flush")
def _stamp_listing_changes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_MOVED):
        return  # once per transaction is enough: readers see the change when it commits
    changed = chain(session.new, session.deleted, (o for o in session.dirty if session.is_modified(o)))
    if any(isinstance(obj, Listing) for obj in changed):
        _move(session, utcnow())


@sa.event.listens_for(Session, "after_commit")
@sa.event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_MOVED, None)


def data_stamp() -> tuple[int, datetime | None]:
    """Return how many changes have been recorded and when the last one was (None before any)."""
    row = db.session.execute(
        sa.select(DataVersion.counter, DataVersion.changed_at).where(DataVersion.id == ROW_ID)
    ).first()
    return (row.counter, row.changed_at) if row is not None else (0, None)
