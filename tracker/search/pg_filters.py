"""Each filter of a search as a SQL condition on the listings table: masks.py's twin for PostgreSQL.

Every filter is declared in tracker/filter_registry.py and names its mask there;
CONDITIONS below says how each mask is written in SQL, and how its facet is counted.
The values are read from the row as documents.document_for reads them for Whoosh
(tests/test_search_contract.py holds both backends to the same answers).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from tracker import geo
from tracker.filter_registry import DEFAULT_MILES, FILTERS
from tracker.grades import usual_ages
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.search.documents import AGE_CEILING, AGE_FLOOR, NOT_STATED, PERIOD_HOURS

Condition = sa.ColumnElement[bool]
L = Listing

# The row's values as the Whoosh documents hold them (documents.document_for).
AGE_STATED: Condition = sa.or_(L.min_age.is_not(None), L.max_age.is_not(None))
GRADE_STATED: Condition = sa.or_(L.min_grade.is_not(None), L.max_grade.is_not(None))
MIN_AGE, MAX_AGE = sa.func.coalesce(L.min_age, AGE_FLOOR), sa.func.coalesce(L.max_age, AGE_CEILING)
MIN_GRADE, MAX_GRADE = sa.func.coalesce(L.min_grade, AGE_FLOOR), sa.func.coalesce(L.max_grade, AGE_CEILING)
HOURS = sa.func.coalesce(L.hours_per_week, NOT_STATED)
POSTED = sa.func.coalesce(L.posted_at, L.first_seen_at)
WORK_MODE = sa.func.coalesce(L.work_mode, "unknown")
SEASON = sa.func.replace(sa.func.coalesce(L.season, "none"), " ", "-")
PATHWAYS = sa.cast(L.pathways, sa.dialects.postgresql.JSONB)
_AMOUNT = sa.func.coalesce(L.pay_max, L.pay_min)
# documents.hourly_cents: a stipend for a whole program (or no amount) is not an hourly rate.
HOURLY = sa.case(
    (L.pay_status == "unpaid", 0),
    (sa.and_(L.pay_status == "paid", _AMOUNT.is_not(None), L.pay_period.in_(list(PERIOD_HOURS))),
     sa.func.round(_AMOUNT * 100 / sa.case(*((L.pay_period == p, h) for p, h in PERIOD_HOURS.items())))),
    else_=NOT_STATED)
BUS: Condition = sa.func.coalesce(sa.func.json_array_length(L.transit_routes), 0) > 0
TRANSPORT: Condition = L.transport_provided.is_(True)
REMOTE: Condition = L.work_mode == "remote"
CHOICE_COLUMNS: dict[str, Any] = {"kinds": L.kind, "pay": L.pay_status, "work_modes": WORK_MODE,
                                                    "seasons": SEASON}


def miles_from(centre: geo.Point) -> sa.ColumnElement[float]:
    """Miles from ``centre`` to each listing (NULL where it has no place), as geo and columns.Snapshot measure."""
    lat1, lon1 = sa.func.radians(centre.latitude), sa.func.radians(centre.longitude)
    lat2, lon2 = sa.func.radians(L.latitude), sa.func.radians(L.longitude)
    h = (sa.func.power(sa.func.sin((lat2 - lat1) / 2), 2)
         + sa.func.cos(lat1) * sa.func.cos(lat2) * sa.func.power(sa.func.sin((lon2 - lon1) / 2), 2))
    return 2 * geo.EARTH_RADIUS_MILES * sa.func.asin(sa.func.sqrt(sa.func.least(1.0, h)))


class Conditions:
    """The conditions one query puts in force, by the mask name its filters declare (tracker/filter_registry.py)."""

    def __init__(self, query: ListingQuery, today: date) -> None:
        self.query, self.today = query, today
        centre = geo.zip_point(query.near) if query.near else None
        self.miles = miles_from(centre) if centre is not None else None
        self.in_force: dict[str, Condition] = {}
        for f in FILTERS:
            if getattr(query, f.field) in ((), None) or f.mask in self.in_force:
                continue  # not asked for, or shared with a filter already applied (age and grade)
            condition = CONDITIONS[f.mask].applied(self)
            if condition is not None:
                self.in_force[f.mask] = condition

    def all_but(self, skip: str | None = None) -> Condition:
        return sa.and_(sa.true(), *(c for name, c in self.in_force.items() if name != skip))

    # The filters, one method each, reused for facet counts.
    def min_hourly(self, floor: int) -> Condition:
        return sa.or_(HOURLY >= floor * 100, HOURLY == NOT_STATED)  # "pay not stated" stays visible

    def max_hours(self, limit: int) -> Condition:
        return sa.or_(sa.and_(HOURS >= 0, HOURS <= limit), HOURS == NOT_STATED)

    def deadline_within(self, days: int) -> Condition:
        return sa.and_(L.deadline >= self.today, L.deadline <= self.today + timedelta(days=days))

    def posted_within(self, days: int) -> Condition:
        return POSTED >= datetime.now(timezone.utc) - timedelta(days=days)

    def within(self, miles: int) -> Condition:
        assert self.miles is not None
        return sa.or_(self.miles <= miles, REMOTE)

    def eligible(self) -> Condition:
        """Listings that state an age or grade range holding the student's (masks.Filters.eligible)."""
        query, parts = self.query, []
        if query.age is not None:
            parts.append(sa.and_(AGE_STATED, MIN_AGE <= query.age, MAX_AGE >= query.age))
        parts += [self.open_to_grade(grade) for grade in query.grades]
        return sa.or_(sa.false(), *parts)

    def open_to_grade(self, grade: int) -> Condition:
        """Listings open to a student in ``grade``, by stated grades or else by stated ages (masks.Filters.open_to_grade)."""
        low, high = usual_ages(grade)
        return sa.or_(sa.and_(GRADE_STATED, MIN_GRADE <= grade, MAX_GRADE >= grade),
                      sa.and_(sa.not_(GRADE_STATED), AGE_STATED, MIN_AGE <= high, MAX_AGE >= low))

    def unstated(self) -> Condition:
        """Listings that state nothing the student gave (masks.Filters.unstated)."""
        parts = []
        if self.query.age is not None:
            parts.append(sa.not_(AGE_STATED))
        if self.query.grades:
            parts += [sa.not_(GRADE_STATED), sa.not_(AGE_STATED)]
        return sa.and_(sa.true(), *parts)


def _choice(name: str, field: str) -> SqlMask:
    column = CHOICE_COLUMNS[name]
    return SqlMask(applied=lambda c: column.in_(getattr(c.query, field)), group_by=column)


def _pathways(c: Conditions) -> Condition:
    condition: Condition = PATHWAYS.has_any(sa.cast(list(c.query.pathways), sa.dialects.postgresql.ARRAY(sa.Text)))
    return condition


def _access(c: Conditions) -> Condition:
    """Listings one can get to as chosen: reachable by bus, or with transport provided (either)."""
    return sa.or_(sa.false(), *(ACCESS[slug] for slug in c.query.access if slug in ACCESS))


ACCESS: dict[str, Condition] = {"bus": BUS, "transport": TRANSPORT}


@dataclass(frozen=True)
class SqlMask:
    """How one mask is written from a query, and how its facet is counted."""

    applied: Callable[[Conditions], Condition | None]  # the condition in force (None: nothing to apply)
    group_by: sa.ColumnElement[Any] | None = None  # a choice filter: count by this value
    flags: dict[str, Condition] | None = None  # a choice filter of flags: count each
    at: Callable[[Conditions, int], Condition] | None = None  # a number filter: the condition at one option
    pathways: bool = False  # counted per element of the pathways list


# By the `mask` name each filter declares in tracker/filter_registry.py.
CONDITIONS: dict[str, SqlMask] = {
    "kinds": _choice("kinds", "kinds"),
    "pathways": SqlMask(applied=_pathways, pathways=True),
    "eligibility": SqlMask(applied=lambda c: c.unstated() if c.query.unstated else c.eligible(),
                           at=Conditions.open_to_grade),
    "pay": _choice("pay", "pay"),
    "min_hourly": SqlMask(applied=lambda c: c.min_hourly(c.query.min_hourly or 0), at=Conditions.min_hourly),
    "work_modes": _choice("work_modes", "work_modes"),
    "seasons": _choice("seasons", "seasons"),
    "max_hours": SqlMask(applied=lambda c: c.max_hours(c.query.max_hours or 0), at=Conditions.max_hours),
    "near": SqlMask(applied=lambda c: None if c.miles is None else c.within(c.query.miles or DEFAULT_MILES),
                    at=Conditions.within),
    "deadline_within": SqlMask(applied=lambda c: c.deadline_within(c.query.deadline_within or 0),
                               at=Conditions.deadline_within),
    "access": SqlMask(applied=_access, flags=ACCESS),
    "posted_within": SqlMask(applied=lambda c: c.posted_within(c.query.posted_within or 0),
                             at=Conditions.posted_within),
}
