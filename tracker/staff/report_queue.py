"""Problem reports as editors work through them: a queue by listing, and what resolves them.

The queue has one row per listing with open reports; the more reports, the higher it
stands (then the longest waiting first). Resolving acts on all of a listing's open
reports at once, with an audit entry on the listing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Listing, UTCDateTime
from tracker.problem_reports.models import CORRECTED, DISMISSED, HIDDEN, ProblemReport
from tracker.staff import audit, listings
from tracker.staff.models import StaffUser

QUEUE_LENGTH = 200


@dataclass(frozen=True)
class QueueRow:
    listing: Listing
    open_reports: int
    reasons: Counter[str]
    first_at: datetime
    latest_at: datetime


def queue(limit: int = QUEUE_LENGTH) -> list[QueueRow]:
    """Listings with open reports: the most reported first, then the longest waiting."""
    count = sa.func.count(ProblemReport.id).label("reports")
    first, latest = sa.func.min(ProblemReport.created_at).label("first"), sa.func.max(ProblemReport.created_at)
    rows = db.session.execute(sa.select(ProblemReport.listing_id, count, first, latest.label("latest"))
                              .where(ProblemReport.resolved_at.is_(None)).group_by(ProblemReport.listing_id)
                              .order_by(count.desc(), first, ProblemReport.listing_id).limit(limit)).all()
    if not rows:
        return []
    ids = [row.listing_id for row in rows]
    by_id = {row.id: row for row in db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids)))}
    reasons: dict[int, Counter[str]] = {i: Counter() for i in ids}
    for listing_id, reason in db.session.execute(sa.select(ProblemReport.listing_id, ProblemReport.reason)
                                                 .where(ProblemReport.resolved_at.is_(None),
                                                        ProblemReport.listing_id.in_(ids))):
        reasons[listing_id][reason] += 1
    return [QueueRow(by_id[row.listing_id], row.reports, reasons[row.listing_id], _aware(row.first),
                     _aware(row.latest)) for row in rows]


def _aware(value: datetime) -> datetime:
    # Aggregates skip the column type: SQLite hands back a naive (UTC) datetime.
    return UTCDateTime().process_result_value(value, None) or value


def waiting() -> int:
    """How many listings have open reports."""
    return db.session.scalar(sa.select(sa.func.count(sa.distinct(ProblemReport.listing_id)))
                             .where(ProblemReport.resolved_at.is_(None))) or 0


def open_reports(listing: Listing) -> list[ProblemReport]:
    return list(db.session.scalars(sa.select(ProblemReport).where(ProblemReport.listing_id == listing.id,
                                                                  ProblemReport.resolved_at.is_(None))
                                   .order_by(ProblemReport.id)))


def resolved_reports(listing: Listing, limit: int = 20) -> list[ProblemReport]:
    return list(db.session.scalars(sa.select(ProblemReport).where(ProblemReport.listing_id == listing.id,
                                                                  ProblemReport.resolved_at.is_not(None))
                                   .order_by(ProblemReport.resolved_at.desc(), ProblemReport.id.desc()).limit(limit)))


def _resolve_all(listing: Listing, resolution: str, by: StaffUser, now: datetime) -> int:
    found = open_reports(listing)
    for report in found:
        report.resolve(resolution, by.id, now)
    return len(found)


def dismiss(listing: Listing, by: StaffUser, now: datetime) -> int:
    """Close the listing's open reports: nothing is wrong with it. Return how many; the caller commits."""
    reasons = sorted(Counter(r.reason for r in open_reports(listing)).items())
    resolved = _resolve_all(listing, DISMISSED, by, now)
    if resolved:
        audit.record(by, "report.dismiss", listing, {"open_reports": resolved, "reasons": dict(reasons)},
                     {"resolution": DISMISSED})
    return resolved


def hide(listing: Listing, reason: str, by: StaffUser, now: datetime) -> int:
    """Take the listing off the site with a reason, and close its open reports; the caller commits, then reindexes."""
    listings.hide(listing, reason, by, now)
    resolved = _resolve_all(listing, HIDDEN, by, now)
    audit.record(by, "report.hide", listing, {"open_reports": resolved}, {"resolution": HIDDEN, "reason": reason})
    return resolved


def mark_corrected(listing: Listing, by: StaffUser, now: datetime) -> int:
    """Close the listing's open reports after an editor corrected it on the listing page."""
    resolved = _resolve_all(listing, CORRECTED, by, now)
    if resolved:
        audit.record(by, "report.corrected", listing, {"open_reports": resolved}, {"resolution": CORRECTED})
    return resolved
