"""A student reports a listing with JavaScript off, and an editor resolves it; the link checker
closes a listing whose apply page is gone (issue 15)."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, screenshot
from tests.conftest import copy_of_demo
from tests.staff_helpers import PASSWORD, make_staff
from tracker.extensions import db
from tracker.models import Listing
from tracker.problem_reports import ProblemReport


def fetch_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback server
        return response.read().decode("utf-8")


def test_a_student_reports_a_listing_and_an_editor_hides_it(demo_template: Path, tmp_path: Path,
                                                             new_context: Any) -> None:
    from playwright.sync_api import expect

    app = copy_of_demo(demo_template, tmp_path)
    make_staff(app, "ed@example.org", "editor", name="Ed Itor")
    with app.app_context():
        listing = db.session.scalar(sa.select(Listing).where(Listing.status == Listing.ACTIVE,
                                                             Listing.deadline.is_(None)).order_by(Listing.id))
        listing_id, title = listing.id, listing.title
    live = LiveServer(app)
    try:
        origin = live.origin
        words = title.split()[0]
        assert title in fetch_text(f"{origin}/search?q={words}")

        student = new_context(viewport=PHONE, java_script_enabled=False).new_page()
        student.goto(f"{origin}/listings/{listing_id}")
        student.get_by_role("link", name="Report a problem with this listing").click()
        expect(student.locator("h1")).to_have_text("Report a problem with this listing")
        student.get_by_label("Anything else we should know? (optional)").fill("They asked me to pay a fee to apply.")
        student.get_by_role("button", name="Send the report").click()
        expect(student.locator(".error-summary")).to_contain_text("Choose what is wrong with this listing.")
        expect(student.get_by_label("Anything else we should know? (optional)")).to_have_value(
            "They asked me to pay a fee to apply.")
        screenshot(student, "report-journey-1-error")
        student.get_by_label("It looks like a scam").check()
        student.get_by_role("button", name="Send the report").click()
        expect(student.locator("h1")).to_have_text("Thank you for your report")
        screenshot(student, "report-journey-2-thanks")
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(ProblemReport)
                                     .where(ProblemReport.listing_id == listing_id)) == 1

        editor = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
        editor.goto(origin + "/staff/login")
        editor.get_by_label("E-mail address").fill("ed@example.org")
        editor.get_by_label("Password").fill(PASSWORD)
        editor.get_by_role("button", name="Log in").click()
        editor.wait_for_url(re.compile(r"/staff/$"))
        expect(editor.locator("main")).to_contain_text("People reported problems with 1 listing.")
        editor.get_by_role("navigation", name="Staff").get_by_role("link", name="Problem reports").click()
        editor.get_by_role("link", name=title).click()
        expect(editor.locator(".report-list")).to_contain_text("Looks like a scam")
        expect(editor.locator(".report-list")).to_contain_text("They asked me to pay a fee to apply.")
        screenshot(editor, "report-journey-3-queue")
        editor.get_by_label("Why hide it?").fill("A scam: it asks students for a fee.")
        editor.get_by_role("button", name="Hide it").click()
        expect(editor.locator(".flashes")).to_contain_text("The listing is hidden")
        expect(editor.locator("main")).to_contain_text("No open reports.")
        assert title not in fetch_text(f"{origin}/search?q={words}")

        editor.goto(f"{origin}/staff/listings/{listing_id}")
        expect(editor.locator("main")).to_contain_text("hid a reported listing")
    finally:
        live.stop()
        with app.app_context():
            db.engine.dispose()


def test_the_link_checker_closes_a_dead_listing(demo_template: Path, tmp_path: Path, new_context: Any,
                                                monkeypatch: Any) -> None:
    """Three days of a dead apply link: the listing leaves search, its page says why, its source's page lists it."""
    from datetime import datetime, timedelta, timezone

    from playwright.sync_api import expect

    from tests.link_server import LinkServer
    from tracker import clock

    links = LinkServer()
    app = copy_of_demo(demo_template, tmp_path, LINK_CHECK_ALLOW_PRIVATE_HOSTS="1", LINK_CHECK_TIMEOUT="2",
                       LINK_CHECK_DELAY="0")
    make_staff(app, "ed@example.org", "editor", name="Ed Itor")
    with app.app_context():
        open_ones = db.session.scalars(sa.select(Listing).where(Listing.status == Listing.ACTIVE,
                                                                Listing.duplicate_of_id.is_(None),
                                                                Listing.deadline.is_(None)).order_by(Listing.id))
        listing = next(iter(open_ones))
        listing_id, title, source_id = listing.id, listing.title, listing.source_id
        # Every other listing's link answers; this one's page is gone.
        db.session.execute(sa.update(Listing).values(apply_url=links.url("/live")))
        listing.apply_url = links.url("/gone")
        db.session.commit()
    live = LiveServer(app)
    try:
        origin = live.origin
        words = title.split()[0]
        assert title in fetch_text(f"{origin}/search?q={words}")
        for day in (0, 1, 2):
            moment = datetime.now(timezone.utc) + timedelta(days=day, seconds=2)
            monkeypatch.setattr(clock, "utc_now", lambda moment=moment: moment)
            result = app.test_cli_runner().invoke(args=["links", "check", "--quiet"])
            assert result.exit_code == 0, result.output
        assert f"Closed listing {listing_id}" in result.output
        monkeypatch.undo()

        student = new_context(viewport=PHONE, java_script_enabled=False).new_page()
        student.goto(f"{origin}/search?q={words}")
        expect(student.locator("main")).not_to_contain_text(title)
        student.goto(f"{origin}/listings/{listing_id}")
        expect(student.locator(".closed-notice")).to_contain_text("Its apply page is gone")
        screenshot(student, "link-check-closed-listing")

        editor = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
        editor.goto(origin + "/staff/login")
        editor.get_by_label("E-mail address").fill("ed@example.org")
        editor.get_by_label("Password").fill(PASSWORD)
        editor.get_by_role("button", name="Log in").click()
        editor.wait_for_url(re.compile(r"/staff/$"))
        editor.goto(f"{origin}/staff/sources/{source_id}")
        table = editor.get_by_role("table", name="Apply links that failed at their last check")
        expect(table).to_contain_text(title)
        expect(table).to_contain_text("closed: the apply page is gone")
        expect(table).to_contain_text("HTTP 404 Not Found")
        screenshot(editor, "link-check-source-health")
    finally:
        live.stop()
        links.stop()
        with app.app_context():
            db.engine.dispose()
