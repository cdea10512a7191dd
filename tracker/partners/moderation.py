"""The moderation queue: what waits, what it may repeat, and the editor's approve and reject.

Approving publishes and indexes at once; rejecting keeps the listing off the site and
mails the editor's reason to the partner. Each is in the audit log.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Listing
from tracker.partners.models import PartnerSubmission
from tracker.staff import audit
from tracker.staff.models import StaffUser


def queue() -> list[PartnerSubmission]:
    """Submissions waiting for an editor (confirmed, in review), oldest first."""
    return list(db.session.scalars(
        sa.select(PartnerSubmission).join(PartnerSubmission.listing)
        .where(Listing.status == Listing.PENDING).order_by(Listing.updated_at, Listing.id)))


def unconfirmed_count() -> int:
    """Drafts whose partner has not confirmed the address yet (they are not in the queue)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.status == Listing.DRAFT)) or 0


def likely_duplicates(listing: Listing) -> list[Listing]:
    """Other listings with the same fingerprint or apply link (the ingest dedupe's keys), newest first."""
    keys = []
    if listing.fingerprint:
        keys.append(Listing.fingerprint == listing.fingerprint)
    if listing.apply_url:
        keys.append(Listing.apply_url == listing.apply_url)
    if not keys:
        return []
    return list(db.session.scalars(sa.select(Listing).where(sa.or_(*keys), Listing.id != listing.id)
                                   .order_by(Listing.id.desc()).limit(20)))


def approve(submission: PartnerSubmission, by: StaffUser, now: datetime) -> None:
    """Publish the listing (the caller commits, then reindexes)."""
    listing = submission.listing
    before = listing.status
    listing.approve(now)
    listing.posted_at = listing.posted_at or now
    submission.last_confirmed_at, submission.reminder_sent_at, submission.lapsed_at = now, None, None
    submission.reject_reason = None
    audit.record(by, "partner.approve", listing, {"status": before}, {"status": listing.status})


def reject(submission: PartnerSubmission, reason: str, by: StaffUser, now: datetime) -> None:
    """Refuse the listing with a reason the partner is sent (the caller commits, then reindexes)."""
    listing = submission.listing
    before = listing.status
    listing.reject(now)
    submission.reject_reason = reason
    audit.record(by, "partner.reject", listing, {"status": before}, {"status": listing.status, "reason": reason})
