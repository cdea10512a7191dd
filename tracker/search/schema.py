"""The Whoosh schema: which fields are words, which are columns, and its version."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from tracker.search.analysis import ANALYZER, stemmed_positions

# Bump when SCHEMA or document_for changes: an index built before is rebuilt, not misread.
SCHEMA_VERSION = "8"
TEXT_FIELDS = ("content",)
CATEGORICAL = ("kind", "pay", "work_mode", "season")
NUMERIC_COLUMNS = ("listing_id", "min_age", "max_age", "min_grade", "max_grade", "hourly", "hours",
                   "deadline", "posted", "lat", "lon")
FLAG_COLUMNS = ("age_stated", "grade_stated", "bus", "transport")


class StemmedText(TEXT):  # type: ignore[misc]  # Whoosh is untyped
    """TEXT analysed by ANALYZER in one pass (see analysis.py): the same terms, positions and weights."""

    def __init__(self) -> None:
        super().__init__(analyzer=ANALYZER)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, positions in stemmed_positions(value).items():
            yield word.encode("utf-8"), len(positions), float(len(positions)) * boost, self._encode(positions)

    def _encode(self, positions: list[int]) -> bytes:
        if len(positions) > 1:
            encoded: bytes = self.format.encode(positions)
            return encoded
        # Most words of a listing occur once: their encodings repeat across documents.
        found = _SINGLE_POSITIONS.get(positions[0])
        if found is None:
            found = _SINGLE_POSITIONS[positions[0]] = self.format.encode(positions)
        return found


# Module-level, not on the field: Whoosh pickles the schema into every commit's table of contents.
_SINGLE_POSITIONS: dict[int, bytes] = {}


SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    # The same id as a column, so pages of results need no stored-field reads.
    listing_id=COLUMN(NumericColumn("q")),
    # Title, organisation, kind and pathway names (so "internship" finds internships that
    # never say the word) and description, weighted by repetition (documents.TITLE_WEIGHT).
    content=StemmedText(),
    pathway=KEYWORD(commas=True),
    # Filters, facets and sorts read these as arrays (columns.Snapshot), never as terms, so
    # they are columns only: indexing them as terms cost most of a rebuild (Whoosh
    # indexes each number at several precisions and checks every posting's length).
    kind=COLUMN(RefBytesColumn()),
    pay=COLUMN(RefBytesColumn()),
    work_mode=COLUMN(RefBytesColumn()),
    season=COLUMN(RefBytesColumn()),
    age_stated=COLUMN(NumericColumn("b")),
    grade_stated=COLUMN(NumericColumn("b")),
    # Getting there: a served bus stop within a walk (the transit feed), transport provided.
    bus=COLUMN(NumericColumn("b")),
    transport=COLUMN(NumericColumn("b")),
    min_age=COLUMN(NumericColumn("h")),
    max_age=COLUMN(NumericColumn("h")),
    min_grade=COLUMN(NumericColumn("h")),
    max_grade=COLUMN(NumericColumn("h")),
    # Cents an hour, and degrees x 100,000: whole numbers keep the columns simple.
    hourly=COLUMN(NumericColumn("q")),
    hours=COLUMN(NumericColumn("q")),
    deadline=COLUMN(NumericColumn("q")),
    posted=COLUMN(NumericColumn("q")),
    lat=COLUMN(NumericColumn("q")),
    lon=COLUMN(NumericColumn("q")),
    # The listing's version when indexed (Listing.index_version): how `index verify` and
    # the reconcile at the start of each ingest tell a stale document from a current one.
    version=COLUMN(NumericColumn("q")),
)
