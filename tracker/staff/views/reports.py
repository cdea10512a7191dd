"""Editors work through the problems people reported: the queue, one listing's reports, and resolving them."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.clock import site_today
from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.listings import reindex_now
from tracker.i18n import ngettext
from tracker.models import Listing, utcnow
from tracker.staff import report_queue
from tracker.staff.access import role_required
from tracker.staff.forms import ActionForm
from tracker.staff.listing_forms import HideForm
from tracker.staff.models import EDITOR
from tracker.staff.views import bp

HIDEABLE = (Listing.ACTIVE, Listing.EXPIRED, Listing.PENDING)


@bp.route("/reports")
@role_required(EDITOR)
def reports_list() -> ResponseReturnValue:
    """Listings with open reports, the most reported first."""
    return render_template("staff/reports.html", rows=report_queue.queue())


def _listing(listing_id: int) -> Listing:
    return db.session.get(Listing, listing_id) or abort(404)


def _page(listing: Listing, hide_form: HideForm, status: int = 200) -> ResponseReturnValue:
    return render_template("staff/report.html", listing=listing, reports=report_queue.open_reports(listing),
                           resolved=report_queue.resolved_reports(listing), hide_form=hide_form,
                           hideable=listing.status in HIDEABLE and listing.hidden_reason is None,
                           visible=listing.is_visible(site_today())), status


@bp.route("/reports/<int:listing_id>")
@role_required(EDITOR)
def report_detail(listing_id: int) -> ResponseReturnValue:
    """One listing's reports, with what an editor can do about them."""
    return _page(_listing(listing_id), HideForm())


def _resolved(count: int) -> str:
    return ngettext("%(num)s report is resolved.", "%(num)s reports are resolved.", count)


@bp.route("/reports/<int:listing_id>/dismiss", methods=["POST"])
@role_required(EDITOR)
def report_dismiss(listing_id: int) -> ResponseReturnValue:
    """Nothing is wrong with the listing: close its reports."""
    listing = _listing(listing_id)
    if ActionForm().validate_on_submit():
        count = report_queue.dismiss(listing, current_user._get_current_object(), utcnow())
        db.session.commit()
        flash(_resolved(count) if count else _("There were no open reports."), "success" if count else "info")
    return redirect(url_for("staff.reports_list"))


@bp.route("/reports/<int:listing_id>/hide", methods=["POST"])
@role_required(EDITOR)
def report_hide(listing_id: int) -> ResponseReturnValue:
    """Take the listing off the site with a reason, closing its reports."""
    listing = _listing(listing_id)
    hide_form = HideForm()
    if not hide_form.validate_on_submit():
        return _page(listing, hide_form, 400)
    if listing.status not in HIDEABLE or listing.hidden_reason is not None:
        flash(_("This listing is not on the site."), "info")
        return redirect(url_for("staff.report_detail", listing_id=listing.id))
    count = report_queue.hide(listing, hide_form.reason.data, current_user._get_current_object(), utcnow())
    db.session.commit()
    message = _("The listing is hidden: it has left search, the API and the feeds.") + " " + _resolved(count)
    if reindex_now(listing):
        flash(message, "success")
    else:
        flash(message + " " + _("The search index was busy: the change shows in search after the next reindex."),
              "error")
    return redirect(url_for("staff.reports_list"))


@bp.route("/reports/<int:listing_id>/corrected", methods=["POST"])
@role_required(EDITOR)
def report_corrected(listing_id: int) -> ResponseReturnValue:
    """The listing was corrected on its staff page: close its reports."""
    listing = _listing(listing_id)
    if ActionForm().validate_on_submit():
        count = report_queue.mark_corrected(listing, current_user._get_current_object(), utcnow())
        db.session.commit()
        flash(_resolved(count) if count else _("There were no open reports."), "success" if count else "info")
    return redirect(url_for("staff.reports_list"))
