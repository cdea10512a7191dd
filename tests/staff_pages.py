"""Every staff page, on the demo data, for the HTML and accessibility checks.

``staff_page_paths`` makes an admin account, an open invitation and a hidden, corrected
listing, and returns each staff page template's path; the pages are fetched logged in
as that admin (except the login page and the invitation pages, which are public).
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Flask

from tests.staff_helpers import make_staff
from tracker import corrections
from tracker.extensions import db
from tracker.models import Listing, Source, utcnow
from tracker.partners import PartnerSubmission
from tracker.partners.submissions import partner_source
from tracker.placements import PlacementFigure
from tracker.link_checks import FAILED, LinkCheck
from tracker.problem_reports import ProblemReport
from tracker.staff import audit
from tracker.staff.models import ADMIN, VIEWER, Invite, StaffUser

ADMIN_EMAIL = "pages.admin@example.org"
# Pages answered without an account; the rest are fetched logged in as the admin.
PUBLIC_PAGES = ("login", "invite-accept", "invite-invalid")
EXPECTED_STATUS = {"invite-invalid": 410}


def staff_page_paths(app: Flask) -> dict[str, str]:
    """Prepare the data each staff page needs and return {page name: path}."""
    admin_id = make_staff(app, ADMIN_EMAIL, ADMIN, name="Page Admin")
    with app.app_context():
        invite, token = Invite.issue("new.person@example.org", VIEWER, None, 7, utcnow())
        db.session.add(invite)
        source = db.session.scalar(sa.select(Source).order_by(Source.id))
        listing = db.session.scalar(sa.select(Listing).where(Listing.source_id == source.id,
                                                             Listing.status == Listing.ACTIVE).order_by(Listing.id))
        actor = db.session.get(StaffUser, admin_id)
        before, after = corrections.correct(listing, {"kind": "internship", "deadline": date(2031, 1, 15)})
        audit.record(actor, "listing.correct", listing, before, after)
        listing.feed_values = {**(listing.feed_values or {}), "deadline": "2031-02-01"}  # the feed moved since
        hidden = db.session.scalar(sa.select(Listing).where(Listing.status == Listing.ACTIVE, Listing.id != listing.id)
                                   .order_by(Listing.id.desc()))
        corrections.hide(hidden, "The post is filled.", utcnow())
        audit.record(actor, "listing.hide", hidden, {"status": "active"}, {"status": "removed"})
        source.consecutive_failures, source.last_error = 2, "the server answered 404 Not Found"
        for school, enrolled, completed in (("", 2500, 650), ("Tiny Academy", 40, 4)):
            db.session.add(PlacementFigure(school_year=2024, school=school, juniors_seniors=enrolled,
                                           completed=completed, source="BCS CTE office"))
        db.session.add_all([ProblemReport(listing_id=listing.id, reason="scam", details="They asked for a fee."),
                            ProblemReport(listing_id=listing.id, reason="broken-link")])
        failing = LinkCheck(listing_id=listing.id, url=listing.apply_url or "https://example.org/gone", failing_days=0)
        failing.record(FAILED, date(2026, 12, 5), utcnow(), 404, "HTTP 404 Not Found")
        db.session.add(failing)
        # A partner's listing in review that repeats a feed's listing (same fingerprint).
        submitted = Listing(source=partner_source(), external_id="partner-pages", status=Listing.PENDING,
                            title=listing.title, organisation=listing.organisation, kind=listing.kind,
                            pathways=list(listing.pathways), description="<p>Shelve books and help readers.</p>",
                            pay_status="unpaid", work_mode="onsite", city="Birmingham", state="AL", zip="35203",
                            fingerprint=listing.fingerprint or "pages-fingerprint", apply_instructions="Ask at the desk.")
        listing.fingerprint = submitted.fingerprint
        db.session.add(PartnerSubmission(listing=submitted, contact_email="jobs@library.example.org",
                                         supervisor="Sam Reed", email_confirmed_at=utcnow(),
                                         policy={"no_fees": True, "minimum_wage": False, "suitable_duties": True,
                                                 "named_supervisor": True, "child_labor": "not-needed"}))
        db.session.commit()
        return {
            "submissions": "/staff/submissions",
            "submission": f"/staff/submissions/{submitted.id}",
            "login": "/staff/login",
            "invite-accept": f"/staff/invite/{token}",
            "invite-invalid": "/staff/invite/not-a-token",
            "dashboard": "/staff/",
            "account": "/staff/account",
            "accounts": "/staff/accounts",
            "account-edit": f"/staff/accounts/{admin_id}",
            "sources": "/staff/sources",
            "source": f"/staff/sources/{source.id}",
            "source-new": "/staff/sources/new",
            "source-edit": f"/staff/sources/{source.id}/edit",
            "listings": "/staff/listings",
            "listing": f"/staff/listings/{listing.id}",
            "listing-hidden": f"/staff/listings/{hidden.id}",
            "audit": "/staff/audit",
            "placements": "/staff/placements",
            "reports": "/staff/reports",
            "report": f"/staff/reports/{listing.id}",
        }
