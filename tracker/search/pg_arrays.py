"""The listings' search values as arrays, read from PostgreSQL once per state of the data.

PostgreSQL matches the words (the generated tsvector column, pg_schema.py) and ranks
them (ts_rank); filters, facet counts, totals and sorts then run on arrays, with the
Whoosh backend's own code (masks.py over a columns.Snapshot). Asking PostgreSQL for
each of them per search read every matching row, and its out-of-line tsvector, for the
count, for the facets and again for the rank: seconds per search at 100,000 listings.

The arrays belong to one state of the listings, named by the data stamp
(tracker/data_stamp.py), which moves in every transaction that changes a listing: a
worker reads them again when it moves, as Whoosh's arrays are read per index commit.
Web nodes still hold nothing the database does not have.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.orm import Session

from tracker import taxonomy
from tracker.models import DataVersion, Listing
from tracker.search.columns import Snapshot
from tracker.search.documents import COORDINATE_SCALE, NO_DEADLINE, scaled
from tracker.search.pg_filters import (AGE_STATED, BUS, GRADE_STATED, HOURLY, HOURS, MAX_AGE, MAX_GRADE, MIN_AGE,
                                       MIN_GRADE, PATHWAYS_TEXT, POSTED, SEASON, TRANSPORT, WORK_MODE)
from tracker.search.pg_schema import COLUMN
from tracker.search.protocols import Floats, Ints, Mask
from tracker.search.scoring import POSTINGS_CACHE_BYTES, ArrayCache

# ts_rank's weights for D, C, B, A (description, kind and pathway names, organisation,
# title): a title match outranks any number of mentions in a description.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
NORMALISATION = 1  # divide by 1 + log(length): a short listing about the word beats a long one mentioning it
# date.toordinal(): day 1 is 0001-01-01.
_DEADLINE = sa.literal_column(f"({Listing.__tablename__}.deadline - DATE '0001-01-01' + 1)", sa.Integer)
_SEARCHED = (Listing.status == Listing.ACTIVE, Listing.duplicate_of_id.is_(None))  # deadlines are masked per day
_LEXEME = re.compile(r"'(?:[^']|'')*'")

_COLUMNS = sa.select(
    Listing.id, Listing.kind, Listing.pay_status, WORK_MODE, SEASON,
    sa.cast(AGE_STATED, sa.Integer), sa.cast(GRADE_STATED, sa.Integer), sa.cast(BUS, sa.Integer),
    sa.cast(TRANSPORT, sa.Integer), MIN_AGE, MAX_AGE, MIN_GRADE, MAX_GRADE, HOURLY, HOURS,
    sa.func.coalesce(_DEADLINE, NO_DEADLINE),
    sa.cast(sa.func.floor(sa.extract("epoch", POSTED) * 1_000_000), sa.BigInteger),
    Listing.latitude, Listing.longitude,
    # Each known pathway named in the JSON list as one bit (as the filter reads it: '"slug"').
    sum((sa.case((PATHWAYS_TEXT.like(f'%"{p.slug}"%'), 1 << n), else_=0) for n, p in enumerate(taxonomy.PATHWAYS)),
        sa.literal(0)),
).where(*_SEARCHED).order_by(Listing.id)

# One word or phrase of a search: where it (or any of its words) is found, whether the
# listing holds it, and its ts_rank there; as packed arrays, one value per listing.
_WORD = sa.text(
    f"SELECT string_agg(int4send(id), ''::bytea), "
    f"string_agg(CASE WHEN {COLUMN} @@ CAST(:words AS tsquery) THEN '\\x01'::bytea ELSE '\\x00'::bytea END, ''::bytea), "
    f"string_agg(float4send(ts_rank(CAST(:weights AS real[]), {COLUMN}, CAST(:words AS tsquery), :normalisation)), "
    f"''::bytea) FROM {Listing.__tablename__} "
    f"WHERE status = :active AND duplicate_of_id IS NULL AND {COLUMN} @@ CAST(:any AS tsquery)")

_STAMP = sa.select(
    sa.select(DataVersion.counter).where(DataVersion.id == 1).scalar_subquery(),
    sa.select(DataVersion.changed_at).where(DataVersion.id == 1).scalar_subquery(),
    # The planner's count of the table, for idf (counting every row cost a scan per search).
    sa.select(sa.cast(sa.column("reltuples"), sa.Float)).select_from(sa.table("pg_class"))
    .where(sa.column("oid") == sa.cast(sa.literal(Listing.__tablename__), REGCLASS))
    .scalar_subquery())


class ListingColumns(Snapshot):
    """Every searchable listing's values (active, not a duplicate), in id order, as masks.py reads them."""

    def __init__(self, rows: list[Any]) -> None:  # the rows of _COLUMNS
        values = list(zip(*rows)) if rows else [()] * len(_COLUMNS.selected_columns)
        (ids, kinds, pays, modes, seasons, age_stated, grade_stated, bus, transport, min_age, max_age,
         min_grade, max_grade, hourly, hours, deadline, posted, latitude, longitude, pathways) = values
        self.size = len(ids)
        self.live = np.ones(self.size, dtype=bool)
        self.codes, self.columns = {}, {}
        for name, column in (("kind", kinds), ("pay", pays), ("work_mode", modes), ("season", seasons)):
            self.codes[name] = {value: n for n, value in enumerate(sorted(set(column)))}
            self.columns[name] = np.fromiter((self.codes[name][v] for v in column), np.int64, self.size)
        for name, column in (("listing_id", ids), ("min_age", min_age), ("max_age", max_age),
                             ("min_grade", min_grade), ("max_grade", max_grade), ("hourly", hourly),
                             ("hours", hours), ("deadline", deadline)):
            self.columns[name] = np.asarray(column, dtype=np.int64).reshape(self.size)
        # Sorts compare the timestamps themselves, as SQL did; the posted filter, seconds (as Whoosh's).
        self.posted_micros: Ints = np.asarray(posted, dtype=np.int64).reshape(self.size)
        self.columns["posted"] = self.posted_micros // 1_000_000
        self.age_stated: Mask = np.asarray(age_stated, dtype=bool).reshape(self.size)
        self.grade_stated: Mask = np.asarray(grade_stated, dtype=bool).reshape(self.size)
        self.access = {"bus": np.asarray(bus, dtype=bool).reshape(self.size),
                       "transport": np.asarray(transport, dtype=bool).reshape(self.size)}
        bits = np.asarray(pathways, dtype=np.int64).reshape(self.size)
        self.pathways = np.stack([(bits >> n) & 1 for n in range(len(taxonomy.PATHWAYS))], axis=1).astype(bool) \
            if self.size else np.zeros((0, len(taxonomy.PATHWAYS)), dtype=bool)
        # A place needs both coordinates (SQL's distance is NULL otherwise): miles_from gives inf without one.
        placed = np.asarray([a is not None and b is not None for a, b in zip(latitude, longitude)], dtype=bool)
        self.latitude = np.asarray([a if p else 0.0 for a, p in zip(latitude, placed)], dtype=np.float64)
        self.longitude = np.asarray([b if p else 0.0 for b, p in zip(longitude, placed)], dtype=np.float64)
        for name, degrees in (("lat", self.latitude), ("lon", self.longitude)):
            self.columns[name] = np.where(placed, np.rint(degrees * COORDINATE_SCALE), scaled(None)).astype(np.int64)

    def positions(self, ids: Ints) -> tuple[Ints, Mask]:
        """Return where ``ids`` sit in these columns, and which of them do (rows added since are not here)."""
        known = self.columns["listing_id"]
        at = np.minimum(np.searchsorted(known, ids), max(self.size - 1, 0))
        present = known[at] == ids if self.size else np.zeros(len(ids), dtype=bool)
        return at[present], present


@dataclass(frozen=True)
class Word:
    """One word or phrase of a search over every listing: where it is held, and its ts_rank."""

    holds: Mask
    rank: Floats  # 0 where none of its words is found


class State:
    """The arrays of one state of the listings, and the words searched in it so far."""

    def __init__(self, key: tuple[Any, ...], columns: ListingColumns) -> None:
        self.key, self.columns = key, columns
        self._words = ArrayCache(POSTINGS_CACHE_BYTES)

    def word(self, session: Session, words: str) -> Word:
        """Return ``words`` (a tsquery of one word or phrase, as normalised) over every listing."""
        found = self._words.get(words)
        if found is None:
            any_word = " | ".join(_LEXEME.findall(words)) or words  # ts_rank counts each word alone too
            packed = session.execute(_WORD, {"words": words, "any": any_word, "weights": WEIGHTS,
                                             "normalisation": NORMALISATION, "active": Listing.ACTIVE}).one()
            ids = np.frombuffer(packed[0] or b"", dtype=">i4").astype(np.int64)
            at, present = self.columns.positions(ids)
            holds = np.zeros(self.columns.size, dtype=bool)
            holds[at] = np.frombuffer(packed[1] or b"", dtype=np.uint8)[present].astype(bool)
            rank = np.zeros(self.columns.size, dtype=np.float32)
            rank[at] = np.frombuffer(packed[2] or b"", dtype=">f4")[present]
            found = (holds, rank)
            self._words.put(words, found)
        return Word(found[0], found[1])


class PerDataVersion:
    """The State of the data a session reads, built on first use after each change and kept until the next."""

    def __init__(self) -> None:
        self._state: State | None = None
        self._lock = threading.Lock()

    def get(self, session: Session) -> tuple[State, float]:
        """Return the arrays of the data ``session`` reads, and the planner's count of the table (for idf).

        The count moves with ANALYZE, not with the data, so it is read per search.
        """
        counter, changed_at, table_size = session.execute(_STAMP).one()
        # The time too: a counter a rolled-back transaction had reached may come again, with other rows.
        key = (counter, changed_at)
        state = self._state
        if state is None or state.key != key:
            with self._lock:  # one thread reads the arrays; the others wait for them
                state = self._state
                if state is None or state.key != key:
                    state = self._state = State(key, ListingColumns(list(session.execute(_COLUMNS).all())))
        return state, float(table_size or 0.0)
