"""Finding listings for people: search the index, then confirm each hit in the database."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from html import unescape
from typing import Any

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup
from sqlalchemy.orm import Session

from tracker import search
from tracker.clock import site_today
from tracker.data_stamp import touch_data_stamp
from tracker.extensions import db
from tracker.filter_registry import BY_FIELD
from tracker.i18n import gettext
from tracker.models import Listing
from tracker.query import ListingQuery


@dataclass(kw_only=True)
class ResultPage(search.SearchResult):
    """What the index found (ids, counts, facets...) with the listings themselves, checked in the database."""

    query: ListingQuery
    listings: list[Listing]
    today: date

    def snippet(self, listing: Listing) -> Markup | None:
        """Return the description's passages that match the search words, marked."""
        if not self.query.text:
            return None
        marked = search.highlight(html_to_text(listing.description), self.query.text)
        return Markup(marked) if marked else None


def find_listings(query: ListingQuery, page_length: int | None = None, facets: bool = True) -> ResultPage:
    """Return one page of open listings matching ``query``, in the index's order (``facets``: with counts by filter)."""
    today = site_today()
    page_length = page_length or current_app.config["RESULTS_PER_PAGE"]
    found = search.search(query, today, page_length, facets=facets)
    return ResultPage(**vars(found), query=query, listings=visible_listings(found.ids, today), today=today)


def count_listings(query: ListingQuery) -> int:
    """Return how many open listings ``query`` finds: no page, no facets, no database rows."""
    return search.count(query, site_today())


def facet_counts(query: ListingQuery, facet: str) -> dict[Any, int]:
    """Return the counts of one facet (e.g. "pathways") of ``query``'s results, as a results page has them."""
    return search.facet_counts(query, site_today(), facet)


def relaxations(query: ListingQuery) -> list[tuple[str, dict[str, Any], int]]:
    """For a search that found nothing: each filter dropped in turn, and what that finds."""
    today = site_today()
    options = []  # (what is dropped, its words, the search without it)
    if query.text:
        options.append(("text", gettext("the words “%(text)s”", text=query.text), replace(query, text="", page=1)))
    for name in query.active_filters:
        options.append((name, BY_FIELD[name].words(query), query.without(name)))
    # One pass over the masks answers every "without X" at once.
    without = search.counts_without(query, today)
    counted = [(label, relaxed.to_args(), without[name]) for name, label, relaxed in options]
    return sorted((c for c in counted if c[2]), key=lambda c: -c[2])


def html_to_text(html: str) -> str:
    """Return the readable text of sanitized HTML (for snippets)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())


def visible_listings(ids: list[int], today: date) -> list[Listing]:
    """Load ``ids`` that are still open, keeping their order; the index may lag the database."""
    if not ids:
        return []
    rows = db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids), Listing.visible(today)))
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def update_index(listings: Iterable[Listing], today: date | None = None) -> None:
    """Bring the index in line with ``listings`` after their status or content changed (call after commit).

    For staff and partner actions: a listing the visibility rule shows is (re)indexed,
    any other is dropped from the index.
    """
    today = today or site_today()
    listings = list(listings)
    search.apply_changes([search.document_for(listing) for listing in listings if listing.is_visible(today)],
                         [listing.id for listing in listings if not listing.is_visible(today)])


def reindex_all() -> int:
    """Rebuild the search index from every open listing in the database."""
    today = site_today()
    expected = db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.visible(today))) or 0
    processes = search.rebuild_processes(expected)
    parts = [_open_listings_part(today, part, processes) for part in range(processes)]
    # A forked process must not use the connections it inherited: they are the parent's.
    count = search.rebuild(parts, after_fork=lambda: db.engine.dispose(close=False))
    touch_data_stamp()  # what searches find may have changed
    db.session.commit()
    return count


def _open_listings_part(today: date, part: int, parts: int) -> search.ListingReader:
    """A reader of one share of the open listings (split by id), on a session of its own."""
    def read() -> Iterator[Listing]:
        statement = sa.select(Listing).where(Listing.visible(today)).order_by(Listing.id)
        if parts > 1:
            statement = statement.where(Listing.id % parts == part)
        with Session(db.engine) as session:
            yield from session.scalars(statement.execution_options(yield_per=500))
    return read
