"""The bundled demo must look like a real Birmingham tracker on whatever day it runs."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import sqlalchemy as sa

from tracker import taxonomy
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing, Source

# Jefferson and Shelby county ZIPs: 350xx-352xx.
BIRMINGHAM_AREA_ZIPS = range(35000, 35299 + 1)


def all_listings(app) -> list[Listing]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Listing)).all()
        db.session.expunge_all()
        return rows


def test_demo_has_at_least_150_listings_from_four_formats(demo_app) -> None:
    with demo_app.app_context():
        formats = set(db.session.scalars(sa.select(Source.format)))
        per_source = dict(db.session.execute(
            sa.select(Source.format, sa.func.count()).join(Listing).group_by(Source.format)).all())
    assert formats >= {"rss", "atom", "greenhouse", "csv"}
    assert sum(per_source.values()) >= 150 and min(per_source.values()) >= 30, per_source


def test_demo_covers_every_kind_and_pathway(demo_app) -> None:
    rows = all_listings(demo_app)
    kinds = Counter(r.kind for r in rows)
    pathways = Counter(p for r in rows for p in r.pathways)
    assert all(kinds[k.slug] >= 8 for k in taxonomy.KINDS), kinds
    assert all(pathways[p.slug] >= 5 for p in taxonomy.PATHWAYS), pathways


def test_demo_varies_eligibility_pay_and_place(demo_app) -> None:
    rows = all_listings(demo_app)
    assert sum(r.min_age == 16 for r in rows) >= 10
    assert sum(r.min_age == 18 for r in rows) >= 10
    assert sum(r.min_grade == 11 and r.max_grade == 12 for r in rows) >= 5
    assert sum(r.min_age is None and r.max_age is None for r in rows) >= 10
    assert {r.pay_status for r in rows} == {"paid", "unpaid", "unknown"}
    assert {r.pay_period for r in rows} >= {"hour", "year", "total"}
    assert Counter(r.work_mode for r in rows).keys() >= {"onsite", "remote", "hybrid"}
    zips = {r.zip for r in rows if r.zip}
    assert len(zips) >= 15 and all(int(z) in BIRMINGHAM_AREA_ZIPS for z in zips), zips


def test_demo_deadlines_are_spread_from_today(demo_app) -> None:
    with demo_app.app_context():
        today = site_today()
    rows = all_listings(demo_app)
    open_rows = [r for r in rows if r.status == Listing.ACTIVE]
    assert sum(r.deadline is not None and r.deadline <= today + timedelta(days=7) for r in open_rows) >= 3
    assert sum(r.deadline is not None and timedelta(days=7) < r.deadline - today <= timedelta(days=30) for r in open_rows) >= 10
    assert sum(r.deadline is None for r in open_rows) >= 10
    assert sum(r.status == Listing.EXPIRED for r in rows) >= 2  # closed pages to show


def test_demo_organisations_are_samples_with_example_links(demo_app) -> None:
    rows = all_listings(demo_app)
    assert all(r.apply_url and r.apply_url.split("/")[2].endswith(("example.org", "example.com", "example.net"))
               for r in rows)
    assert all("Sample listing for the demo" in r.description for r in rows)
