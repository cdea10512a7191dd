"""Mail goes through the configured SMTP server (a real one on 127.0.0.1 here), or into the log."""
from __future__ import annotations

import logging

import pytest

from tests.conftest import build_app, make_config
from tracker import mail


def test_mail_is_sent_through_the_smtp_server(mail_app, mailbox) -> None:
    with mail_app.app_context():
        assert mail.is_configured()
        mail.send("ana@example.org", "Your invitation", "Open this link: https://example.org/x\nMañana.")
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "ana@example.org" and message["From"] == "tracker@example.org"
    assert message["Subject"] == "Your invitation" and message["Message-ID"]
    assert "https://example.org/x" in message.get_content() and "Mañana." in message.get_content()


def test_without_a_server_the_mail_is_written_to_the_log(app, caplog) -> None:
    caplog.set_level(logging.INFO, logger="tracker.mail")
    with app.app_context():
        assert not mail.is_configured()
        mail.send("ana@example.org", "Your invitation", "Open this link: https://example.org/x")
    assert "MAIL_SERVER is not set" in caplog.text and "https://example.org/x" in caplog.text


def test_a_server_that_does_not_answer_raises_a_clear_error(tmp_path, mailbox) -> None:
    port = mailbox.port
    mailbox.stop()  # nothing listens there now
    app = build_app(make_config(tmp_path, **{**mailbox.config, "MAIL_PORT": port, "MAIL_TIMEOUT": 2}))
    with app.app_context(), pytest.raises(mail.MailError, match="did not take the message"):
        mail.send("ana@example.org", "Hello", "Body")


def test_the_log_shows_a_mail_as_a_person_reads_it(app, caplog) -> None:
    caplog.set_level(logging.INFO, logger="tracker.mail")
    with app.app_context():
        mail.send("ana@example.org", "Tu alerta: pasantías", "Mañana – https://example.org/x", "<p>Mañana</p>",
                  {"List-Unsubscribe": "<https://example.org/u>"})
    assert "Subject: Tu alerta: pasantías" in caplog.text and "Mañana – https://example.org/x" in caplog.text
    assert "List-Unsubscribe: <https://example.org/u>" in caplog.text and "base64" not in caplog.text
