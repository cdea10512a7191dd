"""One search with the PostgreSQL backend: words matched and ranked by PostgreSQL, the rest on arrays.

engine.py's twin: the words come from the tsvector column (pg_arrays.State.word) and
every filter, facet count, total and sort from masks.py over pg_arrays' columns, the
Whoosh backend's own code, so both give the same listings, counts and order rules;
only the arithmetic of relevance differs (tests/test_search_contract.py).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from tracker import geo
from tracker.filter_registry import BY_FIELD
from tracker.query import ListingQuery
from tracker.search.backend import MAX_PAGE, SearchResult, page_count
from tracker.search.masks import Filters
from tracker.search.pg_arrays import Doubles, State
from tracker.search.pg_query import TextQuery, holding
from tracker.search.protocols import Mask

PHRASE_BONUS = 1000.0  # plain words found as typed, next to each other, rank above the rest


class Run:
    """One request's search: the words and each filter as a mask over every searchable listing."""

    def __init__(self, session: Session, state: State, table_size: float, query: ListingQuery, today: date,
                 text: TextQuery) -> None:
        self.session, self.state, self.columns = session, state, state.columns
        self.table_size = table_size  # the planner's count of the table (<= 0: never analysed)
        self.query, self.today, self.text = query, today, text
        self.words = holding(text, lambda words: state.word(session, words).holds())
        centre = geo.zip_point(query.near) if query.near else None
        self.miles = self.columns.miles_from(centre) if centre is not None else None
        self.filters = Filters(self.columns, query, today, self.miles)

    def matching(self, skip: str | None = None, words: bool = True) -> Mask:
        """Listings matching the words (unless not ``words``) and every filter but ``skip`` (deadlines always)."""
        mask = self.words.copy() if words and self.words is not None else self.columns.live.copy()
        for name, filter_mask in self.filters.masks.items():
            if name != skip:
                mask &= filter_mask
        return mask

    def facets(self, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``), each without its own filter."""
        return self.filters.facets(self.words if self.words is not None else self.columns.live, only)

    def other_group_total(self) -> int:
        """How many listings sit in the other eligibility group (age not stated, or stated)."""
        if not self.query.eligibility_given:
            return 0
        other = self.filters.eligible() if self.query.unstated else self.filters.unstated()
        return int((self.matching(skip="eligibility") & other).sum())

    # --- the page ------------------------------------------------------------------

    def page(self, mask: Mask, page: int, page_length: int) -> tuple[list[int], int, dict[int, float]]:
        """Return the ids on ``page`` in the query's order, that page, and the distances of the ones with a place."""
        total = int(mask.sum())
        page = min(page, page_count(total, page_length))
        if not total:
            return [], page, {}
        wanted = page * page_length
        candidates = np.flatnonzero(mask)
        chosen = candidates[_first(self.order(candidates), wanted)[wanted - page_length:]]
        ids = [int(i) for i in self.columns.columns["listing_id"][chosen]]
        distances = {}
        if self.miles is not None:
            distances = {i: round(float(m), 1) for i, m in zip(ids, self.miles[chosen]) if math.isfinite(m)}
        return ids, page, distances

    def order(self, candidates: Any) -> list[Any]:
        sort, newest = self.query.sort, -self.columns.posted_micros[candidates]
        if sort == "nearest" and self.miles is not None:
            return [self.miles[candidates]]  # no place (remote) sorts last
        if sort == "deadline":
            return [newest, self.columns.columns["deadline"][candidates]]  # no deadline sorts last
        if sort == "relevance" and self.text.leaves:
            return [newest, -self.rank(candidates)]  # ties: newest first
        return [newest]

    def rank(self, candidates: Any) -> Doubles:
        """Each word's ts_rank at ``candidates``, weighed by how rare it is (idf as Whoosh's BM25 has it), summed.

        How many listings there are is the planner's estimate, or the count itself while
        the table was never analysed (a new site, a test).
        """
        visible = self.filters.masks["open"]
        size = self.table_size if self.table_size > 0 else float(visible.sum())
        score: Doubles = np.zeros(len(candidates), dtype=np.float64)
        for leaf in self.text.leaves:
            word = self.state.word(self.session, leaf)
            count = int(visible[word.at[word.holding]].sum())
            # Never below 1 (the estimate may lag a large ingest).
            idf = math.log(max(size / (count + 1), 1.0)) + 1
            score = score + idf * word.ranks_at(candidates)
        if self.text.phrase:
            phrase = self.state.word(self.session, self.text.phrase).holds()
            score = score + np.where(phrase[candidates], PHRASE_BONUS, 0.0)
        return score


def _first(keys: list[Any], wanted: int) -> Any:
    """Return where the first ``wanted`` rows sit in np.lexsort(keys) order (ties in place: id order, SQL's last key).

    Only the rows whose main key reaches the wanted-th smallest can be among them: a
    common word's tens of thousands of matches are cut to those before sorting.
    """
    main = keys[-1]
    if len(main) <= 2 * wanted:
        return np.lexsort(keys)[:wanted]
    kept = np.flatnonzero(main <= np.partition(main, wanted - 1)[wanted - 1])
    return kept[np.lexsort([key[kept] for key in keys])[:wanted]]


def search(run: Run, page_length: int, suggest: Callable[[], str | None], facets: bool = True) -> SearchResult:
    """Return one page of ``run``'s listing ids with counts for every filter choice."""
    query = run.query
    matching = run.matching()
    total = int(matching.sum())
    ids, page, distances = run.page(matching, min(query.page, MAX_PAGE), page_length)
    suggestion = suggest() if total == 0 and query.text.strip() else None
    return SearchResult(ids=ids, total=total, page=page, page_count=page_count(total, page_length),
                        facets=run.facets() if facets else {}, other_group_total=run.other_group_total(),
                        suggestion=suggestion, distances=distances)


def counts_without(run: Run, count: Callable[[ListingQuery], int]) -> dict[str, int]:
    """For each thing a query narrows by (words, or a filter field), how many it finds without it."""
    query, found = run.query, {}
    if query.text.strip():
        found["text"] = int(run.matching(words=False).sum())
    for name in query.active_filters:
        mask = BY_FIELD[name].mask
        if mask == "eligibility" and query.age is not None and query.grades:
            found[name] = count(query.without(name))  # dropping one of two answers changes the condition
        else:
            found[name] = int(run.matching(skip=mask).sum())
    return found


def hourly_rates(run: Run) -> list[int]:
    """Return the hourly pay (cents) of every listing the search finds that states one."""
    hourly = run.columns.columns["hourly"]
    return [int(r) for r in hourly[run.matching() & (hourly > 0)]]
