"""Community internship lists in the SimplifyJobs ``listings.json`` shape (2023 and 2024+ schemas)."""
from __future__ import annotations

import re
from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import kind_unless_stated
from ingest.parsers._json import as_list, describe, load_json, text, texts
from ingest.parsers._markup import plain_html
from ingest.records import RawEntry

# The 2023 README-generated schema writes several places as "Chicago, IL <br/> Austin, TX"
# and marks closed roles "**🔒 Closed 🔒**" inside the text.
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_MARKS = re.compile(r"\*\*|🔒\s*Closed\s*🔒|🔒", re.IGNORECASE)


def parse_internship_list(content: bytes) -> ParseResult:
    """Parse a list of internship postings, skipping the closed ones."""
    data = load_json(content)
    items = data.get("listings") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ParseError(f"not an internship list: expected a JSON list of postings, found {describe(data)}")
    entries, warnings, closed = [], [], 0
    if not items:
        warnings.append("the response lists no postings")
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not _clean(item.get("title")):
            warnings.append(f"posting {number} has no title; skipped")
        elif item.get("is_closed") is True or item.get("active") is False or item.get("is_visible") is False:
            closed += 1
        else:
            entries.append(_entry(item))
    if closed:
        warnings.append(f"{closed} closed posting{'s' if closed != 1 else ''} skipped")
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _entry(item: dict[str, Any]) -> RawEntry:
    title = str(_clean(item.get("title")))
    # 2024+: "company_name"; 2023: the company is "name" (and the role is "title").
    company = text(item.get("company_name")) or text(item.get("name"))
    url = text(item.get("url")) or text(item.get("site_link")) or text(item.get("application_link"))
    written = as_list(item.get("locations") or item.get("location"))
    places = texts(place for value in written for place in _BREAK.split(str(value)))
    terms = texts(as_list(item.get("terms")) + [item.get("season")])
    notes = _clean(item.get("notes"))
    description = plain_html(notes if notes and notes != title else None,
                             f"Sponsorship: {item['sponsorship']}" if text(item.get("sponsorship")) else None)
    fields: dict[str, str] = {}
    if kind := kind_unless_stated("internship", title, terms):
        fields["kind"] = kind  # the list is of internships unless an entry says otherwise
    return RawEntry(
        title=title,
        external_id=text(item.get("id")) or url,
        url=url,
        description_html=description,
        organisation=company,
        published=text(item.get("date_posted")),  # "Jul 07, 2023" or epoch seconds
        updated=text(item.get("date_updated")),
        categories=terms,
        location_text=places[0] if places else None,
        fields=fields,
    )


def _clean(value: Any) -> str | None:
    cleaned = text(value)
    return text(_BREAK.sub("; ", _MARKS.sub("", cleaned))) if cleaned else None
