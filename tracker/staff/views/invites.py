"""Accepting an invitation: the one staff page, besides login, open without an account."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.models import utcnow
from tracker.staff import accounts, sessions
from tracker.staff.access import public
from tracker.staff.forms import AcceptInviteForm
from tracker.staff.views import bp


@bp.route("/invite/<token>", methods=["GET", "POST"])
@public
def accept_invite(token: str) -> ResponseReturnValue:
    """Let the invited person choose a name and password, then log them in."""
    found = accounts.find_invite(token)
    if found is None or not found.is_usable(utcnow()):
        return render_template("staff/invite_invalid.html", invite=found), 410
    form = AcceptInviteForm()
    form.owner_email = found.email
    if form.validate_on_submit():
        now = utcnow()
        had_password = accounts.has_account(found.email)
        user = accounts.accept_invite(found, form.name.data, form.new_password.data, now)
        db.session.commit()
        if had_password:  # an invite to an existing account resets its password
            accounts.notify_password_changed(user, now)
        sessions.log_in(user)
        flash(_("Welcome, %(name)s. Your account is ready.", name=user.name), "success")
        return redirect(url_for("staff.dashboard"))
    return render_template("staff/invite_accept.html", invite=found, form=form), 400 if form.errors else 200
