"""Partner listings without a deadline stay up PARTNER_LISTING_DAYS unless the partner says they are still open.

``remind`` (run daily from cron: ``flask --app wsgi partners remind``) mails a "still
open?" link PARTNER_REMIND_DAYS before a listing lapses, and takes down those whose time
is up, mailing their partner a link that puts them back. A listing with a deadline closes
on its deadline instead, like every other listing.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tracker.extensions import db
from tracker.mail import MailError
from tracker.models import Listing
from tracker.open_data import external_url
from tracker.partners import messages
from tracker.listings import reindex_now
from tracker.partners.models import PartnerSubmission
from tracker.staff import audit

log = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    reminded: list[int] = field(default_factory=list)
    lapsed: list[int] = field(default_factory=list)
    mail_failed: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.reminded)} reminded, {len(self.lapsed)} taken down for want of a confirmation, "
                f"{len(self.mail_failed)} mails not sent")


def lapses_at(submission: PartnerSubmission) -> datetime | None:
    """When a live partner listing without a deadline comes down unless confirmed (None: it does not)."""
    listing = submission.listing
    if listing.status != Listing.ACTIVE or listing.deadline is not None or submission.last_confirmed_at is None:
        return None
    return submission.last_confirmed_at + timedelta(days=int(current_app.config["PARTNER_LISTING_DAYS"]))


def remind(now: datetime) -> ReminderRun:
    """Send the reminders that are due and take down the listings that lapsed; each in its own transaction."""
    run = ReminderRun()
    warn = timedelta(days=int(current_app.config["PARTNER_REMIND_DAYS"]))
    candidates = db.session.scalars(
        sa.select(PartnerSubmission.id).join(PartnerSubmission.listing)
        .where(Listing.status == Listing.ACTIVE, Listing.deadline.is_(None)).order_by(PartnerSubmission.id)).all()
    for submission_id in candidates:
        submission = db.session.get(PartnerSubmission, submission_id)
        ends = lapses_at(submission) if submission is not None else None
        if submission is None or ends is None:
            continue
        if now >= ends:
            _lapse(submission, now, run)
        elif now >= ends - warn and submission.reminder_sent_at is None:
            _remind(submission, ends, now, run)
    return run


def _remind(submission: PartnerSubmission, ends: datetime, now: datetime, run: ReminderRun) -> None:
    token = submission.issue_still_open_link()
    try:
        messages.send_reminder(submission, external_url("partners.still_open", token=token), ends.date())
    except MailError:
        db.session.rollback()  # no reminder recorded: the next run tries again
        run.mail_failed.append(submission.listing_id)
        return
    submission.reminder_sent_at = now
    audit.record(None, "partner.remind", submission.listing, None, {"lapses_on": ends.date()})
    db.session.commit()
    run.reminded.append(submission.listing_id)


def _lapse(submission: PartnerSubmission, now: datetime, run: ReminderRun) -> None:
    listing = submission.listing
    listing.expire(now)
    submission.lapsed_at = now
    token = submission.issue_still_open_link()
    audit.record(None, "partner.lapse", listing, {"status": Listing.ACTIVE}, {"status": listing.status})
    db.session.commit()  # down first, mailed second: a mail server that fails must not keep it up
    reindex_now(listing)
    run.lapsed.append(listing.id)
    try:
        messages.send_lapsed(submission, external_url("partners.still_open", token=token))
    except MailError:
        run.mail_failed.append(listing.id)
        log.warning("listing %s lapsed, but its partner could not be told", listing.id)
