"""A problem someone reported with a listing: a reason, optional words, and what staff did about it.

Nothing about the person who reported it is stored: no account, address, e-mail or
browser. The free text has e-mail addresses and phone numbers taken out before it is
stored (tracker/problem_reports/text.py).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models import Listing, UTCDateTime, utcnow

CLOSED, WRONG_DETAILS, BROKEN_LINK, UNSUITABLE, SCAM = "closed", "wrong-details", "broken-link", "unsuitable", "scam"
REASONS = (CLOSED, WRONG_DETAILS, BROKEN_LINK, UNSUITABLE, SCAM)
# What an editor did with a report.
DISMISSED, HIDDEN, CORRECTED = "dismissed", "hidden", "corrected"
RESOLUTIONS = (DISMISSED, HIDDEN, CORRECTED)
DETAILS_LIMIT = 1000


class ProblemReport(db.Model):  # type: ignore[name-defined]
    """One report on one listing, open until an editor resolves it."""

    __tablename__ = "problem_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", name="fk_problem_reports_listing_id"),
                                            index=True)
    reason: Mapped[str] = mapped_column(sa.String(20))
    details: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    resolution: Mapped[str | None] = mapped_column(sa.String(20))
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_users.id", name="fk_problem_reports_resolved_by_id"))

    listing: Mapped[Listing] = relationship()

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def resolve(self, resolution: str, by_id: int | None, when: datetime) -> None:
        """Close the report, saying what was done."""
        if resolution not in RESOLUTIONS:
            raise ValueError(f"unknown resolution {resolution!r}")
        self.resolution, self.resolved_by_id, self.resolved_at = resolution, by_id, when

    def __str__(self) -> str:
        return f"report {self.id} ({self.reason}) on listing {self.listing_id}"
