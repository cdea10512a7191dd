"""Figures the tracker itself gives, counted now: what is open to 16–18-year-olds.

Two rules, each in one place:
- "I am 16" (17, 18): exactly what the tracker's search shows for that age, so the number
  beside a link is the number of results the link opens.
- Open to juniors and seniors: an open listing that states an age range including 16, 17
  or 18, or a grade range including 11 or 12. An internship for "ages 18 and up" counts
  (seniors can be 18). Listings that state neither age nor grade are counted separately,
  never silently added, so the figure is what listings actually say.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from tracker import taxonomy
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import count_listings, facet_counts
from tracker.models import Listing
from tracker.query import ListingQuery

TEEN_AGES = (16, 17, 18)
JUNIOR_SENIOR_GRADES = (11, 12)
FITS, UNSTATED, OTHER = "fits", "unstated", "other"


@dataclass(frozen=True)
class AgeCount:
    age: int
    total: int
    query: ListingQuery


@dataclass(frozen=True)
class PathwayCount:
    slug: str
    open_internships: int
    juniors_seniors: int
    unstated: int


@dataclass(frozen=True)
class LiveFigures:
    today: date
    ages: tuple[AgeCount, ...]
    teens: int                 # open listings of any kind open to juniors and seniors (rule above)
    teens_unstated: int        # open listings stating neither an age nor a grade
    internships: int           # every open internship
    internships_juniors_seniors: int
    internships_unstated: int
    by_pathway: tuple[PathwayCount, ...]


def classify(min_age: int | None, max_age: int | None, min_grade: int | None, max_grade: int | None) -> str:
    """Say whether a listing is open to juniors and seniors (FITS), says nothing (UNSTATED), or not (OTHER)."""
    age_stated = min_age is not None or max_age is not None
    grade_stated = min_grade is not None or max_grade is not None
    if not age_stated and not grade_stated:
        return UNSTATED
    if age_stated and _overlaps(min_age, max_age, TEEN_AGES[0], TEEN_AGES[-1]):
        return FITS
    if grade_stated and _overlaps(min_grade, max_grade, JUNIOR_SENIOR_GRADES[0], JUNIOR_SENIOR_GRADES[-1]):
        return FITS
    return OTHER


def _overlaps(low: int | None, high: int | None, want_low: int, want_high: int) -> bool:
    return (low is None or low <= want_high) and (high is None or high >= want_low)


def live_figures() -> LiveFigures:
    """Count, from the tracker as it is now, what is open to 16–18-year-olds."""
    today = site_today()
    ages = tuple(AgeCount(age, count_listings(ListingQuery(age=age)), ListingQuery(age=age)) for age in TEEN_AGES)
    internships = ListingQuery(kinds=("internship",))
    open_by_pathway = facet_counts(internships, "pathways")

    rows = db.session.execute(
        sa.select(Listing.kind, Listing.pathways, Listing.min_age, Listing.max_age, Listing.min_grade, Listing.max_grade)
        .where(Listing.visible(today))
    ).all()
    teens: Counter[str] = Counter()
    interns: Counter[str] = Counter()
    fits_by_pathway: Counter[str] = Counter()
    unstated_by_pathway: Counter[str] = Counter()
    for kind, pathways, *eligibility in rows:
        group = classify(*eligibility)
        teens[group] += 1
        if kind != "internship":
            continue
        interns[group] += 1
        for slug in set(pathways or ()):
            if group == FITS:
                fits_by_pathway[slug] += 1
            elif group == UNSTATED:
                unstated_by_pathway[slug] += 1

    by_pathway = tuple(
        PathwayCount(p.slug, int(open_by_pathway.get(p.slug, 0)), fits_by_pathway[p.slug], unstated_by_pathway[p.slug])
        for p in taxonomy.PATHWAYS
        if open_by_pathway.get(p.slug) or fits_by_pathway[p.slug] or unstated_by_pathway[p.slug]
    )
    return LiveFigures(
        today=today, ages=ages, teens=teens[FITS], teens_unstated=teens[UNSTATED], internships=count_listings(internships),
        internships_juniors_seniors=interns[FITS], internships_unstated=interns[UNSTATED], by_pathway=by_pathway,
    )
