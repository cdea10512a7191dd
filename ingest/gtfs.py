"""Read a GTFS feed (a zip, or a folder of .txt tables) into the stops that buses serve.

Pure: bytes or files in, a frozen ``TransitStops`` out; no database, no Flask. Only the
tables this needs are read (stops, routes, trips, stop_times, calendar, calendar_dates),
streamed row by row with the csv module, so a city-sized stop_times.txt costs little memory.

Real feeds are messy, and a survivable problem is a warning, not a failure:
- names written with doubled quotes outside a quoted field (``,""Central Station"",`` in the
  2011 BJCTA sample) come out of csv with stray quotes, which are trimmed;
- a stop marked as a placeholder by the editor that made the feed ("FIXME", "TODO", "not the
  correct location") is left out, since its coordinates are not where the stop is;
- rows with missing ids or unreadable coordinates are skipped and counted.
A feed without stops.txt, trips.txt or stop_times.txt, or one with no usable stop, is a
``ParseError``.

"Service" for the first version is any day with a trip in the window asked for: a stop is
served when some trip that picks people up there runs on a day between ``start`` and
``end``. A feed whose calendars all ended before ``start`` serves nothing, and says so.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ingest.errors import ParseError
from tracker.transit import route_order

REQUIRED = ("stops.txt", "trips.txt", "stop_times.txt")
# Words a GTFS editor leaves on a stop whose place is not yet right.
PLACEHOLDER = re.compile(r"\b(fixme|todo|tbd)\b|not the correct location|placeholder", re.I)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NO_PICKUP = "1"  # stop_times.pickup_type: no pickup available


@dataclass(frozen=True)
class Stop:
    stop_id: str
    name: str
    latitude: float
    longitude: float
    routes: tuple[str, ...]  # route names people see on the bus ("1", "HWY280"), sorted


@dataclass(frozen=True)
class TransitStops:
    """The stops with service in a window, what the feed covers, and what was wrong with it."""

    stops: tuple[Stop, ...]
    service_start: date | None  # the first and last day any calendar runs
    service_end: date | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


class _Tables:
    """The feed's tables, from a zip (files may sit in one folder inside) or a folder."""

    def __init__(self, content: bytes | None = None, folder: Path | None = None) -> None:
        self.folder = folder
        self.zip: zipfile.ZipFile | None = None
        self.names: dict[str, str] = {}
        if folder is not None:
            self.names = {p.name.lower(): p.name for p in folder.iterdir() if p.is_file()}
        elif content is not None:
            try:
                self.zip = zipfile.ZipFile(io.BytesIO(content))
            except zipfile.BadZipFile as exc:
                raise ParseError("not a GTFS feed: expected a zip file of GTFS tables") from exc
            self.names = {name.rsplit("/", 1)[-1].lower(): name for name in self.zip.namelist()
                          if not name.endswith("/") and "__MACOSX" not in name}

    def has(self, name: str) -> bool:
        return name in self.names

    def rows(self, name: str) -> Iterator[dict[str, str]]:
        """Yield the rows of one table as dicts of stripped text (header names stripped too)."""
        if name not in self.names:
            return
        if self.zip is not None:
            raw = self.zip.open(self.names[name])
        else:
            assert self.folder is not None
            raw = (self.folder / self.names[name]).open("rb")
        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as text:
            reader = csv.reader(text)
            header = [h.strip().lower() for h in next(reader, [])]
            for values in reader:
                if values:
                    yield {key: (values[i].strip() if i < len(values) else "") for i, key in enumerate(header)}


def read_gtfs(content: bytes | None = None, *, folder: Path | None = None,
              start: date, end: date | None = None) -> TransitStops:
    """Return the stops with service between ``start`` and ``end`` (default two weeks on)."""
    end = end or start + timedelta(days=14)
    tables = _Tables(content, folder)
    missing = [name for name in REQUIRED if not tables.has(name)]
    if missing:
        raise ParseError(f"not a usable GTFS feed: {', '.join(missing)} missing")
    warnings: list[str] = []
    running, first, last = _services_running(tables, start, end, warnings)
    route_names = _route_names(tables)
    trip_routes = {row["trip_id"]: row.get("route_id", "") for row in tables.rows("trips.txt")
                   if row.get("trip_id") and row.get("service_id") in running}
    served: dict[str, set[str]] = {}
    for row in tables.rows("stop_times.txt"):
        route = trip_routes.get(row.get("trip_id", ""))
        if route is None or row.get("pickup_type") == NO_PICKUP:
            continue
        served.setdefault(row.get("stop_id", ""), set()).add(route_names.get(route, route))
    stops = _stops(tables, served, warnings)
    if last is not None and last < start:
        warnings.append(f"the feed's service ended on {last.isoformat()}: no stop counts as served")
    elif not served:
        warnings.append(f"no trip runs between {start.isoformat()} and {end.isoformat()}")
    return TransitStops(stops=tuple(stops), service_start=first, service_end=last, warnings=tuple(warnings))


def _stops(tables: _Tables, served: dict[str, set[str]], warnings: list[str]) -> list[Stop]:
    stops, unreadable, placeholders = [], 0, []
    parents: dict[str, str] = {}
    rows = list(tables.rows("stops.txt"))
    if not rows:
        raise ParseError("not a usable GTFS feed: stops.txt has no stops")
    for row in rows:
        if row.get("parent_station"):
            parents[row.get("stop_id", "")] = row["parent_station"]
    for row in rows:
        stop_id = row.get("stop_id", "")
        if row.get("location_type", "0") not in ("", "0") or stop_id not in served:
            continue  # stations, entrances and nodes are not where a bus stops; unserved stops don't count
        name = _clean_name(row.get("stop_name", "")) or stop_id
        if PLACEHOLDER.search(" ".join((row.get("stop_name", ""), row.get("stop_desc", "")))):
            placeholders.append(name)
            continue
        try:
            latitude, longitude = float(row.get("stop_lat", "")), float(row.get("stop_lon", ""))
        except ValueError:
            unreadable += 1
            continue
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0.0, 0.0):
            unreadable += 1
            continue
        stops.append(Stop(stop_id, name, latitude, longitude, tuple(sorted(served[stop_id], key=route_order))))
    if placeholders:
        warnings.append(f"left out {len(placeholders)} stop(s) marked as a placeholder location: {', '.join(placeholders)}")
    if unreadable:
        warnings.append(f"skipped {unreadable} stop(s) without readable coordinates")
    return stops


def _route_names(tables: _Tables) -> dict[str, str]:
    names = {}
    for row in tables.rows("routes.txt"):
        route_id = row.get("route_id", "")
        names[route_id] = row.get("route_short_name") or _clean_name(row.get("route_long_name", "")) or route_id
    return names


def _services_running(tables: _Tables, start: date, end: date,
                      warnings: list[str]) -> tuple[set[str], date | None, date | None]:
    """Return the service ids with a day between start and end, and the first and last day of any."""
    running: set[str] = set()
    days: list[date] = []
    bad = 0
    for row in tables.rows("calendar.txt"):
        first, last = _date(row.get("start_date")), _date(row.get("end_date"))
        if first is None or last is None:
            bad += 1
            continue
        days += [first, last]
        weekdays = {i for i, name in enumerate(WEEKDAYS) if row.get(name) == "1"}
        day = max(first, start)
        while day <= min(last, end):
            if day.weekday() in weekdays:
                running.add(row.get("service_id", ""))
                break
            day += timedelta(days=1)
    for row in tables.rows("calendar_dates.txt"):
        added = _date(row.get("date"))
        if added is None:
            bad += 1
            continue
        days.append(added)
        # exception_type 1 adds a day; a removal (2) is ignored: some other day still runs.
        if row.get("exception_type") == "1" and start <= added <= end:
            running.add(row.get("service_id", ""))
    if bad:
        warnings.append(f"skipped {bad} calendar row(s) with unreadable dates")
    if not days:
        warnings.append("the feed has no calendar: no stop counts as served")
    return running, (min(days) if days else None), (max(days) if days else None)


def _date(text: str | None) -> date | None:
    try:
        return datetime.strptime((text or "").strip(), "%Y%m%d").date()
    except ValueError:
        return None


def _clean_name(text: str) -> str:
    return " ".join(text.replace('"', " ").split())
