"""What day it is where the site's listings are: deadlines are calendar days there."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def site_today() -> date:
    """Return today's date in the site's time zone."""
    return datetime.now(ZoneInfo(current_app.config["SITE_TIMEZONE"])).date()
