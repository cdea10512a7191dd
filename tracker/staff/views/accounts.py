"""Admins manage staff accounts: invite by one-time link, change roles, disable."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.models import utcnow
from tracker.staff import accounts
from tracker.staff.access import role_required
from tracker.staff.forms import AccountForm, ActionForm, InviteForm
from tracker.staff.models import ADMIN, Invite, StaffUser
from tracker.staff.views import bp


def _accounts_page(form: InviteForm, status: int = 200) -> ResponseReturnValue:
    now = utcnow()
    users = db.session.scalars(sa.select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.name)).all()
    open_invites = db.session.scalars(sa.select(Invite).where(Invite.used_at.is_(None), Invite.revoked_at.is_(None),
                                                              Invite.expires_at > now)
                                      .order_by(Invite.created_at.desc())).all()
    return render_template("staff/accounts.html", users=users, invites=open_invites, form=form,
                           sessions=accounts.live_session_counts(now)), status


@bp.route("/accounts")
@role_required(ADMIN)
def accounts_list() -> ResponseReturnValue:
    """List staff accounts and open invitations, with the form to invite someone."""
    return _accounts_page(InviteForm())


@bp.route("/accounts/invite", methods=["POST"])
@role_required(ADMIN)
def invite() -> ResponseReturnValue:
    """Issue an invitation; show its link once (and mail it when SMTP is set)."""
    form = InviteForm()
    if not form.validate_on_submit():
        return _accounts_page(form, 400)
    created, token = accounts.invite(form.email.data, form.role.data, current_user._get_current_object(), utcnow())
    db.session.commit()
    link = accounts.invite_link(token)
    mailed = accounts.mail_invite(created, link)
    return render_template("staff/invite_created.html", invite=created, link=link, mailed=mailed)


@bp.route("/invites/<int:invite_id>/revoke", methods=["POST"])
@role_required(ADMIN)
def revoke_invite(invite_id: int) -> ResponseReturnValue:
    """End an invitation before it is used."""
    found = db.session.get(Invite, invite_id) or abort(404)
    if ActionForm().validate_on_submit() and found.used_at is None:
        accounts.revoke_invite(found, current_user._get_current_object(), utcnow())
        db.session.commit()
        flash(_("The invitation for %(email)s no longer works.", email=found.email), "success")
    return redirect(url_for("staff.accounts_list"))


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@role_required(ADMIN)
def account_edit(user_id: int) -> ResponseReturnValue:
    """Change an account's role, or stop it logging in (which ends its sessions)."""
    user = db.session.get(StaffUser, user_id) or abort(404)
    form = AccountForm(obj=user)
    status = 200
    if form.validate_on_submit():
        try:
            changed = accounts.change_account(user, form.role.data, form.active.data,
                                              current_user._get_current_object(), utcnow())
        except accounts.LastAdmin as exc:
            db.session.rollback()
            form.role.errors.append(str(exc))
            status = 400
        else:
            db.session.commit()
            if changed:
                flash(_("The account of %(name)s is updated.", name=user.name), "success")
            return redirect(url_for("staff.accounts_list"))
    elif form.errors:
        status = 400
    return render_template("staff/account_edit.html", user=user, form=form), status
