"""An e-mail alert: an address, a search and a schedule, and what has been sent for it.

Nothing else about a person is stored. The address is deleted (not marked) when the
alert is cancelled, and an alert never confirmed is deleted once its link has expired.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import date, datetime, timedelta
from urllib.parse import parse_qsl

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from tracker.extensions import db
from tracker.models import UTCDateTime, utcnow
from tracker.query import ListingQuery

DAILY, WEEKLY = "daily", "weekly"
SCHEDULES = (DAILY, WEEKLY)
SCHEDULE_DAYS = {DAILY: 1, WEEKLY: 7}


def new_token() -> str:
    """Return a random URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Return what is stored for a token: its SHA-256, so a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def search_digest(search: str) -> str:
    return hashlib.sha256(search.encode()).hexdigest()


class Alert(db.Model):  # type: ignore[name-defined]
    """One address's alert for one search (the search's canonical query string)."""

    __tablename__ = "alerts"
    __table_args__ = (sa.UniqueConstraint("email", "search_digest", name="uq_alert_email_search"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Looked up by the unique (email, search_digest) index, whose first column it is.
    email: Mapped[str] = mapped_column(sa.String(254))
    search: Mapped[str] = mapped_column(sa.Text)
    search_digest: Mapped[str] = mapped_column(sa.String(64))
    schedule: Mapped[str] = mapped_column(sa.String(10))
    # The language of the page it was made on: its mails are written in it.
    language: Mapped[str] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Double opt-in: the digest of the link sent to the address, cleared once it is used.
    confirm_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The manage/unsubscribe link is rebuilt for each mail from this salt and SECRET_KEY
    # (manage_token); only its digest is stored, to find the alert from the link.
    manage_salt: Mapped[str] = mapped_column(sa.String(64))
    manage_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The site day it was last checked for new listings (set when confirmed), and the
    # time up to which listings were looked at then.
    checked_on: Mapped[date | None]
    checked_through: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @classmethod
    def make(cls, email: str, search: str, schedule: str, language: str, now: datetime) -> Alert:
        """Return a new, unconfirmed alert."""
        alert = cls(email=email, search=search, search_digest=search_digest(search), schedule=schedule,
                    language=language, manage_salt=new_token(), created_at=now)
        alert.manage_hash = token_digest(alert.manage_token())
        return alert

    def manage_token(self) -> str:
        """Return the token of this alert's manage/unsubscribe link."""
        key = str(current_app.config["SECRET_KEY"]).encode()
        mac = hmac.new(key, f"alert-manage:{self.manage_salt}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def issue_confirmation(self, now: datetime) -> str:
        """Return a new confirmation token (its digest is stored; the link expires)."""
        token = new_token()
        self.confirm_hash, self.confirm_sent_at = token_digest(token), now
        return token

    def confirmation_expired(self, now: datetime) -> bool:
        hours = float(current_app.config["ALERTS_CONFIRM_HOURS"])
        return self.confirm_sent_at is None or now - self.confirm_sent_at > timedelta(hours=hours)

    def confirm(self, now: datetime, today: date) -> None:
        """Start sending: listings first seen from now on are new to this address."""
        self.confirm_hash, self.confirmed_at = None, now
        self.checked_on, self.checked_through = today, now

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def query(self) -> ListingQuery:
        """Return the search, read as the search page reads its URL."""
        args = MultiDict(parse_qsl(self.search))
        return ListingQuery.from_args(args, current_app.config["MAX_QUERY_LENGTH"])[0]

    @classmethod
    def due(cls, today: date) -> sa.ColumnElement[bool]:
        """Return the SQL condition for confirmed alerts whose next mail is due today."""
        return sa.and_(cls.confirmed_at.is_not(None), sa.or_(*(
            sa.and_(cls.schedule == schedule, cls.checked_on <= today - timedelta(days=days))
            for schedule, days in SCHEDULE_DAYS.items())))


class AlertSent(db.Model):  # type: ignore[name-defined]
    """A listing already mailed to an alert, kept while it could be found new again (sending.LATE)."""

    __tablename__ = "alert_sent"

    alert_id: Mapped[int] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
