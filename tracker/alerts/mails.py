"""The alerts' mails, plain text with an HTML alternative, in the language the alert was made in."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale

from tracker import clock, mail
from tracker.alerts.models import Alert
from tracker.i18n import gettext, ngettext
from tracker.models import Listing
from tracker.open_data import external_url, search_title

# RFC 8058: a mail client may unsubscribe with one POST of this body to List-Unsubscribe.
ONE_CLICK = "List-Unsubscribe=One-Click"


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Render in ``language``, in a request of its own when there is none (the alerts command)."""
    if has_request_context():
        with _fresh_language(language):
            yield
        return
    base = current_app.config.get("SITE_URL") or "http://localhost"
    with current_app.test_request_context(base_url=base), _fresh_language(language):
        yield


@contextmanager
def _fresh_language(language: str) -> Iterator[None]:
    # tracker.i18n keeps the request's language and catalog on g: forget them on both sides.
    saved = {name: g.pop(name) for name in ("_language", "_catalog") if name in g}
    try:
        with force_locale(language):
            yield
    finally:
        g.pop("_language", None)
        g.pop("_catalog", None)
        for name, value in saved.items():
            setattr(g, name, value)


def _links(alert: Alert) -> dict[str, str]:
    token = alert.manage_token()
    query = alert.query()
    return {"manage_url": external_url("alerts.manage", token=token),
            "unsubscribe_url": external_url("alerts.unsubscribe", token=token),
            "search_url": external_url("pages.search", **query.to_args(sort="newest", page=1)),
            "title": search_title(query)}


def _listing_url(listing: Listing) -> str:
    return external_url("pages.listing", listing_id=listing.id)


def _render(name: str, **context: Any) -> tuple[str, str]:
    context.update(site_name=current_app.config["SITE_NAME"], today=clock.site_today(), listing_url=_listing_url)
    return render_template(f"alerts/mail/{name}.txt", **context), render_template(f"alerts/mail/{name}.html", **context)


def send_confirmation(alert: Alert, token: str) -> None:
    """Mail the link that confirms ``alert`` (raise mail.MailError when the server refuses it)."""
    with in_language(alert.language):
        links = _links(alert)
        confirm_url = external_url("alerts.confirm", token=token)
        hours = int(current_app.config["ALERTS_CONFIRM_HOURS"])
        text, html = _render("confirm", alert=alert, confirm_url=confirm_url, hours=hours, **links)
        subject = gettext("Confirm your alert: %(title)s", title=links["title"])
    mail.send(alert.email, subject, text, html)


def send_matches(alert: Alert, listings: list[Listing], total: int) -> None:
    """Mail ``total`` new listings (``listings``: the first few of them) to ``alert``'s address."""
    with in_language(alert.language):
        links = _links(alert)
        text, html = _render("matches", alert=alert, listings=listings, total=total, **links)
        subject = ngettext("%(num)s new: %(title)s", "%(num)s new: %(title)s", total, title=links["title"])
        headers = {"List-Unsubscribe": f"<{links['unsubscribe_url']}>", "List-Unsubscribe-Post": ONE_CLICK,
                   "Auto-Submitted": "auto-generated"}
    mail.send(alert.email, subject, text, html, headers)
