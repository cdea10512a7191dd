"""What a day's snapshot counts, from plain facts about listings. Pure functions.

A snapshot holds aggregate counts only: no listing, organisation or person is named in it
(sources are the feeds the tracker reads). Each count is a (measure, key, value) triple:
``("kind_pathway", "internship/healthcare", 4)``. The same function serves the daily
snapshot and the backfill, so a derived day counts exactly as a recorded one would.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median
from typing import Callable, Iterable

from tracker import taxonomy
from tracker.milestones.live import classify

NOT_STATED = "not-stated"
# Measures: each names what its keys are.
OPEN = "open"                    # key "all": listings the public could find that day
KIND = "kind"
PATHWAY = "pathway"              # a listing in two pathways counts in each
KIND_PATHWAY = "kind_pathway"    # key "kind/pathway" ("kind/none" when no pathway is stated)
PAY = "pay"                      # paid / unpaid / unknown
AGE_BAND = "age_band"            # the bands below a stated age range reaches; not-stated
GRADE = "grade"                  # 9–12 a stated grade range reaches; "other" outside high school; not-stated
JUNIORS_SENIORS = "juniors_seniors"  # fits / unstated / other (the milestones page's rule)
WORK_MODE = "work_mode"          # onsite / remote / hybrid / not-stated
ZIP = "zip"                      # 5-digit ZIP or not-stated
AREA = "area"                    # the place the census names for the ZIP (Birmingham, Hoover…) or not-stated
TRANSPORT = "transport"          # remote / provided / bus-stop / transit-note / not-provided / not-stated
SOURCE = "source"                # the source's name
EVENTS = "events"                # new / closed / expired that day
MEDIAN_HOURLY_PAY = "median_hourly_pay"  # key pathway or "all": median of the hourly rates listings state
HOURLY_PAY_LISTINGS = "hourly_pay_listings"  # key pathway or "all": how many listings that median is of

MEASURES = (OPEN, KIND, PATHWAY, KIND_PATHWAY, PAY, AGE_BAND, GRADE, JUNIORS_SENIORS, WORK_MODE, ZIP, AREA,
            TRANSPORT, SOURCE, EVENTS, MEDIAN_HOURLY_PAY, HOURLY_PAY_LISTINGS)
AGE_BANDS = ((13, 15), (16, 18), (19, 21), (22, 25))
HIGH_SCHOOL_GRADES = (9, 10, 11, 12)
# Without a car: the work is remote, the organisation provides transport, a served bus stop is
# a walk away (from the transit feed, for places the source states exactly), or the listing names transit.
WITHOUT_A_CAR = ("remote", "provided", "bus-stop", "transit-note")


@dataclass(frozen=True)
class ListingFacts:
    """What a count needs to know about one listing (nothing about any person)."""

    kind: str
    pathways: tuple[str, ...]
    pay_status: str
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_period: str | None
    min_age: int | None
    max_age: int | None
    min_grade: int | None
    max_grade: int | None
    work_mode: str | None
    zip: str | None
    transport_provided: bool | None
    transport_note: str | None
    source: str
    first_seen: date
    closed: date | None      # the day its source stopped carrying it (status removed), else None
    deadline: date | None
    transit_routes: tuple[str, ...] = ()   # bus routes at a stop within a walk (the transit feed)


Counts = dict[tuple[str, str], Decimal]


def count_day(day: date, open_listings: Iterable[ListingFacts], all_listings: Iterable[ListingFacts],
              area_of: Callable[[str], str | None]) -> Counts:
    """Count a day: ``open_listings`` were public that day; ``all_listings`` give the day's events."""
    tally: Counter[tuple[str, str]] = Counter()
    rates: dict[str, list[Decimal]] = {}
    for item in open_listings:
        tally[(OPEN, "all")] += 1
        tally[(KIND, item.kind)] += 1
        pathways = item.pathways or ("none",)
        for slug in set(pathways):
            if slug != "none":
                tally[(PATHWAY, slug)] += 1
            tally[(KIND_PATHWAY, f"{item.kind}/{slug}")] += 1
        tally[(PAY, item.pay_status or taxonomy.PAY_UNKNOWN)] += 1
        for band in age_bands(item.min_age, item.max_age):
            tally[(AGE_BAND, band)] += 1
        for grade in grades(item.min_grade, item.max_grade):
            tally[(GRADE, grade)] += 1
        tally[(JUNIORS_SENIORS, juniors_seniors(item))] += 1
        tally[(WORK_MODE, item.work_mode or NOT_STATED)] += 1
        zip5 = (item.zip or "").strip()[:5]
        tally[(ZIP, zip5 or NOT_STATED)] += 1
        tally[(AREA, (area_of(zip5) if zip5 else None) or NOT_STATED)] += 1
        tally[(TRANSPORT, transport(item))] += 1
        tally[(SOURCE, item.source)] += 1
        rate = hourly_rate(item)
        if rate is not None:
            for slug in ("all", *sorted(set(item.pathways))):
                rates.setdefault(slug, []).append(rate)
    for item in all_listings:
        if item.first_seen == day:
            tally[(EVENTS, "new")] += 1
        if item.closed == day:
            tally[(EVENTS, "closed")] += 1
        if item.deadline is not None and item.deadline + timedelta(days=1) == day:
            tally[(EVENTS, "expired")] += 1
    counts: Counts = {key: Decimal(n) for key, n in tally.items()}
    for event in ("new", "closed", "expired"):
        counts.setdefault((EVENTS, event), Decimal(0))
    counts.setdefault((OPEN, "all"), Decimal(0))
    for slug, values in rates.items():
        counts[(MEDIAN_HOURLY_PAY, slug)] = Decimal(median(values)).quantize(Decimal("0.01"))
        counts[(HOURLY_PAY_LISTINGS, slug)] = Decimal(len(values))
    return counts


def age_bands(low: int | None, high: int | None) -> list[str]:
    """Return the age bands a stated range reaches ("16-18"…), or not-stated."""
    if low is None and high is None:
        return [NOT_STATED]
    low, high = low if low is not None else 0, high if high is not None else 150
    return [f"{a}-{b}" for a, b in AGE_BANDS if low <= b and high >= a] or ["other"]


def grades(low: int | None, high: int | None) -> list[str]:
    """Return the high-school grades a stated grade range reaches, "other", or not-stated."""
    if low is None and high is None:
        return [NOT_STATED]
    low, high = low if low is not None else 0, high if high is not None else 16
    return [str(g) for g in HIGH_SCHOOL_GRADES if low <= g <= high] or ["other"]


def juniors_seniors(item: ListingFacts) -> str:
    """Say whether a listing is open to juniors and seniors, as the milestones page counts it."""
    return classify(item.min_age, item.max_age, item.min_grade, item.max_grade)


def transport(item: ListingFacts) -> str:
    """Say how someone without a car could get there, as far as the listing says."""
    if item.work_mode == taxonomy.REMOTE:
        return "remote"
    if item.transport_provided:
        return "provided"
    if item.transit_routes:
        return "bus-stop"
    if item.transport_note and item.transport_note.strip():
        return "transit-note"
    if item.transport_provided is False:
        return "not-provided"
    return NOT_STATED


def hourly_rate(item: ListingFacts) -> Decimal | None:
    """Return the lowest hourly rate a paid listing states, or None (other periods are not converted)."""
    if item.pay_status != taxonomy.PAID or item.pay_period != "hour":
        return None
    return item.pay_min if item.pay_min is not None else item.pay_max
