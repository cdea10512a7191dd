"""Editors review partner listings: the queue, one submission with what it may repeat, approve or reject."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.clock import site_today
from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.listings import reindex_now
from tracker.mail import MailError
from tracker.models import Listing, utcnow
from tracker.open_data import external_url
from tracker.partners import PartnerSubmission, moderation
from tracker.partners import messages
from tracker.partners.forms import ReasonForm
from tracker.staff import audit
from tracker.staff.access import role_required
from tracker.staff.forms import ActionForm
from tracker.staff.models import EDITOR
from tracker.staff.views import bp


@bp.route("/submissions")
@role_required(EDITOR)
def moderation_queue() -> ResponseReturnValue:
    """Partner listings waiting for review, oldest first."""
    waiting = moderation.queue()
    duplicates = {s.listing_id: len(moderation.likely_duplicates(s.listing)) for s in waiting}
    return render_template("staff/moderation_queue.html", waiting=waiting, duplicates=duplicates,
                           unconfirmed=moderation.unconfirmed_count())


def _submission(listing_id: int) -> PartnerSubmission:
    listing = db.session.get(Listing, listing_id)
    if listing is None or listing.partner is None:
        abort(404)
    submission: PartnerSubmission = listing.partner
    return submission


def _review_page(submission: PartnerSubmission, reason_form: ReasonForm, status: int = 200) -> ResponseReturnValue:
    history, _total = audit.entries(target=submission.listing, per_page=20)
    return render_template("staff/submission.html", submission=submission, listing=submission.listing,
                           duplicates=moderation.likely_duplicates(submission.listing), history=history,
                           reason_form=reason_form, approve_form=ActionForm(),
                           visible=submission.listing.is_visible(site_today())), status


@bp.route("/submissions/<int:listing_id>")
@role_required(EDITOR)
def submission_review(listing_id: int) -> ResponseReturnValue:
    """One partner listing as reviewers need it: fields, policy answers, contact, likely duplicates."""
    return _review_page(_submission(listing_id), ReasonForm())


def _mail_failed(submission: PartnerSubmission) -> None:
    flash(_("The partner could not be e-mailed just now: write to %(email)s yourself.",
            email=submission.contact_email), "error")


@bp.route("/submissions/<int:listing_id>/approve", methods=["POST"])
@role_required(EDITOR)
def submission_approve(listing_id: int) -> ResponseReturnValue:
    """Publish the listing: it is searchable at once."""
    submission = _submission(listing_id)
    if not ActionForm().validate_on_submit() or submission.listing.status != Listing.PENDING:
        flash(_("Only a listing in review can be approved."), "info")
        return redirect(url_for("staff.submission_review", listing_id=listing_id))
    moderation.approve(submission, current_user._get_current_object(), utcnow())
    db.session.commit()
    if reindex_now(submission.listing):
        flash(_("The listing is published and searchable."), "success")
    else:
        flash(_("The listing is published. The search index was busy: it shows in search after the next reindex."),
              "error")
    try:
        messages.send_approved(submission, external_url("pages.listing", listing_id=listing_id))
    except MailError:
        _mail_failed(submission)
    return redirect(url_for("staff.moderation_queue"))


@bp.route("/submissions/<int:listing_id>/reject", methods=["POST"])
@role_required(EDITOR)
def submission_reject(listing_id: int) -> ResponseReturnValue:
    """Refuse the listing with a reason, which the partner is sent."""
    submission = _submission(listing_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _review_page(submission, form, 400)
    if submission.listing.status not in (Listing.PENDING, Listing.ACTIVE):
        flash(_("Only a listing in review or published can be rejected."), "info")
        return redirect(url_for("staff.submission_review", listing_id=listing_id))
    moderation.reject(submission, form.reason.data, current_user._get_current_object(), utcnow())
    db.session.commit()
    reindex_now(submission.listing)
    flash(_("The listing is rejected; the partner is sent your reason."), "success")
    try:
        messages.send_rejected(submission, form.reason.data)
    except MailError:
        _mail_failed(submission)
    return redirect(url_for("staff.moderation_queue"))
