"""The mails partners and editors get, each written in its reader's language.

A partner reads their mails in the language they used on the form, whatever language the
editor who rejects their listing reads the site in.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext

from tracker import mail
from tracker.models import Listing
from tracker.partners.models import PartnerSubmission
from tracker.taxonomy import N_


@contextmanager
def _language(code: str) -> Iterator[None]:
    supported = current_app.config["SUPPORTED_LANGUAGES"]
    with force_locale(code if code in supported else supported[0]):
        yield


def _t(text: str, **variables: Any) -> str:
    return babel_gettext(text, **variables)


def _site() -> str:
    return str(current_app.config["SITE_NAME"])


def _day(value: date) -> str:
    return value.isoformat()


def send_confirm_link(submission: PartnerSubmission, link: str) -> None:
    """Ask the partner to confirm their address (the link works once, for a limited time)."""
    with _language(submission.language):
        hours = int(current_app.config["PARTNER_CONFIRM_HOURS"])
        subject = _t(N_("Confirm your listing on %(site)s"), site=_site())
        body = _t(N_("Thank you for posting “%(title)s” on %(site)s.\n\nTo send it for review, confirm this "
                     "e-mail address by opening this link within %(hours)s hours (it works once):\n%(link)s\n\n"
                     "If you did not post this, ignore this mail: nothing will be published."),
                  title=submission.listing.title, site=_site(), hours=hours, link=link)
    mail.send(submission.contact_email, subject, body)


def send_manage_link(submission: PartnerSubmission, link: str) -> None:
    """Give the partner the private link to their listing."""
    with _language(submission.language):
        subject = _t(N_("Your listing on %(site)s: your private link"), site=_site())
        body = _t(N_("Your address is confirmed and “%(title)s” is waiting for review by our editors. We will "
                     "write to you when it is published, or if something needs changing.\n\nKeep this private link: "
                     "with it you can edit, close or renew your listing at any time. Anyone who has it can do the "
                     "same, so do not share it.\n%(link)s"),
                  title=submission.listing.title, link=link)
    mail.send(submission.contact_email, subject, body)


def send_approved(submission: PartnerSubmission, listing_link: str) -> None:
    with _language(submission.language):
        subject = _t(N_("Your listing is published on %(site)s"), site=_site())
        body = _t(N_("“%(title)s” is published:\n%(link)s\n\nWithout a deadline, it stays up for %(days)s days; "
                     "we will ask you before then whether it is still open. Use your private link to edit or "
                     "close it."),
                  title=submission.listing.title, link=listing_link, days=current_app.config["PARTNER_LISTING_DAYS"])
    mail.send(submission.contact_email, subject, body)


def send_rejected(submission: PartnerSubmission, reason: str) -> None:
    """Tell the partner why their listing was not published (the editor's words)."""
    with _language(submission.language):
        subject = _t(N_("Your listing was not published on %(site)s"), site=_site())
        body = _t(N_("Our editors did not publish “%(title)s”. Their reason:\n\n%(reason)s\n\nYou can fix it with "
                     "your private link and send it for review again."),
                  title=submission.listing.title, reason=reason)
    mail.send(submission.contact_email, subject, body)


def send_reminder(submission: PartnerSubmission, link: str, ends_on: date) -> None:
    """Ask whether the opportunity is still open, before it lapses."""
    with _language(submission.language):
        subject = _t(N_("Is “%(title)s” still open?"), title=submission.listing.title)
        body = _t(N_("“%(title)s” comes off %(site)s on %(date)s unless you tell us it is still open. If it is, "
                     "open this link and press the button:\n%(link)s\n\nIf it is filled, do nothing, or close it "
                     "with your private link."),
                  title=submission.listing.title, site=_site(), date=_day(ends_on), link=link)
    mail.send(submission.contact_email, subject, body)


def send_lapsed(submission: PartnerSubmission, link: str) -> None:
    """Say the listing came off for want of a confirmation, and how to put it back."""
    with _language(submission.language):
        subject = _t(N_("“%(title)s” is no longer shown"), title=submission.listing.title)
        body = _t(N_("Nobody told us “%(title)s” is still open, so it is no longer shown on %(site)s. If it is "
                     "still open, open this link and press the button to put it back:\n%(link)s"),
                  title=submission.listing.title, site=_site(), link=link)
    mail.send(submission.contact_email, subject, body)


def send_digest(to: str, waiting: list[Listing], queue_link: str, oldest: date) -> None:
    """Tell an editor what waits in the moderation queue."""
    language = current_app.config.get("SITE_LANGUAGE") or "en"
    with _language(language):
        subject = _t(N_("Partner listings waiting for review: %(count)s"), count=len(waiting))
        lines = [f"- {listing.title} ({listing.organisation})" for listing in waiting[:50]]
        body = _t(N_("Partner listings waiting for review: %(count)s; the oldest since %(date)s.\n\n%(list)s\n\n"
                     "Review them here:\n%(link)s"),
                  count=len(waiting), date=_day(oldest), list="\n".join(lines), link=queue_link)
    mail.send(to, subject, body)
