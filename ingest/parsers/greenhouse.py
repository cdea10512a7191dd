"""Job-board JSON in the shape of the Greenhouse boards API (``{"jobs": [...]}``)."""
from __future__ import annotations

import re
from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._json import board_entries, load_json
from ingest.records import RawEntry

# Custom job fields ("metadata") that boards use for what a young applicant needs to know,
# mapped to Listing fields. Names are compared case-insensitively.
METADATA_FIELDS = {
    "opportunity type": "kind",
    "career pathway": "pathways",
    "career pathways": "pathways",
    "minimum age": "min_age",
    "maximum age": "max_age",
    "grades": "grades",
    "pay": "pay",
    "work mode": "work_mode",
    "workplace type": "work_mode",
    "application deadline": "deadline",
    "hours per week": "hours_per_week",
    "transportation": "transport",
    "schedule": "schedule",
}


def parse_greenhouse(content: bytes) -> ParseResult:
    """Parse a Greenhouse-style job board response."""
    data = load_json(content)
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(jobs, list):
        raise ParseError("JSON has no 'jobs' list, so it is not a job board response")
    return board_entries(jobs, _entry, noun="job")


def _entry(job: dict[str, Any]) -> RawEntry:
    fields: dict[str, str] = {}
    for item in job.get("metadata") or []:
        if not isinstance(item, dict):
            continue
        key = METADATA_FIELDS.get(str(item.get("name", "")).strip().lower())
        value = item.get("value")
        if key and value not in (None, "", []):
            fields[key] = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    if job.get("application_deadline"):
        fields.setdefault("deadline", str(job["application_deadline"]))
    # Boards name a remote office "Remote-India (PEO)" or "Remote - US" beside the job's city.
    offices = [str(o.get("name") or "") for o in job.get("offices") or [] if isinstance(o, dict)]
    if any(re.match(r"\s*remote\b", name, re.IGNORECASE) for name in offices):
        fields.setdefault("work_mode", "remote")
    location = job.get("location") or {}
    departments = tuple(str(d.get("name")) for d in job.get("departments") or [] if isinstance(d, dict) and d.get("name"))
    return RawEntry(
        title=str(job["title"]),
        external_id=str(job.get("id") or job.get("internal_job_id") or job.get("absolute_url") or ""),
        url=job.get("absolute_url"),
        description_html=str(job.get("content") or ""),
        organisation=(str(job.get("company_name")).strip() or None) if job.get("company_name") else None,
        published=job.get("first_published") or job.get("updated_at"),
        updated=job.get("updated_at"),
        categories=departments,
        location_text=location.get("name") if isinstance(location, dict) else None,
        fields=fields,
    )
