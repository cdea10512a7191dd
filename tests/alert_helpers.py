"""Subscribing and confirming alerts as a person does, reading the mails from the test SMTP server."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.forms import post_form
from tracker import clock

SEARCH = "kind=internship&pay=paid"
LINK = re.compile(r"https?://[^\s\"<>]+")


class Clock:
    """The app's clock (tracker.clock.utc_now), set and moved by a test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: datetime) -> None:
        self.now = start
        monkeypatch.setattr(clock, "utc_now", lambda: self.now)

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def app_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    # Noon in Birmingham (UTC-6 in winter): a day's checks never straddle the site's midnight.
    return Clock(monkeypatch, datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc))


def subscribe(client: FlaskClient, email: str = "ana@example.org", search: str = SEARCH,
              schedule: str = "daily", lang: str | None = None, **extra: Any) -> Any:
    """Fill in and send the subscribe form of ``search``."""
    page = f"/alerts/new?{search}" + (f"&lang={lang}" if lang else "")
    fields = dict(pair.split("=", 1) for pair in search.split("&") if pair)
    return post_form(client, "/alerts/new", {**fields, "email": email, "schedule": schedule, **extra}, page=page)


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def link_in(message: EmailMessage, path: str) -> str:
    """Return the path and query of the first link in the mail's text whose path starts with ``path``."""
    for url in LINK.findall(text_of(message)):
        local = url.split("://", 1)[1].split("/", 1)[1]
        if ("/" + local).startswith(path):
            return "/" + local
    raise AssertionError(f"no {path} link in {text_of(message)}")


def confirm(client: FlaskClient, message: EmailMessage) -> Any:
    """Open the confirmation link of ``message`` and press its button; return the manage page's answer."""
    path = link_in(message, "/alerts/confirm/")
    return post_form(client, path, {}, page=path)
