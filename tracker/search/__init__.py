"""Search: the only package that knows the search engines (Whoosh, PostgreSQL), behind a small facade.

Callers use ``from tracker import search`` and the names in ``__all__``. The index is
derived from the database (what Listing.is_visible() shows) and can always be rebuilt.

Module map (each does one job; only app.py knows Flask):

- app.py: init_app, the app's backend from its settings, the request's searcher, and
  the functions below bound to the current app.
- backend.py: the SearchBackend interface every engine implements, SearchResult.
- whoosh_backend.py: the Whoosh backend: open index, per-thread searchers, caches.
- postgres_backend.py: the PostgreSQL backend (SEARCH_BACKEND=postgres): search in the rows.
  pg_schema.py: the generated search column, its indexes, the words table (DDL).
  pg_query.py: typed words to a tsquery.   pg_filters.py: the values filters read, in SQL.
  pg_arrays.py: those values and each word's matches as arrays, per state of the data.
  pg_search.py: one search (page, sorts, facets, on masks.py).   pg_words.py: "did you mean" by trigrams.
- engine.py: one search over one commit: text and filter masks, pages, sorts, suggestions.
- masks.py: each filter as a mask; facet counts.   columns.py: the arrays masks read.
  tally.py: facet counts as bit counts over packed masks.
- scoring.py: each word's postings and positions as arrays, BM25, phrases.
  matches.py: a query's mask, scored only where a page ranks.
- parsing.py: typed words to a query.   highlight.py: snippets.
- analysis.py: text to terms.   schema.py: the fields.   documents.py: a Listing as a document.
- storage.py: generations and the atomic swap.   writing.py: small commits.
- rebuilding.py: whole rebuilds, in parallel processes.   vocabulary.py: "did you mean".
- readers.py: reading and bulk writing through Whoosh's public API.
- _whoosh_private.py: the fast twins, the only code touching Whoosh's private parts;
  probe.py checks them against readers.py at start-up and falls back with a warning.
  positions_codec.py: Whoosh's stored positions read as arrays (for the fast twin).
- protocols.py: typed views of the Whoosh objects used.
"""
from __future__ import annotations

from tracker.search.app import (apply_changes, count, counts_without, facet_counts, hourly_rates,
                                index_is_current, index_version, indexed_count, indexed_versions, init_app,
                                matching_ids, rebuild, remove_orphans, search)
from tracker.search.backend import ListingReader, SearchBackend, SearchResult
from tracker.search.documents import document_for
from tracker.search.highlight import highlight
from tracker.search.pg_schema import include_in_migrations
from tracker.search.rebuilding import rebuild_processes
from tracker.search.schema import StemmedText  # noqa: F401  (indexes built before the split pickled it here)
from tracker.search.storage import IndexOutdated
from tracker.search.writing import IndexBusy

__all__ = [
    "init_app", "search", "count", "matching_ids", "facet_counts", "counts_without", "hourly_rates", "highlight", "indexed_count",
    "index_is_current", "index_version", "document_for", "apply_changes", "rebuild", "rebuild_processes",
    "indexed_versions", "remove_orphans", "include_in_migrations",
    "IndexBusy", "IndexOutdated", "ListingReader", "SearchBackend", "SearchResult",
]
