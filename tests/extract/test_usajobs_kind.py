"""Federal announcements: the kind comes from the title, offering type, or how the post addresses its hire."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ingest.normalize import normalize
from ingest.parsers.usajobs import parse_usajobs
from ingest.records import SourceDefaults


def _kind(title: str, offering: str, summary: str) -> str:
    item = {"MatchedObjectId": "1", "MatchedObjectDescriptor": {
        "PositionTitle": title, "PositionOfferingType": [{"Name": offering}],
        "UserArea": {"Details": {"JobSummary": summary}}}}
    content = json.dumps({"SearchResult": {"SearchResultItems": [item]}}).encode()
    return normalize(parse_usajobs(content).entries[0], SourceDefaults(), date(2026, 12, 6)).kind


@pytest.mark.parametrize(("title", "offering", "summary", "expected"), [
    ("FINANCIAL MANAGEMENT SPECIALIST (ACQ-EHA)", "Permanent",
     "As a Palace Acquire Intern you will experience personal and professional growth.", "internship"),
    ("Student Trainee (Engineering) (Pathways Internship)", "Internships NTE 4 months", "", "internship"),
    ("Student Cooperative for RARC (PAID)", "Excepted Service Term", "", "internship"),
    ("Research Economist Student Trainee", "Full and Part Time", "", "internship"),
    ("General Engineer (Recent Graduate)", "Recent Graduates", "Recent Graduates Program.", "job"),
    ("Psychologist", "Permanent", "Completed an accredited internship training program.", "job"),
    ("Dental Officer", "Permanent", "Superior ability as demonstrated by an intern.", "job"),
])
def test_usajobs_kind(title: str, offering: str, summary: str, expected: str) -> None:
    assert _kind(title, offering, summary) == expected
