"""Normalize: a RawEntry plus its source's defaults become a NormalizedListing. Pure."""
from __future__ import annotations

import hashlib
import re
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Mapping

from ingest.extract.classify import guess_kind, guess_pathways
from ingest.extract.dates import find_date_range, find_deadline, parse_date, parse_datetime
from ingest.extract.eligibility import find_ages, find_grades
from ingest.extract.location import NOWHERE, find_zip_near, read_places
from ingest.extract.pay import Pay, find_pay
from ingest.extract.urls import canonical_url
from ingest.extract.workmode import find_work_mode
from ingest.limits import capped_description, capped_title
from ingest.rebase import rebase_listing
from ingest.records import NormalizedListing, RawEntry, SourceDefaults
from tracker import taxonomy
from tracker.fingerprint import fingerprint
from tracker.geo import zip_point
from tracker.text import clean_text, html_to_text, sanitize_html

DEFAULT_KIND = "job"
UNKNOWN_ORGANISATION = "Organisation not stated"
ORGANISATION_LIMIT = 300

_HOURS = re.compile(r"\b(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?\s*(?:hours|hrs)\s*(?:a|per|/)\s*week", re.I)
_TRANSPORT_PROVIDED = re.compile(r"\b(transportation|transport|bus pass(?:es)?|rides?|shuttle)\b[^.]{0,40}\bprovided\b|\bprovides?\s+(?:transportation|bus passes|rides)", re.I)
_LABELLED_LINE = r"^\s*{label}\s*:\s*(.+?)\s*$"


class Skipped(ValueError):
    """An entry that cannot become a listing (no title, say); the reason says why."""


def normalize(entry: RawEntry, defaults: SourceDefaults, today: date, notes: list[str] | None = None) -> NormalizedListing:
    """Return the listing an entry describes, in the site's terms; raise Skipped if none.

    What had to be changed to store the entry (text cut to the caps) is added to ``notes``.
    """
    title = capped_title(clean_text(entry.title), notes)
    if not title:
        raise Skipped("entry has no title")
    # Values are read from the capped text only: each one shown can be found in it.
    description = capped_description(entry.description_html or "", notes)
    text = html_to_text(description)
    fields = entry.fields

    kind = _kind(fields.get("kind"), title, text, entry.categories) or defaults.kind or DEFAULT_KIND
    pathways = _pathways(fields.get("pathways"), title, text, entry.categories) or defaults.pathways

    ages = find_ages(" ".join(filter(None, [fields.get("eligibility"), text])))
    min_age, max_age = _int(fields.get("min_age")), _int(fields.get("max_age"))
    eligibility = None
    if min_age is not None or max_age is not None:
        eligibility = fields.get("eligibility") or _age_words(min_age, max_age)
    elif ages is not None:
        min_age, max_age, eligibility = ages.min_age, ages.max_age, ages.source_text
    grades = find_grades(fields.get("grades", "") and f"grades {fields['grades']}") or find_grades(text)
    if grades is not None and eligibility is None:
        eligibility = grades.source_text

    pay = _pay(fields, text)
    places = read_places(entry.location_text)
    place = places.first
    where_line = _labelled(text, "Where")
    if not (place.city or place.zip) and where_line and (labelled := read_places(where_line).first) != NOWHERE:
        place = labelled
    if place.zip is None and place.city and (found_zip := find_zip_near(text, place.city, place.state)):
        place = replace(place, zip=found_zip)  # "Location: 4500 Industrial Pkwy, Bessemer, AL 35022"
    deadline = parse_date(fields["deadline"]) if fields.get("deadline") else None
    if deadline is None and not fields.get("deadline"):
        found = find_deadline(text)
        deadline = found[0] if found else None
    start, end = parse_date(fields.get("start_date")), parse_date(fields.get("end_date"))
    if start is None:
        span = find_date_range(text)
        if span:
            start, end = span[0], span[1]
        elif _labelled(text, "Dates"):
            # A one-day event ("Dates: November 23, 2026.") starts and ends that day.
            start = end = parse_date(_labelled(text, "Dates"))

    schedule = fields.get("schedule") or _labelled(text, "Schedule")
    hours = _int(fields.get("hours_per_week")) or _hours(" ".join(filter(None, [schedule, text])))
    transport = fields.get("transport") or _labelled(text, "Getting there")
    work_mode = _work_mode(fields.get("work_mode"), where_line, places.remote, text, title)

    listing = NormalizedListing(
        external_id=(entry.external_id or entry.url or _fallback_id(title, entry.organisation)).strip()[:300],
        title=title,
        organisation=clean_text(entry.organisation or "")[:ORGANISATION_LIMIT] or defaults.organisation or UNKNOWN_ORGANISATION,
        description=description,
        kind=kind,
        pathways=tuple(pathways),
        apply_url=canonical_url(entry.url),
        min_age=min_age, max_age=max_age,
        min_grade=grades.min_grade if grades else None, max_grade=grades.max_grade if grades else None,
        eligibility_text=eligibility,
        pay_status=pay.status, pay_min=pay.minimum, pay_max=pay.maximum, pay_period=pay.period, pay_text=pay.source_text,
        hours_per_week=hours,
        schedule_text=schedule,
        season=_season(schedule or "", text, start),
        start_date=start, end_date=end,
        address=place.address, city=place.city or defaults.city, state=place.state or defaults.state,
        zip=place.zip or defaults.zip,
        work_mode=work_mode,
        transport_provided=bool(_TRANSPORT_PROVIDED.search(transport or "")) or None,
        transport_note=transport,
        deadline=deadline,
        posted_at=parse_datetime(entry.published) or parse_datetime(entry.updated),
    )
    if listing.work_mode != taxonomy.REMOTE:
        exact = _coordinates(fields)
        if exact is not None:
            listing = replace(listing, latitude=exact[0], longitude=exact[1], place_exact=True)
        elif (point := zip_point(listing.zip)) is not None:
            listing = replace(listing, latitude=point.latitude, longitude=point.longitude)
    known_organisation = None if listing.organisation == UNKNOWN_ORGANISATION else listing.organisation
    listing = replace(listing, fingerprint=fingerprint(listing.title, known_organisation, listing.zip or listing.city))
    if defaults.rebase_dates_from is not None:
        listing = rebase_listing(listing, today - defaults.rebase_dates_from)
    return replace(listing, content_hash=content_hash(listing))


def _coordinates(fields: Mapping[str, str]) -> tuple[float, float] | None:
    """Return the latitude and longitude a source states, when both read as a place on Earth."""
    try:
        latitude, longitude = float(fields.get("latitude") or ""), float(fields.get("longitude") or "")
    except ValueError:
        return None
    # 0,0 is a spreadsheet's empty cell, not a place in the Gulf of Guinea.
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0.0, 0.0):
        return None
    return round(latitude, 6), round(longitude, 6)


# Not shown about the listing itself: dedupe fills the merged ids and links after hashing.
_UNHASHED = frozenset({"content_hash", "merged_ids", "alternate_urls"})


def content_hash(listing: NormalizedListing) -> str:
    """Return a digest of everything shown about a listing, to skip unchanged entries."""
    # fields() + getattr, not asdict(): asdict deep-copies every value, which showed up
    # as a tenth of normalize's time.
    text = "\x1f".join(f"{f.name}={getattr(listing, f.name)}" for f in fields(listing) if f.name not in _UNHASHED)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _kind(given: str | None, title: str, text: str, categories: tuple[str, ...]) -> str | None:
    if given:
        slug = _vocabulary_slug(taxonomy.KINDS, given)
        if slug:
            return slug
        categories = categories + (given,)
    return guess_kind(title, text, categories)


def _pathways(given: str | None, title: str, text: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    if given:
        slugs = [_vocabulary_slug(taxonomy.PATHWAYS, part) for part in re.split(r"[;|,]", given)]
        found = tuple(dict.fromkeys(s for s in slugs if s))
        if found:
            return found
    return guess_pathways(title, text, categories)


def _vocabulary_slug(vocabulary: tuple[taxonomy.Term, ...], value: str) -> str | None:
    wanted = value.strip().lower()
    for term in vocabulary:
        if wanted in (term.slug, term.label.lower(), term.slug.replace("-", " ")):
            return term.slug
    return None


def _pay(fields: Mapping[str, str], text: str) -> Pay:
    given = fields.get("pay")
    paid_flag = (fields.get("paid") or "").strip().lower()
    if given:
        pay = find_pay(given, stated=True)
        if pay.status == taxonomy.PAID and pay.source_text == given.strip() and pay.maximum is None \
                and (figure := find_pay(text)).maximum is not None:
            return figure  # "Competitive salary" in the pay field, the figure in the description
        if pay.status != taxonomy.PAY_UNKNOWN:
            return pay
    if paid_flag in ("no", "n", "false", "unpaid", "0"):
        return Pay(taxonomy.UNPAID, None, None, None, f"paid: {paid_flag}")
    pay = find_pay(text)
    if pay.status == taxonomy.PAY_UNKNOWN and paid_flag in ("yes", "y", "true", "paid", "1"):
        return Pay(taxonomy.PAID, None, None, None, f"paid: {paid_flag}")
    return pay


def _work_mode(given: str | None, where_line: str | None, remote_place: bool, text: str, title: str) -> str | None:
    for candidate in (given, where_line):
        if candidate:
            mode = find_work_mode(candidate)
            if mode:
                return mode
    if remote_place:
        return taxonomy.REMOTE  # "Remote" among the places: remote work is an option
    return find_work_mode(text) or (taxonomy.ONSITE if where_line else None) or find_work_mode(title)


def _labelled(text: str, label: str) -> str | None:
    match = re.search(_LABELLED_LINE.format(label=re.escape(label)), text, re.I | re.M)
    return match.group(1).rstrip(".") if match else None


def _hours(text: str) -> int | None:
    match = _HOURS.search(text)
    if not match:
        return None
    return int(match.group(2) or match.group(1))


def _season(schedule: str, text: str, start: date | None) -> str | None:
    words = f"{schedule} {text}".lower()
    if "summer" in words or (start is not None and start.month in (5, 6, 7)):
        return "summer"
    if any(w in words for w in ("after school", "after-school", "school year", "weekends during the school")):
        return "school year"
    return None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    return int(number) if number == number.to_integral_value() and 0 <= number < 1000 else None


def _age_words(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return f"Ages {min_age}–{max_age}"
    return f"Ages {min_age}+" if min_age is not None else f"Up to age {max_age}"


def _fallback_id(title: str, organisation: str | None) -> str:
    return "sha1:" + hashlib.sha1(f"{title}\x1f{organisation or ''}".encode()).hexdigest()
