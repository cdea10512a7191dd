"""Listings as editors handle them: find, correct, hide and restore, each change audited and indexed."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tracker import corrections, link_checks
from tracker.extensions import db
from tracker.models import Listing, Source
from tracker.staff import audit
from tracker.staff.models import StaffUser

PER_PAGE = 50


def find(text: str, status: str, source_id: int | None, page: int) -> tuple[list[Listing], int]:
    """Return one page of listings matching the staff search, newest first, and the total."""
    statement = sa.select(Listing)
    text = text.strip()
    if text.isdigit():
        statement = statement.where(Listing.id == int(text))
    elif text:
        pattern = f"%{text.lower()}%"
        statement = statement.where(sa.or_(sa.func.lower(Listing.title).like(pattern),
                                           sa.func.lower(Listing.organisation).like(pattern)))
    if status == "hidden":
        statement = statement.where(Listing.hidden_reason.is_not(None))
    elif status == "corrected":
        statement = statement.where(Listing.corrections.is_not(None))
    elif status in Listing.STATUSES:
        statement = statement.where(Listing.status == status)
    if source_id:
        statement = statement.where(Listing.source_id == source_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0
    rows = db.session.scalars(statement.order_by(Listing.id.desc()).offset((page - 1) * PER_PAGE).limit(PER_PAGE))
    return list(rows), total


def source_choices() -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in db.session.execute(sa.select(Source.id, Source.name).order_by(Source.name))]


def with_feed_changes() -> list[Listing]:
    """Corrected listings whose feed has since changed a corrected field."""
    rows = db.session.scalars(sa.select(Listing).where(Listing.corrections.is_not(None)).order_by(Listing.id))
    return [row for row in rows if corrections.feed_changes(row)]


def correct(listing: Listing, wanted: dict[str, Any], by: StaffUser) -> bool:
    """Apply an editor's corrections; say whether anything changed. The caller commits, then reindexes."""
    before, after = corrections.correct(listing, wanted)
    if after:
        audit.record(by, "listing.correct", listing, before, after)
    return bool(after)


def hide(listing: Listing, reason: str, by: StaffUser, now: datetime) -> None:
    before = {"status": listing.status}
    corrections.hide(listing, reason, now)
    audit.record(by, "listing.hide", listing, before, {"status": listing.status, "reason": reason})


def restore(listing: Listing, by: StaffUser, now: datetime) -> None:
    before = {"status": listing.status, "reason": listing.hidden_reason}
    link_checks.forgive(listing)  # put back after looking: a link that failed before starts a new count
    corrections.unhide(listing, now)
    audit.record(by, "listing.restore", listing, before, {"status": listing.status})


def settle_feed_change(listing: Listing, field: str, keep: bool, by: StaffUser) -> None:
    """Keep a correction over the feed's new value, or take the feed's value."""
    before = audit.snapshot(listing, [field])
    if keep:
        corrections.keep_correction(listing, field)
        audit.record(by, "listing.keep_correction", listing, before,
                     {field: (listing.feed_values or {}).get(field), "kept": True})
    else:
        corrections.take_feed_value(listing, field)
        audit.record(by, "listing.take_feed_value", listing, before, audit.snapshot(listing, [field]))
