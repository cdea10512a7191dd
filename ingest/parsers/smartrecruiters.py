"""SmartRecruiters postings API: a page ``{"totalFound", "content": [...]}`` or one posting with a ``jobAd``."""
from __future__ import annotations

from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, place_text
from ingest.parsers._json import board_entries, describe, dig, label, load_json, obj, text, texts
from ingest.parsers._markup import section_html
from ingest.parsers._money import pay_text
from ingest.records import RawEntry

_SECTIONS = (("jobDescription", "Job description"), ("qualifications", "Qualifications"),
             ("additionalInformation", "Additional information"), ("companyDescription", "About the company"))


def parse_smartrecruiters(content: bytes) -> ParseResult:
    """Parse a SmartRecruiters postings page or posting."""
    data = load_json(content)
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        postings = data["content"]
    elif isinstance(data, dict) and "jobAd" in data:
        postings = [data]
    else:
        raise ParseError(f"not a SmartRecruiters postings response: expected a 'content' list, found {describe(data)}")
    return board_entries(postings, _entry, title="name", missing="name")


def _entry(posting: dict[str, Any]) -> RawEntry:
    location = obj(posting.get("location"))
    fields: dict[str, str] = {}
    if location.get("hybrid") is True:
        fields["work_mode"] = "hybrid"
    elif location.get("remote") is True:
        fields["work_mode"] = "remote"
    schedule = employment_words(label(posting.get("typeOfEmployment")))
    if schedule:
        fields["schedule"] = schedule
    pay = obj(posting.get("compensation"))
    written = pay_text(pay.get("min"), pay.get("max"), pay.get("period") or pay.get("interval"), pay.get("currency"))
    if written:
        fields["pay"] = written
    posting_id = text(posting.get("id"))
    # The list answer carries no public link, only ids and an API address ("ref"): no link
    # is made up from the ids.
    url = text(posting.get("applyUrl")) or text(posting.get("postingUrl"))
    return RawEntry(
        title=str(text(posting.get("name"))),
        external_id=posting_id or text(posting.get("uuid")) or text(posting.get("refNumber")) or url,
        url=url,
        description_html=_description(posting),
        organisation=text(dig(posting, "company", "name")),
        published=text(posting.get("releasedDate")),
        categories=texts([label(posting.get("function")), label(posting.get("department")),
                          label(posting.get("industry")), label(posting.get("experienceLevel")), schedule]),
        # The parts carry the postal code that fullLocation ("St. Louis, MO, United States") leaves out.
        location_text=(None if location.get("postalCode") else text(location.get("fullLocation"))) or place_text(
            text(location.get("address")), text(location.get("city")), text(location.get("region")),
            text(location.get("postalCode")), text(location.get("country"))),
        fields=fields,
    )


def _description(posting: dict[str, Any]) -> str:
    sections = dig(posting, "jobAd", "sections")
    if not isinstance(sections, dict):
        return ""
    return "".join(section_html(text(dig(sections, key, "title")) or heading, text(dig(sections, key, "text")))
                   for key, heading in _SECTIONS)
