"""Plain, frozen records passed between the ingest stages.

A parser turns bytes into ``RawEntry`` values: what the source said, as text, untouched.
The normalizer turns each into a ``NormalizedListing``: typed values in the site's
vocabulary, plus the source text each value was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Mapping


@dataclass(frozen=True)
class RawEntry:
    """One item as a source published it."""

    title: str
    external_id: str | None = None
    url: str | None = None
    description_html: str = ""
    organisation: str | None = None
    published: str | None = None
    updated: str | None = None
    categories: tuple[str, ...] = ()
    location_text: str | None = None
    # Format-specific values with a known meaning, keyed by Listing field names
    # ("deadline", "min_age", "max_age", "grades", "pay", "work_mode", "kind", "pathways",
    # "address", "city", "state", "zip", "start_date", "end_date", "hours_per_week",
    # "schedule", "transport", "eligibility", "latitude", "longitude"): still raw text for
    # the normalizer.
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceDefaults:
    """Values a source's configuration supplies when its entries leave them out."""

    organisation: str | None = None
    kind: str | None = None
    pathways: tuple[str, ...] = ()
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    # Demo sources are written around a fixed day; their dates move by (today - anchor)
    # so the bundled demo never looks stale.
    rebase_dates_from: date | None = None


@dataclass(frozen=True)
class NormalizedListing:
    """A listing in the site's own terms, ready to store."""

    external_id: str
    title: str
    organisation: str
    description: str  # sanitized HTML
    kind: str
    pathways: tuple[str, ...]
    apply_url: str | None
    min_age: int | None = None
    max_age: int | None = None
    min_grade: int | None = None
    max_grade: int | None = None
    eligibility_text: str | None = None
    pay_status: str = "unknown"
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    pay_period: str | None = None
    pay_text: str | None = None
    hours_per_week: int | None = None
    schedule_text: str | None = None
    season: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    # True when the source gave the coordinates; False when they are its ZIP code's centre.
    place_exact: bool = False
    work_mode: str | None = None
    transport_provided: bool | None = None
    transport_note: str | None = None
    deadline: date | None = None
    posted_at: datetime | None = None
    # Same opportunity in another source: normalized title, organisation and place.
    fingerprint: str | None = None
    content_hash: str = ""
    # The same role posted again in this source under other ids: their ids and links.
    # Shown by `ingest check`; not stored (the listing keeps its own id and apply link).
    merged_ids: tuple[str, ...] = ()
    alternate_urls: tuple[str, ...] = ()
