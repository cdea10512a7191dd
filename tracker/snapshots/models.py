"""The history tables: one row per day, and that day's aggregate counts beside it."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models import UTCDateTime, utcnow


class Snapshot(db.Model):  # type: ignore[name-defined]
    """One day of the tracker's history: when it was counted and how."""

    __tablename__ = "snapshots"

    INGEST, COMMAND, BACKFILL = "ingest", "command", "backfill"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # ingest / command: counted from the listings as they were; backfill: derived later
    # from first-seen, closed and deadline dates, with the listings' current fields.
    method: Mapped[str] = mapped_column(sa.String(20))

    counts: Mapped[list[SnapshotCount]] = relationship(back_populates="snapshot", cascade="all, delete-orphan")


class SnapshotCount(db.Model):  # type: ignore[name-defined]
    """One aggregate figure of a day: a measure (kind, pay, zip…), a key within it, a value."""

    __tablename__ = "snapshot_counts"
    __table_args__ = (
        sa.UniqueConstraint("snapshot_id", "measure", "key", name="uq_snapshot_count"),
        # Reports read one measure across many days.
        sa.Index("ix_snapshot_counts_measure_key", "measure", "key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(sa.ForeignKey("snapshots.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(sa.String(40))
    key: Mapped[str] = mapped_column(sa.String(160))
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))

    snapshot: Mapped[Snapshot] = relationship(back_populates="counts")
