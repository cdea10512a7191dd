"""The only Flask-aware module of the search package: settings, the backend, the request's searcher.

Settings are read once, when the app is made: SEARCH_BACKEND ("whoosh", the default, or
"postgres", which needs a PostgreSQL DATABASE_URL); for Whoosh, INDEX_DIR,
INDEX_WRITER_TIMEOUT and SEARCH_FAST_PATHS (default on; off forces Whoosh's public API,
as the probe does when a Whoosh release differs).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g

from tracker.extensions import db
from tracker.query import ListingQuery
from tracker.search import probe
from tracker.search.backend import ListingReader, SearchBackend, SearchResult
from tracker.search.postgres_backend import PostgresBackend
from tracker.search.readers import PublicWhoosh
from tracker.search.storage import IndexOutdated
from tracker.search.whoosh_backend import WhooshBackend

EXTENSION = "search"
BACKENDS = ("whoosh", "postgres")


def init_app(app: Flask) -> None:
    """Make the app's search backend from its settings; let go of the request's searcher at teardown."""
    app.extensions[EXTENSION] = make_backend(app)
    app.teardown_appcontext(_close_searcher)


def make_backend(app: Flask) -> SearchBackend:
    """Return the backend SEARCH_BACKEND names, refusing to start with one the database cannot serve."""
    name = app.config.get("SEARCH_BACKEND", "whoosh")
    if name not in BACKENDS:
        raise RuntimeError(f"SEARCH_BACKEND={name!r} is not one of {', '.join(BACKENDS)}")
    if name == "postgres":
        database = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
        if database != "postgresql":
            raise RuntimeError(f"SEARCH_BACKEND=postgres keeps search in PostgreSQL, but DATABASE_URL is {database}: "
                               "set DATABASE_URL to a PostgreSQL database (postgresql://user:password@host/name), "
                               "or leave SEARCH_BACKEND unset for the Whoosh index")
        return PostgresBackend(session=lambda: db.session(), engine=lambda: db.engine)
    access = probe.chosen_access() if app.config.get("SEARCH_FAST_PATHS", True) else PublicWhoosh()
    return WhooshBackend(app.config["INDEX_DIR"], float(app.config["INDEX_WRITER_TIMEOUT"]), access)


def backend() -> SearchBackend:
    """Return the current app's search backend."""
    found: SearchBackend = current_app.extensions[EXTENSION]
    return found


def get_searcher() -> Any:
    """Return this request's searcher (a Whoosh searcher, or PostgreSQL's session): the same one for the whole request."""
    if "searcher" not in g:
        g.searcher = backend().reader()
    return g.searcher


def _close_searcher(exc: BaseException | None = None) -> None:
    # The searcher stays open for this thread's next request; the request lets go of it.
    g.pop("searcher", None)


def search(query: ListingQuery, today: date, page_length: int, facets: bool = True) -> SearchResult:
    """Run ``query`` and return one page of listing ids (with counts for every filter choice when ``facets``)."""
    return backend().search(get_searcher(), query, today, page_length, facets)


def facet_counts(query: ListingQuery, today: date, facet: str) -> dict[Any, int]:
    """Return the counts of one facet of ``query``'s results (a filter's field, or "miles")."""
    return backend().facet_counts(get_searcher(), query, today, facet)


def count(query: ListingQuery, today: date) -> int:
    """Return how many open listings ``query`` finds (no page, no facets)."""
    return backend().count(get_searcher(), query, today)


def matching_ids(query: ListingQuery, today: date) -> set[int]:
    """Return the ids of every open listing ``query`` finds, in no order (alerts check new listings against it)."""
    return backend().matching_ids(get_searcher(), query, today)


def counts_without(query: ListingQuery, today: date) -> dict[str, int]:
    """For each thing a query narrows by (words, or a filter field), how many it finds without it."""
    return backend().counts_without(get_searcher(), query, today)


def hourly_rates(query: ListingQuery, today: date) -> list[int]:
    """Return the hourly pay (cents) of every open listing ``query`` finds that states one."""
    return backend().hourly_rates(get_searcher(), query, today)


def indexed_count() -> int:
    """Return how many documents the current index holds."""
    return backend().indexed_count(get_searcher())


def index_version() -> str:
    """Name the state of the index this request reads (generation and commit); '' when unreadable.

    Pages built from a search depend on it as much as on the database: an ingest commits
    the listings first and the index a moment later.
    """
    try:
        return str(backend().state(get_searcher()))
    except (IndexOutdated, OSError):
        return ""  # the page will say search is unavailable; nothing to name


def index_is_current() -> bool:
    """Say whether the current index was built with this code's schema."""
    return backend().is_current()


def writer() -> AbstractContextManager[Any]:
    """Return an index writer that commits on success and cancels (and re-raises) on error (Whoosh only)."""
    found = backend()
    if not isinstance(found, WhooshBackend):
        raise RuntimeError("only the Whoosh backend has an index writer: PostgreSQL's index is the rows themselves")
    return found.writer()


def apply_changes(documents: Iterable[dict[str, Any]], deletions: Iterable[int]) -> None:
    """Add or replace ``documents`` (from document_for) and remove ``deletions`` (ids) in one commit."""
    backend().apply_changes(documents, deletions)
    # A request that writes (a staff action) reads its own writes for the rest of it.
    g.pop("searcher", None)


def indexed_versions() -> list[tuple[int, int]]:
    """Return (listing id, version) of every document in the current index, as it is on disk now."""
    return backend().indexed_versions()


def remove_orphans() -> int:
    """Delete files killed writers left (see storage.remove_orphans); call only under the site's writer lock."""
    return backend().remove_orphans()


def rebuild(parts: Sequence[ListingReader], after_fork: Callable[[], None] | None = None) -> int:
    """Build a fresh index from ``parts`` (functions yielding listings) and swap it in; return how many."""
    return backend().rebuild(parts, after_fork)
