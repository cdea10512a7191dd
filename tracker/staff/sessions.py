"""Signing in and out: one database row per signed-in browser, so any session can be ended.

Flask's session is a signed cookie, which the server cannot take back; the cookie here
names a row in ``staff_sessions`` instead, and a session whose row is ended or too old
is refused by the user loader (tracker.staff.access). That gives logout that really
ends the session, "log out everywhere", and a hard limit on a session's age.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, session
from flask_login import login_user, logout_user

from tracker.extensions import db
from tracker.models import utcnow
from tracker.staff.models import StaffSession, StaffUser, token_digest

log = logging.getLogger("tracker.staff.security")


def longest_session() -> timedelta:
    """How long a session may last however busy it is (idle sessions end sooner)."""
    return timedelta(hours=float(current_app.config.get("STAFF_SESSION_MAX_HOURS", 12)))


def log_in(user: StaffUser) -> None:
    """Start a new session for ``user`` in this browser (nothing from before carries over)."""
    # A fresh cookie at login: anything planted in the old session (fixation) is dropped,
    # and Flask-WTF makes a new CSRF token.
    session.clear()
    row, key = StaffSession.start(user, utcnow())
    db.session.add(row)
    db.session.commit()
    user.current_session_key = key
    login_user(user)
    session.permanent = True  # ends after PERMANENT_SESSION_LIFETIME without use
    log.info("staff login: account %s", user.id)


def current_row(user: StaffUser) -> StaffSession | None:
    """Return the session row of this request's browser."""
    if not user.current_session_key:
        return None
    return db.session.scalar(sa.select(StaffSession).where(StaffSession.key_hash == token_digest(user.current_session_key)))


def log_out(user: StaffUser) -> None:
    """End this browser's session."""
    log.info("staff logout: account %s", user.id)
    row = current_row(user)
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        db.session.commit()
    logout_user()
    session.clear()


def end_sessions(user: StaffUser, now: datetime, keep: StaffSession | None = None) -> int:
    """End every live session of ``user`` except ``keep``; return how many were ended. The caller commits."""
    rows = db.session.scalars(sa.select(StaffSession).where(StaffSession.user_id == user.id,
                                                            StaffSession.ended_at.is_(None)))
    ended = 0
    for row in rows:
        if keep is None or row.id != keep.id:
            row.ended_at = now
            ended += 1
    return ended


def session_user(session_id: str) -> StaffUser | None:
    """Return the account a session cookie names, if that session is live and the account active."""
    account_id, _, key = session_id.partition(":")
    if not account_id.isdigit() or not key:
        return None
    row = db.session.scalar(sa.select(StaffSession).where(StaffSession.key_hash == token_digest(key)))
    if row is None or row.user_id != int(account_id) or not row.is_live(utcnow(), longest_session()):
        return None
    user = row.user
    if not user.active:
        return None
    user.current_session_key = key
    return user
