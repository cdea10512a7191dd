"""`flask alerts send` against a real SMTP server on 127.0.0.1: only new listings, on schedule, never twice."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.alert_helpers import app_clock, confirm, html_of, link_in, subscribe, text_of  # noqa: F401
from tests.factories import add_listings
from tracker import search
from tracker.alerts import Alert, AlertSent, mails, sending
from tracker.extensions import db
from tracker.models import Listing


@pytest.fixture
def subscribed(mail_app, mailbox, app_clock):
    """A confirmed daily alert for paid internships; the mailbox emptied after the confirmation."""
    client = mail_app.test_client()
    subscribe(client)
    confirm(client, mailbox.messages[0])
    mailbox.messages.clear()
    return client


def add(app, clock, **fields) -> int:
    """Add an open paid internship (``fields`` override) first seen now on the app's clock."""
    with app.app_context():
        [listing] = add_listings({"kind": "internship", "pay_status": "paid", "first_seen_at": clock.now, **fields})
        return listing.id


def send(app) -> str:
    result = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def titles(message) -> list[str]:
    return [line[2:].split(" – ")[0] for line in text_of(message).splitlines() if line.startswith("* ")]


def test_a_daily_alert_mails_only_new_matches_once_a_day(mail_app, mailbox, subscribed, app_clock) -> None:
    add(mail_app, app_clock, title="Old news")  # first seen before the alert was made: not new
    with mail_app.app_context():
        db.session.execute(sa.update(Listing).values(first_seen_at=app_clock.now - timedelta(days=3)))
        db.session.commit()
    app_clock.advance(hours=2)
    add(mail_app, app_clock, title="Hospital summer intern")
    add(mail_app, app_clock, title="Unpaid shadowing", kind="job-shadowing", pay_status="unpaid")  # not this search
    assert "0 mails sent" in send(mail_app)  # confirmed today: the first mail comes tomorrow
    app_clock.advance(days=1)
    assert "Checked 1 alerts: 1 mails sent" in send(mail_app)
    [message] = mailbox.messages
    assert titles(message) == ["Hospital summer intern"]
    assert message["Subject"] == "1 new: Paid internships"
    assert "Hospital summer intern" in html_of(message)
    assert "Checked 0 alerts" in send(mail_app)  # again the same day: nothing twice
    app_clock.advance(hours=1)
    add(mail_app, app_clock, title="Bank teller intern")
    app_clock.advance(days=1)
    send(mail_app)
    assert [titles(m) for m in mailbox.messages] == [["Hospital summer intern"], ["Bank teller intern"]]
    app_clock.advance(days=1)
    assert "1 with nothing new" in send(mail_app) and len(mailbox.messages) == 2


def test_a_weekly_alert_waits_a_week(mail_app, mailbox, subscribed, app_clock) -> None:
    with mail_app.app_context():
        db.session.execute(sa.update(Alert).values(schedule="weekly"))
        db.session.commit()
    for day in range(1, 7):
        app_clock.advance(days=1)
        add(mail_app, app_clock, title=f"Intern day {day}")
        assert "Checked 0 alerts" in send(mail_app), day
    assert mailbox.messages == []
    app_clock.advance(days=1)
    send(mail_app)
    [message] = mailbox.messages
    assert sorted(titles(message)) == sorted(f"Intern day {day}" for day in range(1, 7))
    assert message["Subject"] == "6 new: Paid internships"


def test_the_mail_carries_one_click_unsubscribe_that_works(mail_app, mailbox, subscribed, app_clock) -> None:
    app_clock.advance(hours=1)
    add(mail_app, app_clock)
    app_clock.advance(days=1)
    send(mail_app)
    [message] = mailbox.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip("<>")
    assert "/alerts/unsubscribe/" in url
    assert link_in(message, "/alerts/manage/").rsplit("/", 1)[1] == url.rsplit("/", 1)[1]
    client = mail_app.test_client()  # the mail client's one-click POST
    response = client.post(url.split("localhost", 1)[1], data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertSent)) == 0
    app_clock.advance(hours=1)
    add(mail_app, app_clock)
    app_clock.advance(days=1)
    send(mail_app)
    assert len(mailbox.messages) == 1


def test_a_spanish_alert_is_mailed_in_spanish(mail_app, mailbox, app_clock) -> None:
    client = mail_app.test_client()
    subscribe(client, lang="es")
    confirm(client, mailbox.messages[0])
    app_clock.advance(hours=1)
    add(mail_app, app_clock, title="Hospital intern")
    app_clock.advance(days=1)
    send(mail_app)
    message = mailbox.messages[-1]
    assert message["Subject"] == "1 nuevo: Pasantías con pago"
    assert "anuncio nuevo para tu búsqueda" in text_of(message)
    assert "Cambiar cada cuánto llega esta alerta" in html_of(message)


def test_a_listing_the_index_had_not_yet_is_sent_on_the_next_run(mail_app, mailbox, subscribed, app_clock) -> None:
    app_clock.advance(hours=1)
    late_id = add(mail_app, app_clock, title="Late intern")
    with mail_app.app_context():
        # In the database, not yet in the index (an ingest between its commit and its index write).
        search.apply_changes([], [late_id])
    app_clock.advance(days=1)
    assert "1 with nothing new" in send(mail_app)
    with mail_app.app_context():
        search.apply_changes([search.document_for(db.session.get(Listing, late_id))], [])
    app_clock.advance(days=1)
    send(mail_app)
    assert [titles(m) for m in mailbox.messages] == [["Late intern"]]


def test_a_refused_mail_is_sent_on_the_next_run(mail_app, mailbox, subscribed, app_clock, monkeypatch) -> None:
    app_clock.advance(hours=1)
    add(mail_app, app_clock, title="Intern A")
    app_clock.advance(days=1)
    port = mailbox.config["MAIL_PORT"]
    mail_app.config["MAIL_PORT"] = 1  # nothing listens there
    result = mail_app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 1 and "1 failed" in result.output
    mail_app.config["MAIL_PORT"] = port
    assert "1 mails sent" in send(mail_app)  # the same day: the failed check was undone
    assert [titles(m) for m in mailbox.messages] == [["Intern A"]]


def test_a_run_that_dies_after_recording_never_sends_twice(mail_app, mailbox, subscribed, app_clock, monkeypatch) -> None:
    app_clock.advance(hours=1)
    add(mail_app, app_clock, title="Intern A")
    app_clock.advance(days=1)

    def die(*args, **kwargs):
        raise KeyboardInterrupt  # the process is killed between the commit and the mail

    send_matches = mails.send_matches
    monkeypatch.setattr(mails, "send_matches", die)
    with pytest.raises(KeyboardInterrupt), mail_app.app_context():
        sending.send_due()
    monkeypatch.setattr(mails, "send_matches", send_matches)  # the next run, a new process
    app_clock.advance(days=1)
    add(mail_app, app_clock, title="Intern B")
    app_clock.advance(days=1)
    send(mail_app)
    assert [titles(m) for m in mailbox.messages] == [["Intern B"]]  # A is lost, never doubled
    with mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 1  # the subscriber stays


def test_two_runs_that_both_saw_an_alert_due_send_one_mail(mail_app, mailbox, subscribed, app_clock) -> None:
    app_clock.advance(hours=1)
    add(mail_app, app_clock, title="Intern A")
    app_clock.advance(days=1)
    with mail_app.app_context():
        [alert_id] = db.session.scalars(sa.select(Alert.id)).all()
        now, today = app_clock.now, app_clock.now.date()
        # Both runs listed the alert as due; the first to claim it sends, the other finds it taken.
        assert sending._check(alert_id, now, today) == "sent"
        assert sending._check(alert_id, now, today) is None
    assert [titles(m) for m in mailbox.messages] == [["Intern A"]]


def test_unconfirmed_alerts_are_deleted_once_their_link_expires(mail_app, mailbox, app_clock) -> None:
    subscribe(mail_app.test_client(), email="never@example.org")
    app_clock.advance(hours=47)
    assert "removed 0 never confirmed" in send(mail_app)
    app_clock.advance(hours=2)
    assert "removed 1 never confirmed" in send(mail_app)
    with mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0


def test_a_long_list_is_cut_and_links_to_the_rest(mail_app, mailbox, subscribed, app_clock) -> None:
    mail_app.config["ALERTS_PER_MAIL"] = 2
    app_clock.advance(hours=1)
    for n in range(3):
        add(mail_app, app_clock, title=f"Intern {n}")
        app_clock.advance(minutes=1)
    app_clock.advance(days=1)
    send(mail_app)
    [message] = mailbox.messages
    assert titles(message) == ["Intern 2", "Intern 1"]  # newest first
    assert "And 1 more:" in text_of(message) and "sort=newest" in text_of(message)
    assert message["Subject"] == "3 new: Paid internships"


@pytest.fixture
def pg_mail_app(pg_url, tmp_path, mailbox):
    from tests.conftest import build_app, in_schema, make_config

    config = make_config(tmp_path, **in_schema(pg_url), **mailbox.config)
    app = build_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_on_postgresql_a_second_run_sends_nothing_twice(pg_mail_app, mailbox, app_clock) -> None:
    client = pg_mail_app.test_client()
    subscribe(client)
    confirm(client, mailbox.messages[0])
    app_clock.advance(hours=1)
    add(pg_mail_app, app_clock, title="Intern A")
    app_clock.advance(days=1)
    assert "1 mails sent" in send(pg_mail_app)
    assert "Checked 0 alerts" in send(pg_mail_app)
    assert [titles(m) for m in mailbox.messages[1:]] == [["Intern A"]]
    token = link_in(mailbox.messages[1], "/alerts/manage/").rsplit("/", 1)[1]
    assert client.post(f"/alerts/unsubscribe/{token}").status_code == 200
    with pg_mail_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0
