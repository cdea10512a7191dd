"""Facet counts (packed bit counts, tracker/search/tally.py) are the plain count of each choice's mask.

The plain definition: for each facet, the documents the words match with every filter in
force but the facet's own (the population), and for each choice, how many of them the
choice's mask holds (np.count_nonzero of the two ANDed). Random columns, random queries
and random text matches (none, all, a few), with "not stated" values, on snapshots of
sizes around the 64 documents of a packed word.
"""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import taxonomy
from tracker.filter_registry import ACCESS, BY_FACET, GRADES, SEASONS
from tracker.query import ListingQuery
from tracker.search import masks, tally
from tracker.search.columns import Snapshot
from tracker.search.documents import NO_DEADLINE, NOT_STATED
from tracker.search.masks import Filters
from tracker.search.protocols import Mask

NOW = 1_800_001_234.5  # the clock while counting: 1,234.5 s into an hour
TODAY = date(2027, 1, 15)
CATEGORICAL = {"kind": [t.slug for t in taxonomy.KINDS], "pay": [t.slug for t in taxonomy.PAY_STATUSES],
               "work_mode": [t.slug for t in taxonomy.WORK_MODES], "season": [t.slug for t in SEASONS] + ["none"]}
FIELD = {"kind": "kinds", "pay": "pay", "work_mode": "work_modes", "season": "seasons"}


class RandomColumns(Snapshot):
    """A snapshot of random values: each column mixes stated, "not stated" and edge values."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self.size = size
        self.live = rng.random(size) < 0.9
        self.codes, self.columns = {}, {}
        for name, values in CATEGORICAL.items():
            present = sorted(rng.choice(values, rng.integers(1, len(values) + 1), replace=False).tolist())
            self.codes[name] = {value: n for n, value in enumerate(present)}
            self.columns[name] = rng.integers(0, len(present), size).astype(np.int8)
        self.columns["hourly"] = rng.choice([NOT_STATED, 0, 999, 1000, 1200, 1500, 1799, 1800, 2000, 3500], size)
        self.columns["hours"] = rng.choice([NOT_STATED, 0, 5, 10, 11, 20, 30, 40], size).astype(np.int8)
        self.columns["deadline"] = TODAY.toordinal() + rng.choice([-1, 0, 1, 7, 8, 29, 30, 31, 200], size)
        self.columns["deadline"][rng.random(size) < 0.1] = NO_DEADLINE
        # On either side of the posted filter's edges, now and at the start of the hour (masks.py keeps those).
        self.columns["posted"] = (int(NOW) - rng.choice([0, 7, 30, 31], size) * 86400
                                  - rng.choice([-1, 0, 1, 600, 1234, 1235, 3600], size))
        self.age_stated, self.grade_stated = rng.random(size) < 0.6, rng.random(size) < 0.4
        for bound, low, high in (("age", 12, 25), ("grade", 5, 13)):
            self.columns[f"min_{bound}"] = rng.integers(low, high, size)
            self.columns[f"max_{bound}"] = self.columns[f"min_{bound}"] + rng.integers(0, 5, size)
        self.access = {term.slug: rng.random(size) < 0.3 for term in ACCESS}
        self.pathways = rng.random((size, len(taxonomy.PATHWAYS))) < rng.choice([0.0, 0.05, 0.5])


def plain_facets(filters: Filters, words: Mask) -> dict[str, dict[Any, int]]:
    """Every facet by the plain definition: a mask per choice, ANDed with the population, counted."""
    snap, found = filters.snap, {}

    def population(skip: str) -> Mask:
        mask = words.copy()
        for name, filter_mask in filters.masks.items():
            if name != skip:
                mask &= filter_mask
        return mask

    def counted(skip: str, choices: dict[Any, Mask], keep_zeros: bool) -> dict[Any, int]:
        tally = {choice: int(np.count_nonzero(population(skip) & mask)) for choice, mask in choices.items()}
        return {choice: n for choice, n in tally.items() if n or keep_zeros}

    for column, field in FIELD.items():
        found[field] = counted(field, {value: snap.columns[column] == code
                                       for value, code in snap.codes[column].items()}, False)
    found["pathways"] = counted("pathways", {p.slug: snap.pathways[:, n]
                                             for n, p in enumerate(taxonomy.PATHWAYS)}, False)
    found["access"] = counted("access", dict(snap.access), True)
    found["grades"] = counted("eligibility", {g: filters.open_to_grade(g) for g in GRADES}, True)
    for name, at in (("min_hourly", filters.min_hourly), ("max_hours", filters.max_hours),
                     ("deadline_within", filters.deadline_within), ("posted_within", filters.posted_within)):
        found[name] = counted(name, {o: at(o) for o in BY_FACET[name].options}, True)
    if filters.miles is not None:
        found["miles"] = counted("near", {m: filters.within(m) for m in BY_FACET["miles"].options}, True)
    return found


@st.composite
def queries(draw: st.DrawFn) -> ListingQuery:
    def some(values: list[Any]) -> tuple[Any, ...]:
        return tuple(draw(st.lists(st.sampled_from(values), max_size=2, unique=True)))

    return ListingQuery(
        kinds=some(CATEGORICAL["kind"]), pay=some(CATEGORICAL["pay"]), work_modes=some(CATEGORICAL["work_mode"]),
        seasons=some(CATEGORICAL["season"]), pathways=some([p.slug for p in taxonomy.PATHWAYS]),
        access=some([a.slug for a in ACCESS]), grades=some(list(GRADES)),
        age=draw(st.none() | st.integers(12, 25)), min_hourly=draw(st.none() | st.sampled_from([10, 15, 18])),
        max_hours=draw(st.none() | st.sampled_from([10, 20])), deadline_within=draw(st.none() | st.sampled_from([7, 30])),
        posted_within=draw(st.none() | st.sampled_from([7, 30])), near=draw(st.none() | st.sampled_from(["a", "b"])),
        miles=draw(st.sampled_from([5, 25])), unstated=draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(st.data(), st.sampled_from([0, 1, 2, 63, 64, 65, 127, 200, 1000]), st.integers(0, 2**32 - 1))
def test_facet_counts_are_the_plain_count_of_each_choice(data: st.DataObject, size: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    snap = RandomColumns(rng, size)
    # Distances from two places, the same for every search near one (as Snapshot.miles_from keeps them).
    places = {zip_code: np.where(rng.random(size) < 0.1, np.inf, rng.choice([0, 5, 5.5, 10, 24, 60], size))
              for zip_code in ("a", "b")}
    # The same snapshot later that hour, the next hour, the next day.
    for now, today in ((NOW, TODAY), (NOW + 60, TODAY), (NOW + 3600, TODAY), (NOW + 86400, TODAY + timedelta(1))):
        with mock.patch.object(masks, "time", SimpleNamespace(time=lambda now=now: now)):
            for _ in range(3):  # the first search fills the snapshot's packed masks; the others reuse them
                query = data.draw(queries())
                density = data.draw(st.sampled_from([0.0, 0.01, 0.5, 1.0]))
                words = (rng.random(size) < density) & snap.live
                filters = Filters(snap, query, today, places[query.near] if query.near else None)
                expected = plain_facets(filters, words)
                found = filters.facets(words)
                assert found == expected
                assert [list(counts.items()) for counts in found.values()] == [
                    list(expected[name].items()) for name in found], "choices in the facet's own order"
                only = data.draw(st.sampled_from(sorted(expected)))
                assert filters.facets(words, only=only) == {only: expected[only]}


def test_packed_counts_count_the_bits_of_each_row_among_a_population() -> None:
    rng = np.random.default_rng(5)
    for size in (0, 1, 64, 65, 5000):
        rows = [rng.random(size) < p for p in (0.0, 0.3, 1.0)]
        for population in (np.zeros(size, bool), np.ones(size, bool), rng.random(size) < 0.001,
                           rng.random(size) < 0.6):
            expected = [int(np.count_nonzero(population & row)) for row in rows]
            assert tally.counts(tally.packed_rows(rows, size), tally.packed(population)) == expected
