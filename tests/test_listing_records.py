"""The API's listing records, built once per page, equal the plain one-listing-at-a-time build.

tracker/serialize.py works out what a page's listings share once (URLs, currency, age and pay
summaries, source names) and reads each column once. ``reference_listing_json`` below is the
straightforward build it replaced, kept here as the definition of the output: every record of
the API, the JSON Feed and the open-data export must encode to the same bytes.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask import Flask, current_app

from tests.conftest import build_app, in_schema, make_config, sql_statements
from tests.factories import add_listings
from tracker import taxonomy
from tracker.clock import site_today
from tracker.extensions import db
from tracker.filters import age_summary, pay_summary
from tracker.models import Listing, Source
from tracker.open_data import external_url
from tracker.serialize import iso_datetime, listing_json, listings_json
from tracker.views.feeds import listing_summary


def reference_iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def reference_listing_json(listing: Listing, today: date) -> dict[str, Any]:
    """The API v1 record of one listing, each value looked up on its own."""
    def iso_date(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    iso_datetime = reference_iso_datetime
    def number(value: Decimal | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "id": listing.id,
        "url": external_url("pages.listing", listing_id=listing.id),
        "api_url": external_url("api.listing", listing_id=listing.id),
        "title": listing.title,
        "organisation": listing.organisation,
        "description_html": listing.description or "",
        "kind": listing.kind,
        "kind_label": taxonomy.label(taxonomy.KINDS, listing.kind),
        "pathways": list(listing.pathways or []),
        "status": listing.status,
        "open": listing.is_open(today),
        "eligibility": {
            "min_age": listing.min_age, "max_age": listing.max_age,
            "min_grade": listing.min_grade, "max_grade": listing.max_grade,
            "text": listing.eligibility_text, "summary": age_summary(listing),
        },
        "pay": {
            "status": listing.pay_status, "min": number(listing.pay_min), "max": number(listing.pay_max),
            "period": listing.pay_period, "currency": current_app.config["SITE_CURRENCY"],
            "text": listing.pay_text, "summary": pay_summary(listing),
        },
        "schedule": {
            "hours_per_week": listing.hours_per_week, "text": listing.schedule_text,
            "season": listing.season, "start_date": iso_date(listing.start_date),
            "end_date": iso_date(listing.end_date),
        },
        "location": {
            "work_mode": listing.work_mode, "address": listing.address, "city": listing.city,
            "state": listing.state, "zip": listing.zip,
            "latitude": listing.latitude, "longitude": listing.longitude,
            "transport_provided": listing.transport_provided, "transport_note": listing.transport_note,
        },
        "deadline": iso_date(listing.deadline),
        "posted_at": iso_datetime(listing.posted_at),
        "first_seen_at": iso_datetime(listing.first_seen_at),
        "updated_at": iso_datetime(listing.updated_at),
        "closed_at": iso_datetime(listing.closed_at),
        "apply_url": listing.apply_url,
        "source": listing.source.name if listing.source else None,
        "duplicate_of": listing.duplicate_of_id,
    }


NOW = datetime(2026, 11, 27, 17, 46, 29, 987654, tzinfo=timezone.utc)

# Each listing differs from the defaults (tests/factories.py) in what its serializer could get wrong.
VARIED: list[dict[str, Any]] = [
    {},  # nothing stated: no pay, ages, grades, dates or place
    {"pay_status": "paid", "pay_min": Decimal("15.00"), "pay_max": Decimal("18.50"), "pay_period": "hour",
     "min_age": 16, "max_age": 18, "hours_per_week": 20, "pay_text": "$15–$18.50/hr"},
    {"pay_status": "paid", "pay_min": Decimal("15.00"), "pay_max": Decimal("15.00"), "pay_period": "hour",
     "min_age": 16, "max_age": 18},  # the same key as above for pay, another for ages
    {"pay_status": "paid", "pay_min": Decimal("15.00"), "pay_max": Decimal("18.50"), "pay_period": "hour",
     "min_age": 16, "max_age": 18, "min_grade": 10, "max_grade": 12},  # summaries repeated, grades added
    {"pay_status": "paid", "pay_min": Decimal("15.00"), "pay_max": Decimal("18.50"), "pay_period": "week",
     "min_age": 16, "max_age": 19},  # differs from the first paid one in the period alone
    {"pay_status": "paid", "pay_max": Decimal("32000"), "pay_period": "year", "min_age": 18},
    {"pay_status": "paid", "pay_min": Decimal("500"), "pay_period": "total", "max_age": 24, "min_grade": 11},
    {"pay_status": "paid", "pay_min": Decimal("1234.5"), "pay_period": "week", "min_grade": 9, "max_grade": 9},
    {"pay_status": "paid", "pay_period": "month"},  # paid, no amount
    {"pay_status": "paid", "pay_min": Decimal("12.25")},  # no period
    {"pay_status": "unpaid", "kind": "volunteer", "pathways": []},
    {"pay_status": "stipend?", "kind": "no-such-kind", "pathways": None},  # values no vocabulary knows
    {"work_mode": "remote", "city": None, "state": None, "transport_provided": None},
    {"work_mode": "hybrid", "address": "710 20th St N", "zip": "35203", "latitude": 33.5186, "longitude": -86.8104,
     "transport_provided": True, "transport_note": "Bus passes for route 1 « Ensley »"},
    {"transport_provided": False, "transport_note": ""},
    {"deadline": date(2027, 2, 27), "start_date": date(2027, 6, 1), "end_date": date(2027, 8, 15),
     "season": "summer", "schedule_text": "Mon–Fri 9–3", "posted_at": NOW,
     "first_seen_at": NOW - timedelta(days=3), "updated_at": NOW.astimezone(timezone(timedelta(hours=-6)))},
    {"deadline": date(2020, 1, 1), "posted_at": None},  # past its deadline: not open
    {"status": Listing.EXPIRED, "closed_at": NOW - timedelta(seconds=1, microseconds=1)},
    {"status": Listing.REMOVED, "closed_at": NOW},
    {"title": "Técnico de soporte \u2014 \U0001F4BB </script>", "organisation": "Niños & Familias \"Unidos\"",
     "description": "<p>Línea 1</p>\u2028<p>\u00e9t\u00e9 \\ \t</p>", "eligibility_text": "Edad: 16–18 años",
     "apply_url": None},
    {"description": ""},
]


@pytest.mark.parametrize("value", [
    None, NOW, NOW.replace(microsecond=0), NOW.replace(tzinfo=None),  # naive values are UTC
    NOW.astimezone(timezone(timedelta(hours=-6))), NOW.astimezone(timezone(timedelta(hours=5, minutes=30))),
    datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-1))),  # another year in UTC
    datetime(1, 1, 1, 0, 0, 0, 1), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
])
def test_iso_datetime_equals_the_reference(value: datetime | None) -> None:
    assert iso_datetime(value) == reference_iso_datetime(value)


def build_varied(app: Flask) -> list[int]:
    """Add VARIED (from two sources, one a duplicate of another) and return their ids."""
    with app.app_context():
        rows = add_listings(*VARIED)
        other = Source(name="Otra fuente «B»", format="rss", location="/dev/null")
        db.session.add(other)
        rows[3].source = other
        rows[5].source = other
        rows[4].duplicate_of_id = rows[1].id
        db.session.commit()
        return [row.id for row in rows]


@pytest.fixture(params=["en", "es"])
def varied_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Flask, list[int]]]:
    """An app answering in English or Spanish (SITE_LANGUAGE) with VARIED listings."""
    app = build_app(make_config(tmp_path, SITE_LANGUAGE=request.param))
    ids = build_varied(app)
    yield app, ids
    with app.app_context():
        db.engine.dispose()


def encoded(records: Any) -> str:
    # No sort_keys: the order of keys is pinned too, and 1 and 1.0 are told apart.
    return json.dumps(records, ensure_ascii=True)


def test_a_page_of_records_equals_the_reference_build(varied_app) -> None:
    assert_page_equals_reference(*varied_app)


def test_a_page_on_postgresql_equals_the_reference_build(pg_url: str, tmp_path: Path) -> None:
    app = build_app(make_config(tmp_path, **in_schema(pg_url)))
    try:
        assert_page_equals_reference(app, build_varied(app))
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def assert_page_equals_reference(app: Flask, ids: list[int]) -> None:
    with app.test_request_context("/api/v1/listings"):
        app.preprocess_request()
        today = site_today()
        loaded = db.session.query(Listing).filter(Listing.id.in_(ids)).all()
        by_id = {listing.id: listing for listing in loaded}
        listings = [by_id[i] for i in reversed(ids)]
        expected = [reference_listing_json(listing, today) for listing in listings]
        db.session.expunge_all()  # the page build starts without the sources the reference loaded
        listings = [db.session.get(Listing, i) for i in reversed(ids)]
        assert encoded(listings_json(listings, today)) == encoded(expected)
        assert encoded([listing_json(listing, today) for listing in listings]) == encoded(expected)
        summaries = {(record["pay"]["summary"], record["eligibility"]["summary"]) for record in expected}
        assert len(summaries) >= 10  # the listings really differ where the build shares work
        if current_app.config["SITE_LANGUAGE"] == "es":
            assert any("hora" in record["pay"]["summary"] for record in expected)


def test_listings_json_reads_all_sources_in_one_query(varied_app) -> None:
    app, ids = varied_app
    with app.test_request_context("/api/v1/listings"):
        listings = db.session.query(Listing).filter(Listing.id.in_(ids)).all()
        with sql_statements(app) as statements:
            records = listings_json(listings, site_today())
        assert len(statements) == 1, statements
        assert {record["source"] for record in records} == {"Test source", "Otra fuente «B»"}


def test_an_empty_page_sends_no_query(varied_app) -> None:
    app, _ = varied_app
    with app.test_request_context("/api/v1/listings"), sql_statements(app) as statements:
        assert listings_json([], site_today()) == []
    assert statements == []


def _reencoded(app: Flask, body: dict[str, Any], records: list[dict[str, Any]], key: str) -> bytes:
    """Return ``body`` with its listing records replaced by ``records``, encoded as Flask encodes it."""
    with app.test_request_context("/api/v1/listings"):
        if key == "listings":
            body["listings"] = [{**record, **({"distance_miles": given["distance_miles"]} if "distance_miles" in given else {})}
                                for record, given in zip(records, body["listings"])]
            return app.json.response(body).get_data()
        app.preprocess_request()
        for item, record in zip(body["items"], records):
            item["_listing"] = record
            item["summary"] = listing_summary(db.session.get(Listing, record["id"]))  # worked out anew, not from the record
        return app.json.dumps(body).encode()


def _reference_records(app: Flask, ids: list[int]) -> list[dict[str, Any]]:
    with app.test_request_context("/api/v1/listings"):
        app.preprocess_request()
        today = site_today()
        return [reference_listing_json(db.session.get(Listing, i), today) for i in ids]


@pytest.mark.parametrize("path, key", [
    ("/api/v1/listings?per_page=50", "listings"),
    ("/api/v1/listings?per_page=50&near=35203&sort=nearest", "listings"),
    ("/api/v1/listings?per_page=50&pay=paid&page=1", "listings"),
    ("/search.json", "items"),
])
def test_api_and_json_feed_bytes_equal_the_reference(varied_app, path: str, key: str) -> None:
    app, _ = varied_app
    client = app.test_client()
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = json.loads(response.get_data())
    shown = [item["id"] if key == "listings" else item["_listing"]["id"] for item in body[key]]
    assert shown, "the search finds some of the varied listings"
    assert response.get_data() == _reencoded(app, body, _reference_records(app, shown), key)
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_one_listing_bytes_equal_the_reference(varied_app) -> None:
    app, ids = varied_app
    client = app.test_client()
    for listing_id in ids:
        response = client.get(f"/api/v1/listings/{listing_id}")
        if response.status_code == 404:
            continue  # not published
        [record] = _reference_records(app, [listing_id])
        with app.test_request_context("/"):
            assert response.get_data() == app.json.response(record).get_data()


def test_open_data_export_bytes_equal_the_reference(varied_app) -> None:
    app, _ = varied_app
    response = app.test_client().get("/reports/data/listings.json")
    assert response.status_code == 200
    body = json.loads(response.get_data())
    shown = [item["id"] for item in body["listings"]]
    assert len(shown) >= 10  # every published original of VARIED, closed ones too
    body["listings"] = _reference_records(app, shown)
    with app.test_request_context("/"):
        assert response.get_data() == app.json.response(body).get_data()
