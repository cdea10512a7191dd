"""What time it is for the app: deadlines are calendar days where the site's listings are.

Everything that asks "what day is it" reads it here, so a test can move the whole app's
clock by replacing ``utc_now`` (alerts' daily and weekly schedules are tested that way).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app


def utc_now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def site_today() -> date:
    """Return today's date in the site's time zone."""
    return utc_now().astimezone(ZoneInfo(current_app.config["SITE_TIMEZONE"])).date()
