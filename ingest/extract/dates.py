"""Parse timestamps and calendar dates, and find deadlines and date ranges in prose."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

from ingest.extract._prefilter import Prefiltered

MIN_YEAR, MAX_YEAR = 1990, 2100
DEFAULT_TZ = "America/Chicago"

# Feeds from US ATSs write zone abbreviations; dateutil only knows UTC/GMT by itself
# and otherwise guesses from the machine's own zone, which would make parsing impure.
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+"
_ORD = r"(?:st|nd|rd|th)?"
# Shaped like a date at all: bare numbers ("2026", "16") are not dates.
_DATE_SHAPE = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,2}|" + MONTH, re.IGNORECASE)


def date_pattern(p: str) -> str:
    """Return a regex for one written date, its groups prefixed with p."""
    return (
        rf"(?:(?P<{p}iy>\d{{4}})-(?P<{p}im>\d{{1,2}})-(?P<{p}id>\d{{1,2}})(?![\d-])"
        rf"|(?P<{p}um>\d{{1,2}})(?P<{p}us>[/-])(?P<{p}ud>\d{{1,2}})(?P={p}us)(?P<{p}uy>\d{{4}}|\d{{2}})(?![\d/-])"
        rf"|(?P<{p}mm>{MONTH})\s*(?P<{p}md>\d{{1,2}}){_ORD}(?!\d)(?:,?\s*(?P<{p}my>\d{{4}})(?!\d))?"
        rf"|(?P<{p}dd>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<{p}dm>{MONTH}),?\s+(?P<{p}dy>\d{{4}})(?!\d))"
    )


def _year(text: str | None) -> int | None:
    """Return a four-digit year from a written one or two digits."""
    if not text:
        return None
    return int(text) + 2000 if len(text) == 2 else int(text)


def date_parts(m: re.Match[str], p: str) -> tuple[int | None, int, int] | None:
    """Return (year or None, month, day) for a date_pattern match."""
    g = m.groupdict()
    if g.get(p + "iy"):
        return int(g[p + "iy"]), int(g[p + "im"]), int(g[p + "id"])
    if g.get(p + "um"):
        return _year(g[p + "uy"]), int(g[p + "um"]), int(g[p + "ud"])
    if g.get(p + "mm"):
        return _year(g[p + "my"]), _MONTHS[g[p + "mm"][:3].lower()], int(g[p + "md"])
    if g.get(p + "dm"):
        return _year(g[p + "dy"]), _MONTHS[g[p + "dm"][:3].lower()], int(g[p + "dd"])
    return None


def make_date(year: int | None, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist or the year is absurd."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # "February 30"
        return None


def _zone(name: str) -> tzinfo:
    """Return the named zone, or UTC when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return timezone.utc


def _tzinfos(name: str | None, offset: int | None) -> tzinfo | None:
    """Resolve a zone name or offset dateutil found, without consulting the machine."""
    if name and name.upper() in _ZONE_HOURS:
        return timezone(timedelta(hours=_ZONE_HOURS[name.upper()]))
    if offset is not None and abs(offset) < 86400:
        return timezone(timedelta(seconds=offset))
    return None


def _from_epoch(digits: str) -> datetime | None:
    """Return a UTC datetime for epoch seconds (9-10 digits) or milliseconds (12-13)."""
    if len(digits) in (9, 10):
        seconds = int(digits)
    elif len(digits) in (12, 13):
        seconds = int(digits) // 1000
    else:
        return None
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    return moment if MIN_YEAR <= moment.year <= MAX_YEAR else None


def _compact_iso(text: str) -> str:
    """Spell an eight-digit "20261201" as "2026-12-01"; leave anything else alone."""
    if len(text) == 8 and text.isascii() and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


# The two shapes feeds use most: ISO 8601 (Atom, JSON APIs) and RFC 822 (RSS). For
# exactly these spellings dateutil's answer is known, so they skip its tokenizer;
# anything else, or any value datetime() rejects, goes to dateutil as before.
_ISO_STAMP = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"(?P<tz>Z|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))?)?", re.ASCII)
_RFC_STAMP = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?P<d>\d{1,2}) (?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" (?P<y>\d{4}) (?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r" (?P<tz>GMT|UTC?|(?P<sign>[+-])(?P<oh>\d{2})(?P<om>\d{2}))", re.ASCII)


def _parse_stamp(value: str) -> datetime | None:
    """Return what dateutil makes of an ISO 8601 or RFC 822 timestamp, or None for other text."""
    m = _ISO_STAMP.fullmatch(value) or _RFC_STAMP.fullmatch(value)
    if m is None:
        return None
    g = m.groupdict()
    month = int(g["mo"]) if g.get("mo") else _MONTHS[g["mon"].lower()]
    zone: tzinfo | None = None
    if g["tz"]:
        # What _tzinfos gives dateutil for "Z"/"GMT"/"UT"/"UTC" (offset 0) or "+hh:mm".
        offset = timedelta(hours=int(g["oh"]), minutes=int(g["om"])) if g["sign"] else timedelta(0)
        if abs(offset) >= timedelta(days=1):
            return None  # _tzinfos would decline it; let dateutil decide
        zone = timezone(-offset if g["sign"] == "-" else offset)
    try:
        return datetime(int(g["y"]), month, int(g["d"]), int(g["h"] or 0), int(g["mi"] or 0), int(g["s"] or 0),
                        int((g.get("f") or "").ljust(6, "0")), tzinfo=zone)
    except ValueError:  # "2026-02-30", "25:00": dateutil's own answer stands
        return None


# Malformed stamps seen in feeds, each with one unambiguous reading: a Java zone id after the
# offset ("…-06:00[America/Chicago]"), Go's "+0000 UTC", a US zone word after a local time
# ("5:00 PM Central"), and day-first dates whose first number cannot be a month ("31/01/2027").
_REPAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[[A-Za-z_]+(?:/[A-Za-z_+\-]+)*\]$"), ""),
    (re.compile(r"([+-]\d{2}:?\d{2})\s+(?:UTC|GMT|[A-Z]{3,4})$"), r"\1"),
    (re.compile(r"\s+(?:central|eastern|mountain|pacific)(?:\s+(?:standard|daylight))?(?:\s+time)?$", re.IGNORECASE), ""),
    (re.compile(r"^(1[3-9]|2\d|3[01])[/.](0?[1-9]|1[0-2])[/.](\d{4})\b"), r"\3-\2-\1"),
)


def _repaired(value: str) -> str:
    """Return value with each known malformation undone; unchanged when none applies."""
    for pattern, replacement in _REPAIRS:
        value = pattern.sub(replacement, value).strip()
    return value


def _parse_written(value: str) -> datetime | None:
    """Return the datetime exactly as written: naive, or aware with its own offset."""
    parsed = _parse_as_written(value)
    if parsed is None and (repaired := _repaired(value)) != value:
        parsed = _parse_as_written(repaired)
    return parsed


def _parse_as_written(value: str) -> datetime | None:
    if len(value) > 200 or not _DATE_SHAPE.search(value):
        return None
    stamp = _parse_stamp(value)
    if stamp is not None:
        return stamp if MIN_YEAR <= stamp.year <= MAX_YEAR else None
    try:
        # default year 1 makes a yearless "Dec 1" fail the year check instead of
        # silently taking this year from the clock.
        parsed = dateutil_parser.parse(value, default=datetime(1, 1, 1), tzinfos=_tzinfos)
    except Exception:  # dateutil raises ParserError, OverflowError, ValueError, TypeError...
        return None
    return parsed if MIN_YEAR <= parsed.year <= MAX_YEAR else None


def parse_datetime(value: str | None, default_tz: str = DEFAULT_TZ) -> datetime | None:
    """Return a UTC datetime for a timestamp in any common format, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) != 8:
        return _from_epoch(text)
    parsed = _parse_written(_compact_iso(text))
    if parsed is None:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=_zone(default_tz))
    result = parsed.astimezone(timezone.utc)
    return result if MIN_YEAR <= result.year <= MAX_YEAR else None


def parse_date(value: str | None) -> date | None:
    """Return the calendar date as written ("2026-12-15" is Dec 15 in any zone), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) != 8:
        moment = _from_epoch(text)
        # An epoch is an instant; the site's calendar is Birmingham's.
        return moment.astimezone(_zone(DEFAULT_TZ)).date() if moment else None
    parsed = _parse_written(_compact_iso(text))
    return parsed.date() if parsed else None


_DEADLINE_KEY = (
    r"(?:apply\s+(?:by|before|no\s+later\s+than)"
    r"|applications?\s+(?:are\s+|is\s+|must\s+be\s+(?:received|submitted)\s+)?"
    r"(?:due|close[sd]?|accepted\s+(?:until|through|thru))"
    r"|(?:application|registration|submission|enrollment)\s+deadline|deadline(?:\s+to\s+(?:apply|register))?"
    r"|closes|closing\s+date|register\s+by|registration\s+(?:closes|ends)"
    r"|submit(?:\s+(?:your|an|the|all))?\s+(?:applications?|materials)\s+by|due\s+(?:by|on)"
    r"|(?:accepting|accept)\s+applications\s+(?:until|through|thru)|open\s+until)"
)
# Between the keyword and the date only glue words may appear, so "Program closes with a
# ceremony on June 7" is not a deadline.
_GAP = r"[\s:,\-\u2013\u2014]*(?:(?:is|are|on|by|before|until|through|of|will\s+be)\b[\s:,]*)*"
# Prefiltered (here and _RANGE): tried only where a keyword, month or digit starts,
# the only places a match can start (see _prefilter); the matches are the pattern's own.
_DEADLINE = Prefiltered(re.compile(
    rf"\b{_DEADLINE_KEY}\b{_GAP}(?:{WEEKDAY})?{date_pattern('a')}", re.IGNORECASE))


def _resolve_year(year: int | None, month: int, day: int, reference: date | None) -> date | None:
    """Return the date, taking a missing year from reference (within 90 days before it, or later)."""
    if year is not None or reference is None:
        return make_date(year, month, day)
    found = make_date(reference.year, month, day)
    if found is not None and found < reference - timedelta(days=90):
        found = make_date(reference.year + 1, month, day)
    return found


def find_deadline(text: str, reference: date | None = None) -> tuple[date, str] | None:
    """Return an application deadline in text and the phrase it came from, or None.

    A date without a year counts only when reference (the day the listing was read) is given.
    """
    if not isinstance(text, str):
        return None
    for m in _DEADLINE.finditer(text):
        parts = date_parts(m, "a")
        found = _resolve_year(*parts, reference) if parts else None
        if found is not None:
            end = m.end() + 1 if text[m.end():m.end() + 1] == "." else m.end()
            return found, text[m.start():end]
    return None


_SEP = r"\s*(?:-|\u2013|\u2014|to|through|thru|until|till|and)\s*"
_RANGE = Prefiltered(re.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\w/-]){date_pattern('a')}{_SEP}{date_pattern('b')}"
    # "June 7–30, 2027": one month, two days.
    rf"|(?:\b(?:from|between)\s+)?\b(?P<sm>{MONTH})\s*(?P<sd>\d{{1,2}}){_ORD}{_SEP}"
    rf"(?P<ed>\d{{1,2}}){_ORD}(?!\d)(?:,?\s*(?P<sy>\d{{4}})(?!\d))?",
    re.IGNORECASE))


def _range_from(m: re.Match[str]) -> tuple[date, date] | None:
    """Return (start, end) for a _RANGE match, sharing the one written year."""
    if m.group("sm"):
        month = _MONTHS[m.group("sm")[:3].lower()]
        year = _year(m.group("sy"))
        start, end = make_date(year, month, int(m.group("sd"))), make_date(year, month, int(m.group("ed")))
    else:
        a, b = date_parts(m, "a"), date_parts(m, "b")
        if a is None or b is None:
            return None
        (ay, am, ad), (by, bm, bd) = a, b
        # "Dec 28 – Jan 3, 2027" starts the year before the end's year.
        ay = ay if ay is not None else (by - 1 if by is not None and (am, ad) > (bm, bd) else by)
        by = by if by is not None else (ay + 1 if ay is not None and (am, ad) > (bm, bd) else ay)
        start, end = make_date(ay, am, ad), make_date(by, bm, bd)
    if start is None or end is None or start > end:
        return None
    return start, end


def find_date_range(text: str) -> tuple[date, date, str] | None:
    """Return the first (start, end, phrase) date range written in text, or None."""
    if not isinstance(text, str):
        return None
    for m in _RANGE.finditer(text):
        found = _range_from(m)
        if found is not None:
            return found[0], found[1], m.group(0).strip()
    return None
