"""Look at the first bytes of a document to tell which family of format it is."""
from __future__ import annotations

import codecs
import re

_SNIFF_BYTES = 64 * 1024
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8"))

# Before the root element XML may hold a declaration, comments and a DOCTYPE; feedparser's
# own test feeds open with a long comment, so these are skipped, not just the first line.
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?(?:-->|$)|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>)", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")  # after the prolog's last line break
_DOCTYPE_HTML = re.compile(r"<!DOCTYPE\s+html", re.IGNORECASE)
_JSONLD_SCRIPT = re.compile(rb"<script[^>]*?type\s*=\s*[\"']?\s*application/ld\+json", re.IGNORECASE)
_JOB_ELEMENT = re.compile(r"<job[\s>]", re.IGNORECASE)

FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
JOB_XML_ROOTS = frozenset({"source", "jobs"})


def head_text(content: bytes) -> str:
    """Return the start of content as text, BOM removed, for looking at its structure."""
    head = content[:_SNIFF_BYTES]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="ignore").lstrip()
    # Markup and keywords are ASCII in every encoding this site meets; latin-1 never fails.
    return head.decode("latin-1").lstrip()


def xml_root(text: str) -> str | None:
    """Return the lower-case local name of the first element, or None when there is none."""
    position = 0
    while True:
        m = _PROLOG.match(text, position)
        if not m or m.end() == position:
            break
        position = m.end()
    m = _ROOT.match(text, position)
    return m.group(1).rsplit(":", 1)[-1].lower() if m else None


def is_html(text: str) -> bool:
    """Tell whether a document is an HTML page rather than an XML feed."""
    return xml_root(text) == "html" or bool(_DOCTYPE_HTML.match(text))


def has_job_elements(text: str) -> bool:
    """Tell whether XML holds <job> elements (Indeed-style feeds under any root)."""
    return bool(_JOB_ELEMENT.search(text))


def has_jsonld(content: bytes) -> bool:
    """Tell whether content carries a <script type="application/ld+json"> block."""
    return bool(_JSONLD_SCRIPT.search(content))


def is_icalendar(text: str) -> bool:
    """Tell whether text starts like an iCalendar file."""
    return text[:15].upper().startswith("BEGIN:VCALENDAR")


def structured_kind(text: str) -> str | None:
    """Name the markup or JSON a document starts with ("an HTML page", "XML", "JSON"), else None."""
    if text.startswith(("{", "[")):
        return "JSON"
    if text.startswith("<"):
        return "an HTML page" if is_html(text) else "XML"
    return None
