"""The path past one machine: the demo ingests, searches and serves on PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from ingest.pipeline import run_sources
from ingest.sources import load_sources
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing


def test_demo_ingests_and_serves_on_postgresql(pg_app) -> None:
    with pg_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        reports = run_sources(load_sources(pg_app.config["SOURCES_FILE"]), site_today(), datetime.now(UTC))
        assert not [r for r in reports if r.failed]
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Listing))
        assert total >= 150
        aware = db.session.scalars(sa.select(Listing.first_seen_at)).first()
        assert aware is not None and aware.tzinfo is not None
        again = run_sources(load_sources(pg_app.config["SOURCES_FILE"]), site_today(), datetime.now(UTC))
        assert sum(r.new for r in again) == 0 and sum(r.unchanged for r in again) >= 150
    client = pg_app.test_client()
    html = client.get("/search?q=internship&pay=paid").get_data(as_text=True)
    assert 'href="/listings/' in html
    listing_id = html.split('href="/listings/', 1)[1].split('"', 1)[0]
    assert client.get(f"/listings/{listing_id}").status_code == 200


def test_a_parallel_rebuild_reads_postgresql_from_each_process(pg_app, monkeypatch) -> None:
    from tests.factories import add_listings
    from tracker import search
    from tracker.listings import find_listings, reindex_all
    from tracker.query import ListingQuery

    monkeypatch.setattr(search, "rebuild_processes", lambda expected: 2)
    with pg_app.test_request_context():
        add_listings(*({"title": f"Nursing aide {n}"} for n in range(10)))
        assert reindex_all() == 10
        assert find_listings(ListingQuery(text="nursing")).total == 10
        # The parent's own connections still work after its children closed theirs.
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 10
        assert reindex_all() == 10
