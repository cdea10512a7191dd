"""The pages people see, on the ingested demo data."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Listing

LINK = re.compile(r'href="/listings/(\d+)"')


def result_ids(html: str) -> list[int]:
    return [int(i) for i in LINK.findall(html)]


def count_in_summary(html: str) -> int:
    match = re.search(r'<h2 id="results-title" class="results-summary">([\d,]+)', html)
    assert match, "no result summary on the page"
    return int(match.group(1).replace(",", ""))


def test_home_leads_into_search(demo_client) -> None:
    page = demo_client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'action="/search"' in html
    assert 'href="/search?kind=internship"' in html and 'href="/pathways/teaching"' in html
    assert 'href="/search?age=16"' in html


def test_search_for_internship_returns_listings(demo_client) -> None:
    html = demo_client.get("/search?q=internship").get_data(as_text=True)
    assert count_in_summary(html) > 5
    assert len(result_ids(html)) == min(20, count_in_summary(html))


def test_filters_narrow_the_results(demo_client) -> None:
    everything = count_in_summary(demo_client.get("/search").get_data(as_text=True))
    internships = count_in_summary(demo_client.get("/search?kind=internship").get_data(as_text=True))
    paid_internships = count_in_summary(demo_client.get("/search?kind=internship&pay=paid").get_data(as_text=True))
    at_16 = count_in_summary(demo_client.get("/search?kind=internship&pay=paid&age=16").get_data(as_text=True))
    assert everything > internships > paid_internships >= at_16 > 0


def test_filter_counts_match_the_results_they_lead_to(demo_client) -> None:
    html = demo_client.get("/search").get_data(as_text=True)
    shown = re.search(r'for="f-kind-apprenticeship">Apprenticeship <span class="count">\((\d+)\)', html)
    assert shown
    filtered = demo_client.get("/search?kind=apprenticeship").get_data(as_text=True)
    assert count_in_summary(filtered) == int(shown.group(1))


def test_the_whole_search_state_is_in_the_url(demo_client) -> None:
    url = "/search?q=health&kind=internship&kind=job&pathway=healthcare&age=17&pay=paid&mode=onsite&deadline=30&sort=deadline"
    html = demo_client.get(url).get_data(as_text=True)
    assert 'value="health"' in html and 'value="17"' in html
    for box in ("f-kind-internship", "f-kind-job", "f-pathway-healthcare", "f-pay-paid", "f-mode-onsite", "f-deadline-30"):
        assert re.search(rf'id="{box}"[^>]*checked', html), box
    assert 'aria-current="true" href="/search?q=health' in html  # the sort in force is marked


def test_pagination_links_keep_the_filters(demo_client) -> None:
    html = demo_client.get("/search?pathway=healthcare&pathway=information-technology&pathway=teaching&pathway=finance").get_data(as_text=True)
    assert count_in_summary(html) > 20, "the demo needs two pages of these pathways"
    assert 'rel="next" href="/search?pathway=healthcare' in html and "page=2" in html
    second = demo_client.get("/search?pathway=healthcare&pathway=information-technology&pathway=teaching&pathway=finance&page=2")
    assert set(result_ids(second.get_data(as_text=True))).isdisjoint(result_ids(html))


def test_sorting_by_deadline_orders_results(demo_app, demo_client) -> None:
    html = demo_client.get("/search?sort=deadline").get_data(as_text=True)
    with demo_app.app_context():
        deadlines = [db.session.get(Listing, i).deadline for i in result_ids(html)]
    dated = [d for d in deadlines if d is not None]
    assert dated == sorted(dated) and dated


def test_listing_page_shows_every_known_field_and_the_apply_link(demo_app, demo_client) -> None:
    with demo_app.app_context():
        listing = db.session.scalars(sa.select(Listing).where(
            Listing.status == Listing.ACTIVE, Listing.pay_status == "paid", Listing.min_age.is_not(None),
            Listing.deadline.is_not(None))).first()
        assert listing is not None
        expected = [listing.title, listing.organisation, listing.apply_url]
        listing_id = listing.id
    html = demo_client.get(f"/listings/{listing_id}").get_data(as_text=True)
    for text in expected:
        assert text.replace("&", "&amp;") in html
    for label in ("Who can apply", "Pay", "Apply by", "Where", "Kind", "Career pathway", "About this opportunity"):
        assert f"<dt>{label}</dt>" in html or label in html
    assert f'class="button" href="{listing.apply_url}"'.replace("&", "&amp;") in html


def test_a_closed_listing_keeps_its_page_marked_closed(demo_app, demo_client) -> None:
    with demo_app.app_context():
        listing = db.session.scalars(sa.select(Listing).where(Listing.status == Listing.EXPIRED)).first()
        assert listing is not None, "the demo has listings past their deadline"
        listing_id = listing.id
    page = demo_client.get(f"/listings/{listing_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "This opportunity is closed" in html and 'class="button"' not in html


def test_unknown_listing_is_a_helpful_404(demo_client) -> None:
    page = demo_client.get("/listings/999999")
    assert page.status_code == 404
    assert "couldn't find" in page.get_data(as_text=True) and 'href="/search"' in page.get_data(as_text=True)


@pytest.mark.parametrize("query", [
    "q=%22unbalanced", "q=AND+OR", "q=*", "q=" + "x" * 2900, "q=title:secret", "age=abc", "age=999",
    "kind=rocket", "page=-4", "page=abc", "page=99999999999", "sort=%3Cscript%3E", "deadline=banana",
    "q=%00%01", "q=%ff%fe", "mode=&pay=&kind=", "q=nurse&q=cna",
])
def test_bad_query_strings_give_a_helpful_page_not_an_error(demo_client, query) -> None:
    page = demo_client.get(f"/search?{query}")
    assert page.status_code == 200
    assert 'id="results-title"' in page.get_data(as_text=True)


def test_bad_values_are_explained(demo_client) -> None:
    html = demo_client.get("/search?age=abc&kind=rocket").get_data(as_text=True)
    assert "We adjusted your search" in html and "enter an age" in html and "kind=rocket" in html


def test_no_results_page_suggests_what_to_do(demo_client) -> None:
    html = demo_client.get("/search?q=nursing&kind=volunteer&pay=paid").get_data(as_text=True)
    assert "No open opportunities match" in html and "Try removing one thing" in html
    # Each suggestion names what to drop and what that finds, and links there.
    suggestions = re.findall(r'<li><a href="(/search\?[^"]+)">Without ([^<]+)</a>: (\d+) opportunit', html)
    assert suggestions, html[html.index("No open"):][:800]
    for url, _label, count in suggestions:
        assert count_in_summary(demo_client.get(url.replace("&amp;", "&")).get_data(as_text=True)) == int(count)


def test_descriptions_are_sanitized(demo_client) -> None:
    for path in ["/search?q=sample"] + [f"/listings/{i}" for i in range(1, 200)]:
        html = demo_client.get(path).get_data(as_text=True)
        # JSON-LD is data, not script; its encoder escapes every "<" inside it.
        assert "<script" not in html.lower().replace('<script src="/static', "").replace('<script type="application/ld+json">', "")
        assert "onclick" not in html.lower() and "javascript:" not in html.lower()


def test_security_headers(demo_client) -> None:
    headers = demo_client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/", "/search", "/search?q=nurse", "/listings/1", "/nope"])
def test_no_asset_comes_from_another_host(demo_client, path) -> None:
    html = demo_client.get(path).get_data(as_text=True)
    assets = re.findall(r'<(?:link|script|img|iframe|source)\b[^>]*(?:href|src)="([^"]+)"', html)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets


def test_no_inline_scripts_or_styles(demo_client) -> None:
    for path in ("/", "/search", "/listings/1"):
        html = demo_client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html)
        assert "style=" not in html and "<style" not in html


@pytest.mark.parametrize("listing_id", ["9223372036854775808", "2147483648", "0"])
def test_listing_ids_beyond_the_database_are_404_not_500(demo_client, listing_id) -> None:
    assert demo_client.get(f"/listings/{listing_id}").status_code == 404
