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
from sqlalchemy.orm import Session, selectinload

from tracker import http_cache, listing_cache, search, taxonomy
from tracker.clock import site_today
from tracker.data_stamp import touch_data_stamp
from tracker.extensions import db
from tracker.filter_registry import BY_FIELD, Filter
from tracker.i18n import and_list, gettext
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.reading import filter_words


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


def word_filters(query: ListingQuery, most: int = 6) -> list[tuple[str, dict[str, Any], int]]:
    """For a search that found nothing: the filters its words name, each instead of its words
    (and all of them at once), with what that finds (tracker/reading.py)."""
    found, all_left = filter_words(query.text)
    options: list[tuple[str, ListingQuery]] = []
    combined, names = replace(query, text=all_left, page=1), []
    for reading, left in found[:most]:
        assert reading.field is not None
        f = BY_FIELD[reading.field]
        relaxed = _with_value(query, f, reading.value, left)
        if relaxed is None:
            continue  # the filter already has its value (or another one, for an age or a ZIP code)
        name = gettext(taxonomy.label(f.terms, reading.value)) if f.is_choice else f.words(relaxed)
        options.append((gettext("The %(filter)s filter instead of “%(words)s”", filter=name, words=reading.words)
                        if f.is_choice else gettext("%(filter)s instead of “%(words)s”", filter=name[:1].upper()
                                                    + name[1:], words=reading.words), relaxed))
        combined = _with_value(combined, f, reading.value, all_left) or combined
        names.append(name)
    if len(options) > 1:
        options.append((gettext("Filters instead of all these words: %(filters)s", filters=and_list(names)), combined))
    counted = [(label, relaxed.to_args(), count_listings(relaxed)) for label, relaxed in options]
    return sorted((c for c in counted if c[2]), key=lambda c: -c[2])


def _with_value(query: ListingQuery, f: Filter, value: Any, text: str) -> ListingQuery | None:
    """Return ``query`` with ``value`` added to filter ``f`` and ``text`` as its words, or None when it has it."""
    current = getattr(query, f.field)
    if isinstance(current, tuple):
        if value in current:
            return None
        new: Any = tuple(sorted(current + (value,))) if f.repeatable else current + (value,)
    elif current is not None:
        return None
    else:
        new = value
    changes: dict[str, Any] = {f.field: new, "text": text, "page": 1}
    if f.field == "near":
        changes["miles"] = query.miles or ListingQuery.DEFAULT_MILES
    return replace(query, **changes)


def html_to_text(html: str) -> str:
    """Return the readable text of sanitized HTML (for snippets)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())


# Built once: building this statement and its cache key anew took about a third of a
# page of results' loading time. Each listing comes with its source, so a listing kept
# detached (tracker/listing_cache.py) can still name it.
_VISIBLE_BY_ID = (sa.select(Listing).options(selectinload(Listing.source))
                  .where(Listing.id.in_(sa.bindparam("ids", expanding=True)),
                         Listing.visible(sa.bindparam("today", type_=sa.Date))))


def visible_listings(ids: list[int], today: date) -> list[Listing]:
    """Load ``ids`` that are still open, keeping their order; the index may lag the database."""
    if not ids:
        return []
    cache = listing_cache.for_this_request()
    if cache is None:
        found = {row.id: row for row in _load_visible(ids, today)}
        return [found[i] for i in ids if i in found]
    # Kept from earlier pages while the data, this worker's commits and the index stay as they were.
    state = (http_cache.data_state(), search.index_version())
    kept = cache.get(state, ids)
    missing = [i for i in ids if i not in kept]
    if missing:
        loaded = _load_visible(missing, today)
        for row in loaded:
            db.session.expunge(row)
        cache.put(state, loaded)
        kept.update((row.id, row) for row in loaded)
    # A kept listing's deadline may have passed since (at midnight, with no write).
    return [kept[i] for i in ids if i in kept and kept[i].is_visible(today)]


def _load_visible(ids: list[int], today: date) -> list[Listing]:
    return list(db.session.scalars(_VISIBLE_BY_ID, {"ids": ids, "today": today}))


def update_index(listings: Iterable[Listing], today: date | None = None) -> None:
    """Bring the index in line with ``listings`` after their status or content changed (call after commit).

    For staff and partner actions: a listing the visibility rule shows is (re)indexed,
    any other is dropped from the index.
    """
    today = today or site_today()
    listings = list(listings)
    search.apply_changes([search.document_for(listing) for listing in listings if listing.is_visible(today)],
                         [listing.id for listing in listings if not listing.is_visible(today)])


def reindex_now(listing: Listing) -> bool:
    """update_index for one listing a person just changed; say whether it could (another writer may hold the index)."""
    try:
        update_index([listing])
    except search.IndexBusy:
        return False
    return True


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
