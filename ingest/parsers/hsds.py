"""Recognise Open Referral HSDS tables, so a service directory is refused with a clear reason.

HSDS (https://openreferral.org) describes human services: counselling, food banks,
clinics. Its services.csv and programs.csv have a "name" column, which the partner CSV
reader takes for a title, so without this check a counselling service would be listed as
a job. Mapping them is not worth it: a service is not an opportunity, and each row names
its organisation only by an id that points into another file of the bundle.
"""
from __future__ import annotations

import csv
import io

from ingest.errors import ParseError
from ingest.parsers.partner_csv import decode

# Columns only one HSDS table has (HSDS 1.x to 3.0), and a table's name for people.
_TABLES: tuple[tuple[str, frozenset[str], int], ...] = (
    ("organizations", frozenset({"tax_status", "tax_id", "year_incorporated", "legal_status",
                                 "parent_organization_id"}), 1),
    ("services", frozenset({"interpretation_services", "application_process", "fees_description", "wait_time",
                            "accreditations", "eligibility_description", "licenses", "assured_date"}), 2),
    ("locations", frozenset({"location_type", "external_identifier_type", "transportation", "latitude"}), 2),
    ("addresses", frozenset({"address_1", "address_2", "state_province", "address_type", "attention"}), 2),
    ("phones", frozenset({"number", "extension", "service_at_location_id", "contact_id"}), 2),
    ("schedules", frozenset({"freq", "byday", "bymonthday", "opens_at", "closes_at", "wkst", "dtstart"}), 2),
)
# hsds-transformer's flattened exports name each entity's columns by prefix:
# "organization_name", "location_uuid", "service_name".
_FLAT = frozenset({"organization_name", "organization_uuid", "location_name", "location_uuid", "location_address",
                   "service_name", "service_uuid", "program_name"})
_FOREIGN_KEYS = frozenset({"organization_id", "service_id", "location_id", "program_id", "service_at_location_id"})
_TITLE_HEADERS = frozenset({"title", "job_title", "opportunity_title"})


def hsds_table(header: list[str]) -> str | None:
    """Return which HSDS table a CSV header belongs to ("services"…), or None when it is not one."""
    raw = {h.strip().lower() for h in header}
    if raw & _TITLE_HEADERS:
        return None  # a partner sheet with a real title column is read as one
    for name, marks, needed in _TABLES:
        if len(raw & marks) >= needed:
            return name
    if len(raw & _FLAT) >= 2:
        return "services" if raw & {"service_name", "service_uuid"} else "locations"
    if "id" in raw and raw & _FOREIGN_KEYS:
        return "programs" if {"name", "organization_id"} <= raw else "linked"
    return None


def refuse_hsds(content: bytes) -> None:
    """Raise ParseError when a CSV is an HSDS table rather than a list of opportunities."""
    first_line = decode(content[:8192]).lstrip("\ufeff").splitlines()[:1]
    try:
        header = next(csv.reader(io.StringIO(first_line[0]))) if first_line else []
    except csv.Error:
        return
    table = hsds_table(header)
    if table:
        shown = ", ".join(h.strip() for h in header[:6]) + (", …" if len(header) > 6 else "")
        raise ParseError(f"this CSV is an Open Referral (HSDS) {table} table, a directory of human services, "
                         f"not a list of opportunities (columns: {shown})")
