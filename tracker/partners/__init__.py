"""Partner listings (issue 15): the public form, e-mail confirmation, private links, and freshness.

Public surface:

- ``PartnerSubmission``: what a partner's listing carries beside the listing itself.
- ``moderation``: the queue, likely duplicates, approve and reject (the staff pages use it).
- ``freshness``: the "still open?" reminders and lapses.
- ``init_app(app)``: the /submit pages and the ``flask partners`` commands.
"""
from __future__ import annotations

import os

from flask import Flask

from tracker.partners import freshness, moderation
from tracker.partners.models import PartnerSubmission

__all__ = ["PartnerSubmission", "freshness", "init_app", "moderation"]

DEFAULTS = {
    # Listings one network may send in a while (the site-wide POST budget applies too).
    "PARTNER_SUBMIT_LIMIT": "5 per hour; 20 per day",
    # How long the link that confirms a partner's address works.
    "PARTNER_CONFIRM_HOURS": "48",
    # A partner listing without a deadline stays up this many days after its last confirmation…
    "PARTNER_LISTING_DAYS": "60",
    # …and its partner is asked whether it is still open this many days before.
    "PARTNER_REMIND_DAYS": "7",
    # The state partner listings are in (two letters), and the lowest hourly wage a paid one may offer.
    "PARTNER_STATE": "AL",
    "PARTNER_MINIMUM_WAGE": "7.25",
}


def init_app(app: Flask) -> None:
    """Register the partner pages and the ``flask partners`` commands; read the PARTNER_* settings."""
    from tracker.partners.cli import partners_cli
    from tracker.partners.views import bp

    for key, default in DEFAULTS.items():
        if app.config.get(key) is None:
            app.config[key] = os.environ.get(key, default)
    app.register_blueprint(bp)
    app.cli.add_command(partners_cli)
