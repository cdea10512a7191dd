"""Refresh the transit feed (GTFS_URL) and work out, for each listing, the bus within a walk.

Stages, in order: retrieve the feed (conditional GET; a local folder or zip is read as it
is) -> read its served stops (ingest/gtfs.py) -> replace the stored stops -> recompute each
listing's ``transit_*`` columns from its exact place. The served stops depend on the day
(service has dates), so a feed the server says is unchanged is read again from the copy
kept under the instance folder once a day. A feed that fails leaves the stops and the
listings' answers as they were, and the failure is recorded like a source's.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from ingest.errors import IngestError
from ingest.gtfs import TransitStops, read_gtfs
from ingest.retrieve import retrieve
from tracker import search
from tracker.extensions import db
from tracker.geo import Point
from tracker.models import Listing, TransitFeed, TransitStop
from tracker.transit import StopGrid, StopPlace

log = logging.getLogger(__name__)
# A whole region's GTFS zip (stop_times.txt above all) is far larger than a listings feed.
MAX_FEED_BYTES = 200 * 1024 * 1024


@dataclass
class TransitReport:
    outcome: str = "ok"  # ok, not-modified, failed
    stops: int = 0
    reachable: int = 0
    checked: int = 0
    changed: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"


def refresh_transit(location: str, cache_dir: Path, today: date, now: datetime, walk_limit: int) -> TransitReport:
    """Refresh the stops from ``location`` and each listing's bus access; never raises IngestError."""
    feed = _feed_row(location)
    report = TransitReport()
    try:
        stops = _read_feed(feed, location, cache_dir / "transit-feed.zip", today)
        if stops is None:
            report.outcome = "not-modified"
        else:
            report.warnings = list(stops.warnings)
            _replace_stops(stops)
            feed.service_start, feed.service_end, feed.evaluated_on = stops.service_start, stops.service_end, today
        feed.last_run_at = feed.last_success_at = now
        feed.last_error, feed.consecutive_failures = None, 0
    except IngestError as exc:
        return _fail(location, now, str(exc))
    except Exception as exc:  # a surprise in the feed must not stop the listings' ingest
        log.exception("reading the transit feed %s failed unexpectedly", location)
        return _fail(location, now, f"unexpected error: {type(exc).__name__}: {exc}")
    report.checked, report.reachable, changed = update_listings(walk_limit)
    report.changed = len(changed)
    report.stops = db.session.scalar(sa.select(sa.func.count()).select_from(TransitStop)) or 0
    db.session.commit()
    reindex(changed, today)
    return report


def _fail(location: str, now: datetime, reason: str) -> TransitReport:
    db.session.rollback()
    feed = _feed_row(location)
    feed.last_run_at, feed.last_error = now, reason
    feed.consecutive_failures += 1
    db.session.commit()
    return TransitReport(outcome="failed", error=reason)


def _feed_row(location: str) -> TransitFeed:
    feed = db.session.scalar(sa.select(TransitFeed).order_by(TransitFeed.id))
    if feed is None:
        feed = TransitFeed(location=location, consecutive_failures=0)
        db.session.add(feed)
    elif feed.location != location:
        # Another feed: what was learnt about the old one says nothing about it.
        feed.location, feed.etag, feed.last_modified, feed.content_digest, feed.evaluated_on = location, None, None, None, None
    return feed


def _read_feed(feed: TransitFeed, location: str, cached: Path, today: date) -> TransitStops | None:
    """Return the served stops to store, or None when nothing needs doing today."""
    if "://" not in location and Path(location).is_dir():
        return read_gtfs(folder=Path(location), start=today)
    retrieved = retrieve(location, etag=feed.etag, last_modified=feed.last_modified, max_bytes=MAX_FEED_BYTES)
    if retrieved.content is None:  # 304: the same feed, but another day may serve other stops
        if feed.evaluated_on == today:
            return None
        if not cached.is_file():
            feed.etag = feed.last_modified = None  # fetch it whole next time
            raise IngestError("the feed was not modified, but its saved copy is missing; it will be fetched again")
        return read_gtfs(cached.read_bytes(), start=today)
    digest = hashlib.sha256(retrieved.content).hexdigest()
    if digest == feed.content_digest and feed.evaluated_on == today:
        feed.etag, feed.last_modified = retrieved.etag, retrieved.last_modified
        return None
    stops = read_gtfs(retrieved.content, start=today)
    if "://" in location:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(retrieved.content)
        temporary.replace(cached)
    # Validators are saved only with the content they describe (the sources' rule).
    feed.etag, feed.last_modified, feed.content_digest = retrieved.etag, retrieved.last_modified, digest
    return stops


def _replace_stops(stops: TransitStops) -> None:
    db.session.execute(sa.delete(TransitStop))
    db.session.add_all(TransitStop(stop_id=s.stop_id[:200], name=s.name[:200], latitude=s.latitude,
                                   longitude=s.longitude, routes=list(s.routes)) for s in stops.stops)
    db.session.flush()


def update_listings(walk_limit: int) -> tuple[int, int, list[int]]:
    """Recompute every listing's bus access from the stored stops; return (checked, reachable, changed ids)."""
    grid = StopGrid(StopPlace(s.name, s.latitude, s.longitude, tuple(s.routes))
                    for s in db.session.scalars(sa.select(TransitStop)))
    rows = db.session.execute(sa.select(
        Listing.id, Listing.place_exact, Listing.work_mode, Listing.latitude, Listing.longitude,
        Listing.transit_routes, Listing.transit_stop, Listing.transit_walk_minutes)).all()
    checked = reachable = 0
    changes = []
    for row in rows:
        wanted: tuple[list[str] | None, str | None, int | None] = (None, None, None)
        if row.place_exact and row.work_mode != "remote" and row.latitude is not None and row.longitude is not None:
            checked += 1
            access = grid.nearest(Point(row.latitude, row.longitude), walk_limit)
            wanted = ([], None, None) if access is None else (list(access.routes), access.stop, access.walk_minutes)
            reachable += access is not None
        if wanted != (row.transit_routes, row.transit_stop, row.transit_walk_minutes):
            changes.append({"id": row.id, "transit_routes": wanted[0], "transit_stop": wanted[1],
                            "transit_walk_minutes": wanted[2]})
    if changes:
        db.session.execute(sa.update(Listing), changes)
    return checked, reachable, [change["id"] for change in changes]


def reindex(listing_ids: list[int], today: date) -> None:
    """Write the listings whose bus access changed to the index (its "reachable by bus" filter reads it there)."""
    for start in range(0, len(listing_ids), 500):
        chunk = listing_ids[start:start + 500]
        shown = db.session.scalars(sa.select(Listing).where(Listing.id.in_(chunk), Listing.visible(today))).all()
        if shown:
            search.apply_changes([search.document_for(listing) for listing in shown], [])


def forget_transit(today: date) -> int:
    """Clear every listing's bus access and the stored stops (GTFS_URL was unset); return listings cleared."""
    cleared = list(db.session.scalars(sa.select(Listing.id).where(Listing.transit_routes.is_not(None))))
    if cleared:
        db.session.execute(sa.update(Listing).where(Listing.id.in_(cleared))
                           .values(transit_routes=None, transit_stop=None, transit_walk_minutes=None))
    db.session.execute(sa.delete(TransitStop))
    db.session.commit()
    reindex(cleared, today)
    return len(cleared)
