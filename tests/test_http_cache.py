"""What the cache in front may keep: public anonymous answers, validators from the data stamp, nothing personal."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g, session

from tests.conftest import copy_of_demo
from tests.factories import add_listings
from tracker.extensions import db
from tracker.http_cache import PRIVATE

PUBLIC_ANSWERS = ["/", "/search?kind=internship", "/pathways", "/api/v1/listings?kind=job",
                  "/api/v1/facets", "/search.atom?pay=paid", "/search.json", "/search.ics", "/embed?kind=job",
                  "/sitemap.xml"]


def directives(response) -> dict[str, str | None]:
    """Return the Cache-Control directives of ``response`` as a dict."""
    found: dict[str, str | None] = {}
    for part in response.headers.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = value or None
    return found


@pytest.fixture
def cache_app(demo_template: Path, tmp_path: Path):
    app = copy_of_demo(demo_template, tmp_path, CACHE_MAX_AGE=17, CACHE_STALE_WHILE_REVALIDATE=240)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", PUBLIC_ANSWERS)
def test_anonymous_answers_are_public_for_the_configured_time(cache_app: Flask, path: str) -> None:
    response = cache_app.test_client().get(path)
    assert response.status_code == 200
    found = directives(response)
    assert "public" in found and "private" not in found and "no-store" not in found
    if path != "/sitemap.xml":  # search engines are told an hour
        assert found["max-age"] == "17"
    assert found["stale-while-revalidate"] == "240"
    assert response.headers["ETag"] and response.headers["Last-Modified"]


@pytest.mark.parametrize("path", PUBLIC_ANSWERS)
def test_a_current_client_gets_a_304_before_anything_is_searched(cache_app: Flask, path: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    client = cache_app.test_client()
    first = client.get(path)

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("searched although the client's copy was current")

    monkeypatch.setattr("tracker.listings.find_listings", no_search)
    for module in ("pages", "api", "feeds", "embed"):
        monkeypatch.setattr(f"tracker.views.{module}.find_listings", no_search, raising=False)
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert "public" in directives(again)


def test_new_listings_change_the_validators(cache_app: Flask) -> None:
    client = cache_app.test_client()
    first = client.get("/search?kind=internship")
    with cache_app.app_context():
        # Posted now, so it is on the first page whatever number the factory has reached
        # (its default posting date moves a day back for each listing made in the run).
        add_listings({"title": "Hospital records internship", "posted_at": datetime.now(timezone.utc),
                      "updated_at": datetime.now(timezone.utc) + timedelta(minutes=2)})
    again = client.get("/search?kind=internship", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "Hospital records internship" in again.get_data(as_text=True)
    assert again.headers["ETag"] != first.headers["ETag"]
    assert again.last_modified > first.last_modified


def test_a_star_is_no_proof_the_client_holds_this_answer(cache_app: Flask) -> None:
    client = cache_app.test_client()
    bad = client.get("/api/v1/listings?sort=random", headers={"If-None-Match": "*"})
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "sort"


def test_if_modified_since_is_answered_from_the_stamp(cache_app: Flask) -> None:
    client = cache_app.test_client()
    first = client.get("/api/v1/listings")
    again = client.get("/api/v1/listings", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_pages_vary_by_language_and_data_does_not(cache_app: Flask) -> None:
    client = cache_app.test_client()
    english = client.get("/search", headers={"Accept-Language": "en-US"})
    spanish = client.get("/search", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert {"Cookie", "Accept-Language"} <= set(english.vary)
    assert english.headers["ETag"] != spanish.headers["ETag"]
    # A Spanish reader's ETag never gets them the English page.
    crossed = client.get("/search", headers={"Accept-Language": "es", "If-None-Match": english.headers["ETag"]})
    assert crossed.status_code == 200 and '<html lang="es">' in crossed.get_data(as_text=True)
    data = client.get("/api/v1/listings", headers={"Accept-Language": "es"})
    assert not {"Cookie", "Accept-Language"} & set(data.vary)
    assert data.headers["ETag"] == client.get("/api/v1/listings").headers["ETag"]


def test_a_language_named_in_the_url_varies_only_by_cookie(cache_app: Flask) -> None:
    client = cache_app.test_client()
    client.set_cookie("lang", "es")
    response = client.get("/search?lang=es")
    assert "public" in directives(response) and response.headers.get("Set-Cookie") is None
    assert "Cookie" in response.vary and "Accept-Language" not in response.vary


def test_an_answer_that_sets_a_cookie_is_private(cache_app: Flask) -> None:
    client = cache_app.test_client()
    response = client.get("/search?lang=es")  # remembers the language: Set-Cookie
    assert response.headers.get("Set-Cookie", "").startswith("lang=es")
    assert response.headers["Cache-Control"] == PRIVATE
    assert "ETag" not in response.headers and "Last-Modified" not in response.headers


def test_an_answer_that_reads_the_session_a_request_brought_is_private(cache_app: Flask) -> None:
    def who() -> str:
        return "signed in" if session.get("user") else "anonymous"

    _add_route(cache_app, "/who", who)
    client = cache_app.test_client()
    public = client.get("/search")
    client.set_cookie(cache_app.config["SESSION_COOKIE_NAME"], "anything")
    assert client.get("/who").headers["Cache-Control"] == PRIVATE
    # Never a 304 from the stamp for someone with a session: the page is rendered for them.
    again = client.get("/search", headers={"If-None-Match": public.headers["ETag"]})
    assert again.status_code == 200
    # What never reads the session keeps its own policy: a versioned stylesheet is still kept a year.
    css = client.get("/static/css/site.css?v=1")
    css.close()
    assert css.cache_control.immutable and css.cache_control.max_age == 365 * 24 * 3600


def _add_route(app: Flask, path: str, view) -> None:
    app.add_url_rule(path, path.strip("/"), view)


def test_an_answer_that_writes_the_session_is_private(cache_app: Flask) -> None:
    def remember() -> str:
        session["seen"] = True
        return "ok"

    _add_route(cache_app, "/remember", remember)
    response = cache_app.test_client().get("/remember")
    assert response.headers["Cache-Control"] == PRIVATE
    assert any(c.startswith(cache_app.config["SESSION_COOKIE_NAME"] + "=") for c in response.headers.getlist("Set-Cookie"))


def test_an_answer_with_a_form_token_is_private(cache_app: Flask) -> None:
    def form() -> str:
        g.csrf_token = "token-for-one-visitor"  # where Flask-WTF keeps the token it put in a form
        return '<form method="post"><input type="hidden" name="csrf_token" value="token-for-one-visitor"></form>'

    _add_route(cache_app, "/form", form)
    assert cache_app.test_client().get("/form").headers["Cache-Control"] == PRIVATE


def test_reading_an_empty_session_keeps_an_answer_public(cache_app: Flask) -> None:
    def look() -> str:
        return "signed in" if session.get("user") else "anonymous"

    _add_route(cache_app, "/look", look)
    response = cache_app.test_client().get("/look")
    assert "public" in directives(response) and response.headers.get("Set-Cookie") is None


def test_a_view_that_says_no_store_is_never_made_public(cache_app: Flask) -> None:
    def staff_like() -> tuple[str, int, dict[str, str]]:
        return "staff", 200, {"Cache-Control": "no-store"}

    _add_route(cache_app, "/staff-like", staff_like)
    assert cache_app.test_client().get("/staff-like").headers["Cache-Control"] == "no-store"


def test_posts_and_errors_are_not_public(cache_app: Flask) -> None:
    client = cache_app.test_client()
    missing = client.get("/listings/999999")
    assert missing.status_code == 404 and "public" not in directives(missing)
    bad = client.get("/api/v1/listings?age=7")
    assert bad.status_code == 400 and "public" not in directives(bad)
    posted = client.post("/s", data={"kind": "job"})
    assert "public" not in directives(posted)


def test_the_release_is_part_of_the_etag(demo_template: Path, tmp_path: Path) -> None:
    etags = []
    for name in ("One", "Two"):
        folder = tmp_path / name
        folder.mkdir()
        app = copy_of_demo(demo_template, folder, SITE_NAME=f"Site {name}")
        etags.append(app.test_client().get("/search").headers["ETag"])
        with app.app_context():
            db.engine.dispose()
    assert etags[0] != etags[1]


def test_a_worker_reads_the_data_stamp_at_most_once_a_second_unless_it_commits(cache_app: Flask,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    read_stamp = cache_app.extensions["http_cache.data_stamp"]

    def counted() -> tuple[int, datetime]:
        reads.append(1)
        return read_stamp()

    monkeypatch.setitem(cache_app.extensions, "http_cache.data_stamp", counted)
    monkeypatch.setattr("tracker.http_cache.STAMP_SECONDS", 600.0)  # however slow this machine is
    client = cache_app.test_client()
    for path in ("/", "/search", "/search?kind=job", "/api/v1/facets"):
        client.get(path)
    assert len(reads) == 1
    with cache_app.app_context():
        add_listings({"title": "Stamp reading internship"})
    client.get("/search")
    assert len(reads) == 2


def test_two_changes_within_one_second_have_two_etags(cache_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Last-Modified has whole seconds; the ETag must still tell the two states apart, also for
    a change the search index does not see (a listing's page, corrected in the database)."""
    from tracker import data_stamp
    from tracker.models import Listing

    frozen = datetime(2026, 12, 6, 12, 0, 0, 100_000, tzinfo=timezone.utc)
    monkeypatch.setattr(data_stamp, "utcnow", lambda: frozen)
    client = cache_app.test_client()
    with cache_app.app_context():
        [listing] = add_listings({"title": "Stamped internship", "organisation": "First name"})
        listing_id = listing.id
    path = f"/api/v1/listings/{listing_id}"
    first = client.get(path)
    with cache_app.app_context():
        db.session.get(Listing, listing_id).organisation = "Second name"
        db.session.commit()
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "Second name" in again.get_data(as_text=True)
    assert again.headers["ETag"] != first.headers["ETag"]


def test_an_index_commit_changes_the_validators_too(cache_app: Flask) -> None:
    # An ingest commits the listings, then the index: a page built between the two must not
    # keep its ETag once the index has caught up.
    from tracker import search
    from tracker.models import Listing

    client = cache_app.test_client()
    first = client.get("/search?kind=internship")
    with cache_app.app_context():
        some_id = db.session.scalar(sa.select(Listing.id).limit(1))
        search.apply_changes([], [some_id])
    again = client.get("/search?kind=internship", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
