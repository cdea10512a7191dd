"""Careers pages that carry their jobs only as JSON inside a ``<script>`` (Next.js, app state).

Single-page careers sites render the job list in the browser from data the page embeds:
``<script id="__NEXT_DATA__" type="application/json">{…}</script>`` or
``<script>window.__STATE__ = {…};</script>``. The JSON has no standard shape, so the
list of jobs is found by what its items look like: objects with a title and at least one
of a link, a place or an id. Only values the objects state are read; nothing is built.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, place_text, workplace_words
from ingest.parsers._json import dicts, label, text, texts
from ingest.parsers._markup import plain_html
from ingest.parsers._scripts import ScriptCollector
from ingest.records import RawEntry

_MAX_NODES = 100_000
# Where a JavaScript assignment's value starts: "window.X = {", "var jobs = [".
_ASSIGNMENT = re.compile(r"=\s*(?=[\[{])")

# Key spellings by meaning, compared without case, "_" or "-".
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "jobtitle", "positiontitle", "postingtitle", "name", "text"),
    "id": ("id", "jobid", "reqid", "requisitionid", "referencenumber", "slug", "uuid"),
    "url": ("applyurl", "applylink", "applicationurl", "url", "joburl", "link", "hostedurl", "absoluteurl"),
    "description": ("description", "descriptionhtml", "summary", "content", "body"),
    "organisation": ("company", "companyname", "organization", "organisation", "employer", "hiringorganization"),
    "posted": ("dateposted", "posteddate", "publishedat", "publishedon", "createdat", "posted", "date"),
    "deadline": ("closingdate", "deadline", "applicationdeadline", "validthrough", "expiresat"),
    "pay": ("compensation", "payrange", "pay", "salary", "salaryrange", "wage"),
    "work_mode": ("workplace", "workplacetype", "remotetype", "worktype", "locationtype"),
    "schedule": ("employmenttype", "jobtype", "commitment", "timetype", "type"),
    "category": ("department", "team", "category", "function"),
    "location": ("location", "locationname", "locationstext", "joblocation"),
    "city": ("city", "addresslocality"),
    "state": ("state", "region", "addressregion"),
    "zip": ("zip", "zipcode", "postalcode"),
    "street": ("address", "streetaddress"),
}
_JOBISH = ("id", "url", "location", "city")


class _Scripts(ScriptCollector):
    """Collect the text of every inline script that is not JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)

    def wants_script(self, attrs: dict[str, str]) -> bool:
        return "ld+json" not in attrs.get("type", "").lower() and "src" not in attrs


def _fold(key: str) -> str:
    return re.sub(r"[_\-\s]", "", key.lower())


def _values(block: str) -> Iterator[Any]:
    """Yield each JSON value a script holds: the whole block, or what assignments give."""
    decoder = json.JSONDecoder(strict=False)
    stripped = block.strip()
    if stripped[:1] in ("{", "["):
        try:
            yield decoder.raw_decode(stripped)[0]
            return
        except (ValueError, RecursionError):
            pass
    for m in _ASSIGNMENT.finditer(block):
        try:
            yield decoder.raw_decode(block, m.end())[0]
        except (ValueError, RecursionError):
            continue


def _pick(item: dict[str, Any], meaning: str) -> Any:
    folded = {_fold(k): v for k, v in item.items()}
    return next((folded[k] for k in _KEYS[meaning] if folded.get(k) not in (None, "", [], {})), None)


def _is_job(item: dict[str, Any]) -> bool:
    title = _pick(item, "title")
    return isinstance(title, str) and bool(title.strip()) and any(_pick(item, m) is not None for m in _JOBISH)


def _job_lists(value: Any) -> Iterator[list[dict[str, Any]]]:
    """Yield every list in value whose items are mostly job-like objects."""
    stack, visited = [value], 0
    while stack and visited < _MAX_NODES:
        node = stack.pop()
        visited += 1
        if isinstance(node, list):
            items = list(dicts(node))
            if items and sum(_is_job(i) for i in items) * 2 > len(node):
                yield items
                continue
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def find_jobs(document: str) -> list[dict[str, Any]]:
    """Return the largest list of job-like objects in a page's scripts, or []."""
    finder = _Scripts()
    finder.feed(document)
    finder.close()
    found: list[list[dict[str, Any]]] = []
    for block in finder.blocks:
        for value in _values(block):
            found.extend(_job_lists(value))
    return max(found, key=len, default=[])


def parse_script_json(content: bytes) -> ParseResult:
    """Parse the jobs a careers page embeds as JSON in a script."""
    try:
        document = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        document = content.decode("cp1252", errors="replace")
    jobs = find_jobs(document)
    if not jobs:
        raise ParseError("no jobs found: the page has no JSON-LD job postings and no list of jobs in its scripts")
    entries, warnings = [], []
    for number, job in enumerate(jobs, 1):
        if not _is_job(job):
            warnings.append(f"item {number} of the page's job list has no title; skipped")
            continue
        entries.append(_entry(job))
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _text_of(value: Any) -> str | None:
    return label(value) if isinstance(value, dict) else text(value)


def _entry(job: dict[str, Any]) -> RawEntry:
    fields: dict[str, str] = {}
    for meaning in ("pay", "deadline", "city", "state", "zip"):
        if value := _text_of(_pick(job, meaning)):
            fields[meaning] = value
    if mode := workplace_words(_text_of(_pick(job, "work_mode"))):
        fields["work_mode"] = mode
    schedule = employment_words(_text_of(_pick(job, "schedule")))
    if schedule:
        fields["schedule"] = schedule
    where = _pick(job, "location")
    if isinstance(where, dict):
        place = place_text(_text_of(_pick(where, "street")), _text_of(_pick(where, "city")),
                           _text_of(_pick(where, "state")), _text_of(_pick(where, "zip")))
    else:
        place = text(where) or place_text(_text_of(_pick(job, "street")), fields.get("city"), fields.get("state"),
                                          fields.get("zip"))
    description = _text_of(_pick(job, "description")) or ""
    if description and not re.search(r"<[a-z][^>]*>", description, re.IGNORECASE):
        description = plain_html(description)
    return RawEntry(
        title=str(_text_of(_pick(job, "title"))),
        external_id=_text_of(_pick(job, "id")),
        url=_text_of(_pick(job, "url")),
        description_html=description,
        organisation=_text_of(_pick(job, "organisation")),
        published=_text_of(_pick(job, "posted")),
        categories=texts([_text_of(_pick(job, "category")), schedule]),
        location_text=place,
        fields=fields,
    )
