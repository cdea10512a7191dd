"""One opportunity, one listing: within a source and across sources."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.dedupe import Candidate, primaries
from tracker.fingerprint import fingerprint
from tests.conftest import FIXTURES
from tests.test_ingest_pipeline import ingest, write_sources
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.query import ListingQuery


@pytest.mark.parametrize("a, b", [
    (("Library Page (Part-Time)", "Sample Public Library", "35203"), ("Library page", "Sample public library", "35203")),
    (("IT Help Desk Intern", "Brightwire IT Services", "Birmingham"), ("IT help-desk intern", "Brightwire IT Services", "Birmingham")),
])
def test_fingerprint_ignores_case_punctuation_and_noise_words(a, b) -> None:
    assert fingerprint(*a) == fingerprint(*b) is not None


def test_fingerprint_tells_different_places_and_needs_an_organisation() -> None:
    assert fingerprint("Cashier", "Shop", "35203") != fingerprint("Cashier", "Shop", "35244")
    assert fingerprint("Intern", None, "35203") is None


def test_primaries_group_by_url_or_fingerprint_across_sources() -> None:
    result = primaries([
        Candidate(1, 10, "https://x/1", "fp-a"),
        Candidate(2, 20, "https://x/1", None),      # same URL, other source
        Candidate(3, 30, "https://y/3", "fp-a"),    # same fingerprint, other source
        Candidate(4, 10, "https://z/4", "fp-b"),
        Candidate(5, 10, "https://z/5", "fp-b"),    # same source as 4: kept apart
    ])
    assert result == {1: None, 2: 1, 3: 1, 4: None, 5: None}


def test_the_same_opportunity_in_two_sources_is_shown_once(app, client, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "two_jobs.rss", tmp_path / "a.rss")
    text = (FIXTURES / "two_jobs.rss").read_text()
    # The second source re-posts the library job under another id and a tracking URL.
    (tmp_path / "b.rss").write_text(text.replace("<guid isPermaLink=\"false\">1001", "<guid isPermaLink=\"false\">B-77")
                                     .replace("<guid isPermaLink=\"false\">1002", "<guid isPermaLink=\"false\">B-78")
                                     .replace("https://example.org/jobs/1002", "https://other.example.net/help-desk"))
    ingest(app, write_sources(tmp_path, ("First", "rss", "a.rss"), ("Second", "rss", "b.rss")))
    with app.test_request_context():
        found = find_listings(ListingQuery()).listings
        titles = sorted(l.title for l in found)
        assert titles == ["IT Help Desk Intern", "Library Page (Part-Time)"]
        primary = next(l for l in found if l.title.startswith("Library"))
        duplicates = db.session.scalars(sa.select(Listing).where(Listing.duplicate_of_id.is_not(None))).all()
        assert {d.source.name for d in duplicates} == {"Second"}
        primary_id = primary.id
    html = client.get(f"/listings/{primary_id}").get_data(as_text=True)
    assert "Also listed at" in html and "Second" in html


def test_when_the_shown_listing_closes_its_duplicate_takes_over(app, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "two_jobs.rss", tmp_path / "a.rss")
    shutil.copy(FIXTURES / "two_jobs.rss", tmp_path / "b.rss")
    sources = write_sources(tmp_path, ("First", "rss", "a.rss"), ("Second", "rss", "b.rss"))
    ingest(app, sources)
    with app.test_request_context():
        assert {l.source.name for l in find_listings(ListingQuery()).listings} == {"First"}
    # The first source drops everything but keeps one unrelated item so the run succeeds.
    (tmp_path / "a.rss").write_text((FIXTURES / "two_jobs.rss").read_text()
                                    .replace("Library Page (Part-Time)", "Book Mender")
                                    .replace("jobs/1001", "jobs/9001").replace(">1001<", ">9001<"))
    ingest(app, sources)
    with app.test_request_context():
        shown = {(l.title, l.source.name) for l in find_listings(ListingQuery()).listings}
    assert ("Library Page (Part-Time)", "Second") in shown and ("Book Mender", "First") in shown
