"""Getting there by bus: the nearest stop with service within a walk of a place.

A walk is estimated, never measured: the straight line between the place and the stop,
times 1.3 because streets are not straight lines (the usual "network detour" factor for
a city grid), at 3 miles an hour (80 metres a minute, a relaxed adult pace). With the
default limit of 10 minutes that is a stop within about 0.38 mile as the crow flies.
The stops come from the operator's GTFS feed (GTFS_URL; see ingest/transit.py).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.geo import Point, miles_between
from tracker.numbers import whole_number

DETOUR = 1.3
WALK_MPH = 3.0
DEFAULT_WALK_MINUTES = 10
# Grid cells of about 0.7 x 0.6 miles at Birmingham's latitude: a 10-minute walk spans at most two.
CELL_DEGREES = 0.01


@dataclass(frozen=True)
class StopPlace:
    name: str
    latitude: float
    longitude: float
    routes: tuple[str, ...]


@dataclass(frozen=True)
class BusAccess:
    """What is within the walk: every route serving a stop there, and the nearest stop and its walk."""

    stop: str
    routes: tuple[str, ...]
    walk_minutes: int


def walk_minutes(miles: float) -> int:
    """Return the estimated minutes to walk ``miles`` of straight line, rounded up (at least 1)."""
    return max(1, math.ceil(miles * DETOUR / WALK_MPH * 60))


class StopGrid:
    """Stops bucketed by grid cell, so finding those near a place looks at a few cells only."""

    def __init__(self, stops: Iterable[StopPlace]) -> None:
        self.cells: dict[tuple[int, int], list[StopPlace]] = {}
        for stop in stops:
            self.cells.setdefault(self._cell(stop.latitude, stop.longitude), []).append(stop)

    @staticmethod
    def _cell(latitude: float, longitude: float) -> tuple[int, int]:
        return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)

    def nearest(self, place: Point, max_minutes: int) -> BusAccess | None:
        """Return the stop with the shortest walk from ``place``, if one is within ``max_minutes``."""
        reach_miles = max_minutes / 60 * WALK_MPH / DETOUR
        lat_cells = math.ceil(math.degrees(reach_miles / 3958.8) / CELL_DEGREES)
        lon_cells = math.ceil(lat_cells / max(0.05, math.cos(math.radians(place.latitude))))
        row, column = self._cell(place.latitude, place.longitude)
        best: tuple[float, StopPlace] | None = None
        routes: set[str] = set()
        for r in range(row - lat_cells, row + lat_cells + 1):
            for c in range(column - lon_cells, column + lon_cells + 1):
                for stop in self.cells.get((r, c), ()):
                    miles = miles_between(place, Point(stop.latitude, stop.longitude))
                    if miles > reach_miles:
                        continue
                    routes.update(stop.routes)
                    if best is None or (miles, stop.name) < (best[0], best[1].name):
                        best = (miles, stop)
        if best is None:
            return None
        miles, stop = best
        return BusAccess(stop=stop.name, routes=tuple(sorted(routes, key=route_order)), walk_minutes=walk_minutes(miles))


def route_order(name: str) -> tuple[int, int, str]:
    """Sort route names as riders read them: 1, 3, 12, then HWY280."""
    # whole_number, not isdigit(): a feed's route named "²" would make int() raise.
    number = whole_number(name)
    return (0, number, "") if number is not None else (1, 0, name)

