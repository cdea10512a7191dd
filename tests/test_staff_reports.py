"""Editors work through problem reports: a queue where more reports rank higher, and three ways to resolve."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.factories import add_listings
from tests.staff_helpers import log_in, make_staff, post_form
from tracker.extensions import db
from tracker.models import Listing, utcnow
from tracker.problem_reports import ProblemReport
from tracker.problem_reports.models import CORRECTED, DISMISSED, HIDDEN
from tracker.staff.models import EDITOR, VIEWER, AuditEntry


@pytest.fixture
def reported(app: Flask) -> dict[str, int]:
    """Three listings: one reported three times, one once (earlier), one never; and one resolved report."""
    make_staff(app, "ed@example.org", EDITOR, name="Ed Itor")
    with app.app_context():
        many, once, never = add_listings({"title": "Often reported"}, {"title": "Reported once"},
                                         {"title": "Never reported"})
        now = utcnow()
        reports = [ProblemReport(listing_id=once.id, reason="closed", created_at=now - timedelta(days=2))]
        reports += [ProblemReport(listing_id=many.id, reason=reason, created_at=now - timedelta(hours=hours),
                                  details="Asked for a $50 fee." if reason == "scam" else None)
                    for reason, hours in (("scam", 3), ("scam", 2), ("broken-link", 1))]
        old = ProblemReport(listing_id=never.id, reason="closed", created_at=now - timedelta(days=9))
        old.resolve(DISMISSED, None, now - timedelta(days=8))
        db.session.add_all([*reports, old])
        db.session.commit()
        return {"many": many.id, "once": once.id, "never": never.id}


def editor(app: Flask):
    client = app.test_client()
    assert log_in(client, "ed@example.org").status_code == 302
    return client


def open_reports(app: Flask, listing_id: int) -> list[ProblemReport]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(ProblemReport).where(ProblemReport.listing_id == listing_id)))
        db.session.expunge_all()
        return [r for r in rows if r.resolved_at is None]


def audit_actions(app: Flask, listing_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.target_type == "listings",
                                                                            AuditEntry.target_id == str(listing_id))
                                       .order_by(AuditEntry.id)))


def test_more_reports_rank_a_listing_higher(app: Flask, reported: dict[str, int]) -> None:
    html = editor(app).get("/staff/reports").get_data(as_text=True)
    assert html.index("Often reported") < html.index("Reported once")
    assert "Never reported" not in html  # its only report is resolved
    assert "Looks like a scam (2), Broken link (1)" in html
    assert "Listings with open reports: 2" in html


def test_the_queue_is_empty_without_open_reports(app: Flask) -> None:
    make_staff(app, "ed@example.org", EDITOR)
    assert "No open reports." in editor(app).get("/staff/reports").get_data(as_text=True)


def test_one_listings_reports_show_what_people_wrote(app: Flask, reported: dict[str, int]) -> None:
    page = editor(app).get(f"/staff/reports/{reported['many']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Open reports (3)" in html and "Asked for a $50 fee." in html
    assert f'href="/staff/listings/{reported["many"]}"' in html  # correct it on the correction page
    assert editor(app).get("/staff/reports/99999").status_code == 404


def test_dismissing_closes_every_open_report_and_is_audited(app: Flask, reported: dict[str, int]) -> None:
    client = editor(app)
    page = f"/staff/reports/{reported['many']}"
    response = post_form(client, f"{page}/dismiss", {}, page=page)
    assert response.status_code == 302
    assert "3 reports are resolved." in client.get("/staff/reports").get_data(as_text=True)
    assert open_reports(app, reported["many"]) == []
    assert len(open_reports(app, reported["once"])) == 1  # other listings' reports are left alone
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "report.dismiss"))
        assert entry.actor_label.startswith("Ed Itor")
        assert entry.before == {"open_reports": 3, "reasons": {"broken-link": 1, "scam": 2}}
        assert entry.after == {"resolution": DISMISSED}
        assert {r.resolution for r in db.session.scalars(sa.select(ProblemReport).where(
            ProblemReport.listing_id == reported["many"]))} == {DISMISSED}
        listing = db.session.get(Listing, reported["many"])
        assert listing.status == Listing.ACTIVE  # dismissing changes nothing on the site


def test_hiding_takes_the_listing_off_the_site_and_resolves_its_reports(app: Flask, reported: dict[str, int]) -> None:
    client = editor(app)
    assert "Often reported" in client.get("/search?q=often").get_data(as_text=True)
    page = f"/staff/reports/{reported['many']}"
    response = post_form(client, f"{page}/hide", {"reason": "A scam: it asks for a fee."}, page=page)
    assert response.status_code == 302
    assert "Often reported" not in client.get("/search?q=often").get_data(as_text=True)
    assert client.get(f"/api/v1/listings/{reported['many']}").get_json().get("status") != "active"
    with app.app_context():
        listing = db.session.get(Listing, reported["many"])
        assert (listing.status, listing.hidden_reason) == (Listing.REMOVED, "A scam: it asks for a fee.")
        assert {r.resolution for r in db.session.scalars(sa.select(ProblemReport).where(
            ProblemReport.listing_id == listing.id))} == {HIDDEN}
    assert audit_actions(app, reported["many"]) == ["listing.hide", "report.hide"]


def test_hiding_without_a_reason_says_so_and_resolves_nothing(app: Flask, reported: dict[str, int]) -> None:
    client = editor(app)
    page = f"/staff/reports/{reported['many']}"
    response = post_form(client, f"{page}/hide", {"reason": "   "}, page=page)
    assert response.status_code == 400
    assert "Say why, so other editors know" in response.get_data(as_text=True)
    assert len(open_reports(app, reported["many"])) == 3
    assert audit_actions(app, reported["many"]) == []


def test_a_correction_then_marks_the_reports_corrected(app: Flask, reported: dict[str, int]) -> None:
    client = editor(app)
    listing_page = client.get(f"/staff/listings/{reported['once']}").get_data(as_text=True)
    assert "People reported a problem with this listing: 1 open report." in listing_page
    page = f"/staff/reports/{reported['once']}"
    assert post_form(client, f"{page}/corrected", {}, page=page).status_code == 302
    assert open_reports(app, reported["once"]) == []
    with app.app_context():
        report = db.session.scalar(sa.select(ProblemReport).where(ProblemReport.listing_id == reported["once"]))
        assert report.resolution == CORRECTED and report.resolved_by_id is not None
    assert audit_actions(app, reported["once"]) == ["report.corrected"]
    assert "Reported once" not in client.get("/staff/reports").get_data(as_text=True)


def test_resolving_a_listing_without_open_reports_records_nothing(app: Flask, reported: dict[str, int]) -> None:
    client = editor(app)
    page = f"/staff/reports/{reported['never']}"
    assert post_form(client, f"{page}/dismiss", {}, page=page).status_code == 302
    assert post_form(client, f"{page}/corrected", {}, page=page).status_code == 302
    assert audit_actions(app, reported["never"]) == []


def test_the_staff_home_counts_reported_listings_for_editors(app: Flask, reported: dict[str, int]) -> None:
    assert "People reported problems with 2 listings." in editor(app).get("/staff/").get_data(as_text=True)
    make_staff(app, "vi@example.org", VIEWER)
    viewer = app.test_client()
    log_in(viewer, "vi@example.org")
    html = viewer.get("/staff/").get_data(as_text=True)
    assert "People reported problems" not in html and "/staff/reports" not in html
    assert viewer.get("/staff/reports").status_code == 403


def test_a_report_sent_from_the_public_page_reaches_the_queue(app: Flask, reported: dict[str, int]) -> None:
    public = app.test_client()
    page = f"/listings/{reported['once']}/report"
    for _ in range(3):
        assert post_form(public, page, {"reason": "closed"}).status_code == 303
    html = editor(app).get("/staff/reports").get_data(as_text=True)
    assert html.index("Reported once") < html.index("Often reported")  # 4 reports now beat 3


def test_the_queue_on_postgresql(pg_app: Flask) -> None:
    make_staff(pg_app, "ed@example.org", EDITOR)
    with pg_app.app_context():
        once, twice = add_listings({"title": "Once"}, {"title": "Twice"})
        db.session.add_all([ProblemReport(listing_id=once.id, reason="closed"),
                            ProblemReport(listing_id=twice.id, reason="scam"),
                            ProblemReport(listing_id=twice.id, reason="scam")])
        db.session.commit()
    html = editor(pg_app).get("/staff/reports").get_data(as_text=True)
    assert html.index("Twice") < html.index("Once") and "Looks like a scam (2)" in html
