"""Subscribing, confirming, changing and cancelling an alert."""
from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask import current_app

from tracker import mail
from tracker.alerts import mails
from tracker.alerts.models import Alert, AlertSent, search_digest, token_digest
from tracker.extensions import db
from tracker.query import ListingQuery
from tracker.shortlinks import canonical_args

# A token longer than this names no alert (ours are 43 characters); not worth hashing.
MAX_TOKEN_LENGTH = 100


class Outcome(enum.Enum):
    SENT = "sent"  # a confirmation link went to the address
    ALREADY = "already"  # the address already gets this search: nothing sent
    TOO_SOON = "too-soon"  # a confirmation went to the address moments ago: nothing sent
    MAIL_FAILED = "mail-failed"  # the mail server refused it: nothing kept


def subscribe(email: str, query: ListingQuery, schedule: str, language: str, now: datetime) -> Outcome:
    """Ask ``email`` to confirm an alert for ``query``; at most one confirmation per address in a short time."""
    search = canonical_args(query)
    alert = db.session.scalar(sa.select(Alert).where(Alert.email == email,
                                                     Alert.search_digest == search_digest(search)))
    if alert is not None and alert.is_confirmed:
        return Outcome.ALREADY
    interval = timedelta(minutes=float(current_app.config["ALERTS_CONFIRM_INTERVAL_MINUTES"]))
    last_sent = db.session.scalar(sa.select(sa.func.max(Alert.confirm_sent_at)).where(Alert.email == email))
    if last_sent is not None and now - _aware(last_sent) < interval:
        return Outcome.TOO_SOON
    created = alert is None
    if alert is None:
        alert = Alert.make(email, search, schedule, language, now)
        db.session.add(alert)
    previous_sent_at = alert.confirm_sent_at
    alert.schedule, alert.language = schedule, language
    token = alert.issue_confirmation(now)
    db.session.commit()  # the link must work by the time the mail arrives
    try:
        mails.send_confirmation(alert, token)
    except mail.MailError:
        if created:
            db.session.delete(alert)
        else:
            alert.confirm_hash, alert.confirm_sent_at = None, previous_sent_at
        db.session.commit()
        return Outcome.MAIL_FAILED
    return Outcome.SENT


def _aware(value: datetime) -> datetime:
    # MAX() bypasses the column type on SQLite, which hands back a naive UTC value.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def by_confirm_token(token: str) -> Alert | None:
    """Return the unconfirmed alert a confirmation link names, if any."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(sa.select(Alert).where(Alert.confirm_hash == token_digest(token)))


def by_manage_token(token: str) -> Alert | None:
    """Return the alert a manage/unsubscribe link names, if any."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(sa.select(Alert).where(Alert.manage_hash == token_digest(token)))


def cancel(alert: Alert) -> None:
    """Delete the alert, its address and what was sent for it."""
    db.session.execute(sa.delete(AlertSent).where(AlertSent.alert_id == alert.id))
    db.session.delete(alert)
    db.session.commit()


def remove_unconfirmed(now: datetime) -> int:
    """Delete alerts whose confirmation link expired unused; return how many."""
    hours = float(current_app.config["ALERTS_CONFIRM_HOURS"])
    result = db.session.execute(sa.delete(Alert).where(Alert.confirmed_at.is_(None),
                                                       Alert.confirm_sent_at < now - timedelta(hours=hours)))
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def counts() -> dict[str, int]:
    """Return how many alerts are confirmed daily, confirmed weekly, and waiting for confirmation (for staff)."""
    rows = db.session.execute(sa.select(Alert.schedule, Alert.confirmed_at.is_not(None), sa.func.count())
                              .group_by(Alert.schedule, Alert.confirmed_at.is_not(None))).all()
    found = {"daily": 0, "weekly": 0, "unconfirmed": 0}
    for schedule, confirmed, count in rows:
        found[schedule if confirmed else "unconfirmed"] += int(count)
    return found
