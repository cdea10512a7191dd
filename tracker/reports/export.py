"""Whole-period open data: every listing the public could see during a period, as CSV or
JSON, and its programs in an HSDS-style shape.

"Could see" is the one visibility rule: a published listing that is not another source's
copy (``Listing.published()``), first seen by the end of the period and not closed before
it began. The licence is stated in every file.
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, Iterator

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing
from tracker.open_data import listing_url
from tracker.reports.period import Period
from tracker.reports.tables import safe_cell
from tracker.serialize import ListingRecords, iso_date, iso_datetime

LICENSE = {
    "name": "Open Data Commons Attribution License (ODC-By) 1.0",
    "url": "https://opendatacommons.org/licenses/by/1-0/",
    "attribution": "Birmingham Career Pathways",
    "note": "Titles and descriptions are the organisations' own words, published here as they gave them.",
}
CSV_COLUMNS = (
    ("id", "The tracker's number for the listing."), ("url", "Its page on the tracker."),
    ("title", "As the source gives it."), ("organisation", "Who offers it."), ("kind", "Kind of opportunity (slug)."),
    ("pathways", "Career pathways (slugs), separated by ';'."), ("status", "active, expired or removed (today)."),
    ("min_age", "Youngest age it states (empty: not stated)."), ("max_age", "Oldest age it states."),
    ("min_grade", "Lowest school grade it states."), ("max_grade", "Highest school grade it states."),
    ("pay_status", "paid, unpaid or unknown."), ("pay_min", "Lowest pay stated."), ("pay_max", "Highest pay stated."),
    ("pay_period", "hour, week, month, year or total."), ("work_mode", "onsite, remote or hybrid (empty: not stated)."),
    ("city", "City."), ("state", "State."), ("zip", "ZIP code."),
    ("transport_provided", "true, false or empty (not stated)."), ("deadline", "Last day to apply (YYYY-MM-DD)."),
    ("first_seen", "First day the tracker saw it."), ("closed", "Day it closed (empty: open)."),
    ("source", "The feed or partner file it came from."), ("apply_url", "Where to apply."),
)


def period_listings(period: Period) -> Iterator[Listing]:
    """Yield, by id, every listing the public could see at some time during the period."""
    start, end = period.bounds(current_app.config["SITE_TIMEZONE"])
    query = (sa.select(Listing).options(selectinload(Listing.source))
             .where(Listing.published(), Listing.duplicate_of_id.is_(None), Listing.first_seen_at <= end,
                    sa.or_(Listing.closed_at.is_(None), Listing.closed_at >= start))
             .order_by(Listing.id).execution_options(yield_per=500))
    yield from db.session.scalars(query)


def listings_csv(period: Period) -> Iterator[str]:
    """Yield the period's listings as CSV text, a header first, a chunk at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for n, listing in enumerate(period_listings(period)):
        writer.writerow(_csv_row(listing))
        if n % 200 == 199:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def listings_json(period: Period) -> dict[str, Any]:
    """Return the period's listings in the API's representation, with the licence."""
    records = ListingRecords(site_today())
    return {"period": period.args(), "license": LICENSE,
            "listings": [records.record_naming_source(listing) for listing in period_listings(period)]}


def programs_hsds(period: Period) -> dict[str, Any]:
    """Return the period's listings as HSDS 3.0-style organizations, services and locations."""
    organizations: dict[str, dict[str, Any]] = {}
    services, locations = [], []
    for listing in period_listings(period):
        org_id = f"org-{_slug(listing.organisation)}"
        organizations.setdefault(org_id, {"id": org_id, "name": listing.organisation, "description": None})
        service = {
            "id": f"svc-{listing.id}", "organization_id": org_id, "name": listing.title,
            "url": listing_url("pages.listing", listing.id), "application_process": listing.apply_url,
            "status": "active" if listing.status == Listing.ACTIVE else "inactive",
            "eligibility": {"minimum_age": listing.min_age, "maximum_age": listing.max_age,
                            "description": listing.eligibility_text},
            "attributes": [{"taxonomy": "birmingham-career-pathways/kind", "value": listing.kind},
                           *({"taxonomy": "birmingham-career-pathways/pathway", "value": p} for p in listing.pathways or ())],
            "last_modified": iso_datetime(listing.updated_at),
        }
        services.append(service)
        if listing.zip or listing.city:
            locations.append({"id": f"loc-{listing.id}", "organization_id": org_id, "service_ids": [service["id"]],
                              "location_type": "virtual" if listing.work_mode == "remote" else "physical",
                              "addresses": [{"address_1": listing.address, "city": listing.city,
                                             "state_province": listing.state, "postal_code": listing.zip, "country": "US"}],
                              "latitude": listing.latitude, "longitude": listing.longitude})
    return {"hsds_version": "3.0 (style: a subset of its organization, service and location objects)",
            "period": period.args(), "license": LICENSE,
            "organizations": list(organizations.values()), "services": services, "locations": locations}


def bundle(report: Any, period: Period) -> bytes:
    """Return a zip of the report: README.txt (what each file holds), each chart's CSV, the listings CSV."""
    readme = [f"Opportunity report, {period.start} to {period.end}",
              f"Licence: {LICENSE['name']} ({LICENSE['url']}). {LICENSE['note']}",
              f"Days with a daily count: {report.days} ({report.derived_days} worked out from listing dates).", ""]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart in report.charts:
            table = chart.table
            archive.writestr(f"{table.slug}.csv", table.csv_text())
            readme += [f"{table.slug}.csv: {table.title}", f"  {table.summary}",
                       *(f"  - {c.name}: {c.about}" for c in table.columns), *(f"  {n}" for n in table.notes), ""]
        archive.writestr("listings.csv", "".join(listings_csv(period)))
        readme += ["listings.csv: every listing the public could see at some time in the period",
                   *(f"  - {name}: {about}" for name, about in CSV_COLUMNS)]
        archive.writestr("README.txt", "\n".join(readme) + "\n")
    return out.getvalue()


def _csv_row(listing: Listing) -> list[str]:
    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return safe_cell(value) if isinstance(value, str) else str(value)

    return [text(v) for v in (
        listing.id, listing_url("pages.listing", listing.id), listing.title, listing.organisation,
        listing.kind, ";".join(listing.pathways or ()), listing.status, listing.min_age, listing.max_age,
        listing.min_grade, listing.max_grade, listing.pay_status, listing.pay_min, listing.pay_max, listing.pay_period,
        listing.work_mode, listing.city, listing.state, listing.zip, listing.transport_provided,
        iso_date(listing.deadline), iso_date(listing.first_seen_at.date()),
        iso_date(listing.closed_at.date()) if listing.closed_at else None,
        listing.source.name if listing.source else None, listing.apply_url)]


def _slug(text: str) -> str:
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())[:80] or "unknown"
