"""Staff accounts as operations: invite, accept an invite, change a role, disable.

Each returns what happened and leaves the commit to the caller; each adds its audit entry.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app, url_for

from tracker import mail
from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.staff import audit, passwords, sessions
from tracker.staff.models import ADMIN, Invite, StaffSession, StaffUser, token_digest
from tracker.staff.words import role_name

ACCOUNT_FIELDS = ("name", "email", "role", "active")


class LastAdmin(ValueError):
    """The change would leave no active admin to manage accounts."""


def invite(email: str, role: str, by: StaffUser, now: datetime) -> tuple[Invite, str]:
    """Issue a one-time link for ``email`` to join as ``role``; earlier open invites to that address end."""
    for earlier in db.session.scalars(sa.select(Invite).where(Invite.email == email, Invite.used_at.is_(None),
                                                              Invite.revoked_at.is_(None))):
        earlier.revoked_at = now
    created, token = Invite.issue(email, role, by, current_app.config["STAFF_INVITE_DAYS"], now)
    db.session.add(created)
    db.session.flush()
    audit.record(by, "invite.create", created, None,
                 {"email": email, "role": role, "expires_at": created.expires_at})
    return created, token


def invite_link(token: str) -> str:
    """Return the full address of an invitation."""
    return url_for("staff.accept_invite", token=token, _external=True)


def mail_invite(created: Invite, link: str) -> bool:
    """E-mail the link when SMTP is configured; say whether it was sent."""
    if not mail.is_configured():
        return False
    site = current_app.config["SITE_NAME"]
    body = _("You are invited to help run %(site)s as %(role)s.\n\nChoose your name and password here "
             "(the link works once, until %(expires)s UTC):\n%(link)s\n\nIf you did not expect this, ignore this mail.",
             site=site, role=role_name(created.role), expires=f"{created.expires_at:%Y-%m-%d %H:%M}", link=link)
    try:
        mail.send(created.email, _("Your staff account at %(site)s", site=site), body)
    except mail.MailError:
        return False
    return True


def notify_password_changed(user: StaffUser, when: datetime) -> None:
    """Tell the account's owner their password changed (ASVS 2.2.3), so a change they did not
    make does not go unnoticed. Sent to the log when SMTP is unset; a failing server is logged,
    never an error for the person who just changed it."""
    site = current_app.config["SITE_NAME"]
    body = _("The password of your staff account at %(site)s (%(email)s) was changed on %(when)s UTC, and "
             "the account's other sessions were ended.\n\nIf you did not do this, tell an administrator of "
             "the site now: they can disable the account and send you a new invitation.",
             site=site, email=user.email, when=f"{when:%Y-%m-%d %H:%M}")
    try:
        mail.send(user.email, _("Your password at %(site)s was changed", site=site), body)
    except mail.MailError:
        pass  # already logged by the mail module; the change itself stands


def find_invite(token: str) -> Invite | None:
    """Return the invite a link's token names, if any."""
    return db.session.scalar(sa.select(Invite).where(Invite.token_hash == token_digest(token)))


def has_account(email: str) -> bool:
    """Say whether an account with this address exists already."""
    return db.session.scalar(sa.select(StaffUser.id).where(StaffUser.email == email)) is not None


def accept_invite(found: Invite, name: str, password: str, now: datetime) -> StaffUser:
    """Create the account (or, for an existing one, set its password and role); the link is used up."""
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.email == found.email))
    before = audit.snapshot(user, ACCOUNT_FIELDS) if user else None
    if user is None:
        user = StaffUser(email=found.email)
        db.session.add(user)
    else:
        sessions.end_sessions(user, now)  # a new password ends the old sessions
    user.name, user.role, user.active = name, found.role, True
    user.password_hash = passwords.hash_password(password)
    found.used_at = now
    db.session.flush()
    audit.record(user, "invite.accept", user, before, audit.snapshot(user, ACCOUNT_FIELDS))
    return user


def revoke_invite(found: Invite, by: StaffUser, now: datetime) -> None:
    """End an invitation before it is used."""
    found.revoked_at = now
    audit.record(by, "invite.revoke", found, None, {"email": found.email, "role": found.role})


def change_account(user: StaffUser, role: str, active: bool, by: StaffUser, now: datetime) -> bool:
    """Set ``user``'s role and whether it can log in; say whether anything changed."""
    if user.role == ADMIN and user.active and (role != ADMIN or not active) and active_admins() <= 1:
        raise LastAdmin(_("This is the only active admin: make another admin first, so someone can still manage accounts."))
    before = audit.snapshot(user, ("role", "active"))
    user.role, user.active = role, active
    if not active:
        sessions.end_sessions(user, now)
    old, new = audit.changed(before, audit.snapshot(user, ("role", "active")))
    if new:
        audit.record(by, "account.update", user, old, new)
    return bool(new)


def active_admins() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)
                             .where(StaffUser.role == ADMIN, StaffUser.active.is_(True))) or 0


def live_session_counts(now: datetime) -> dict[int, int]:
    """Return how many sessions each account has open."""
    oldest = now - sessions.longest_session()
    rows = db.session.execute(sa.select(StaffSession.user_id, sa.func.count())
                              .where(StaffSession.ended_at.is_(None), StaffSession.created_at > oldest)
                              .group_by(StaffSession.user_id))
    return {user_id: count for user_id, count in rows.all()}
