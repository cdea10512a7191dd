"""Listings kept from recent pages of results: reused while the data stays as it was, never shown stale after."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import sql_statements
from tracker import http_cache
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listing_cache import ListingCache
from tracker.listings import visible_listings
from tracker.models import Listing

LISTING_READS = "FROM listings \nWHERE listings.id IN"


def reads_of_listings(statements: list[str]) -> int:
    return sum(LISTING_READS in s for s in statements)


def first_result(client) -> dict:
    return client.get("/api/v1/listings?sort=newest&per_page=5").get_json()["listings"][0]


def test_the_same_results_again_are_not_read_again(demo_app: Flask) -> None:
    client = demo_app.test_client()
    with sql_statements(demo_app) as first:
        assert client.get("/search?sort=newest").status_code == 200
    with sql_statements(demo_app) as again:
        assert client.get("/search?sort=newest").status_code == 200
        assert client.get("/api/v1/listings?sort=newest").status_code == 200
    assert reads_of_listings(first) == 1
    assert reads_of_listings(again) == 0


def test_a_change_committed_in_this_process_shows_on_the_next_page(demo_app: Flask) -> None:
    client = demo_app.test_client()
    shown = first_result(client)
    with demo_app.app_context():
        # A bulk update: no listing is flushed, so neither the data stamp nor the index moves.
        db.session.execute(sa.update(Listing).where(Listing.id == shown["id"]).values(title="Renamed in this process"))
        db.session.commit()
    assert first_result(client)["title"] == "Renamed in this process"


def test_another_writers_change_shows_once_the_data_stamp_moves(demo_app: Flask, monkeypatch) -> None:
    monkeypatch.setattr(http_cache, "STAMP_SECONDS", 0.0)  # read the stamp on every request
    client = demo_app.test_client()
    shown = first_result(client)
    with demo_app.app_context():
        # Another process (an ingest): its own connection, so this process counts no commit.
        with db.engine.begin() as connection:
            connection.execute(sa.update(Listing).where(Listing.id == shown["id"]).values(title="Renamed elsewhere"))
        assert first_result(client)["title"] == shown["title"]  # the stamp has not moved: still the state kept
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE data_version SET counter = counter + 1"))
    assert first_result(client)["title"] == "Renamed elsewhere"


def test_a_kept_listing_whose_deadline_passes_is_not_shown(demo_app: Flask) -> None:
    with demo_app.test_request_context("/search"):
        today = site_today()
        listing = db.session.scalars(sa.select(Listing).where(Listing.visible(today), Listing.deadline.is_not(None))
                                     .order_by(Listing.deadline)).first()
        assert listing is not None
        listing_id, deadline = listing.id, listing.deadline
        db.session.expunge_all()
        assert [found.id for found in visible_listings([listing_id], deadline)] == [listing_id]
        cache = demo_app.extensions["listing_cache"]
        assert len(cache) == 1
        assert visible_listings([listing_id], deadline + timedelta(days=1)) == []


def test_only_pages_served_to_readers_use_it(demo_app: Flask) -> None:
    with demo_app.test_request_context("/search", method="POST"):
        today = site_today()
        ids = db.session.scalars(sa.select(Listing.id).where(Listing.visible(today)).limit(3)).all()
        loaded = visible_listings(list(ids), today)
        assert [listing.id for listing in loaded] == list(ids)
        assert all(listing in db.session for listing in loaded)  # still in the session: free to change
    assert len(demo_app.extensions["listing_cache"]) == 0


def test_turned_off_with_a_size_of_zero(tmp_path, demo_template) -> None:
    from tests.conftest import copy_of_demo
    app = copy_of_demo(demo_template, tmp_path, LISTING_CACHE_SIZE=0)
    client = app.test_client()
    client.get("/search")
    with sql_statements(app) as again:
        client.get("/search")
    assert app.extensions["listing_cache"] is None and reads_of_listings(again) == 1


class Kept:
    def __init__(self, listing_id: int) -> None:
        self.id = listing_id


def test_the_least_recently_used_go_first_and_a_new_state_forgets_all() -> None:
    cache = ListingCache(capacity=3)
    cache.put("a", [Kept(1), Kept(2), Kept(3)])  # type: ignore[list-item]
    assert set(cache.get("a", [1])) == {1}  # 1 is now the most recently used
    cache.put("a", [Kept(4)])  # type: ignore[list-item]
    assert set(cache.get("a", [1, 2, 3, 4])) == {1, 3, 4}
    assert cache.get("b", [1, 3, 4]) == {} and len(cache) == 0


@pytest.mark.parametrize("capacity", [1, 5])
def test_it_never_holds_more_than_its_capacity(capacity: int) -> None:
    cache = ListingCache(capacity)
    for start in range(0, 50, 7):
        cache.put("a", [Kept(i) for i in range(start, start + 7)])  # type: ignore[misc]
        assert len(cache) <= capacity
