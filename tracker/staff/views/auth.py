"""Logging in and out, "log out everywhere", and changing one's password."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from flask_limiter.errors import RateLimitExceeded

from tracker.errors import render_error
from tracker.extensions import db, limiter
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.protection import retry_after_seconds
from tracker.models import utcnow
from tracker.staff import accounts, audit, passwords, sessions
from tracker.staff.access import public, role_required
from tracker.staff.forms import ActionForm, ChangePasswordForm, LoginForm
from tracker.staff.models import VIEWER, StaffUser
from tracker.staff.views import bp

log = logging.getLogger("tracker.staff.security")


def safe_next(target: str | None) -> str:
    """Return ``target`` if it is a staff page on this site, else the dashboard (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/staff/") and "\\" not in target:
            return target
    return url_for("staff.dashboard")


def _submitted_account() -> str:
    """The account a login attempt names, as the per-account throttle counts it."""
    return "staff-login:" + (request.form.get("email") or "").strip().lower()


def _failed(response: object) -> bool:
    """Only failed attempts use up the allowance: a person who gets in is not slowed."""
    return getattr(response, "status_code", 0) == 401


@bp.errorhandler(RateLimitExceeded)
def too_many_attempts(error: RateLimitExceeded) -> ResponseReturnValue:
    """On the login page, say plainly that attempts are paused, and for how long."""
    if request.endpoint != "staff.login":
        return render_error(error)
    form = LoginForm()
    minutes = max(1, round((retry_after_seconds() or 60) / 60))
    message = ngettext("Too many failed log-in attempts for this account or from this network. "
                       "Log-in is paused: try again in %(num)s minute.",
                       "Too many failed log-in attempts for this account or from this network. "
                       "Log-in is paused: try again in %(num)s minutes.", minutes)
    log.warning("staff login throttled for %r", form.email.data)
    form.password.data = ""
    return render_template("staff/login.html", form=form, throttled=message), 429


@bp.route("/login", methods=["GET", "POST"])
# Two budgets of failed attempts: one per account named (against guessing one password
# from many addresses) and one per client address (against trying many accounts).
@limiter.limit(lambda: current_app.config["STAFF_LOGIN_LIMIT_PER_ACCOUNT"], key_func=_submitted_account,
               methods=["POST"], deduct_when=_failed, scope="staff-login-account")
@limiter.limit(lambda: current_app.config["STAFF_LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_failed, scope="staff-login-address")
@public
def login() -> ResponseReturnValue:
    """Show the login form; log in on a right e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(StaffUser).where(StaffUser.email == form.email.data))
        # The same answer, after the same work, for an unknown address and a wrong password.
        if passwords.verify_password(user.password_hash if user else None, form.password.data or "") \
                and user is not None and user.active:
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(form.password.data or "")
            sessions.log_in(user)
            return redirect(safe_next(request.args.get("next")))
        log.warning("staff login failed for %r", form.email.data)
        form.password.errors.append(_("The e-mail address or the password is wrong."))
        return render_template("staff/login.html", form=form), 401
    return render_template("staff/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@role_required(VIEWER)
def logout() -> ResponseReturnValue:
    """End this browser's session."""
    if ActionForm().validate_on_submit():
        sessions.log_out(current_user._get_current_object())
        flash(_("You are logged out."), "success")
        return redirect(url_for("staff.login"))
    return redirect(url_for("staff.account"))


@bp.route("/logout-everywhere", methods=["POST"])
@role_required(VIEWER)
def logout_everywhere() -> ResponseReturnValue:
    """End every session of this account, on every device."""
    if ActionForm().validate_on_submit():
        user = current_user._get_current_object()
        count = sessions.end_sessions(user, utcnow())
        audit.record(user, "account.logout_everywhere", user, None, {"sessions_ended": count})
        db.session.commit()
        sessions.log_out(user)
        flash(_("You are logged out on every device."), "success")
        return redirect(url_for("staff.login"))
    return redirect(url_for("staff.account"))


@bp.route("/account", methods=["GET", "POST"])
@role_required(VIEWER)
def account() -> ResponseReturnValue:
    """Show one's own account; change one's password (which ends one's other sessions)."""
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    form.owner_email, form.owner_name = user.email, user.name
    if form.validate_on_submit():
        if not passwords.verify_password(user.password_hash, form.current_password.data or ""):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            now = utcnow()
            user.password_hash = passwords.hash_password(form.new_password.data or "")
            ended = sessions.end_sessions(user, now, keep=sessions.current_row(user))
            audit.record(user, "account.password_changed", user, None, {"other_sessions_ended": ended})
            db.session.commit()
            accounts.notify_password_changed(user, now)
            flash(_("Your password is changed, and your other sessions are ended."), "success")
            return redirect(url_for("staff.account"))
    return render_template("staff/account.html", user=user, form=form, logout_everywhere_form=ActionForm())
