"""Tell a calendar of opportunities from a class timetable or a calendar of community events.

A school's timetable (.ics) read as listings gave hundreds of "workshops" that were class
periods; a neighbourhood calendar gave meetings and festivals. Neither is an opportunity:
a timetable is refused outright, and a calendar whose events offer no way to apply or
register is refused unless its source says it is meant as events (kind = "workshop").
"""
from __future__ import annotations

import re
from typing import Any, Sequence

# Class periods: "Period 3 - Chemistry", "Block B", "Lecture", "Homeroom"; rooms as places.
_CLASS_TITLE = re.compile(r"\b(?:period|block|class|lecture|lab|homeroom|tutorial|recitation)\b|\b[A-Z]{2,4}\s?\d{3}\b",
                          re.IGNORECASE)
_CLASS_CATEGORY = re.compile(r"^(?:class(?:es)?|lectures?|courses?|school|timetable|schedule)$", re.IGNORECASE)
_ROOM = re.compile(r"^\s*(?:room|rm\.?|lab|gym|gymnasium|library|cafeteria|hall|portable)\b", re.IGNORECASE)
_TIMETABLE_NAME = re.compile(r"\btime\s?table\b|\bclass\s+schedule\b|\bbell\s+schedule\b|\bcourse\s+schedule\b",
                             re.IGNORECASE)
# What an opportunity's event offers: a way in. Career words say an event is about work.
_WAY_IN = re.compile(r"\b(?:apply|applications?|applicants?|register|registration|sign[- ]?up|rsvp|enrol+(?:ment)?"
                     r"|tickets?|reserve\s+(?:a|your)\s+(?:seat|spot)|hiring|interview)\b", re.IGNORECASE)
_CAREER = re.compile(r"\b(?:career|jobs?|internships?|apprentice\w*|resume|workforce|employ\w*|hiring|training"
                     r"|workshop|job\s+fair|college|scholarship|mentor\w*)\b", re.IGNORECASE)


def _text(event: Any, name: str) -> str:
    value = event.get(name)
    return "" if value is None else str(value)


def _categories(event: Any) -> list[str]:
    prop = event.get("CATEGORIES")
    names: list[str] = []
    for item in prop if isinstance(prop, list) else [prop]:
        names += [str(c).strip() for c in (getattr(item, "cats", None) or ([item] if item is not None else []))]
    return names


def _weekly(event: Any) -> bool:
    rule = event.get("RRULE")
    if rule is None:
        return False
    freq = [str(f).upper() for f in (rule.get("FREQ") or [])]
    return "WEEKLY" in freq or ("DAILY" in freq and bool(rule.get("BYDAY")))


def _is_class(event: Any) -> bool:
    return (_CLASS_TITLE.search(_text(event, "SUMMARY")) is not None
            or any(_CLASS_CATEGORY.match(c) for c in _categories(event))
            or _ROOM.match(_text(event, "LOCATION")) is not None)


def timetable_reason(calendar_names: Sequence[str], events: Sequence[Any]) -> str | None:
    """Return why a calendar is a class timetable, or None when it is not one."""
    if not events:
        return None
    classes = sum(1 for e in events if _weekly(e) and _is_class(e))
    named = any(_TIMETABLE_NAME.search(name) for name in calendar_names)
    if classes * 2 > len(events) or (named and classes):
        return (f"this calendar is a class timetable ({classes} of {len(events)} events are weekly class periods), "
                "not a list of opportunities")
    return None


def no_way_in_reason(events: Sequence[Any]) -> str | None:
    """Return why a calendar's events are not opportunities, or None when some offer a way in."""
    if not events:
        return None
    for event in events:
        words = " ".join([_text(event, "SUMMARY"), _text(event, "DESCRIPTION"), " ".join(_categories(event))])
        if event.get("URL") is not None or _WAY_IN.search(words) or _CAREER.search(words):
            return None
    count = "its one event offers" if len(events) == 1 else f"its {len(events)} events offer"
    return (f"this calendar is not a list of opportunities: {count} no way to apply or register and name no "
            "career activity; if the source is meant as events, set kind = \"workshop\" for it")
