"""E-mail alerts in Chromium with JavaScript off: a counselor subscribes to a search, confirms
from the mail, gets an alert of a new listing, and unsubscribes from the alert mail's link,
in English and in Spanish. Mail goes through a real SMTP server on 127.0.0.1."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.alert_helpers import Clock, link_in, text_of
from tests.browser.conftest import PHONE, LiveServer, past_the_edge, screenshot
from tests.conftest import Mailbox, copy_of_demo
from tests.factories import add_listings
from tracker.alerts import Alert
from tracker.extensions import db


@pytest.fixture
def mailbox_site(demo_template: Path, tmp_path: Path, mailbox: Mailbox) -> Iterator[tuple[Any, LiveServer]]:
    """The demo data on a server of its own whose mail goes to ``mailbox``; alert links name it."""
    app = copy_of_demo(demo_template, tmp_path, **mailbox.config)
    live = LiveServer(app)
    app.config["SITE_URL"] = live.origin  # what `alerts send`, run from cron, puts in its links
    yield app, live
    live.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_subscribe_confirm_receive_and_unsubscribe_without_javascript(
        mailbox_site: Any, mailbox: Mailbox, new_context: Any, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    from playwright.sync_api import expect

    app, live = mailbox_site
    clock = Clock(monkeypatch, datetime.now(timezone.utc).replace(microsecond=0))
    tab = new_context(viewport=PHONE, java_script_enabled=False).new_page()

    tab.goto(f"{live.origin}/search?kind=internship&pay=paid&lang={lang}")
    tab.locator(".search-tools summary").click()  # <details>: opens without a script
    tab.locator('.search-tools a[href^="/alerts/new"]').click()
    expect(tab.locator("h1")).to_have_text("E-mail me new matches" if lang == "en"
                                           else "Avísame por correo de los anuncios nuevos")
    assert past_the_edge(tab)["overflow"] <= 0
    tab.fill("#email", "counselor@example.org")
    tab.check("#schedule-0")  # once a day
    tab.locator(".alert-form button[type=submit]").click()
    expect(tab.locator("h1")).to_have_text("Check your e-mail" if lang == "en" else "Revisa tu correo")

    [confirmation] = mailbox.messages
    assert confirmation["To"] == "counselor@example.org"
    tab.goto(live.origin + link_in(confirmation, "/alerts/confirm/"))
    screenshot(tab, f"alert-confirm-journey-{lang}")
    tab.locator("main button[type=submit]").click()
    expect(tab.locator(".notice")).to_contain_text("Your alert is on." if lang == "en" else "Tu alerta está activa.")

    clock.advance(hours=1)
    with app.app_context():
        add_listings({"title": "Hospital records intern", "kind": "internship", "pay_status": "paid",
                      "first_seen_at": clock.now})
    clock.advance(days=1)
    result = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0 and "1 mails sent" in result.output, result.output

    alert_mail = mailbox.messages[-1]
    assert "Hospital records intern" in text_of(alert_mail)
    assert alert_mail["List-Unsubscribe"].startswith(f"<{live.origin}/alerts/unsubscribe/")
    tab.goto(live.origin + link_in(alert_mail, "/listings/"))
    expect(tab.locator("h1")).to_have_text("Hospital records intern")

    tab.goto(live.origin + link_in(alert_mail, "/alerts/manage/"))
    tab.locator('form[action^="/alerts/unsubscribe/"] button').click()
    expect(tab.locator("h1")).to_have_text("Unsubscribed" if lang == "en" else "Suscripción cancelada")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0
    clock.advance(days=1)
    assert "Checked 0 alerts" in app.test_cli_runner().invoke(args=["alerts", "send"]).output
    assert len(mailbox.messages) == 2
