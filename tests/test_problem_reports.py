"""Anyone can report a problem with a listing: the form, its bad inputs, spam guards, and what is stored."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import build_app, make_config
from tests.factories import add_listings
from tests.staff_helpers import csrf_token
from tracker.extensions import db
from tracker.models import Listing
from tracker.problem_reports import ProblemReport
from tracker.problem_reports.models import DETAILS_LIMIT, REASONS
from tracker.problem_reports.text import REMOVED, clean_details


@pytest.fixture
def listing_id(app: Flask) -> int:
    with app.app_context():
        return add_listings({"title": "Hospital volunteer"})[0].id


def stored(app: Flask) -> list[ProblemReport]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(ProblemReport).order_by(ProblemReport.id)))
        db.session.expunge_all()
        return rows


def send(client, listing_id: int, **data: str):
    token = csrf_token(client.get(f"/listings/{listing_id}/report").get_data(as_text=True))
    return client.post(f"/listings/{listing_id}/report", data={"csrf_token": token, **data})


def test_every_listing_page_links_to_its_report_page(client, listing_id: int) -> None:
    page = client.get(f"/listings/{listing_id}")
    assert f'href="/listings/{listing_id}/report"' in page.get_data(as_text=True)
    # The listing page holds no form token, so a shared cache may keep it; the form page may not be kept.
    assert "csrf_token" not in page.get_data(as_text=True)
    assert page.cache_control.public
    form = client.get(f"/listings/{listing_id}/report")
    assert form.status_code == 200
    assert form.headers["Cache-Control"] == "private, no-store"
    html = form.get_data(as_text=True)
    assert all(f'value="{reason}"' in html for reason in REASONS)


@pytest.mark.parametrize("reason", REASONS)
def test_a_report_is_stored_with_its_reason_and_thanks_the_reader(app: Flask, client, listing_id: int,
                                                                   reason: str) -> None:
    response = send(client, listing_id, reason=reason, details="The deadline says June, the site says May.")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/listings/{listing_id}/report/thanks"
    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200 and "Thank you for your report" in thanks.get_data(as_text=True)
    [report] = stored(app)
    assert (report.listing_id, report.reason, report.resolved_at) == (listing_id, reason, None)
    assert report.details == "The deadline says June, the site says May."


def test_the_report_table_has_no_column_about_the_person() -> None:
    columns = set(ProblemReport.__table__.columns.keys())
    assert columns == {"id", "listing_id", "reason", "details", "created_at", "resolved_at", "resolution",
                       "resolved_by_id"}


def test_no_reason_is_a_clear_error_that_keeps_the_text(app: Flask, client, listing_id: int) -> None:
    response = send(client, listing_id, details="Something is off with the pay.")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="reason-error">Choose what is wrong with this listing.' in html
    assert "Something is off with the pay.</textarea>" in html
    assert stored(app) == []


def test_an_unknown_reason_is_refused(app: Flask, client, listing_id: int) -> None:
    response = send(client, listing_id, reason="spam-everyone")
    assert response.status_code == 400
    assert "reason-error" in response.get_data(as_text=True)
    assert stored(app) == []


def test_too_long_text_is_refused_and_kept(app: Flask, client, listing_id: int) -> None:
    text = "word " * (DETAILS_LIMIT // 5) + "end"
    response = send(client, listing_id, reason="wrong-details", details=text)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Use at most 1,000 characters." in html and 'aria-invalid="true"' in html
    assert "end</textarea>" in html
    assert stored(app) == []
    assert send(client, listing_id, reason="wrong-details", details="x" * DETAILS_LIMIT).status_code == 303


def test_without_a_form_token_nothing_is_stored(app: Flask, client, listing_id: int) -> None:
    response = client.post(f"/listings/{listing_id}/report", data={"reason": "scam"})
    assert response.status_code == 400
    assert stored(app) == []


def test_markup_and_contact_details_never_reach_the_database(app: Flask, client, listing_id: int) -> None:
    send(client, listing_id, reason="scam",
         details='They asked for a fee. <script>alert(1)</script><b>Text me</b> at (205) 555-0147 or jo@example.com')
    [report] = stored(app)
    assert report.details == f"They asked for a fee. Text me at {REMOVED} or {REMOVED}"


def test_the_hidden_field_robots_fill_stores_nothing(app: Flask, client, listing_id: int) -> None:
    response = send(client, listing_id, reason="scam", website="http://cheap-pills.example")
    assert response.status_code == 303  # thanked like anyone, so it learns nothing
    assert stored(app) == []


@pytest.mark.parametrize("path", ["/listings/999/report", "/listings/999/report/thanks", "/listings/0/report"])
def test_no_such_listing_is_a_404(client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_a_listing_never_published_cannot_be_reported(app: Flask, client) -> None:
    with app.app_context():
        pending = add_listings({"status": Listing.PENDING})[0].id
    assert client.get(f"/listings/{pending}/report").status_code == 404
    assert client.post(f"/listings/{pending}/report", data={"reason": "scam"}).status_code in (400, 404)
    assert stored(app) == []


def test_a_closed_listing_can_still_be_reported(app: Flask, client) -> None:
    with app.app_context():
        closed = add_listings({"status": Listing.EXPIRED})[0].id
    assert send(client, closed, reason="closed").status_code == 303
    assert len(stored(app)) == 1


def test_reports_are_limited_per_address_and_the_text_is_kept(tmp_path) -> None:
    app = build_app(make_config(tmp_path, RATELIMIT_REPORTS="2 per hour"))
    with app.app_context():
        listing_id = add_listings({})[0].id
    client = app.test_client()
    # A form sent back with an error does not use up the allowance.
    assert send(client, listing_id, details="no reason").status_code == 400
    assert send(client, listing_id, reason="closed").status_code == 303
    assert send(client, listing_id, reason="closed").status_code == 303
    refused = send(client, listing_id, reason="scam", details="Asked me for money.")
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "Please try again in" in html and "Asked me for money.</textarea>" in html
    assert re.search(r'<input checked id="reason-\d" name="reason" required type="radio" value="scam">', html)
    assert int(refused.headers["Retry-After"]) > 0
    assert len(stored(app)) == 2


def test_the_pages_are_in_spanish(client, listing_id: int) -> None:
    html = client.get(f"/listings/{listing_id}/report?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "Informar de un problema" in html
    thanks = client.get(f"/listings/{listing_id}/report/thanks?lang=es").get_data(as_text=True)
    assert "Gracias" in thanks


@pytest.mark.parametrize("typed, kept", [
    (None, None), ("   \n ", None), ("Plain words.", "Plain words."),
    ("a\r\n\r\n\r\n\r\nb", "a\n\nb"), ("tabs\tand   spaces", "tabs and spaces"),
    ("3 < 4 &amp; 5 > 2", "3 < 4 & 5 > 2"), ("<i>it</i> <img src=x onerror=alert(1)>", "it"),
    ("bell\x07 and nul\x00", "bell and nul"),
    ("Posted 2026-12-01, ref 12345678.", "Posted 2026-12-01, ref 12345678."),
    ("call 205.555.0199 now", f"call {REMOVED} now"), ("or 1-205-555-0199", f"or {REMOVED}"),
    ("+44 20 7946 0958", REMOVED), ("me: a.b+c@mail.example.org.", f"me: {REMOVED}"),
])
def test_clean_details(typed: str | None, kept: str | None) -> None:
    assert clean_details(typed) == kept


def test_the_report_page_says_what_it_is_about(client, listing_id: int) -> None:
    html = client.get(f"/listings/{listing_id}/report").get_data(as_text=True)
    assert re.search(r'<a href="/listings/\d+"[^>]*>Hospital volunteer</a>', html)
    assert '<div class="leave-empty" aria-hidden="true">' in html and 'tabindex="-1"' in html
