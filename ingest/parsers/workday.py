"""Workday's public job-list JSON (``POST …/wday/cxs/{tenant}/{site}/jobs``): ``{"total", "jobPostings": [...]}``."""
from __future__ import annotations

import re
from typing import Any

from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, workplace_words
from ingest.parsers._json import board_entries, load_json, require_list, text, texts
from ingest.records import RawEntry

# "2 Locations", "3 locations": a count of places, not a place.
_PLACE_COUNT = re.compile(r"^\s*\d+\s+locations?\s*$", re.IGNORECASE)


def parse_workday(content: bytes) -> ParseResult:
    """Parse a Workday CXS job list."""
    postings = require_list(load_json(content), "jobPostings", "a Workday job list")
    result = board_entries(postings, _entry)
    # Workday lists each job by a path on the careers site ("/job/…"), not an address; the
    # site's host is not in the answer, so no apply link is made up from it.
    note = "Workday gives each job's path on its careers site, not a link; the listings have no apply link"
    return ParseResult(result.entries, result.warnings + ((note,) if result.entries else ()))


def _entry(posting: dict[str, Any]) -> RawEntry:
    fields: dict[str, str] = {}
    remote = text(posting.get("remoteType"))
    if mode := workplace_words(remote):
        fields["work_mode"] = mode  # "Hybrid", "On-site", "Fully Remote"
    schedule = employment_words(text(posting.get("timeType")))
    if schedule:
        fields["schedule"] = schedule
    place = text(posting.get("locationsText"))
    bullets = texts(posting.get("bulletFields") or [])
    return RawEntry(
        title=str(text(posting.get("title"))),
        external_id=text(posting.get("externalPath")) or (bullets[0] if bullets else None),
        url=None,
        # "Posted 3 Days Ago" counts from a day the answer does not give: no posted date.
        categories=texts([schedule]),
        location_text=None if place is None or _PLACE_COUNT.match(place) else place,
        fields=fields,
    )
