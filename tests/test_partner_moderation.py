"""Editors moderate partner listings; partners manage theirs by a private link. Every step audited."""
from __future__ import annotations

import sqlalchemy as sa

from tests.factories import add_listings
from tests.partner_helpers import confirmed_submission, link_in, press
from tests.staff_helpers import csrf_token, log_in, make_staff, post_form
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.partners import PartnerSubmission
from tracker.query import ListingQuery
from tracker.staff.models import ADMIN, EDITOR, VIEWER, AuditEntry


def _listing(app) -> Listing:
    with app.app_context():
        listing = db.session.scalar(sa.select(Listing).where(Listing.source.has(name="Partner submissions")))
        db.session.expunge(listing)
        return listing


def _searchable(app, words: str = "bakery") -> list[int]:
    with app.test_request_context():
        return [r.id for r in find_listings(ListingQuery(text=words)).listings]


def _editor(app):
    make_staff(app, "editor@example.org", EDITOR)
    client = app.test_client()
    assert log_in(client, "editor@example.org").status_code == 302
    return client


def _actions(app, listing_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.target_id == str(listing_id))
                                       .order_by(AuditEntry.id)))


def test_the_queue_shows_what_reviewers_need_and_approving_publishes_at_once(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    confirmed_submission(mail_app, partner, mailbox)
    listing = _listing(mail_app)
    assert listing.status == Listing.PENDING
    assert partner.get(f"/listings/{listing.id}").status_code == 404
    editor = _editor(mail_app)
    assert "1 partner listing waits for review." in editor.get("/staff/").get_data(as_text=True)
    queue = editor.get("/staff/submissions").get_data(as_text=True)
    assert "Summer bakery assistant" in queue and f"/staff/submissions/{listing.id}" in queue
    page = editor.get(f"/staff/submissions/{listing.id}").get_data(as_text=True)
    assert "jobs@bakery.example.org" in page and "Ana Ruiz" in page
    assert "We hold the certificate" in page and "No fees to apply or take part" in page
    response = post_form(editor, f"/staff/submissions/{listing.id}/approve", {}, page=f"/staff/submissions/{listing.id}")
    assert response.status_code == 302
    assert listing.id in _searchable(mail_app)  # indexed at once, no ingest run needed
    public = partner.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert "Posted by the organisation" in public and "last confirmed" in public
    assert "published" in mailbox.messages[-1]["Subject"]
    assert _actions(mail_app, listing.id) == ["partner.submit", "partner.confirm_email", "partner.approve"]


def test_likely_duplicates_by_fingerprint_and_apply_link(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    confirmed_submission(mail_app, partner, mailbox)
    listing = _listing(mail_app)
    with mail_app.app_context():
        same_print, same_link, unrelated = add_listings(
            {"title": "Bakery Assistant (Summer)", "organisation": "The Magic City Bakery", "zip": "35203",
             "fingerprint": listing.fingerprint},
            {"title": "Counter help", "apply_url": "https://bakery.example.org/apply"},
            {"title": "Nurse aide"})
        from tracker.partners import moderation
        found = {row.id for row in moderation.likely_duplicates(db.session.get(Listing, listing.id))}
        assert found == {same_print.id, same_link.id}


def test_rejecting_needs_a_reason_mails_it_and_the_listing_never_appears(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    manage = confirmed_submission(mail_app, partner, mailbox)
    listing = _listing(mail_app)
    editor = _editor(mail_app)
    page = f"/staff/submissions/{listing.id}"
    empty = post_form(editor, f"{page}/reject", {"reason": " "}, page=page)
    assert empty.status_code == 400 and "Say why" in empty.get_data(as_text=True)
    done = post_form(editor, f"{page}/reject", {"reason": "The pay is below the minimum wage."}, page=page)
    assert done.status_code == 302
    message = mailbox.messages[-1]
    assert "not published" in message["Subject"] and "The pay is below the minimum wage." in message.get_content()
    assert partner.get(f"/listings/{listing.id}").status_code == 404
    assert listing.id not in _searchable(mail_app)
    assert partner.get("/api/v1/listings?q=bakery").get_json()["total"] == 0
    assert "The pay is below the minimum wage." in partner.get(manage).get_data(as_text=True)
    # Approving is refused for a rejected listing until its partner edits it.
    post_form(editor, f"{page}/approve", {}, page=page)
    assert _listing(mail_app).status == Listing.REJECTED
    assert _actions(mail_app, listing.id)[-1] == "partner.reject"


def test_viewers_cannot_moderate(app) -> None:
    make_staff(app, "viewer@example.org", VIEWER)
    client = app.test_client()
    log_in(client, "viewer@example.org")
    assert client.get("/staff/submissions").status_code == 403


def test_an_edit_to_a_published_listing_goes_back_to_review(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    manage = confirmed_submission(mail_app, partner, mailbox)
    listing = _listing(mail_app)
    editor = _editor(mail_app)
    post_form(editor, f"/staff/submissions/{listing.id}/approve", {}, page=f"/staff/submissions/{listing.id}")
    assert listing.id in _searchable(mail_app)
    form_page = partner.get(f"{manage}/edit")
    html = form_page.get_data(as_text=True)
    assert form_page.status_code == 200 and 'value="Summer bakery assistant"' in html and 'value="12.50"' in html
    from tests.partner_helpers import valid_form
    bad = partner.post(f"{manage}/edit", data={"csrf_token": csrf_token(html), **valid_form(apply_url="ftp://x")})
    assert bad.status_code == 400 and 'value="Magic City Bakery"' in bad.get_data(as_text=True)
    saved = partner.post(f"{manage}/edit", data={"csrf_token": csrf_token(html),
                                                 **valid_form(title="Summer bakery helper")})
    assert saved.status_code == 302
    assert "back in review" in partner.get(manage).get_data(as_text=True)
    assert _listing(mail_app).status == Listing.PENDING
    assert listing.id not in _searchable(mail_app, "bakery")  # out of the index until approved again
    assert partner.get(f"/listings/{listing.id}").status_code == 404
    assert _actions(mail_app, listing.id)[-1] == "partner.edit"


def test_a_partner_closes_their_listing(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    manage = confirmed_submission(mail_app, partner, mailbox)
    page = partner.get(manage).get_data(as_text=True)
    assert partner.post(f"{manage}/close", data={"csrf_token": csrf_token(page)}).status_code == 302
    assert _listing(mail_app).status == Listing.REMOVED
    assert "closed" in partner.get(manage).get_data(as_text=True)
    assert partner.get(f"{manage}/edit").status_code == 302  # a closed listing is not edited


def test_private_links_are_stored_as_digests_and_a_wrong_one_finds_nothing(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    manage = confirmed_submission(mail_app, partner, mailbox)
    token = manage.rsplit("/", 1)[1]
    with mail_app.app_context():
        stored = db.session.scalar(sa.select(PartnerSubmission.manage_digest))
    assert token not in stored
    assert partner.get(manage[:-2] + "xx").status_code == 410
    assert partner.post(manage[:-2] + "xx/close", data={}).status_code in (400, 404)
    response = partner.get(manage)
    assert response.headers["Referrer-Policy"] == "no-referrer" and "no-store" in response.headers["Cache-Control"]


def test_the_daily_digest_goes_to_editors_only_when_the_queue_is_not_empty(mail_app, mailbox) -> None:
    make_staff(mail_app, "editor@example.org", EDITOR)
    make_staff(mail_app, "admin@example.org", ADMIN, name="Ada Admin")
    make_staff(mail_app, "viewer@example.org", VIEWER, name="Vi Viewer")
    runner = mail_app.test_cli_runner()
    result = runner.invoke(args=["partners", "digest"])
    assert result.exit_code == 0 and "empty" in result.output and mailbox.messages == []
    confirmed_submission(mail_app, mail_app.test_client(), mailbox)
    before = len(mailbox.messages)
    result = runner.invoke(args=["partners", "digest"])
    assert result.exit_code == 0, result.output
    digests = mailbox.messages[before:]
    assert sorted(m["To"] for m in digests) == ["admin@example.org", "editor@example.org"]
    assert "Summer bakery assistant" in digests[0].get_content() and "/staff/submissions" in digests[0].get_content()


def test_mails_to_a_partner_are_in_their_language(mail_app, mailbox) -> None:
    partner = mail_app.test_client()
    from tests.partner_helpers import send_submission
    partner.get("/submit?lang=es")
    assert send_submission(partner).status_code == 303
    assert "Confirme" in mailbox.messages[-1]["Subject"]
    press(partner, link_in(mailbox.messages[-1], "confirm"))
    editor = _editor(mail_app)
    listing = _listing(mail_app)
    page = f"/staff/submissions/{listing.id}"
    post_form(editor, f"{page}/reject", {"reason": "Falta el salario."}, page=page)
    assert "no se publicó" in mailbox.messages[-1]["Subject"]


def test_the_whole_round_on_postgresql(pg_app, mailbox) -> None:
    pg_app.config.update(mailbox.config)
    partner = pg_app.test_client()
    manage = confirmed_submission(pg_app, partner, mailbox)
    listing = _listing(pg_app)
    editor = _editor(pg_app)
    post_form(editor, f"/staff/submissions/{listing.id}/approve", {}, page=f"/staff/submissions/{listing.id}")
    assert listing.id in _searchable(pg_app)
    assert "last confirmed" in partner.get(f"/listings/{listing.id}").get_data(as_text=True)
    page = partner.get(manage).get_data(as_text=True)
    assert partner.post(f"{manage}/close", data={"csrf_token": csrf_token(page)}).status_code == 302
    assert _listing(pg_app).status == Listing.REMOVED and listing.id not in _searchable(pg_app)
    assert _actions(pg_app, listing.id) == ["partner.submit", "partner.confirm_email", "partner.approve",
                                            "partner.close"]


def test_the_partner_source_cannot_be_turned_on_for_ingest(app) -> None:
    with app.app_context():
        from tracker.partners.submissions import partner_source
        source_id = partner_source().id
        db.session.commit()
    editor = _editor(app)
    page = f"/staff/sources/{source_id}"
    response = post_form(editor, f"{page}/switch", {"enabled": "1"}, page=page)
    assert response.status_code == 302
    assert "not from a feed" in editor.get(page).get_data(as_text=True)
    with app.app_context():
        from tracker.models import Source
        assert db.session.get(Source, source_id).enabled is False
