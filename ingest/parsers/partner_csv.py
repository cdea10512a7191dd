"""Partner CSV files (see ingest/demo/PARTNER_CSV.md for the columns)."""
from __future__ import annotations

import csv
import io
import re

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.records import RawEntry

# Header spellings partners use, mapped to the template's column names.
ALIASES = {
    "organisation": "organization", "org": "organization", "employer": "organization", "company": "organization",
    "type": "opportunity_type", "kind": "opportunity_type", "opportunity": "opportunity_type",
    "pathway": "career_pathways", "pathways": "career_pathways", "career_pathway": "career_pathways",
    "deadline": "application_deadline", "apply_by": "application_deadline", "due_date": "application_deadline",
    "url": "apply_url", "link": "apply_url", "application_url": "apply_url", "apply_link": "apply_url",
    "zip_code": "zip", "zipcode": "zip", "postal_code": "zip",
    "minimum_age": "min_age", "age_min": "min_age", "maximum_age": "max_age", "age_max": "max_age",
    "job_title": "title", "name": "title", "opportunity_title": "title",
    "posted": "posted_date", "date_posted": "posted_date",
    "remote": "work_mode", "location_type": "work_mode",
    "details": "description", "summary": "description",
    "transport": "transportation",
    "lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
}
# Template column -> RawEntry.fields key.
FIELD_COLUMNS = {
    "opportunity_type": "kind", "career_pathways": "pathways", "min_age": "min_age", "max_age": "max_age",
    "grades": "grades", "pay": "pay", "paid": "paid", "work_mode": "work_mode", "address": "address",
    "city": "city", "state": "state", "zip": "zip", "application_deadline": "deadline",
    "start_date": "start_date", "end_date": "end_date", "hours_per_week": "hours_per_week",
    "schedule": "schedule", "transportation": "transport", "eligibility": "eligibility",
    "latitude": "latitude", "longitude": "longitude",
}


def column_name(header: str) -> str:
    """Return the template name for a header as a partner wrote it."""
    name = re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")
    return ALIASES.get(name, name)


def decode(content: bytes) -> str:
    """Decode a spreadsheet export: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    # Only the delimiter is sniffed: the sniffer also guesses doublequote=False for files
    # whose cells hold "" escapes, which splits those cells apart. Quoting is RFC 4180.
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def parse_partner_csv(content: bytes) -> ParseResult:
    """Parse a partner CSV into entries, one per row with a title."""
    text = decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ParseError("the CSV file has no header row") from exc
    columns = [column_name(h) for h in header]
    if "title" not in columns:
        raise ParseError(f"the CSV has no 'title' column (found: {', '.join(h.strip() for h in header[:12])})")
    entries, warnings = [], []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            record = {col: cell.strip() for col, cell in zip(columns, row) if col}
            if not record.get("title"):
                warnings.append(f"line {line}: no title; row skipped")
                continue
            entries.append(_entry(record))
    except csv.Error as exc:
        raise ParseError(f"the CSV is malformed near line {reader.line_num}: {exc}") from exc
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _entry(record: dict[str, str]) -> RawEntry:
    fields = {key: record[col] for col, key in FIELD_COLUMNS.items() if record.get(col)}
    location = ", ".join(filter(None, [record.get("address"), record.get("city"), record.get("state")]))
    if record.get("zip"):
        location = f"{location} {record['zip']}".strip()
    return RawEntry(
        title=record["title"],
        external_id=record.get("id") or record.get("apply_url") or None,
        url=record.get("apply_url") or None,
        description_html=record.get("description", ""),
        organisation=record.get("organization") or None,
        published=record.get("posted_date") or None,
        location_text=location or None,
        fields=fields,
    )
