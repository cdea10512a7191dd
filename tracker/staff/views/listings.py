"""Editors correct, hide and restore listings; the public pages change at once."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker import corrections
from tracker.clock import site_today
from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.listings import reindex_now
from tracker.models import Listing, utcnow
from tracker.staff import audit, listings, report_queue
from tracker.staff.access import role_required
from tracker.staff.forms import ActionForm
from tracker.staff.listing_forms import CorrectionForm, HideForm
from tracker.staff.models import EDITOR
from tracker.staff.views import bp


@bp.route("/listings")
@role_required(EDITOR)
def listings_list() -> ResponseReturnValue:
    """Find listings by words or number, status and source."""
    text = request.args.get("q", "")[:200]
    status = request.args.get("status", "")
    source_id = request.args.get("source", type=int)
    page = max(1, min(request.args.get("page", 1, type=int), 1000))
    found, total = listings.find(text, status, source_id, page)
    return render_template("staff/listings.html", found=found, total=total, page=page, text=text, status=status,
                           source_id=source_id, sources=listings.source_choices(),
                           pages=-(-total // listings.PER_PAGE), to_review=listings.with_feed_changes())


def _listing(listing_id: int) -> Listing:
    return db.session.get(Listing, listing_id) or abort(404)


def _page(listing: Listing, form: CorrectionForm, hide_form: HideForm, status: int = 200) -> ResponseReturnValue:
    history, _total = audit.entries(target=listing, per_page=20)
    return render_template("staff/listing.html", listing=listing, form=form, hide_form=hide_form,
                           changes=corrections.feed_changes(listing), history=history,
                           visible=listing.is_visible(site_today()),
                           open_reports=len(report_queue.open_reports(listing))), status


def _done(listing: Listing, message: str) -> ResponseReturnValue:
    db.session.commit()
    if reindex_now(listing):
        flash(message, "success")
    else:
        flash(message + " " + _("The search index was busy: the change shows in search after the next reindex."),
              "error")
    return redirect(url_for("staff.listing_edit", listing_id=listing.id))


@bp.route("/listings/<int:listing_id>", methods=["GET", "POST"])
@role_required(EDITOR)
def listing_edit(listing_id: int) -> ResponseReturnValue:
    """Show a listing as staff see it, and correct its fields."""
    listing = _listing(listing_id)
    form = CorrectionForm(obj=listing)
    if form.validate_on_submit():
        if listings.correct(listing, form.values(), current_user._get_current_object()):
            return _done(listing, _("The listing is corrected."))
        flash(_("Nothing was changed."), "info")
        return redirect(url_for("staff.listing_edit", listing_id=listing.id))
    return _page(listing, form, HideForm(), 400 if form.errors else 200)


@bp.route("/listings/<int:listing_id>/hide", methods=["POST"])
@role_required(EDITOR)
def listing_hide(listing_id: int) -> ResponseReturnValue:
    """Take a listing off the site with a reason."""
    listing = _listing(listing_id)
    hide_form = HideForm()
    if not hide_form.validate_on_submit():
        return _page(listing, CorrectionForm(obj=listing, formdata=None), hide_form, 400)
    if listing.status not in (Listing.ACTIVE, Listing.EXPIRED, Listing.PENDING):
        flash(_("This listing is not on the site."), "info")
        return redirect(url_for("staff.listing_edit", listing_id=listing.id))
    listings.hide(listing, hide_form.reason.data, current_user._get_current_object(), utcnow())
    return _done(listing, _("The listing is hidden: it has left search, the API and the feeds."))


@bp.route("/listings/<int:listing_id>/restore", methods=["POST"])
@role_required(EDITOR)
def listing_restore(listing_id: int) -> ResponseReturnValue:
    """Put a hidden listing back."""
    listing = _listing(listing_id)
    if ActionForm().validate_on_submit() and listing.hidden_reason is not None:
        listings.restore(listing, current_user._get_current_object(), utcnow())
        return _done(listing, _("The listing is back on the site."))
    return redirect(url_for("staff.listing_edit", listing_id=listing.id))


@bp.route("/listings/<int:listing_id>/feed-change", methods=["POST"])
@role_required(EDITOR)
def listing_feed_change(listing_id: int) -> ResponseReturnValue:
    """Keep a correction over the feed's new value, or take the feed's value."""
    listing = _listing(listing_id)
    field = request.form.get("field", "")
    if ActionForm().validate_on_submit() and field in (listing.corrections or {}):
        keep = request.form.get("choice") == "keep"
        listings.settle_feed_change(listing, field, keep, current_user._get_current_object())
        return _done(listing, _("The correction is kept.") if keep else _("The listing now says what the feed says."))
    return redirect(url_for("staff.listing_edit", listing_id=listing.id))
