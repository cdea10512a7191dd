"""schema.org JSON-LD for listing pages, so search engines can show them as jobs or programs.

Jobs, internships, apprenticeships and volunteering are JobPostings; training, workshops
and job shadowing are EducationalOccupationalPrograms; a summer program is a job when it
pays. Closed listings, and duplicates of a listing shown elsewhere, carry none: search
engines penalise postings that can no longer be applied to.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from markupsafe import Markup

from tracker import taxonomy
from tracker.filters import age_summary
from tracker.models import Listing
from tracker.open_data import listing_url
from tracker.serialize import iso_date

JOB_POSTING, PROGRAM = "JobPosting", "EducationalOccupationalProgram"
PROGRAM_KINDS = frozenset({"training", "workshop", "job-shadowing"})
# schema.org unitText for a pay period; a total stipend has no unit search engines accept.
PAY_UNITS = {"hour": "HOUR", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
FULL_TIME_HOURS = 35
PROGRAM_MODES = {"onsite": "onsite", "remote": "online", "hybrid": "blended"}


def schema_type(listing: Listing) -> str:
    """Return the schema.org type a listing is published as."""
    if listing.kind in PROGRAM_KINDS:
        return PROGRAM
    if listing.kind == "summer-program" and listing.pay_status != taxonomy.PAID:
        return PROGRAM
    return JOB_POSTING


def employment_type(listing: Listing) -> list[str]:
    """Return Google's employmentType values for a listing."""
    if listing.kind == "internship":
        return ["INTERN"]
    if listing.kind == "volunteer":
        return ["VOLUNTEER"]
    types = []
    if listing.hours_per_week is not None:
        types.append("FULL_TIME" if listing.hours_per_week >= FULL_TIME_HOURS else "PART_TIME")
    if listing.kind == "summer-program" or listing.season == "summer":
        types.append("TEMPORARY")
    return types or ["OTHER"]


def _address(listing: Listing) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "streetAddress": listing.address, "addressLocality": listing.city,
               "addressRegion": listing.state, "postalCode": listing.zip,
               "addressCountry": current_app.config["SITE_COUNTRY"]}
    return {k: v for k, v in address.items() if v}


def _place(listing: Listing) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "address": _address(listing)}
    if listing.latitude is not None and listing.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": listing.latitude, "longitude": listing.longitude}
    return place


def _end_of_day(day: date) -> str:
    # A deadline is a calendar day where the listing is: applications close at its end.
    zone = ZoneInfo(current_app.config["SITE_TIMEZONE"])
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone).isoformat()


def _salary(listing: Listing) -> dict[str, Any] | None:
    unit = PAY_UNITS.get(listing.pay_period or "")
    if listing.pay_status != taxonomy.PAID or unit is None or (listing.pay_min is None and listing.pay_max is None):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": unit}
    low, high = listing.pay_min, listing.pay_max
    if low is not None and high is not None and low != high:
        value.update(minValue=float(low), maxValue=float(high))
    else:
        value["value"] = float(low if low is not None else high)  # type: ignore[arg-type]
    return {"@type": "MonetaryAmount", "currency": current_app.config["SITE_CURRENCY"], "value": value}


def _organisation(listing: Listing) -> dict[str, Any]:
    return {"@type": "Organization", "name": listing.organisation}


def _job_posting(listing: Listing, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": JOB_POSTING,
        "title": listing.title,
        "description": listing.description or listing.title,
        "datePosted": iso_date((listing.posted_at or listing.first_seen_at).date()),
        "hiringOrganization": _organisation(listing),
        "employmentType": employment_type(listing),
        "identifier": {"@type": "PropertyValue", "name": current_app.config["SITE_NAME"], "value": str(listing.id)},
        "url": url,
        "directApply": False,
    }
    if listing.work_mode in (taxonomy.REMOTE, taxonomy.HYBRID):
        data["jobLocationType"] = "TELECOMMUTE"
        # Remote work is still for people in this area.
        data["applicantLocationRequirements"] = {"@type": "State", "name": listing.state} if listing.state else {
            "@type": "Country", "name": current_app.config["SITE_COUNTRY"]}
    if listing.work_mode != taxonomy.REMOTE:
        data["jobLocation"] = _place(listing)
    if listing.deadline:
        data["validThrough"] = _end_of_day(listing.deadline)
    salary = _salary(listing)
    if salary:
        data["baseSalary"] = salary
    if listing.start_date:
        data["jobStartDate"] = iso_date(listing.start_date)
    return data


def _program(listing: Listing, url: str) -> dict[str, Any]:
    provider = _organisation(listing)
    if listing.city or listing.address:
        provider["address"] = _address(listing)
    data: dict[str, Any] = {
        "@type": PROGRAM,
        "name": listing.title,
        "description": listing.description or listing.title,
        "url": url,
        "provider": provider,
        "programPrerequisites": age_summary(listing),
        "identifier": str(listing.id),
    }
    if listing.work_mode in PROGRAM_MODES:
        data["educationalProgramMode"] = PROGRAM_MODES[listing.work_mode]
    if listing.deadline:
        data["applicationDeadline"] = iso_date(listing.deadline)
    if listing.start_date:
        data["startDate"] = iso_date(listing.start_date)
    if listing.end_date:
        data["endDate"] = iso_date(listing.end_date)
    return data


def structured_data(listing: Listing, today: date) -> dict[str, Any] | None:
    """Return the JSON-LD object for a listing page, or None when it must carry none."""
    if not listing.is_visible(today):
        return None
    url = listing_url("pages.listing", listing.id)
    data = _program(listing, url) if schema_type(listing) == PROGRAM else _job_posting(listing, url)
    return {"@context": "https://schema.org", **data}


def json_ld(data: dict[str, Any] | None) -> Markup:
    """Return ``data`` as text safe inside <script type="application/ld+json">."""
    if data is None:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a string would end or confuse the script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def listing_json_ld(listing: Listing, today: date) -> Markup:
    """Return the <script> element of a listing page's structured data, or nothing."""
    data = structured_data(listing, today)
    if data is None:
        return Markup("")
    return Markup('<script type="application/ld+json">') + json_ld(data) + Markup("</script>")


def init_app(app: Flask) -> None:
    """Offer listing_json_ld to templates."""
    app.jinja_env.globals.update(listing_json_ld=listing_json_ld)
