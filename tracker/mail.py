"""Sending e-mail: through the SMTP server the MAIL_* settings name, or into the log.

With MAIL_SERVER unset (the embedded default) a mail is written to the log, whole, so a
laptop or a demo needs no mail server and an invite link can still be read there.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

log = logging.getLogger(__name__)


class MailError(RuntimeError):
    """The SMTP server could not be reached or refused the message."""


def is_configured() -> bool:
    """Say whether mails go to an SMTP server (else to the log)."""
    return bool(current_app.config.get("MAIL_SERVER"))


def build_message(to: str, subject: str, body: str, html: str | None = None,
                  headers: Mapping[str, str] | None = None) -> EmailMessage:
    """Return a plain-text message from MAIL_FROM to ``to`` (with an HTML alternative and extra headers when given)."""
    sender = current_app.config.get("MAIL_FROM") or "no-reply@localhost"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def readable(message: EmailMessage) -> str:
    """Return a mail's headers and plain text as a person reads them (no MIME encoding), for the log."""
    headers = "".join(f"{name}: {value}\n" for name, value in message.items()
                      if not name.lower().startswith(("content-", "mime-")))
    body = message.get_body(preferencelist=("plain",))
    return headers + "\n" + (str(body.get_content()) if body is not None else "")


def send(to: str, subject: str, body: str, html: str | None = None,
         headers: Mapping[str, str] | None = None) -> EmailMessage:
    """Send a plain-text mail (``html``: its HTML alternative); raise MailError when the configured server fails."""
    message = build_message(to, subject, body, html, headers)
    config = current_app.config
    if not is_configured():
        log.info("MAIL_SERVER is not set; this mail was not sent:\n%s", readable(message))
        return message
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25),
                          timeout=float(config.get("MAIL_TIMEOUT", 10))) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("could not send mail %r to %s: %s", subject, to, exc)
        raise MailError(f"the mail server {config['MAIL_SERVER']} did not take the message: {exc}") from exc
    return message
