"""What every search backend offers (Whoosh, PostgreSQL), and what a search returns."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from tracker.models import Listing
from tracker.query import ListingQuery

# Deeper pages cost a collector that grows with page x page length; nobody reads page 100.
MAX_PAGE = 50
ListingReader = Callable[[], Iterable[Listing]]


def page_count(total: int, page_length: int) -> int:
    """Return how many pages ``total`` results fill (at least 1, at most MAX_PAGE)."""
    return max(1, min(MAX_PAGE, -(-total // page_length)))


@dataclass
class SearchResult:
    """One page of listing ids in order, with the counts the page shows beside them."""

    ids: list[int]
    total: int
    page: int
    page_count: int
    facets: dict[str, dict[Any, int]] = field(default_factory=dict)
    # How many listings sit in the other eligibility group (age not stated, or stated).
    other_group_total: int = 0
    suggestion: str | None = None
    distances: dict[int, float] = field(default_factory=dict)


class SearchBackend(Protocol):
    """A search engine over the visible listings; the database stays the truth.

    ``reader`` is what one request reads through, from ``reader()`` (a Whoosh searcher;
    the request's database session for PostgreSQL): one request sees one state of the index.
    """

    def reader(self) -> Any: ...

    def state(self, reader: Any) -> str:
        """Name the state of the index ``reader`` reads (pages built from a search depend on it)."""

    def search(self, reader: Any, query: ListingQuery, today: date, page_length: int,
               facets: bool = True) -> SearchResult:
        """Return one page of ids matching ``query`` (with counts for every filter choice when ``facets``)."""

    def count(self, reader: Any, query: ListingQuery, today: date) -> int:
        """Return how many listings ``query`` finds (no page, no facets)."""

    def facet_counts(self, reader: Any, query: ListingQuery, today: date, facet: str) -> dict[Any, int]:
        """Return the counts of one facet of ``query``'s results (a filter's field, or "miles")."""

    def counts_without(self, reader: Any, query: ListingQuery, today: date) -> dict[str, int]:
        """For each thing ``query`` narrows by, how many it finds without it."""

    def matching_ids(self, reader: Any, query: ListingQuery, today: date) -> set[int]:
        """Return the ids of every listing ``query`` finds, in no order (no page, no facets)."""

    def hourly_rates(self, reader: Any, query: ListingQuery, today: date) -> list[int]:
        """Return the hourly pay (cents) of every listing ``query`` finds that states one."""

    def indexed_count(self, reader: Any) -> int:
        """Return how many listings the index holds."""

    def apply_changes(self, documents: Iterable[dict[str, Any]], deletions: Iterable[int]) -> None:
        """Add or replace ``documents`` (from document_for) and remove ``deletions`` (ids) in one step."""

    def rebuild(self, parts: Sequence[ListingReader], after_fork: Callable[[], None] | None = None) -> int:
        """Build the index afresh from ``parts`` and swap it in; return how many listings it holds."""

    def is_current(self) -> bool:
        """Say whether the stored index was built by this code's schema."""

    def indexed_versions(self) -> list[tuple[int, int]]:
        """Return (listing id, Listing.index_version) of every document, so the index can be checked against the database."""

    def remove_orphans(self) -> int:
        """Delete what writers killed mid-way left behind; return how many items went."""
