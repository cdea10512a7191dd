"""Getting there by bus: `flask ingest transit` fetches the operator's GTFS feed (with
conditional GET), stores its served stops and works out each listing's walk to a stop;
pages say which routes and how far, and say nothing about buses without a feed."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ingest.transit import refresh_transit
from tests.conftest import build_app, make_config
from tests.factories import add_listings
from tests.test_gtfs import SYNTHETIC, zipped
from tracker.extensions import db
from tracker.models import Listing, TransitFeed, TransitStop, utcnow

A_MONDAY = date(2026, 6, 1)
# About 0.1 mile north of stop S1 (20th St N & 3rd Ave N), which routes 1 and 44 serve.
NEAR_S1 = {"latitude": 33.5185, "longitude": -86.8080, "place_exact": True}
FAR_FROM_ANY = {"latitude": 33.45, "longitude": -86.85, "place_exact": True}


@pytest.fixture
def transit_app(tmp_path: Path) -> Iterator[Any]:
    app = build_app(make_config(tmp_path, GTFS_URL=str(SYNTHETIC)))
    yield app
    with app.app_context():
        db.engine.dispose()


def bus(app: Any, listing_id: int) -> tuple[Any, ...]:
    with app.app_context():
        row = db.session.get(Listing, listing_id)
        return row.transit_routes, row.transit_stop, row.transit_walk_minutes


def test_ingest_transit_stores_served_stops_and_each_listings_walk(transit_app) -> None:
    with transit_app.app_context():
        near, far, zip_only, remote = add_listings(
            {"title": "Near", **NEAR_S1}, {"title": "Far", **FAR_FROM_ANY},
            {"title": "ZIP only", "zip": "35203", "latitude": 33.5186, "longitude": -86.8104},
            {"title": "Remote", "work_mode": "remote", **NEAR_S1})
    result = transit_app.test_cli_runner().invoke(args=["ingest", "transit"])
    assert result.exit_code == 0, result.output
    assert "3 stops with service; 1 of 2 listings with an exact place are within a 10-minute walk" in result.output
    assert "placeholder location" in result.output
    assert bus(transit_app, near.id) == (["1", "44"], "20th St N & 3rd Ave N", 3)
    assert bus(transit_app, far.id) == ([], None, None)  # checked: no served stop within the walk
    # A ZIP code's centre is not a place: how far the bus is stays unknown, and so does a remote job's.
    assert bus(transit_app, zip_only.id) == (None, None, None)
    assert bus(transit_app, remote.id) == (None, None, None)


def test_the_command_says_when_no_feed_is_configured(runner) -> None:
    result = runner.invoke(args=["ingest", "transit"])
    assert result.exit_code != 0 and "GTFS_URL is not set" in result.output


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, body: bytes) -> None:
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.body, self.status, self.seen = body, 200, []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/gtfs.zip"


class FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer

    def do_GET(self) -> None:
        self.server.seen.append(dict(self.headers.items()))
        if self.server.status != 200:
            self.send_response(self.server.status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = FeedServer(zipped(SYNTHETIC))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_feed_is_fetched_with_conditional_get_and_a_failure_keeps_the_stops(app, feed_server, tmp_path) -> None:
    with app.app_context():
        (near,) = add_listings({"title": "Near", **NEAR_S1})

        def run(day: date):
            return refresh_transit(feed_server.url, tmp_path, day, utcnow(), 10)

        first = run(A_MONDAY)
        assert (first.outcome, first.stops, first.reachable) == ("ok", 3, 1)
        assert "If-None-Match" not in feed_server.seen[-1]
        # Unchanged on the same day: a 304, and nothing read again.
        again = run(A_MONDAY)
        assert again.outcome == "not-modified" and feed_server.seen[-1]["If-None-Match"] == '"v1"'
        # Unchanged on another day: still a 304, but the saved copy is read for that day's
        # service (in the fortnight from 1 July 2099 the holiday shuttle runs at S7 too).
        later = run(date(2099, 7, 1))
        assert (later.outcome, later.stops) == ("ok", 4) and feed_server.seen[-1]["If-None-Match"] == '"v1"'
        db.session.expire_all()
        assert db.session.get(Listing, near.id).transit_routes == ["1", "44"]
        # The server fails: the failure is recorded, and the stops and answers stay.
        feed_server.status = 500
        failed = run(date(2099, 7, 2))
        assert failed.failed and "500" in (failed.error or "")
        feed = db.session.scalar(sa.select(TransitFeed))
        assert feed.consecutive_failures == 1 and feed.last_error == failed.error
        assert db.session.scalar(sa.select(sa.func.count()).select_from(TransitStop)) == 4
        assert db.session.get(Listing, near.id).transit_routes == ["1", "44"]


def test_a_broken_feed_is_a_clear_failure(app, tmp_path) -> None:
    bad = tmp_path / "not-gtfs.zip"
    bad.write_bytes(b"<html>Moved</html>")
    with app.app_context():
        report = refresh_transit(str(bad), tmp_path, A_MONDAY, utcnow(), 10)
    assert report.failed and report.error == "not a GTFS feed: expected a zip file of GTFS tables"


def test_pages_say_which_routes_and_the_walk_in_english_and_spanish(transit_app, tmp_path) -> None:
    with transit_app.app_context():
        near, far, provided = add_listings({"title": "Near", **NEAR_S1}, {"title": "Far", **FAR_FROM_ANY},
                                           {"title": "Van", "transport_provided": True, "transport_note": "Van from the library."})
    assert transit_app.test_cli_runner().invoke(args=["ingest", "transit"]).exit_code == 0
    client = transit_app.test_client()
    page = client.get(f"/listings/{near.id}").get_data(as_text=True)
    assert ("Bus routes 1 and 44 stop within a 10-minute walk. The nearest stop, 20th St N &amp; 3rd Ave N, "
            "is about 3 minutes away on foot.") in page
    assert "Las líneas de autobús 1 y 44 paran a menos de 10 minutos a pie." in client.get(f"/listings/{near.id}?lang=es").get_data(as_text=True)
    assert "No bus stop with service within a 10-minute walk." in client.get(f"/listings/{far.id}?lang=en").get_data(as_text=True)
    cards = client.get("/search?sort=newest&lang=en").get_data(as_text=True)
    assert cards.count('class="transport">Bus stop 3 minutes away<') == 1
    assert cards.count('class="transport">Transport provided<') == 1

    # The same data without a feed configured: not a word about buses.
    plain = build_app(make_config(tmp_path), create_schema=False).test_client()
    assert "Bus" not in plain.get(f"/listings/{near.id}").get_data(as_text=True)
    assert "walk" not in plain.get(f"/listings/{far.id}").get_data(as_text=True)
    cards = plain.get("/search?sort=newest").get_data(as_text=True)
    assert "Bus stop" not in cards and 'class="transport">Transport provided<' in cards


def test_a_place_is_exact_only_when_the_source_gives_its_coordinates() -> None:
    from ingest.normalize import normalize
    from ingest.parsers.partner_csv import parse_partner_csv
    from ingest.records import SourceDefaults

    rows = ("title,organization,apply_url,zip,lat,lng\n"
            "Exact,Org,https://example.org/1,35203,33.5185,-86.808\n"
            "ZIP only,Org,https://example.org/2,35203,,\n"
            "Empty cell,Org,https://example.org/3,35203,0,0\n"
            "Nonsense,Org,https://example.org/4,35203,north,-86.8\n").encode()
    listings = [normalize(entry, SourceDefaults(), A_MONDAY) for entry in parse_partner_csv(rows).entries]
    places = {item.title: (item.place_exact, item.latitude, item.longitude) for item in listings}
    assert places["Exact"] == (True, 33.5185, -86.808)
    centre = places["ZIP only"]
    assert centre[0] is False and centre[1:] != (33.5185, -86.808) and centre[1] is not None
    assert places["Empty cell"] == centre and places["Nonsense"] == centre


def test_unsetting_the_feed_forgets_every_answer(transit_app) -> None:
    from ingest.transit import forget_transit

    with transit_app.app_context():
        near, far = add_listings({"title": "Near", **NEAR_S1}, {"title": "Far", **FAR_FROM_ANY})
    assert transit_app.test_cli_runner().invoke(args=["ingest", "transit"]).exit_code == 0
    with transit_app.app_context():
        assert forget_transit(date.today()) == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(TransitStop)) == 0
    assert bus(transit_app, near.id) == bus(transit_app, far.id) == (None, None, None)


def test_the_getting_there_filter_finds_listings_by_bus_or_with_transport(transit_app) -> None:
    with transit_app.app_context():
        near, far, van = add_listings({"title": "Near", **NEAR_S1}, {"title": "Far", **FAR_FROM_ANY},
                                      {"title": "Van", "transport_provided": True})
    # The transit step writes the listings whose bus access changed to the index itself.
    assert transit_app.test_cli_runner().invoke(args=["ingest", "transit"]).exit_code == 0
    client = transit_app.test_client()

    def titles(args: str) -> set[str]:
        return {item["title"] for item in client.get(f"/api/v1/listings?{args}").get_json()["listings"]}

    assert titles("access=bus") == {"Near"}
    assert titles("access=transport") == {"Van"}
    assert titles("access=bus&access=transport") == {"Near", "Van"}
    assert client.get("/api/v1/facets").get_json()["facets"]["access"] == [
        {"value": "bus", "label": "Reachable by bus", "count": 1},
        {"value": "transport", "label": "Transport provided", "count": 1}]
    page = client.get("/search?access=bus&lang=en").get_data(as_text=True)
    assert "1 opportunity reachable by bus" in page and 'name="access" value="bus" checked' in page
    spanish = client.get("/search?access=transport&lang=es").get_data(as_text=True)
    assert "con transporte incluido" in spanish and "Transporte incluido" in spanish


def test_without_a_feed_the_form_offers_transport_only(app, client) -> None:
    with app.app_context():
        add_listings({"title": "Van", "transport_provided": True}, {"title": "Plain"})
    page = client.get("/search").get_data(as_text=True)
    assert 'name="access" value="transport"' in page and 'name="access" value="bus"' not in page
