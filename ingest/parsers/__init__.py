"""Parsers: bytes of one format in, RawEntry records out. Pure: no database, no Flask."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from ingest.errors import ParseError
from ingest.records import RawEntry


@dataclass(frozen=True)
class ParseResult:
    entries: tuple[RawEntry, ...]
    # Survivable problems (a row without a title, a feed with a recoverable XML error).
    warnings: tuple[str, ...] = field(default_factory=tuple)


Parser = Callable[[bytes], ParseResult]


def _feed(content: bytes) -> ParseResult:
    from ingest.parsers.feed import parse_feed

    return parse_feed(content)


def _greenhouse(content: bytes) -> ParseResult:
    from ingest.parsers.greenhouse import parse_greenhouse

    return parse_greenhouse(content)


def _csv(content: bytes) -> ParseResult:
    from ingest.parsers.partner_csv import parse_partner_csv

    return parse_partner_csv(content)


PARSERS: dict[str, Parser] = {
    "rss": _feed,
    "atom": _feed,
    "feed": _feed,
    "greenhouse": _greenhouse,
    "csv": _csv,
}
FORMATS = frozenset(PARSERS) | {"auto"}


def detect_format(content: bytes) -> str:
    """Guess the format from the content itself, not the file name."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    if head.startswith(b"<"):
        return "feed"
    if head.startswith((b"{", b"[")):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"looks like JSON but is not valid JSON: {exc}") from exc
        if isinstance(data, dict) and isinstance(data.get("jobs"), list):
            return "greenhouse"
        raise ParseError("JSON has no 'jobs' list, so it is not a job-board response this site reads")
    first_line = head.split(b"\n", 1)[0]
    if b"," in first_line or b";" in first_line or b"\t" in first_line:
        return "csv"
    raise ParseError("could not tell the format from the content; set 'format' for this source")


def parse(content: bytes, fmt: str) -> ParseResult:
    """Parse ``content`` as ``fmt`` (or detect it for 'auto'); raise ParseError on failure."""
    if not content.strip():
        raise ParseError("the source is empty")
    if fmt == "auto":
        fmt = detect_format(content)
    try:
        parser = PARSERS[fmt]
    except KeyError:
        raise ParseError(f"unknown format {fmt!r}") from None
    return parser(content)
