"""A listing, a result page and the vocabularies as plain JSON values.

The API, the JSON Feed and the embed builder all use these shapes; field names are part
of API v1 (see tracker/openapi.py) and never change within it: add, never rename.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import nh3
import sqlalchemy as sa
from flask import current_app

from tracker import taxonomy
from tracker.filter_registry import BY_FACET, CHOICE_FILTERS, FILTERS
from tracker.extensions import db
from tracker.filters import age_summary, pay_summary
from tracker.listings import ResultPage
from tracker.models import Listing, Source
from tracker.open_data import external_url, listing_url_builder
from tracker.query import ListingQuery

# The vocabulary of each choice filter, in the order the search page lists it.
CHOICE_TERMS: dict[str, tuple[taxonomy.Term, ...]] = {f.field: f.terms for f in CHOICE_FILTERS}
# The values of each filter that offers a few fixed numbers, by its facet (miles for near).
NUMBER_CHOICES: dict[str, tuple[int, ...]] = {f.facet or f.field: f.options for f in FILTERS
                                              if not f.is_choice and f.options}
# The label of each kind (untranslated: the API speaks in slugs and their English labels).
KIND_LABELS: dict[str, str] = {term.slug: taxonomy.label(taxonomy.KINDS, term.slug) for term in taxonomy.KINDS}


def choice_slugs(field: str) -> list[str]:
    """Return the slugs a choice filter (a ListingQuery field) takes, in page order."""
    terms = CHOICE_TERMS.get(field)
    return [t.slug for t in terms] if terms is not None else sorted(ListingQuery.CHOICES[field])


def iso_date(value: date | None) -> str | None:
    """Return an ISO 8601 date, e.g. '2027-02-27'."""
    return value.isoformat() if value is not None else None


def iso_datetime(value: datetime | None) -> str | None:
    """Return an ISO 8601 UTC timestamp to the second, e.g. '2026-11-27T17:46:29Z'."""
    if value is None:
        return None
    if value.tzinfo is not timezone.utc:  # the database hands back UTC (models.UTCDateTime)
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def plain_text(html: str) -> str:
    """Return the text of sanitized HTML, paragraphs kept apart by blank lines."""
    spaced = html.replace("</p>", "</p>\n\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    text = nh3.clean(spaced, tags=set())
    # nh3 escapes what it keeps as text; undo the entities it wrote.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip().replace("\n\n\n", "\n\n")


# Built once: building the statement cost more than running it (Core, no ORM objects).
_SOURCE_NAMES = sa.select(Source.id, Source.name).where(Source.id.in_(sa.bindparam("ids", expanding=True)))


def listings_json(listings: Sequence[Listing], today: date) -> list[dict[str, Any]]:
    """Return listing_json() of each of ``listings``, the names of sources not loaded with them read in one query."""
    if not listings:
        return []
    names = _source_names(listings)
    records = ListingRecords(today)
    return [records.record(item, names.get(item.source_id)) for item in listings]


def _source_names(listings: Sequence[Listing]) -> dict[int, str]:
    # A page of results loads each listing with its source (listings.visible_listings).
    names: dict[int, str] = {}
    unread = set()
    for item in listings:
        if "source" in sa.inspect(item).unloaded:
            unread.add(item.source_id)
        elif item.source is not None:
            names[item.source_id] = item.source.name
    if unread:
        names.update(db.session.connection().execute(_SOURCE_NAMES, {"ids": list(unread)}).all())
    return names


def listing_json(listing: Listing, today: date) -> dict[str, Any]:
    """Return the API v1 representation of one listing."""
    return ListingRecords(today).record_naming_source(listing)


class ListingRecords:
    """Build listing_json() for the listings of one answer, working out what they share once.

    A page of 20 to 50 listings repeats the same URLs around each id, the currency, and a
    handful of age and pay summaries (each a few translated strings): those are found once
    per answer, and each column of a listing is read once (an ORM attribute read is not free).
    """

    def __init__(self, today: date) -> None:
        self.today = today
        self.page_url = listing_url_builder("pages.listing")
        self.api_url = listing_url_builder("api.listing")
        self.currency = current_app.config["SITE_CURRENCY"]
        self.age_summaries: dict[tuple[int | None, ...], str] = {}
        self.pay_summaries: dict[tuple[Any, ...], str] = {}

    def record_naming_source(self, listing: Listing) -> dict[str, Any]:
        """Return record() of ``listing``, its source's name read through the relationship (loaded already, or one query)."""
        return self.record(listing, listing.source.name if listing.source else None)

    def record(self, listing: Listing, source_name: str | None) -> dict[str, Any]:
        """Return the API v1 representation of ``listing``, whose source is named ``source_name``."""
        listing_id, kind = listing.id, listing.kind
        min_age, max_age, min_grade, max_grade = listing.min_age, listing.max_age, listing.min_grade, listing.max_grade
        ages = (min_age, max_age, min_grade, max_grade)
        age_words = self.age_summaries.get(ages)
        if age_words is None:
            age_words = self.age_summaries[ages] = age_summary(listing)
        pay_status, pay_min, pay_max, pay_period = listing.pay_status, listing.pay_min, listing.pay_max, listing.pay_period
        pay = (pay_status, pay_min, pay_max, pay_period)
        pay_words = self.pay_summaries.get(pay)
        if pay_words is None:
            pay_words = self.pay_summaries[pay] = pay_summary(listing)
        return {
            "id": listing_id,
            "url": self.page_url(listing_id),
            "api_url": self.api_url(listing_id),
            "title": listing.title,
            "organisation": listing.organisation,
            "description_html": listing.description or "",
            "kind": kind,
            "kind_label": KIND_LABELS.get(kind) or taxonomy.label(taxonomy.KINDS, kind),
            "pathways": list(listing.pathways or []),
            "status": listing.status,
            "open": listing.is_open(self.today),
            "eligibility": {
                "min_age": min_age, "max_age": max_age, "min_grade": min_grade, "max_grade": max_grade,
                "text": listing.eligibility_text, "summary": age_words,
            },
            "pay": {
                "status": pay_status, "min": _number(pay_min), "max": _number(pay_max),
                "period": pay_period, "currency": self.currency,
                "text": listing.pay_text, "summary": pay_words,
            },
            "schedule": {
                "hours_per_week": listing.hours_per_week, "text": listing.schedule_text,
                "season": listing.season, "start_date": iso_date(listing.start_date),
                "end_date": iso_date(listing.end_date),
            },
            "location": {
                "work_mode": listing.work_mode, "address": listing.address, "city": listing.city,
                "state": listing.state, "zip": listing.zip,
                "latitude": listing.latitude, "longitude": listing.longitude,
                "transport_provided": listing.transport_provided, "transport_note": listing.transport_note,
            },
            "deadline": iso_date(listing.deadline),
            "posted_at": iso_datetime(listing.posted_at),
            "first_seen_at": iso_datetime(listing.first_seen_at),
            "updated_at": iso_datetime(listing.updated_at),
            "closed_at": iso_datetime(listing.closed_at),
            "apply_url": listing.apply_url,
            "source": source_name,
            "duplicate_of": listing.duplicate_of_id,
        }


def facets_json(results: ResultPage) -> dict[str, list[dict[str, Any]]]:
    """Return the count of matches for each choice of each filter, by URL parameter.

    A filter's counts leave out its own choice (as on the search page), so they say how
    many results choosing that value would give.
    """
    facets: dict[str, list[dict[str, Any]]] = {}
    for field, counts in results.facets.items():
        param = ListingQuery.PARAMS.get(field, field)
        values: list[Any]
        if field in ListingQuery.CHOICES:
            values = choice_slugs(field)
        else:
            values = sorted(set(NUMBER_CHOICES.get(field, ())) | set(counts))
        facets[param] = [{"value": v, "label": facet_label(field, v), "count": int(counts.get(v, 0))} for v in values]
    return facets


def facet_label(field: str, value: Any) -> str:
    """Name one choice of a filter as the search page does."""
    if field in CHOICE_TERMS:
        return taxonomy.label(CHOICE_TERMS[field], value)
    if field == "miles":
        return f"within {value} miles"
    declared = BY_FACET.get(field)
    if declared is not None:
        try:
            given: dict[str, Any] = {declared.field: (value,) if declared.repeatable else value}
            return str(declared.words(replace(ListingQuery(), **given)))
        except (TypeError, ValueError):
            pass
    return str(value)


def pathway_json(pathway: taxonomy.Pathway, open_count: int) -> dict[str, Any]:
    """Return the API v1 representation of one career pathway."""
    return {
        "slug": pathway.slug, "label": pathway.label, "description": pathway.description,
        "district": pathway.district, "clusters": list(pathway.clusters), "open_count": open_count,
        "search_url": external_url("pages.search", pathway=pathway.slug),
        "api_url": external_url("api.listings", pathway=pathway.slug),
    }


def readings_json(query: ListingQuery, endpoint: str) -> list[dict[str, Any]]:
    """Return which words of ``q`` became which filters (tracker/reading.py), each with the URL that searches them instead."""
    return [{"words": reading.words, "parameter": ListingQuery.PARAMS[reading.field] if reading.field else None,
             "value": reading.value, "search_words_instead": external_url(endpoint, **query.unread(reading))}
            for reading in query.readings]


def query_json(query: ListingQuery) -> dict[str, Any]:
    """Return a query's filters and sort by URL parameter, every parameter present."""
    values: dict[str, Any] = {}
    for field, param in ListingQuery.PARAMS.items():
        if field == "page":
            continue
        value = getattr(query, field)
        values[param] = list(value) if isinstance(value, tuple) else int(value) if isinstance(value, bool) else value
    return values
