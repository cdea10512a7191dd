"""Editors correct and hide listings: the site changes at once, and re-ingest keeps the editor's word."""
from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.pipeline import run_sources
from ingest.sources import load_sources
from tests.conftest import FIXTURES, build_app, make_config
from tests.staff_helpers import csrf_token, log_in, make_staff, post_form
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing
from tracker.staff.models import EDITOR, AuditEntry

FEED = "two_jobs.rss"
TITLE = "Library Page (Part-Time)"


@pytest.fixture
def feed_app(tmp_path):
    """An app that has ingested one local feed the test can change, with an editor."""
    shutil.copy(FIXTURES / FEED, tmp_path / FEED)
    (tmp_path / "sources.toml").write_text(f'[[source]]\nname = "Jobs"\nformat = "rss"\nlocation = "{FEED}"\n')
    app = build_app(make_config(tmp_path, SOURCES_FILE=str(tmp_path / "sources.toml")))
    reingest(app, tmp_path)
    make_staff(app, "ed@example.org", EDITOR)
    yield app
    with app.app_context():
        db.engine.dispose()


def reingest(app, folder: Path, days_later: int = 0) -> None:
    with app.app_context():
        now = datetime.now(timezone.utc) + timedelta(days=days_later)
        reports = run_sources(load_sources(folder / "sources.toml"), site_today(), now)
        assert not [r for r in reports if r.failed], reports


def change_feed(folder: Path, old: str, new: str) -> None:
    path = folder / FEED
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def library_page(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Listing.id).where(Listing.title == TITLE))


def editor(app):
    client = app.test_client()
    log_in(client, "ed@example.org")
    return client


def form_of(client, listing_id: int, **changes: object) -> dict[str, object]:
    """The correction form as the page shows it, with ``changes`` typed in."""
    html = client.get(f"/staff/listings/{listing_id}").get_data(as_text=True)
    with client.application.app_context():
        listing = db.session.get(Listing, listing_id)
        values = {"kind": listing.kind, "pathways": listing.pathways, "min_age": listing.min_age or "",
                  "max_age": listing.max_age or "", "min_grade": listing.min_grade or "",
                  "max_grade": listing.max_grade or "", "pay_status": listing.pay_status,
                  "pay_min": listing.pay_min or "", "pay_max": listing.pay_max or "",
                  "pay_period": listing.pay_period or "", "address": listing.address or "",
                  "city": listing.city or "", "state": listing.state or "", "zip": listing.zip or "",
                  "deadline": listing.deadline.isoformat() if listing.deadline else "",
                  "work_mode": listing.work_mode or "", "apply_url": listing.apply_url or ""}
    return {"csrf_token": csrf_token(html), **values, **changes}


def test_a_correction_shows_at_once_and_survives_reingest(feed_app, tmp_path) -> None:
    client = editor(feed_app)
    listing_id = library_page(feed_app)
    saved = client.post(f"/staff/listings/{listing_id}", data=form_of(client, listing_id, kind="internship",
                                                                         min_age="17", deadline="2031-01-15"))
    assert saved.status_code == 302
    public = feed_app.test_client().get(f"/listings/{listing_id}").get_data(as_text=True)
    assert "Internship" in public and "17" in public
    found = feed_app.test_client().get("/api/v1/listings?kind=internship").get_json()
    assert listing_id in [item["id"] for item in found["listings"]]
    with feed_app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "listing.correct"))
        assert entry.before == {"kind": "job", "min_age": 16, "deadline": "2030-12-20"}
        assert entry.after == {"kind": "internship", "min_age": 17, "deadline": "2031-01-15"}
    # The feed changes another field, then the corrected one: the correction stays, the feed's word is kept.
    change_feed(tmp_path, "Shelve books", "Shelve and sort books")
    reingest(feed_app, tmp_path)
    with feed_app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert (listing.kind, listing.min_age, listing.deadline) == ("internship", 17, date(2031, 1, 15))
        assert "sort books" in listing.description
    assert "The feed changed a corrected field" not in client.get(f"/staff/listings/{listing_id}").get_data(as_text=True)
    change_feed(tmp_path, "Apply by: December 20, 2030", "Apply by: December 27, 2030")
    reingest(feed_app, tmp_path)
    page = client.get(f"/staff/listings/{listing_id}").get_data(as_text=True)
    assert "The feed changed a corrected field" in page
    assert "the feed said “2030-12-20” and now says “2030-12-27”" in page
    assert "The feed changed a field that an editor corrected, on 1 listings." in client.get("/staff/").get_data(as_text=True)
    with feed_app.app_context():
        assert db.session.get(Listing, listing_id).deadline == date(2031, 1, 15)
    # The editor takes the feed's new deadline.
    token = csrf_token(page[page.index('action="/staff/listings/%d/feed-change"' % listing_id):])
    client.post(f"/staff/listings/{listing_id}/feed-change", data={"csrf_token": token, "field": "deadline",
                                                                    "choice": "take"})
    with feed_app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert listing.deadline == date(2030, 12, 27) and "deadline" not in listing.corrections
        assert listing.kind == "internship"


def test_hiding_takes_a_listing_out_of_search_api_and_feeds_and_reingest_keeps_it_hidden(feed_app, tmp_path) -> None:
    client = editor(feed_app)
    listing_id = library_page(feed_app)
    public = feed_app.test_client()
    assert TITLE in public.get("/search?q=library").get_data(as_text=True)
    hidden = post_form(client, f"/staff/listings/{listing_id}/hide", {"reason": "The post is filled."},
                       page=f"/staff/listings/{listing_id}")
    assert hidden.status_code == 302
    assert TITLE not in public.get("/search?q=library").get_data(as_text=True)
    assert listing_id not in [item["id"] for item in public.get("/api/v1/listings").get_json()["listings"]]
    assert TITLE not in public.get("/search.atom").get_data(as_text=True)
    change_feed(tmp_path, "Shelve books", "Shelve and sort books")
    reingest(feed_app, tmp_path)
    reingest(feed_app, tmp_path, days_later=1)
    assert TITLE not in public.get("/search?q=library").get_data(as_text=True)
    with feed_app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert listing.status == Listing.REMOVED and listing.hidden_reason == "The post is filled."
        assert "sort books" in listing.description
    restored = post_form(client, f"/staff/listings/{listing_id}/restore", {}, page=f"/staff/listings/{listing_id}")
    assert restored.status_code == 302
    assert TITLE in public.get("/search?q=library").get_data(as_text=True)
    with feed_app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["listing.hide", "listing.restore"]


def test_hiding_needs_a_reason(feed_app) -> None:
    client = editor(feed_app)
    listing_id = library_page(feed_app)
    response = post_form(client, f"/staff/listings/{listing_id}/hide", {"reason": "  "},
                         page=f"/staff/listings/{listing_id}")
    assert response.status_code == 400
    assert "Say why" in response.get_data(as_text=True)


def test_bad_corrections_are_named_and_the_input_kept(feed_app) -> None:
    client = editor(feed_app)
    listing_id = library_page(feed_app)
    response = client.post(f"/staff/listings/{listing_id}", data=form_of(
        client, listing_id, min_age="18", max_age="16", apply_url="javascript:alert(1)", zip="3520"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The oldest age must not be below the youngest." in html
    assert "starting with http:// or https://" in html and "Use five digits" in html
    assert 'value="javascript:alert(1)"' in html and 'value="3520"' in html
    with feed_app.app_context():
        assert db.session.get(Listing, listing_id).corrections is None


def test_the_staff_listing_search_finds_by_words_number_and_state(feed_app) -> None:
    client = editor(feed_app)
    listing_id = library_page(feed_app)
    assert TITLE in client.get("/staff/listings?q=library").get_data(as_text=True)
    assert TITLE in client.get(f"/staff/listings?q={listing_id}").get_data(as_text=True)
    assert TITLE not in client.get("/staff/listings?status=hidden").get_data(as_text=True)
    assert client.get("/staff/listings?page=99999&status=nonsense&source=abc").status_code == 200


def test_the_listings_pages_keep_the_search_from_page_to_page(app) -> None:
    from tests.factories import add_listings
    from tracker.staff.listings import PER_PAGE

    make_staff(app, "e@example.org", EDITOR)
    with app.app_context():
        add_listings(*({"title": f"Welding helper {n}"} for n in range(PER_PAGE + 5)), {"title": "Lifeguard"})
    client = app.test_client()
    log_in(client, "e@example.org")
    first = client.get("/staff/listings?q=welding&status=active").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Previous page" not in first
    following = re.search(r'href="([^"]+)">Next page<', first).group(1).replace("&amp;", "&")
    assert "q=welding" in following and "status=active" in following and "page=2" in following
    second = client.get(following).get_data(as_text=True)
    assert "Page 2 of 2" in second and second.count("Welding helper") == 5 and "Lifeguard" not in second
    assert "Next page" not in second and "Previous page" in second
