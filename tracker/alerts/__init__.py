"""E-mail alerts without an account (issue #18): "e-mail me new matches" for any search.

models.py holds the address, the search and the schedule (and what was mailed);
subscriptions.py subscribes, confirms and cancels; mails.py writes the mails; sending.py
is `flask alerts send`; routes.py and forms.py are the pages; cli.py faces the shell.
Staff see only ``counts()``, never an address.
"""
from __future__ import annotations

from flask import Flask

from tracker.alerts.models import DAILY, SCHEDULES, WEEKLY, Alert, AlertSent
from tracker.alerts.sending import send_due
from tracker.alerts.subscriptions import counts

__all__ = ["DAILY", "SCHEDULES", "WEEKLY", "Alert", "AlertSent", "counts", "init_app", "send_due"]

def init_app(app: Flask) -> None:
    """Register the pages and the ``flask alerts`` commands."""
    from tracker.alerts.cli import alerts_cli
    from tracker.alerts.routes import bp

    app.register_blueprint(bp)
    app.cli.add_command(alerts_cli)
