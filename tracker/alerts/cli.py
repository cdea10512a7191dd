"""`flask alerts send`, for cron: mail each alert that is due its new listings."""
from __future__ import annotations

import logging
import sys

import click
from flask.cli import AppGroup

from tracker import mail
from tracker.alerts.sending import send_due

alerts_cli = AppGroup("alerts", help="E-mail alerts of new listings.")


@alerts_cli.command("send")
def send_command() -> None:
    """Mail every alert due today the listings new to it; exit 1 when a mail could not be sent.

    Safe to run as often as you like: an alert gets at most one mail a day (or a week).
    """
    if not mail.is_configured():
        # The mails go to the log then (tracker/mail.py): show them where the operator looks.
        logger = logging.getLogger(mail.__name__)
        logger.setLevel(logging.INFO)
        logger.addHandler(logging.StreamHandler())
    summary = send_due()
    click.echo(str(summary))
    for failure in summary.failed:
        click.echo(failure, err=True)
    if summary.failed:
        sys.exit(1)
