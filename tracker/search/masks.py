"""Each filter of a search as a boolean mask over every document of the index."""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import numpy as np

from tracker import taxonomy
from tracker.query import ListingQuery
from tracker.search.columns import Snapshot
from tracker.search.documents import NOT_STATED
from tracker.search.protocols import Floats, Mask

# The facets shown beside results: ListingQuery field -> index field.
FACET_FIELDS: Mapping[str, str] = {
    "kinds": "kind",
    "pathways": "pathway",
    "pay": "pay",
    "work_modes": "work_mode",
    "seasons": "season",
}


class Filters:
    """The filters one query puts in force, keyed by the ListingQuery field each comes from."""

    def __init__(self, snap: Snapshot, query: ListingQuery, today: date, miles: Floats | None) -> None:
        self.snap, self.query, self.today, self.miles = snap, query, today, miles
        self.remote = snap.is_in("work_mode", ["remote"])
        self.masks = self._in_force()

    def _in_force(self) -> dict[str, Mask]:
        query, snap, cols = self.query, self.snap, self.snap.columns
        # The index holds only listings Listing.is_visible() showed when they were written;
        # their deadlines pass at midnight with no write, so that part of the rule is
        # applied again here (and every hit is checked in the database after).
        masks: dict[str, Mask] = {"open": np.asarray(cols["deadline"] >= self.today.toordinal())}
        for param, field_name in FACET_FIELDS.items():
            values = getattr(query, param)
            if values and param != "pathways":
                masks[param] = snap.is_in(field_name, values)
        if query.pathways:
            columns = [n for n, p in enumerate(taxonomy.PATHWAYS) if p.slug in query.pathways]
            masks["pathways"] = np.asarray(snap.pathways[:, columns].any(axis=1))
        if query.min_hourly is not None:
            masks["min_hourly"] = self.min_hourly(query.min_hourly)
        if query.max_hours is not None:
            masks["max_hours"] = self.max_hours(query.max_hours)
        if query.deadline_within is not None:
            masks["deadline_within"] = self.deadline_within(query.deadline_within)
        if query.posted_within is not None:
            masks["posted_within"] = self.posted_within(query.posted_within)
        if query.eligibility_given:
            masks["eligibility"] = self.unstated() if query.unstated else self.eligible()
        if self.miles is not None:
            masks["near"] = self.within(query.miles or ListingQuery.DEFAULT_MILES)
        return masks

    # The filters, one method each, reused for facet counts.
    def min_hourly(self, floor: int) -> Mask:
        hourly = self.snap.columns["hourly"]
        # "Pay not stated" (and stipends, which are not hourly) stay visible.
        return (hourly >= floor * 100) | (hourly == NOT_STATED)

    def max_hours(self, limit: int) -> Mask:
        hours = self.snap.columns["hours"]
        return ((hours >= 0) & (hours <= limit)) | (hours == NOT_STATED)

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
        if query.grade is not None:
            mask |= self.snap.grade_stated & (cols["min_grade"] <= query.grade) & (cols["max_grade"] >= query.grade)
        return mask

    def unstated(self) -> Mask:
        """Listings that state nothing the student gave (no age when an age is given, etc.)."""
        mask = self.snap.live.copy()
        if self.query.age is not None:
            mask &= ~self.snap.age_stated
        if self.query.grade is not None:
            mask &= ~self.snap.grade_stated
        return mask

    def facets(self, matching: Callable[[str], Mask]) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter; ``matching(name)`` is the search without filter ``name``."""
        snap = self.snap
        found: dict[str, dict[Any, int]] = {}
        for param, field_name in FACET_FIELDS.items():
            population = matching(param)
            if param == "pathways":
                tally = snap.pathways[population].sum(axis=0)
                found[param] = {p.slug: int(n) for p, n in zip(taxonomy.PATHWAYS, tally) if n}
            else:
                found[param] = snap.counts(field_name, population)
        ranges: dict[str, tuple[tuple[int, ...], Callable[[int], Mask]]] = {
            "min_hourly": (ListingQuery.HOURLY_FLOORS, self.min_hourly),
            "max_hours": (ListingQuery.HOUR_LIMITS, self.max_hours),
            "deadline_within": (ListingQuery.DEADLINE_WINDOWS, self.deadline_within),
            "posted_within": (ListingQuery.POSTED_WINDOWS, self.posted_within),
        }
        for param, (options, mask_for) in ranges.items():
            population = matching(param)
            found[param] = {option: int((population & mask_for(option)).sum()) for option in options}
        if self.miles is not None:
            population = matching("near")
            found["miles"] = {m: int((population & self.within(m)).sum()) for m in ListingQuery.DISTANCES}
        return found
