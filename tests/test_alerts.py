"""Alerts without an account: the subscribe page, double opt-in, managing and cancelling (issue #18)."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.alert_helpers import SEARCH, app_clock, confirm, html_of, link_in, subscribe, text_of  # noqa: F401
from tests.conftest import build_app, make_config
from tests.forms import post_form
from tracker.alerts import Alert, AlertSent
from tracker.alerts.models import token_digest
from tracker.extensions import db


def alerts(app) -> list[Alert]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Alert)).all()
        db.session.expunge_all()
        return list(rows)


def test_results_link_to_the_subscribe_page_with_their_search(mail_app) -> None:
    html = mail_app.test_client().get(f"/search?{SEARCH}&sort=newest").get_data(as_text=True)
    link = re.search(r'<a href="(/alerts/new\?[^"]+)" rel="nofollow">E-mail me new matches</a>', html)
    assert link, "the search tools offer no alert"
    assert "kind=internship" in link.group(1) and "pay=paid" in link.group(1) and "sort" not in link.group(1)


def test_the_subscribe_page_names_the_search_and_is_never_cached(mail_app) -> None:
    response = mail_app.test_client().get(f"/alerts/new?{SEARCH}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Paid internships" in html
    assert '<input type="hidden" name="kind" value="internship">' in html
    assert response.headers["Cache-Control"] == "private, no-store"  # it holds a CSRF token
    assert "only your e-mail address" in html.lower()


def test_subscribing_mails_a_confirmation_and_stores_only_digests(mail_app, mailbox) -> None:
    response = subscribe(mail_app.test_client(), email="  Ana@Example.org ", schedule="weekly")
    assert response.status_code == 303 and response.headers["Location"].endswith("/alerts/sent")
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == "Confirm your alert: Paid internships"
    assert message.is_multipart() and "Confirm the alert" in html_of(message)
    path = link_in(message, "/alerts/confirm/")
    token = path.rsplit("/", 1)[1]
    [alert] = alerts(mail_app)
    assert (alert.email, alert.schedule, alert.language) == ("ana@example.org", "weekly", "en")
    assert alert.search == "kind=internship&pay=paid"
    assert alert.confirm_hash == token_digest(token) and token not in (alert.confirm_hash, alert.manage_hash)
    assert alert.confirmed_at is None


def test_a_bad_address_is_explained_and_what_was_typed_is_kept(mail_app, mailbox) -> None:
    response = subscribe(mail_app.test_client(), email="ana-at-example", schedule="weekly")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.org." in html
    assert 'value="ana-at-example"' in html
    assert re.search(r'<input checked id="schedule-1" name="schedule" [^>]*value="weekly">', html)
    assert '<input type="hidden" name="pay" value="paid">' in html
    assert mailbox.messages == [] and alerts(mail_app) == []


@pytest.mark.parametrize("fields", [{"email": ""}, {"schedule": "hourly"}, {"email": "a@b.c" * 60}])
def test_other_bad_input_is_refused_without_storing(mail_app, mailbox, fields) -> None:
    data = {"email": "ana@example.org", "schedule": "daily", **fields}
    response = subscribe(mail_app.test_client(), **data)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.get_data(as_text=True)
    assert mailbox.messages == [] and alerts(mail_app) == []


def test_a_form_without_its_token_is_refused(mail_app, mailbox) -> None:
    response = mail_app.test_client().post("/alerts/new", data={"email": "ana@example.org", "schedule": "daily"})
    assert response.status_code == 400
    assert mailbox.messages == [] and alerts(mail_app) == []


def test_a_robot_filling_the_hidden_field_gets_nothing_stored_or_sent(mail_app, mailbox) -> None:
    response = subscribe(mail_app.test_client(), website="http://spam.example")
    assert response.status_code == 303
    assert mailbox.messages == [] and alerts(mail_app) == []


def test_one_address_gets_one_confirmation_in_a_short_time(mail_app, mailbox, app_clock) -> None:
    client = mail_app.test_client()
    assert subscribe(client, search="kind=job").status_code == 303
    again = subscribe(client, search="kind=internship")
    assert again.status_code == 400
    assert "less than 10 minutes ago" in again.get_data(as_text=True)
    assert subscribe(client, email="ANA@example.org", search="kind=job").status_code == 400
    assert len(mailbox.messages) == 1 and len(alerts(mail_app)) == 1
    app_clock.advance(minutes=11)
    assert subscribe(client, search="kind=internship").status_code == 303
    assert len(mailbox.messages) == 2 and len(alerts(mail_app)) == 2


def test_subscribing_is_rate_limited_per_client(tmp_path, mailbox) -> None:
    app = build_app(make_config(tmp_path, RATELIMIT_ALERTS="2 per minute", ALERTS_CONFIRM_INTERVAL_MINUTES=0,
                                **mailbox.config))
    client = app.test_client()
    assert [subscribe(client, email=f"p{n}@example.org").status_code for n in range(3)] == [303, 303, 429]
    assert len(mailbox.messages) == 2


def test_a_mail_server_that_refuses_keeps_nothing_and_says_so(tmp_path, mailbox) -> None:
    port = mailbox.port
    mailbox.stop()
    app = build_app(make_config(tmp_path, **{**mailbox.config, "MAIL_PORT": port, "MAIL_TIMEOUT": 2}))
    response = subscribe(app.test_client())
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "We could not send the mail just now" in html and 'value="ana@example.org"' in html
    assert alerts(app) == []


def test_opening_the_link_confirms_nothing_until_the_button_is_pressed(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    subscribe(client)
    path = link_in(mailbox.messages[0], "/alerts/confirm/")
    page = client.get(path)
    assert page.status_code == 200 and "Confirm the alert" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert alerts(mail_app)[0].confirmed_at is None
    done = confirm(client, mailbox.messages[0])
    assert done.status_code == 303 and "/alerts/manage/" in done.headers["Location"]
    manage = client.get(done.headers["Location"])
    assert "Your alert is on." in manage.get_data(as_text=True)
    [alert] = alerts(mail_app)
    assert alert.confirmed_at is not None and alert.confirm_hash is None and alert.checked_on is not None
    assert client.get(path).status_code == 404  # a confirmation link works once


def test_a_confirmation_link_expires(mail_app, mailbox, app_clock) -> None:
    client = mail_app.test_client()
    subscribe(client)
    app_clock.advance(hours=49)
    response = client.get(link_in(mailbox.messages[0], "/alerts/confirm/"))
    assert response.status_code == 410
    assert "/alerts/new?kind=internship" in response.get_data(as_text=True)
    assert alerts(mail_app)[0].confirmed_at is None


@pytest.mark.parametrize("path", ["/alerts/confirm/nope", "/alerts/manage/nope", "/alerts/unsubscribe/nope",
                                  "/alerts/manage/" + "x" * 5000])
def test_a_wrong_link_is_a_clear_404(mail_app, path) -> None:
    response = mail_app.test_client().get(path)
    assert response.status_code in (404, 414)
    if response.status_code == 404:
        assert "This link does not work" in response.get_data(as_text=True)


def test_subscribing_again_to_a_confirmed_alert_sends_nothing(mail_app, mailbox, app_clock) -> None:
    client = mail_app.test_client()
    subscribe(client)
    confirm(client, mailbox.messages[0])
    app_clock.advance(hours=1)
    assert subscribe(client, schedule="weekly").status_code == 303
    assert len(mailbox.messages) == 1
    assert alerts(mail_app)[0].schedule == "daily"  # only the address's owner changes it


def test_spanish_subscription_gets_spanish_mail(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    page = client.get(f"/alerts/new?{SEARCH}&lang=es").get_data(as_text=True)
    assert "Avísame por correo de los anuncios nuevos" in page and "Qué guardamos" in page
    subscribe(client, lang="es")
    message = mailbox.messages[0]
    assert alerts(mail_app)[0].language == "es"
    assert message["Subject"] == "Confirma tu alerta: Pasantías con pago"
    assert "Confirmar la alerta" in html_of(message) and "Si no fuiste tú" in text_of(message)
    assert '<html lang="es">' in html_of(message)


def test_the_manage_page_changes_the_schedule(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    subscribe(client)
    manage = confirm(client, mailbox.messages[0]).headers["Location"]
    path = manage.split("localhost", 1)[-1]
    response = post_form(client, path, {"schedule": "weekly"}, page=path)
    assert response.status_code == 303
    assert alerts(mail_app)[0].schedule == "weekly"
    bad = post_form(client, path, {"schedule": "hourly"}, page=path)
    assert bad.status_code == 400 and alerts(mail_app)[0].schedule == "weekly"


def test_unsubscribing_deletes_the_address(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    subscribe(client)
    path = confirm(client, mailbox.messages[0]).headers["Location"].split("localhost", 1)[-1]
    token = path.rsplit("/", 1)[1]
    assert client.get(f"/alerts/unsubscribe/{token}").status_code == 303  # a GET only shows the page
    assert len(alerts(mail_app)) == 1
    response = client.post(f"/alerts/unsubscribe/{token}")  # the manage page's button
    assert response.status_code == 200 and "Unsubscribed" in response.get_data(as_text=True)
    assert alerts(mail_app) == []
    with mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertSent)) == 0
        stored = db.session.execute(sa.text("SELECT * FROM alerts")).all()
    assert stored == []
    assert client.get(path).status_code == 404
    assert client.post(f"/alerts/unsubscribe/{token}").status_code == 200  # again: nothing left, no error


def test_one_click_unsubscribe_needs_no_form_token(mail_app, mailbox) -> None:
    client = mail_app.test_client()
    subscribe(client)
    token = confirm(client, mailbox.messages[0]).headers["Location"].rsplit("/", 1)[1]
    other = mail_app.test_client()  # the mail client: no cookie, no CSRF token
    response = other.post(f"/alerts/unsubscribe/{token}", data="List-Unsubscribe=One-Click",
                          content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and alerts(mail_app) == []


def test_staff_see_how_many_alerts_but_never_an_address(mail_app, mailbox, app_clock) -> None:
    from tests.staff_helpers import log_in, make_staff

    client = mail_app.test_client()
    subscribe(client, email="daily@example.org")
    confirm(client, mailbox.messages[0])
    app_clock.advance(minutes=11)
    subscribe(client, email="weekly@example.org", schedule="weekly")
    confirm(client, mailbox.messages[1])
    subscribe(client, email="pending@example.org")
    make_staff(mail_app, "viewer@example.org", "viewer")
    staff = mail_app.test_client()
    log_in(staff, "viewer@example.org")
    html = staff.get("/staff/").get_data(as_text=True)
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', html)
    assert ("Once a day", "1") in rows and ("Once a week", "1") in rows and ("Waiting for confirmation", "1") in rows
    assert "@example.org" not in html.replace("viewer@example.org", "")


def test_the_feed_page_offers_the_same_search_by_e_mail(mail_app) -> None:
    html = mail_app.test_client().get(f"/search/feed?{SEARCH}").get_data(as_text=True)
    link = re.search(r'Rather have e-mail\? <a href="(/alerts/new\?[^"]+)">', html)
    assert link and "kind=internship" in link.group(1) and "pay=paid" in link.group(1)
