"""Staff accounts, invitations and the audit log.

A staff account holds a name, an e-mail address, a role and the password's hash: nothing
more about the person. The audit log is append-only: rows are added, never changed.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models import UTCDateTime, utcnow

ADMIN, EDITOR, VIEWER = "admin", "editor", "viewer"
# Each role can do everything the roles after it can.
ROLES = (ADMIN, EDITOR, VIEWER)


def new_token() -> str:
    """Return a random URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Return what is stored for a token: its SHA-256, so a database leak gives no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class StaffUser(db.Model):  # type: ignore[name-defined]
    """A person who runs the site: an admin, an editor or a viewer."""

    __tablename__ = "staff_users"
    __allow_unmapped__ = True  # current_session_key below is a plain attribute, not a column

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    role: Mapped[str] = mapped_column(sa.String(20), default=VIEWER)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list[StaffSession]] = relationship(back_populates="user")

    # Flask-Login's interface. The session this request came with (set by the user loader,
    # or by log_in); get_id names it, so ending the row ends that browser's session.
    is_authenticated = True
    is_anonymous = False
    current_session_key: str | None = None

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """Return what the session cookie holds: the account and the key of this session."""
        return f"{self.id}:{self.current_session_key}"

    def can(self, role: str) -> bool:
        """Say whether this account has ``role`` or a stronger one."""
        return self.role in ROLES and ROLES.index(self.role) <= ROLES.index(role)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class StaffSession(db.Model):  # type: ignore[name-defined]
    """One signed-in browser: ended at logout, by "log out everywhere", or when it grows too old.

    The cookie carries a random key; only its digest is stored. Nothing about the browser
    or its address is kept.
    """

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[StaffUser] = relationship(back_populates="sessions")

    @classmethod
    def start(cls, user: StaffUser, now: datetime) -> tuple[StaffSession, str]:
        """Return a new session of ``user`` and its key (for the cookie)."""
        key = new_token()
        return cls(user=user, key_hash=token_digest(key), created_at=now), key

    def is_live(self, now: datetime, longest: timedelta) -> bool:
        """Say whether the session is neither ended nor older than ``longest``."""
        return self.ended_at is None and now - self.created_at < longest


class Invite(db.Model):  # type: ignore[name-defined]
    """A one-time link that lets someone create a staff account with a given role."""

    __tablename__ = "staff_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[StaffUser | None] = relationship()

    @classmethod
    def issue(cls, email: str, role: str, by: StaffUser | None, days: int, now: datetime) -> tuple[Invite, str]:
        """Return a new invite and its token (shown once; only its digest is stored)."""
        token = new_token()
        invite = cls(email=email, role=role, token_hash=token_digest(token), created_by=by,
                     created_at=now, expires_at=now + timedelta(days=days))
        return invite, token

    def is_usable(self, now: datetime) -> bool:
        """Say whether the link can still be used: not used, not revoked, not expired."""
        return self.used_at is None and self.revoked_at is None and now < self.expires_at

    def __str__(self) -> str:
        return f"invite for {self.email} ({self.role})"


class AuditEntry(db.Model):  # type: ignore[name-defined]
    """One change made by staff (or a command): who, what, when, and the values before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Null for changes made from the command line.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    # Who it was when it happened, kept even if the account changes later.
    actor_label: Mapped[str] = mapped_column(sa.String(400))
    action: Mapped[str] = mapped_column(sa.String(80), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(80))
    target_id: Mapped[str | None] = mapped_column(sa.String(80))
    target_label: Mapped[str] = mapped_column(sa.String(400))
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)

    actor: Mapped[StaffUser | None] = relationship()

    __table_args__ = (sa.Index("ix_audit_log_target", "target_type", "target_id"),)
