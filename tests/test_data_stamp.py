"""Last-Modified comes from one stamp that every writer of listings moves, not a scan."""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from tests.conftest import FIXTURES, build_app, make_config, sql_statements
from tests.test_ingest_pipeline import NOW, ingest, write_sources
from tracker.data_stamp import data_stamp
from tracker.extensions import db
from tracker.listings import reindex_all
from tracker.models import DataVersion


def http_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_the_api_reads_one_row_for_last_modified_not_the_listings(demo_app) -> None:
    with sql_statements(demo_app) as statements:
        assert demo_app.test_client().get("/api/v1/listings").status_code == 200
    assert any("data_version" in s for s in statements)
    assert not [s for s in statements if "max(listings." in s.lower()], "a scan of listings for Last-Modified"


def test_ingest_moves_the_stamp_only_when_listings_change(app, tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(FIXTURES / "two_jobs.rss", folder / "jobs.rss")
    sources = write_sources(folder, ("Jobs", "rss", "jobs.rss"))
    client = app.test_client()
    ingest(app, sources)
    with app.app_context():
        first, first_at = data_stamp()
    assert first >= 1 and first_at is not None
    seen = client.get("/api/v1/listings")
    assert seen.headers["Last-Modified"] == http_date(first_at)
    unchanged = {"If-Modified-Since": seen.headers["Last-Modified"]}

    ingest(app, sources, NOW + timedelta(hours=1))  # same content: nothing written
    with app.app_context():
        assert data_stamp() == (first, first_at)
    assert client.get("/api/v1/listings", headers=unchanged).status_code == 304

    (folder / "jobs.rss").write_text((folder / "jobs.rss").read_text().replace("Shelve books", "Sort books"))
    ingest(app, sources, NOW + timedelta(hours=2))
    with app.app_context():
        changed, changed_at = data_stamp()
        assert changed > first and changed_at is not None and changed_at >= first_at
        reindex_all()
        assert data_stamp()[0] > changed


def test_the_migration_starts_the_stamp_at_the_newest_listing_change(tmp_path: Path) -> None:
    app = build_app(make_config(tmp_path), create_schema=False)
    newest = datetime(2030, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    with app.app_context():
        upgrade(revision="91dff8e6f766")
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO sources (id, name, format, location, enabled, consecutive_failures, "
                                 "created_at) VALUES (1, 's', 'rss', '-', 1, 0, '2030-01-01 00:00:00')"))
            for number, (updated, closed) in enumerate([("2030-05-01 00:00:00", "2030-05-06 07:08:09"),
                                                        ("2030-05-02 00:00:00", None)]):
                conn.execute(sa.text(
                    "INSERT INTO listings (source_id, external_id, status, title, organisation, description, kind, "
                    "pathways, pay_status, first_seen_at, last_seen_at, updated_at, closed_at, content_hash) "
                    "VALUES (1, :ext, 'active', 't', 'o', '', 'job', '[]', 'unknown', :u, :u, :u, :c, '')"),
                    {"ext": str(number), "u": updated, "c": closed})
        upgrade()
        row = db.session.get(DataVersion, 1)
        assert row is not None and (row.counter, row.changed_at) == (0, newest)
        db.engine.dispose()


def test_any_listing_change_through_the_orm_moves_the_stamp_with_its_transaction(app) -> None:
    from tests.factories import add_listings

    with app.app_context():
        listing = add_listings({"title": "Counter aide"})[0]
        after_insert, inserted_at = data_stamp()
        assert after_insert == 1 and inserted_at is not None
        listing.remove(datetime.now(timezone.utc))  # as an editor hiding it would
        db.session.rollback()
        assert data_stamp() == (after_insert, inserted_at), "a rolled-back change leaves the stamp"
        listing.remove(datetime.now(timezone.utc))
        db.session.commit()
        assert data_stamp()[0] == after_insert + 1
        db.session.get(type(listing), listing.id)  # a read moves nothing
        db.session.commit()
        assert data_stamp()[0] == after_insert + 1
