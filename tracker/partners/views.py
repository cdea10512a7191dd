"""The partner's pages: the form, its preview, the e-mail confirmation and the private links.

Every page here is the partner's own (forms, or a private link in the address): none is
kept by a shared cache, and none tells another site its address.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_limiter.errors import RateLimitExceeded

from tracker.errors import render_error
from tracker.extensions import csrf, db, limiter
from tracker.i18n import current_language
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.mail import MailError
from tracker.models import Listing, utcnow
from tracker.open_data import external_url
from tracker.partners import messages, submissions
from tracker.partners.forms import SubmissionForm, field_values
from tracker.partners.models import PartnerSubmission, find_by_token
from tracker.listings import reindex_now
from tracker.protection import retry_after_seconds
from tracker.staff.forms import ActionForm

bp = Blueprint("partners", __name__, url_prefix="/submit")


@bp.after_request
def private_page(response: Response) -> Response:
    """Keep these pages out of caches and search engines; never send their address (a private link) on."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _form_page(form: SubmissionForm, status: int = 200, problem: str | None = None) -> ResponseReturnValue:
    return render_template("partners/submit.html", form=form, problem=problem), status


def _preview_page(form: SubmissionForm, status: int = 200, problem: str | None = None) -> ResponseReturnValue:
    try:
        values = submissions.listing_values(form)
    except submissions.DescriptionTooLong:
        form.description.errors = [_("The description is too long once formatted: shorten it.")]
        return _form_page(form, 400)
    return render_template("partners/preview.html", form=form, listing=Listing(**values),
                           carried=field_values(form), problem=problem), status


# The form checks its own CSRF token, so an expired one is a message beside what was typed, not a lost form.
@bp.route("", methods=["GET", "POST"])
@csrf.exempt
def submit() -> ResponseReturnValue:
    """Show the form; a filled form goes to its preview, or back with what to fix."""
    form = SubmissionForm()
    if request.method == "GET" or request.form.get("action") == "edit":
        return _form_page(form)
    if not form.validate():
        return _form_page(form, 400)
    return _preview_page(form)


def _sent_limit() -> str:
    return str(current_app.config["PARTNER_SUBMIT_LIMIT"])


_FORM_ENDPOINTS = ("partners.submit", "partners.send")


@bp.errorhandler(RateLimitExceeded)
def too_many(error: RateLimitExceeded) -> ResponseReturnValue:
    """Too many listings from one network: say when to try again, and keep what was typed."""
    if request.endpoint not in _FORM_ENDPOINTS:
        return render_error(error)
    minutes = max(1, round((retry_after_seconds() or 60) / 60))
    problem = ngettext("Many listings were sent from your network recently. Please try again in %(num)s minute: "
                       "what you typed is kept below.",
                       "Many listings were sent from your network recently. Please try again in %(num)s minutes: "
                       "what you typed is kept below.", minutes)
    form = SubmissionForm()
    if form.validate():
        return _preview_page(form, 429, problem)
    return _form_page(form, 429, problem)


@bp.post("/send")
@csrf.exempt
@limiter.limit(_sent_limit, scope="partner-submit")
def send() -> ResponseReturnValue:
    """Store the previewed listing as a draft and mail the link that confirms the address."""
    form = SubmissionForm()
    if not form.validate():
        return _form_page(form, 400)
    if form.is_spam:
        return redirect(url_for("partners.sent"), code=303)  # the robot learns nothing
    try:
        submission, token = submissions.create(form, current_language(), utcnow())
        messages.send_confirm_link(submission, external_url("partners.confirm", token=token))
    except submissions.DescriptionTooLong:
        db.session.rollback()
        form.description.errors = [_("The description is too long once formatted: shorten it.")]
        return _form_page(form, 400)
    except MailError:
        db.session.rollback()
        return _preview_page(form, 503, _("We could not send the confirmation e-mail just now. Nothing was "
                                          "saved; please try again in a few minutes."))
    db.session.commit()
    return redirect(url_for("partners.sent"), code=303)


@bp.get("/sent")
def sent() -> ResponseReturnValue:
    """Ask the partner to open the link we mailed."""
    return render_template("partners/sent.html")


def _link_gone(kind: str) -> ResponseReturnValue:
    return render_template("partners/link_gone.html", kind=kind), 410


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> ResponseReturnValue:
    """A button that confirms the address (a mail scanner that opens links must not confirm it)."""
    now = utcnow()
    submission = find_by_token("confirm_digest", token)
    if submission is None or not submission.confirm_link_usable(now):
        return _link_gone("confirm")
    form = ActionForm()
    if not form.validate_on_submit():
        return render_template("partners/confirm.html", submission=submission, form=form)
    manage_token = submissions.confirm_email(submission, now)
    db.session.commit()
    link = external_url("partners.manage", token=manage_token)
    try:
        messages.send_manage_link(submission, link)
        mailed = True
    except MailError:
        mailed = False
    return render_template("partners/confirmed.html", submission=submission, link=link, mailed=mailed)


def _managed(token: str) -> PartnerSubmission:
    submission = find_by_token("manage_digest", token)
    if submission is None:
        abort(404)
    return submission


@bp.get("/manage/<token>")
def manage(token: str) -> ResponseReturnValue:
    """The partner's page for their listing: its state, and what they can do."""
    submission = find_by_token("manage_digest", token)
    if submission is None:
        return _link_gone("manage")
    return render_template("partners/manage.html", submission=submission, token=token, form=ActionForm(),
                           can_close=submissions.can_close(submission), can_renew=submissions.can_renew(submission))


@bp.route("/manage/<token>/edit", methods=["GET", "POST"])
@csrf.exempt
def manage_edit(token: str) -> ResponseReturnValue:
    """Edit the listing; an edit to a published one goes back to review."""
    submission = _managed(token)
    if submission.listing.status == Listing.REMOVED:
        flash(_("This listing is closed: post a new one instead."), "info")
        return redirect(url_for("partners.manage", token=token))
    form = SubmissionForm()
    if request.method == "GET":
        submissions.fill_form(form, submission)
    elif form.validate():
        try:
            changed = submissions.edit(submission, form, utcnow())
        except submissions.DescriptionTooLong:
            db.session.rollback()
            form.description.errors = [_("The description is too long once formatted: shorten it.")]
        else:
            db.session.commit()
            reindex_now(submission.listing)
            flash(_("Your changes are saved and the listing is back in review: it shows again once an editor "
                    "approves it.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("partners.manage", token=token))
    status = 400 if form.errors else 200
    return render_template("partners/edit.html", form=form, submission=submission, token=token), status


@bp.post("/manage/<token>/close")
def manage_close(token: str) -> ResponseReturnValue:
    """Take the listing down for good."""
    submission = _managed(token)
    if ActionForm().validate_on_submit() and submissions.can_close(submission):
        submissions.close(submission, utcnow())
        db.session.commit()
        reindex_now(submission.listing)
        flash(_("Your listing is closed and no longer shown."), "success")
    return redirect(url_for("partners.manage", token=token))


@bp.post("/manage/<token>/renew")
def manage_renew(token: str) -> ResponseReturnValue:
    """Say the opportunity is still open."""
    submission = _managed(token)
    if ActionForm().validate_on_submit() and submissions.can_renew(submission):
        submissions.renew(submission, utcnow())
        db.session.commit()
        reindex_now(submission.listing)
        flash(_("Thank you: the listing is marked as still open today."), "success")
    return redirect(url_for("partners.manage", token=token))


@bp.route("/still-open/<token>", methods=["GET", "POST"])
def still_open(token: str) -> ResponseReturnValue:
    """The reminder's link: one button that says the opportunity is still open."""
    submission = find_by_token("still_open_digest", token)
    if submission is None or not submissions.can_renew(submission):
        return _link_gone("still_open")
    form = ActionForm()
    if not form.validate_on_submit():
        return render_template("partners/still_open.html", submission=submission, form=form)
    submissions.renew(submission, utcnow())
    db.session.commit()
    reindex_now(submission.listing)
    return render_template("partners/still_open.html", submission=submission, form=None, done=True)
