"""``flask partners …``: the daily digest for editors, and the "still open?" reminders. Both cron-friendly."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.mail import MailError
from tracker.models import utcnow
from tracker.open_data import external_url
from tracker.partners import freshness, messages, moderation
from tracker.staff.models import ADMIN, EDITOR, StaffUser

partners_cli = AppGroup("partners", help="Partner listings: moderation digest and freshness reminders.")


def _request_context():  # type: ignore[no-untyped-def]
    """A request context on SITE_URL, so links in mails point at the public site."""
    base = current_app.config.get("SITE_URL") or "http://localhost"
    return current_app.test_request_context("/", base_url=base)


@partners_cli.command("digest")
def digest_command() -> None:
    """Mail every editor and admin what waits in the moderation queue (nothing when it is empty)."""
    with _request_context():
        waiting = moderation.queue()
        if not waiting:
            click.echo("The moderation queue is empty: no digest sent.")
            return
        editors = db.session.scalars(sa.select(StaffUser).where(StaffUser.active.is_(True),
                                                                StaffUser.role.in_((ADMIN, EDITOR)))).all()
        oldest = min(s.listing.updated_at for s in waiting).date()
        link = external_url("staff.moderation_queue")
        failed = 0
        for editor in editors:
            try:
                messages.send_digest(editor.email, [s.listing for s in waiting], link, oldest)
            except MailError:
                failed += 1
        click.echo(f"{len(waiting)} waiting; digest sent to {len(editors) - failed} of {len(editors)} editors.")
        if failed:
            raise SystemExit(1)


@partners_cli.command("remind")
def remind_command() -> None:
    """Ask partners whether listings without a deadline are still open; take down those nobody confirmed."""
    with _request_context():
        run = freshness.remind(utcnow())
        click.echo(run.summary())
        if run.mail_failed:
            raise SystemExit(1)
