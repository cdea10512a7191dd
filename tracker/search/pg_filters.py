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
# The pathways list as its JSON text: '"stem"' in it is a pathway named (slugs hold no
# quotes), as the search column's names function reads it; parsing JSON on every row cost more.
PATHWAYS_TEXT = sa.cast(L.pathways, sa.Text)
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

    def eligible(self) -> Condition:
        """Listings that state an age or grade range holding the student's (masks.Filters.eligible)."""
        query, parts = self.query, []
        if query.age is not None:
            parts.append(sa.and_(AGE_STATED, MIN_AGE <= query.age, MAX_AGE >= query.age))
        parts += [self.open_to_grade(grade) for grade in query.grades]
        return sa.or_(sa.false(), *parts)

    def open_to_grade(self, grade: int) -> Condition:
        """Listings open to a student in ``grade``, by stated grades or else by stated ages (masks.Filters.open_to_grade)."""
        return _open_to_grade(self, ELIGIBILITY_VALUES, grade)

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


def _names_pathway(c: Conditions, read: Values, slug: str) -> Condition:
    condition: Condition = read[0].like(f'%"{slug}"%')
    return condition


def _pathways(c: Conditions) -> Condition:
    return sa.or_(sa.false(), *(_names_pathway(c, (PATHWAYS_TEXT,), slug) for slug in c.query.pathways))


Values = tuple[Any, ...]


def _number(field: str, values: Callable[[Conditions], Values], at: Callable[[Conditions, Values, Any], Condition],
            default: int = 0) -> SqlMask:
    """A number filter: the row values it reads, and its condition at one option over them."""
    def applied(c: Conditions) -> Condition | None:
        read = values(c)
        return None if any(v is None for v in read) else at(c, read, getattr(c.query, field) or default)
    return SqlMask(applied=applied, values=values, at=at)


def _flags(field: str, flags: dict[str, Condition]) -> SqlMask:
    """A choice of flags (any chosen matches), each counted."""
    names = list(flags)
    at: Callable[[Conditions, Values, Any], Condition] = lambda c, read, slug: read[names.index(slug)]
    return SqlMask(applied=lambda c: sa.or_(sa.false(), *(flags[s] for s in getattr(c.query, field) if s in flags)),
                   values=lambda c: tuple(flags.values()), at=at, flag_names=tuple(names))


@dataclass(frozen=True)
class SqlMask:
    """How one mask is written from a query, and how its facet is counted."""

    applied: Callable[[Conditions], Condition | None]  # the condition in force (None: nothing to apply)
    group_by: Any = None  # a choice filter: count by this value
    # A number filter or a choice of flags: the row values its options read (computed once
    # per row when counting), and its condition at one option over them.
    values: Callable[[Conditions], Values] | None = None
    at: Callable[[Conditions, Values, Any], Condition] | None = None
    flag_names: tuple[str, ...] = ()  # a choice of flags: its options
    lists: bool = False  # group_by is a JSON list of choices: each counts for every choice in it


ELIGIBILITY_VALUES: Values = (GRADE_STATED, AGE_STATED, MIN_GRADE, MAX_GRADE, MIN_AGE, MAX_AGE)


def _open_to_grade(c: Conditions, read: Values, grade: int) -> Condition:
    grade_stated, age_stated, min_grade, max_grade, min_age, max_age = read
    low, high = usual_ages(grade)
    return sa.or_(sa.and_(grade_stated, min_grade <= grade, max_grade >= grade),
                  sa.and_(sa.not_(grade_stated), age_stated, min_age <= high, max_age >= low))


def _min_hourly(c: Conditions, read: Values, floor: int) -> Condition:
    return sa.or_(read[0] >= floor * 100, read[0] == NOT_STATED)  # "pay not stated" stays visible


def _max_hours(c: Conditions, read: Values, limit: int) -> Condition:
    return sa.or_(sa.and_(read[0] >= 0, read[0] <= limit), read[0] == NOT_STATED)


def _deadline_within(c: Conditions, read: Values, days: int) -> Condition:
    return sa.and_(read[0] >= c.today, read[0] <= c.today + timedelta(days=days))


def _posted_within(c: Conditions, read: Values, days: int) -> Condition:
    condition: Condition = read[0] >= datetime.now(timezone.utc) - timedelta(days=days)
    return condition


def _within(c: Conditions, read: Values, miles: int) -> Condition:
    return sa.or_(read[0] <= miles, read[1])  # remote listings are in any circle


# By the `mask` name each filter declares in tracker/filter_registry.py.
CONDITIONS: dict[str, SqlMask] = {
    "kinds": _choice("kinds", "kinds"),
    # Counted by each distinct list of pathways (a few hundred), split into pathways after.
    "pathways": SqlMask(applied=_pathways, group_by=PATHWAYS_TEXT, lists=True),
    # Shared by age and grades; its facet counts each grade among the other filters' matches.
    "eligibility": SqlMask(applied=lambda c: c.unstated() if c.query.unstated else c.eligible(),
                           values=lambda c: ELIGIBILITY_VALUES, at=_open_to_grade),
    "pay": _choice("pay", "pay"),
    "min_hourly": _number("min_hourly", lambda c: (HOURLY,), _min_hourly),
    "work_modes": _choice("work_modes", "work_modes"),
    "seasons": _choice("seasons", "seasons"),
    "max_hours": _number("max_hours", lambda c: (HOURS,), _max_hours),
    "near": _number("miles", lambda c: (c.miles, REMOTE), _within, default=DEFAULT_MILES),
    "deadline_within": _number("deadline_within", lambda c: (L.deadline,), _deadline_within),
    "access": _flags("access", {"bus": BUS, "transport": TRANSPORT}),
    "posted_within": _number("posted_within", lambda c: (POSTED,), _posted_within),
}
