"""Admins invite staff by one-time links, change roles and disable accounts; all of it audited."""
from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from tests.staff_helpers import PASSWORD, log_in, make_staff, post_form
from tracker.extensions import db
from tracker.models import utcnow
from tracker.staff.models import ADMIN, EDITOR, VIEWER, AuditEntry, Invite, StaffUser

LINK = re.compile(r'value="(http://localhost/staff/invite/[^"]+)"')


def invite(client, email: str, role: str) -> tuple[str, str]:
    response = post_form(client, "/staff/accounts/invite", {"email": email, "role": role}, page="/staff/accounts")
    assert response.status_code == 200, response.get_data(as_text=True)
    html = response.get_data(as_text=True)
    return LINK.search(html).group(1).removeprefix("http://localhost"), html


def test_an_admin_invites_an_editor_who_joins_once(app, client) -> None:
    make_staff(app, "admin@example.org", ADMIN, name="Ada Admin")
    log_in(client, "admin@example.org")
    link, html = invite(client, "New.Editor@Example.org ", EDITOR)
    assert "Mail is not set up on this site" in html
    newcomer = app.test_client()
    page = newcomer.get(link)
    assert page.status_code == 200 and "new.editor@example.org" in page.get_data(as_text=True)
    weak = post_form(newcomer, link, {"name": "Ed", "new_password": "password1234", "confirm": "password1234"})
    assert weak.status_code == 400
    weak_html = weak.get_data(as_text=True)
    assert "most common" in weak_html and 'value="Ed"' in weak_html  # the name typed is kept
    joined = post_form(newcomer, link, {"name": "Ed Itor", "new_password": "seven blue kites fly",
                                        "confirm": "seven blue kites fly"})
    assert joined.status_code == 302 and joined.headers["Location"] == "/staff/"
    assert "Welcome, Ed Itor." in newcomer.get("/staff/").get_data(as_text=True)
    # The link works once.
    assert app.test_client().get(link).status_code == 410
    with app.app_context():
        user = db.session.scalar(sa.select(StaffUser).where(StaffUser.email == "new.editor@example.org"))
        assert (user.name, user.role) == ("Ed Itor", EDITOR)
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["invite.create", "invite.accept"]
        stored = db.session.scalar(sa.select(Invite))
        assert link.rsplit("/", 1)[1] not in stored.token_hash  # only a digest of the token is kept


def test_an_invite_is_mailed_when_smtp_is_set(mail_app, mailbox) -> None:
    make_staff(mail_app, "admin@example.org", ADMIN)
    client = mail_app.test_client()
    log_in(client, "admin@example.org")
    link, html = invite(client, "viewer@example.org", VIEWER)
    assert "It has been e-mailed to them." in html
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "viewer@example.org"
    assert f"http://localhost{link}" in message.get_content()


def test_expired_withdrawn_and_unknown_links_say_why(app, client) -> None:
    make_staff(app, "admin@example.org", ADMIN)
    log_in(client, "admin@example.org")
    expired, _ = invite(client, "late@example.org", VIEWER)
    withdrawn, _ = invite(client, "withdrawn@example.org", VIEWER)
    with app.app_context():
        late = db.session.scalar(sa.select(Invite).where(Invite.email == "late@example.org"))
        late.expires_at = utcnow() - timedelta(minutes=1)
        gone_id = db.session.scalar(sa.select(Invite.id).where(Invite.email == "withdrawn@example.org"))
        db.session.commit()
    assert post_form(client, f"/staff/invites/{gone_id}/revoke", {}, page="/staff/accounts").status_code == 302
    newcomer = app.test_client()
    assert "It has expired." in newcomer.get(expired).get_data(as_text=True)
    assert "It was withdrawn." in newcomer.get(withdrawn).get_data(as_text=True)
    unknown = newcomer.get("/staff/invite/not-a-real-token")
    assert unknown.status_code == 410 and "not one we sent" in unknown.get_data(as_text=True)


def test_a_new_invite_replaces_an_open_one_and_resets_a_password(app, client) -> None:
    make_staff(app, "admin@example.org", ADMIN)
    make_staff(app, "forgot@example.org", VIEWER, name="For Got")
    log_in(client, "admin@example.org")
    first, _ = invite(client, "forgot@example.org", VIEWER)
    second, _ = invite(client, "forgot@example.org", EDITOR)
    other = app.test_client()
    log_in(other, "forgot@example.org")
    assert app.test_client().get(first).status_code == 410
    newcomer = app.test_client()
    post_form(newcomer, second, {"name": "For Got", "new_password": "a brand new passphrase",
                                 "confirm": "a brand new passphrase"})
    assert other.get("/staff/").status_code == 302  # the old password's sessions ended
    assert log_in(app.test_client(), "forgot@example.org", PASSWORD).status_code == 401
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 2
        assert db.session.scalar(sa.select(StaffUser.role).where(StaffUser.email == "forgot@example.org")) == EDITOR


def test_disabling_an_account_logs_it_out_and_is_audited(app, client) -> None:
    make_staff(app, "admin@example.org", ADMIN)
    editor_id = make_staff(app, "ed@example.org", EDITOR)
    ed = app.test_client()
    log_in(ed, "ed@example.org")
    log_in(client, "admin@example.org")
    response = post_form(client, f"/staff/accounts/{editor_id}", {"role": VIEWER})  # "active" unticked
    assert response.status_code == 302
    assert ed.get("/staff/").status_code == 302
    assert log_in(app.test_client(), "ed@example.org").status_code == 401
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "account.update"))
        assert entry.before == {"role": EDITOR, "active": True} and entry.after == {"role": VIEWER, "active": False}
        assert entry.actor.email == "admin@example.org" and entry.target_id == str(editor_id)


def test_the_last_admin_cannot_demote_themself(app, client) -> None:
    admin_id = make_staff(app, "admin@example.org", ADMIN)
    log_in(client, "admin@example.org")
    response = post_form(client, f"/staff/accounts/{admin_id}", {"role": VIEWER, "active": "y"})
    assert response.status_code == 400
    assert "only active admin" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(StaffUser, admin_id).role == ADMIN


def test_a_bad_invite_form_keeps_what_was_typed(app, client) -> None:
    make_staff(app, "admin@example.org", ADMIN)
    log_in(client, "admin@example.org")
    response = post_form(client, "/staff/accounts/invite", {"email": "not-an-address", "role": EDITOR},
                         page="/staff/accounts")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.org." in html and 'value="not-an-address"' in html
    assert '<option selected value="editor">' in html


def test_a_password_reset_by_invite_is_announced_but_a_new_account_is_not(mail_app, mailbox) -> None:
    make_staff(mail_app, "admin@example.org", ADMIN)
    make_staff(mail_app, "forgot@example.org", VIEWER, name="For Got")
    client = mail_app.test_client()
    log_in(client, "admin@example.org")
    reset, _ = invite(client, "forgot@example.org", VIEWER)
    fresh, _ = invite(client, "new@example.org", VIEWER)
    mailbox.messages.clear()  # the two invitations
    for link in (reset, fresh):
        post_form(mail_app.test_client(), link, {"name": "Some One", "new_password": "a brand new passphrase",
                                                 "confirm": "a brand new passphrase"})
    assert [m["To"] for m in mailbox.messages] == ["forgot@example.org"]
    assert "was changed" in mailbox.messages[0].get_content()
