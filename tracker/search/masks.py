"""Each filter of a search as a boolean mask over every document of the index.

Every filter is declared in tracker/filter_registry.py and names its mask there; MASKS
below says how each mask is made, and how its facet counts are.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from tracker import taxonomy
from tracker.filter_registry import DEFAULT_MILES, FILTERS, Filter
from tracker.grades import usual_ages
from tracker.query import ListingQuery
from tracker.search import tally
from tracker.search.columns import Snapshot
from tracker.search.documents import NOT_STATED
from tracker.search.protocols import Floats, Ints, Mask

class Filters:
    """The masks one query puts in force, by the mask name its filters declare (tracker/filter_registry.py)."""

    def __init__(self, snap: Snapshot, query: ListingQuery, today: date, miles: Floats | None) -> None:
        self.snap, self.query, self.today, self.miles = snap, query, today, miles
        self.now = time.time()  # one clock for the whole search: posted_within's masks and counts agree
        self.hour = int(self.now) // 3600
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
        return self.snap.columns["posted"] >= self.posted_since(days)

    def posted_since(self, days: int) -> int:
        """The first second (Unix time) of the last ``days`` days."""
        return int(self.now - days * 86400)

    def posted_within_at_the_hour(self, days: int) -> Mask:
        """posted_within(days) as it was at the start of this hour: a few more listings (see posted_since_the_hour)."""
        return self.snap.columns["posted"] >= self.hour * 3600 - days * 86400

    def posted_since_the_hour(self, days: int) -> Ints:
        """The listings posted_within_at_the_hour(days) holds and posted_within(days) does not, by document number."""
        # Kept apart from derived()'s masks, which a run of new keys clears (the sort costs ~6 ms).
        order = self.snap.latest("by posted", (), lambda: np.argsort(self.snap.columns["posted"], kind="stable"))
        # As int64, the thresholds' type: searchsorted would otherwise convert every value on each call.
        posted = self.snap.latest("posted, in order", (), lambda: self.snap.columns["posted"][order].astype(np.int64))
        first, last = np.searchsorted(posted, [self.hour * 3600 - days * 86400, self.posted_since(days)])
        found: Ints = order[first:last]
        return found

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

    def facets(self, words: Mask, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``) among what ``words`` (the text) matches.

        Each filter's choices are counted with every other filter in force, not its own.
        """
        wanted = [f for f in FACETS.values() if only in (None, f.facet) and not (f.mask == "near" and self.miles is None)]
        choices = {str(f.facet): self._choices(f) for f in wanted}
        rows = self._packed_rows(wanted, choices)
        populations = tally.Populations(words, self.masks)
        counted = populations.count({str(f.facet): (f.mask, rows[str(f.facet)]) for f in wanted})
        found: dict[str, dict[Any, int]] = {}
        for f in wanted:
            engine, name = MASKS[f.mask], str(f.facet)
            counts = counted[name]
            if engine.unkept is not None:  # its kept masks hold a few listings more than its masks now
                population = populations.without(populations.key(f.mask))
                counts = [n - tally.held(population, engine.unkept(self, c)) for n, c in zip(counts, choices[name])]
            found[name] = {c: n for c, n in zip(choices[name], counts) if n or engine.keeps_zeros}
        return found

    def _choices(self, f: Filter) -> Sequence[Any]:
        engine = MASKS[f.mask]
        return engine.choices(self) if engine.choices is not None else f.options

    def _packed_rows(self, facets: list[Filter], choices: dict[str, Sequence[Any]]) -> dict[str, tally.Rows]:
        """The packed masks of each facet's choices, kept per snapshot: those of KEPT in one matrix."""
        found: dict[str, tally.Rows] = {}
        for f in facets:
            if MASKS[f.mask].kept_apart:
                apart = self.snap.derived(("facet rows", f.mask, MASKS[f.mask].kept_for(self)), lambda: self._packed((f,)))
                found[str(f.facet)] = tally.Rows(apart, 0, len(apart))
        if len(found) < len(facets):
            # Only the latest is kept: the day's, the hour's (each is ~0.7 MB at 100,000 listings).
            kept_for = tuple(MASKS[f.mask].kept_for(self) for f in KEPT)
            matrix, start = self.snap.latest("facet rows", kept_for, lambda: self._packed(KEPT)), 0
            for f in KEPT:
                stop = start + len(self._choices(f))
                found[str(f.facet)], start = tally.Rows(matrix, start, stop), stop
        return found

    def _packed(self, facets: tuple[Filter, ...]) -> tally.Words:
        """The masks of every choice of ``facets``, packed, a row each (as their kept_at makes them)."""
        masks = []
        for f in facets:
            engine = MASKS[f.mask]
            masks += [(engine.kept_at or engine.at)(self, c) for c in self._choices(f)]
        return tally.packed_rows(masks, self.snap.size)


def _column(name: str, field: str) -> EngineMask:
    """The mask of a choice filter stored as a categorical column ``name`` of the index."""
    return EngineMask(applied=lambda f: f.snap.is_in(name, getattr(f.query, field)),
                      at=lambda f, value: f.snap.holding(name, value),
                      choices=lambda f: list(f.snap.codes[name]), keeps_zeros=False)


def _pathways(f: Filters) -> Mask:
    columns = [f.snap.pathways[:, n] for n, p in enumerate(taxonomy.PATHWAYS) if p.slug in f.query.pathways]
    return np.logical_or.reduce(columns) if columns else np.zeros_like(f.snap.live)


_PATHWAY_COLUMN = {p.slug: n for n, p in enumerate(taxonomy.PATHWAYS)}


def _access(f: Filters) -> Mask:
    """Listings one can get to as chosen: reachable by bus, or with transport provided (either)."""
    mask: Mask = np.zeros_like(f.snap.live)
    for slug in f.query.access:
        mask |= f.snap.access[slug]
    return mask


def _always(f: Filters) -> tuple[()]:
    return ()  # on the arrays alone


@dataclass(frozen=True)
class EngineMask:
    """How one mask is made from a query, and how its facet is counted."""

    applied: Callable[[Filters], Mask | None]  # the mask in force (None: nothing to apply)
    # Its facet: the mask of one choice (a choice filter's value, a number filter's option) ...
    at: Callable[[Filters, Any], Mask]
    # ... and a choice filter's values, in the facet's order (None: the number filter's options).
    choices: Callable[[Filters], Sequence[str]] | None = None
    keeps_zeros: bool = True  # False: a choice no listing of the population holds is left out
    # Its choices' masks are kept packed, made again when this changes (the day, the place) ...
    kept_for: Callable[[Filters], Hashable] = _always
    kept_apart: bool = False  # ... in a matrix of its own: it has many (one for each place searched near)
    # A facet of the time (posted_within): its masks as they were when kept (at the hour), and
    # for each choice the few listings they hold that its mask now does not.
    kept_at: Callable[[Filters, Any], Mask] | None = None
    unkept: Callable[[Filters, Any], Ints] | None = None


# By the `mask` name each filter declares in tracker/filter_registry.py.
MASKS: dict[str, EngineMask] = {
    "kinds": _column("kind", "kinds"),
    "pathways": EngineMask(applied=_pathways, at=lambda f, slug: f.snap.pathways[:, _PATHWAY_COLUMN[slug]],
                           choices=lambda f: list(_PATHWAY_COLUMN), keeps_zeros=False),
    # Shared by age and grades; its facet counts each grade among the other filters' matches.
    "eligibility": EngineMask(applied=lambda f: f.unstated() if f.query.unstated else f.eligible(),
                              at=Filters.open_to_grade),
    "pay": _column("pay", "pay"),
    "min_hourly": EngineMask(applied=lambda f: f.min_hourly(f.query.min_hourly or 0), at=Filters.min_hourly),
    "work_modes": _column("work_mode", "work_modes"),
    "seasons": _column("season", "seasons"),
    "max_hours": EngineMask(applied=lambda f: f.max_hours(f.query.max_hours or 0), at=Filters.max_hours),
    "near": EngineMask(applied=lambda f: None if f.miles is None else f.within(f.query.miles or DEFAULT_MILES),
                       at=Filters.within, kept_for=lambda f: f.query.near, kept_apart=True),
    "deadline_within": EngineMask(applied=lambda f: f.deadline_within(f.query.deadline_within or 0),
                                  at=Filters.deadline_within, kept_for=lambda f: f.today.toordinal()),
    "access": EngineMask(applied=_access, at=lambda f, slug: f.snap.access[slug], choices=lambda f: list(f.snap.access)),
    "posted_within": EngineMask(applied=lambda f: f.posted_within(f.query.posted_within or 0),
                                at=Filters.posted_within, kept_for=lambda f: f.hour,
                                kept_at=Filters.posted_within_at_the_hour, unkept=Filters.posted_since_the_hour),
}
FACETS: dict[str, Filter] = {f.facet: f for f in FILTERS if f.facet is not None}
# The facets whose choices' masks are kept in one matrix (a facet kept apart has its own).
KEPT: tuple[Filter, ...] = tuple(f for f in FACETS.values() if not MASKS[f.mask].kept_apart)
