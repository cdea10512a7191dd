"""iCalendar (.ics) feeds of workshops and info sessions, through the icalendar package."""
from __future__ import annotations

import re
import warnings as python_warnings
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from ingest.errors import ParseError
from ingest.extract.dates import DEFAULT_TZ
from ingest.parsers import ParseResult
from ingest.parsers._calendar_kind import no_way_in_reason, timetable_reason
from ingest.parsers._hints import kind_unless_stated
from ingest.parsers._markup import plain_html
from ingest.records import RawEntry

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_BEGIN_END = re.compile(r"^(BEGIN|END):([A-Za-z0-9-]+)\s*$", re.IGNORECASE | re.MULTILINE)


def parse_ical(content: bytes) -> ParseResult:
    """Parse every VEVENT of an iCalendar file into an entry."""
    source = _decode(content)
    if not source.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise ParseError("not an iCalendar file: expected it to start with BEGIN:VCALENDAR")
    problems: list[str] = []
    with python_warnings.catch_warnings(record=True) as caught:
        python_warnings.simplefilter("always")
        try:
            calendars = icalendar.Calendar.from_ical(_close_open_components(source), multiple=True)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ParseError(f"not a readable iCalendar file: {_one_line(exc)}") from exc
        entries = [e for e in (_events(calendars, problems)) if e is not None]
    problems.extend(f"calendar reader: {_one_line(w.message)}" for w in caught)
    if not entries and not problems:
        problems.append("the calendar is readable but has no events")
    events = [e for calendar in calendars for e in calendar.walk("VEVENT")]
    names = [str(calendar.get("X-WR-CALNAME") or "") for calendar in calendars]
    if reason := timetable_reason(names, events):
        raise ParseError(reason)
    return ParseResult(entries=tuple(entries), warnings=tuple(problems), events_only=no_way_in_reason(events))


def _decode(content: bytes) -> str:
    # RFC 5545 says UTF-8; Outlook exports have been seen in Windows-1252.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return text.lstrip("\ufeff")


def _close_open_components(source: str) -> str:
    """Add the END lines a truncated file is missing (icalendar refuses an unclosed VCALENDAR)."""
    stack: list[str] = []
    for kind, name in _BEGIN_END.findall(source):
        name = name.upper()
        if kind.upper() == "BEGIN":
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    if not stack:
        return source
    return source.rstrip("\r\n") + "\r\n" + "".join(f"END:{name}\r\n" for name in reversed(stack))


def _events(calendars: list[Any], problems: list[str]) -> list[RawEntry | None]:
    entries: list[RawEntry | None] = []
    for calendar in calendars:
        zone = _zone(str(calendar.get("X-WR-TIMEZONE") or ""))
        events = list(calendar.walk("VEVENT"))
        masters = {str(e.get("UID")) for e in events if e.get("UID") and not e.get("RECURRENCE-ID")}
        for number, event in enumerate(events, 1):
            if event.get("RECURRENCE-ID") and str(event.get("UID")) in masters:
                continue  # a moved instance of a repeating event: the series' first date is kept
            if str(event.get("STATUS") or "").upper() == "CANCELLED":
                problems.append(f"event {number} is cancelled; skipped")
                continue
            try:
                entries.append(_entry(event, zone, problems, number))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                problems.append(f"event {number} could not be read ({_one_line(exc)}); skipped")
    return entries


def _entry(event: Any, zone: tzinfo, problems: list[str], number: int) -> RawEntry | None:
    title = _text(event.get("SUMMARY"))
    if not title:
        problems.append(f"event {number} has no SUMMARY (title); skipped")
        return None
    description = _text(event.get("DESCRIPTION"))
    description_html = _description_html(event, description)
    categories = tuple(dict.fromkeys(c for c in _categories(event.get("CATEGORIES")) if c))
    start, end = _when(event, zone, problems, number)
    fields: dict[str, str] = {}
    if start:
        fields["start_date"] = start
    if end:
        fields["end_date"] = end
    location = _text(event.get("LOCATION"))
    if location and _URL_IN_TEXT.fullmatch(location):
        fields["work_mode"] = "online"  # a meeting link where the place would be
        location = None
    if kind := kind_unless_stated("workshop", title, categories):
        fields["kind"] = kind
    url = _text(event.get("URL"))
    if not url and description:
        found = _URL_IN_TEXT.search(description)
        url = found.group(0).rstrip(".,;:") if found else None
    return RawEntry(
        title=title,
        external_id=_text(event.get("UID")),
        url=url,
        description_html=description_html,
        organisation=_organizer(event.get("ORGANIZER")),
        published=_stamp(event.get("CREATED")) or _stamp(event.get("DTSTAMP")),
        updated=_stamp(event.get("LAST-MODIFIED")),
        categories=categories,
        location_text=location,
        fields=fields,
    )


def _description_html(event: Any, description: str | None) -> str:
    # Some calendars (Outlook, Teams) put the HTML version in X-ALT-DESC;FMTTYPE=text/html.
    alt = event.get("X-ALT-DESC")
    if alt is not None and "html" in str(getattr(alt, "params", {}).get("FMTTYPE", "")).lower():
        return str(alt)
    if description and re.search(r"</?(?:p|br|a|ul|li|b|strong)\b", description, re.IGNORECASE):
        return description  # Google Calendar writes HTML straight into DESCRIPTION
    return "".join(plain_html(block.strip()) for block in (description or "").split("\n\n") if block.strip())


def _when(event: Any, zone: tzinfo, problems: list[str], number: int) -> tuple[str | None, str | None]:
    """Return the first occurrence's start and end as ISO text in the event's own zone."""
    start = _moment(event.get("DTSTART"))
    if start is None:
        if event.get("DTSTART") is not None:
            problems.append(f"event {number} has an unreadable DTSTART; its date is left out")
        return None, None
    end = _moment(event.get("DTEND"))
    duration = _duration(event.get("DURATION"))
    if end is None and isinstance(duration, timedelta):
        end = start + duration
    if isinstance(start, datetime):
        start = _local(start, zone)
        end = _local(end, zone) if isinstance(end, datetime) else end
    elif isinstance(end, date) and not isinstance(end, datetime) and end > start:
        end = end - timedelta(days=1)  # an all-day DTEND is the day after the last day
    return start.isoformat(), end.isoformat() if end else None


def _moment(prop: Any) -> date | None:
    try:
        value = getattr(prop, "dt", None)
    except (ValueError, TypeError):  # icalendar 7 raises on a broken date ("DTSTART:notadate")
        return None
    return value if isinstance(value, date) else None


def _duration(prop: Any) -> timedelta | None:
    try:
        value = getattr(prop, "dt", None)
    except (ValueError, TypeError):
        return None
    return value if isinstance(value, timedelta) else None


def _local(moment: datetime, zone: tzinfo) -> datetime:
    # UTC times ("…Z", as Google exports) are moved into the calendar's zone so an evening
    # session keeps its own date; times with their own zone, or floating, stay as written.
    if moment.tzinfo is not None and moment.utcoffset() == timedelta(0):
        return moment.astimezone(zone)
    return moment


def _zone(name: str) -> tzinfo:
    for candidate in (name.strip(), DEFAULT_TZ):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return timezone.utc


def _categories(prop: Any) -> list[str]:
    # One CATEGORIES line is a vCategory; several lines arrive as a list of them. Its .cats
    # keeps "Meeting\\, John" (an escaped comma) as one category.
    names: list[str] = []
    for item in prop if isinstance(prop, list) else [prop]:
        for cat in getattr(item, "cats", None) or ([item] if item is not None else []):
            names.append(str(cat).strip())
    return names


def _organizer(prop: Any) -> str | None:
    name = getattr(prop, "params", {}).get("CN") if prop is not None else None
    return _text(name)


def _stamp(prop: Any) -> str | None:
    value = _moment(prop)
    return value.isoformat() if value else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    result = str(value).strip()
    return result or None


def _one_line(problem: Any) -> str:
    return " ".join(str(problem).split())[:200]
