"""Move a demo listing's dates so the bundled demo never looks stale. Pure.

Demo sources are written around a fixed day; at ingest every date moves by
(today - that day): the typed fields and the dates written in the description, so the
page never says "Apply by: January 1" above a deadline of January 27.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from ingest.records import NormalizedListing

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_WRITTEN_DATE = re.compile(
    r"\b(?P<month>" + "|".join(MONTHS) + r")\s+(?P<day>\d{1,2})\b(?:,\s*(?P<year>\d{4})\b)?"
)
_NEXT_YEAR = re.compile(r"\b(20\d\d)\b")


def rebase_listing(listing: NormalizedListing, shift: timedelta) -> NormalizedListing:
    """Return ``listing`` with every date, typed or written, moved by ``shift``."""
    def moved(value):  # type: ignore[no-untyped-def]
        return value + shift if value is not None else None

    return replace(
        listing,
        deadline=moved(listing.deadline), start_date=moved(listing.start_date),
        end_date=moved(listing.end_date), posted_at=moved(listing.posted_at),
        description=shift_written_dates(listing.description, shift),
        schedule_text=shift_written_dates(listing.schedule_text, shift) if listing.schedule_text else None,
    )


def shift_written_dates(text: str, shift: timedelta) -> str:
    """Move dates written like 'January 5, 2027' or 'June 7 – July 2, 2027' by ``shift``."""
    if not shift:
        return text

    def replace_one(match: re.Match[str]) -> str:
        year_text = match.group("year")
        if year_text is None:
            # "June 7 – July 2, 2027": the year is written once, after the range.
            following = _NEXT_YEAR.search(text, match.end(), match.end() + 40)
            if following is None:
                return match.group(0)
            year = int(following.group(1))
        else:
            year = int(year_text)
        try:
            original = date(year, MONTHS[match.group("month")], int(match.group("day")))
        except ValueError:
            return match.group(0)
        new = original + shift
        written = f"{calendar.month_name[new.month]} {new.day}"
        if year_text is not None or new.year != year:
            written += f", {new.year}"
        return written

    return _WRITTEN_DATE.sub(replace_one, text)
