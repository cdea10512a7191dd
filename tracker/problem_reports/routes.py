"""The public side of reports: the form on its own page (never the cached listing page), and thanks."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_limiter.errors import RateLimitExceeded

from tracker.errors import render_error
from tracker.extensions import db, limiter
from tracker.i18n import ngettext
from tracker.models import Listing
from tracker.open_data import public_listing
from tracker.problem_reports.forms import ReportForm
from tracker.problem_reports.models import ProblemReport
from tracker.problem_reports.text import clean_details
from tracker.protection import retry_after_seconds

bp = Blueprint("report", __name__)


def _listing(listing_id: int) -> Listing:
    return public_listing(listing_id) or abort(404)


def _sent(response: object) -> bool:
    """Only reports that were stored use up the allowance: a form sent back with an error does not."""
    return getattr(response, "status_code", 0) == 303


@bp.errorhandler(RateLimitExceeded)
def too_many_reports(error: RateLimitExceeded) -> ResponseReturnValue:
    """Keep what was typed and say when another report can be sent."""
    if request.endpoint != "report.new":
        return render_error(error)
    listing = _listing(request.view_args["listing_id"] if request.view_args else 0)
    minutes = max(1, round((retry_after_seconds() or 60) / 60))
    message = ngettext("Many reports have come from your network in a short time. "
                       "Please try again in %(num)s minute.",
                       "Many reports have come from your network in a short time. "
                       "Please try again in %(num)s minutes.", minutes)
    return render_template("report/new.html", listing=listing, form=ReportForm(), throttled=message), 429


@bp.route("/listings/<int:listing_id>/report", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_REPORTS"], methods=["POST"], deduct_when=_sent,
               scope="reports")
def new(listing_id: int) -> ResponseReturnValue:
    """Show the form; store a report and thank the reader."""
    listing = _listing(listing_id)
    form = ReportForm()
    if form.validate_on_submit():
        # A robot that filled the hidden field is thanked like anyone, and nothing is stored.
        if not form.is_robot():
            db.session.add(ProblemReport(listing_id=listing.id, reason=form.reason.data,
                                         details=clean_details(form.details.data)))
            db.session.commit()
        return redirect(url_for("report.thanks", listing_id=listing.id), code=303)
    return render_template("report/new.html", listing=listing, form=form), 400 if form.errors else 200


@bp.get("/listings/<int:listing_id>/report/thanks")
def thanks(listing_id: int) -> ResponseReturnValue:
    return render_template("report/thanks.html", listing=_listing(listing_id))
