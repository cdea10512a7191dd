"""Indeed-style XML job feeds (``<source><job><title>…</job></source>``), the shape many ATSs export."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.entities import name2codepoint
from typing import Any
from xml.parsers import expat

from lxml import etree

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, place_text
from ingest.parsers._sniff import head_text, is_html
from ingest.records import RawEntry

# Tag spellings seen across Indeed, ZipRecruiter, Loxo and hand-written feeds, by meaning.
_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("title", "jobtitle", "job_title"),
    "id": ("referencenumber", "requisitionid", "jobid", "job_id", "id", "guid"),
    "url": ("url", "applyurl", "apply_url", "link", "joburl", "job_url"),
    "company": ("company", "employer", "companyname", "company_name", "sourcename"),
    "date": ("date", "dateposted", "date_posted", "posted", "pubdate", "postingdate"),
    "description": ("description", "body", "summary", "jobdescription"),
    "deadline": ("expirationdate", "expiration_date", "deadline", "closingdate", "closing_date", "validthrough"),
    "pay": ("salary", "compensation", "pay", "wage"),
    "schedule": ("jobtype", "job_type", "employmenttype", "employment_type", "type"),
    "category": ("category", "categories", "industry", "department"),
    "street": ("streetaddress", "street_address", "address"),
    "city": ("city",),
    "state": ("state", "region", "province"),
    "zip": ("postalcode", "postal_code", "zip", "zipcode"),
    "country": ("country",),
    "location": ("location", "joblocation", "job_location"),
    "remote": ("remotetype", "remote_type", "remote", "isremote", "telecommute"),
}
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_JOB_START = re.compile(rb"<job[\s>]", re.IGNORECASE)
_SHOWN_PROBLEMS = 3
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)")


class _Refused(Exception):
    """The document declares a DOCTYPE or entities, which a job feed never needs."""


def parse_indeed(content: bytes) -> ParseResult:
    """Parse an Indeed-style XML feed into entries, one per <job>."""
    warnings: list[str] = []
    root = _parse_guarded(content, warnings)
    jobs = [element for element in root.iter() if _local(element.tag) == "job"]
    if not jobs and _local(root.tag) not in ("source", "jobs"):
        raise ParseError(f"the XML root <{_local(root.tag)}> holds no <job> elements; "
                         "expected an Indeed-style <source><job>…</job></source> feed")
    if not jobs:
        warnings.append("the feed is readable but has no <job> elements")
    entries = []
    for number, job in enumerate(jobs, 1):
        values = _values(job)
        if not values.get("title"):
            warnings.append(f"job {number} has no <title>; skipped")
            continue
        entries.append(_entry(values))
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _parse_guarded(content: bytes, warnings: list[str]) -> ET.Element:
    """Parse XML, refusing DOCTYPE/ENTITY declarations (billion laughs, external entities)."""
    try:
        return _parse(content)
    except _Refused:
        if is_html(head_text(content)):
            raise ParseError("this is an HTML web page, not an Indeed-style XML feed") from None
        raise ParseError("the XML declares a DOCTYPE or entities, which job feeds never need and which can "
                         "hide entity-expansion attacks; refused") from None
    except expat.ExpatError as exc:
        # Hand-written feeds use HTML's &nbsp; and a bare "R&D"; XML allows neither. Read
        # them as a browser would, and say so; if that does not help, report the first error.
        repaired = _repair_entities(content)
        if repaired != content:
            try:
                root = _parse(repaired)
            except (expat.ExpatError, _Refused):
                pass
            else:
                warnings.append(f"the XML is not well-formed ({exc}); HTML entities and bare '&' were read as text")
                return root
        recovered = _recover(repaired, warnings)
        if recovered is None:
            raise ParseError(f"not well-formed XML: {exc}") from exc
        return recovered


def _recover(content: bytes, warnings: list[str]) -> ET.Element | None:
    """Read what a recovering parser can of broken XML; say where it was broken and what was lost."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        tree = etree.fromstring(content.lstrip(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if tree is None or tree.getroottree().docinfo.doctype:
        return None
    problems = [f"line {e.line}: {e.message}" for e in parser.error_log][:_SHOWN_PROBLEMS]
    more = len(parser.error_log) - len(problems)
    written = len(_JOB_START.findall(content))
    read = sum(1 for element in tree.iter() if isinstance(element.tag, str) and _local(element.tag) == "job")
    lost = f"; {written - read} of {written} <job> elements could not be read" if read < written else ""
    warnings.append("the XML is not well-formed; read with a recovering parser, so text near these places may be "
                    f"cut short: {'; '.join(problems)}{f' (and {more} more)' if more > 0 else ''}{lost}")
    # The recovered tree, written out again, is well-formed: read it as any other feed.
    return _parse(etree.tostring(tree, encoding="utf-8"))


def _parse(content: bytes) -> ET.Element:
    # Generated feeds often start with a blank line (or a BOM, then one) before <?xml …?>,
    # which expat rejects; UTF-16 content keeps its own BOM for expat to read.
    if not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        content = content.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_: Any) -> None:
        raise _Refused()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(content, True)
    return builder.close()


def _repair_entities(content: bytes) -> bytes:
    def numeric(m: re.Match[bytes]) -> bytes:
        name = m.group(1).decode("ascii")
        if name in _XML_ENTITIES or name not in name2codepoint:
            return m.group(0)
        return b"&#%d;" % name2codepoint[name]

    return _BARE_AMPERSAND.sub(b"&amp;", _ENTITY.sub(numeric, content))


def _local(tag: Any) -> str:
    """Return an element's name without namespace prefix, lower-cased."""
    return str(tag).rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _inner(element: ET.Element) -> str:
    """Return an element's content: CDATA text as is, inline XHTML markup kept."""
    parts = [element.text or ""]
    parts.extend(ET.tostring(child, encoding="unicode") for child in element)
    return "".join(parts).strip()


def _values(job: ET.Element) -> dict[str, str]:
    children: dict[str, str] = {}
    for child in job:
        name = _local(child.tag)
        if len(child) and name not in _TAGS["description"]:
            # <location><city>…</city><state>…</state></location>: read the words, not the markup.
            value = ", ".join(t.strip() for t in child.itertext() if t.strip())
        else:
            value = _inner(child)
        if value and name not in children:
            children[name] = value
    values: dict[str, str] = {}
    for meaning, names in _TAGS.items():
        found = next((children[n] for n in names if n in children), None)
        if found:
            values[meaning] = found
    return values


def _entry(values: dict[str, str]) -> RawEntry:
    fields: dict[str, str] = {}
    for meaning, field in (("deadline", "deadline"), ("pay", "pay"), ("street", "address"), ("city", "city"),
                           ("state", "state"), ("zip", "zip")):
        if values.get(meaning):
            fields[field] = values[meaning]
    schedule = employment_words(values.get("schedule"))
    if schedule:
        fields["schedule"] = schedule
    remote = values.get("remote", "")
    if remote.lower() in ("true", "yes", "1"):
        fields["work_mode"] = "remote"
    elif remote:
        fields["work_mode"] = remote  # "Fully remote", "Hybrid"
    elif re.fullmatch(r"\s*remote\s*", values.get("city", ""), re.IGNORECASE):
        fields["work_mode"] = "remote"  # Loxo writes <city>Remote</city>
    place = values.get("location") or place_text(values.get("street"), values.get("city"), values.get("state"),
                                                  values.get("zip"), values.get("country"))
    categories = tuple(dict.fromkeys(c.strip() for c in re.split(r"[,;|]", values.get("category", "")) if c.strip()))
    return RawEntry(
        title=values["title"],
        external_id=values.get("id"),
        url=values.get("url"),
        description_html=values.get("description", ""),
        organisation=values.get("company"),
        published=values.get("date"),
        categories=categories + ((schedule,) if schedule else ()),
        location_text=place,
        fields=fields,
    )
