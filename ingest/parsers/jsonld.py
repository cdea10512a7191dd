"""schema.org JobPosting and EducationalOccupationalProgram in JSON-LD, from web pages or bare JSON."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, kind_unless_stated, place_text
from ingest.parsers._json import JSONLD_TYPES, as_list, dicts, label, text, texts
from ingest.parsers._markup import plain_html
from ingest.parsers._money import pay_text
from ingest.parsers._scripts import ScriptCollector
from ingest.records import RawEntry

_MAX_NODES = 100_000  # a walk over a hostile page's JSON stops here
# How the errors for a page without postings start (another reader may still find jobs).
NO_POSTINGS = ("no JSON-LD found", "the JSON-LD holds no")

# What pages wrap their JSON in: HTML comments and CDATA markers (with or without the
# "//" that hides them from old script engines), as WordPress job plugins do.
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$"
                       r"|^\s*/\*\s*<!\[CDATA\[\s*\*/|/\*\s*\]\]>\s*\*/\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# schema.org typicalAgeRange: "16-24", "16-" or "16+".
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_AGE_RANGE = re.compile(r"\s*(\d{1,2})\s*(?:[-–]\s*(\d{1,2})?|\+)\s*")


class _ScriptFinder(ScriptCollector):
    """Collect the text of each ld+json script, and the page's own address."""

    def __init__(self) -> None:
        super().__init__()
        self.page_url: str | None = None
        self.feed_url: str | None = None

    def wants_script(self, attrs: dict[str, str]) -> bool:
        return attrs.get("type", "").split(";")[0].strip().lower() == "application/ld+json"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        values = {name: (value or "") for name, value in attrs}
        if tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.page_url = self.page_url or values["href"]
        elif (tag == "link" and values.get("rel", "").lower() == "alternate" and values.get("href")
              and values.get("type", "").lower() in _FEED_TYPES):
            self.feed_url = self.feed_url or values["href"]
        elif tag == "meta" and values.get("property", "").lower() == "og:url" and values.get("content"):
            self.page_url = self.page_url or values["content"]


def parse_jsonld(content: bytes) -> ParseResult:
    """Parse the JobPosting and EducationalOccupationalProgram items a page or JSON-LD file holds."""
    document = _decode(content)
    warnings: list[str] = []
    if document.lstrip()[:1] in ("{", "["):
        root = _load_block(document, 1, warnings)
        if root is None:
            reason = warnings[0].replace("JSON-LD block 1", "the JSON-LD document").removesuffix("; skipped")
            raise ParseError(reason if warnings else "the JSON-LD document is empty")
        roots, page_url = [root], None
    else:
        finder = _ScriptFinder()
        finder.feed(document)
        finder.close()
        if not finder.blocks:
            hint = f"; the page names a feed at {finder.feed_url}" if finder.feed_url else ""
            raise ParseError("no JSON-LD found: expected a web page with <script type=\"application/ld+json\"> "
                             f"describing a schema.org JobPosting{hint}")
        roots = [_load_block(block, number, warnings) for number, block in enumerate(finder.blocks, 1)]
        page_url = finder.page_url
    nodes, seen_types = _wanted_nodes(roots)
    if not nodes:
        found = ", ".join(sorted(seen_types)[:8]) or "no typed items"
        if warnings:
            found += f"; {len(warnings)} block(s) could not be read"
        raise ParseError("the JSON-LD holds no schema.org JobPosting or EducationalOccupationalProgram "
                         f"(found: {found})")
    read = [(kind, _program(node) if kind == "EducationalOccupationalProgram" else _job(node)) for kind, node in nodes]
    # A job page's own JSON-LD often leaves out "url": the page is the posting. Only one
    # item may take the page's address, or a board page would turn into one listing.
    without_url = [entry for _, entry in read if entry is not None and entry.url is None]
    entries: list[RawEntry] = []
    seen: set[tuple[str, str]] = set()
    for number, (kind, entry) in enumerate(read, 1):
        if entry is None:
            warnings.append(f"{kind} {number} has no title or name; skipped")
            continue
        if entry.url is None and page_url and len(without_url) == 1:
            entry = _with_url(entry, page_url)
        key = (entry.title, entry.external_id or entry.url or "")
        if key in seen:
            continue  # the same posting in two blocks (a page's ld+json and its plugin's)
        seen.add(key)
        entries.append(entry)
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _load_block(block: str, number: int, warnings: list[str]) -> Any:
    """Return one block's JSON, or None (with a warning) when it cannot be read."""
    cleaned = block.strip()
    for _ in range(3):  # "<!--" around "<![CDATA[" needs two passes
        cleaned = _WRAPPERS.sub("", cleaned).strip()
    if not cleaned:
        return None
    error: ValueError | None = None
    try:
        # strict=False: pages put raw newlines and tabs inside strings (descriptions).
        for attempt in (cleaned, _TRAILING_COMMA.sub(r"\1", cleaned)):
            try:
                return json.loads(attempt, strict=False)
            except json.JSONDecodeError as exc:
                error = error or exc
        return _concatenated(cleaned)
    except json.JSONDecodeError:
        pass
    except RecursionError:
        warnings.append(f"JSON-LD block {number} is nested too deeply; skipped")
        return None
    assert isinstance(error, json.JSONDecodeError)
    warnings.append(f"JSON-LD block {number} is not valid JSON ({error.msg} at line {error.lineno}); skipped")
    return None


def _concatenated(block: str) -> list[Any]:
    """Read a block holding several JSON values one after another ("{…}{…}" or "{…},{…}")."""
    decoder = json.JSONDecoder(strict=False)
    values, position = [], 0
    while position < len(block):
        value, position = decoder.raw_decode(block, position)
        values.append(value)
        while position < len(block) and block[position] in " \t\r\n,;":
            position += 1
    return values


def _types(node: dict[str, Any]) -> set[str]:
    # "JobPosting", "schema:JobPosting" and "http://schema.org/JobPosting" all name one type.
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in as_list(node.get("@type")) if t}


def _wanted_nodes(roots: list[Any]) -> tuple[list[tuple[str, dict[str, Any]]], set[str]]:
    """Return the wanted items anywhere in the JSON (in @graph, lists, nested), and every type seen."""
    found: list[tuple[str, dict[str, Any]]] = []
    seen_types: set[str] = set()
    stack: list[Any] = list(reversed(roots))
    visited = 0
    while stack and visited < _MAX_NODES:
        value = stack.pop()
        visited += 1
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            types = _types(value)
            seen_types |= types
            wanted = types & JSONLD_TYPES
            if wanted:
                found.append((sorted(wanted)[0], value))
                continue  # a posting's own parts (its organisation, place) are not postings
            stack.extend(reversed(list(value.values())))
    return found, seen_types


def _name(value: Any) -> str | None:
    """Return the name of an Organization/Place/Country, or the value when it is text."""
    for item in as_list(value):
        if found := (label(item) if isinstance(item, dict) else text(item)):
            return found
    return None


def _url(node: dict[str, Any]) -> str | None:
    for key in ("url", "directApply", "sameAs", "mainEntityOfPage"):
        for value in as_list(node.get(key)):
            value = value.get("@id") or value.get("url") if isinstance(value, dict) else value
            # directApply is a yes/no in schema.org, but some sites put the apply link there.
            if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
                return value.strip()
    return None


def _identifier(node: dict[str, Any]) -> str | None:
    for value in as_list(node.get("identifier")):
        found = text(value.get("value")) or text(value.get("name")) if isinstance(value, dict) else text(value)
        if found:
            return found
    return text(node.get("@id"))


def _address(node: dict[str, Any], key: str) -> tuple[str | None, dict[str, str]]:
    """Return the first place's written location and its parts as Listing fields."""
    for place in as_list(node.get(key)):
        address = place.get("address", place) if isinstance(place, dict) else place
        if isinstance(address, str) and address.strip():
            return address.strip(), {}
        if not isinstance(address, dict):
            continue
        parts = {"address": text(address.get("streetAddress")), "city": text(address.get("addressLocality")),
                 "state": text(address.get("addressRegion")), "zip": text(address.get("postalCode"))}
        written = place_text(parts["address"], parts["city"], parts["state"], parts["zip"],
                             _name(address.get("addressCountry")))
        if written:
            return written, {k: v for k, v in parts.items() if v}
    return None, {}


def _salary(node: dict[str, Any]) -> str | None:
    salary = node.get("baseSalary")
    for money in dicts(salary):
        currency = money.get("currency")
        # The range sits in a QuantitativeValue under "value" (Google's form), or on the
        # MonetaryAmount itself, or "value" is a bare number.
        for value in as_list(money.get("value")) or [money]:
            if isinstance(value, dict):
                written = pay_text(value.get("minValue", value.get("value")), value.get("maxValue"),
                                   value.get("unitText") or money.get("unitText"), currency)
            else:
                written = pay_text(value, None, money.get("unitText"), currency)
            if written:
                return written
    if isinstance(salary, (int, float)) and not isinstance(salary, bool):
        return pay_text(salary, None, None, node.get("salaryCurrency"))
    return text(salary)  # written out: "$15 an hour"


def _job(node: dict[str, Any]) -> RawEntry | None:
    title = text(node.get("title")) or text(node.get("name"))
    if not title:
        return None
    fields: dict[str, str] = {}
    location, parts = _address(node, "jobLocation")
    fields.update(parts)
    if pay := _salary(node):
        fields["pay"] = pay
    if deadline := text(node.get("validThrough")):
        fields["deadline"] = deadline
    remote = any(str(t).upper() == "TELECOMMUTE" for t in as_list(node.get("jobLocationType")))
    if remote:
        # Google's reading: TELECOMMUTE beside a jobLocation means home or office, which is hybrid.
        fields["work_mode"] = "hybrid" if location else "remote"
    where = texts(_name(a) for a in as_list(node.get("applicantLocationRequirements")))
    if where:
        fields["eligibility"] = "Applicants must be in: " + ", ".join(where)
    employment = texts(employment_words(text(t)) for t in as_list(node.get("employmentType")))
    if employment:
        fields["schedule"] = ", ".join(employment)
    if hours := text(node.get("workHours")):
        fields["schedule"] = ", ".join(filter(None, [fields.get("schedule"), hours]))
    if start := text(node.get("jobStartDate")):
        fields["start_date"] = start
    description = text(node.get("description")) or ""
    qualifications = node.get("qualifications")
    if isinstance(qualifications, str) and qualifications.strip():
        description += f"<h3>Qualifications</h3>{plain_html(qualifications.strip())}"
    return RawEntry(
        title=title,
        external_id=_identifier(node),
        url=_url(node),
        description_html=description,
        organisation=_name(node.get("hiringOrganization")),
        published=text(node.get("datePosted")),
        categories=texts([*employment, *(_name(c) for c in as_list(node.get("occupationalCategory"))),
                          *(_name(c) for c in as_list(node.get("industry")))]),
        location_text=location or (", ".join(where) if where else None),
        fields=fields,
    )


def _program(node: dict[str, Any]) -> RawEntry | None:
    title = text(node.get("name")) or text(node.get("title"))
    if not title:
        return None
    fields: dict[str, str] = {}
    location, parts = _address(node, "location")
    fields.update(parts)
    for key, field in (("applicationDeadline", "deadline"), ("startDate", "start_date"), ("endDate", "end_date")):
        if value := text(node.get(key)):
            fields[field] = value
    if mode := text(node.get("educationalProgramMode")):
        fields["work_mode"] = mode  # "online", "in person", "hybrid"
    if ages := _AGE_RANGE.fullmatch(text(node.get("typicalAgeRange")) or ""):
        fields.update({k: v for k, v in (("min_age", ages.group(1)), ("max_age", ages.group(2))) if v})
    description = (text(node.get("description")) or "") + _cost(node.get("offers"))
    categories = texts([_name(c) for c in as_list(node.get("occupationalCategory"))]
                       + [_name(c) for c in as_list(node.get("programType"))])
    if kind := kind_unless_stated("training", title, categories):
        fields["kind"] = kind  # a program is training unless it says it is an internship, say
    return RawEntry(
        title=title,
        external_id=_identifier(node),
        url=_url(node),
        description_html=description,
        organisation=_name(node.get("provider")),
        published=text(node.get("datePublished")),
        categories=categories,
        location_text=location,
        fields=fields,
    )


def _cost(offers: Any) -> str:
    """Return what the program costs as a line of description ("Cost: free")."""
    # A price is paid by the participant, so it is shown, never read as pay.
    for offer in dicts(offers):
        price = text(offer.get("price"))
        if price is None:
            continue
        currency = str(text(offer.get("priceCurrency")) or "USD").upper()
        if price in ("0", "0.0", "0.00") or price.lower() == "free":
            return plain_html("Cost: free")
        return plain_html(f"Cost: {'$' + price if currency == 'USD' else price + ' ' + currency}")
    return ""


def _with_url(entry: RawEntry, url: str) -> RawEntry:
    return replace(entry, url=url, external_id=entry.external_id or url)
