"""One search over one index commit: the text match and every filter as masks, then a page.

Plain arguments only (a searcher, the arrays of its commit, a query, a date): no Flask,
so it can be tested and measured alone.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.idsets import DocIdSet

from tracker import geo
from tracker.filter_registry import BY_FIELD
from tracker.query import ListingQuery
from tracker.search.backend import MAX_PAGE, SearchResult, page_count
from tracker.search.columns import Snapshot
from tracker.search.masks import Filters
from tracker.search.matches import Match
from tracker.search.parsing import text_query, typed_phrase
from tracker.search.protocols import Ints, Mask, Searcher
from tracker.search.scoring import TermScores
from tracker.search.vocabulary import Vocabulary

# Added to the score of listings holding the words as typed (parsing.typed_phrase): above any other.
PHRASE_BONUS = 1000.0
# The best-ranked candidates a typed phrase is looked for in first (a phrase's positions
# over every candidate of two common words cost ~9 ms at 100,000 listings).
PHRASE_HEAD = 1024

class Run:
    """One request's search: the text match and each filter as a mask over all documents."""

    def __init__(self, searcher: Searcher, snap: Snapshot, term_scores: Callable[[], TermScores],
                 query: ListingQuery, today: date) -> None:
        self.searcher, self.snap, self.query = searcher, snap, query
        self._term_scores = term_scores  # built on first use: a filter-only search needs none
        self.q = text_query(query.text)
        self.match: Match | None = None  # the words' match, when the arrays score it
        self.text = self.text_mask(self.q, keep_match=True)
        centre = geo.zip_point(query.near) if query.near else None
        self.miles = snap.miles_from(centre) if centre is not None else None
        self.filters = Filters(snap, query, today, self.miles)
        self._matching: dict[str | None, Mask] = {}

    def text_mask(self, q: wq.Query, keep_match: bool = False) -> Mask:
        """Return the live documents matching ``q`` (keeping the match, to score the page, when asked)."""
        if isinstance(q, wq.Every):
            return self.snap.live
        found = self._term_scores().match(q, self.searcher.reader())
        if found is not None:
            if keep_match:
                self.match = found
            return found.mask & self.snap.live
        mask = np.zeros_like(self.snap.live)
        mask[list(self.searcher.docs_for_query(q))] = True
        return mask & self.snap.live

    def matching(self, skip: str | None = None, text: Mask | None = None) -> Mask:
        """Documents matching the words (or ``text``) and every filter but ``skip``: read-only.

        Kept for the run: a search asks for several (its page, the other eligibility group, counts without each filter).
        """
        key = skip if skip in self.filters.masks else None
        found = self._matching.get(key) if text is None else None
        if found is None:
            found = (self.text if text is None else text).copy()
            for name, filter_mask in self.filters.masks.items():
                if name != key:
                    found &= filter_mask
            found.flags.writeable = False
            if text is None:
                self._matching[key] = found
        return found

    def facets(self, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``), each without its own filter."""
        return self.filters.facets(self.text, only)

    def other_group_total(self) -> int:
        """How many listings sit in the other eligibility group (age not stated, or stated)."""
        if not self.query.eligibility_given:
            return 0
        other = self.filters.eligible() if self.query.unstated else self.filters.unstated()
        return int(np.count_nonzero(self.matching(skip="eligibility") & other))

    def page(self, mask: Mask, page: int, page_length: int) -> tuple[list[int], int]:
        """Return the ids on ``page`` of the matching documents in the query's order, and that page."""
        docnums, page = self.page_docnums(mask, page, page_length)
        return [int(self.snap.columns["listing_id"][d]) for d in docnums], page

    def page_docnums(self, mask: Mask, page: int, page_length: int) -> tuple[list[int], int]:
        """Return the document numbers on ``page`` of the matching documents in the query's order, and that page."""
        total = int(np.count_nonzero(mask))
        page = min(page, page_count(total, page_length))
        wanted = page * page_length
        if not total:
            return [], page
        text = self.query.text.strip()
        if self.query.sort == "relevance" and text and self.match is not None:
            candidates = np.flatnonzero(mask)
            # Best score first; ties by newest, as a person would expect.
            keys = [-self.snap.columns["posted"][candidates], -self.match.scores_at(candidates)]
            phrase = typed_phrase(text)
            if phrase is None:
                order = first_in_order(keys, wanted)
            else:
                order = phrase_first(keys, lambda rows: self._holding(phrase.words, candidates[rows]), wanted)
            docnums = candidates[order].tolist()[wanted - page_length:]
        elif self.query.sort == "relevance" and text and not isinstance(self.q, wq.Every):
            # Anything the arrays cannot score: Whoosh ranks it.
            results = self.searcher.search(self.q, filter=MaskSet(mask), limit=wanted)
            docnums = [hit.docnum for hit in results][wanted - page_length:]
        else:
            docnums = self._sorted(np.flatnonzero(mask), wanted)[wanted - page_length:]
        return docnums, page

    def _holding(self, words: list[str], docnums: Ints) -> Mask:
        """Say which of ``docnums`` hold ``words`` in a row."""
        within = np.zeros(self.snap.size, dtype=bool)
        within[docnums] = True
        found: Mask = self._term_scores().phrase(words, self.searcher.reader(), within=within)[docnums]
        return found

    def _sorted(self, candidates: Any, wanted: int) -> list[int]:
        cols, sort = self.snap.columns, self.query.sort
        if sort == "nearest" and self.miles is not None:
            keys = [self.miles[candidates]]  # no place (remote) sorts last
        elif sort == "deadline":
            keys = [-cols["posted"][candidates], cols["deadline"][candidates]]
        else:
            keys = [-cols["posted"][candidates]]
        found: list[int] = candidates[first_in_order(keys, wanted)].tolist()
        return found


def phrase_first(keys: list[Any], holding: Callable[[Ints], Mask], wanted: int) -> Ints:
    """Return ``first_in_order`` of rows ranked by ``keys`` with those holding the typed phrase first (PHRASE_BONUS).

    ``holding(rows)`` says which rows hold it. The best PHRASE_HEAD rows are looked at
    first: when ``wanted`` of them hold it, those are the first (any holder further down
    ranks below them). Otherwise every row is looked at.
    """
    rows = len(keys[-1])
    head = first_in_order(keys, min(rows, max(PHRASE_HEAD, 4 * wanted)))
    if len(head) < rows:
        held = head[holding(head)]
        if len(held) >= wanted:
            found: Ints = held[:wanted]
            return found
    bonus = np.where(holding(np.arange(rows)), PHRASE_BONUS, 0)
    return first_in_order([*keys[:-1], keys[-1] - bonus], wanted)


def first_in_order(keys: list[Any], wanted: int) -> Ints:
    """Return ``np.lexsort(keys)[:wanted]`` (the last key is the primary one) without sorting every row.

    Only rows whose primary key is within the ``wanted`` smallest can be among the first:
    those are found in linear time and sorted alone (in their first order, so ties fall alike).
    """
    primary = keys[-1]
    if len(primary) <= 2 * wanted:
        return np.lexsort(keys)[:wanted]
    cut = np.partition(primary, wanted - 1)[wanted - 1]
    rows = np.flatnonzero(primary <= cut)
    found: Ints = rows[np.lexsort([key[rows] for key in keys])[:wanted]]
    return found


def search(run: Run, page_length: int, vocabulary: Callable[[], Vocabulary], facets: bool = True) -> SearchResult:
    """Return one page of ``run``'s listing ids with counts for every filter choice."""
    query = run.query
    matching = run.matching()
    docnums, page = run.page_docnums(matching, min(query.page, MAX_PAGE), page_length)
    ids = [int(run.snap.columns["listing_id"][d]) for d in docnums]
    total = int(np.count_nonzero(matching))
    distances = {}
    if run.miles is not None:
        miles = run.miles[docnums].tolist()
        distances = {i: round(m, 1) for i, m in zip(ids, miles) if np.isfinite(m)}
    suggestion = _suggestion(run, vocabulary()) if total == 0 and query.text.strip() else None
    return SearchResult(ids=ids, total=total, page=page, page_count=page_count(total, page_length),
                        facets=run.facets() if facets else {}, other_group_total=run.other_group_total(), suggestion=suggestion,
                        distances=distances)


def _suggestion(run: Run, vocabulary: Vocabulary) -> str | None:
    """Return a corrected spelling of the search text when it finds something."""
    text = vocabulary.corrected(run.query.text)
    if text is None:
        return None
    return text if run.matching(text=run.text_mask(text_query(text))).any() else None


def counts_without(run: Run, count: Callable[[ListingQuery], int]) -> dict[str, int]:
    """For each thing a query narrows by (words, or a filter field), how many it finds without it."""
    query = run.query
    found = {}
    if query.text.strip():
        found["text"] = int(np.count_nonzero(run.matching(text=run.snap.live)))
    for name in query.active_filters:
        mask = BY_FIELD[name].mask
        if mask == "eligibility" and query.age is not None and query.grades:
            # Dropping one of two eligibility answers changes the mask, not removes it.
            found[name] = count(query.without(name))
        else:
            found[name] = int(np.count_nonzero(run.matching(skip=mask)))
    return found


class MaskSet(DocIdSet):  # type: ignore[misc]  # Whoosh is untyped
    """A numpy mask as the 'set' of documents Whoosh may return."""

    def __init__(self, mask: Mask) -> None:
        self.mask = mask

    def __contains__(self, docnum: object) -> bool:
        return isinstance(docnum, int) and bool(self.mask[docnum])

    def __len__(self) -> int:
        return int(np.count_nonzero(self.mask))

    def __bool__(self) -> bool:
        # Whoosh asks "is there a filter?" with truth: an empty filter still filters.
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(np.flatnonzero(self.mask).tolist())
