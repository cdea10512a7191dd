"""Taking, deriving and reading daily snapshots.

History is append-only: a past day, once recorded, is never rewritten. Today's snapshot
may be taken again (the ingest runs several times a day and the day is not over), and it
replaces today's counts. Backfill only fills days that have no snapshot.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from tracker.clock import site_today
from tracker.extensions import db
from tracker.geo import zip_place
from tracker.models import Listing, Source
from tracker.snapshots.counts import Counts, ListingFacts, count_day
from tracker.snapshots.models import Snapshot, SnapshotCount


class HistoryError(ValueError):
    """A snapshot that would rewrite history or describe the future; the message says which."""


@dataclass(frozen=True)
class Taken:
    day: date
    method: str
    counts: int
    replaced: bool


@dataclass(frozen=True)
class _Row:
    facts: ListingFacts
    closed_at: date | None   # any closing (expired or removed), for "was it open that day"


def take(day: date | None = None, method: str = Snapshot.COMMAND) -> Taken:
    """Count the tracker for ``day`` (today by default) and store it; a past day is derived, once."""
    today = site_today()
    day = day or today
    if day > today:
        raise HistoryError(f"{day} is in the future: a snapshot counts a day that has begun")
    existing = db.session.scalar(sa.select(Snapshot).where(Snapshot.day == day))
    if day < today:
        if existing is not None:
            raise HistoryError(f"{day} already has a snapshot ({existing.method}); past days are never rewritten")
        rows = _rows()
        counts = count_day(day, _open_on(day, rows), [r.facts for r in rows], zip_place)
        return _store(day, Snapshot.BACKFILL, counts, existing=None)
    by_id = _rows_by_id()
    visible = set(db.session.scalars(sa.select(Listing.id).where(Listing.visible(today))))
    open_now = [row.facts for listing_id, row in by_id.items() if listing_id in visible]
    counts = count_day(day, open_now, [r.facts for r in by_id.values()], zip_place)
    return _store(day, method, counts, existing)


def backfill(start: date | None = None, end: date | None = None) -> list[Taken]:
    """Derive every day from ``start`` (the first listing seen) to ``end`` (yesterday) that has no snapshot."""
    rows = _rows()
    yesterday = site_today() - timedelta(days=1)
    end = min(end or yesterday, yesterday)
    if start is None:
        if not rows:
            return []
        start = min(r.facts.first_seen for r in rows)
    have = set(db.session.scalars(sa.select(Snapshot.day).where(Snapshot.day.between(start, end))))
    taken = []
    day = start
    while day <= end:
        if day not in have:
            counts = count_day(day, _open_on(day, rows), [r.facts for r in rows], zip_place)
            taken.append(_store(day, Snapshot.BACKFILL, counts, existing=None, commit=False))
        day += timedelta(days=1)
    db.session.commit()
    return taken


def snapshot_days(start: date, end: date) -> list[Snapshot]:
    """Return the snapshots from ``start`` to ``end``, oldest first."""
    return list(db.session.scalars(sa.select(Snapshot).where(Snapshot.day.between(start, end)).order_by(Snapshot.day)))


def series(measure: str, start: date, end: date) -> dict[date, dict[str, Decimal]]:
    """Return {day: {key: value}} for one measure over a period (days without a snapshot are absent)."""
    rows = db.session.execute(
        sa.select(Snapshot.day, SnapshotCount.key, SnapshotCount.value)
        .join(SnapshotCount.snapshot)
        .where(SnapshotCount.measure == measure, Snapshot.day.between(start, end))
        .order_by(Snapshot.day)
    ).all()
    out: dict[date, dict[str, Decimal]] = {}
    for day, key, value in rows:
        out.setdefault(day, {})[key] = value
    return out


# --- private ------------------------------------------------------------------------------

def _store(day: date, method: str, counts: Counts, existing: Snapshot | None, commit: bool = True) -> Taken:
    try:
        if existing is not None:
            db.session.delete(existing)
            db.session.flush()
        snapshot = Snapshot(day=day, method=method)
        snapshot.counts = [SnapshotCount(measure=m, key=k[:160], value=v) for (m, k), v in sorted(counts.items())]
        db.session.add(snapshot)
        if commit:
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return Taken(day=day, method=method, counts=len(counts), replaced=existing is not None)


def _open_on(day: date, rows: list[_Row]) -> list[ListingFacts]:
    """Listings the public could find on a past day, by their first-seen, closed and deadline dates."""
    return [r.facts for r in rows
            if r.facts.first_seen <= day and (r.closed_at is None or r.closed_at > day)
            and (r.facts.deadline is None or r.facts.deadline >= day)]


_COLUMNS = (Listing.id, Listing.kind, Listing.pathways, Listing.pay_status, Listing.pay_min, Listing.pay_max,
            Listing.pay_period, Listing.min_age, Listing.max_age, Listing.min_grade, Listing.max_grade,
            Listing.work_mode, Listing.zip, Listing.transport_provided, Listing.transport_note, Source.name,
            Listing.first_seen_at, Listing.closed_at, Listing.status, Listing.deadline, Listing.transit_routes)


def _query() -> sa.Select:  # type: ignore[type-arg]
    # Published listings that are not another source's copy: what the public could ever see.
    return (sa.select(*_COLUMNS).join(Listing.source)
            .where(Listing.published(), Listing.duplicate_of_id.is_(None)).order_by(Listing.id))


def _rows_by_id() -> dict[int, _Row]:
    return {row[0]: _row(row) for row in db.session.execute(_query())}


def _rows() -> list[_Row]:
    return list(_rows_by_id().values())


def _row(row: sa.Row) -> _Row:  # type: ignore[type-arg]
    (_id, kind, pathways, pay_status, pay_min, pay_max, pay_period, min_age, max_age, min_grade, max_grade,
     work_mode, zip_code, transport_provided, transport_note, source, first_seen_at, closed_at, status, deadline,
     transit_routes) = row
    closed = _site_date(closed_at) if closed_at is not None else None
    facts = ListingFacts(
        kind=kind, pathways=tuple(pathways or ()), pay_status=pay_status, pay_min=pay_min, pay_max=pay_max,
        pay_period=pay_period, min_age=min_age, max_age=max_age, min_grade=min_grade, max_grade=max_grade,
        work_mode=work_mode, zip=zip_code, transport_provided=transport_provided, transport_note=transport_note,
        source=source, first_seen=_site_date(first_seen_at),
        closed=closed if status == Listing.REMOVED else None, deadline=deadline, transit_routes=tuple(transit_routes or ()))
    return _Row(facts=facts, closed_at=closed)


def _site_date(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(current_app.config["SITE_TIMEZONE"])).date()
