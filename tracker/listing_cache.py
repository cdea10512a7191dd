"""The listings a worker loaded for recent pages of results, kept while the data stays as it was.

Loading a page's twenty listings through the ORM (fifty columns each, dates and JSON
parsed) was the largest part of a results page's time after rendering, about 1.5 ms of
10 under load at 100,000 listings, and popular searches show the same listings again
and again. A page of results that is served to a reader (a GET or HEAD) keeps the
listings it loaded, detached from its session, for the next pages in the same state.

The state is this process's commit count, the data stamp every writer moves (read at
most once a second, as the ETags read it: tracker/http_cache.py) and the state of the
search index the request reads. When any of them changes, everything kept is dropped.
Kept listings are only read: the public views that show results never write them and
never follow their relationships (a detached listing cannot load one). Their
visibility is checked again in Python for each page, since a deadline passes at
midnight with no write.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable

from flask import Flask, current_app, has_request_context, request

from tracker.models import Listing

EXTENSION = "listing_cache"


class ListingCache:
    """Up to ``capacity`` detached listings of one data state, the least recently used dropped first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._lock = threading.Lock()  # threaded workers share it
        self._state: Hashable = None
        self._kept: OrderedDict[int, Listing] = OrderedDict()

    def get(self, state: Hashable, ids: Iterable[int]) -> dict[int, Listing]:
        """Return the kept listings among ``ids`` (all of them forgotten first if ``state`` is new)."""
        found = {}
        with self._lock:
            self._enter(state)
            for listing_id in ids:
                listing = self._kept.get(listing_id)
                if listing is not None:
                    self._kept.move_to_end(listing_id)
                    found[listing_id] = listing
        return found

    def put(self, state: Hashable, listings: Iterable[Listing]) -> None:
        """Keep ``listings`` (detached from their session) for later pages in ``state``."""
        with self._lock:
            self._enter(state)
            for listing in listings:
                self._kept[listing.id] = listing
                self._kept.move_to_end(listing.id)
            while len(self._kept) > self.capacity:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)

    def _enter(self, state: Hashable) -> None:
        if state != self._state:
            self._kept.clear()
            self._state = state


def init_app(app: Flask) -> None:
    """Give ``app`` its cache: LISTING_CACHE_SIZE listings per worker (0 turns it off)."""
    size = int(app.config["LISTING_CACHE_SIZE"])
    app.extensions[EXTENSION] = ListingCache(size) if size > 0 else None


def for_this_request() -> ListingCache | None:
    """Return the cache when this request may use it: it serves a reader (GET or HEAD) and the cache is on."""
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return None
    cache: ListingCache | None = current_app.extensions.get(EXTENSION)
    return cache
