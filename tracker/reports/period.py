"""The period a report covers, read from ``?from=YYYY-MM-DD&to=YYYY-MM-DD``.

A bad or missing date never fails the page: it falls back to the default (the twelve
months to today) and says what was wrong, so the reader can fix it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Mapping
from zoneinfo import ZoneInfo

from tracker.i18n import gettext

DEFAULT_DAYS = 365
LONGEST_DAYS = 5 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, timezone_name: str) -> tuple[datetime, datetime]:
        """Return the first and last moment of the period, as aware datetimes in the site's time zone."""
        zone = ZoneInfo(timezone_name)
        return datetime.combine(self.start, time.min, zone), datetime.combine(self.end, time.max, zone)

    def args(self) -> dict[str, str]:
        """Return the query arguments that ask for this period."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def parse_period(args: Mapping[str, str], today: date) -> tuple[Period, list[str]]:
    """Return the period asked for and what was wrong with the asking (translated), if anything."""
    problems: list[str] = []
    end = _date(args.get("to"), "to", problems) or today
    start = _date(args.get("from"), "from", problems)
    if end > today or (start is not None and start > today):
        problems.append(gettext("The period cannot end after today (%(today)s); it ends today instead.", today=today.isoformat()))
        end, start = min(end, today), min(start, today) if start is not None else None
    if start is None:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        problems.append(gettext("The start date was after the end date, so the two were swapped."))
        start, end = end, start
    if (end - start).days + 1 > LONGEST_DAYS:
        problems.append(gettext("A report covers at most five years; the start was moved to five years before the end."))
        start = end - timedelta(days=LONGEST_DAYS - 1)
    return Period(start, end), problems


def _date(text: str | None, name: str, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        problems.append(gettext("“%(text)s” is not a date (write it as 2026-03-31); the default was used for “%(name)s”.",
                                text=text[:20], name=gettext("From") if name == "from" else gettext("To")))
        return None
