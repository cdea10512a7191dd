"""One visibility rule: what the public finds, what pages it may open, and the status changes."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.factories import add_listings
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings, update_index
from tracker.models import Listing, StatusChangeError
from tracker.query import ListingQuery

WHEN = datetime(2030, 5, 1, 12, tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def test_the_sql_rule_and_the_python_rule_agree(ctx) -> None:
    today = site_today()
    deadlines = (None, today - timedelta(days=1), today, today + timedelta(days=1))
    original, = add_listings({"title": "The one shown"})
    specs = [{"status": status, "deadline": deadline, "duplicate_of_id": duplicate}
             for status, deadline, duplicate in itertools.product(Listing.STATUSES, deadlines, (None, original.id))]
    rows = add_listings(*specs)
    found = set(db.session.scalars(sa.select(Listing.id).where(Listing.visible(today))))
    assert found == {row.id for row in [original, *rows] if row.is_visible(today)}
    # Spelled out once, so the rule itself (not only the agreement) is pinned.
    assert {(r.status, r.deadline, r.duplicate_of_id) for r in rows if r.id in found} == {
        (Listing.ACTIVE, d, None) for d in (None, today, today + timedelta(days=1))}
    published = set(db.session.scalars(sa.select(Listing.id).where(Listing.published())))
    assert published == {row.id for row in [original, *rows] if row.is_published}
    assert {r.status for r in rows if r.id in published} == {Listing.ACTIVE, Listing.EXPIRED, Listing.REMOVED}


def test_status_values_are_kept() -> None:
    # Stored in the database: the values must never change.
    assert Listing.STATUSES == ("active", "expired", "removed", "pending", "rejected", "draft")


def _listing(status: str, closed: datetime | None = None) -> Listing:
    return Listing(status=status, closed_at=closed, updated_at=WHEN - timedelta(days=3))


@pytest.mark.parametrize(("change", "before", "after"), [
    ("approve", Listing.PENDING, Listing.ACTIVE),
    ("approve", Listing.REJECTED, Listing.ACTIVE),
    ("reject", Listing.PENDING, Listing.REJECTED),
    ("reject", Listing.ACTIVE, Listing.REJECTED),
    ("expire", Listing.ACTIVE, Listing.EXPIRED),
    ("remove", Listing.ACTIVE, Listing.REMOVED),
    ("remove", Listing.EXPIRED, Listing.REMOVED),
    ("remove", Listing.PENDING, Listing.REMOVED),
    ("remove", Listing.DRAFT, Listing.REMOVED),  # a partner closes an unconfirmed submission
    ("restore", Listing.REMOVED, Listing.ACTIVE),
    ("restore", Listing.EXPIRED, Listing.ACTIVE),
    ("restore", Listing.ACTIVE, Listing.ACTIVE),
])
def test_status_changes(change: str, before: str, after: str) -> None:
    listing = _listing(before, closed=WHEN - timedelta(days=1) if before in (Listing.EXPIRED, Listing.REMOVED) else None)
    getattr(listing, change)(WHEN)
    assert listing.status == after
    if after == Listing.ACTIVE:
        assert listing.closed_at is None
    else:
        assert listing.closed_at == WHEN


@pytest.mark.parametrize(("change", "before"), [
    ("restore", Listing.PENDING),  # only an editor's approval publishes a submission
    ("restore", Listing.REJECTED),
    ("approve", Listing.ACTIVE),
    ("approve", Listing.EXPIRED),
    ("reject", Listing.REMOVED),
    ("expire", Listing.PENDING),
    ("remove", Listing.REJECTED),
    ("approve", Listing.DRAFT),  # an unconfirmed e-mail address never reaches an editor
    ("restore", Listing.DRAFT),
    ("expire", Listing.DRAFT),
    ("submit_for_review", Listing.REMOVED),  # a closed listing is closed for good
])
def test_status_changes_that_would_skip_moderation_are_refused(change: str, before: str) -> None:
    listing = _listing(before)
    with pytest.raises(StatusChangeError, match=f"from {before}"):
        getattr(listing, change)(WHEN)
    assert listing.status == before


@pytest.mark.parametrize("before", [Listing.DRAFT, Listing.PENDING, Listing.ACTIVE, Listing.REJECTED,
                                    Listing.EXPIRED])
def test_a_partner_listing_goes_back_to_review(before: str) -> None:
    # Confirmed, or edited by its partner after approval, rejection or expiry: an editor looks again.
    listing = _listing(before, closed=WHEN - timedelta(days=1) if before != Listing.DRAFT else None)
    listing.submit_for_review(WHEN)
    assert (listing.status, listing.closed_at, listing.updated_at) == (Listing.PENDING, None, WHEN)
    assert not listing.is_visible(WHEN.date()) and not listing.is_published


def test_a_listing_that_reappears_moves_last_modified_forward() -> None:
    listing = _listing(Listing.REMOVED, closed=WHEN - timedelta(days=1))
    listing.restore(WHEN)
    assert listing.updated_at == WHEN
    submission = _listing(Listing.PENDING)
    submission.approve(WHEN)
    assert submission.updated_at == WHEN


def test_update_index_follows_status_changes(ctx) -> None:
    listing, submission = add_listings({"title": "Nurse aide"}, {"title": "Nurse intern", "status": Listing.PENDING})
    words = ListingQuery(text="nurse")
    assert [r.id for r in find_listings(words).listings] == [listing.id]
    submission.approve(WHEN)
    listing.remove(WHEN)
    db.session.commit()
    update_index([listing, submission])
    assert [r.id for r in find_listings(words).listings] == [submission.id]
    assert find_listings(words).total == 1  # the index dropped it, not only the database check


def test_pages_follow_the_rule(ctx, client) -> None:
    shown, closed, pending, copy = add_listings(
        {}, {"status": Listing.EXPIRED, "deadline": date(2020, 1, 1)}, {"status": Listing.PENDING}, {})
    copy.duplicate_of_id = shown.id
    db.session.commit()
    assert client.get(f"/listings/{shown.id}").status_code == 200
    assert client.get(f"/listings/{closed.id}").status_code == 200  # says it closed
    assert client.get(f"/listings/{pending.id}").status_code == 404
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert f"/listings/{shown.id}<" in sitemap
    assert all(f"/listings/{row.id}<" not in sitemap for row in (closed, pending, copy))
