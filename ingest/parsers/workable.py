"""Workable job lists: the widget API (``{"name", "jobs"}``), the careers API (``{"results"}``) and SPI v3."""
from __future__ import annotations

from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, place_text, workplace_words
from ingest.parsers._json import as_list, describe, dicts, label, load_json, obj, text, texts
from ingest.parsers._money import pay_text
from ingest.records import RawEntry



def parse_workable(content: bytes) -> ParseResult:
    """Parse a Workable jobs response."""
    data = load_json(content)
    jobs = data.get("jobs", data.get("results")) if isinstance(data, dict) else None
    if not isinstance(jobs, list):
        raise ParseError(f"not a Workable jobs response: expected a 'jobs' or 'results' list, found {describe(data)}")
    company = text(data.get("name"))  # the widget API names the account once, above its jobs
    entries, warnings = [], []
    if not jobs:
        warnings.append("the response lists no postings")
    for number, job in enumerate(jobs, 1):
        if not isinstance(job, dict) or not (text(job.get("title")) or text(job.get("full_title"))):
            warnings.append(f"job {number} has no title; skipped")
            continue
        entries.append(_entry(job, company))
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _entry(job: dict[str, Any], company: str | None) -> RawEntry:
    location = obj(job.get("location"))
    first = next(dicts(job.get("locations")), None) or location or job
    fields: dict[str, str] = {}
    remote = job.get("telecommuting") or job.get("remote") or location.get("telecommuting")
    mode = (workplace_words(job.get("workplace") or location.get("workplace_type"))
            or ("remote" if remote is True else None))
    if mode:
        fields["work_mode"] = mode
    schedule = employment_words(text(job.get("employment_type")) or text(job.get("type")))
    if schedule:
        fields["schedule"] = schedule
    salary = obj(job.get("salary"))
    if written := pay_text(salary.get("salary_from"), salary.get("salary_to"), salary.get("salary_period"),
                           salary.get("salary_currency")):
        fields["pay"] = written
    shortcode = text(job.get("shortcode"))
    # A link only as the response gives it: a shortcode alone is not made into an address.
    url = text(job.get("application_url")) or text(job.get("url")) or text(job.get("shortlink"))
    departments = [label(d) for d in as_list(job.get("department"))]
    return RawEntry(
        title=str(text(job.get("title")) or text(job.get("full_title"))),
        external_id=shortcode or text(job.get("id")) or url,
        url=url,
        description_html=text(job.get("full_description")) or text(job.get("description")) or "",
        organisation=company,
        published=text(job.get("published_on")) or text(job.get("published")) or text(job.get("created_at")),
        categories=texts([*departments, job.get("function"), job.get("industry"), schedule]),
        location_text=text(location.get("location_str")) or place_text(
            city=text(first.get("city")), region=text(first.get("region")) or text(first.get("state")),
            postal=text(first.get("zip_code")), country=text(first.get("country"))),
        fields=fields,
    )
