"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read directly: feedparser 6 does not."""
from __future__ import annotations

from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._json import describe, dicts, load_json, text, texts
from ingest.parsers._markup import plain_html
from ingest.records import RawEntry


def parse_jsonfeed(content: bytes) -> ParseResult:
    """Parse a JSON Feed document."""
    data = load_json(content)
    if not isinstance(data, dict) or "jsonfeed.org/version" not in str(data.get("version", "")):
        raise ParseError(f"not a JSON Feed: expected an object with a jsonfeed.org 'version', found {describe(data)}")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError("the JSON Feed has no 'items' list")
    entries, warnings = [], []
    if not items:
        warnings.append("the feed is readable but has no items")
    for number, item in enumerate(items, 1):
        entry = _entry(item) if isinstance(item, dict) else None
        if entry is None:
            warnings.append(f"item {number} has no title, link or content; skipped")
            continue
        entries.append(entry)
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _entry(item: dict[str, Any]) -> RawEntry | None:
    title = text(item.get("title")) or ""
    url = text(item.get("url")) or text(item.get("external_url"))
    description = text(item.get("content_html")) or plain_html(text(item.get("content_text"))) \
        or plain_html(text(item.get("summary")))
    if not (title or url or description):
        return None
    # 1.1 has an "authors" list; 1.0 had a single "author".
    authors = [a.get("name") for a in dicts(item.get("authors") or item.get("author"))]
    return RawEntry(
        title=title,
        external_id=text(item.get("id")) or url,
        url=url,
        description_html=description or "",
        organisation=next(iter(texts(authors)), None),
        published=text(item.get("date_published")) or text(item.get("date_modified")),
        updated=text(item.get("date_modified")),
        categories=texts(item.get("tags") or []) if isinstance(item.get("tags"), list) else (),
    )
