"""Lever postings API (``GET /v0/postings/{company}?mode=json``): a JSON list of postings."""
from __future__ import annotations

from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import workplace_words
from ingest.parsers._json import as_list, board_entries, describe, dicts, load_json, obj, text, texts
from ingest.parsers._markup import plain_html, section_html
from ingest.parsers._money import pay_text
from ingest.records import RawEntry


def parse_lever(content: bytes) -> ParseResult:
    """Parse a Lever postings response (plain, grouped by team, or one posting)."""
    data = load_json(content)
    if isinstance(data, dict) and "text" in data:
        data = [data]  # one posting: GET /v0/postings/{company}/{id}
    elif isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]  # the authenticated v1 API: {"data": [...], "hasNext": …}
    if not isinstance(data, list):
        raise ParseError(f"not a Lever postings list: expected a JSON list of postings, found {describe(data)}")
    postings: list[Any] = []
    for item in data:
        # ?group=team answers [{"title": "Engineering", "postings": [...]}].
        if isinstance(item, dict) and isinstance(item.get("postings"), list) and "text" not in item:
            postings.extend(item["postings"])
        else:
            postings.append(item)
    return board_entries(postings, _entry, title="text", missing="title ('text')")


def _entry(posting: dict[str, Any]) -> RawEntry:
    categories = obj(posting.get("categories"))
    fields: dict[str, str] = {}
    salary = posting.get("salaryRange")
    if isinstance(salary, dict):
        written = pay_text(salary.get("min"), salary.get("max"), salary.get("interval"), salary.get("currency"))
        if written:
            fields["pay"] = written
    if "pay" not in fields and text(posting.get("salaryDescriptionPlain")):
        fields["pay"] = str(text(posting.get("salaryDescriptionPlain")))
    if mode := workplace_words(posting.get("workplaceType")):
        fields["work_mode"] = mode
    if commitment := text(categories.get("commitment")):
        fields["schedule"] = commitment
    locations = texts(as_list(categories.get("allLocations")) or [categories.get("location")])
    return RawEntry(
        title=str(text(posting.get("text"))),
        external_id=text(posting.get("id")) or text(posting.get("hostedUrl")),
        # The feed's own apply link goes straight to the form; the hosted page is the fallback.
        url=text(posting.get("applyUrl")) or text(posting.get("hostedUrl")),
        description_html=_description(posting),
        published=text(posting.get("createdAt")),  # epoch milliseconds
        updated=text(posting.get("updatedAt")),
        categories=texts([categories.get("team"), categories.get("department"), categories.get("commitment")]),
        # Every place, so "Remote" among them is seen; the first stays the listing's place.
        location_text="; ".join(dict.fromkeys([*texts([categories.get("location")]), *locations])) or None,
        fields=fields,
    )


def _description(posting: dict[str, Any]) -> str:
    body = (text(posting.get("description"))
            or "".join(filter(None, [text(posting.get("opening")), text(posting.get("descriptionBody"))]))
            or plain_html(text(posting.get("descriptionPlain"))))
    # "lists" hold the requirements and duties as <li> items under a heading.
    lists = "".join(section_html(str(text(block.get("text")) or ""), f"<ul>{block.get('content') or ''}</ul>")
                    for block in dicts(posting.get("lists")) if text(block.get("content")))
    additional = text(posting.get("additional")) or plain_html(text(posting.get("additionalPlain")))
    return (body or "") + lists + (additional or "")
