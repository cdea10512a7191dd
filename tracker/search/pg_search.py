"""One search in PostgreSQL: the words and every filter as SQL conditions, then a page, its counts, its order.

engine.py's twin: the same ListingQuery gives the same listings, counts and order
rules; only the arithmetic of relevance differs (tests/test_search_contract.py).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import REGCLASS, TSQUERY, TSVECTOR, array
from sqlalchemy.orm import Session

from tracker import taxonomy
from tracker.filter_registry import BY_FIELD, FILTERS
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.search.backend import MAX_PAGE, SearchResult, page_count
from tracker.search.pg_filters import CONDITIONS, HOURLY, POSTED, Condition, Conditions
from tracker.search.pg_query import TextQuery
from tracker.search.pg_schema import COLUMN

KNOWN_PATHWAYS = frozenset(p.slug for p in taxonomy.PATHWAYS)
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

    # --- counts: one statement --------------------------------------------------------

    def summary(self, only: str | None = None) -> tuple[int, int, dict[str, dict[Any, int]]]:
        """Return the total, the other eligibility group's total and every facet's counts (or facet ``only``'s).

        One statement: the listings matching the words are read once into a CTE with each
        filter's condition (and each facet option's) as a boolean column, and every count
        is taken from those columns, each facet without its own filter.
        """
        c, query = self.conditions, self.query
        flags: dict[str, Condition] = {f"f_{name}": condition for name, condition in c.in_force.items()}
        if query.eligibility_given:
            flags["other"] = c.eligible() if query.unstated else c.unstated()
        read: dict[str, Any] = {}  # the row values facet options compare, computed once per row
        options: list[tuple[str, str, Any, tuple[str, ...]]] = []  # (facet, mask, option, the values it reads)
        groups: list[tuple[str, str, Any]] = []  # (facet, mask, the value counted)
        for f in FILTERS:
            mask = CONDITIONS[f.mask]
            if f.facet is None or (f.mask == "near" and c.miles is None) or only not in (None, f.facet):
                continue
            if mask.values is not None:
                names = tuple(f"r{len(read) + n}" for n in range(len(mask.values(c))))
                read.update(zip(names, mask.values(c)))
                options += [(f.facet, f.mask, option, names) for option in (mask.flag_names or f.options)]
            else:
                groups.append((f.facet, f.mask, mask.group_by))
        values = [value.label(f"v{n}") for n, (_facet, _mask, value) in enumerate(groups)]
        matched = (sa.select(*values, *(value.label(name) for name, value in read.items()),
                             *(condition.label(name) for name, condition in flags.items()))
                   .select_from(Listing).where(self.visible, self.words).cte("matched").prefix_with("MATERIALIZED"))

        def all_but(skip: str | None = None) -> Condition:
            return sa.and_(sa.true(), *(matched.c[f"f_{name}"] for name in c.in_force if name != skip))

        numbers = [sa.func.count().filter(all_but())]
        if "other" in flags:
            numbers.append(sa.func.count().filter(sa.and_(all_but("eligibility"), matched.c.other)))
        for _facet, mask_name, option, names in options:
            at = CONDITIONS[mask_name].at
            assert at is not None
            at_option = at(c, tuple(matched.c[n] for n in names), option)
            numbers.append(sa.func.count().filter(sa.and_(all_but(mask_name), at_option)))
        parts = [sa.select(sa.literal("#"), sa.cast(array(numbers), sa.Text), sa.literal(0)).select_from(matched)]
        for n, (facet, mask_name, _value) in enumerate(groups):
            value = matched.c[f"v{n}"]
            parts.append(sa.select(sa.literal(facet), sa.cast(value, sa.Text), sa.func.count())
                         .select_from(matched).where(all_but(mask_name)).group_by(value))
        rows = self.session.execute(sa.union_all(*parts)).all()
        numbers_row = next(row for row in rows if row[0] == "#")
        counted = [int(n) for n in numbers_row[1].strip("{}").split(",")]
        total = counted.pop(0)
        other_total = counted.pop(0) if "other" in flags else 0
        # Every facet counted has its entry, if only an empty one (as Whoosh's).
        facets: dict[str, dict[Any, int]] = {facet: {} for facet, *_rest in options + groups}
        for (facet, _mask, option, _names), number in zip(options, counted):
            facets[facet][option] = number
        lists = {facet for facet, mask_name, _value in groups if CONDITIONS[mask_name].lists}
        for facet, label, number in rows:
            if facet == "#" or not number:
                continue
            if facet in lists:  # a listing's pathways, as JSON: one count for each (known) one
                for slug in set(json.loads(label or "[]")) & KNOWN_PATHWAYS:
                    facets[facet][slug] = facets[facet].get(slug, 0) + int(number)
            else:
                facets[facet][label] = int(number)
        return total, other_total, facets

    def facets(self, only: str | None = None) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter (or of facet ``only``), each without its own filter."""
        return self.summary(only)[2]

    # --- the page ------------------------------------------------------------------

    def page(self, total: int, page: int, page_length: int) -> tuple[list[int], int, dict[int, float]]:
        """Return the ids on ``page`` in the query's order, that page, and the distances of the ones with a place."""
        page = min(page, page_count(total, page_length))
        if not total:
            return [], page, {}
        miles = self.conditions.miles
        columns: list[Any] = [Listing.id] + ([miles] if miles is not None else [])
        statement = (sa.select(*columns).where(self.matching()).order_by(*self.order())
                     .limit(page_length).offset((page - 1) * page_length))
        rows = self.session.execute(statement).all()
        distances = {row[0]: round(float(row[1]), 1) for row in rows
                     if miles is not None and row[1] is not None and math.isfinite(row[1])}
        return [row[0] for row in rows], page, distances

    def order(self) -> list[Any]:
        sort, last = self.query.sort, [Listing.id]
        if sort == "nearest" and self.conditions.miles is not None:
            return [self.conditions.miles.asc().nulls_last()] + last  # no place (remote) sorts last
        if sort == "deadline":
            return [Listing.deadline.asc().nulls_last(), POSTED.desc()] + last
        if sort == "relevance" and self.text.leaves:
            return [self.rank().desc(), POSTED.desc()] + last  # ties: newest first
        return [POSTED.desc()] + last

    def rank(self) -> sa.ColumnElement[float]:
        """Each word's ts_rank, weighed by how rare it is (idf as Whoosh's BM25 has it), summed.

        The counts are uncorrelated subqueries: PostgreSQL runs each once per statement. How
        many listings there are is the planner's estimate (counting them all cost a scan per
        search), or the count itself while the table was never analysed (a new site, a test).
        """
        weights = sa.cast(sa.literal(WEIGHTS), sa.ARRAY(sa.REAL))
        estimate = (sa.select(sa.func.max(sa.column("reltuples", sa.Float))).select_from(sa.table("pg_class"))
                    .where(sa.column("oid") == sa.cast(sa.literal(Listing.__tablename__), REGCLASS)).scalar_subquery())
        counted = sa.select(sa.cast(sa.func.count(), sa.Float)).select_from(Listing).where(self.visible).scalar_subquery()
        size = sa.case((estimate > 0, estimate), else_=counted)
        score: sa.ColumnElement[float] = sa.literal(0.0)
        for leaf in self.text.leaves:
            count = sa.select(sa.func.count()).select_from(Listing).where(self.visible, matches(leaf)).scalar_subquery()
            # Never below 1 (the estimate may lag a large ingest); the count written once, so run once.
            idf = sa.func.ln(sa.func.greatest(size / (count + 1), 1.0)) + 1
            score = score + idf * sa.func.ts_rank(weights, VECTOR, tsquery(leaf), NORMALISATION)
        if self.text.phrase:
            score = score + sa.case((matches(self.text.phrase), PHRASE_BONUS), else_=0.0)
        return score


def search(run: Run, page_length: int, suggest: Callable[[], str | None], facets: bool = True) -> SearchResult:
    """Return one page of ``run``'s listing ids with counts for every filter choice."""
    query = run.query
    total, other_total, found_facets = run.summary(only=None if facets else "")  # "": no facet
    ids, page, distances = run.page(total, min(query.page, MAX_PAGE), page_length)
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
