"""A Listing as the index stores it: one plain dict, and the encodings of its values.

No Whoosh here: these are the values any search backend indexes, and the masks read.
"""
from __future__ import annotations

import html as html_lib
import re
from datetime import date
from typing import Any

from tracker import taxonomy
from tracker.models import Listing

# How many times each part is written into "content": repetition is the field weight.
# One field instead of four makes every word one posting list to read, not four: the
# multi-field matchers were most of a query's cost.
TITLE_WEIGHT, ORGANISATION_WEIGHT, TAGS_WEIGHT = 3, 2, 2
# Unstated ages are indexed as the widest range, so "I am 16" keeps listings that say nothing.
AGE_FLOOR, AGE_CEILING = 0, 99
# Listings with no deadline sort after every dated one.
NO_DEADLINE = date.max.toordinal()
# Listings with no known place (remote, or no ZIP) sit far outside any search circle.
NO_PLACE = 999.0
COORDINATE_SCALE = 100_000
PERIOD_HOURS = {"hour": 1.0, "week": 40.0, "month": 173.33, "year": 2080.0}
NOT_STATED = -1


def hourly_cents(listing: Listing) -> int:
    """Return the best hourly pay a listing states, in cents; 0 unpaid; NOT_STATED when unknown or a stipend."""
    if listing.pay_status == taxonomy.UNPAID:
        return 0
    amount = listing.pay_max if listing.pay_max is not None else listing.pay_min
    hours = PERIOD_HOURS.get(listing.pay_period or "")
    if listing.pay_status != taxonomy.PAID or amount is None or hours is None:
        return NOT_STATED  # a stipend for a whole program is not an hourly rate
    return round(float(amount) * 100 / hours)


def scaled(degrees: float | None) -> int:
    """Return degrees as the whole number the index stores (NO_PLACE when unknown)."""
    return round((degrees if degrees is not None else NO_PLACE) * COORDINATE_SCALE)


def document_for(listing: Listing) -> dict[str, Any]:
    """Return the index document for one listing."""
    kind_label = taxonomy.label(taxonomy.KINDS, listing.kind)
    pathway_labels = [taxonomy.label(taxonomy.PATHWAYS, p) for p in listing.pathways or []]
    description = strip_tags(listing.description)
    age_stated = listing.min_age is not None or listing.max_age is not None
    grade_stated = listing.min_grade is not None or listing.max_grade is not None
    return {
        "id": str(listing.id),
        "listing_id": listing.id,
        "content": "\n".join([listing.title] * TITLE_WEIGHT + [listing.organisation] * ORGANISATION_WEIGHT
                              + [" ".join([kind_label] + pathway_labels)] * TAGS_WEIGHT + [description]),
        "kind": listing.kind.encode(),
        "pathway": ",".join(listing.pathways or []),
        "pay": listing.pay_status.encode(),
        "work_mode": (listing.work_mode or "unknown").encode(),
        "season": (listing.season or "none").replace(" ", "-").encode(),
        "age_stated": int(age_stated),
        "grade_stated": int(grade_stated),
        "bus": int(bool(listing.transit_routes)),
        "transport": int(bool(listing.transport_provided)),
        "min_age": listing.min_age if listing.min_age is not None else AGE_FLOOR,
        "max_age": listing.max_age if listing.max_age is not None else AGE_CEILING,
        "min_grade": listing.min_grade if listing.min_grade is not None else AGE_FLOOR,
        "max_grade": listing.max_grade if listing.max_grade is not None else AGE_CEILING,
        "hourly": hourly_cents(listing),
        "hours": listing.hours_per_week if listing.hours_per_week is not None else NOT_STATED,
        "deadline": listing.deadline.toordinal() if listing.deadline else NO_DEADLINE,
        "posted": int((listing.posted_at or listing.first_seen_at).timestamp()),
        "lat": scaled(listing.latitude),
        "lon": scaled(listing.longitude),
        "version": listing.index_version,
    }


def strip_tags(html: str) -> str:
    """Return sanitized HTML's text: tags only need to stay out of the terms."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html or ""))
