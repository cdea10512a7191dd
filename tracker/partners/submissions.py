"""A partner's side of a listing: submit, confirm the address, edit, close, say it is still open.

Each function changes the database in the caller's transaction and records what it did
in the audit log under the partner's contact address; the caller commits, then brings
the search index in line (tracker.listings.reindex_now).
"""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

from tracker import taxonomy
from tracker.clock import site_today
from tracker.extensions import db
from tracker.fingerprint import fingerprint
from tracker.geo import zip_place, zip_point
from tracker.models import Listing, Source
from tracker.partners.forms import PAID, STIPEND, UNPAID, SubmissionForm
from tracker.partners.models import PartnerSubmission
from tracker.staff import audit
from tracker.text import clean_text, sanitize_html

SOURCE_NAME = "Partner submissions"
SOURCE_FORMAT = "partner"
# The listing fields a partner's form fills, as the audit log records an edit.
EDITABLE = ("title", "organisation", "description", "kind", "pathways", "min_age", "max_age", "min_grade",
            "max_grade", "pay_status", "pay_min", "pay_max", "pay_period", "pay_text", "hours_per_week",
            "schedule_text", "season", "start_date", "end_date", "address", "city", "state", "zip", "work_mode",
            "transport_provided", "transport_note", "deadline", "apply_url", "apply_instructions")


class DescriptionTooLong(ValueError):
    """The description grew past what a listing holds once its markup was made safe."""


def partner_source() -> Source:
    """Return the source partner listings belong to, made on first use; ingest never runs it."""
    source = db.session.scalar(sa.select(Source).where(Source.name == SOURCE_NAME))
    if source is None:
        source = Source(name=SOURCE_NAME, format=SOURCE_FORMAT, location="/submit", enabled=False, defaults={})
        db.session.add(source)
        db.session.flush()
    return source


def listing_values(form: SubmissionForm) -> dict[str, Any]:
    """Return the listing's fields from a valid form: description sanitized like feed text."""
    description = sanitize_html(form.description.data or "")
    if len(description) > Listing.DESCRIPTION_LIMIT:
        raise DescriptionTooLong(description)
    pay_type, amount = form.pay_type.data, form.pay_amount.data
    values: dict[str, Any] = {
        "title": clean_text(form.title.data), "organisation": clean_text(form.organisation.data),
        "description": description, "kind": form.kind.data, "pathways": list(form.pathways.data or []),
        "min_age": form.min_age.data, "max_age": form.max_age.data,
        "min_grade": form.min_grade.data, "max_grade": form.max_grade.data,
        "pay_status": taxonomy.UNPAID if pay_type == UNPAID else taxonomy.PAID,
        "pay_min": amount if pay_type in (PAID, STIPEND) else None,
        "pay_max": amount if pay_type in (PAID, STIPEND) else None,
        # A stipend is one sum unless the partner says otherwise.
        "pay_period": (form.pay_period.data or ("total" if pay_type == STIPEND else None)) if pay_type != UNPAID else None,
        "pay_text": "Stipend" if pay_type == STIPEND else None,
        "hours_per_week": form.hours_per_week.data, "schedule_text": form.schedule_text.data,
        "season": form.season.data or None, "start_date": form.start_date.data, "end_date": form.end_date.data,
        "address": form.address.data, "zip": form.zip.data,
        "city": form.city.data or zip_place(form.zip.data),
        "state": current_app.config["PARTNER_STATE"] if (form.zip.data or form.city.data) else None,
        "work_mode": form.work_mode.data, "transport_provided": bool(form.transport_provided.data),
        "transport_note": form.nearest_bus.data, "deadline": form.deadline.data,
        "apply_url": form.apply_url.data, "apply_instructions": form.apply_instructions.data,
    }
    return values


def fill_form(form: SubmissionForm, submission: PartnerSubmission) -> None:
    """Put a stored submission's values in ``form`` (to edit it)."""
    listing = submission.listing
    for name in ("organisation", "title", "kind", "pathways", "min_age", "max_age", "min_grade", "max_grade",
                 "hours_per_week", "schedule_text", "start_date", "end_date", "address", "city", "zip",
                 "work_mode", "transport_provided", "deadline", "apply_url", "apply_instructions"):
        form[name].data = getattr(listing, name)
    form.description.data = listing.description
    form.season.data = listing.season or ""
    form.nearest_bus.data = listing.transport_note
    form.pay_type.data = UNPAID if listing.pay_status == taxonomy.UNPAID else (STIPEND if listing.pay_text == "Stipend" else PAID)
    form.pay_amount.data = listing.pay_min
    form.pay_period.data = listing.pay_period or ""
    form.contact_email.data, form.supervisor.data = submission.contact_email, submission.supervisor
    for name, answer in (submission.policy or {}).items():
        if name in form:
            form[name].data = answer


def _apply(listing: Listing, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(listing, name, value)
    point = zip_point(listing.zip)
    listing.latitude, listing.longitude = (point.latitude, point.longitude) if point else (None, None)
    listing.place_exact = False  # a ZIP's centre, never the place itself
    listing.fingerprint = fingerprint(listing.title, listing.organisation, listing.zip or listing.city)
    listing.content_hash = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def create(form: SubmissionForm, language: str, now: datetime) -> tuple[PartnerSubmission, str]:
    """Store a draft listing and its submission; return it and the e-mail confirmation token."""
    values = listing_values(form)
    listing = Listing(source=partner_source(), external_id=f"partner-{secrets.token_hex(8)}", status=Listing.DRAFT,
                      first_seen_at=now, last_seen_at=now, updated_at=now)
    _apply(listing, values)
    db.session.add(listing)
    submission = PartnerSubmission(listing=listing, contact_email=form.contact_email.data,
                                   supervisor=form.supervisor.data, policy=form.policy_answers(),
                                   language=language, created_at=now)
    token = submission.issue_confirm_link(now, float(current_app.config["PARTNER_CONFIRM_HOURS"]))
    db.session.add(submission)
    db.session.flush()
    audit.record(None, "partner.submit", listing, None, {"status": listing.status, **values},
                 by=partner_label(submission))
    return submission, token


def confirm_email(submission: PartnerSubmission, now: datetime) -> str:
    """Confirm the contact address: the listing joins the moderation queue. Return the management token."""
    submission.listing.submit_for_review(now)
    submission.email_confirmed_at, submission.confirm_digest = now, None
    token = submission.issue_manage_link()
    audit.record(None, "partner.confirm_email", submission.listing, {"status": Listing.DRAFT},
                 {"status": submission.listing.status}, by=partner_label(submission))
    return token


def edit(submission: PartnerSubmission, form: SubmissionForm, now: datetime) -> bool:
    """Change the listing as the partner asks; a change sends it back to review. Say whether anything changed."""
    listing = submission.listing
    values = listing_values(form)
    before = audit.snapshot(listing, EDITABLE)
    policy_before = dict(submission.policy or {})
    _apply(listing, values)
    submission.contact_email, submission.supervisor = form.contact_email.data, form.supervisor.data
    submission.policy = form.policy_answers()
    changed_before, changed_after = audit.changed(before, audit.snapshot(listing, EDITABLE))
    if policy_before != submission.policy:
        changed_before["policy"], changed_after["policy"] = policy_before, submission.policy
    if not changed_after:
        return False
    status = listing.status
    if status != Listing.DRAFT:
        listing.submit_for_review(now)
    listing.updated_at = now
    audit.record(None, "partner.edit", listing, {**changed_before, "status": status},
                 {**changed_after, "status": listing.status}, by=partner_label(submission))
    return True


def close(submission: PartnerSubmission, now: datetime) -> None:
    """Take the listing down for good, at the partner's request (the post is filled, say)."""
    listing = submission.listing
    before = listing.status
    listing.remove(now)
    audit.record(None, "partner.close", listing, {"status": before}, {"status": listing.status},
                 by=partner_label(submission))


def can_close(submission: PartnerSubmission) -> bool:
    return submission.listing.status in (Listing.ACTIVE, Listing.EXPIRED, Listing.PENDING, Listing.DRAFT)


def can_renew(submission: PartnerSubmission) -> bool:
    """Say whether "still open" means something now: it is live, or lapsed for want of a confirmation."""
    listing = submission.listing
    if listing.status == Listing.ACTIVE:
        return True
    return (listing.status == Listing.EXPIRED and submission.lapsed_at is not None
            and (listing.deadline is None or listing.deadline >= site_today()))


def renew(submission: PartnerSubmission, now: datetime) -> None:
    """Record that the opportunity is still open; a listing that lapsed for want of this comes back."""
    listing = submission.listing
    before = {"status": listing.status, "last_confirmed_at": submission.last_confirmed_at}
    if listing.status == Listing.EXPIRED:
        listing.restore(now)
    submission.last_confirmed_at, submission.reminder_sent_at, submission.lapsed_at = now, None, None
    submission.still_open_digest = None
    listing.last_seen_at = now
    audit.record(None, "partner.still_open", listing, before,
                 {"status": listing.status, "last_confirmed_at": now}, by=partner_label(submission))


def partner_label(submission: PartnerSubmission) -> str:
    """Who a partner is in the audit log: their organisation's contact address."""
    return f"partner <{submission.contact_email}>"
