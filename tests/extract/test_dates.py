"""Tests for ingest.extract.dates: timestamps, calendar dates, deadlines and ranges."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.dates import find_date_range, find_deadline, parse_date, parse_datetime

FUZZ = settings(database=None, deadline=None, max_examples=150)
DATES = st.dates(min_value=date(1990, 1, 2), max_value=date(2100, 12, 30))
UTC = timezone.utc


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
        microsecond: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


@pytest.mark.parametrize(("value", "expected"), [
    ("Mon, 21 Sep 2026 12:00:00 GMT", utc(2026, 9, 21, 12)),
    ("Tue, 01 Dec 2026 09:00:00 -0600", utc(2026, 12, 1, 15)),
    ("2026-12-01T10:00:00Z", utc(2026, 12, 1, 10)),
    ("2026-12-01T10:00:00-05:00", utc(2026, 12, 1, 15)),
    ("2026-12-01T10:00:00.5+05:30", utc(2026, 12, 1, 4, 30, 0, 500000)),
    # A bare date is midnight in Birmingham (CST, UTC-6 in December).
    ("2026-12-01", utc(2026, 12, 1, 6)),
    ("2026-07-01", utc(2026, 7, 1, 5)),  # CDT in summer
    ("12/01/2026", utc(2026, 12, 1, 6)),
    ("December 1, 2026", utc(2026, 12, 1, 6)),
    ("Dec. 1st, 2026", utc(2026, 12, 1, 6)),
    ("1 December 2026", utc(2026, 12, 1, 6)),
    ("2026-12-01 10:00 CST", utc(2026, 12, 1, 16)),
    ("20261201", utc(2026, 12, 1, 6)),
    ("1796140800", utc(2026, 12, 1, 16)),
    ("1796140800000", utc(2026, 12, 1, 16)),
    ("  2026-12-01T10:00:00Z \n", utc(2026, 12, 1, 10)),
    ("Dec 1", None),  # no year: refuse rather than guess from the clock
    ("1989-12-31", None),
    ("2101-01-01", None),
    ("2026-02-30", None),
    ("2026", None),
    ("not a date", None),
    ("", None),
    (None, None),
])
def test_parse_datetime(value: str | None, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_parse_datetime_uses_given_zone_and_survives_a_bad_one() -> None:
    assert parse_datetime("2026-12-01", default_tz="America/New_York") == utc(2026, 12, 1, 5)
    assert parse_datetime("2026-12-01", default_tz="Not/AZone") == utc(2026, 12, 1)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-12-15", date(2026, 12, 15)),
    ("2026-12-15T23:30:00-06:00", date(2026, 12, 15)),  # as written, not shifted to UTC
    ("2026-12-15T01:00:00Z", date(2026, 12, 15)),
    ("12/15/2026", date(2026, 12, 15)),
    ("12/15/26", date(2026, 12, 15)),
    ("Tuesday, December 15, 2026", date(2026, 12, 15)),
    ("Dec. 15th, 2026", date(2026, 12, 15)),
    ("15 December 2026", date(2026, 12, 15)),
    ("1796140800", date(2026, 12, 1)),
    ("December 15", None),
    ("13/45/2026", None),
    ("", None),
    (None, None),
])
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Apply by: December 12, 2026. Interviews follow.", (date(2026, 12, 12), "Apply by: December 12, 2026.")),
    ("Applications due 12/12/2026", (date(2026, 12, 12), "Applications due 12/12/2026")),
    ("Deadline: Dec 12, 2026", (date(2026, 12, 12), "Deadline: Dec 12, 2026")),
    ("The application deadline is January 5, 2027",
     (date(2027, 1, 5), "application deadline is January 5, 2027")),
    ("Closes 2026-12-12", (date(2026, 12, 12), "Closes 2026-12-12")),
    ("Deadline to apply: Friday, Dec. 12th, 2026 at 5 p.m.",
     (date(2026, 12, 12), "Deadline to apply: Friday, Dec. 12th, 2026")),
    ("Registration closes on 3/1/27", (date(2027, 3, 1), "Registration closes on 3/1/27")),
    ("Applications accepted on a rolling basis.", None),
    ("Deadline: rolling", None),
    ("Dates: June 7 – July 30, 2027", None),
    ("Starts June 1, 2027. Apply today!", None),
    ("The program closes with a ceremony on July 30, 2027.", None),
    ("Apply by March 1", None),  # no year and no reference day
    ("Apply by February 30, 2027", None),
    ("", None),
])
def test_find_deadline(text: str, expected: tuple[date, str] | None) -> None:
    assert find_deadline(text) == expected


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("Apply by March 1", date(2026, 11, 1), date(2027, 3, 1)),
    ("Apply by March 1", date(2027, 2, 1), date(2027, 3, 1)),
    ("Apply by March 1", date(2027, 3, 20), date(2027, 3, 1)),  # read soon after: this year's
    ("Deadline: Dec 12, 2026", date(2030, 1, 1), date(2026, 12, 12)),
])
def test_find_deadline_with_reference_day(text: str, reference: date, expected: date) -> None:
    found = find_deadline(text, reference=reference)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dates: June 7 – July 30, 2027", (date(2027, 6, 7), date(2027, 7, 30), "June 7 – July 30, 2027")),
    ("June 7–July 30, 2027", (date(2027, 6, 7), date(2027, 7, 30), "June 7–July 30, 2027")),
    ("Runs from 6/7/2027 to 7/30/2027.", (date(2027, 6, 7), date(2027, 7, 30), "from 6/7/2027 to 7/30/2027")),
    ("June 7–30, 2027", (date(2027, 6, 7), date(2027, 6, 30), "June 7–30, 2027")),
    ("2027-06-07 through 2027-07-30", (date(2027, 6, 7), date(2027, 7, 30), "2027-06-07 through 2027-07-30")),
    ("June 7, 2027 to July 30, 2027", (date(2027, 6, 7), date(2027, 7, 30), "June 7, 2027 to July 30, 2027")),
    ("Dec 28 - Jan 3, 2027", (date(2026, 12, 28), date(2027, 1, 3), "Dec 28 - Jan 3, 2027")),
    ("between June 1 and June 5, 2027", (date(2027, 6, 1), date(2027, 6, 5), "between June 1 and June 5, 2027")),
    ("Mon–Fri, 9 am to 5 pm", None),
    ("June 7 – July 30", None),  # no year anywhere
    ("from 7/30/2027 to 6/7/2027", None),  # ends before it starts
    ("", None),
])
def test_find_date_range(text: str, expected: tuple[date, date, str] | None) -> None:
    assert find_date_range(text) == expected


@FUZZ
@given(st.text())
def test_parse_datetime_never_raises_and_is_utc_in_bounds(value: str) -> None:
    found = parse_datetime(value)
    if found is not None:
        offset = found.utcoffset()
        assert offset is not None and offset.total_seconds() == 0
        assert 1990 <= found.year <= 2100
    parsed = parse_date(value)
    assert parsed is None or 1990 <= parsed.year <= 2100


@FUZZ
@given(st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2100, 12, 30), timezones=st.just(UTC)))
def test_parse_datetime_round_trips_iso_and_epoch(moment: datetime) -> None:
    assert parse_datetime(moment.isoformat()) == moment
    whole = moment.replace(microsecond=0)
    if whole.timestamp() < 10**10:
        assert parse_datetime(str(int(whole.timestamp()))) == whole


@FUZZ
@given(DATES)
def test_written_dates_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day:%B} {day.day}, {day.year}") == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day
    text = f"Apply by {day:%b}. {day.day}, {day.year}."
    assert find_deadline(text) == (day, text)


@FUZZ
@given(st.text())
def test_finders_never_raise_and_quote_the_text(text: str) -> None:
    deadline = find_deadline(text)
    if deadline is not None:
        assert deadline[1] in text and 1990 <= deadline[0].year <= 2100
    span = find_date_range(text)
    if span is not None:
        assert span[0] <= span[1] and span[2] in text


@FUZZ
@given(DATES, DATES)
def test_find_date_range_orders_any_two_dates(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    found = find_date_range(f"Dates: {start:%B} {start.day}, {start.year} – {end:%B} {end.day}, {end.year}")
    assert found is not None and found[:2] == (start, end)


# Malformed closing dates seen in feeds, one test per shape: recovered where unambiguous.
@pytest.mark.parametrize(("text", "expected"), [
    ("2027-01-31 23:59:59 +0000 UTC", date(2027, 1, 31)),                      # Go's time format
    ("2027-02-15T23:59:59.000-06:00[America/Chicago]", date(2027, 2, 15)),    # Java ZonedDateTime
    ("31/01/2027", date(2027, 1, 31)),                                         # day first, day > 12
    ("31.01.2027", date(2027, 1, 31)),
    ("02/01/2027 5:00 PM Central", date(2027, 2, 1)),                          # NEOGOV closing date
    ("01/15/2027 11:59 PM Eastern Standard Time", date(2027, 1, 15)),
    ("January 29th, 2027 at 11:59 PM", date(2027, 1, 29)),
    ("2027-02-30", None),                                                      # no such day
    ("Continuous", None),
])
def test_parse_date_recovers_malformed_closing_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
