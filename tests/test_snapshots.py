"""The tracker's daily history: what a day counts, taking it, the ingest hook, backfill."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tracker import snapshots
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing
from tracker.snapshots import counts as c
from tracker.snapshots.models import Snapshot, SnapshotCount

DAY = date(2026, 3, 10)


def facts(**overrides) -> c.ListingFacts:
    base = dict(kind="internship", pathways=("healthcare",), pay_status="paid", pay_min=Decimal("12"), pay_max=None,
                pay_period="hour", min_age=16, max_age=18, min_grade=None, max_grade=None, work_mode="onsite",
                zip="35203", transport_provided=None, transport_note=None, source="City jobs",
                first_seen=DAY - timedelta(days=3), closed=None, deadline=None)
    base.update(overrides)
    return c.ListingFacts(**base)


def test_a_day_counts_each_measure_from_what_listings_state() -> None:
    listings = [
        facts(),
        facts(kind="job", pathways=("healthcare", "finance"), pay_min=Decimal("15"), pay_max=Decimal("18"),
              min_age=18, max_age=None, work_mode="remote", zip=None, source="Board"),
        facts(pathways=(), pay_status="unpaid", pay_min=None, pay_period=None, min_age=None, max_age=None,
              min_grade=11, max_grade=12, transport_provided=True, first_seen=DAY),
        facts(pay_status="unknown", pay_min=None, pay_period=None, min_age=None, max_age=None,
              transport_note="Bus route 44 stops outside", zip="99999"),
        facts(kind="job", transit_routes=("44",), transport_provided=False),
    ]
    gone = facts(closed=DAY, first_seen=DAY - timedelta(days=30))
    past_deadline = facts(deadline=DAY - timedelta(days=1))
    counts = c.count_day(DAY, listings, [*listings, gone, past_deadline], {"35203": "Birmingham"}.get)

    def measure(name: str) -> dict[str, int]:
        return {k: int(v) for (m, k), v in counts.items() if m == name}

    assert measure(c.OPEN) == {"all": 5}
    assert measure(c.KIND) == {"internship": 3, "job": 2}
    assert measure(c.PATHWAY) == {"healthcare": 4, "finance": 1}
    assert measure(c.KIND_PATHWAY) == {"internship/healthcare": 2, "internship/none": 1, "job/healthcare": 2, "job/finance": 1}
    assert measure(c.PAY) == {"paid": 3, "unpaid": 1, "unknown": 1}
    assert measure(c.AGE_BAND) == {"16-18": 3, "19-21": 1, "22-25": 1, "not-stated": 2}
    assert measure(c.GRADE) == {"not-stated": 4, "11": 1, "12": 1}
    assert measure(c.JUNIORS_SENIORS) == {"fits": 4, "unstated": 1}
    assert measure(c.WORK_MODE) == {"onsite": 4, "remote": 1}
    assert measure(c.ZIP) == {"35203": 3, "not-stated": 1, "99999": 1}
    assert measure(c.AREA) == {"Birmingham": 3, "not-stated": 2}
    assert measure(c.TRANSPORT) == {"not-stated": 1, "remote": 1, "provided": 1, "transit-note": 1, "bus-stop": 1}
    assert measure(c.SOURCE) == {"City jobs": 4, "Board": 1}
    assert measure(c.EVENTS) == {"new": 1, "closed": 1, "expired": 1}
    # Hourly rates as stated: the lowest of a range; only paid listings paid by the hour.
    assert counts[(c.MEDIAN_HOURLY_PAY, "all")] == Decimal("12.00")
    assert counts[(c.MEDIAN_HOURLY_PAY, "finance")] == Decimal("15.00")
    assert counts[(c.HOURLY_PAY_LISTINGS, "all")] == 3 and counts[(c.HOURLY_PAY_LISTINGS, "finance")] == 1
    assert {m for m, _ in counts} <= set(c.MEASURES)


def test_a_day_with_nothing_open_still_says_so() -> None:
    counts = c.count_day(DAY, [], [], lambda z: None)
    assert counts == {(c.OPEN, "all"): 0, (c.EVENTS, "new"): 0, (c.EVENTS, "closed"): 0, (c.EVENTS, "expired"): 0}


def day_counts(app, day: date) -> dict[tuple[str, str], Decimal]:
    with app.app_context():
        snap = db.session.scalar(sa.select(Snapshot).where(Snapshot.day == day))
        assert snap is not None
        return {(row.measure, row.key): row.value for row in snap.counts}


def test_the_ingest_run_takes_todays_snapshot_of_what_the_public_sees(app) -> None:
    result = app.test_cli_runner().invoke(args=["ingest", "run"])
    assert "Snapshot of " in result.output, result.output
    with app.app_context():
        today = site_today()
        visible = db.session.scalars(sa.select(Listing).where(Listing.visible(today))).all()
        kinds: dict[str, int] = {}
        for listing in visible:
            kinds[listing.kind] = kinds.get(listing.kind, 0) + 1
        names = {l.title for l in db.session.scalars(sa.select(Listing))} | {l.organisation for l in visible}
        seen_today = db.session.scalar(sa.select(sa.func.count()).where(Listing.published(), Listing.duplicate_of_id.is_(None)))
    counts = day_counts(app, today)
    assert counts[(c.OPEN, "all")] == len(visible) > 0
    assert {k: int(v) for (m, k), v in counts.items() if m == c.KIND} == kinds
    assert counts[(c.EVENTS, "new")] == seen_today  # a first ingest: everything was first seen today
    # Aggregates only: no listing's title or organisation is a key; and the day is small.
    assert not {k for _, k in counts} & names
    assert len(counts) < 400


def test_today_is_replaced_but_a_past_day_is_never_rewritten(demo_app) -> None:
    runner = demo_app.test_cli_runner()
    first = runner.invoke(args=["snapshots", "take"])
    assert first.exit_code == 0 and "Took the snapshot of" in first.output
    with demo_app.app_context():
        today = site_today()
        listing = db.session.scalar(sa.select(Listing).where(Listing.visible(today)).order_by(Listing.id))
        listing.remove(datetime.now(timezone.utc))
        db.session.commit()
    before = day_counts(demo_app, today)[(c.OPEN, "all")]
    again = runner.invoke(args=["snapshots", "take"])
    assert again.exit_code == 0 and "Replaced the snapshot of" in again.output
    assert day_counts(demo_app, today)[(c.OPEN, "all")] == before - 1
    with demo_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Snapshot)) == 1

    yesterday = (today - timedelta(days=1)).isoformat()
    assert runner.invoke(args=["snapshots", "take", "--date", yesterday]).exit_code == 0
    refused = runner.invoke(args=["snapshots", "take", "--date", yesterday])
    assert refused.exit_code != 0 and "past days are never rewritten" in refused.output
    future = runner.invoke(args=["snapshots", "take", "--date", (today + timedelta(days=2)).isoformat()])
    assert future.exit_code != 0 and "in the future" in future.output
    bad = runner.invoke(args=["snapshots", "take", "--date", "03/04/2026"])
    assert bad.exit_code != 0 and "03/04/2026" in bad.output


def test_backfill_derives_the_days_that_have_none_from_first_seen_and_closed_dates(demo_app) -> None:
    with demo_app.app_context():
        today = site_today()
        listings = db.session.scalars(sa.select(Listing).where(Listing.visible(today)).order_by(Listing.id)).all()
        noon = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=17)
        # Spread the listings over the last 10 days; close one five days ago.
        for n, listing in enumerate(listings):
            listing.first_seen_at = noon - timedelta(days=n % 10)
        closed = listings[0]
        closed.first_seen_at = noon - timedelta(days=9)
        closed.remove(noon - timedelta(days=5))
        db.session.commit()
        deadlines = [(n, l.deadline) for n, l in enumerate(listings) if l is not closed]
    runner = demo_app.test_cli_runner()
    result = runner.invoke(args=["snapshots", "backfill"])
    assert result.exit_code == 0 and "Derived 9 days" in result.output, result.output
    for back in (9, 6, 5, 1):
        day = today - timedelta(days=back)
        expected = sum(1 for n, deadline in deadlines if n % 10 >= back and (deadline is None or deadline >= day))
        expected += 1 if back > 5 else 0  # the closed one was open until five days ago
        assert day_counts(demo_app, day)[(c.OPEN, "all")] == expected, back
    assert day_counts(demo_app, today - timedelta(days=5))[(c.EVENTS, "closed")] == 1
    again = runner.invoke(args=["snapshots", "backfill"])
    assert "Nothing to backfill" in again.output
    with demo_app.app_context():
        methods = set(db.session.scalars(sa.select(Snapshot.method)))
        assert methods == {Snapshot.BACKFILL}
        assert snapshots.series(c.OPEN, today - timedelta(days=9), today)
    reversed_range = runner.invoke(args=["snapshots", "backfill", "--from", "2026-05-01", "--to", "2026-04-01"])
    assert reversed_range.exit_code != 0 and "is after" in reversed_range.output


def test_snapshots_on_postgresql(pg_app) -> None:
    from tests.conftest import ingest_all

    ingest_all(pg_app)
    runner = pg_app.test_cli_runner()
    assert runner.invoke(args=["snapshots", "take"]).exit_code == 0
    assert "Replaced" in runner.invoke(args=["snapshots", "take"]).output
    with pg_app.app_context():
        today = site_today()
        visible = db.session.scalar(sa.select(sa.func.count()).where(Listing.visible(today)))
        assert snapshots.series(c.OPEN, today, today) == {today: {"all": Decimal(visible)}}
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SnapshotCount)) > 10
