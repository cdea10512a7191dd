"""`alerts send`: mail each alert that is due the listings new to it since its last mail.

"New" is a listing first seen after the alert was made, and never mailed to it before.
Listings are looked for back to LATE before the previous check, because the search index
can lag the database (an ingest commits its listings, then writes the index) and an editor
may approve a partner's submission days after it came in; what was already mailed is
recorded (AlertSent) and never mailed twice.

Each alert is claimed by one UPDATE that also makes it not due, committed with the record
of what its mail holds before the mail goes out. So a second run the same day finds
nothing to do, two runs at once never both send, and a run that dies after the commit
loses that one mail rather than sending it twice; a refused mail is undone and retried
on the next run. A run deletes only alerts never confirmed: it never loses a subscriber.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tracker import clock, mail, search
from tracker.alerts import mails
from tracker.alerts.models import Alert, AlertSent
from tracker.alerts.subscriptions import remove_unconfirmed
from tracker.extensions import db
from tracker.models import Listing

log = logging.getLogger(__name__)

LATE = timedelta(days=14)


@dataclass
class Summary:
    """What one run did."""

    checked: int = 0
    sent: int = 0
    nothing_new: int = 0
    failed: list[str] = field(default_factory=list)
    removed_unconfirmed: int = 0

    def __str__(self) -> str:
        return (f"Checked {self.checked} alerts: {self.sent} mails sent, {self.nothing_new} with nothing new, "
                f"{len(self.failed)} failed; removed {self.removed_unconfirmed} never confirmed.")


def send_due() -> Summary:
    """Mail every alert due today its new listings; return what was done."""
    now, today = clock.utc_now(), clock.site_today()
    summary = Summary(removed_unconfirmed=remove_unconfirmed(now))
    due = db.session.scalars(sa.select(Alert.id).where(Alert.due(today)).order_by(Alert.id)).all()
    db.session.rollback()
    for alert_id in due:
        outcome = _check(alert_id, now, today)
        if outcome is None:
            continue  # another run took it, or it was cancelled meanwhile
        summary.checked += 1
        if outcome == "sent":
            summary.sent += 1
        elif outcome == "nothing":
            summary.nothing_new += 1
        else:
            summary.failed.append(outcome)
    return summary


def _check(alert_id: int, now: datetime, today: date) -> str | None:
    before = db.session.execute(sa.select(Alert.checked_on, Alert.checked_through).where(Alert.id == alert_id)).first()
    claimed = db.session.execute(sa.update(Alert).where(Alert.id == alert_id, Alert.due(today))
                                 .values(checked_on=today).execution_options(synchronize_session=False))
    if before is None or not claimed.rowcount:  # type: ignore[attr-defined]
        db.session.rollback()
        return None
    alert = db.session.get(Alert, alert_id)
    assert alert is not None
    db.session.refresh(alert)
    new = new_listings(alert, now, today)
    alert.checked_through = now
    if not new:
        _forget_old(alert.id, now)
        db.session.commit()
        return "nothing"
    db.session.add_all(AlertSent(alert_id=alert.id, listing_id=listing.id, sent_at=now) for listing in new)
    db.session.commit()  # from here this mail counts as sent: a run that dies now never sends it twice
    try:
        mails.send_matches(alert, new[:int(current_app.config["ALERTS_PER_MAIL"])], len(new))
    except mail.MailError as exc:
        log.warning("alert %s: %s", alert_id, exc)
        _undo(alert_id, [listing.id for listing in new], now, before.checked_on, before.checked_through)
        return f"alert {alert_id}: {exc}"
    _forget_old(alert_id, now)
    db.session.commit()
    return "sent"


def _forget_old(alert_id: int, now: datetime) -> None:
    # A listing mailed before now - LATE was first seen before it too: no later check looks that far back.
    db.session.execute(sa.delete(AlertSent).where(AlertSent.alert_id == alert_id, AlertSent.sent_at <= now - LATE))


def _undo(alert_id: int, listing_ids: list[int], now: datetime, checked_on: date | None,
          checked_through: datetime | None) -> None:
    """Forget a mail the server refused, so the next run sends it."""
    db.session.execute(sa.delete(AlertSent).where(AlertSent.alert_id == alert_id, AlertSent.listing_id.in_(listing_ids),
                                                  AlertSent.sent_at == now))
    db.session.execute(sa.update(Alert).where(Alert.id == alert_id)
                       .values(checked_on=checked_on, checked_through=checked_through))
    db.session.commit()


def new_listings(alert: Alert, now: datetime, today: date) -> list[Listing]:
    """Return the open listings ``alert``'s search finds that are new to it, newest first."""
    since = alert.created_at
    if alert.checked_through is not None:
        since = max(since, alert.checked_through - LATE)
    already = sa.select(AlertSent.listing_id).where(AlertSent.alert_id == alert.id)
    candidates = db.session.scalars(
        sa.select(Listing).where(Listing.visible(today), Listing.first_seen_at > since, Listing.first_seen_at <= now,
                                 Listing.id.not_in(already))
        .order_by(Listing.first_seen_at.desc(), Listing.id.desc())).all()
    if not candidates:
        return []
    found = search.matching_ids(alert.query(), today)
    return [listing for listing in candidates if listing.id in found]
