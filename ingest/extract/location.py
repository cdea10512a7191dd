"""Split a written US location into street address, city, state and ZIP."""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.text import clean_text


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

# Washington, D.C. in its spellings ("Washington DC", "District of Columbia, District of
# Columbia" as USAJOBS writes it): one city, Washington, in the district DC.
_DC = re.compile(r"^(?:washington,?\s*(?:d\.?\s?c\.?|district\s+of\s+columbia)|district\s+of\s+columbia"
                 r"(?:,\s*(?:district\s+of\s+columbia|d\.?\s?c\.?))?|washington,?\s*d\.?\s?c\.?,\s*"
                 r"district\s+of\s+columbia)$", re.IGNORECASE)
# Countries (names, and ISO codes that are not also US state codes) other than the US, written last in a place: they are kept
# out of the city. A city-state ("Singapore") stays a city.
COUNTRIES = frozenset({
    "canada", "mexico", "mx", "united kingdom", "uk", "u.k.", "gb", "great britain", "england", "scotland",
    "wales", "northern ireland", "ireland", "ie", "france", "fr", "germany", "deutschland", "spain", "es",
    "portugal", "pt", "italy", "it", "netherlands", "the netherlands", "nl", "belgium", "be", "switzerland", "ch",
    "austria", "at", "sweden", "se", "norway", "no", "denmark", "dk", "finland", "fi", "poland", "pl", "india",
    "china", "cn", "japan", "jp", "south korea", "korea", "kr", "australia", "au", "new zealand", "nz", "brazil",
    "br", "argentina", "colombia", "chile", "peru", "philippines", "ph", "israel", "united arab emirates",
    "uae", "south africa", "nigeria", "kenya", "egypt", "turkey", "greece", "czech republic", "czechia",
    "romania", "hungary", "ukraine", "suriname",
})
# Regions larger than a city, alone or before a country: provinces, nations, continents.
REGIONS = frozenset({
    "ontario", "on", "quebec", "québec", "qc", "british columbia", "bc", "alberta", "ab", "manitoba", "mb",
    "saskatchewan", "sk", "nova scotia", "ns", "new brunswick", "nb", "newfoundland and labrador", "nl",
    "prince edward island", "pe", "england", "scotland", "wales", "northern ireland", "île-de-france",
    "ile-de-france", "bavaria", "catalonia", "karnataka", "maharashtra", "new south wales", "victoria",
    "americas", "north america", "latin america", "europe", "emea", "apac", "asia", "asia pacific", "africa",
    "middle east", "global", "worldwide", "international",
})
# A place counted in a county, parish or borough names no city.
_COUNTY = re.compile(r"\b(?:county|parish|borough)$", re.IGNORECASE)
# "SF and San Diego": two cities in one part name no single city.
_TWO_CITIES = re.compile(r"\s(?:and|&)\s")


def _is_city_name(part: str) -> bool:
    # Letters only: \w would let in superscripts and other numerals ("¹").
    return part[:1].isalpha() and all(c.isalpha() or c in ".' -" for c in part)


def _is_country_or_region(text: str) -> bool:
    """Tell whether a place is only a country or a region ("Canada", "Île-de-France", "USA")."""
    key = text.strip(" .").casefold()
    return key in COUNTRIES or key in REGIONS or key in ("usa", "us", "u.s.", "u.s.a", "united states",
                                                         "united states of america")


def _foreign_place(text: str) -> Location | None:
    """Return the place outside the US that text names with its country last, else None."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 2 or parts[-1].strip(" .").casefold() not in COUNTRIES:
        return None
    # "Toronto, Ontario, Canada", "London, England, United Kingdom": the city comes first,
    # before any region; no US state is set for a place outside the US.
    kept = [p for p in parts[:-1] if p.casefold() not in REGIONS]
    city = kept[0] if kept and _is_city_name(kept[0]) else None
    return Location(None, city, None, None) if city else NOWHERE


# Several places in one field: "Birmingham, AL; Huntsville, AL; Remote", "New York, NY or
# Washington, DC", "Chicago, IL | Austin, TX".
# "or" counts in lower case only: "Portland, OR" is Oregon.
_PLACE_SEPARATOR = re.compile(r"\s*(?:;|\||\s/\s)\s*|\s+or\s+")
# "Remote", "Remote - Alabama", "Remote, USA", "Remote-India (PEO)", "Atlanta, GA (Remote)".
_REMOTE_WORD = r"(?:remote|work\s+from\s+home|anywhere|virtual)"
_REMOTE_PART = re.compile(rf"^\s*{_REMOTE_WORD}\b\s*(?:[-,:–]\s*(?P<rest>.*))?$", re.IGNORECASE)
_REMOTE_NOTE = re.compile(rf"\s*\(\s*(?:fully\s+|100%\s+)?{_REMOTE_WORD}[^)]*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Places:
    """What a location field says: its first place, and whether remote work is one of the options."""

    first: Location
    remote: bool


def read_places(text: str | None) -> Places:
    """Return the first place a location field names and whether it offers remote work."""
    if not isinstance(text, str) or not text.strip():
        return Places(NOWHERE, False)
    remote = False
    first = NOWHERE
    for part in _PLACE_SEPARATOR.split(text):
        if _REMOTE_NOTE.search(part):
            remote, part = True, _REMOTE_NOTE.sub("", part)
        m = _REMOTE_PART.match(part)
        if m:
            remote, part = True, re.sub(r"\(.*?\)", "", m.group("rest") or "")
        place = parse_location(part)
        if first == NOWHERE and place != NOWHERE:
            first = place
    return Places(first, remote)


def find_zip_near(text: str, city: str, state: str | None) -> str | None:
    """Return the ZIP written after this city (and state) in text, as in a street address."""
    if not isinstance(text, str) or not city:
        return None
    names = [re.escape(state)] if state else []
    names += [re.escape(name) for name, code in STATES.items() if code == state]
    where = rf",?\s+(?:{'|'.join(names)})\.?" if names else ""
    m = re.search(rf"\b{re.escape(city)}{where},?\s+(\d{{5}})(?:-\d{{4}})?(?![\d-])", text, re.IGNORECASE)
    return m.group(1) if m and m.group(1) != "00000" else None


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
    if not s or _NOT_A_PLACE.match(s) or _is_country_or_region(s):
        return NOWHERE
    if _DC.match(s):
        return Location(None, "Washington", "DC", None)
    foreign = _foreign_place(s)
    if foreign is not None:
        return foreign
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
    if city is not None and state == "DC" and _DC.match(f"washington, {city}") or (
            city is not None and _DC.match(city)):
        city = "Washington"  # "Washington DC, District of Columbia"; "District of Columbia, DC"
    if city is not None and (_COUNTY.search(city) or _TWO_CITIES.search(city)):
        city = None
    # "Southside, Birmingham": a neighbourhood is not an address; one needs a street number.
    address = ", ".join(parts[street:]) if street is not None and parts[street:] else None
    if city is None and address is None and state is None and zip_code is None:
        return NOWHERE
    return Location(address, city, state, zip_code)
