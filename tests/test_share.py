"""Short links to searches, and QR codes drawn by the app, for counselors to share and print."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from werkzeug.datastructures import MultiDict

from tests.factories import add_listings
from tests.forms import post_form
from tracker import shortlinks
from tracker.extensions import db
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.views.share import qr_svg

LINK = re.compile(r'href="/listings/(\d+)"')


def share(client, form: dict | MultiDict) -> str:
    """Ask for a search's short link as the search page's button does; return its code."""
    response = post_form(client, "/s", form)
    assert response.status_code == 303
    match = re.fullmatch(r"/s/([0-9a-z]+)/share", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def test_a_search_gets_a_short_stable_code(demo_client) -> None:
    code = share(demo_client, {"kind": ["internship", "job"], "pay": "paid", "age": "16", "page": "3"})
    assert len(code) == shortlinks.CODE_LENGTH and set(code) <= set(shortlinks.ALPHABET)
    # The same search in another order, or on another page, is the same link.
    assert share(demo_client, MultiDict([("age", "16"), ("kind", "job"), ("pay", "paid"), ("kind", "internship")])) == code
    assert share(demo_client, {"kind": "internship", "pay": "paid", "age": "16"}) != code


def test_the_code_is_derived_from_the_search_alone(app) -> None:
    query = ListingQuery(kinds=("internship",), pay=("paid",), age=16)
    with app.app_context():
        code = shortlinks.code_for(query)
    # A hash of "age=16&kind=internship&pay=paid": the same on every machine, for good.
    assert shortlinks.canonical_args(query) == "age=16&kind=internship&pay=paid" and code == "8dvv4k4"
    with app.app_context():
        assert shortlinks.code_for(query) == code
        assert db.session.scalar(db.select(db.func.count()).select_from(shortlinks.ShortLink)) == 1


def test_the_short_link_opens_the_search(demo_client) -> None:
    code = share(demo_client, {"kind": "internship", "pathway": "information-technology", "pay": "paid"})
    response = demo_client.get(f"/s/{code}")
    assert response.status_code == 301
    assert response.headers["Location"] == "/search?kind=internship&pathway=information-technology&pay=paid"
    # Read off paper, a code may come back in capitals.
    assert demo_client.get(f"/s/{code.upper()}").headers["Location"] == response.headers["Location"]


@pytest.mark.parametrize("code", ["zzzzzzz", "abc!", "il0u", "x" * 40])
def test_an_unknown_code_is_a_404(demo_client, code) -> None:
    for path in (f"/s/{code}", f"/s/{code}/share", f"/s/{code}/qr.svg"):
        assert demo_client.get(path).status_code == 404


def test_codes_that_clash_grow_longer(app, monkeypatch) -> None:
    first, second = ListingQuery(kinds=("job",)), ListingQuery(kinds=("internship",))
    with app.app_context():
        code = shortlinks.code_for(first)
        # Pretend the second search hashes to the same leading characters.
        monkeypatch.setattr(shortlinks, "_encode", lambda digest: code + "k" * (shortlinks.MAX_CODE_LENGTH - len(code)))
        longer = shortlinks.code_for(second)
        assert longer.startswith(code) and len(longer) == len(code) + 1
        assert shortlinks.find(longer).query() == second and shortlinks.find(code).query() == first


def test_the_share_page_shows_the_link_a_qr_code_and_the_listings(demo_client) -> None:
    code = share(demo_client, {"kind": "internship", "pay": "paid"})
    html = demo_client.get(f"/s/{code}/share").get_data(as_text=True)
    assert f'href="http://localhost/s/{code}">localhost/s/{code}</a>' in html
    assert f'<img src="/s/{code}/qr.svg" width="192" height="192" alt="QR code that opens http://localhost/s/{code}">' in html
    api = demo_client.get("/api/v1/listings?kind=internship&pay=paid&per_page=10").get_json()
    assert [int(i) for i in LINK.findall(html)] == [item["id"] for item in api["listings"]]
    assert 'href="webcal://localhost/search.ics?kind=internship&amp;pay=paid"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_qr_code_is_the_apps_own_svg_of_the_short_link(demo_app, demo_client) -> None:
    code = share(demo_client, {"pathway": "teaching"})
    # Whoever opens the link later (no session, unlike the one who made it) may keep it a week.
    demo_client = demo_app.test_client()
    response = demo_client.get(f"/s/{code}/qr.svg")
    assert response.status_code == 200 and response.content_type == "image/svg+xml"
    assert "max-age=604800" in response.headers["Cache-Control"] and response.headers["ETag"]
    svg = ET.fromstring(response.get_data())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox")
    with demo_app.test_request_context():
        assert response.get_data() == qr_svg(f"http://localhost/s/{code}", "QR code of a search")
    assert demo_client.get(f"/s/{code}/qr.svg", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_qr_codes_carry_the_public_address_when_one_is_set(demo_app) -> None:
    demo_app.config["SITE_URL"] = "https://careers.example.gov"
    client = demo_app.test_client()
    code = share(client, {"pathway": "teaching"})
    with demo_app.test_request_context():
        assert client.get(f"/s/{code}/qr.svg").get_data() == qr_svg(f"https://careers.example.gov/s/{code}", "QR code of a search")


def test_a_listing_page_offers_its_link_qr_code_and_deadline(app, client) -> None:
    from datetime import date
    with app.app_context():
        listing, pending = add_listings({"deadline": date(2031, 1, 1)}, {"status": Listing.PENDING})
    html = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert f'<img src="/listings/{listing.id}/qr.svg"' in html and 'alt="QR code that opens this listing"' in html
    assert f'href="http://localhost/listings/{listing.id}">localhost/listings/{listing.id}</a>' in html
    assert f'href="/listings/{listing.id}.ics">Add the deadline (Jan 1, 2031) to your calendar' in html
    qr = client.get(f"/listings/{listing.id}/qr.svg")
    assert qr.status_code == 200 and qr.content_type == "image/svg+xml"
    assert client.get(f"/listings/{pending.id}/qr.svg").status_code == 404
    assert client.get("/listings/99999999999999999999/qr.svg").status_code == 404


def test_the_search_page_links_to_a_share_form_that_keeps_the_filters(demo_client) -> None:
    html = demo_client.get("/search?kind=internship&pay=paid&page=2").get_data(as_text=True)
    # A link, not a form: the search page carries no visitor's token, so a shared cache may keep it.
    assert 'name="csrf_token"' not in html
    link = re.search(r'<a href="(/s/new\?[^"]+)" rel="nofollow">Share or print: short link and QR code</a>', html)
    assert link and link.group(1) == "/s/new?kind=internship&amp;pay=paid"
    page = demo_client.get("/s/new?kind=internship&pay=paid")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    form = re.search(r'<form class="share-form" action="/s" method="post">(.*?)</form>', page.get_data(as_text=True), re.S)
    assert form
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(1))
    assert sorted(f for f in fields if f[0] != "csrf_token") == [("kind", "internship"), ("pay", "paid")]
    # Sent as it stands, with no script, the form (and its CSRF token) makes the short link.
    response = demo_client.post("/s", data=MultiDict(fields))
    assert response.status_code == 303
    assert demo_client.get(response.headers["Location"].replace("/share", "")).headers["Location"] == \
        "/search?kind=internship&pay=paid"


def test_short_links_on_postgresql(pg_app) -> None:
    query = ListingQuery(kinds=("internship",), pay=("paid",), age=16, text="nurse aide")
    with pg_app.app_context():
        code = shortlinks.code_for(query)
        assert shortlinks.code_for(query) == code
        assert shortlinks.find(code.upper()).query() == query
    follow = pg_app.test_client().get(f"/s/{code}")
    assert follow.status_code == 301 and "q=nurse+aide" in follow.headers["Location"]
