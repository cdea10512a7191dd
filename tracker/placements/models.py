"""Placement figures staff enter for the 30% goal: aggregate counts per school year, never a student."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models import UTCDateTime, utcnow

DISTRICT = ""  # the school column of the whole district's row


class PlacementFigure(db.Model):  # type: ignore[name-defined]
    """For one school year (and optionally one school): juniors and seniors, and how many completed a placement."""

    __tablename__ = "placement_figures"
    __table_args__ = (
        sa.UniqueConstraint("school_year", "school", name="uq_placement_year_school"),
        sa.CheckConstraint("completed >= 0 AND juniors_seniors >= completed", name="ck_placement_counts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The calendar year the school year starts in: 2024 is 2024–25.
    school_year: Mapped[int] = mapped_column(index=True)
    school: Mapped[str] = mapped_column(sa.String(120), default=DISTRICT)
    juniors_seniors: Mapped[int]   # enrolled in 11th and 12th grade
    completed: Mapped[int]         # of whom completed an internship or work-based-learning placement
    source: Mapped[str] = mapped_column(sa.String(300))
    source_url: Mapped[str | None] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def school_year_label(self) -> str:
        return year_label(self.school_year)

    def __str__(self) -> str:
        return f"{self.school_year_label} {self.school or 'district'}"


def year_label(start: int) -> str:
    """Return '2024–25' for 2024."""
    return f"{start}–{(start + 1) % 100:02d}"
