"""Finding listings for people: search the index, then confirm each hit in the database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app

from tracker import search
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing
from tracker.query import ListingQuery


@dataclass
class ResultPage:
    query: ListingQuery
    listings: list[Listing]
    total: int
    page: int
    page_count: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    deadline_counts: dict[int, int] = field(default_factory=dict)
    today: date = field(default_factory=date.today)


def find_listings(query: ListingQuery, page_length: int | None = None) -> ResultPage:
    """Return one page of open listings matching ``query``, in the index's order."""
    today = site_today()
    page_length = page_length or current_app.config["RESULTS_PER_PAGE"]
    found = search.search(query, today, page_length)
    return ResultPage(
        query=query, listings=visible_listings(found.ids, today), total=found.total,
        page=found.page, page_count=found.page_count, facets=found.facets,
        deadline_counts=found.deadline_counts, today=today,
    )


def visible_listings(ids: list[int], today: date) -> list[Listing]:
    """Load ``ids`` that are still open, keeping their order; the index may lag the database."""
    if not ids:
        return []
    rows = db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids), Listing.visible(today)))
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def reindex_all() -> int:
    """Rebuild the search index from every open listing in the database."""
    today = site_today()
    expected = db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.visible(today))) or 0
    rows = db.session.scalars(
        sa.select(Listing).where(Listing.visible(today)).execution_options(yield_per=500)
    )
    return search.rebuild(rows, expected=expected)
