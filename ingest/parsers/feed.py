"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds, through feedparser."""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.extract.dates import DEFAULT_TZ, parse_datetime
from ingest.parsers._money import pay_text
from ingest.parsers._sniff import head_text, is_html
from ingest.records import RawEntry


def parse_feed(content: bytes) -> ParseResult:
    """Parse an RSS or Atom document."""
    parsed = feedparser.parse(content)
    warnings: list[str] = []
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if isinstance(problem, feedparser.CharacterEncodingOverride):
            # feedparser's koi8r.xml test feed: declared one encoding, written in another.
            warnings.append(f"the feed's declared encoding is wrong; read as {parsed.get('encoding')}, "
                            "so some text may be garbled")
        elif not parsed.entries:
            if not parsed.get("version") and is_html(head_text(content)):
                raise ParseError(_html_page_message(parsed)) from problem
            raise ParseError(f"not a readable RSS or Atom feed: {_describe(problem)}") from problem
        else:
            # feedparser recovers from many XML errors; keep what it read, say what was wrong.
            warnings.append(f"feed has XML problems but was read: {_describe(problem)}")
    if not parsed.get("version") and not parsed.entries:
        if is_html(head_text(content)):
            raise ParseError(_html_page_message(parsed))
        raise ParseError("not an RSS or Atom feed (no channel or feed element found)")
    if not parsed.entries:
        warnings.append("the feed is readable but has no items")
    entries = []
    for number, item in enumerate(parsed.entries, 1):
        entry = _entry(item)
        if entry is None:
            warnings.append(f"item {number} has no title or link; skipped")
            continue
        entries.append(entry)
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _html_page_message(parsed: Any) -> str:
    """Say that a web page came where a feed was expected, and where its feed is if it names one."""
    feeds = [link.get("href") for link in parsed.feed.get("links", [])
             if link.get("rel") == "alternate" and "xml" in str(link.get("type", "")) and link.get("href")]
    hint = f"; the page names a feed at {feeds[0]}" if feeds else ""
    return f"this is an HTML web page, not an RSS or Atom feed{hint}"


def _entry(item: Any) -> RawEntry | None:
    title = item.get("title", "") or ""
    link = item.get("link")
    if not title.strip() and not link:
        return None
    content = item.get("content") or []
    description = content[0].get("value", "") if content else item.get("summary", "")
    # Government job feeds (NEOGOV) carry the hiring department and place in joblisting:.
    organisation = item.get("joblisting_department") or item.get("author") or None
    tags = tuple(t.get("term", "").strip() for t in item.get("tags", []) if t.get("term"))
    fields = _joblisting_fields(item)
    if fields.get("schedule"):
        tags += (fields["schedule"],)
    return RawEntry(
        title=title,
        external_id=item.get("id") or item.get("joblisting_jobid") or link,
        url=link,
        description_html=description or "",
        organisation=organisation,
        # Plain dict lookups: feedparser's own get() maps "updated" to "published" with a warning.
        published=dict.get(item, "published") or dict.get(item, "updated"),
        updated=dict.get(item, "updated"),
        categories=tags,
        location_text=item.get("joblisting_location"),
        fields=fields,
    )


# NEOGOV (governmentjobs.com) feeds state pay and the closing date in their own elements.
# "Continuous" and "Open Until Filled" are not dates: no deadline is read from them.
_NOT_A_DATE = ("continuous", "open until filled", "until filled", "open")


def _local_day(utc_text: str) -> str:
    """Return the site's calendar day of a UTC instant ("2027-02-01T05:59:00" is January 31)."""
    moment = parse_datetime(utc_text if utc_text[-1:].isalpha() else utc_text + "Z")
    return moment.astimezone(ZoneInfo(DEFAULT_TZ)).date().isoformat() if moment else utc_text


def _joblisting_fields(item: Any) -> dict[str, str]:
    fields: dict[str, str] = {}
    salary = str(item.get("joblisting_salary") or "").strip()
    low, high = item.get("joblisting_minimumsalary"), item.get("joblisting_maximumsalary")
    if salary:
        fields["pay"] = salary  # "$15.00 - $18.00 Hourly"; "Depends on Qualifications" says nothing
    elif (low or high) and (written := pay_text(low, high, item.get("joblisting_salaryinterval"))):
        fields["pay"] = written
    for key in ("joblisting_advertisetodateutc", "joblisting_closingdate", "joblisting_closedate"):
        closing = str(item.get(key) or "").strip()
        if closing and closing.lower() not in _NOT_A_DATE:
            fields["deadline"] = _local_day(closing) if key.endswith("utc") else closing
            break
    if job_type := str(item.get("joblisting_jobtype") or "").strip():
        fields["schedule"] = job_type
    return {k: v for k, v in fields.items() if v}


def _describe(problem: Any) -> str:
    text = str(getattr(problem, "getMessage", lambda: problem)()) if problem else "unknown problem"
    text = " ".join(text.split())[:200]
    # SAX says "<unknown>:8:15: undefined entity"; people read "undefined entity (near line 8)".
    where = getattr(problem, "getLineNumber", None)
    if callable(where) and where():
        return f"{text} (near line {where()})"
    return text
