"""CSRF tokens on every form, and rate limits that say when to try again (issue #11, item 5)."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.conftest import build_app, make_config
from tests.forms import csrf_token, post_form
from tracker.extensions import db
from tracker.shortlinks import ShortLink


def stored_links(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(ShortLink))


def test_a_post_without_the_token_is_refused_with_a_page_that_says_what_to_do(app) -> None:
    client = app.test_client()
    response = client.post("/s", data={"kind": "internship"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and response.content_type.startswith("text/html")
    assert "<h1>This form has expired</h1>" in html and "Reload the page and send the form again." in html
    assert stored_links(app) == 0


def test_a_token_from_another_session_or_made_up_is_refused(app) -> None:
    stolen = csrf_token(app.test_client())
    other = app.test_client()
    for token in (stolen, "x" * 40, ""):
        assert other.post("/s", data={"kind": "job", "csrf_token": token}).status_code == 400
    assert stored_links(app) == 0


def test_the_form_with_its_token_works(app) -> None:
    client = app.test_client()
    response = post_form(client, "/s", {"kind": "internship"}, page="/s/new?kind=internship")
    assert response.status_code == 303 and stored_links(app) == 1


def test_the_refusal_links_back_to_the_page_of_this_site_the_form_was_on(app) -> None:
    client = app.test_client()
    page = "http://localhost/search?kind=internship&pay=paid"
    html = client.post("/s", data={"kind": "internship"}, headers={"Referer": page}).get_data(as_text=True)
    assert '<a href="http://localhost/search?kind=internship&amp;pay=paid">Back to the page you were on</a>' in html
    elsewhere = client.post("/s", data={}, headers={"Referer": "https://evil.example/search"}).get_data(as_text=True)
    assert "evil.example" not in elsewhere and "Back to the page you were on" not in elsewhere


def test_the_refusal_speaks_spanish(app) -> None:
    client = app.test_client()
    html = client.post("/s?lang=es", data={}).get_data(as_text=True)
    assert "<h1>Este formulario ha caducado</h1>" in html


@pytest.fixture
def limited_app(tmp_path):
    app = build_app(make_config(tmp_path, RATELIMIT_POSTS="3 per minute", RATELIMIT_SEARCH="4 per minute"))
    yield app
    with app.app_context():
        db.engine.dispose()


def retry_after(response) -> int:
    value = int(response.headers["Retry-After"])
    assert 1 <= value <= 61
    return value


def test_the_post_after_the_limit_is_a_429_that_says_when_to_try_again(limited_app) -> None:
    client = limited_app.test_client()
    token = csrf_token(client)
    for kind in ("job", "internship", "training"):
        assert client.post("/s", data={"kind": kind, "csrf_token": token}).status_code == 303
    refused = client.post("/s", data={"kind": "workshop", "csrf_token": token})
    seconds = retry_after(refused)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "<h1>Too many requests</h1>" in html
    assert re.search(rf"Please wait {seconds} seconds?, then try again\.", html)
    assert stored_links(limited_app) == 3
    spanish = client.post("/s?lang=es", data={"kind": "workshop", "csrf_token": token})
    assert spanish.status_code == 429 and "y vuelve a intentarlo" in spanish.get_data(as_text=True)


def test_posts_without_a_token_count_against_the_limit_too(limited_app) -> None:
    client = limited_app.test_client()
    assert [client.post("/s").status_code for _ in range(4)] == [400, 400, 400, 429]


def test_searches_share_one_budget_across_page_api_feeds_and_embed(limited_app) -> None:
    client = limited_app.test_client()
    for path in ("/search?kind=job", "/api/v1/listings", "/search.atom", "/embed"):
        assert client.get(path).status_code == 200, path
    page = client.get("/pathways")
    assert page.status_code == 429 and retry_after(page)
    api = client.get("/api/v1/facets")
    body = api.get_json()["error"]
    assert api.status_code == 429 and body["status"] == 429
    assert f"Try again in {retry_after(api)} seconds." in body["message"]
    # Pages that run no search, and other addresses, are not held back.
    assert client.get("/").status_code == 200
    with client.get("/static/css/site.css") as stylesheet:
        assert stylesheet.status_code == 200
    other = limited_app.test_client()
    assert other.get("/search", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def test_the_limits_can_be_switched_off(tmp_path) -> None:
    app = build_app(make_config(tmp_path, RATELIMIT_ENABLED=False, RATELIMIT_SEARCH="1 per minute"))
    client = app.test_client()
    assert [client.get("/search").status_code for _ in range(3)] == [200, 200, 200]
