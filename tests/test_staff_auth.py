"""Staff log in and out: hashed passwords, rotated and revocable sessions, CSRF, headers, the CLI."""
from __future__ import annotations

import sqlalchemy as sa

from tests.staff_helpers import PASSWORD, csrf_token, log_in, make_staff, post_form
from tests.conftest import build_app, make_config
from tracker.extensions import db
from tracker.staff.models import ADMIN, EDITOR, VIEWER, AuditEntry, StaffSession, StaffUser


def test_create_admin_from_the_command_line(app, runner) -> None:
    result = runner.invoke(args=["staff", "create-admin", "Ada@Example.org", "--name", "Ada", "--password-stdin"],
                           input="correct horse battery staple\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(StaffUser))
        assert (user.email, user.name, user.role) == ("ada@example.org", "Ada", ADMIN)
        assert user.password_hash.startswith("$argon2id$") and "correct horse" not in user.password_hash
        entry = db.session.scalar(sa.select(AuditEntry))
        assert entry.action == "account.create_admin" and entry.actor_label == "command line"
    again = runner.invoke(args=["staff", "create-admin", "ada@example.org", "--password-stdin"], input="x" * 20 + "\n")
    assert again.exit_code != 0 and "already exists" in again.output


def test_create_admin_prompts_twice_and_refuses_weak_passwords(app, runner) -> None:
    weak = runner.invoke(args=["staff", "create-admin", "b@example.org"], input="password1234\npassword1234\n")
    assert weak.exit_code != 0 and "most common" in weak.output
    short = runner.invoke(args=["staff", "create-admin", "b@example.org", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    ok = runner.invoke(args=["staff", "create-admin", "b@example.org"],
                       input="purple otter writes poems\npurple otter writes poems\n")
    assert ok.exit_code == 0, ok.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 1


def test_login_rotates_the_session_and_logout_ends_it(app, client) -> None:
    make_staff(app, "v@example.org", VIEWER)
    client.get("/staff/login")
    before = client.get_cookie("session").value
    response = log_in(client, "v@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    after = client.get_cookie("session").value
    assert after != before
    assert client.get("/staff/").status_code == 200
    # A copy of the cookie (as a thief would keep) stops working once the owner logs out.
    stolen = app.test_client()
    stolen.set_cookie("session", after)
    assert stolen.get("/staff/").status_code == 200
    page = client.get("/staff/").get_data(as_text=True)
    out = client.post("/staff/logout", data={"csrf_token": csrf_token(page)})
    assert out.status_code == 302 and out.headers["Location"] == "/staff/login"
    assert client.get("/staff/").status_code == 302
    assert stolen.get("/staff/").status_code == 302


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(app, client) -> None:
    make_staff(app, "v@example.org", VIEWER)
    wrong = log_in(client, "v@example.org", "not the right password")
    unknown = log_in(client, "nobody@example.org", "not the right password")
    for response in (wrong, unknown):
        html = response.get_data(as_text=True)
        assert response.status_code == 401
        assert "The e-mail address or the password is wrong." in html
        assert 'value="not the right password"' not in html  # a password is never sent back
    assert 'value="nobody@example.org"' in unknown.get_data(as_text=True)  # the address typed is kept


def test_a_disabled_account_cannot_log_in(app, client) -> None:
    make_staff(app, "gone@example.org", EDITOR, active=False)
    assert log_in(client, "gone@example.org").status_code == 401


def test_empty_fields_are_named_beside_them(app, client) -> None:
    response = post_form(client, "/staff/login", {"email": "", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="email-error"' in html and "Enter an e-mail address." in html
    assert 'id="password-error"' in html and "Enter your password." in html
    assert 'aria-invalid="true"' in html


def test_a_form_without_its_csrf_token_is_refused(app, client) -> None:
    make_staff(app, "v@example.org", VIEWER)
    response = client.post("/staff/login", data={"email": "v@example.org", "password": PASSWORD})
    assert response.status_code in (200, 400)
    assert client.get("/staff/").status_code == 302  # not logged in
    log_in(client, "v@example.org")
    client.post("/staff/logout", data={})
    assert client.get("/staff/").status_code == 200  # still logged in: the logout had no token


def test_log_out_everywhere_ends_every_session(app) -> None:
    make_staff(app, "e@example.org", EDITOR)
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "e@example.org")
    log_in(phone, "e@example.org")
    page = phone.get("/staff/account").get_data(as_text=True)
    assert "Log out everywhere" in page
    token = csrf_token(page[page.index('action="/staff/logout-everywhere"'):])
    assert phone.post("/staff/logout-everywhere", data={"csrf_token": token}).status_code == 302
    assert laptop.get("/staff/").status_code == 302
    assert phone.get("/staff/").status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffSession)
                                 .where(StaffSession.ended_at.is_(None))) == 0


def test_changing_the_password_ends_the_other_sessions(app) -> None:
    make_staff(app, "e@example.org", EDITOR, name="Eve Editor")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "e@example.org")
    log_in(phone, "e@example.org")
    weak = post_form(phone, "/staff/account", {"current_password": PASSWORD, "new_password": "eveeditor2026!",
                                               "confirm": "eveeditor2026!"})
    assert "Do not use your name" in weak.get_data(as_text=True)
    wrong = post_form(phone, "/staff/account", {"current_password": "nope", "new_password": "seven blue kites fly",
                                                "confirm": "seven blue kites fly"})
    assert "This is not your current password." in wrong.get_data(as_text=True)
    ok = post_form(phone, "/staff/account", {"current_password": PASSWORD, "new_password": "seven blue kites fly",
                                             "confirm": "seven blue kites fly"})
    assert ok.status_code == 302
    assert phone.get("/staff/").status_code == 200
    assert laptop.get("/staff/").status_code == 302
    assert log_in(app.test_client(), "e@example.org", "seven blue kites fly").status_code == 302


def test_login_goes_back_only_to_a_staff_page(app, client) -> None:
    make_staff(app, "v@example.org", VIEWER)
    assert client.get("/staff/account").headers["Location"].startswith("/staff/login?next=")
    token = csrf_token(client.get("/staff/login").get_data(as_text=True))
    for target, expected in [("/staff/account", "/staff/account"), ("https://evil.example/", "/staff/"),
                             ("//evil.example/staff/", "/staff/"), ("/search", "/staff/")]:
        fresh = app.test_client()
        token = csrf_token(fresh.get("/staff/login").get_data(as_text=True))
        response = fresh.post(f"/staff/login?next={target}",
                              data={"csrf_token": token, "email": "v@example.org", "password": PASSWORD})
        assert response.headers["Location"] == expected, target


def test_staff_pages_are_never_cached_or_framed(app, client) -> None:
    for response in (client.get("/staff/login"), client.get("/staff/")):
        assert "no-store" in response.headers["Cache-Control"].replace(" ", "").split(",")
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    public = app.test_client().get("/")  # a visitor without a session
    assert public.headers["X-Frame-Options"] == "SAMEORIGIN" and "no-store" not in public.headers.get("Cache-Control", "")


def test_the_session_cookie_is_httponly_and_samesite(app, client) -> None:
    make_staff(app, "v@example.org", VIEWER)
    response = log_in(client, "v@example.org")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_hashed_with_argon2id_at_rfc_9106_strength(app) -> None:
    from argon2 import extract_parameters

    from tracker.staff import passwords

    stored = passwords.hash_password("seven blue kites fly")  # outside the test config: the real settings
    parameters = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert parameters.memory_cost >= 64 * 1024 and parameters.time_cost >= 3
    assert passwords.verify_password(stored, "seven blue kites fly")
    assert not passwords.verify_password(stored, "seven blue kites fly!")
    assert not passwords.verify_password(None, "seven blue kites fly")
    assert not passwords.verify_password("not a hash", "x")


def throttled_app(tmp_path, per_account: str, per_address: str):
    from tests.conftest import build_app, make_config

    return build_app(make_config(tmp_path, STAFF_LOGIN_LIMIT_PER_ACCOUNT=per_account,
                                 STAFF_LOGIN_LIMIT_PER_ADDRESS=per_address))


def test_failed_logins_are_throttled_per_account_with_a_clear_message(tmp_path) -> None:
    app = throttled_app(tmp_path, "3 per 15 minutes", "100 per 15 minutes")
    make_staff(app, "v@example.org", VIEWER)
    make_staff(app, "w@example.org", VIEWER)
    client = app.test_client()
    for _ in range(3):
        assert log_in(client, "v@example.org", "wrong password here").status_code == 401
    blocked = log_in(client, "V@example.org", PASSWORD)  # even the right password waits
    html = blocked.get_data(as_text=True)
    assert blocked.status_code == 429
    assert "Too many failed log-in attempts" in html and "try again in 15 minutes" in html
    assert int(blocked.headers["Retry-After"]) > 800
    assert client.get("/staff/").status_code == 302
    # Another account from the same address is not locked out by the first one's failures.
    assert log_in(client, "w@example.org").status_code == 302


def test_failed_logins_are_throttled_per_address(tmp_path) -> None:
    app = throttled_app(tmp_path, "100 per 15 minutes", "4 per 15 minutes")
    make_staff(app, "v@example.org", VIEWER)
    client = app.test_client()
    for number in range(4):
        assert log_in(client, f"guess{number}@example.org", "wrong password here").status_code == 401
    assert log_in(client, "v@example.org").status_code == 429
    elsewhere = app.test_client()
    token = csrf_token(elsewhere.get("/staff/login").get_data(as_text=True))
    other = elsewhere.post("/staff/login", data={"csrf_token": token, "email": "v@example.org", "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 302


def test_successful_logins_do_not_use_up_the_allowance(tmp_path) -> None:
    app = throttled_app(tmp_path, "2 per 15 minutes", "2 per 15 minutes")
    make_staff(app, "v@example.org", VIEWER)
    for _ in range(5):
        assert log_in(app.test_client(), "v@example.org").status_code == 302


def test_the_owner_is_told_by_mail_when_their_password_changes(mail_app, mailbox) -> None:
    """ASVS 2.2.3: a change of password is announced to the account's address."""
    make_staff(mail_app, "e@example.org", EDITOR, name="Eve Editor")
    client = mail_app.test_client()
    log_in(client, "e@example.org")
    wrong = post_form(client, "/staff/account", {"current_password": "nope", "new_password": "seven blue kites fly",
                                                 "confirm": "seven blue kites fly"})
    assert wrong.status_code == 200 and mailbox.messages == []  # nothing changed, nothing said
    post_form(client, "/staff/account", {"current_password": PASSWORD, "new_password": "seven blue kites fly",
                                         "confirm": "seven blue kites fly"})
    assert [m["To"] for m in mailbox.messages] == ["e@example.org"]
    text = mailbox.messages[0].get_content()
    assert "was changed" in text and "If you did not do this" in text
    assert "seven blue kites fly" not in text  # never the password itself


def test_a_password_change_stands_when_the_mail_server_is_down(tmp_path) -> None:
    app = build_app(make_config(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_TIMEOUT=1))
    make_staff(app, "e@example.org", EDITOR)
    client = app.test_client()
    log_in(client, "e@example.org")
    changed = post_form(client, "/staff/account", {"current_password": PASSWORD, "new_password": "seven blue kites fly",
                                                   "confirm": "seven blue kites fly"})
    assert changed.status_code == 302
    assert log_in(app.test_client(), "e@example.org", "seven blue kites fly").status_code == 302
