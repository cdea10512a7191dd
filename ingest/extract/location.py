"""Split a written US location into street address, city, state and ZIP."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.text import clean_text


@dataclass(frozen=True)
class Location:
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None


NOWHERE = Location()

STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "puerto rico": "PR", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
    "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}
STATE_CODES = frozenset(STATES.values())

_NAME_ALT = "|".join(sorted((re.escape(n) for n in STATES), key=len, reverse=True))
_CODE_ALT = "|".join(sorted(STATE_CODES))
# A code counts in capitals anywhere ("Hoover AL"), in any case only after a comma:
# "in", "or" and "me" are English words.
_STATE_AT_END = re.compile(
    rf"(?:,\s*(?P<any>{_CODE_ALT})|(?<![^\s,])(?P<upper>(?-i:{_CODE_ALT}))|(?<![^\s,])(?P<name>{_NAME_ALT}))"
    r"\.?\s*,?\s*$",
    re.IGNORECASE)
_ZIP_AT_END = re.compile(r"(?<![\d-])(?P<zip>\d{5})(?:-\d{4})?\s*\.?\s*$")
_ZIP_AFTER_STATE = re.compile(
    rf"(?:\b(?-i:{_CODE_ALT})\.?|\b(?:{_NAME_ALT}))\s*,?\s*(?P<zip>\d{{5}})(?:-\d{{4}})?(?![\d-])",
    re.IGNORECASE)
_COUNTRY = re.compile(r"[,\s]+(?:USA|U\.S\.A\.|US|U\.S\.|United\s+States(?:\s+of\s+America)?)\s*\.?$", re.IGNORECASE)
# "Remote", "Virtual", "Multiple locations": a place to read, but not a place.
_NOT_A_PLACE = re.compile(
    r"^(?:remote|virtual|online|anywhere|nationwide|statewide|tbd|tba|n/?a|various|multiple(?:\s+locations)?"
    r"|work\s+from\s+home|see\s+(?:description|below|listing))\b", re.IGNORECASE)
_STREET_NUMBER = re.compile(r"^\d+[A-Za-z]?(?:-\d+)?\s+\S")


def _is_city_name(part: str) -> bool:
    # Letters only: \w would let in superscripts and other numerals ("¹").
    return part[:1].isalpha() and all(c.isalpha() or c in ".' -" for c in part)


def find_zip(text: str) -> str | None:
    """Return a 5-digit ZIP written after a state or at the very end of text, else None."""
    if not isinstance(text, str):
        return None
    # Phone numbers ("205-555-1234") and street numbers ("1700 3rd Ave") never sit in
    # these two spots, so position alone tells a ZIP apart.
    m = _ZIP_AFTER_STATE.search(text) or _ZIP_AT_END.search(text)
    if m is None or m.group("zip") == "00000":
        return None
    return m.group("zip")


def _state_code(m: re.Match[str]) -> str:
    """Return the two-letter code for a _STATE_AT_END match."""
    if m.group("name"):
        return STATES[re.sub(r"\s+", " ", m.group("name").lower())]
    return (m.group("any") or m.group("upper")).upper()


def parse_location(text: str) -> Location:
    """Return the parts of a written location; all None for "Remote" or nothing."""
    if not isinstance(text, str):
        return NOWHERE
    s = clean_text(text.replace("\n", ", "))
    s = _COUNTRY.sub("", s).strip(" ,")
    if not s or _NOT_A_PLACE.match(s):
        return NOWHERE
    zip_code: str | None = None
    m = _ZIP_AT_END.search(s)
    if m:
        zip_code = None if m.group("zip") == "00000" else m.group("zip")
        s = s[:m.start()].strip(" ,")
    state: str | None = None
    m = _STATE_AT_END.search(s)
    if m:
        state = _state_code(m)
        s = s[:m.start()].strip(" ,")
    parts = [p.strip() for p in s.split(",") if p.strip()]
    street = next((i for i, p in enumerate(parts) if _STREET_NUMBER.match(p)), None)
    city: str | None = None
    if parts and _is_city_name(parts[-1]) and (street is None or street < len(parts) - 1):
        city = parts[-1]
        parts = parts[:-1]
    # "Southside, Birmingham": a neighbourhood is not an address; one needs a street number.
    address = ", ".join(parts[street:]) if street is not None and parts[street:] else None
    if city is None and address is None and state is None and zip_code is None:
        return NOWHERE
    return Location(address, city, state, zip_code)
