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
import numpy.typing as npt
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.orm import Session

from tracker import taxonomy
from tracker.data_stamp import ROW_ID
from tracker.models import DataVersion, Listing
from tracker.search.columns import Snapshot
from tracker.search.documents import COORDINATE_SCALE, NO_DEADLINE, scaled
from tracker.search.pg_filters import (AGE_STATED, BUS, GRADE_STATED, HOURLY, HOURS, MAX_AGE, MAX_GRADE, MIN_AGE,
                                       MIN_GRADE, PATHWAYS_TEXT, POSTED, SEASON, TRANSPORT, WORK_MODE)
from tracker.search.pg_schema import COLUMN
from tracker.search.protocols import Floats, Ints, Mask
from tracker.search.scoring import POSTINGS_CACHE_BYTES, ArrayCache

Doubles = npt.NDArray[np.float64]

# ts_rank's weights for D, C, B, A (description, kind and pathway names, organisation,
# title): a title match outranks any number of mentions in a description.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
NORMALISATION = 1  # divide by 1 + log(length): a short listing about the word beats a long one mentioning it
# date.toordinal(): day 1 is 0001-01-01.
_DEADLINE = sa.literal_column(f"({Listing.__tablename__}.deadline - DATE '0001-01-01' + 1)", sa.Integer)
_SEARCHED = (Listing.status == Listing.ACTIVE, Listing.duplicate_of_id.is_(None))  # deadlines are masked per day
_LEXEME = re.compile(r"'(?:[^']|'')*'")

_SEPARATOR = "\x1f"  # between the texts of a packed text column (no value holds it)
_BITS = (sa.cast(AGE_STATED, sa.Integer) + 2 * sa.cast(GRADE_STATED, sa.Integer) + 4 * sa.cast(BUS, sa.Integer)
         + 8 * sa.cast(TRANSPORT, sa.Integer))
_FLAGS = ("age_stated", "grade_stated", "bus", "transport")  # _BITS' bits, lowest first
_NUMBERS = {  # int4 each
    "listing_id": Listing.id, "min_age": MIN_AGE, "max_age": MAX_AGE, "min_grade": MIN_GRADE, "max_grade": MAX_GRADE,
    "hourly": sa.cast(HOURLY, sa.Integer), "hours": HOURS, "deadline": sa.func.coalesce(_DEADLINE, NO_DEADLINE),
    "flags": _BITS,
    # Each known pathway named in the JSON list as one bit (as the filter reads it: '"slug"').
    "pathways": sum((sa.case((PATHWAYS_TEXT.like(f'%"{p.slug}"%'), 1 << n), else_=0)
                     for n, p in enumerate(taxonomy.PATHWAYS)), sa.literal(0)),
}
_TEXTS = {"kind": Listing.kind, "pay": Listing.pay_status, "work_mode": WORK_MODE, "season": SEASON}
_NOWHERE: sa.ColumnElement[float] = sa.literal_column("'NaN'::float8", sa.Float)
_BYTES: sa.ColumnElement[bytes] = sa.literal_column("''::bytea", sa.LargeBinary)
# Every value of every searchable listing as one packed array per column, in one row: a
# row per listing took the driver 1.9 s at 100,000 listings, this 0.6 to 1 s in all.
_COLUMNS = sa.select(
    *(sa.func.string_agg(sa.func.int4send(value), _BYTES) for value in _NUMBERS.values()),
    sa.func.string_agg(sa.func.int8send(sa.cast(sa.func.floor(sa.extract("epoch", POSTED) * 1_000_000),
                                                sa.BigInteger)), _BYTES),
    sa.func.string_agg(sa.func.float8send(sa.func.coalesce(Listing.latitude, _NOWHERE)), _BYTES),
    sa.func.string_agg(sa.func.float8send(sa.func.coalesce(Listing.longitude, _NOWHERE)), _BYTES),
    *(sa.func.string_agg(value, _SEPARATOR) for value in _TEXTS.values()),
).where(*_SEARCHED)

# One word or phrase of a search: where it (or any of its words) is found, whether the
# listing holds it, and its ts_rank there; as packed arrays, one value per listing. Each
# use of the column reads its value again (out of line, the costly part): one word alone
# is held wherever it is found, so it is not asked twice.
_RANK = f"string_agg(float4send(ts_rank(CAST(:weights AS real[]), {COLUMN}, CAST(:words AS tsquery), :normalisation)), ''::bytea)"
_FOUND = f"FROM {Listing.__tablename__} WHERE status = :active AND duplicate_of_id IS NULL AND {COLUMN} @@ CAST(:any AS tsquery)"
_WORD = sa.text(
    f"SELECT string_agg(int4send(id), ''::bytea), {_RANK}, "
    f"string_agg(CASE WHEN {COLUMN} @@ CAST(:words AS tsquery) THEN '\\x01'::bytea ELSE '\\x00'::bytea END, ''::bytea) "
    f"{_FOUND}")
_ONE_WORD = sa.text(f"SELECT string_agg(int4send(id), ''::bytea), {_RANK} {_FOUND}")

_STAMP = sa.select(
    sa.select(DataVersion.counter).where(DataVersion.id == ROW_ID).scalar_subquery(),
    sa.select(DataVersion.changed_at).where(DataVersion.id == ROW_ID).scalar_subquery(),
    # The planner's count of the table, for idf (counting every row cost a scan per search).
    sa.select(sa.cast(sa.column("reltuples"), sa.Float)).select_from(sa.table("pg_class"))
    .where(sa.column("oid") == sa.cast(sa.literal(Listing.__tablename__), REGCLASS))
    .scalar_subquery())


class ListingColumns(Snapshot):
    """Every searchable listing's values (active, not a duplicate), in id order, as masks.py reads them."""

    def __init__(self, packed: Any) -> None:  # the row of _COLUMNS
        numbers = {name: np.frombuffer(value or b"", dtype=">i4").astype(np.int64)
                   for name, value in zip(_NUMBERS, packed)}
        rest = packed[len(_NUMBERS):]
        order = np.argsort(numbers["listing_id"], kind="stable")  # the aggregates' rows in one order, any order
        self.size = len(order)
        self.live = np.ones(self.size, dtype=bool)
        self.columns = {name: values[order] for name, values in numbers.items()}
        # Sorts compare the timestamps themselves, as SQL did; the posted filter, seconds (as Whoosh's).
        self.posted_micros: Ints = np.frombuffer(rest[0] or b"", dtype=">i8").astype(np.int64)[order]
        self.columns["posted"] = self.posted_micros // 1_000_000
        self.codes = {}
        for (name, value) in zip(_TEXTS, rest[3:]):
            texts = (value or "").split(_SEPARATOR) if self.size else []
            self.codes[name] = {text: n for n, text in enumerate(sorted(set(texts)))}
            self.columns[name] = np.fromiter((self.codes[name][t] for t in texts), np.int64, self.size)[order]
        flags = self.columns.pop("flags")
        self.age_stated, self.grade_stated, bus, transport = ((flags >> n) & 1 == 1 for n in range(len(_FLAGS)))
        self.access = {"bus": bus, "transport": transport}
        bits = self.columns.pop("pathways")
        # Each pathway's column contiguous, as Snapshot keeps them (masks.py reads one at a time).
        self.pathways = np.stack([(bits >> n) & 1 == 1 for n in range(len(taxonomy.PATHWAYS))]).T
        latitude, longitude = (np.frombuffer(v or b"", dtype=">f8").astype(np.float64)[order] for v in rest[1:3])
        # A place needs both coordinates (SQL's distance is NULL otherwise): miles_from gives inf without one.
        placed = ~np.isnan(latitude) & ~np.isnan(longitude)
        self.latitude, self.longitude = np.where(placed, latitude, 0.0), np.where(placed, longitude, 0.0)
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
    """One word or phrase of a search: the listings holding any of its words, whether each holds it, its ts_rank."""

    size: int  # how many listings the columns hold
    at: Ints  # where the listings holding any of its words sit in the columns, in order
    holding: Mask  # for each of them, whether it holds the word or phrase itself
    rank: Floats  # for each of them, its ts_rank (0 for the rest)

    def holds(self) -> Mask:
        """Return which listings hold it."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.at[self.holding]] = True
        return mask

    def ranks_at(self, positions: Ints) -> Doubles:
        """Return the ts_rank of the listings at ``positions`` (sorted) for it."""
        ranks = np.zeros(len(positions), dtype=np.float64)
        if len(self.at):
            found = np.minimum(np.searchsorted(self.at, positions), len(self.at) - 1)
            held = self.at[found] == positions
            ranks[held] = self.rank[found[held]]
        return ranks


class State:
    """The arrays of one state of the listings, and the words searched in it so far."""

    def __init__(self, key: tuple[Any, ...], columns: ListingColumns) -> None:
        self.key, self.columns = key, columns
        # Where each word is held, as Whoosh's postings (scoring.py): a common word's arrays are large, a rare one's small.
        self._words = ArrayCache(POSTINGS_CACHE_BYTES)

    def word(self, session: Session, words: str) -> Word:
        """Return ``words`` (a tsquery of one word or phrase, as normalised) over the listings."""
        found = self._words.get(words)
        if found is None:
            lexemes = _LEXEME.findall(words)
            alone = lexemes == [words]
            any_word = " | ".join(lexemes) or words  # ts_rank counts each word alone too
            packed = session.execute(_ONE_WORD if alone else _WORD, {
                "words": words, "any": any_word, "weights": WEIGHTS, "normalisation": NORMALISATION,
                "active": Listing.ACTIVE}).one()
            ids = np.frombuffer(packed[0] or b"", dtype=">i4").astype(np.int64)
            at, present = self.columns.positions(ids)
            holding = (np.ones(len(ids), dtype=bool) if alone
                       else np.frombuffer(packed[2] or b"", dtype=np.uint8).astype(bool))
            rank = np.frombuffer(packed[1] or b"", dtype=">f4")[present].astype(np.float32)
            order = np.argsort(at, kind="stable")
            found = (at[order].astype(np.int32), holding[present][order], rank[order])
            self._words.put(words, found)
        return Word(self.columns.size, found[0], found[1], found[2])


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
                    state = self._state = State(key, ListingColumns(session.execute(_COLUMNS).one()))
        return state, float(table_size or 0.0)
