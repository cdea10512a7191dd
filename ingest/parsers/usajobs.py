"""USAJOBS Search API results (``{"SearchResult": {"SearchResultItems": [...]}}``)."""
from __future__ import annotations

import re
from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import kind_unless_stated, place_text
from ingest.parsers._json import as_list, describe, dicts, dig, load_json, text, texts
from ingest.parsers._markup import bullets, plain_html, section_html
from ingest.parsers._money import is_unpaid_interval, pay_text
from ingest.records import RawEntry


def parse_usajobs(content: bytes) -> ParseResult:
    """Parse a USAJOBS search response."""
    data = load_json(content)
    items = dig(data, "SearchResult", "SearchResultItems")
    if not isinstance(items, list):
        raise ParseError("not a USAJOBS search response: expected SearchResult.SearchResultItems, "
                         f"found {describe(data)}")
    entries, warnings = [], []
    if not items:
        warnings.append("the response lists no postings")
    for number, item in enumerate(items, 1):
        job = item.get("MatchedObjectDescriptor") if isinstance(item, dict) else None
        if not isinstance(job, dict) or not text(job.get("PositionTitle")):
            warnings.append(f"item {number} has no position title; skipped")
            continue
        entries.append(_entry(item, job))
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _entry(item: dict[str, Any], job: dict[str, Any]) -> RawEntry:
    details = dig(job, "UserArea", "Details") or {}
    locations = list(dicts(job.get("PositionLocation")))
    fields: dict[str, str] = {}
    pay = next(dicts(job.get("PositionRemuneration")), None)
    if pay:
        interval = pay.get("RateIntervalCode") or pay.get("Description")
        if is_unpaid_interval(interval):
            fields["paid"] = "no"  # "WC": without compensation, as student volunteer posts are
        elif written := pay_text(pay.get("MinimumRange"), pay.get("MaximumRange"), interval):
            fields["pay"] = written
    if deadline := text(job.get("ApplicationCloseDate")):
        fields["deadline"] = deadline
    if schedule := _name(next(dicts(job.get("PositionSchedule")), None)):
        fields["schedule"] = schedule
    if who := _name(details.get("WhoMayApply")):
        fields["eligibility"] = who
    if details.get("RemoteIndicator") is True:
        fields["work_mode"] = "remote"
    elif details.get("TeleworkEligible") is True:
        fields["work_mode"] = "hybrid"  # telework-eligible posts still report to a duty station
    first = locations[0] if locations else {}
    city, state = text(first.get("CityName")), text(first.get("CountrySubDivisionCode"))
    if state:
        fields["state"] = state
    if city:
        # CityName repeats the state: "Birmingham, Alabama".
        fields["city"] = city.removesuffix(f", {state}") if state else city
    # "Internships" and "Student" offering types are what tell a federal internship apart.
    offering = [_name(o) for o in dicts(job.get("PositionOfferingType"))]
    categories = texts([_name(c) for c in dicts(job.get("JobCategory"))] + offering)
    title = str(text(job.get("PositionTitle")))
    # Air Force "Palace Acquire" and similar posts are titled by occupation but tell the
    # applicant "As a … Intern you will…": the announcement names the post an internship.
    if _ADDRESSED_AS_INTERN.search(text(details.get("JobSummary")) or ""):
        categories += ("Internships",)
    # Federal announcements carry boilerplate ("credit for volunteer work", "training
    # agreement") that misleads a reading of the prose; an announcement is a job unless its
    # title or offering type ("Internships") says otherwise.
    if kind := kind_unless_stated("job", title, categories):
        fields["kind"] = kind
    return RawEntry(
        title=title,
        external_id=text(item.get("MatchedObjectId")) or text(job.get("PositionID")),
        url=next(iter(texts(as_list(job.get("ApplyURI")))), None) or text(job.get("PositionURI")),
        description_html=_description(job, details, locations),
        organisation=text(job.get("OrganizationName")) or text(job.get("DepartmentName")),
        published=text(job.get("PublicationStartDate")),
        categories=categories,
        location_text=place_text(city=text(first.get("CityName")) or text(first.get("LocationName")),
                                 region=text(first.get("CountrySubDivisionCode"))),
        fields=fields,
    )


_ADDRESSED_AS_INTERN = re.compile(r"\bAs\s+an?\s+(?:[A-Z][\w-]*\s+){0,3}Intern\s+you\s+will\b")


def _description(job: dict[str, Any], details: dict[str, Any], locations: list[dict[str, Any]]) -> str:
    duties = texts(as_list(details.get("MajorDuties")))
    requirements = texts(as_list(details.get("KeyRequirements")))
    places = texts(loc.get("LocationName") or loc.get("CityName") for loc in locations)
    parts = [
        plain_html(text(details.get("JobSummary"))),
        section_html("Major duties", bullets(duties)),
        section_html("Key requirements", bullets(requirements)),
        section_html("Qualifications", plain_html(text(job.get("QualificationSummary")))),
        section_html("Education", plain_html(text(details.get("Education")))),
        # One posting often covers many duty stations; the listing keeps the first as its place.
        section_html("Locations", bullets(places) if len(places) > 1 else ""),
    ]
    return "".join(parts)



def _name(code: Any) -> str | None:
    """Return the Name of a USAJOBS code object ({"Code": "1", "Name": "Full-Time"})."""
    return text(code.get("Name")) if isinstance(code, dict) else text(code)
