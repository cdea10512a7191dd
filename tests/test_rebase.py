"""Demo dates move together: typed fields and the dates written in the text."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from ingest.rebase import rebase_listing, shift_written_dates
from ingest.records import NormalizedListing


@pytest.mark.parametrize("text, days, expected", [
    ("Apply by: January 1, 2027.", 26, "Apply by: January 27, 2027."),
    ("Dates: June 7 – July 2, 2027.", 7, "Dates: June 14 – July 9, 2027."),
    ("December 31, 2026 – January 21, 2027", 1, "January 1, 2027 – January 22, 2027"),
    ("Dates: November 23 – December 11, 2026.", 10, "Dates: December 3 – December 21, 2026."),
    ("Dates: December 28 – January 3, 2027.", 0, "Dates: December 28 – January 3, 2027."),
    ("Meet May 5 at noon.", 3, "Meet May 5 at noon."),  # no year anywhere near: left alone
    ("February 30, 2027", 1, "February 30, 2027"),  # not a date: left alone
    ("Route 17 runs every 20 minutes.", 40, "Route 17 runs every 20 minutes."),
])
def test_written_dates_move(text, days, expected) -> None:
    assert shift_written_dates(text, timedelta(days=days)) == expected


def test_a_listing_moves_all_its_dates() -> None:
    listing = NormalizedListing(
        external_id="1", title="t", organisation="o", description="<p>Apply by: January 1, 2027.</p>",
        kind="job", pathways=(), apply_url=None, deadline=date(2027, 1, 1), start_date=date(2027, 6, 7),
        end_date=date(2027, 7, 2), posted_at=datetime(2026, 10, 1, tzinfo=timezone.utc),
    )
    moved = rebase_listing(listing, timedelta(days=30))
    assert moved.deadline == date(2027, 1, 31) and moved.start_date == date(2027, 7, 7)
    assert moved.end_date == date(2027, 8, 1) and moved.posted_at == datetime(2026, 10, 31, tzinfo=timezone.utc)
    assert moved.description == "<p>Apply by: January 31, 2027.</p>"
