"""One search in PostgreSQL: the words and every filter as SQL conditions, then a page, its counts, its order.

engine.py's twin: the same ListingQuery gives the same listings, counts and order
rules; only the arithmetic of relevance differs (tests/test_search_contract.py).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import Session

from tracker import taxonomy
from tracker.filter_registry import BY_FIELD, FILTERS
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.search.backend import MAX_PAGE, SearchResult, page_count
from tracker.search.pg_filters import CONDITIONS, HOURLY, PATHWAYS, POSTED, Condition, Conditions
from tracker.search.pg_query import TextQuery
from tracker.search.pg_schema import COLUMN

VECTOR = sa.literal_column(f"{Listing.__tablename__}.{COLUMN}", TSVECTOR)
# ts_rank's weights for D, C, B, A (description, kind and pathway names, organisation,
# title): a title match outranks any number of mentions in a description.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
NORMALISATION = 1  # divide by 1 + log(length): a short listing about the word beats a long one mentioning it
PHRASE_BONUS = 1000.0  # plain words found as typed, next to each other, rank above the rest


def tsquery(text: str) -> sa.ColumnElement[Any]:
    return sa.cast(sa.literal(text), TSQUERY)


def matches(text: str) -> Condition:
    return VECTOR.bool_op("@@")(tsquery(text))


class Run:
    """One request's search: the words and each filter as a condition."""

    def __init__(self, session: Session, query: ListingQuery, today: date, text: TextQuery) -> None:
        self.session, self.query, self.today, self.text = session, query, today, text
        self.conditions = Conditions(query, today)
        self.visible = Listing.visible(today)
        self.words: Condition = matches(text.tsquery) if text.tsquery else sa.true()

    def matching(self, skip: str | None = None, words: bool = True) -> Condition:
        """Listings matching the words (unless not ``words``) and every filter but ``skip``."""
        return sa.and_(self.visible, self.words if words else sa.true(), self.conditions.all_but(skip))

    def count(self, condition: Condition) -> int:
        return int(self.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(condition)) or 0)

    # --- counts --------------------------------------------------------------------

    def numbers(self) -> tuple[int, int, dict[str, dict[Any, int]]]:
        """Return the total, the other eligibility group's total and the number and flag facets, in one statement."""
        c, query = self.conditions, self.query
        columns: list[sa.ColumnElement[Any]] = [sa.func.count().filter(c.all_but())]
        other = None
        if query.eligibility_given:
            other = c.eligible() if query.unstated else c.unstated()
            columns.append(sa.func.count().filter(sa.and_(c.all_but("eligibility"), other)))
        keys: list[tuple[str, Any]] = []
        for f in FILTERS:
            mask = CONDITIONS[f.mask]
            if f.facet is None or (f.mask == "near" and c.miles is None):
                continue
            if mask.at is not None:
                for option in f.options:
                    keys.append((f.facet, option))
                    columns.append(sa.func.count().filter(sa.and_(c.all_but(f.mask), mask.at(c, option))))
            elif mask.flags is not None:
                for slug, flag in mask.flags.items():
                    keys.append((f.facet, slug))
                    columns.append(sa.func.count().filter(sa.and_(c.all_but(f.mask), flag)))
        row = self.session.execute(sa.select(*columns).select_from(Listing).where(self.visible, self.words)).one()
        values = list(row)
        total = int(values.pop(0))
        other_total = int(values.pop(0)) if other is not None else 0
        facets: dict[str, dict[Any, int]] = {}
        for (facet, option), number in zip(keys, values):
            facets.setdefault(facet, {})[option] = int(number)
        return total, other_total, facets

    def choice_facets(self, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts of each value of every choice filter (or of facet ``only``), each without its own filter."""
        parts = []
        for f in FILTERS:
            mask = CONDITIONS[f.mask]
            if f.facet is None or only not in (None, f.facet):
                continue
            where = sa.and_(self.visible, self.words, self.conditions.all_but(f.mask))
            if mask.group_by is not None:
                parts.append(sa.select(sa.literal(f.facet), sa.cast(mask.group_by, sa.Text), sa.func.count())
                             .select_from(Listing).where(where).group_by(mask.group_by))
            elif mask.pathways:
                element = sa.func.jsonb_array_elements_text(PATHWAYS).table_valued("value").render_derived()
                parts.append(sa.select(sa.literal(f.facet), element.c.value, sa.func.count(sa.distinct(Listing.id)))
                             .select_from(Listing).join(element, sa.true()).where(where).group_by(element.c.value))
        found: dict[str, dict[Any, int]] = {}
        if not parts:
            return found
        known_pathways = {p.slug for p in taxonomy.PATHWAYS}
        for facet, value, number in self.session.execute(sa.union_all(*parts)):
            if facet == "pathways" and value not in known_pathways:
                continue
            if number:
                found.setdefault(facet, {})[value] = int(number)
        return found

    def facets(self, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``), each without its own filter."""
        found = self.choice_facets(only)
        found.update({k: v for k, v in self.numbers()[2].items() if only in (None, k)})
        return found

    # --- the page ------------------------------------------------------------------

    def page(self, total: int, page: int, page_length: int,
             frequencies: Callable[[TextQuery], tuple[int, list[int]]]) -> tuple[list[int], int, dict[int, float]]:
        """Return the ids on ``page`` in the query's order, that page, and the distances of the ones with a place."""
        page = min(page, page_count(total, page_length))
        if not total:
            return [], page, {}
        miles = self.conditions.miles
        columns: list[Any] = [Listing.id] + ([miles] if miles is not None else [])
        statement = (sa.select(*columns).where(self.matching()).order_by(*self.order(frequencies))
                     .limit(page_length).offset((page - 1) * page_length))
        rows = self.session.execute(statement).all()
        distances = {row[0]: round(float(row[1]), 1) for row in rows
                     if miles is not None and row[1] is not None and math.isfinite(row[1])}
        return [row[0] for row in rows], page, distances

    def order(self, frequencies: Callable[[TextQuery], tuple[int, list[int]]]) -> list[Any]:
        sort, last = self.query.sort, [Listing.id]
        if sort == "nearest" and self.conditions.miles is not None:
            return [self.conditions.miles.asc().nulls_last()] + last  # no place (remote) sorts last
        if sort == "deadline":
            return [Listing.deadline.asc().nulls_last(), POSTED.desc()] + last
        if sort == "relevance" and self.text.leaves:
            return [self.rank(*frequencies(self.text)).desc(), POSTED.desc()] + last  # ties: newest first
        return [POSTED.desc()] + last

    def rank(self, size: int, counts: list[int]) -> sa.ColumnElement[float]:
        """Each word's ts_rank, weighed by how rare it is (idf as Whoosh's BM25 has it), summed."""
        weights = sa.cast(sa.literal(WEIGHTS), sa.ARRAY(sa.REAL))
        score: sa.ColumnElement[float] = sa.literal(0.0)
        for leaf, count in zip(self.text.leaves, counts):
            idf = math.log(max(size, 1) / (count + 1)) + 1
            score = score + idf * sa.func.ts_rank(weights, VECTOR, tsquery(leaf), NORMALISATION)
        if self.text.phrase:
            score = score + sa.case((matches(self.text.phrase), PHRASE_BONUS), else_=0.0)
        return score


def frequencies(session: Session, today: date, text: TextQuery) -> tuple[int, list[int]]:
    """Return how many listings are open, and how many of them hold each of ``text``'s parts."""
    visible = Listing.visible(today)
    columns = [sa.select(sa.func.count()).select_from(Listing).where(visible).scalar_subquery()]
    columns += [sa.select(sa.func.count()).select_from(Listing).where(visible, matches(leaf)).scalar_subquery()
                for leaf in text.leaves]
    row = list(session.execute(sa.select(*columns)).one())
    return int(row[0]), [int(n) for n in row[1:]]


def search(run: Run, page_length: int, suggest: Callable[[], str | None], facets: bool = True) -> SearchResult:
    """Return one page of ``run``'s listing ids with counts for every filter choice."""
    query = run.query
    total, other_total, number_facets = run.numbers()
    ids, page, distances = run.page(total, min(query.page, MAX_PAGE), page_length,
                                    lambda text: frequencies(run.session, run.today, text))
    found_facets = {**run.choice_facets(), **number_facets} if facets else {}
    suggestion = suggest() if total == 0 and query.text.strip() else None
    return SearchResult(ids=ids, total=total, page=page, page_count=page_count(total, page_length),
                        facets=found_facets, other_group_total=other_total, suggestion=suggestion,
                        distances=distances)


def counts_without(run: Run, count: Callable[[ListingQuery], int]) -> dict[str, int]:
    """For each thing a query narrows by (words, or a filter field), how many it finds without it."""
    query, found = run.query, {}
    if query.text.strip():
        found["text"] = run.count(run.matching(words=False))
    for name in query.active_filters:
        mask = BY_FIELD[name].mask
        if mask == "eligibility" and query.age is not None and query.grades:
            found[name] = count(query.without(name))  # dropping one of two answers changes the condition
        else:
            found[name] = run.count(run.matching(skip=mask))
    return found


def hourly_rates(run: Run) -> list[int]:
    """Return the hourly pay (cents) of every listing the search finds that states one."""
    rates = run.session.scalars(sa.select(HOURLY).select_from(Listing).where(run.matching(), HOURLY > 0))
    return [int(r) for r in rates]
