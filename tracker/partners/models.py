"""What a partner's submission carries beside its listing: the contact, the policy answers, the links.

The listing itself (tracker.models.Listing) holds the opportunity and its moderation
status. Here is only what the public never sees: the organisation's contact address
(never a student's: partners are organisations), the answers to the posting policy, and
the digests of the private links. Links are stored as SHA-256 digests, so a database leak
gives no working link.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from tracker.extensions import db
from tracker.models import Listing, UTCDateTime, utcnow
from tracker.staff.models import new_token, token_digest


class PartnerSubmission(db.Model):  # type: ignore[name-defined]
    """One partner's listing: who to write to, what they promised, and their private links."""

    __tablename__ = "partner_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id"), unique=True)
    contact_email: Mapped[str] = mapped_column(sa.String(254))
    # The adult at the organisation who supervises the young people (the policy asks for one).
    supervisor: Mapped[str] = mapped_column(sa.String(120))
    # The posting policy's questions and the partner's answers ({"no_fees": true, ...}).
    policy: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # The language the partner used: their mails are written in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # The one-time link that confirms the contact address; cleared when used.
    confirm_digest: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    confirm_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The private link to edit, close or renew the listing, for as long as it exists.
    manage_digest: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # The link in the latest "is it still open?" reminder.
    still_open_digest: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    # When the partner last said the opportunity is open (confirmed, approved or renewed).
    last_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when it expired because nobody confirmed it was still open (not by its deadline).
    lapsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The editor's reason, mailed to the partner, when it was rejected.
    reject_reason: Mapped[str | None] = mapped_column(sa.Text)

    listing: Mapped[Listing] = relationship(backref=backref("partner", uselist=False))

    def issue_confirm_link(self, now: datetime, hours: float) -> str:
        """Return a new one-time confirmation token, valid for ``hours``; only its digest is kept."""
        token = new_token()
        self.confirm_digest, self.confirm_expires_at = token_digest(token), now + timedelta(hours=hours)
        return token

    def issue_manage_link(self) -> str:
        token = new_token()
        self.manage_digest = token_digest(token)
        return token

    def issue_still_open_link(self) -> str:
        token = new_token()
        self.still_open_digest = token_digest(token)
        return token

    def confirm_link_usable(self, now: datetime) -> bool:
        return (self.confirm_digest is not None and self.confirm_expires_at is not None
                and now < self.confirm_expires_at and self.listing.status == Listing.DRAFT)

    def __str__(self) -> str:
        return f"{self.listing.title} ({self.listing.organisation})"


def find_by_token(column: str, token: str) -> PartnerSubmission | None:
    """Return the submission whose ``column`` (a *_digest column) holds ``token``'s digest."""
    if not token or len(token) > 100:
        return None
    digest_column = getattr(PartnerSubmission, column)
    found: PartnerSubmission | None = db.session.scalar(
        sa.select(PartnerSubmission).where(digest_column == token_digest(token)))
    return found
