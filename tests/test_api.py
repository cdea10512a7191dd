"""JSON API v1: the search page's searches as data, with strict errors and caching."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from openapi_spec_validator import validate

from tests.factories import add_listings
from tracker.models import Listing
from tracker.query import ListingQuery

LINK = re.compile(r'href="/listings/(\d+)"')
ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def page_ids(client, args: str) -> list[int]:
    return [int(i) for i in LINK.findall(client.get(f"/search?{args}").get_data(as_text=True))]


def api_ids(client, args: str) -> list[int]:
    body = client.get(f"/api/v1/listings?{args}").get_json()
    return [item["id"] for item in body["listings"]]


@pytest.mark.parametrize("args", [
    "", "kind=internship&pay=paid&age=16", "q=nurse", "pathway=information-technology&sort=deadline",
    "kind=internship&kind=job&mode=onsite&page=2", "near=35203&miles=25&sort=nearest",
    "season=summer&hours=20", "grade=11&deadline=30",
])
def test_the_api_finds_what_the_search_page_finds(demo_client, args) -> None:
    assert api_ids(demo_client, args) == page_ids(demo_client, args)


def test_a_search_names_its_query_and_links_to_every_form(demo_client) -> None:
    response = demo_client.get("/api/v1/listings?kind=internship&pay=paid&age=16&per_page=3")
    body = response.get_json()
    assert response.status_code == 200 and response.content_type == "application/json"
    assert body["query"]["kind"] == ["internship"] and body["query"]["age"] == 16 and body["query"]["pay"] == ["paid"]
    assert body["description"].startswith(f"{body['total']} paid internships")
    assert body["per_page"] == 3 and len(body["listings"]) == 3 and body["page_count"] == -(-body["total"] // 3)
    links = body["links"]
    assert links["html"] == "http://localhost/search?kind=internship&age=16&pay=paid"
    assert links["atom"] == "http://localhost/search.atom?kind=internship&age=16&pay=paid"
    assert links["calendar"].startswith("http://localhost/search.ics?") and links["embed"].startswith("http://localhost/embed?")
    assert links["next"].endswith("page=2&per_page=3") and links["prev"] is None


def test_pages_walk_through_every_match_once(demo_client) -> None:
    seen: list[int] = []
    url = "/api/v1/listings?pathway=healthcare&per_page=7"
    while url:
        body = demo_client.get(url).get_json()
        seen += [item["id"] for item in body["listings"]]
        url = body["links"]["next"] and body["links"]["next"].replace("http://localhost", "")
    assert len(seen) == len(set(seen)) == body["total"] > 7


def test_a_page_past_the_end_is_empty(demo_client) -> None:
    body = demo_client.get("/api/v1/listings?kind=internship&page=500").get_json()
    assert body["listings"] == [] and body["page"] == 500 and body["links"]["next"] is None


def test_a_listing_has_stable_fields_and_iso_dates(app, client) -> None:
    with app.app_context():
        listing = add_listings({
            "title": "Help desk intern", "organisation": "City IT", "kind": "internship",
            "pathways": ["information-technology"], "min_age": 16, "max_age": 18, "pay_status": "paid",
            "pay_min": 15, "pay_max": 17.5, "pay_period": "hour", "deadline": date(2031, 3, 1),
            "start_date": date(2031, 6, 1), "zip": "35203",
        })[0]
    body = client.get(f"/api/v1/listings/{listing.id}").get_json()
    assert body["id"] == listing.id and body["url"] == f"http://localhost/listings/{listing.id}"
    assert body["title"] == "Help desk intern" and body["organisation"] == "City IT"
    assert body["kind"] == "internship" and body["pathways"] == ["information-technology"]
    assert body["eligibility"]["min_age"] == 16 and body["eligibility"]["summary"] == "Ages 16–18"
    assert body["pay"] == {"status": "paid", "min": 15, "max": 17.5, "period": "hour", "currency": "USD",
                           "text": None, "summary": "$15–$17.50 an hour"}
    assert body["deadline"] == "2031-03-01" and body["schedule"]["start_date"] == "2031-06-01"
    assert ISO_DATETIME.match(body["posted_at"]) and ISO_DATETIME.match(body["updated_at"])
    assert body["open"] is True and body["status"] == "active" and body["location"]["zip"] == "35203"


def test_closed_listings_are_served_marked_closed_and_unmoderated_ones_are_not(app, client) -> None:
    with app.app_context():
        closed, pending = add_listings({"status": Listing.EXPIRED, "deadline": date(2020, 1, 1)},
                                       {"status": Listing.PENDING})
    body = client.get(f"/api/v1/listings/{closed.id}").get_json()
    assert body["open"] is False and body["status"] == "expired"
    missing = client.get(f"/api/v1/listings/{pending.id}")
    assert missing.status_code == 404 and missing.content_type == "application/json"
    assert missing.get_json() == {"error": {"status": 404, "parameter": None, "message": f"There is no listing {pending.id}."}}


def test_facet_counts_match_the_searches_they_lead_to(demo_client) -> None:
    body = demo_client.get("/api/v1/facets?pay=paid").get_json()
    kinds = {f["value"]: f["count"] for f in body["facets"]["kind"]}
    assert [f["value"] for f in body["facets"]["kind"]][:2] == ["internship", "job"]  # page order, zeros kept
    assert kinds["internship"] == demo_client.get("/api/v1/listings?pay=paid&kind=internship").get_json()["total"]
    # A filter's own counts leave its choice out: how many unpaid ones there are, too.
    pay = {f["value"]: f["count"] for f in body["facets"]["pay"]}
    assert pay["paid"] == body["total"] and pay["unpaid"] == demo_client.get("/api/v1/listings?pay=unpaid").get_json()["total"]
    deadline = {f["value"]: f for f in body["facets"]["deadline"]}
    assert set(deadline) == set(ListingQuery.DEADLINE_WINDOWS) and deadline[7]["label"] == "closing this week"


def test_pathways_list_every_pathway_with_its_open_count(demo_client) -> None:
    body = demo_client.get("/api/v1/pathways").get_json()
    teaching = next(p for p in body["pathways"] if p["slug"] == "teaching")
    assert teaching["district"] is True and teaching["label"] == "Teaching"
    assert teaching["open_count"] == demo_client.get("/api/v1/listings?pathway=teaching").get_json()["total"] > 0
    assert teaching["api_url"] == "http://localhost/api/v1/listings?pathway=teaching"


@pytest.mark.parametrize("args, parameter", [
    ("age=abc", "age"), ("age=7", "age"), ("age=16&age=17", "age"), ("kind=spaceship", "kind"),
    ("kind=internship&kind=nope", "kind"), ("pathway=astrology", "pathway"), ("pay=lots", "pay"),
    ("mode=teleport", "mode"), ("deadline=3", "deadline"), ("sort=random", "sort"), ("page=0", "page"),
    ("page=-1", "page"), ("per_page=1000", "per_page"), ("per_page=", "per_page"), ("grade=3", "grade"),
    ("near=99999", "near"), ("near=abc", "near"), ("miles=7", "miles"),
    ("q=" + "x" * 201, "q"), ("q=" + "+".join(["word"] * 30), "q"), ("colour=blue", "colour"),
    ("age=%EF%BC%91%EF%BC%96", "age"),  # full-width digits are not a number here
])
def test_a_bad_parameter_is_a_400_that_names_it(demo_client, args, parameter) -> None:
    response = demo_client.get(f"/api/v1/listings?{args}")
    assert response.status_code == 400 and response.content_type == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter and error["message"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_nearest_without_a_place_sorts_by_best_match_and_says_why(demo_client) -> None:
    """Every value is schema-valid alone, so it is not a 400 (the schema cannot say nearest needs near)."""
    asked = demo_client.get("/api/v1/listings?kind=internship&sort=nearest").get_json()
    plain = demo_client.get("/api/v1/listings?kind=internship").get_json()
    assert asked["notes"] == ["To sort by distance, enter your ZIP code."] and plain["notes"] == []
    assert asked["query"] == plain["query"] and asked["total"] == plain["total"]
    assert [item["id"] for item in asked["listings"]] == [item["id"] for item in plain["listings"]]
    assert demo_client.get("/api/v1/listings?kind=internship&sort=nearest&near=35203").get_json()["notes"] == []
    assert demo_client.get("/api/v1/facets?kind=internship").get_json()["notes"] == []


def test_facets_and_pathways_refuse_parameters_they_do_not_take(demo_client) -> None:
    assert demo_client.get("/api/v1/facets?page=2").get_json()["error"]["parameter"] == "page"
    assert demo_client.get("/api/v1/pathways?kind=job").get_json()["error"]["parameter"] == "kind"


def test_unknown_paths_and_methods_answer_in_json(demo_client) -> None:
    missing = demo_client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["status"] == 404
    wrong = demo_client.post("/api/v1/listings")
    assert wrong.status_code == 405 and wrong.get_json()["error"]["status"] == 405
    assert "GET" in wrong.headers["Allow"]
    # Pages outside the API keep their HTML error pages.
    assert demo_client.get("/nothing-here").content_type.startswith("text/html")


def test_any_site_may_read_the_api_with_get(demo_client) -> None:
    response = demo_client.get("/api/v1/listings", headers={"Origin": "https://library.example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = demo_client.options("/api/v1/listings", headers={
        "Origin": "https://library.example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("path", ["/api/v1/listings?kind=job", "/api/v1/facets", "/api/v1/pathways",
                                  "/api/v1/listings/1", "/api/v1/openapi.json"])
def test_unchanged_answers_are_304(demo_client, path) -> None:
    first = demo_client.get(path)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = demo_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    assert demo_client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_last_modified_follows_the_newest_change(app, client) -> None:
    with app.app_context():
        listing = add_listings({"title": "Old news"})[0]
        stamp = datetime(2031, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        listing.updated_at = stamp
        from tracker.data_stamp import touch_data_stamp
        from tracker.extensions import db
        touch_data_stamp(stamp)  # every writer of listings moves the stamp with its change
        db.session.commit()
    response = client.get("/api/v1/listings")
    assert response.headers["Last-Modified"] == "Thu, 02 Jan 2031 03:04:05 GMT"
    later = {"If-Modified-Since": "Thu, 02 Jan 2031 03:04:05 GMT"}
    assert client.get("/api/v1/listings", headers=later).status_code == 304
    earlier = {"If-Modified-Since": (stamp - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")}
    assert client.get("/api/v1/listings", headers=earlier).status_code == 200


def test_last_modified_is_never_before_today(app, client) -> None:
    # A listing whose deadline passed at midnight leaves every search without any row
    # changing; a client's copy from yesterday must not be "not modified".
    with app.app_context():
        add_listings({"title": "Quiet"})[0]
    modified = client.get("/api/v1/listings").last_modified
    assert modified is not None and modified >= datetime.now(timezone.utc) - timedelta(days=1, hours=1)


def test_the_openapi_document_is_valid_and_describes_every_search_parameter(demo_client) -> None:
    document = demo_client.get("/api/v1/openapi.json").get_json()
    validate(document)
    params = {p["$ref"].rsplit("/", 1)[1] for p in document["paths"]["/listings"]["get"]["parameters"]}
    assert set(ListingQuery.PARAMS.values()) | {"per_page", "If-None-Match"} == params
    # Every search parameter is described, not merely passed through.
    for name in ListingQuery.PARAMS.values():
        schema = document["components"]["parameters"][name]["schema"]
        assert schema != {"type": "string"}, f"describe the search parameter {name!r} in tracker/openapi.py"
    kinds = document["components"]["parameters"]["kind"]["schema"]["items"]["enum"]
    assert kinds[0] == "internship" and "volunteer" in kinds


def test_the_index_points_at_the_document(demo_client) -> None:
    body = demo_client.get("/api/v1/").get_json()
    assert body["openapi"] == "http://localhost/api/v1/openapi.json" and body["version"] == "1"


def test_a_server_error_under_the_api_is_json(demo_app, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("the index is gone")

    monkeypatch.setattr("tracker.views.api.find_listings", broken)
    demo_app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: no traceback reaches anyone
    response = demo_app.test_client().get("/api/v1/listings")
    assert response.status_code == 500 and response.content_type == "application/json"
    assert response.get_json()["error"] == {"status": 500, "parameter": None,
                                            "message": "Something went wrong on our side."}
