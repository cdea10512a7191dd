"""Where ZIP codes are, and how far apart two points are."""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_CENTROIDS = Path(__file__).resolve().parent / "data" / "zip_centroids_al.csv"
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@lru_cache(maxsize=4)
def _centroids(path: str) -> dict[str, Point]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["zip"]: Point(float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(handle)}


@lru_cache(maxsize=4)
def _places(path: str) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["zip"]: row["place"] for row in csv.DictReader(handle) if row.get("place")}


def zip_place(zip_code: str | None, path: str | Path = DEFAULT_CENTROIDS) -> str | None:
    """Return the place the census names for a 5-digit ZIP code (a city or town), or None."""
    if not zip_code:
        return None
    return _places(str(path)).get(zip_code.strip()[:5])


def zip_point(zip_code: str | None, path: str | Path = DEFAULT_CENTROIDS) -> Point | None:
    """Return the centre of a 5-digit ZIP code, or None when it is unknown."""
    if not zip_code:
        return None
    return _centroids(str(path)).get(zip_code.strip()[:5])


def miles_between(a: Point, b: Point) -> float:
    """Return the great-circle distance in miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, h)))


def bounding_box(centre: Point, miles: float) -> tuple[float, float, float, float]:
    """Return (min_lat, max_lat, min_lon, max_lon) of a box holding the circle of ``miles``."""
    lat_delta = math.degrees(miles / EARTH_RADIUS_MILES)
    lon_delta = math.degrees(miles / (EARTH_RADIUS_MILES * max(0.01, math.cos(math.radians(centre.latitude)))))
    return (centre.latitude - lat_delta, centre.latitude + lat_delta,
            centre.longitude - lon_delta, centre.longitude + lon_delta)
