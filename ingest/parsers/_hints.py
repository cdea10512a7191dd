"""Hints a format gives the normalizer when an entry's own words say nothing."""
from __future__ import annotations

import re

from ingest.extract.classify import guess_kind


def kind_unless_stated(default: str, title: str, categories: tuple[str, ...]) -> str | None:
    """Return ``default`` as the kind only when the title and categories name no kind."""
    # A calendar of info sessions is mostly workshops, but an event titled "Summer
    # internship fair" is about internships: the entry's own words win over the format.
    # Descriptions are left out on purpose: "Volunteers help you write a resume" does not
    # make a resume lab a volunteer post.
    if guess_kind(title, "", categories):
        return None
    return default


# Employment-type codes (schema.org FULL_TIME, Ashby FullTime, Workable full_time…) as words.
_EMPLOYMENT_WORDS = {
    "fulltime": "Full-time", "parttime": "Part-time", "full": "Full-time", "part": "Part-time",
    "intern": "Internship", "internship": "Internship",
    "temporary": "Temporary", "temp": "Temporary", "seasonal": "Seasonal", "contract": "Contract",
    "contractor": "Contract", "volunteer": "Volunteer", "perdiem": "Per diem", "apprenticeship": "Apprenticeship",
}


def employment_words(value: str | None) -> str | None:
    """Return readable words for an employment-type code ("FULL_TIME" → "Full-time")."""
    if not value:
        return None
    key = re.sub(r"[^a-z]", "", value.lower())
    if key in _EMPLOYMENT_WORDS:
        return _EMPLOYMENT_WORDS[key]
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value).replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:].lower() if spaced else None


# Workplace-type codes (Lever "onsite", Ashby "OnSite", SmartRecruiters remote flags).
_WORKPLACE_WORDS = {"onsite": "on-site", "inoffice": "on-site", "remote": "remote", "hybrid": "hybrid",
                    "telecommute": "remote", "fullyremote": "remote"}


def workplace_words(value: object) -> str | None:
    """Return "remote", "hybrid" or "on-site" for a board's workplace code, else None."""
    if not isinstance(value, str):
        return None
    return _WORKPLACE_WORDS.get(re.sub(r"[^a-z]", "", value.lower()))


_NO_VALUE = frozenset({"n/a", "na", "none", "-", "null", "not applicable"})


def place_text(street: str | None = None, city: str | None = None, region: str | None = None,
               postal: str | None = None, country: str | None = None) -> str | None:
    """Join address parts into "Street, City, ST 35203"; None when all are empty."""
    # Drop parts that repeat an earlier one: USAJOBS writes "Birmingham, Alabama" as the
    # city and "Alabama" again as the region.
    kept: list[str] = []
    # USAJOBS writes "N/A" as the region of a duty station abroad ("Singapore").
    street, city, region, postal, country = (None if p and p.strip().lower() in _NO_VALUE else p
                                             for p in (street, city, region, postal, country))
    for part in (street, city, region):
        if part and not any(_mentions(k, part) for k in kept):
            kept.append(part)
    head = ", ".join(kept)
    if postal:
        head = f"{head} {postal}".strip()
    # The location reader drops a trailing "US"/"USA"; other countries stay readable.
    if country and not _mentions(head, country):
        head = f"{head}, {country}" if head else country
    return head or None


def _mentions(text: str, part: str) -> bool:
    """Tell whether text already holds part as whole words ("Dallas" does not hold "AL")."""
    return re.search(rf"(?<!\w){re.escape(part.strip())}(?!\w)", text, re.IGNORECASE) is not None
