"""Each filter of a search as a boolean mask over every document of the index.

Every filter is declared in tracker/filter_registry.py and names its mask there; MASKS
below says how each mask is made, and how its facet counts are.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from tracker import taxonomy
from tracker.filter_registry import DEFAULT_MILES, FILTERS
from tracker.grades import usual_ages
from tracker.query import ListingQuery
from tracker.search.columns import Snapshot
from tracker.search.documents import NOT_STATED
from tracker.search.protocols import Floats, Mask

class Filters:
    """The masks one query puts in force, by the mask name its filters declare (tracker/filter_registry.py)."""

    def __init__(self, snap: Snapshot, query: ListingQuery, today: date, miles: Floats | None) -> None:
        self.snap, self.query, self.today, self.miles = snap, query, today, miles
        self.remote = snap.is_in("work_mode", ["remote"])
        self.masks = self._in_force()

    def _in_force(self) -> dict[str, Mask]:
        # The index holds only listings Listing.is_visible() showed when they were written;
        # their deadlines pass at midnight with no write, so that part of the rule is
        # applied again here (and every hit is checked in the database after).
        masks: dict[str, Mask] = {"open": np.asarray(self.snap.columns["deadline"] >= self.today.toordinal())}
        for f in FILTERS:
            if getattr(self.query, f.field) in ((), None) or f.mask in masks:
                continue  # not asked for, or shared with a filter already applied (age and grade)
            mask = MASKS[f.mask].applied(self)
            if mask is not None:
                masks[f.mask] = mask
        return masks

    # The filters, one method each, reused for facet counts.
    def min_hourly(self, floor: int) -> Mask:
        hourly = self.snap.columns["hourly"]
        # "Pay not stated" (and stipends, which are not hourly) stay visible.
        return self.snap.derived(("min_hourly", floor), lambda: (hourly >= floor * 100) | (hourly == NOT_STATED))

    def max_hours(self, limit: int) -> Mask:
        hours = self.snap.columns["hours"]
        return self.snap.derived(("max_hours", limit), lambda: ((hours >= 0) & (hours <= limit)) | (hours == NOT_STATED))

    def deadline_within(self, days: int) -> Mask:
        deadline = self.snap.columns["deadline"]
        return (deadline >= self.today.toordinal()) & (deadline <= self.today.toordinal() + days)

    def posted_within(self, days: int) -> Mask:
        return self.snap.columns["posted"] >= int(time.time() - days * 86400)

    def within(self, miles: int) -> Mask:
        assert self.miles is not None
        return (self.miles <= miles) | self.remote

    def eligible(self) -> Mask:
        """Listings that state an age or grade range holding the student's."""
        cols, query = self.snap.columns, self.query
        mask: Mask = np.zeros_like(self.snap.live)
        if query.age is not None:
            mask |= self.snap.age_stated & (cols["min_age"] <= query.age) & (cols["max_age"] >= query.age)
        for grade in query.grades:  # any of the grades asked
            # A listing that states ages only is open to the grade when it takes an age a
            # student in that grade usually has (tracker/grades.py: Alabama's entry cut-off).
            mask |= self.open_to_grade(grade)
        return mask

    def open_to_grade(self, grade: int) -> Mask:
        """Listings open to a student in ``grade``, by stated grades or else by stated ages (for its facet)."""
        return self.snap.derived(("open_to_grade", grade), lambda: self._open_to_grade(grade))

    def _open_to_grade(self, grade: int) -> Mask:
        cols, low_high = self.snap.columns, usual_ages(grade)
        by_grade: Mask = self.snap.grade_stated & (cols["min_grade"] <= grade) & (cols["max_grade"] >= grade)
        by_age: Mask = (~self.snap.grade_stated & self.snap.age_stated & (cols["min_age"] <= low_high[1])
                        & (cols["max_age"] >= low_high[0]))
        return by_grade | by_age

    def unstated(self) -> Mask:
        """Listings that state nothing the student gave (no age when an age is given, etc.)."""
        mask = self.snap.live.copy()
        if self.query.age is not None:
            mask &= ~self.snap.age_stated
        if self.query.grades:
            # Stated ages answer for a grade too (see eligible()).
            mask &= ~self.snap.grade_stated & ~self.snap.age_stated
        return mask

    def facets(self, matching: Callable[[str], Mask], only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``); ``matching(mask)`` is the search without that mask."""
        found: dict[str, dict[Any, int]] = {}
        for f in FILTERS:
            engine = MASKS[f.mask]
            if f.facet is None or (f.mask == "near" and self.miles is None) or only not in (None, f.facet):
                continue
            population = matching(f.mask)
            if engine.counts is not None:
                found[f.facet] = engine.counts(self, population)
            elif engine.at is not None:
                at = engine.at
                found[f.facet] = {option: int(np.count_nonzero(population & at(self, option))) for option in f.options}
        return found


def _column(name: str, field: str) -> EngineMask:
    """The mask of a choice filter stored as a categorical column ``name`` of the index."""
    return EngineMask(applied=lambda f: f.snap.is_in(name, getattr(f.query, field)),
                      counts=lambda f, population: f.snap.counts(name, population))


def _pathways(f: Filters) -> Mask:
    columns = [f.snap.pathways[:, n] for n, p in enumerate(taxonomy.PATHWAYS) if p.slug in f.query.pathways]
    return np.logical_or.reduce(columns) if columns else np.zeros_like(f.snap.live)


def _pathway_counts(f: Filters, population: Mask) -> dict[str, int]:
    # One pathway's column at a time (each is contiguous in Snapshot.pathways).
    tally = [int(np.count_nonzero(population & f.snap.pathways[:, n])) for n in range(len(taxonomy.PATHWAYS))]
    return {p.slug: n for p, n in zip(taxonomy.PATHWAYS, tally) if n}


def _access(f: Filters) -> Mask:
    """Listings one can get to as chosen: reachable by bus, or with transport provided (either)."""
    mask: Mask = np.zeros_like(f.snap.live)
    for slug in f.query.access:
        mask |= f.snap.access[slug]
    return mask


def _access_counts(f: Filters, population: Mask) -> dict[str, int]:
    return {slug: int(np.count_nonzero(population & flag)) for slug, flag in f.snap.access.items()}


@dataclass(frozen=True)
class EngineMask:
    """How one mask is made from a query, and how its facet is counted."""

    applied: Callable[[Filters], Mask | None]  # the mask in force (None: nothing to apply)
    counts: Callable[[Filters, Mask], dict[str, int]] | None = None  # a choice filter: each value's count
    at: Callable[[Filters, int], Mask] | None = None  # a number filter: the mask at one of its options


# By the `mask` name each filter declares in tracker/filter_registry.py.
MASKS: dict[str, EngineMask] = {
    "kinds": _column("kind", "kinds"),
    "pathways": EngineMask(applied=_pathways, counts=_pathway_counts),
    # Shared by age and grades; its facet counts each grade among the other filters' matches.
    "eligibility": EngineMask(applied=lambda f: f.unstated() if f.query.unstated else f.eligible(),
                              at=Filters.open_to_grade),
    "pay": _column("pay", "pay"),
    "min_hourly": EngineMask(applied=lambda f: f.min_hourly(f.query.min_hourly or 0), at=Filters.min_hourly),
    "work_modes": _column("work_mode", "work_modes"),
    "seasons": _column("season", "seasons"),
    "max_hours": EngineMask(applied=lambda f: f.max_hours(f.query.max_hours or 0), at=Filters.max_hours),
    "near": EngineMask(applied=lambda f: None if f.miles is None else f.within(f.query.miles or DEFAULT_MILES),
                       at=Filters.within),
    "deadline_within": EngineMask(applied=lambda f: f.deadline_within(f.query.deadline_within or 0),
                                  at=Filters.deadline_within),
    "access": EngineMask(applied=_access, counts=_access_counts),
    "posted_within": EngineMask(applied=lambda f: f.posted_within(f.query.posted_within or 0),
                                at=Filters.posted_within),
}
