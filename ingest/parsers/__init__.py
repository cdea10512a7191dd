"""Parsers: bytes of one format in, RawEntry records out. Pure: no database, no Flask."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ingest.errors import ParseError
from ingest.records import RawEntry


@dataclass(frozen=True)
class ParseResult:
    entries: tuple[RawEntry, ...]
    # Survivable problems (a row without a title, a feed with a recoverable XML error).
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # Why the entries look like events rather than opportunities: they are refused unless
    # the source says it is meant as events (its default kind is "workshop").
    events_only: str | None = None


EVENTS_KIND = "workshop"


def refuse_unless_meant(parsed: ParseResult, default_kind: str | None) -> None:
    """Raise ParseError when a source's entries are events with no way in and it did not ask for events."""
    if parsed.events_only and default_kind != EVENTS_KIND:
        raise ParseError(parsed.events_only)


Parser = Callable[[bytes], ParseResult]


def _feed(content: bytes) -> ParseResult:
    from ingest.parsers._sniff import has_job_elements, head_text
    from ingest.parsers.feed import parse_feed
    from ingest.parsers.indeed import parse_indeed

    try:
        result = parse_feed(content)
    except ParseError:
        if not has_job_elements(head_text(content)):
            raise
        result = ParseResult(())
    if result.entries or not has_job_elements(head_text(content)):
        return result
    # Some boards publish an "RSS" whose items are <job> elements, which feed readers skip.
    jobs = parse_indeed(content)
    return ParseResult(jobs.entries, ("the feed's items are <job> elements; read as a job feed",) + jobs.warnings)


def _greenhouse(content: bytes) -> ParseResult:
    from ingest.parsers.greenhouse import parse_greenhouse

    return parse_greenhouse(content)


def _csv(content: bytes) -> ParseResult:
    from ingest.parsers._sniff import head_text, structured_kind
    from ingest.parsers.hsds import refuse_hsds
    from ingest.parsers.partner_csv import parse_partner_csv

    # A source set to "csv" whose address now answers with a web page would otherwise be
    # read as a one-row sheet whose header is the page's first line.
    if kind := structured_kind(head_text(content)):
        raise ParseError(f"not a CSV file: the content is {kind}")
    refuse_hsds(content)
    return parse_partner_csv(content)


def _jsonfeed(content: bytes) -> ParseResult:
    from ingest.parsers.jsonfeed import parse_jsonfeed

    return parse_jsonfeed(content)


def _usajobs(content: bytes) -> ParseResult:
    from ingest.parsers.usajobs import parse_usajobs

    return parse_usajobs(content)


def _lever(content: bytes) -> ParseResult:
    from ingest.parsers.lever import parse_lever

    return parse_lever(content)


def _ashby(content: bytes) -> ParseResult:
    from ingest.parsers.ashby import parse_ashby

    return parse_ashby(content)


def _smartrecruiters(content: bytes) -> ParseResult:
    from ingest.parsers.smartrecruiters import parse_smartrecruiters

    return parse_smartrecruiters(content)


def _workable(content: bytes) -> ParseResult:
    from ingest.parsers.workable import parse_workable

    return parse_workable(content)


def _jsonld(content: bytes) -> ParseResult:
    from ingest.parsers.jsonld import NO_POSTINGS, parse_jsonld
    from ingest.parsers.script_json import find_jobs, parse_script_json

    try:
        return parse_jsonld(content)
    except ParseError as exc:
        # A careers page without schema.org markup may still carry its jobs as JSON in a
        # script; only when it does not is the JSON-LD error the answer.
        if str(exc).startswith(NO_POSTINGS) and find_jobs(content.decode("utf-8", errors="replace")):
            return parse_script_json(content)
        raise


def _script_json(content: bytes) -> ParseResult:
    from ingest.parsers.script_json import parse_script_json

    return parse_script_json(content)


def _workday(content: bytes) -> ParseResult:
    from ingest.parsers.workday import parse_workday

    return parse_workday(content)


def _ical(content: bytes) -> ParseResult:
    from ingest.parsers.ical import parse_ical

    return parse_ical(content)


def _indeed(content: bytes) -> ParseResult:
    from ingest.parsers.indeed import parse_indeed

    return parse_indeed(content)


def _internship_list(content: bytes) -> ParseResult:
    from ingest.parsers.internship_list import parse_internship_list

    return parse_internship_list(content)


PARSERS: dict[str, Parser] = {
    "rss": _feed,
    "atom": _feed,
    "feed": _feed,
    "greenhouse": _greenhouse,
    "csv": _csv,
    "jsonfeed": _jsonfeed,
    "usajobs": _usajobs,
    "lever": _lever,
    "ashby": _ashby,
    "smartrecruiters": _smartrecruiters,
    "workable": _workable,
    "jsonld": _jsonld,
    "ical": _ical,
    "indeed": _indeed,
    "internship_list": _internship_list,
    "workday": _workday,
    "script_json": _script_json,
}
FORMATS = frozenset(PARSERS) | {"auto"}


def detect_format(content: bytes) -> str:
    """Guess the format from the content itself, not the file name."""
    from ingest.parsers import _json, _sniff

    head = _sniff.head_text(content)
    if _sniff.is_icalendar(head):
        return "ical"
    if head.startswith(("{", "[")):
        # Each JSON board is told apart by its keys (see _json.json_format for the order).
        return _json.json_format(_json.load_json(content))
    if head.startswith("<"):
        root = _sniff.xml_root(head)
        if root in _sniff.FEED_ROOTS:
            return "feed"
        if root in _sniff.JOB_XML_ROOTS or (root != "html" and _sniff.has_job_elements(head)):
            return "indeed"
        if _sniff.is_html(head) or _sniff.has_jsonld(content):
            if not _sniff.has_jsonld(content):
                from ingest.parsers.script_json import find_jobs

                if find_jobs(content.decode("utf-8", errors="replace")):
                    return "script_json"  # a careers page whose jobs are JSON in a script
            return "jsonld"
        return "feed"  # any other XML: feedparser reads odd feeds and explains what it cannot
    if _sniff.has_jsonld(content):
        return "jsonld"  # a page fragment, or schema.org's own examples, with ld+json inside
    first_line = head.split("\n", 1)[0]
    if "," in first_line or ";" in first_line or "\t" in first_line:
        return "csv"
    raise ParseError("could not tell the format from the content; set 'format' for this source")


def parse(content: bytes, fmt: str) -> ParseResult:
    """Parse ``content`` as ``fmt`` (or detect it for 'auto'); raise ParseError on failure."""
    # A byte-order mark alone is still nothing (icalendar's bom_calendar.ics starts with one).
    if not content.strip().removeprefix(b"\xef\xbb\xbf").strip():
        raise ParseError("the source is empty")
    try:
        if fmt == "auto":
            fmt = detect_format(content)
        try:
            parser = PARSERS[fmt]
        except KeyError:
            raise ParseError(f"unknown format {fmt!r}") from None
        return parser(content)
    except RecursionError as exc:
        # Nesting deeper than Python's stack (100,000 "[" say) fails in the JSON decoder
        # or in any code that walks what it decoded: one answer for every format.
        raise ParseError("the source is nested too deeply to read") from exc
