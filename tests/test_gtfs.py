"""Reading GTFS feeds into served stops: a synthetic feed with one rule per stop, and the
stale, partly broken 2011 Birmingham sample (read in place: it carries no licence to copy)."""
from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.gtfs import read_gtfs
from tests.conftest import FIXTURES, ROOT
from tracker.geo import Point
from tracker.transit import StopGrid, StopPlace, walk_minutes

SYNTHETIC = FIXTURES / "gtfs_synthetic"
# Beside the repository, as CI lays it out; SHARED_FIXTURES names another place (a worktree's).
SHARED = Path(os.environ.get("SHARED_FIXTURES") or ROOT.parent / "shared" / "fixtures")
BJCTA_2011 = SHARED / "reference" / "gtfs_bjcta_subte_2011"
A_MONDAY = date(2026, 6, 1)


def zipped(folder: Path, inside: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in folder.glob("*.txt"):
            archive.write(path, inside + path.name)
    return out.getvalue()


def served(stops) -> dict[str, tuple[str, ...]]:
    return {stop.stop_id: stop.routes for stop in stops.stops}


def test_only_stops_with_a_pickup_on_a_running_service_count() -> None:
    stops = read_gtfs(folder=SYNTHETIC, start=A_MONDAY)
    # S1: weekdays (route 1) and Saturdays (route 44); the station STN is not a stop;
    # S4 only drops off; S5's service ended in 2015; S7 runs on one day in 2099.
    assert served(stops) == {"S1": ("1", "44"), "S2": ("44",), "S3": ("7",)}
    assert stops.service_start == date(2014, 1, 1) and stops.service_end == date(2099, 12, 31)
    warnings = " | ".join(stops.warnings)
    assert "placeholder location: New Stop, FIXME" in warnings
    assert "skipped 1 stop(s) without readable coordinates" in warnings
    assert "skipped 1 calendar row(s) with unreadable dates" in warnings


def test_a_day_added_in_calendar_dates_serves_its_stop_and_a_route_without_a_short_name_keeps_its_long_one() -> None:
    stops = read_gtfs(folder=SYNTHETIC, start=date(2099, 7, 1))
    assert served(stops)["S7"] == ("Holiday Shuttle",)


def test_a_zip_reads_like_the_folder_even_with_its_tables_in_a_subfolder() -> None:
    expected = read_gtfs(folder=SYNTHETIC, start=A_MONDAY)
    assert read_gtfs(zipped(SYNTHETIC), start=A_MONDAY) == expected
    assert read_gtfs(zipped(SYNTHETIC, "google_transit/"), start=A_MONDAY) == expected


def test_what_is_not_a_feed_is_a_parse_error_saying_why(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="expected a zip file"):
        read_gtfs(b"<html>Not found</html>", start=A_MONDAY)
    (tmp_path / "stops.txt").write_text("stop_id,stop_name,stop_lat,stop_lon\n")
    with pytest.raises(ParseError, match="trips.txt, stop_times.txt missing"):
        read_gtfs(zipped(tmp_path), start=A_MONDAY)


def bjcta_sample() -> Path:
    if not BJCTA_2011.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BJCTA_2011} is missing (CI lays the shared fixtures beside the repository)")
        pytest.skip(f"shared fixtures not found at {BJCTA_2011}")
    return BJCTA_2011


def test_the_2011_birmingham_sample_reads_while_its_service_ran() -> None:
    stops = read_gtfs(folder=bjcta_sample(), start=date(2012, 6, 4))
    by_id = {stop.stop_id: stop for stop in stops.stops}
    # The names written as ""Central Station"" lose their stray quotes.
    assert by_id["central"].name == "Central Station" and by_id["central"].routes == ("1", "3", "HWY280")
    assert all('"' not in stop.name for stop in stops.stops)
    # Its placeholder stop ("FIXME - This isn't the correct location") is left out, with a warning.
    assert "walmartbessemer" not in by_id and len(by_id) == 17
    assert any("Walmart Bessemer" in w for w in stops.warnings)


def test_the_2011_birmingham_sample_serves_nothing_today_and_says_its_service_ended() -> None:
    stops = read_gtfs(folder=bjcta_sample(), start=A_MONDAY)
    assert stops.stops == ()
    assert "the feed's service ended on 2013-01-01: no stop counts as served" in stops.warnings


def test_a_walk_is_the_straight_line_with_a_detour_at_three_miles_an_hour() -> None:
    assert walk_minutes(0.1) == 3  # 0.13 mile of street: 2.6 minutes, rounded up
    assert walk_minutes(0.0) == 1
    stops = StopGrid([StopPlace("Near", 33.5170, -86.8080, ("1",)), StopPlace("Further", 33.5190, -86.8080, ("44", "3")),
                      StopPlace("Far", 33.4000, -86.9500, ("7",))])
    access = stops.nearest(Point(33.5175, -86.8080), max_minutes=10)
    assert access is not None and access.stop == "Near" and access.walk_minutes == 1
    # Every route within the walk, in the order riders read them.
    assert access.routes == ("1", "3", "44")
    assert stops.nearest(Point(33.5175, -86.8080), max_minutes=1).routes == ("1",)
    assert stops.nearest(Point(33.45, -86.85), max_minutes=10) is None
