"""Store: apply a plan to the database inside the caller's transaction."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

import sqlalchemy as sa

from ingest.decide import HIDDEN, Known, Plan
from ingest.dedupe import Candidate, primaries
from ingest.records import NormalizedListing
from tracker import corrections
from tracker.extensions import db
from tracker.models import Listing, Source


def known_listings(source: Source) -> dict[str, Known]:
    """Return what the database holds for ``source``, keyed by external id."""
    rows = db.session.execute(
        sa.select(Listing.id, Listing.external_id, Listing.content_hash, Listing.status, Listing.hidden_reason)
        .where(Listing.source_id == source.id)
    )
    # A listing an editor hid is neither "missing" nor "back" to the plan: only its content counts.
    return {ext: Known(listing_id, digest, HIDDEN if hidden else status)
            for listing_id, ext, digest, status, hidden in rows}


def apply_plan(source: Source, plan: Plan, today: date, now: datetime) -> tuple[list[Listing], list[int]]:
    """Write the plan; return listings to (re)index and ids to drop from the index."""
    to_index: list[Listing] = []
    to_drop: list[int] = []
    for normalized in plan.new:
        listing = Listing(source=source, status=Listing.ACTIVE, first_seen_at=now)
        _fill(listing, normalized, now)
        db.session.add(listing)
        _settle_status(listing, today, now, to_index, to_drop)
    if plan.changed:
        by_id = _load({listing_id for listing_id, _ in plan.changed})
        for listing_id, normalized in plan.changed:
            listing = by_id[listing_id]
            _fill(listing, normalized, now)
            if listing.hidden_reason is None:  # an editor hid it: new content, still hidden
                listing.restore(now)
            _settle_status(listing, today, now, to_index, to_drop)
    if plan.missing:
        for listing in _load(set(plan.missing)).values():
            listing.remove(now)
            to_drop.append(listing.id)
    db.session.flush()  # new listings get their ids before they are indexed
    return to_index, to_drop


def expire_past_deadline(today: date, now: datetime) -> list[int]:
    """Close every active listing whose deadline has passed; return their ids."""
    rows = db.session.scalars(
        sa.select(Listing).where(Listing.status == Listing.ACTIVE, Listing.deadline < today)
    ).all()
    for listing in rows:
        listing.expire(now)
    return [listing.id for listing in rows]


def link_cross_source_duplicates() -> tuple[list[Listing], list[int]]:
    """Point each open listing that another source also carries at the one shown.

    Returns listings that are now shown (to index) and ids now hidden (to drop).
    """
    rows = db.session.execute(
        sa.select(Listing.id, Listing.source_id, Listing.apply_url, Listing.fingerprint, Listing.duplicate_of_id)
        .where(Listing.status == Listing.ACTIVE)
    ).all()
    wanted = primaries(Candidate(r.id, r.source_id, r.apply_url, r.fingerprint) for r in rows)
    changed = {r.id: wanted[r.id] for r in rows if wanted[r.id] != r.duplicate_of_id}
    if not changed:
        return [], []
    for listing in _load(set(changed)).values():
        listing.duplicate_of_id = changed[listing.id]
    db.session.flush()
    shown = [listing for listing in _load({i for i, p in changed.items() if p is None}).values()]
    hidden = [i for i, p in changed.items() if p is not None]
    return shown, hidden


# Kept on the normalized listing for `ingest check`, not columns of a Listing.
_NOT_STORED = frozenset({"merged_ids", "alternate_urls"})


def _fill(listing: Listing, normalized: NormalizedListing, now: datetime) -> None:
    for key, value in asdict(normalized).items():
        if key in _NOT_STORED:
            continue
        setattr(listing, key, list(value) if key == "pathways" else value)
    corrections.reapply(listing)  # an editor's corrections win; the feed's values are kept beside them
    listing.last_seen_at = listing.updated_at = now


def _settle_status(listing: Listing, today: date, now: datetime,
                   to_index: list[Listing], to_drop: list[int]) -> None:
    if listing.deadline is not None and listing.deadline < today and listing.status == Listing.ACTIVE:
        listing.expire(now)
    if listing.is_visible(today):
        to_index.append(listing)
    elif listing.id is not None:
        to_drop.append(listing.id)  # closed, or a duplicate: the listing it duplicates is shown


def _load(ids: set[int]) -> dict[int, Listing]:
    return {row.id: row for row in db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids)))}
