"""Partner listings without a deadline lapse after 60 days unless their partner says they are still open."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tests.partner_helpers import confirmed_submission, link_in, press
from tests.staff_helpers import csrf_token, log_in, make_staff, post_form
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing, utcnow
from tracker.partners import PartnerSubmission
from tracker.query import ListingQuery
from tracker.staff.models import EDITOR, AuditEntry


def _published(app, mailbox, **overrides) -> tuple[object, str, int]:
    """A partner listing approved by an editor; return the partner's client, manage path and listing id."""
    partner = app.test_client()
    manage = confirmed_submission(app, partner, mailbox, **overrides)
    make_staff(app, "editor@example.org", EDITOR)
    editor = app.test_client()
    log_in(editor, "editor@example.org")
    with app.app_context():
        listing_id = db.session.scalar(sa.select(PartnerSubmission.listing_id))
    post_form(editor, f"/staff/submissions/{listing_id}/approve", {}, page=f"/staff/submissions/{listing_id}")
    return partner, manage, listing_id


def _confirmed_days_ago(app, days: float) -> None:
    with app.app_context():
        submission = db.session.scalar(sa.select(PartnerSubmission))
        submission.last_confirmed_at = utcnow() - timedelta(days=days)
        db.session.commit()


def _state(app) -> tuple[str, object, object]:
    with app.app_context():
        submission = db.session.scalar(sa.select(PartnerSubmission))
        return submission.listing.status, submission.reminder_sent_at, submission.lapsed_at


def _remind(app) -> str:
    result = app.test_cli_runner().invoke(args=["partners", "remind"])
    assert result.exit_code == 0, result.output
    return result.output


def _searchable(app) -> bool:
    with app.test_request_context():
        return bool(find_listings(ListingQuery(text="bakery")).listings)


def test_nothing_happens_before_the_reminder_is_due(mail_app, mailbox) -> None:
    _published(mail_app, mailbox)
    _confirmed_days_ago(mail_app, 52)
    sent = len(mailbox.messages)
    assert "0 reminded, 0 taken down" in _remind(mail_app)
    assert len(mailbox.messages) == sent and _state(mail_app)[0] == Listing.ACTIVE


def test_a_reminder_seven_days_before_once_and_still_open_renews(mail_app, mailbox) -> None:
    partner, _manage, listing_id = _published(mail_app, mailbox)
    _confirmed_days_ago(mail_app, 54)
    assert "1 reminded" in _remind(mail_app)
    reminder = mailbox.messages[-1]
    assert "still open" in reminder["Subject"]
    assert "0 reminded" in _remind(mail_app)  # once, not every day
    path = link_in(reminder, "still-open")
    assert partner.get(path).status_code == 200  # opening the link changes nothing
    assert _state(mail_app)[1] is not None
    done = press(partner, path)
    assert done.status_code == 200 and "still open today" in done.get_data(as_text=True)
    status, reminded, lapsed = _state(mail_app)
    assert (status, reminded, lapsed) == (Listing.ACTIVE, None, None)
    page = partner.get(f"/listings/{listing_id}").get_data(as_text=True)
    assert "last confirmed" in page
    assert partner.get(path).status_code == 410  # the link worked once
    with mail_app.app_context():
        actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["partner.remind", "partner.still_open"]


def test_an_unconfirmed_listing_lapses_after_sixty_days_and_can_come_back(mail_app, mailbox) -> None:
    partner, manage, listing_id = _published(mail_app, mailbox)
    assert _searchable(mail_app)
    _confirmed_days_ago(mail_app, 60.01)
    assert "1 taken down" in _remind(mail_app)
    status, _reminded, lapsed = _state(mail_app)
    assert status == Listing.EXPIRED and lapsed is not None
    assert not _searchable(mail_app)  # out of the index at once
    page = partner.get(f"/listings/{listing_id}").get_data(as_text=True)
    assert "did not confirm it is still open" in page
    assert "no longer shown" in mailbox.messages[-1]["Subject"]
    # The manage page offers "still open", which puts it back.
    html = partner.get(manage).get_data(as_text=True)
    assert "nobody confirmed" in html
    assert partner.post(f"{manage}/renew", data={"csrf_token": csrf_token(html)}).status_code == 302
    assert _state(mail_app)[0] == Listing.ACTIVE and _searchable(mail_app)


def test_a_listing_with_a_deadline_is_never_reminded(mail_app, mailbox) -> None:
    from tracker.clock import site_today
    with mail_app.app_context():
        deadline = (site_today() + timedelta(days=90)).isoformat()
    _published(mail_app, mailbox, deadline=deadline)
    _confirmed_days_ago(mail_app, 100)
    assert "0 reminded, 0 taken down" in _remind(mail_app)
    assert _state(mail_app)[0] == Listing.ACTIVE


def test_a_reminder_the_mail_server_refused_is_tried_again(tmp_path, mailbox) -> None:
    from tests.conftest import build_app, make_config
    app = build_app(make_config(tmp_path, **mailbox.config))
    _published(app, mailbox)
    _confirmed_days_ago(app, 55)
    app.config["MAIL_PORT"] = 1  # nothing listens there
    result = app.test_cli_runner().invoke(args=["partners", "remind"])
    assert result.exit_code == 1 and "1 mails not sent" in result.output
    assert _state(app)[1] is None
    app.config.update(mailbox.config)
    assert "1 reminded" in _remind(app)
