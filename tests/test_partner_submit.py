"""The public form (/submit): every field's problem beside it with the input kept, preview, send, confirm."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import build_app, make_config
from tests.partner_helpers import link_in, press, send_submission, valid_form
from tests.staff_helpers import csrf_token
from tracker.extensions import db
from tracker.models import Listing
from tracker.partners import PartnerSubmission
from tracker.staff.models import AuditEntry, token_digest

ERROR = re.compile(r'<p class="field-error" id="([a-z_]+)-error">([^<]+)</p>')


def errors(html: str) -> dict[str, str]:
    return {name: message for name, message in ERROR.findall(html)}


def post_preview(client, **overrides):
    token = csrf_token(client.get("/submit").get_data(as_text=True))
    return client.post("/submit", data={"csrf_token": token, **valid_form(**overrides)})


def test_the_form_page_is_private_and_has_every_field(client) -> None:
    response = client.get("/submit")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    html = response.get_data(as_text=True)
    for name in valid_form():
        assert f'name="{name}"' in html, name
    assert 'class="hp"' in html  # the honeypot is there, hidden by the stylesheet


def test_spanish_form(client) -> None:
    html = client.get("/submit?lang=es").get_data(as_text=True)
    assert "Publicar una oportunidad" in html


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"organisation": ""}, "organisation", "name of your organisation"),
    ({"contact_email": "not-an-address"}, "contact_email", "like name@example.org"),
    ({"title": ""}, "title", "Enter a title"),
    ({"kind": ""}, "kind", "kind of opportunity"),
    ({"pathways": []}, "pathways", "at least one career pathway"),
    ({"description": "  "}, "description", "Describe the opportunity"),
    ({"description": "x" * 10_001}, "description", "at most 10,000"),
    ({"min_age": "12"}, "min_age", "from 14 to 99"),
    ({"min_age": "20", "max_age": "18"}, "max_age", "oldest age must not be below"),
    ({"min_grade": "13"}, "min_grade", "from 0"),
    ({"pay_type": None}, "pay_type", "paid, has a stipend, or is unpaid"),
    ({"pay_amount": ""}, "pay_amount", "Enter the amount"),
    ({"pay_amount": "lots"}, "pay_amount", "Not a valid decimal"),
    ({"pay_amount": "5.00"}, "pay_amount", "below the minimum wage of $7.25"),
    ({"pay_period": ""}, "pay_period", "how often"),
    ({"minimum_wage": None}, "minimum_wage", "at least the minimum wage"),
    ({"work_mode": None}, "work_mode", "on-site, remote or hybrid"),
    ({"zip": "3520"}, "zip", "five digits"),
    ({"zip": "", "city": ""}, "zip", "ZIP code or the city"),
    ({"deadline": "2000-01-01"}, "deadline", "deadline has passed"),
    ({"apply_url": "javascript:alert(1)"}, "apply_url", "http:// or https://"),
    ({"apply_url": "ftp://example.org/apply"}, "apply_url", "http:// or https://"),
    ({"apply_url": ""}, "apply_url", "or say how to apply"),
    ({"end_date": "2031-01-01", "start_date": "2031-02-01"}, "end_date", "end must not be before"),
    ({"no_fees": None}, "no_fees", "cost nothing"),
    ({"suitable_duties": None}, "suitable_duties", "suit the ages"),
    ({"named_supervisor": None}, "named_supervisor", "named adult"),
    ({"child_labor": None}, "child_labor", "certificate"),
    ({"supervisor": ""}, "supervisor", "who will supervise"),
])
def test_each_problem_is_shown_beside_its_field_and_the_input_is_kept(client, overrides, field, words) -> None:
    response = post_preview(client, **overrides)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    found = errors(html)
    assert field in found and words in found[field], found
    assert set(found) == {field}, found  # nothing else is blamed
    assert f'href="#{field}"' in html  # the summary links to it
    assert 'value="Magic City Bakery"' in html or field == "organisation"
    assert "Bake bread and serve customers." in html or field == "description"
    assert re.search(r'<input checked id="pathways-\d+" name="pathways" type="checkbox" value="hospitality">', html) \
        or field == "pathways"


def test_unpaid_and_stipend_need_no_wage_confirmation(client) -> None:
    assert post_preview(client, pay_type="unpaid", pay_amount="", pay_period="", minimum_wage=None).status_code == 200
    assert post_preview(client, pay_type="stipend", pay_amount="500", pay_period="", minimum_wage=None).status_code == 200


def test_instructions_alone_will_do_and_remote_work_needs_no_place(client) -> None:
    response = post_preview(client, apply_url="", apply_instructions="Call Ana on 205-555-0100.", work_mode="remote",
                            zip="", address="")
    assert response.status_code == 200


def test_preview_shows_the_listing_and_carries_every_value(client) -> None:
    response = post_preview(client, description="Bake <b>bread</b>.<script>alert(1)</script>")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Preview your listing" in html
    assert "Bake <b>bread</b>." in html and "<script>alert" not in html  # sanitized like feed text
    assert "$12.50 an hour" in html
    for name in ("organisation", "contact_email", "pathways", "child_labor", "no_fees"):
        assert f'type="hidden" name="{name}"' in html, name
    with client.application.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 0  # nothing stored yet


def test_change_something_goes_back_to_the_form_with_everything_kept(client) -> None:
    token = csrf_token(client.get("/submit").get_data(as_text=True))
    response = client.post("/submit", data={"csrf_token": token, "action": "edit", **valid_form()})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'action="/submit"' in html and errors(html) == {}
    assert 'value="Summer bakery assistant"' in html and 'value="12.50"' in html


def test_an_expired_form_token_keeps_what_was_typed(client) -> None:
    response = client.post("/submit", data={"csrf_token": "stale", **valid_form()})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The form had expired" in html and 'value="Magic City Bakery"' in html


def test_sending_stores_a_draft_and_mails_a_one_time_link(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    response = send_submission(client, description="Bake <em>bread</em><img src=x onerror=alert(1)>")
    assert response.status_code == 303 and response.headers["Location"].endswith("/submit/sent")
    assert "Check your e-mail" in client.get("/submit/sent").get_data(as_text=True)
    message, = mailbox.messages
    assert message["To"] == "jobs@bakery.example.org"
    path = link_in(message, "confirm")
    with mail_app.app_context():
        submission = db.session.scalar(sa.select(PartnerSubmission))
        listing = submission.listing
        assert listing.status == Listing.DRAFT and listing.source.name == "Partner submissions"
        assert listing.description == "Bake <em>bread</em>"
        assert (listing.pay_status, listing.pay_min, listing.pay_period) == ("paid", 12.5, "hour")
        assert (listing.city, listing.state, listing.zip, listing.transport_note) == ("Birmingham", "AL", "35203", "Route 44")
        assert listing.latitude is not None and listing.fingerprint
        assert submission.policy == {"no_fees": True, "minimum_wage": True, "suitable_duties": True,
                                     "named_supervisor": True, "child_labor": "have"}
        # Only the token's digest is stored.
        token = path.rsplit("/", 1)[1]
        assert submission.confirm_digest == token_digest(token) and token not in str(submission.confirm_digest)
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "partner.submit"))
        assert entry.actor_label == "partner <jobs@bakery.example.org>"


def test_confirming_needs_the_button_works_once_and_mails_the_private_link(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    send_submission(client)
    path = link_in(mailbox.messages[0], "confirm")
    page = client.get(path)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200 and "Confirm and send for review" in page.get_data(as_text=True)
    with mail_app.app_context():
        assert db.session.scalar(sa.select(Listing.status)) == Listing.DRAFT
    done = client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert done.status_code == 200 and "waits for review" in done.get_data(as_text=True)
    manage = link_in(mailbox.messages[1], "manage")
    assert manage in done.get_data(as_text=True)
    with mail_app.app_context():
        assert db.session.scalar(sa.select(Listing.status)) == Listing.PENDING
        assert db.session.scalar(sa.select(PartnerSubmission.confirm_digest)) is None
    again = client.get(path)
    assert again.status_code == 410 and "already used, or it has expired" in again.get_data(as_text=True)


def test_a_confirmation_link_expires(tmp_path, mailbox) -> None:
    app = build_app(make_config(tmp_path, PARTNER_CONFIRM_HOURS="0", **mailbox.config))
    client = app.test_client()
    send_submission(client)
    assert client.get(link_in(mailbox.messages[0], "confirm")).status_code == 410
    assert client.get("/submit/confirm/made-up").status_code == 410


def test_the_honeypot_stores_and_sends_nothing(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    response = send_submission(client, website="http://spam.example")
    assert response.status_code == 303  # the robot is told nothing
    assert mailbox.messages == []
    with mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 0


def test_a_tampered_send_is_checked_again(client) -> None:
    response = send_submission(client, apply_url="javascript:alert(1)")
    assert response.status_code == 400
    assert "apply_url" in errors(response.get_data(as_text=True))


def test_sending_is_rate_limited_with_the_input_kept(tmp_path) -> None:
    app = build_app(make_config(tmp_path, PARTNER_SUBMIT_LIMIT="2 per hour"))
    client = app.test_client()
    assert send_submission(client).status_code == 303
    assert send_submission(client).status_code == 303
    refused = send_submission(client, title="Third listing")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "Please try again in" in html and 'value="Third listing"' in html and "Send for review" in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 2


def test_a_mail_server_that_fails_loses_nothing(tmp_path) -> None:
    app = build_app(make_config(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_TIMEOUT=1))
    client = app.test_client()
    response = send_submission(client)
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and "could not send the confirmation e-mail" in html
    assert 'name="title" value="Summer bakery assistant"' in html  # still in the preview's form
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 0


def test_a_deadline_today_is_accepted(client) -> None:
    from tracker.clock import site_today
    with client.application.app_context():
        today = site_today()
    assert post_preview(client, deadline=today.isoformat()).status_code == 200
    assert post_preview(client, deadline=(today - timedelta(days=1)).isoformat()).status_code == 400
    assert isinstance(today, date)
